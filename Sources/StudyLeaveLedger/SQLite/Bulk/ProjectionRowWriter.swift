import GRDB
import StudyLeaveDomain

/// Inserts projection rows through prepared statements on SQLite's C API: the one place that
/// knows the tables' columns on the write side (refresh, rebuild and import all use it; the
/// attendance rows have theirs in `AttendanceTable.Writer`).
struct ProjectionRowWriter {
    private let agency: RawStatement
    private let headcount: RawStatement
    private let person: RawStatement
    private let application: RawStatement

    init(_ db: Database) throws {
        agency = try RawStatement(db, "INSERT INTO proj_agency(agency, name, parent) VALUES (?, ?, ?)")
        headcount = try RawStatement(db, "INSERT INTO proj_headcount(agency, year, budgeted) VALUES (?, ?, ?)")
        person = try RawStatement(db, "INSERT INTO proj_person(person, name, agency, separated_on) VALUES (?, ?, ?, ?)")
        application = try RawStatement(db, """
            INSERT INTO proj_application(application, person, agency, mode, sponsor, abroad, from_day, to_day, approved_on,
              approved_agency, approved_year, rejected_on, withdrawn_on, leave_start, leave_end, returned_on)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
    }

    func insert(_ r: AgencyRow) throws {
        agency.bind(1, r.agency); agency.bind(2, r.name); agency.bind(3, r.parent)
        try agency.execute()
    }

    func insert(_ r: HeadcountRow) throws {
        headcount.bind(1, r.agency); headcount.bind(2, Int64(r.year)); headcount.bind(3, Int64(r.budgeted))
        try headcount.execute()
    }

    func insert(_ r: PersonRow) throws {
        person.bind(1, r.person); person.bind(2, r.name); person.bind(3, r.agency); person.bind(4, r.separatedOn?.iso)
        try person.execute()
    }

    func insert(_ r: ApplicationRow) throws {
        let s = application
        s.bind(1, r.application); s.bind(2, r.person); s.bind(3, r.agency); s.bind(4, r.mode.rawValue)
        s.bind(5, r.sponsor.rawValue); s.bind(6, Int64(r.abroad ? 1 : 0)); s.bind(7, r.from.iso); s.bind(8, r.to.iso)
        s.bind(9, r.approvedOn?.iso); s.bind(10, r.approvedAgency)
        if let year = r.approvedYear { s.bind(11, Int64(year)) } else { s.bindNull(11) }
        s.bind(12, r.rejectedOn?.iso); s.bind(13, r.withdrawnOn?.iso); s.bind(14, r.leaveStart?.iso)
        s.bind(15, r.leaveEnd?.iso); s.bind(16, r.returnedOn?.iso)
        try s.execute()
    }

    /// Every row of a fold, each table in key order (appends at the B-tree's end).
    func insertAll(_ fold: ProjectionFold) throws {
        for key in fold.agencies.keys.sorted() { try insert(fold.agencies[key]!) }
        for row in fold.headcounts.values.sorted(by: { ($0.agency, $0.year) < ($1.agency, $1.year) }) { try insert(row) }
        for key in fold.people.keys.sorted() { try insert(fold.people[key]!) }
        for key in fold.applications.keys.sorted() { try insert(fold.applications[key]!) }
    }
}
