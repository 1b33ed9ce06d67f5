import PostgresNIO
import StudyLeaveDomain

/// The projection tables on PostgreSQL, kept as SQLite keeps them (`Projections`): each append
/// recomputes the rows its events touch from those rows' own streams, in its transaction;
/// `rebuild` and `difference` walk the `agency:` and `person:` streams one at a time.
enum PostgresProjections {
    // MARK: Rows recomputed from their streams

    /// Recomputes the rows of `keys` from their streams (each key's tag): the streams read in one
    /// statement, the rows dropped in one and written in one (`ProjectionRowSet`).
    static func refresh(_ c: PostgresConnection, keys: Set<ProjectionKey>) async throws {
        guard !keys.isEmpty else { return }
        var byTag: [String: ProjectionKey] = [:]
        for key in keys { byTag[key.tag] = key }
        var rows = ProjectionRowSet()
        var current: String? = nil
        var stream: [Event] = []
        func flush() {
            guard let tag = current, let key = byTag[tag] else { return }
            rows.add(key, from: ProjectionFold(events: stream))
        }
        let scan = try await c.stream("""
            SELECT t.tag, e.position, e.type, e.version, e.on_day, e.payload
            FROM event_tags t JOIN events e ON e.position = t.position
            WHERE t.tag = ANY(\(Array(byTag.keys))) ORDER BY t.tag, t.position
            """)
        for try await row in scan {
            let (tag, event) = try streamEvent(row)
            if tag != current { flush(); current = tag; stream.removeAll(keepingCapacity: true) }
            stream.append(event)
        }
        flush()
        try await rows.replace(c, keys: keys)
    }

    /// A row of a stream query (tag, position, type, version, on_day, payload) as an event with
    /// what a fold reads; a row that does not decode is corruption, named by its position.
    static func streamEvent(_ row: PostgresRow) throws -> (String, Event) {
        var cells = PostgresRows.Cells(row)
        let tag = try cells.text(), position = try cells.integer(), type = try cells.text(), version = Int(try cells.integer())
        let onText = try cells.text(), payload = try cells.text()
        guard let on = DateParsing.parseISO(onText) else { throw LedgerError.corrupt(position: position, detail: "bad day '\(onText)'") }
        let data: EventData
        do { data = try EventCodec.decode(type: type, version: version, payloadText: payload) } catch {
            throw LedgerError.corrupt(position: position, detail: error.message)
        }
        return (tag, Event(position: position, on: on, recordedAt: "", actor: "", tags: [], data: data))
    }

    static func setCheckpoint(_ c: PostgresConnection, _ position: Int64) async throws {
        try await c.run("""
            INSERT INTO projection_checkpoint(name, position) VALUES (\(PostgresSchema.checkpointName), \(position))
            ON CONFLICT (name) DO UPDATE SET position = excluded.position
            """)
    }

    // MARK: Walking every stream

    /// Walks the tag index one `agency:` or `person:` stream at a time, as SQLite's
    /// `Projections.forEachStream` does, through a cursor (the caller's transaction holds it):
    /// memory holds one fetch and one group of folds, however large the ledger. `body` gets the
    /// folds in stream order, a group at a time, with each stream's kind, and may run statements.
    static func forEachStream(_ c: PostgresConnection, progress: ProgressReport? = nil,
                              _ body: ([(kind: StreamKind, fold: ProjectionFold)]) async throws -> Void) async throws {
        var n: Int64 = 0
        for kind in [StreamKind.agency, .person] {
            let (low, high) = kind == .agency ? ("agency:", "agency;") : ("person:", "person;")
            // Constants of this code only: a cursor is declared without parameters.
            try await c.run(PostgresQuery(unsafeSQL: """
                DECLARE studyleave_streams NO SCROLL CURSOR FOR
                SELECT t.tag, e.position, e.type, e.version, e.on_day, e.payload
                FROM event_tags t JOIN events e ON e.position = t.position
                WHERE t.tag >= '\(low)' AND t.tag < '\(high)' ORDER BY t.tag, t.position
                """))
            var current: String? = nil
            var stream: [Event] = []
            var group: [(kind: StreamKind, fold: ProjectionFold)] = []
            while true {
                let rows = try await c.rows("FETCH 20000 FROM studyleave_streams")
                for row in rows {
                    let (tag, event) = try streamEvent(row)
                    if tag != current {
                        if !stream.isEmpty { group.append((kind, ProjectionFold(events: stream))) }
                        current = tag
                        stream.removeAll(keepingCapacity: true)
                    }
                    stream.append(event)
                    n += 1
                    if n % 200_000 == 0 { progress?(n) }
                }
                if rows.isEmpty { break }
                if group.count >= 2000 { try await body(group); group.removeAll(keepingCapacity: true) }
            }
            if !stream.isEmpty { group.append((kind, ProjectionFold(events: stream))) }
            if !group.isEmpty { try await body(group) }
            try await c.run("CLOSE studyleave_streams")
        }
        progress?(n)
    }

