import GRDB

extension SortedTagIndex {
    /// Inserts every (tag, position) into `event_tags`, in that order.
    func write(_ db: Database) throws {
        let (names, order, start, positions, count) = (names, order, start, positions, names.count)
        // 64 rows to a statement: SQLite's work per statement is then paid once for 64 rows.
        let wide = 64
        let one = try RawStatement(db, "INSERT INTO event_tags(tag, position) VALUES (?, ?)")
        let many = try RawStatement(db, "INSERT INTO event_tags(tag, position) VALUES " + Array(repeating: "(?, ?)", count: wide).joined(separator: ", "))
        try names.arena.withUnsafeBufferPointer { a in
            var pending: [(name: UnsafeBufferPointer<UInt8>, position: UInt32)] = []
            pending.reserveCapacity(wide)
            for r in 0..<count {
                let name = UnsafeBufferPointer(rebasing: a[names.name(order[r])])
                for k in start[r]..<start[r + 1] {
                    let j = Int32(pending.count)
                    many.bind(2 * j + 1, text: name)
                    many.bind(2 * j + 2, Int64(positions[k]))
                    pending.append((name, positions[k]))
                    if pending.count == wide {
                        try many.execute()
                        pending.removeAll(keepingCapacity: true)
                    }
                }
            }
            for row in pending {
                one.bind(1, text: row.name)
                one.bind(2, Int64(row.position))
                try one.execute()
            }
        }
    }
}
