import GRDB
import StudyLeaveDomain

/// The projection tables behind country-wide reports (everyone on leave, every quota of a year,
/// every obligation owed): kept current inside each append's transaction, so that no report
/// replays the whole ledger; `rebuild` recreates them from the events, and `verify` checks that
/// they match a fresh fold.
enum Projections {
    static let checkpointName = "tables"

    /// Recomputes the rows the appended events change, from those rows' own events: a step of
    /// an application reads its own stream, not its agency's (`ProjectionFold.keys(changedBy:)`);
    /// a retraction, every row of its tags.
    static func refresh(_ db: Database, after events: [Event]) throws {
        var keys = Set<ProjectionKey>()
        for e in events { keys.formUnion(ProjectionFold.keys(changedBy: e) ?? ProjectionFold.keys(of: e)) }
        try AttendanceTable.refresh(db, after: events)
        try refresh(db, keys: keys)
    }

    /// Recomputes the given rows from their own events.
    static func refresh(_ db: Database, keys: Set<ProjectionKey>) throws {
        let rows = try RowReplacer(db)
        if keys.count > 64 {
            try rows.replaceMany(keys)
        } else {
            let reader = SQLiteReader(db: db)
            for key in keys {
                try rows.replace(key, with: ProjectionFold(events: try reader.events(taggedAny: [key.tag])))
            }
        }
        try setCheckpoint(db, try SQLiteReader(db: db).head())
    }

    static func setCheckpoint(_ db: Database, _ position: Int64) throws {
        try db.execute(sql: "INSERT INTO projection_checkpoint(name, position) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET position = excluded.position",
                       arguments: [checkpointName, position])
    }

    /// Walks the tag index one `agency:` or `person:` stream at a time and folds each: every row
    /// derives from one such stream (an application's events carry its applicant's tag), so only
    /// one stream is ever held, however large the ledger.
    static func forEachStream(_ db: Database, progress: ((Int64) -> Void)? = nil, _ body: (ProjectionFold) throws -> Void) throws {
        var n: Int64 = 0
        for (low, high) in [("agency:", "agency;"), ("person:", "person;")] {
            let rows = try Row.fetchCursor(db, sql: """
                SELECT t.tag, e.position, e.type, e.version, e.on_day, e.payload
                FROM event_tags t JOIN events e ON e.position = t.position
                WHERE t.tag >= ? AND t.tag < ? ORDER BY t.tag, t.position
                """, arguments: [low, high])
            var stream: String? = nil
            var batch: [Event] = []
            func flush() throws {
                guard !batch.isEmpty else { return }
                try body(ProjectionFold(events: batch))
                batch.removeAll(keepingCapacity: true)
            }
            while let row = try rows.next() {
                let tag: String = row[0]
                if tag != stream { try flush(); stream = tag }
                let position: Int64 = row[1]
                let type: String = row[2], version: Int = row[3], onText: String = row[4], payload: String = row[5]
                guard let on = DateParsing.parseISO(onText) else { throw LedgerError.corrupt(position: position, detail: "bad day '\(onText)'") }
                let data: EventData
                do { data = try EventCodec.decode(type: type, version: version, payloadText: payload) } catch {
                    throw LedgerError.corrupt(position: position, detail: error.message)
                }
                batch.append(Event(position: position, on: on, recordedAt: "", actor: "", tags: [], data: data))
                n += 1
                if n % 200_000 == 0 { progress?(n) }
            }
            try flush()
        }
    }