    enum StreamKind { case agency, person }

    /// Recreates every row from the events, in the caller's transaction (appends wait: the head
    /// row is locked first); returns the position the rows stand at.
    static func rebuild(_ c: PostgresConnection, progress: ProgressReport?) async throws -> Int64 {
        let head = try await c.rows("SELECT position FROM ledger_head FOR UPDATE")
        let position = try head.first?.decode(Int64.self) ?? 0
        try await c.run("""
            WITH a AS (DELETE FROM proj_agency), h AS (DELETE FROM proj_headcount), p AS (DELETE FROM proj_person)
            DELETE FROM proj_application
            """)
        try await PostgresAttendance.rebuild(c)
        try await forEachStream(c, progress: progress) { group in
            var rows = ProjectionRowSet()
            for (kind, fold) in group {
                switch kind {
                case .agency:
                    rows.agencies += fold.agencies.values
                    rows.headcounts += fold.headcounts.values
                case .person:
                    rows.people += fold.people.values
                    rows.applications += fold.applications.values
                }
            }
            try await rows.insert(c)
        }
        try await setCheckpoint(c, position)
        return position
    }

    /// The first difference between the tables and a fresh fold, stream by stream, with SQLite's
    /// messages; nil when they match. Run in a REPEATABLE READ transaction (one snapshot).
    static func difference(_ c: PostgresConnection) async throws -> String? {
        let checkpointRows = try await c.rows("SELECT position FROM projection_checkpoint WHERE name = \(PostgresSchema.checkpointName)")
        let checkpoint = try checkpointRows.first?.decode(Int64.self) ?? 0
        let head = try await PostgresReads.head(c)
        if checkpoint != head { return "the projection tables stand at position \(checkpoint), the ledger at \(head): run 'rebuild'" }
        var found: String? = nil
        var counts = [0, 0, 0, 0]
        try await forEachStream(c) { group in
            guard found == nil else { return }
            let stored = try await StoredRows.fetch(c, for: group.map(\.fold))
            for (_, fold) in group {
                for row in fold.agencies.values {
                    counts[0] += 1
                    if stored.agencies[row.agency] != row { found = "the agency table differs from the events at \(row.agency): run 'rebuild'"; return }
                }
                for row in fold.headcounts.values {
                    counts[1] += 1
                    if stored.headcounts[QuotaKey(agency: row.agency, year: row.year)] != row.budgeted {
                        found = "the headcount table differs from the events at \(row.agency) \(row.year): run 'rebuild'"; return
                    }
                }
                for row in fold.people.values {
                    counts[2] += 1
                    if stored.people[row.person] != row { found = "the person table differs from the events at \(row.person): run 'rebuild'"; return }
                }
                for row in fold.applications.values {
                    counts[3] += 1
                    if stored.applications[row.application] != row {
                        found = "the application table differs from the events at \(row.application): run 'rebuild'"; return
                    }
                }
            }
        }
        if let found { return found }
        if let found = try await PostgresAttendance.difference(c) { return found }
        let totals = try await c.rows("""
            SELECT (SELECT count(*) FROM proj_agency), (SELECT count(*) FROM proj_headcount),
                   (SELECT count(*) FROM proj_person), (SELECT count(*) FROM proj_application)
            """)
        let (a, h, p, x) = try totals[0].decode((Int, Int, Int, Int).self)
        for (i, (table, count)) in [("proj_agency", a), ("proj_headcount", h), ("proj_person", p), ("proj_application", x)].enumerated()
        where count != counts[i] {
            return "the table \(table) holds rows no event accounts for: run 'rebuild'"
        }
        return nil
    }

