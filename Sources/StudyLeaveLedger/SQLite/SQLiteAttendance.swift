import GRDB
import StudyLeaveDomain

/// The attendance rows on SQLite (`AttendanceRow`): one row per live attendance, keyed by the
/// event's position (the table's rowid, so a bulk write appends at the B-tree's end), with a
/// covering index by person and year for the hours queries.
enum AttendanceTable {
    static let name = "proj_attendance"

    static let create = """
        CREATE TABLE proj_attendance (
            position     INTEGER PRIMARY KEY,
            person       TEXT    NOT NULL,
            year         INTEGER NOT NULL,
            course       TEXT    NOT NULL,
            on_day       TEXT    NOT NULL,
            leave_tenths INTEGER NOT NULL,
            absent       INTEGER NOT NULL
        )
        """

    /// Covering: a year's rows of some people come from the index alone (the position is its
    /// rowid), not from table pages spread over the whole file (issue 13: 22,458 rows of a
    /// 6,369-person agency took 90–125 ms from the table).
    static let index = Schema.ProjectionIndex(name: "proj_attendance_learner",
                                              definition: "proj_attendance(person, year, course, on_day, leave_tenths, absent)")

    /// Inserts rows through one prepared statement (refresh, rebuild, import).
    struct Writer {
        private let insert: RawStatement
        private let delete: RawStatement

        init(_ db: Database) throws {
            insert = try RawStatement(db, """
                INSERT INTO proj_attendance(position, person, year, course, on_day, leave_tenths, absent) VALUES (?, ?, ?, ?, ?, ?, ?)
                """)
            delete = try RawStatement(db, "DELETE FROM proj_attendance WHERE position = ?")
        }

        func apply(_ change: AttendanceFold.Change) throws {
            switch change {
            case .insert(let r):
                let s = insert
                s.bind(1, r.position); s.bind(2, r.person); s.bind(3, Int64(r.year)); s.bind(4, r.course); s.bind(5, r.on.iso)
                s.bind(6, Int64(r.leave.tenths)); s.bind(7, Int64(r.absent ? 1 : 0))
                try s.execute()
            case .delete(let position):
                delete.bind(1, position)
                try delete.execute()
            }
        }
    }

    /// After an append: the rows its events make or take out. An attendance's course was added
    /// before it (the decision read it), so its year is read from the course's own stream.
    static func refresh(_ db: Database, after events: [Event]) throws {
        guard let courses = AttendanceFold.courses(touchedBy: events.map(\.data)) else { return }
        var fold = AttendanceFold()
        if !courses.isEmpty {
            for e in try SQLiteReader(db: db).events(taggedAny: Set(courses.map(Tag.course))) {
                _ = fold.apply(e.data, position: e.position, on: e.on)
            }
        }
        let writer = try Writer(db)
        for e in events {
            if let change = fold.apply(e.data, position: e.position, on: e.on) { try writer.apply(change) }
        }
    }

    /// The rows of some people for a year, in position order.
    static func rows(_ db: Database, people: [String], year: Int) throws -> [AttendanceRow] {
        var out: [AttendanceRow] = []
        // Bound in chunks: SQLite allows 32,766 parameters a statement.
        for chunk in stride(from: 0, to: people.count, by: 5_000).map({ Array(people[$0..<min($0 + 5_000, people.count)]) }) {
            // Through SQLite's C API: an agency's tens of thousands of rows (RawStatement).
            let statement = try RawStatement(db, """
                SELECT position, person, year, course, on_day, leave_tenths, absent FROM proj_attendance
                WHERE year = ? AND person IN (\(ApplicationQuerySQL.marks(chunk.count)))
                """)
            statement.bind(1, Int64(year))
            for (i, p) in chunk.enumerated() { statement.bind(Int32(i + 2), p) }
            while try statement.step() {
                let position = statement.int64(0)
                guard let day = DateParsing.parseISO(bytes: statement.bytes(4)) else {
                    throw LedgerError.corrupt(position: position, detail: "the attendance row's day is not a day")
                }
                out.append(AttendanceRow(position: position, person: statement.string(1), year: Int(statement.int64(2)), course: statement.string(3),
                                         on: day, leave: Hours(tenths: Int(statement.int64(5))), absent: statement.int64(6) != 0))
            }
        }
        out.sort { $0.position < $1.position }
        return out
    }

    /// Whether the table is there (a ledger of schema 1 opened read-only has none).
    static func exists(_ db: Database) throws -> Bool { try db.tableExists(name) }

    /// Fills the table from every event (a rebuild with the table emptied; an upgrade).
    static func fill(_ db: Database) throws {
        let writer = try Writer(db)
        try scan(db) { change in try writer.apply(change) }
    }

    /// Folds every event the rows derive from, in position order, through SQLite's C API.
    static func scan(_ db: Database, types: [String] = AttendanceFold.readTypes, _ body: (AttendanceFold.Change) throws -> Void) throws {
        let scan = try RawStatement(db, """
            SELECT position, type, version, on_day, payload FROM events
            WHERE type IN (\(types.map { "'\($0)'" }.joined(separator: ", "))) ORDER BY position
            """)
        var fold = AttendanceFold()
        while try scan.step() {
            let position = scan.int64(0)
            let kind = try StoredType.find(scan.bytes(1), position: position)
            let (on, data) = try kind.decode(position: position, version: Int(scan.int64(2)), on: scan.bytes(3), payload: scan.bytes(4))
            if let change = fold.apply(data, position: position, on: on) { try body(change) }
        }
    }

    /// The first difference between the table and a fresh fold of the events, or nil. Both are
    /// walked in position order, side by side: memory holds the course years and the retracted
    /// attendances, not the rows.
    static func difference(_ db: Database) throws -> String? {
        var retracted = Set<Int64>()
        try scan(db, types: ["EventRetracted"]) { change in if case .delete(let p) = change { retracted.insert(p) } }
        let stored = try Row.fetchCursor(db, sql: "SELECT position, person, year, course, on_day, leave_tenths, absent FROM proj_attendance ORDER BY position")
        var found: String? = nil
        try scan(db, types: Array(AttendanceFold.types)) { change in
            guard found == nil, case .insert(let row) = change, !retracted.contains(row.position) else { return }
            guard let next = try stored.next() else { found = "the attendance table lacks the row of #\(row.position): run 'rebuild'"; return }
            if try attendanceRow(next) != row { found = "the attendance table differs from the events at #\(min(row.position, next[0])): run 'rebuild'" }
        }
        if let found { return found }
        if try stored.next() != nil { return "the table proj_attendance holds rows no event accounts for: run 'rebuild'" }
        return nil
    }

    static func attendanceRow(_ row: Row) throws -> AttendanceRow {
        let position: Int64 = row[0]
        guard let day = Projections.day(row[4]) else { throw LedgerError.corrupt(position: position, detail: "the attendance row's day is not a day") }
        return AttendanceRow(position: position, person: row[1], year: row[2], course: row[3], on: day, leave: Hours(tenths: row[5]), absent: row[6])
    }
}