    /// The first difference between the tables and a fresh fold, or nil when they match.
    static func difference(_ db: Database) throws -> String? {
        let checkpoint = try Int64.fetchOne(db, sql: "SELECT position FROM projection_checkpoint WHERE name = ?", arguments: [checkpointName]) ?? 0
        let head = try SQLiteReader(db: db).head()
        if checkpoint != head { return "the projection tables stand at position \(checkpoint), the ledger at \(head): run 'rebuild'" }
        var found: String? = nil
        var counts = [0, 0, 0, 0]
        let agency = try db.cachedStatement(sql: "SELECT agency, name, parent FROM proj_agency WHERE agency = ?")
        let headcount = try db.cachedStatement(sql: "SELECT budgeted FROM proj_headcount WHERE agency = ? AND year = ?")
        let person = try db.cachedStatement(sql: "SELECT person, name, agency, separated_on FROM proj_person WHERE person = ?")
        try forEachStream(db) { fold in
            guard found == nil else { return }
            for row in fold.agencies.values {
                counts[0] += 1
                let stored = try Row.fetchOne(agency, arguments: [row.agency]).map { AgencyRow(agency: $0[0], name: $0[1], parent: $0[2]) }
                if stored != row { found = "the agency table differs from the events at \(row.agency): run 'rebuild'"; return }
            }
            for row in fold.headcounts.values {
                counts[1] += 1
                if try Int.fetchOne(headcount, arguments: [row.agency, row.year]) != row.budgeted {
                    found = "the headcount table differs from the events at \(row.agency) \(row.year): run 'rebuild'"; return
                }
            }
            for row in fold.people.values {
                counts[2] += 1
                let stored = try Row.fetchOne(person, arguments: [row.person]).map {
                    PersonRow(person: $0[0], name: $0[1], agency: $0[2], separatedOn: day($0[3]))
                }
                if stored != row { found = "the person table differs from the events at \(row.person): run 'rebuild'"; return }
            }
            for row in fold.applications.values {
                counts[3] += 1
                if try applicationRows(db, .application(row.application)).first != row {
                    found = "the application table differs from the events at \(row.application): run 'rebuild'"; return
                }
            }
        }
        if let found { return found }
        if let found = try AttendanceTable.difference(db) { return found }
        for (i, table) in ["proj_agency", "proj_headcount", "proj_person", "proj_application"].enumerated() {
            if try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table)") != counts[i] {
                return "the table \(table) holds rows no event accounts for: run 'rebuild'"
            }
        }
        return nil
    }

    static func day(_ text: String?) -> CivilDate? { text.flatMap(DateParsing.parseISO) }

    static func applicationRows(_ db: Database, _ query: ApplicationQuery) throws -> [ApplicationRow] {
        let (condition, arguments) = ApplicationQuerySQL.condition(query)
        let statement = try db.cachedStatement(sql: """
            SELECT application, person, agency, mode, sponsor, abroad, from_day, to_day, approved_on, approved_agency,
                   approved_year, rejected_on, withdrawn_on, leave_start, leave_end, returned_on
            FROM proj_application WHERE \(condition)
            """)
        return try Row.fetchAll(statement, arguments: arguments).map { row in
            ApplicationRow(
                application: row[0], person: row[1], agency: row[2], mode: StudyMode(rawValue: row[3]) ?? .offHours,
                sponsor: Sponsorship(rawValue: row[4]) ?? .self, abroad: row[5], from: day(row[6])!, to: day(row[7])!,
                approvedOn: day(row[8]), approvedAgency: row[9], approvedYear: row[10], rejectedOn: day(row[11]),
                withdrawnOn: day(row[12]), leaveStart: day(row[13]), leaveEnd: day(row[14]), returnedOn: day(row[15]))
        }
    }
}

extension SQLiteLedger {
    /// Recreates every projection table from the events (`studyleave rebuild`).
    public func rebuildProjections(progress: ((Int64) -> Void)? = nil) throws(LedgerError) -> Int64 {
        do {
            return try queue.writeWithoutTransaction { db in
                var head: Int64 = 0
                try db.inTransaction(.immediate) {
                    head = try Projections.rebuild(db, progress: progress)
                    return .commit
                }
                return head
            }
        } catch let e as LedgerError {
            throw e
        } catch {
            throw SQLiteLedger.translate(error, path: path)
        }
    }

    /// The first way the projection tables differ from a fresh fold, or nil.
    public func projectionDifference() throws(LedgerError) -> String? {
        try read { try Projections.difference($0.db) }
    }

    /// Reads the projection tables (country-wide reports).
    public func applicationRows(_ query: ApplicationQuery) throws(LedgerError) -> [ApplicationRow] {
        try read { try Projections.applicationRows($0.db, query) }
    }

    /// A year's attendance rows of some people, with the position they stand at (one read);
    /// nil when the ledger keeps none (one of schema 1 opened read-only).
    public func attendanceRows(people: [String], year: Int) throws(LedgerError) -> (rows: [AttendanceRow], head: Int64)? {
        try read { reader in
            guard try AttendanceTable.exists(reader.db) else { return nil }
            return (try AttendanceTable.rows(reader.db, people: people, year: year), try reader.head())
        }
    }

    /// Every agency's row, by id.
    public func agencyRows() throws(LedgerError) -> [AgencyRow] {
        try read { reader in
            try Row.fetchAll(reader.db, sql: "SELECT agency, name, parent FROM proj_agency ORDER BY agency").map {
                AgencyRow(agency: $0[0], name: $0[1], parent: $0[2])
            }
        }
    }

    /// Every person's row (of one agency, where it is named), by id.
    public func personRows(agency: String?) throws(LedgerError) -> [PersonRow] {
        try read { reader in
            let sql = "SELECT person, name, agency, separated_on FROM proj_person" + (agency == nil ? "" : " WHERE agency = ?") + " ORDER BY person"
            return try Row.fetchAll(reader.db, sql: sql, arguments: StatementArguments(agency.map { [$0] } ?? [])).map {
                PersonRow(person: $0[0], name: $0[1], agency: $0[2], separatedOn: Projections.day($0[3]))
            }
        }
    }

    public func headcountRows(year: Int) throws(LedgerError) -> [String: Int] {
        try read { reader in
            var out: [String: Int] = [:]
            for row in try Row.fetchAll(reader.db, sql: "SELECT agency, budgeted FROM proj_headcount WHERE year = ?", arguments: [year]) {
                out[row[0]] = row[1]
            }
            return out
        }
    }
}