    /// The stored rows for a group of folds' keys, read in one statement per table.
    struct StoredRows {
        var agencies: [String: AgencyRow] = [:]
        var headcounts: [QuotaKey: Int] = [:]
        var people: [String: PersonRow] = [:]
        var applications: [String: ApplicationRow] = [:]

        static func fetch(_ c: PostgresConnection, for folds: [ProjectionFold]) async throws -> StoredRows {
            var out = StoredRows()
            let agencyKeys = Array(Set(folds.flatMap { $0.agencies.keys } + folds.flatMap { $0.headcounts.values.map(\.agency) }))
            let personKeys = folds.flatMap { $0.people.keys }
            let applicationKeys = folds.flatMap { $0.applications.keys }
            if !agencyKeys.isEmpty {
                for row in try await c.rows("SELECT agency, name, parent FROM proj_agency WHERE agency = ANY(\(agencyKeys))") {
                    let (agency, name, parent) = try row.decode((String, String, String?).self)
                    out.agencies[agency] = AgencyRow(agency: agency, name: name, parent: parent)
                }
                for row in try await c.rows("SELECT agency, year, budgeted FROM proj_headcount WHERE agency = ANY(\(agencyKeys))") {
                    let (agency, year, budgeted) = try row.decode((String, Int, Int).self)
                    out.headcounts[QuotaKey(agency: agency, year: year)] = budgeted
                }
            }
            if !personKeys.isEmpty {
                for row in try await c.rows("SELECT person, name, agency, separated_on FROM proj_person WHERE person = ANY(\(personKeys))") {
                    let (person, name, agency, separated) = try row.decode((String, String, String, String?).self)
                    out.people[person] = PersonRow(person: person, name: name, agency: agency, separatedOn: PostgresRows.day(separated))
                }
            }
            if !applicationKeys.isEmpty {
                for row in try await c.rows("""
                    SELECT \(unescaped: PostgresRows.applicationColumns) FROM proj_application WHERE application = ANY(\(applicationKeys))
                    """) {
                    let application = try PostgresRows.application(row)
                    out.applications[application.application] = application
                }
            }
            return out
        }
    }

    // MARK: Reports

    static func applicationRows(_ c: PostgresConnection, _ query: ApplicationQuery) async throws -> [ApplicationRow] {
        try await c.rows(ApplicationQueryPostgres.select(query)).map(PostgresRows.application)
    }

    static func agencyRows(_ c: PostgresConnection) async throws -> [AgencyRow] {
        try await c.rows("SELECT agency, name, parent FROM proj_agency ORDER BY agency").map { row in
            let (agency, name, parent) = try row.decode((String, String, String?).self)
            return AgencyRow(agency: agency, name: name, parent: parent)
        }
    }

    static func personRows(_ c: PostgresConnection, agency: String?) async throws -> [PersonRow] {
        let query: PostgresQuery = agency.map { "SELECT person, name, agency, separated_on FROM proj_person WHERE agency = \($0) ORDER BY person" }
            ?? "SELECT person, name, agency, separated_on FROM proj_person ORDER BY person"
        return try await c.rows(query).map { row in
            let (person, name, agency, separated) = try row.decode((String, String, String, String?).self)
            return PersonRow(person: person, name: name, agency: agency, separatedOn: PostgresRows.day(separated))
        }
    }

    static func headcountRows(_ c: PostgresConnection, year: Int) async throws -> [String: Int] {
        var out: [String: Int] = [:]
        for row in try await c.rows("SELECT agency, budgeted FROM proj_headcount WHERE year = \(year)") {
            let (agency, budgeted) = try row.decode((String, Int).self)
            out[agency] = budgeted
        }
        return out
    }
}

