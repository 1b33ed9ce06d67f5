import StudyLeaveDomain

/// An event row exactly as every store keeps it and the chain hashes it: the same columns, the
/// same text, on SQLite and PostgreSQL alike, so that the same events give the same hashes and a
/// byte-identical export whichever store wrote them.
public struct StoredEvent: Equatable, Sendable {
    public var position: Int64
    public var type: String
    public var version: Int
    /// The day it happened, ISO (`2025-09-01`).
    public var on: String
    /// When it was recorded, UTC with milliseconds (`Timestamp`).
    public var recordedAt: String
    public var actor: String
    public var requestId: String?
    /// The tags as a canonical JSON array of sorted, distinct strings (`HashChain.tagsText`).
    public var tags: String
    /// The payload as canonical JSON (`EventCodec.encode(_:).canonical`).
    public var payload: String

    public init(position: Int64, type: String, version: Int, on: String, recordedAt: String, actor: String,
                requestId: String?, tags: String, payload: String) {
        self.position = position; self.type = type; self.version = version; self.on = on; self.recordedAt = recordedAt
        self.actor = actor; self.requestId = requestId; self.tags = tags; self.payload = payload
    }

    /// The row of a new event at `position`.
    init(_ e: NewEvent, position: Int64, recordedAt: String, actor: String, requestId: String?) {
        self.init(position: position, type: e.data.type, version: EventData.schemaVersion, on: e.on.iso, recordedAt: recordedAt,
                  actor: actor, requestId: requestId, tags: HashChain.tagsText(e.tags), payload: EventCodec.encode(e.data).canonical)
    }

    /// The bytes the chain hashes: every column but the hash, as canonical JSON.
    public var canonical: [UInt8] {
        HashChain.canonical(position: position, type: type, version: version, on: on, recordedAt: recordedAt,
                            actor: actor, requestId: requestId, tags: tags, payload: payload)
    }

    /// The export line of the row with its hash (without the newline).
    public func exportLine(hash: String) -> [UInt8] {
        HashChain.canonical(position: position, type: type, version: version, on: on, recordedAt: recordedAt,
                            actor: actor, requestId: requestId, tags: tags, payload: payload, hash: hash)
    }

    /// The row read back as an event; a row that cannot be read is corruption (exit 74), named by
    /// its position.
    public func decoded() throws(LedgerError) -> Event {
        guard let day = DateParsing.parseISO(on) else {
            throw .corrupt(position: position, detail: "the day '\(on)' is not an ISO date")
        }
        guard let tagList = HashChain.tags(fromText: tags) else {
            throw .corrupt(position: position, detail: "its tags are not a list of strings: '\(tags)'")
        }
        let data: EventData
        do {
            data = try EventCodec.decode(type: type, version: version, payloadText: payload)
        } catch {
            throw .corrupt(position: position, detail: error.message)
        }
        return Event(position: position, on: day, recordedAt: recordedAt, actor: actor, requestId: requestId, tags: tagList, data: data)
    }
}

extension StoredEvent {
    /// The row's own fields within `RowLimits`, as import checks them: every store's append asks
    /// first, so that no ledger holds a row its export could not bring back.
    public static func check(actor: String, requestId: String?) throws(LedgerError) {
        guard RowLimits.isActor(actor) else {
            throw .badRow("the actor must be 1 to \(RowLimits.characters) characters (--actor or $STUDYLEAVE_ACTOR); nothing was recorded")
        }
        if let requestId, !RowLimits.isRequestId(requestId) {
            throw .badRow("--request-id must be 1 to \(RowLimits.characters) characters; nothing was recorded")
        }
    }
}
