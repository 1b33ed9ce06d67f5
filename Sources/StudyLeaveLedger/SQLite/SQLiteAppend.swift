import GRDB
import StudyLeaveDomain

/// The append path, in one place: the only code that writes events.
///
/// A decision reads the events of its tags at some head position, decides, and appends on the
/// condition that no event with those tags was appended after that position (the dynamic
/// consistency boundary). The check and the insert run in one `BEGIN IMMEDIATE` transaction, so
/// two processes can never both pass a condition that only one may pass: SQLite's write lock
/// orders them, and the second sees the first's events.
extension SQLiteLedger {
    public func append(_ newEvents: [NewEvent], actor: String, requestId: String? = nil,
                       condition: AppendCondition? = nil, nowMillis: Int64 = Timestamp.nowMillis()) throws(LedgerError) -> AppendResult {
        precondition(!newEvents.isEmpty)
        try StoredEvent.check(actor: actor, requestId: requestId)
        do {
            return try queue.writeWithoutTransaction { db in
                var result: AppendResult!
                try db.inTransaction(.immediate) {
                    let reader = SQLiteReader(db: db)
                    // Idempotency: a request id already recorded answers with the first recording.
                    if let requestId, let first = try reader.event(requestId: requestId) {
                        result = AppendResult(events: [first], duplicate: true)
                        return .rollback
                    }
                    if let condition, try Self.anyEvent(db, taggedAny: condition.tags, after: condition.after) {
                        throw LedgerError.conflict
                    }
                    let last = try Row.fetchOne(db, sql: "SELECT position, hash, recorded_at FROM events ORDER BY position DESC LIMIT 1")
                    var position: Int64 = last?[0] ?? 0
                    var previous: String = last?[1] ?? HashChain.genesis
                    // Transaction time never runs backwards, so `--known-at TIME` is a prefix.
                    let lastMillis = (last?[2] as String?).flatMap(Timestamp.parseStored) ?? Int64.min
                    let recordedAt = Timestamp.format(millis: max(nowMillis, lastMillis))
                    var written: [Event] = []
                    for (i, e) in newEvents.enumerated() {
                        position += 1
                        let stored = StoredEvent(e, position: position, recordedAt: recordedAt, actor: actor,
                                                 requestId: i == 0 ? requestId : nil)
                        previous = try stored.insert(db, previous: previous)
                        written.append(Event(position: position, on: e.on, recordedAt: recordedAt, actor: actor,
                                             requestId: stored.requestId, tags: Array(Set(e.tags)).sorted(), data: e.data))
                    }
                    // The projection tables move in the same transaction: never behind the events.
                    try Projections.refresh(db, after: written)
                    result = AppendResult(events: written, duplicate: false)
                    return .commit
                }
                return result
            }
        } catch let e as LedgerError {
            throw e
        } catch {
            throw SQLiteLedger.translate(error, path: path)
        }
    }

    static func anyEvent(_ db: Database, taggedAny tags: Set<String>, after: Int64) throws -> Bool {
        guard !tags.isEmpty else { return false }
        let marks = Array(repeating: "?", count: tags.count).joined(separator: ",")
        var args = StatementArguments(tags.sorted())
        args += [after]
        return try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM event_tags WHERE tag IN (\(marks)) AND position > ?)", arguments: args) ?? false
    }
}

/// The row inserted into SQLite: the one place that writes an event row (append, and the general
/// path of tests and tools).
extension StoredEvent {
    /// Inserts the row and its tags; returns its hash.
    func insert(_ db: Database, previous: String, expectedHash: String? = nil, tagTable: String = "event_tags", tagList: [String]? = nil) throws -> String {
        let hash = HashChain.hash(previous: previous, canonical: canonical)
        if let expectedHash, expectedHash != hash { throw HashMismatch(computed: hash) }
        let insertEvent = try db.cachedStatement(sql: """
            INSERT INTO events(position, type, version, on_day, recorded_at, actor, request_id, tags, payload, hash)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        try insertEvent.execute(arguments: [position, type, version, on, recordedAt, actor, requestId, tags, payload, hash])
        let insertTag = try db.cachedStatement(sql: "INSERT INTO \(tagTable)(tag, position) VALUES (?, ?)")
        for tag in try tagList ?? (JSONParser.parse(tags).arrayValue ?? []).compactMap(\.stringValue) {
            try insertTag.execute(arguments: [tag, position])
        }
        return hash
    }

    struct HashMismatch: Error { let computed: String }
}
