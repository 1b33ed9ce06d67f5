import PostgresNIO
import StudyLeaveDomain

/// The attendance rows on PostgreSQL (`AttendanceRow`), as SQLite keeps them (`AttendanceTable`):
/// one row per live attendance, keyed by its event's position, indexed by person and year. A
/// ledger made before the table existed gets it from `rebuild` (or an import); until then
/// `rows` answers nil and the hours queries fold the events.
enum PostgresAttendance {
    static let columns = ["position", "person", "year", "course", "on_day", "leave_tenths", "absent"]

    /// Made with the other tables, and by `rebuild` and `import` where an earlier version made the ledger.
    static let create: PostgresQuery = """
        CREATE TABLE IF NOT EXISTS proj_attendance (
            position     bigint  NOT NULL,
            person       text    COLLATE "C" NOT NULL,
            year         integer NOT NULL,
            course       text    COLLATE "C" NOT NULL,
            on_day       text    COLLATE "C" NOT NULL,
            leave_tenths integer NOT NULL,
            absent       boolean NOT NULL
        )
        """

    /// Whether the table is there, asked under the head lock by an append that would write it.
    static func exists(_ c: PostgresConnection) async throws -> Bool {
        try await c.rows("SELECT to_regclass('proj_attendance') IS NOT NULL")[0].decode(Bool.self)
    }

    /// The years of the courses the new events attend, read before the head lock: a course never
    /// changes, and one retracted meanwhile fails the decision's condition.
    static func fold(for events: [NewEvent], _ c: PostgresConnection) async throws -> AttendanceFold? {
        guard let courses = AttendanceFold.courses(touchedBy: events.map(\.data)) else { return nil }
        var fold = AttendanceFold()
        if !courses.isEmpty {
            for e in try await PostgresReads.events(c, taggedAny: Set(courses.map(Tag.course)), through: nil) {
                _ = fold.apply(e.data, position: e.position, on: e.on)
            }
        }
        return fold
    }

    /// The changes written events make, in the append's transaction (skipped on a ledger whose
    /// table an earlier version did not make: its `rebuild` fills it from the events).
    static func write(_ c: PostgresConnection, _ written: [Event], fold: AttendanceFold) async throws {
        var fold = fold
        var rows = CopyText(capacity: 0)
        var deleted: [Int64] = []
        for e in written {
            switch fold.apply(e.data, position: e.position, on: e.on) {
            case .insert(let row)?: rows.row(row)
            case .delete(let p)?: deleted.append(p)
            case nil: break
            }
        }
        guard try await exists(c) else { return }
        if !deleted.isEmpty { try await c.run("DELETE FROM proj_attendance WHERE position = ANY(\(deleted))") }
        try await PostgresImport.copy(c, table: "proj_attendance", columns: columns, rows)
    }

    /// A year's rows of some people and the head they stand at, in one statement (one snapshot);
    /// nil when the table is missing.
    static func rows(_ c: PostgresConnection, people: [String], year: Int) async throws -> (rows: [AttendanceRow], head: Int64)? {
        let result: [PostgresRow]
        do {
            result = try await c.rows("""
                SELECT h.position, a.position, a.person, a.year, a.course, a.on_day, a.leave_tenths, a.absent
                FROM ledger_head h LEFT JOIN proj_attendance a ON a.year = \(year) AND a.person = ANY(\(people))
                ORDER BY a.position
                """)
        } catch where PostgresFailure.sqlState(error) == "42P01" {
            return nil
        }
        guard !result.isEmpty else { throw LedgerError.corrupt(position: nil, detail: "the ledger head row is missing") }
        var head: Int64 = 0
        var out: [AttendanceRow] = []
        for row in result {
            let (h, position, person, y, course, onText, tenths, absent) = try row.decode((Int64, Int64?, String?, Int?, String?, String?, Int?, Bool?).self)
            head = h
            guard let position, let person, let y, let course, let onText, let tenths, let absent else { continue }
            out.append(try attendanceRow(position, person, y, course, onText, tenths, absent))
        }
        return (out, head)
    }

    static func attendanceRow(_ position: Int64, _ person: String, _ year: Int, _ course: String, _ onText: String,
                              _ tenths: Int, _ absent: Bool) throws -> AttendanceRow {
        guard let on = DateParsing.parseISO(onText) else { throw LedgerError.corrupt(position: position, detail: "the attendance row's day is not a day") }
        return AttendanceRow(position: position, person: person, year: year, course: course, on: on, leave: Hours(tenths: tenths), absent: absent)
    }

