import GRDB
import StudyLeaveDomain

/// What `verify` found.
public struct VerifyReport: Equatable, Sendable {
    public var events: Int64
    public var head: String
    /// The first position that fails, and why; nil when the ledger is intact.
    public var failure: (position: Int64?, detail: String)?

    public var isIntact: Bool { failure == nil }

    public static func == (a: VerifyReport, b: VerifyReport) -> Bool {
        a.events == b.events && a.head == b.head && a.failure?.position == b.failure?.position && a.failure?.detail == b.failure?.detail
    }
}

extension Ledger {
    /// Recomputes the hash chain from the first event, and checks that positions run 1, 2, 3…,
    /// that transaction time never runs backwards, that every payload reads, and that the tag
    /// index holds exactly the tags each event was hashed with.
    public func verify(progress: ((Int64) -> Void)? = nil) throws(LedgerError) -> VerifyReport {
        try read { reader in
            let db = reader.db
            var expected: Int64 = 1
            var previous = HashChain.genesis
            var lastRecorded = ""
            let rows = try Row.fetchCursor(db, sql: "SELECT \(LedgerReader.columns) FROM events ORDER BY position")
            let tagRows = try Row.fetchCursor(db, sql: "SELECT position, tag FROM event_tags ORDER BY position, tag")
            var pendingTag: (Int64, String)? = try tagRows.next().map { ($0[0], $0[1]) }
            func fail(_ p: Int64?, _ d: String) -> VerifyReport {
                VerifyReport(events: expected - 1, head: previous, failure: (p, d))
            }
            while let row = try rows.next() {
                let stored = StoredEvent(position: row[0], type: row[1], version: row[2], on: row[3], recordedAt: row[4],
                                         actor: row[5], requestId: row[6], tags: row[7], payload: row[8])
                let hash: String = row[9]
                let p = stored.position
                if p != expected { return fail(p, "position \(p) follows \(expected - 1): events are missing") }
                let computed = HashChain.hash(previous: previous, canonical: stored.canonical)
                if computed != hash { return fail(p, "its hash does not match its contents (the event was changed)") }
                if Timestamp.parseStored(stored.recordedAt) == nil { return fail(p, "its recorded time '\(stored.recordedAt)' is malformed") }
                if stored.recordedAt < lastRecorded { return fail(p, "it was recorded before the event ahead of it") }
                do {
                    _ = try LedgerReader.decode(row)
                } catch let e as LedgerError {
                    return fail(p, e.message)
                }
                // The tag index must hold exactly the hashed tags.
                let tags = (try? JSONParser.parse(stored.tags).arrayValue?.compactMap(\.stringValue)) ?? []
                var indexed: [String] = []
                while let (tp, tag) = pendingTag, tp <= p {
                    if tp < p { return fail(tp, "the tag index names an event that is not there") }
                    indexed.append(tag)
                    pendingTag = try tagRows.next().map { ($0[0], $0[1]) }
                }
                if indexed != tags.sorted() { return fail(p, "the tag index differs from the event's tags") }
                previous = hash
                lastRecorded = stored.recordedAt
                expected += 1
                if expected % 100_000 == 0 { progress?(expected - 1) }
            }
            if let (tp, _) = pendingTag { return fail(tp, "the tag index names an event that is not there") }
            return VerifyReport(events: expected - 1, head: previous, failure: nil)
        }
    }
}
