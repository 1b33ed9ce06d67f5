import Testing
@testable import StudyLeaveDomain

/// The superset filters the hours fast path reads by (Sources/StudyLeaveApp/FastPaths): who could
/// have served in an agency in a year from its member stream alone, and whose full-time leave
/// could exempt them. Each must keep everyone the rule keeps; a miss shows as a wrong answer
/// (HoursFastPathTests), a surplus only as a slower one.
@Suite("Learning hours: who a query must fold whole")
struct HoursReadPlanTests {
    func event(_ on: String, _ data: EventData) -> Event {
        Event(position: 1, on: day(on), recordedAt: "", actor: "", tags: [], data: data)
    }
    func added(_ on: String, to a: String) -> Event { event(on, .personAdded(person: "P", name: "P", agency: a, head: false)) }
    func moved(_ on: String, _ from: String, _ to: String) -> Event {
        event(on, .personTransferred(person: "P", from: from, to: to, carryObligation: false, wasHead: false))
    }
    func separated(_ on: String, from a: String) -> Event { event(on, .personSeparated(person: "P", agency: a, reason: .resignation, wasHead: false)) }

    @Test("in the agency on a day of the year: joined by its end, left after its start")
    func mayServe() {
        #expect(HoursRule.mayServe(in: "A", year: 2025, memberEvents: [moved("2024-05-01", "B", "A")]))
        #expect(HoursRule.mayServe(in: "A", year: 2025, memberEvents: [moved("2025-12-31", "B", "A")]))
        #expect(!HoursRule.mayServe(in: "A", year: 2025, memberEvents: [moved("2026-01-01", "B", "A")]))
        // Left during the year (a separation from the other agency the same year may put them back in A's count).
        #expect(HoursRule.mayServe(in: "A", year: 2025, memberEvents: [added("2020-01-01", to: "A"), moved("2025-06-01", "A", "B")]))
        #expect(HoursRule.mayServe(in: "A", year: 2025, memberEvents: [added("2020-01-01", to: "A"), moved("2025-01-02", "A", "B")]))
        // Left on 1 January or before: not in A on any day of the year.
        #expect(!HoursRule.mayServe(in: "A", year: 2025, memberEvents: [added("2020-01-01", to: "A"), moved("2025-01-01", "A", "B")]))
        #expect(!HoursRule.mayServe(in: "A", year: 2025, memberEvents: [added("2020-01-01", to: "A"), moved("2023-03-01", "A", "B")]))
        #expect(!HoursRule.mayServe(in: "A", year: 2025, memberEvents: [moved("2021-01-01", "B", "A"), separated("2024-12-31", from: "A")]))
        // Back again.
        #expect(HoursRule.mayServe(in: "A", year: 2025, memberEvents: [added("2020-01-01", to: "A"), moved("2022-01-01", "A", "B"), moved("2025-03-01", "B", "A")]))
    }

    func row(start: String?, end: String?, mode: StudyMode = .fullTime) -> ApplicationRow {
        ApplicationRow(application: "X", person: "P", agency: "A", mode: mode, sponsor: .selected, abroad: false,
                       from: day("2024-09-01"), to: day("2026-06-30"), leaveStart: start.map(day), leaveEnd: end.map(day))
    }

    @Test("a full-time leave started by 1 January and not ended before the year's end, as the view sees it")
    func mayExempt() {
        let end = day("2025-12-31"), mid = day("2025-07-01")
        #expect(HoursRule.mayExempt(row(start: "2024-09-01", end: nil), year: 2025, asOf: end))
        #expect(HoursRule.mayExempt(row(start: "2024-09-01", end: "2025-12-31"), year: 2025, asOf: end))
        #expect(!HoursRule.mayExempt(row(start: "2024-09-01", end: "2025-06-30"), year: 2025, asOf: end))
        // As of mid-year, a leave end recorded later is not seen yet.
        #expect(HoursRule.mayExempt(row(start: "2024-09-01", end: "2025-09-30"), year: 2025, asOf: mid))
        #expect(!HoursRule.mayExempt(row(start: "2025-01-02", end: nil), year: 2025, asOf: end))
        #expect(!HoursRule.mayExempt(row(start: "2024-09-01", end: nil, mode: .partTime), year: 2025, asOf: end))
        #expect(!HoursRule.mayExempt(row(start: nil, end: nil), year: 2025, asOf: end))
    }

    @Test("the attendance rows: a row per attendance in its course's last year, out at its retraction; what an append must read")
    func attendanceFold() {
        var fold = AttendanceFold()
        let spec = EventData.CourseSpec(course: "C1", name: "C1", hours: Hours(tenths: 60), from: day("2025-12-29"), to: day("2026-01-02"), topics: [.work])
        #expect(fold.apply(.courseAdded(spec), position: 1, on: day("2025-12-01")) == nil)
        let attend = EventData.attendanceRecorded(course: "C1", person: "P", leave: Hours(tenths: 10), absent: false)
        #expect(fold.apply(attend, position: 2, on: day("2026-01-02")) == .insert(AttendanceRow(
            position: 2, person: "P", year: 2026, course: "C1", on: day("2026-01-02"), leave: Hours(tenths: 10), absent: false)))
        // An attendance of a course the fold never saw makes no row.
        #expect(fold.apply(.attendanceRecorded(course: "C9", person: "P", leave: .zero, absent: true), position: 3, on: day("2026-01-03")) == nil)
        #expect(fold.apply(.eventRetracted(position: 2, type: "AttendanceRecorded", reason: "誤登"), position: 4, on: day("2026-01-05")) == .delete(position: 2))
        #expect(fold.apply(.eventRetracted(position: 1, type: "CourseAdded", reason: "誤登"), position: 5, on: day("2026-01-05")) == nil)
        #expect(AttendanceFold.courses(touchedBy: [attend, .courseAdded(spec)]) == ["C1"])
        #expect(AttendanceFold.courses(touchedBy: [.eventRetracted(position: 2, type: "AttendanceRecorded", reason: "x")]) == [])
        #expect(AttendanceFold.courses(touchedBy: [.courseAdded(spec), .eventRetracted(position: 1, type: "CourseAdded", reason: "x")]) == nil)
    }
}
