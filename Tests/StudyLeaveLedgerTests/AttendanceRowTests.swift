import Foundation
import GRDB
import Testing
import StudyLeaveDomain
@testable import StudyLeaveLedger

/// The attendance rows on SQLite: made by each attendance, taken out by its retraction, the same
/// after a rebuild and an import, checked by verify, and added to a ledger of schema 1.
@Suite("Attendance rows")
struct AttendanceRowTests {
    static let course = NewEvent(on: day, tags: [Tag.course("C1")], data: .courseAdded(EventData.CourseSpec(
        course: "C1", name: "環境教育", hours: Hours(tenths: 60), from: day, to: CivilDate(year: 2026, month: 1, day: 2)!, topics: [.environment])))

    static func attend(_ p: String, leave: Int = 0) -> NewEvent {
        NewEvent(on: day, tags: [Tag.roster("C1"), Tag.learner(p)], data: .attendanceRecorded(course: "C1", person: p, leave: Hours(tenths: leave), absent: false))
    }

    func rows(_ ledger: SQLiteLedger, _ people: [String] = ["P1", "P2"], year: Int = 2026) throws -> [AttendanceRow] {
        try #require(try ledger.attendanceRows(people: people, year: year)).rows
    }

    @Test("an attendance makes its row, in its course's year (the last day's), and its retraction takes it out")
    func appendAndRetract() throws {
        let dir = TempDir()
        let ledger = try seededLedger(dir)
        _ = try ledger.append([Self.course], actor: "tester")
        let first = try ledger.append([Self.attend("P1", leave: 15), Self.attend("P2")], actor: "tester").events
        #expect(try rows(ledger).map(\.person) == ["P1", "P2"])
        #expect(try rows(ledger).first == AttendanceRow(position: first[0].position, person: "P1", year: 2026, course: "C1", on: day,
                                                        leave: Hours(tenths: 15), absent: false))
        #expect(try rows(ledger, year: 2025).isEmpty)
        #expect(try rows(ledger, ["P2"]).map(\.person) == ["P2"])
        #expect(try ledger.attendanceRows(people: ["P1"], year: 2026)?.head == first[1].position)
        _ = try ledger.append([NewEvent(on: day, tags: first[0].tags, data: .eventRetracted(position: first[0].position, type: "AttendanceRecorded", reason: "誤登"))],
                              actor: "tester")
        #expect(try rows(ledger).map(\.person) == ["P2"])
        #expect(try ledger.projectionDifference() == nil)
        // Rebuilt from the events: the same rows.
        let before = try rows(ledger)
        _ = try ledger.rebuildProjections()
        #expect(try rows(ledger) == before)
        #expect(try ledger.projectionDifference() == nil)
    }

    @Test("verify finds a row edited, missing or extra")
    func damage() throws {
        for sql in ["UPDATE proj_attendance SET leave_tenths = 5", "DELETE FROM proj_attendance",
                    "INSERT INTO proj_attendance VALUES (999, 'P9', 2026, 'C1', '2025-03-01', 0, 0)"] {
            let dir = TempDir()
            let ledger = try seededLedger(dir)
            _ = try ledger.append([Self.course], actor: "tester")
            _ = try ledger.append([Self.attend("P1")], actor: "tester")
            try tamper(dir.path("ledger.db"), sql)
            let found = try ledger.projectionDifference()
            #expect(found?.contains("attendance") == true && found?.contains("run 'rebuild'") == true, "\(sql): \(found ?? "nil")")
            _ = try ledger.rebuildProjections()
            #expect(try ledger.projectionDifference() == nil)
        }
    }

    @Test("a ledger of schema 1 (no attendance rows) read-only folds instead; opened for writing, it gets the rows from its events")
    func upgrade() throws {
        let dir = TempDir()
        let path = dir.path("ledger.db")
        do {
            let ledger = try seededLedger(dir)
            _ = try ledger.append([Self.course], actor: "tester")
            _ = try ledger.append([Self.attend("P1"), Self.attend("P2", leave: 10)], actor: "tester")
        }
        try tamper(path, "DROP TABLE proj_attendance; PRAGMA user_version = 1")
        let old = try SQLiteLedger.open(path: path, readOnly: true)
        #expect(try old.attendanceRows(people: ["P1"], year: 2026) == nil)
        let upgraded = try SQLiteLedger.open(path: path)
        #expect(try rows(upgraded).map(\.person) == ["P1", "P2"])
        #expect(try upgraded.queue.read { try Int.fetchOne($0, sql: "PRAGMA user_version") } == Schema.version)
        #expect(try upgraded.projectionDifference() == nil)
    }
}
