// What `ImportLine` uses from the ledger module besides the parsers, without SQLite or
// swift-crypto: the row it returns. (HashChain.canonical and tagsText are cut out of HashChain.swift
// by run.sh.)

struct StoredEvent: Equatable {
    var position: Int64
    var type: String
    var version: Int
    var on: String
    var recordedAt: String
    var actor: String
    var requestId: String?
    var tags: String
    var payload: String
}
