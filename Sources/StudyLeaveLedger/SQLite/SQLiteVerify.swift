import GRDB
import StudyLeaveDomain

extension SQLiteLedger {
    /// Recomputes the hash chain from the first event, and checks that positions run 1, 2, 3…,
    /// that transaction time never runs backwards, that every payload reads, and that the tag
    /// index holds exactly the tags each event was hashed with (`ChainVerifier`). The events and
    /// the tag index are read side by side, both in position order.
    public func verify(progress: ProgressReport? = nil) throws(LedgerError) -> VerifyReport {
        try read { reader in
            let db = reader.db
            var verifier = ChainVerifier()
            let rows = try Row.fetchCursor(db, sql: "SELECT \(SQLiteReader.columns) FROM events ORDER BY position")
            let tagRows = try Row.fetchCursor(db, sql: "SELECT position, tag FROM event_tags ORDER BY position, tag")
            var pendingTag: (Int64, String)? = try tagRows.next().map { ($0[0], $0[1]) }
            func orphan(_ position: Int64) -> VerifyReport {
                verifier.report(.init(position: position, detail: "the tag index names an event that is not there"))
            }
            while let row = try rows.next() {
                let stored = SQLiteReader.stored(row)
                let p = stored.position
                if let gap = verifier.gap(at: p) { return verifier.report(gap) }
                var indexed: [String] = []
                while let (tp, tag) = pendingTag, tp <= p {
                    if tp < p { return orphan(tp) }
                    indexed.append(tag)
                    pendingTag = try tagRows.next().map { ($0[0], $0[1]) }
                }
                if let failure = verifier.check(stored, hash: row[9], indexedTags: indexed) { return verifier.report(failure) }
                if verifier.checked % 100_000 == 0 { progress?(verifier.checked) }
            }
            if let (tp, _) = pendingTag { return orphan(tp) }
            return verifier.report()
        }
    }
}
