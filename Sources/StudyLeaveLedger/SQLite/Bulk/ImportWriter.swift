import GRDB
import StudyLeaveDomain

/// The writing side of an import, on the connection's thread: each batch's events, and the
/// projection fold, whose closed rows are written as they close. (The tag index is gathered and
/// sorted by the reading thread, and written at the end.)
struct ImportWriter {
    /// Events go in 8 to a statement: SQLite's work per statement is then paid once for 8 rows.
    private static let wide = 8
    private let one: RawStatement
    private let many: RawStatement
    private let rows: ProjectionRowWriter
    private let attendances: AttendanceTable.Writer
    private var fold = ClosingFold()

    init(_ db: Database) throws {
        let columns = "INSERT INTO events(position, type, version, on_day, recorded_at, actor, request_id, tags, payload, hash) VALUES "
        let row = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        one = try RawStatement(db, columns + row)
        many = try RawStatement(db, columns + Array(repeating: row, count: Self.wide).joined(separator: ", "))
        rows = try ProjectionRowWriter(db)
        attendances = try AttendanceTable.Writer(db)
    }

    mutating func write(_ batch: ImportBatch) throws {
        let (one, many, wide) = (one, many, Self.wide)
        try batch.bytes.withUnsafeBufferPointer { b in
            func bind(_ s: RawStatement, _ e: ImportBatch.Entry, at k: Int32) {
                func text(_ i: Int32, _ r: Range<Int>) { s.bind(k + i, text: UnsafeBufferPointer(rebasing: b[r])) }
                s.bind(k + 1, e.position); text(2, e.type); s.bind(k + 3, Int64(e.version)); text(4, e.on)
                text(5, e.recordedAt); text(6, e.actor)
                if let r = e.requestId { text(7, r) } else { s.bindNull(k + 7) }
                text(8, e.tags); text(9, e.payload); text(10, e.hash)
            }
            var i = 0
            while i < batch.entries.count {
                if batch.entries.count - i >= wide {
                    for j in 0..<wide { bind(many, batch.entries[i + j], at: Int32(10 * j)) }
                    try many.execute()
                    i += wide
                } else {
                    bind(one, batch.entries[i], at: 0)
                    try one.execute()
                    i += 1
                }
            }
        }
        for (data, on, position) in batch.decoded { fold.apply(data, on: on, position: position) }
        fold.retractions += batch.retractions
        for row in fold.closedRows { try rows.insert(row) }
        fold.closedRows.removeAll(keepingCapacity: true)
        for row in fold.attendanceRows { try attendances.apply(.insert(row)) }
        fold.attendanceRows.removeAll(keepingCapacity: true)
    }

    /// Once every batch is written: the rows the fold left open.
    func writeOpenRows(_ db: Database) throws {
        try fold.writeOpenRows(db)
    }

    /// Once the indexes are made: rows that late events and retractions change.
    func settleLate(_ db: Database) throws {
        try fold.settleLate(db)
    }
}
