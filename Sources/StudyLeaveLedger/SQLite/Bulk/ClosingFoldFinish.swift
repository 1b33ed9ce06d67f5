import GRDB
import StudyLeaveDomain

extension ClosingFold {
    /// Once every event is folded and every closed row written: the rows still open.
    func writeOpenRows(_ db: Database) throws {
        try ProjectionRowWriter(db).insertAll(fold)
    }

    /// Then, with the indexes made (rows are found by key) and the tag index complete: the rows
    /// late events change, read back and mended in place; and the rows retractions touch, folded
    /// afresh from their own events.
    func settleLate(_ db: Database) throws {
        let attendances = try AttendanceTable.Writer(db)
        for position in retractedAttendances { try attendances.apply(.delete(position: position)) }
        var keys = try mendLateRows(db)
        let typeAt = try RawStatement(db, "SELECT type FROM events WHERE position = ?")
        keys.formUnion(try retractionKeys { position in
            typeAt.bind(1, position)
            defer { typeAt.reset() }
            return try typeAt.step() ? typeAt.string(0) : nil
        })
        if !keys.isEmpty { try Projections.refresh(db, keys: keys) }
    }

    /// Applies each late event to its row as written; returns the keys of rows not found (to be
    /// folded from their events instead; a complete fold leaves none).
    private func mendLateRows(_ db: Database) throws -> Set<ProjectionKey> {
        var order: [String] = []
        var events: [String: [Late]] = [:]
        for e in late {
            if events[e.application] == nil { order.append(e.application) }
            events[e.application, default: []].append(e)
        }
        let replacer = try RowReplacer(db)
        var missing = Set<ProjectionKey>()
        for x in order {
            guard let row = try Projections.applicationRows(db, .application(x)).first else {
                missing.insert(.application(x)); continue
            }
            var one = ProjectionFold()
            one.applications[x] = row
            for e in events[x]! { one.apply(e.data, on: e.on) }
            try replacer.replace(.application(x), with: one)
        }
        return missing
    }
}
