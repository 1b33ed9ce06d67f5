import GRDB

/// Brings a ledger made by an earlier version up to `Schema.version`, in one transaction, the
/// first time this version opens it for writing. Only derived tables are added: the events, their
/// hashes and the export stay as they were. (Opened read-only, such a ledger is read as it is:
/// the queries that would use the new tables fold the events instead.)
enum SchemaUpgrade {
    static func run(_ queue: DatabaseQueue) throws {
        try queue.writeWithoutTransaction { db in
            try db.inTransaction(.immediate) {
                // Another process may have upgraded it meanwhile.
                let now = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
                guard now < Schema.version else { return .rollback }
                if now < 2 {
                    // 2: the attendance rows, filled from the events.
                    try db.execute(sql: AttendanceTable.create)
                    try AttendanceTable.fill(db)
                    try db.execute(sql: AttendanceTable.index.create)
                }
                try db.execute(sql: "PRAGMA user_version = \(Schema.version)")
                return .commit
            }
        }
    }
}
