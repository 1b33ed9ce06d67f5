import GRDB

extension SortedTagIndex {
    /// Inserts every (tag, position) into `event_tags`, in that order.
    func write(_ db: Database) throws {
        let names = names
        // 64 rows to a statement: SQLite's work per statement is then paid once for 64 rows.
        let wide = 64
        let one = try RawStatement(db, "INSERT INTO event_tags(tag, position) VALUES (?, ?)")
        let many = try RawStatement(db, "INSERT INTO event_tags(tag, position) VALUES " + Array(repeating: "(?, ?)", count: wide).joined(separator: ", "))
        var parts = parts()
        while let part = try parts.next() {
            try names.arena.withUnsafeBufferPointer { a in
                var pending: [(name: UnsafeBufferPointer<UInt8>, position: UInt32)] = []
                pending.reserveCapacity(wide)
                for r in part.ranks {
                    let name = UnsafeBufferPointer(rebasing: a[names.name(order[r])])
                    let i = r - part.ranks.lowerBound
                    for k in part.start[i]..<part.start[i + 1] {
                        let j = Int32(pending.count)
                        many.bind(2 * j + 1, text: name)
                        many.bind(2 * j + 2, Int64(part.positions[k]))
                        pending.append((name, part.positions[k]))
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
}
