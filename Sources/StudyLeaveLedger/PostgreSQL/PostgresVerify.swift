import PostgresNIO
import StudyLeaveDomain

/// `verify` on PostgreSQL: `ChainVerifier` fed every event in position order with the tags the
/// index holds for it, from one REPEATABLE READ snapshot; then the head row checked against the
/// last event. The events and the tag index come side by side in one statement (a full join by
/// position), so a tag row that names no event is seen where it lies.
enum PostgresVerify {
    static func verify(_ c: PostgresConnection, progress: ProgressReport?) async throws -> VerifyReport {
        try await c.transaction("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY") { c in
            var verifier = ChainVerifier()
            // A tag row whose position holds no event, waiting for the next event: SQLite's verify
            // reports a gap there first when there is one, as this does.
            var orphan: Int64? = nil
            func orphanReport(_ position: Int64) -> VerifyReport {
                verifier.report(.init(position: position, detail: "the tag index names an event that is not there"))
            }
            let rows = try await c.stream("""
                SELECT coalesce(e.position, t.position), e.type, e.version, e.on_day, e.recorded_at, e.actor, e.request_id,
                       e.tags, e.payload, e.hash, t.names
                FROM events e
                FULL JOIN (SELECT position, array_agg(tag) AS names FROM event_tags GROUP BY position) t ON t.position = e.position
                ORDER BY 1
                """)
            for try await row in rows {
                var cells = PostgresRows.Cells(row)
                let position = try cells.integer()
                guard let type = try cells.optionalText() else {
                    if orphan == nil { orphan = position }
                    continue
                }
                let version = Int(try cells.integer()), on = try cells.text(), recordedAt = try cells.text(), actor = try cells.text()
                let requestId = try cells.optionalText(), tags = try cells.text(), payload = try cells.text(), hash = try cells.text()
                let names = try cells.textArray()
                let stored = StoredEvent(position: position, type: type, version: version, on: on, recordedAt: recordedAt, actor: actor,
                                         requestId: requestId, tags: tags, payload: payload)
                if let gap = verifier.gap(at: position) { return verifier.report(gap) }
                if let orphan { return orphanReport(orphan) }
                if let failure = verifier.check(stored, hash: hash, indexedTags: names) { return verifier.report(failure) }
                if verifier.checked % 100_000 == 0 { progress?(verifier.checked) }
            }
            if let orphan { return orphanReport(orphan) }
            let head = try await c.rows("SELECT position, hash FROM ledger_head")
            guard let headRow = head.first else {
                return verifier.report(.init(position: nil, detail: "the ledger head row is missing"))
            }
            let (position, hash) = try headRow.decode((Int64, String).self)
            let report = verifier.report()
            if position != report.events || hash != report.head {
                return verifier.report(.init(position: nil, detail:
                    "the head row (position \(position)) does not agree with the last event (position \(report.events))"))
            }
            progress?(verifier.checked)
            return report
        }
    }
}
