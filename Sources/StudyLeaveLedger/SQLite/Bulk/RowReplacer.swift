import GRDB
import StudyLeaveDomain

/// Replaces projection rows with ones folded afresh from their own events: after an append, for the
/// few rows it touches; after a rebuild or an import, for the rows that retractions and late
/// withdrawals touched, which may be tens of thousands (then read in one pass over their streams).
struct RowReplacer {
    private let db: Database
    private let writer: ProjectionRowWriter
    private let dropAgency: RawStatement
    private let dropHeadcounts: RawStatement
    private let dropPerson: RawStatement
    private let dropApplication: RawStatement

    init(_ db: Database) throws {
        self.db = db
        writer = try ProjectionRowWriter(db)
        dropAgency = try RawStatement(db, "DELETE FROM proj_agency WHERE agency = ?")
        dropHeadcounts = try RawStatement(db, "DELETE FROM proj_headcount WHERE agency = ?")
        dropPerson = try RawStatement(db, "DELETE FROM proj_person WHERE person = ?")
        dropApplication = try RawStatement(db, "DELETE FROM proj_application WHERE application = ?")
    }

    /// The key's rows, from a fold of the key's stream (its tag's events).
    func replace(_ key: ProjectionKey, with fold: ProjectionFold) throws {
        func drop(_ statement: RawStatement, _ id: String) throws { statement.bind(1, id); try statement.execute() }
        switch key {
        case .agency(let a):
            try drop(dropAgency, a)
            try drop(dropHeadcounts, a)
            if let row = fold.agencies[a] { try writer.insert(row) }
            for row in fold.headcounts.values where row.agency == a { try writer.insert(row) }
        case .person(let p):
            try drop(dropPerson, p)
            if let row = fold.people[p] { try writer.insert(row) }
        case .application(let x):
            try drop(dropApplication, x)
            if let row = fold.applications[x] { try writer.insert(row) }
        }
    }

    /// Many keys: their streams read in one statement, in tag order, one stream folded at a time.
    func replaceMany(_ keys: Set<ProjectionKey>) throws {
        var byTag: [String: ProjectionKey] = [:]
        for key in keys { byTag[key.tag] = key }
        try db.execute(sql: "CREATE TEMP TABLE refresh_tags(tag TEXT PRIMARY KEY) WITHOUT ROWID")
        defer { try? db.execute(sql: "DROP TABLE IF EXISTS temp.refresh_tags") }
        let add = try RawStatement(db, "INSERT INTO temp.refresh_tags(tag) VALUES (?)")
        for tag in byTag.keys { add.bind(1, tag); try add.execute() }
        let scan = try RawStatement(db, """
            SELECT t.tag, e.position, e.type, e.version, e.on_day, e.payload
            FROM temp.refresh_tags r JOIN event_tags t ON t.tag = r.tag JOIN events e ON e.position = t.position
            ORDER BY t.tag, t.position
            """)
        var done = Set<String>()
        var current: String? = nil
        var stream: [Event] = []
        func flush() throws {
            guard let tag = current, let key = byTag[tag] else { return }
            try replace(key, with: ProjectionFold(events: stream))
            done.insert(tag)
        }
        while try scan.step() {
            let tag = scan.string(0)
            if tag != current { try flush(); current = tag; stream.removeAll(keepingCapacity: true) }
            let position = scan.int64(1)
            let (on, data) = try StoredType.find(scan.bytes(2), position: position)
                .decode(position: position, version: Int(scan.int64(3)), on: scan.bytes(4), payload: scan.bytes(5))
            stream.append(Event(position: position, on: on, recordedAt: "", actor: "", tags: [], data: data))
        }
        try flush()
        // A key whose stream is empty has no rows left.
        for (tag, key) in byTag where !done.contains(tag) { try replace(key, with: ProjectionFold()) }
    }
}
