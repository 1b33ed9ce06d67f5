import PostgresNIO
import StudyLeaveDomain

/// The projection rows an append changes, as they stand before it, read before the head is
/// locked: the append then applies its events to them (`ProjectionFold.apply`, as a fold of the
/// whole stream would) instead of reading the rows' streams while every other office waits.
///
/// Each read also gives the head it saw, in the same snapshot; under the lock the append checks
/// that no event of the rows' tags came after `through` (`PostgresAppend`), and reads again if
/// one did.
struct PostgresRowsBefore {
    /// The rows as they stand, ready for the new events.
    var fold = ProjectionFold()
    /// The rows stand at this position or later.
    var through: Int64 = .max
    /// The tags whose events change the rows.
    let tags: [String]
    let keys: Set<ProjectionKey>

    /// Reads the rows of `keys`: one statement for each kind of row the keys name.
    static func read(_ c: PostgresConnection, keys: Set<ProjectionKey>) async throws -> PostgresRowsBefore {
        var out = PostgresRowsBefore(tags: keys.map(\.tag).sorted(), keys: keys)
        let (agencies, people, applications) = ProjectionKey.ids(of: keys)
        // The head last: a row with no match still carries it (LEFT JOIN), and the decoders read
        // the row's first columns.
        if !agencies.isEmpty {
            for row in try await c.rows("""
                SELECT a.agency, a.name, a.parent, h.position FROM ledger_head h LEFT JOIN proj_agency a ON a.agency = ANY(\(agencies))
                """) {
                let (agency, name, parent, position) = try row.decode((String?, String?, String?, Int64).self)
                out.saw(position)
                if let agency, let name { out.fold.agencies[agency] = AgencyRow(agency: agency, name: name, parent: parent) }
            }
            for row in try await c.rows("""
                SELECT n.agency, n.year, n.budgeted, h.position FROM ledger_head h LEFT JOIN proj_headcount n ON n.agency = ANY(\(agencies))
                """) {
                let (agency, year, budgeted, position) = try row.decode((String?, Int?, Int?, Int64).self)
                out.saw(position)
                if let agency, let year, let budgeted {
                    out.fold.headcounts[QuotaKey(agency: agency, year: year)] = HeadcountRow(agency: agency, year: year, budgeted: budgeted)
                }
            }
        }
        if !people.isEmpty {
            for row in try await c.rows("""
                SELECT p.person, p.name, p.agency, p.separated_on, h.position FROM ledger_head h LEFT JOIN proj_person p ON p.person = ANY(\(people))
                """) {
                let (person, name, agency, separated, position) = try row.decode((String?, String?, String?, String?, Int64).self)
                out.saw(position)
                if let person, let name, let agency {
                    out.fold.people[person] = PersonRow(person: person, name: name, agency: agency, separatedOn: PostgresRows.day(separated))
                }
            }
        }
        if !applications.isEmpty {
            let columns = PostgresRows.applicationColumnList.map { "x." + $0 }.joined(separator: ", ")
            for row in try await c.rows("""
                SELECT \(unescaped: columns), h.position FROM ledger_head h LEFT JOIN proj_application x ON x.application = ANY(\(applications))
                """) {
                let cells = Array(row)
                out.saw(try cells[cells.count - 1].decode(Int64.self))
                guard try cells[0].decode(String?.self) != nil else { continue }
                let application = try PostgresRows.application(row)
                out.fold.applications[application.application] = application
            }
        }
        return out
    }

    private mutating func saw(_ position: Int64) { through = min(through, position) }

    /// The rows after `events` (none a retraction), in the order they were recorded: each
    /// applied as a fold of the whole stream would (`ProjectionFold.apply`).
    func after(_ events: [Event]) -> ProjectionRowSet {
        var fold = self.fold
        for e in events { fold.apply(e.data, on: e.on) }
        var rows = ProjectionRowSet()
        for key in keys { rows.add(key, from: fold) }
        return rows
    }
}