/// The reports' questions (`ApplicationQuery`) as PostgreSQL conditions on the application
/// table, each served by an index of `PostgresSchema.bulkIndexes`; the modes come with the
/// question, from the domain.
enum ApplicationQueryPostgres {
    static func select(_ query: ApplicationQuery) -> PostgresQuery {
        let columns = PostgresRows.applicationColumns
        switch query {
        case let .onLeave(day, modes):
            return """
                SELECT \(unescaped: columns) FROM proj_application
                WHERE leave_start IS NOT NULL AND leave_start <= \(day.iso) AND (leave_end IS NULL OR leave_end >= \(day.iso))
                  AND withdrawn_on IS NULL AND mode = ANY(\(modes.map(\.rawValue).sorted()))
                """
        case let .leaveStarted(day, modes):
            return """
                SELECT \(unescaped: columns) FROM proj_application
                WHERE leave_start IS NOT NULL AND leave_start <= \(day.iso) AND withdrawn_on IS NULL
                  AND mode = ANY(\(modes.map(\.rawValue).sorted()))
                """
        case let .countedOrPending(year):
            let first = CivilDate(year: year, month: 1, day: 1)!.iso, last = CivilDate(year: year, month: 12, day: 31)!.iso
            return """
                SELECT \(unescaped: columns) FROM proj_application
                WHERE approved_year = \(year)
                   OR (from_day BETWEEN \(first) AND \(last) AND approved_on IS NULL AND rejected_on IS NULL AND withdrawn_on IS NULL)
                """
        case let .undecidedOn(day):
            return "SELECT \(unescaped: columns) FROM proj_application WHERE \(unescaped: PostgresSchema.firstDecision) > \(day.iso)"
        case let .application(x):
            return "SELECT \(unescaped: columns) FROM proj_application WHERE application = \(x)"
        case let .leaveSpanning(p, modes, startedBy, notEndedBefore):
            return """
                SELECT \(unescaped: columns) FROM proj_application
                WHERE person = ANY(\(p.sorted())) AND mode = ANY(\(modes.map(\.rawValue).sorted()))
                  AND leave_start IS NOT NULL AND leave_start <= \(startedBy.iso) AND (leave_end IS NULL OR leave_end >= \(notEndedBefore.iso))
                """
        case .all:
            return "SELECT \(unescaped: columns) FROM proj_application"
        }
    }
}

extension ProjectionKey {
    /// The keys' ids by kind of row: agencies, people, applications (one statement per table).
    static func ids(of keys: Set<ProjectionKey>) -> (agencies: [String], people: [String], applications: [String]) {
        var agencies: [String] = [], people: [String] = [], applications: [String] = []
        for key in keys {
            switch key {
            case .agency(let a): agencies.append(a)
            case .person(let p): people.append(p)
            case .application(let x): applications.append(x)
            }
        }
        return (agencies, people, applications)
    }
}

/// Projection rows to write, gathered from folds; dropped and written in one statement each.
struct ProjectionRowSet {
    var agencies: [AgencyRow] = []
    var headcounts: [HeadcountRow] = []
    var people: [PersonRow] = []
    var applications: [ApplicationRow] = []

    /// The key's rows from a fold of its stream, as SQLite's `RowReplacer.replace` takes them.
    mutating func add(_ key: ProjectionKey, from fold: ProjectionFold) {
        switch key {
        case .agency(let a):
            if let row = fold.agencies[a] { agencies.append(row) }
            headcounts += fold.headcounts.values.filter { $0.agency == a }
        case .person(let p):
            if let row = fold.people[p] { people.append(row) }
        case .application(let x):
            if let row = fold.applications[x] { applications.append(row) }
        }
    }

    /// Drops the keys' rows (a key whose stream is empty keeps none), then writes these.
    func replace(_ c: PostgresConnection, keys: Set<ProjectionKey>) async throws {
        let (agencyKeys, personKeys, applicationKeys) = ProjectionKey.ids(of: keys)
        try await c.run("""
            WITH a AS (DELETE FROM proj_agency WHERE agency = ANY(\(agencyKeys))),
                 h AS (DELETE FROM proj_headcount WHERE agency = ANY(\(agencyKeys))),
                 p AS (DELETE FROM proj_person WHERE person = ANY(\(personKeys)))
            DELETE FROM proj_application WHERE application = ANY(\(applicationKeys))
            """)
        try await insert(c)
    }

    /// Writes the rows: one statement, each table's rows from arrays (`unnest`).
    func insert(_ c: PostgresConnection) async throws {
        guard !isEmpty else { return }
        try await c.run("WITH \(inserting: self) SELECT 1")
    }

    var isEmpty: Bool { agencies.isEmpty && headcounts.isEmpty && people.isEmpty && applications.isEmpty }
}

