import Foundation
import StudyLeaveDomain
import StudyLeaveTestSupport
import Testing
@testable import StudyLeaveLedger

@Suite("PostgreSQL: the projection tables")
struct ProjectionTests {
    @Test("after appends the tables equal a fresh fold of the events")
    func appendsKeepRows() async throws {
        guard let server = try await server() else { return }
        let store = try await freshStore(server)
        defer { Task { await store.close() } }
        let results = try await appendAll(store, richHistory())
        #expect(try await store.projectionDifference() == nil)
        let fold = ProjectionFold(events: results.flatMap(\.events))
        #expect(sortedRows(try await store.applicationRows(.all)) == sortedRows(Array(fold.applications.values)))
        let states = Dictionary(uniqueKeysWithValues: try await store.applicationRows(.all).map { ($0.application, $0.state) })
        #expect(states["A1"] == .withdrawn && states["A2"] == .onLeave && states["A3"] == .ended && states["A4"] == .submitted)
        #expect(try await store.headcountRows(year: 2025) == ["HR": 25, "IT": 4])
        #expect(try await store.headcountRows(year: 2024) == [:])
    }

    @Test("rows read before the head lock that another append moved are read again under it, not written stale")
    func rowsMovedBeforeTheLock() async throws {
        guard let server = try await server() else { return }
        let store = try await freshStore(server)
        defer { Task { await store.close() } }
        try await appendAll(store, richHistory())
        let separation = NewEvent(on: d("2025-12-31"), tags: [Tag.person("P2")], data: .personSeparated(person: "P2", agency: "IT", reason: .resignation, wasHead: false))
        let stale = try await store.session.withConnection { c in try await PostgresRowsBefore.read(c, keys: [.person("P2")]) }
        // Another office records for the same person between the read and the lock.
        let moveTo = NewEvent(on: d("2025-06-01"), tags: [Tag.person("P2"), Tag.agency("HR"), Tag.agency("IT")],
                              data: .personTransferred(person: "P2", from: "HR", to: "IT", carryObligation: false, wasHead: false))
        try await appendAll(store, [[moveTo]])
        let head = try await store.head()
        let moved = try await store.session.withConnection { c in
            do {
                _ = try await PostgresAppend.locked(c, [separation], actor: "tester", requestId: nil, condition: nil, nowMillis: 0,
                                                    changed: [.person("P2")], before: stale, refold: false, attendance: nil)
                return false
            } catch is PostgresAppend.RowsMoved {
                return true
            }
        }
        #expect(moved)
        #expect(try await store.head() == head)
        // Through the store: the rows are read again under the lock, and hold both events.
        try await appendAll(store, [[separation]])
        #expect(try await store.projectionDifference() == nil)
        let p2 = try await store.personRows(agency: "IT").first { $0.person == "P2" }
        #expect(p2?.separatedOn == d("2025-12-31"))
    }

    @Test("every report question answers the rows its meaning selects", arguments: everyQuery())
    func queryMeaning(query: ApplicationQuery) async throws {
        guard let server = try await server() else { return }
        let store = try await freshStore(server)
        defer { Task { await store.close() } }
        try await appendAll(store, richHistory())
        let all = try await store.applicationRows(.all)
        #expect(all.count == 6)
        #expect(sortedRows(try await store.applicationRows(query)) == sortedRows(all.filter(query.matches)))
    }

    @Test("rebuild gives the rows the appends kept")
    func rebuild() async throws {
        guard let server = try await server() else { return }
        let store = try await freshStore(server)
        defer { Task { await store.close() } }
        try await appendAll(store, richHistory())
        let before = sortedRows(try await store.applicationRows(.all))
        #expect(try await store.rebuildProjections(progress: nil) == store.head())
        #expect(sortedRows(try await store.applicationRows(.all)) == before)
        #expect(try await store.projectionDifference() == nil)
    }

    @Test("rebuild mends rows edited behind the store's back")
    func rebuildMends() async throws {
        guard let server = try await server() else { return }
        let store = try await freshStore(server)
        defer { Task { await store.close() } }
        try await appendAll(store, richHistory())
        try await server.psql("UPDATE proj_person SET name = 'x' WHERE person = 'P1'; DELETE FROM proj_application WHERE application = 'A5'",
                        database: store.address.database)
        #expect(try await store.projectionDifference() != nil)
        _ = try await store.rebuildProjections(progress: nil)
        #expect(try await store.projectionDifference() == nil)
    }

    @Test("the difference names the first row that differs, in SQLite's words", arguments: [
        ("UPDATE proj_person SET name = 'x' WHERE person = 'P1'", "the person table differs from the events at P1: run 'rebuild'"),
        ("UPDATE proj_agency SET name = 'x' WHERE agency = 'IT'", "the agency table differs from the events at IT: run 'rebuild'"),
        ("UPDATE proj_headcount SET budgeted = 9 WHERE agency = 'HR'", "the headcount table differs from the events at HR 2025: run 'rebuild'"),
        ("UPDATE proj_application SET leave_end = '2026-01-01' WHERE application = 'A2'", "the application table differs from the events at A2: run 'rebuild'"),
        ("INSERT INTO proj_person VALUES ('ghost', 'n', 'HR', NULL)", "the table proj_person holds rows no event accounts for: run 'rebuild'"),
        ("UPDATE projection_checkpoint SET position = 3", "the projection tables stand at position 3, the ledger at 31: run 'rebuild'"),
    ])
    func differenceMessages(edit: String, message: String) async throws {
        guard let server = try await server() else { return }
        let store = try await freshStore(server)
        defer { Task { await store.close() } }
        try await appendAll(store, richHistory())
        #expect(try await store.head() == 31)
        try await server.psql(edit, database: store.address.database)
        #expect(try await store.projectionDifference() == message)
    }
}
