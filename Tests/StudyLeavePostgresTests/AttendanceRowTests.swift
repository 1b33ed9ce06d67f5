import Foundation
import StudyLeaveDomain
import StudyLeaveTestSupport
import Testing
@testable import StudyLeaveLedger

/// The attendance rows on PostgreSQL, as on SQLite: made by each attendance, taken out by its
/// retraction, the same after a rebuild, checked by verify; a ledger whose table an earlier
/// version did not make answers nil (the queries fold) until its rebuild makes and fills it.
@Suite("PostgreSQL: the attendance rows")
struct PostgresAttendanceRowTests {
    static let day = d("2025-03-01")
    static let course = NewEvent(on: day, tags: [Tag.course("C1")], data: .courseAdded(EventData.CourseSpec(
        course: "C1", name: "環境教育", hours: Hours(tenths: 60), from: day, to: d("2026-01-02"), topics: [.environment])))

    static func attend(_ p: String, leave: Int = 0) -> NewEvent {
        NewEvent(on: day, tags: [Tag.roster("C1"), Tag.learner(p)], data: .attendanceRecorded(course: "C1", person: p, leave: Hours(tenths: leave), absent: false))
    }

    @Test("appends, a retraction, rebuild and verify keep the rows; without the table, nil until rebuild")
    func rows() async throws {
        guard let server = try await server() else { return }
        let store = try await freshStore(server)
        defer { Task { await store.close() } }
        try await appendAll(store, [seedEvents(), [Self.course]])
        let first = try await appendAll(store, [[Self.attend("P1", leave: 15), Self.attend("P2")]])[0].events
        let read = try #require(try await store.attendanceRows(people: ["P1", "P2", "none"], year: 2026))
        #expect(read.rows.map(\.person) == ["P1", "P2"] && read.head == first[1].position)
        #expect(read.rows[0] == AttendanceRow(position: first[0].position, person: "P1", year: 2026, course: "C1", on: Self.day,
                                              leave: Hours(tenths: 15), absent: false))
        #expect(try await store.attendanceRows(people: ["P1"], year: 2025)?.rows.isEmpty == true)
        try await appendAll(store, [[NewEvent(on: Self.day, tags: first[0].tags, data: .eventRetracted(position: first[0].position, type: "AttendanceRecorded", reason: "誤登"))]])
        #expect(try await store.attendanceRows(people: ["P1", "P2"], year: 2026)?.rows.map(\.person) == ["P2"])
        #expect(try await store.projectionDifference() == nil)
        _ = try await store.rebuildProjections(progress: nil)
        #expect(try await store.attendanceRows(people: ["P1", "P2"], year: 2026)?.rows.map(\.person) == ["P2"])
        #expect(try await store.projectionDifference() == nil)
        // A ledger of schema 1: no table. Reads say so; appends go on; rebuild makes the rows.
        try await store.session.withConnection { c in try await c.run("DROP TABLE proj_attendance") }
        #expect(try await store.attendanceRows(people: ["P1"], year: 2026) == nil)
        try await appendAll(store, [[Self.attend("P3")]])
        #expect(try await store.projectionDifference()?.contains("run 'rebuild'") == true)
        _ = try await store.rebuildProjections(progress: nil)
        #expect(try await store.attendanceRows(people: ["P2", "P3"], year: 2026)?.rows.map(\.person) == ["P2", "P3"])
        #expect(try await store.projectionDifference() == nil)
    }
}