extension PostgresQuery.StringInterpolation {
    /// The rows' inserts as the common table expressions `ra`, `rh`, `rp` and `rx` of a `WITH`,
    /// each table's rows from arrays (`unnest`). With `upsert`, a row already there is replaced
    /// (`ON CONFLICT … DO UPDATE`); `when` is a condition of the statement every insert waits on.
    mutating func appendInterpolation(inserting rows: ProjectionRowSet, upsert: Bool = false, when condition: String = "true") {
        func conflict(_ key: [String], _ columns: [String]) -> String {
            guard upsert else { return "" }
            let set = columns.filter { !key.contains($0) }.map { "\($0) = excluded.\($0)" }.joined(separator: ", ")
            return " ON CONFLICT (\(key.joined(separator: ", "))) DO UPDATE SET \(set)"
        }
        let a = rows.agencies, h = rows.headcounts, p = rows.people, x = rows.applications
        appendLiteral("ra AS (INSERT INTO proj_agency(agency, name, parent) SELECT * FROM unnest(")
        appendInterpolation(a.map(\.agency)); appendLiteral("::text[], ")
        appendInterpolation(a.map(\.name)); appendLiteral("::text[], ")
        appendInterpolation(NullableTextArray(a.map(\.parent))); appendLiteral("::text[]) WHERE \(condition)")
        appendLiteral(conflict(["agency"], ["name", "parent"]) + "), ")
        appendLiteral("rh AS (INSERT INTO proj_headcount(agency, year, budgeted) SELECT * FROM unnest(")
        appendInterpolation(h.map(\.agency)); appendLiteral("::text[], ")
        appendInterpolation(h.map(\.year)); appendLiteral("::bigint[], ")
        appendInterpolation(h.map(\.budgeted)); appendLiteral("::bigint[]) WHERE \(condition)")
        appendLiteral(conflict(["agency", "year"], ["budgeted"]) + "), ")
        appendLiteral("rp AS (INSERT INTO proj_person(person, name, agency, separated_on) SELECT * FROM unnest(")
        appendInterpolation(p.map(\.person)); appendLiteral("::text[], ")
        appendInterpolation(p.map(\.name)); appendLiteral("::text[], ")
        appendInterpolation(p.map(\.agency)); appendLiteral("::text[], ")
        appendInterpolation(NullableTextArray(p.map { $0.separatedOn?.iso })); appendLiteral("::text[]) WHERE \(condition)")
        appendLiteral(conflict(["person"], ["name", "agency", "separated_on"]) + "), ")
        appendLiteral("rx AS (INSERT INTO proj_application(\(PostgresRows.applicationColumns)) SELECT * FROM unnest(")
        appendInterpolation(x.map(\.application)); appendLiteral("::text[], ")
        appendInterpolation(x.map(\.person)); appendLiteral("::text[], ")
        appendInterpolation(x.map(\.agency)); appendLiteral("::text[], ")
        appendInterpolation(x.map(\.mode.rawValue)); appendLiteral("::text[], ")
        appendInterpolation(x.map(\.sponsor.rawValue)); appendLiteral("::text[], ")
        appendInterpolation(x.map(\.abroad)); appendLiteral("::boolean[], ")
        appendInterpolation(x.map(\.from.iso)); appendLiteral("::text[], ")
        appendInterpolation(x.map(\.to.iso)); appendLiteral("::text[], ")
        appendInterpolation(NullableTextArray(x.map { $0.approvedOn?.iso })); appendLiteral("::text[], ")
        appendInterpolation(NullableTextArray(x.map(\.approvedAgency))); appendLiteral("::text[], ")
        appendInterpolation(NullableIntArray(x.map(\.approvedYear))); appendLiteral("::integer[], ")
        appendInterpolation(NullableTextArray(x.map { $0.rejectedOn?.iso })); appendLiteral("::text[], ")
        appendInterpolation(NullableTextArray(x.map { $0.withdrawnOn?.iso })); appendLiteral("::text[], ")
        appendInterpolation(NullableTextArray(x.map { $0.leaveStart?.iso })); appendLiteral("::text[], ")
        appendInterpolation(NullableTextArray(x.map { $0.leaveEnd?.iso })); appendLiteral("::text[], ")
        appendInterpolation(NullableTextArray(x.map { $0.returnedOn?.iso })); appendLiteral("::text[]) WHERE \(condition)")
        appendLiteral(conflict(["application"], PostgresRows.applicationColumnList) + ")")
    }
}