    /// Walks the events the rows derive from, in position order, through a cursor (the caller's
    /// transaction holds it), a fetch at a time.
    static func scan(_ c: PostgresConnection, types: [String], _ body: ([AttendanceFold.Change]) async throws -> Void) async throws {
        // Constants of this code only: a cursor is declared without parameters.
        try await c.run(PostgresQuery(unsafeSQL: """
            DECLARE studyleave_attendance NO SCROLL CURSOR FOR
            SELECT position, type, version, on_day, payload FROM events
            WHERE type IN (\(types.map { "'\($0)'" }.joined(separator: ", "))) ORDER BY position
            """))
        var fold = AttendanceFold()
        while true {
            let rows = try await c.rows("FETCH 20000 FROM studyleave_attendance")
            if rows.isEmpty { break }
            var changes: [AttendanceFold.Change] = []
            for row in rows {
                let (position, type, version, onText, payload) = try row.decode((Int64, String, Int, String, String).self)
                guard let on = DateParsing.parseISO(onText) else { throw LedgerError.corrupt(position: position, detail: "bad day '\(onText)'") }
                let data: EventData
                do { data = try EventCodec.decode(type: type, version: version, payloadText: payload) } catch {
                    throw LedgerError.corrupt(position: position, detail: error.message)
                }
                if let change = fold.apply(data, position: position, on: on) { changes.append(change) }
            }
            try await body(changes)
        }
        try await c.run("CLOSE studyleave_attendance")
    }

    /// Fills the table afresh from the events (`rebuild`), making it where it is missing.
    static func rebuild(_ c: PostgresConnection) async throws {
        try await c.run(create)
        try await c.run("DELETE FROM proj_attendance")
        for index in indexes { try await c.run(index.drop) }
        try await scan(c, types: AttendanceFold.readTypes) { changes in
            var rows = CopyText(capacity: 0)
            var deleted: [Int64] = []
            for change in changes {
                switch change {
                case .insert(let row): rows.row(row)
                case .delete(let p): deleted.append(p)
                }
            }
            try await PostgresImport.copy(c, table: "proj_attendance", columns: columns, rows)
            if !deleted.isEmpty { try await c.run("DELETE FROM proj_attendance WHERE position = ANY(\(deleted))") }
        }
        for index in indexes { try await c.run(index.create) }
    }

    /// The table's key and its index for the hours queries: made after a bulk load.
    static let indexes: [PostgresSchema.BulkIndex] = [
        PostgresSchema.BulkIndex(create: "ALTER TABLE proj_attendance ADD CONSTRAINT proj_attendance_pkey PRIMARY KEY (position)",
                                 drop: "ALTER TABLE proj_attendance DROP CONSTRAINT IF EXISTS proj_attendance_pkey"),
        PostgresSchema.BulkIndex(create: "CREATE INDEX proj_attendance_learner ON proj_attendance (person, year)",
                                 drop: "DROP INDEX IF EXISTS proj_attendance_learner"),
    ]

    /// The first difference between the table and a fresh fold, or nil. Both are read whole:
    /// an office's ledger holds thousands; a national one on PostgreSQL would want the two walked
    /// side by side through cursors, as SQLite's `AttendanceTable.difference` walks them.
    static func difference(_ c: PostgresConnection) async throws -> String? {
        guard try await exists(c) else { return "the attendance table is missing: run 'rebuild'" }
        var retracted = Set<Int64>()
        try await scan(c, types: ["EventRetracted"]) { changes in
            for case .delete(let p) in changes { retracted.insert(p) }
        }
        var expected: [AttendanceRow] = []
        try await scan(c, types: Array(AttendanceFold.types)) { changes in
            for case .insert(let row) in changes where !retracted.contains(row.position) { expected.append(row) }
        }
        var stored: [AttendanceRow] = []
        for row in try await c.rows("SELECT position, person, year, course, on_day, leave_tenths, absent FROM proj_attendance ORDER BY position") {
            let (position, person, year, course, onText, tenths, absent) = try row.decode((Int64, String, Int, String, String, Int, Bool).self)
            stored.append(try attendanceRow(position, person, year, course, onText, tenths, absent))
        }
        for (e, s) in zip(expected, stored) where e != s {
            return "the attendance table differs from the events at #\(min(e.position, s.position)): run 'rebuild'"
        }
        if stored.count > expected.count { return "the table proj_attendance holds rows no event accounts for: run 'rebuild'" }
        if stored.count < expected.count { return "the attendance table lacks the row of #\(expected[stored.count].position): run 'rebuild'" }
        return nil
    }
}

extension CopyText {
    mutating func row(_ r: AttendanceRow) {
        field(r.position); tab(); field(r.person); tab(); field(r.year); tab(); field(r.course); tab(); field(r.on.iso); tab()
        field(r.leave.tenths); tab(); field(r.absent); end()
    }
}
