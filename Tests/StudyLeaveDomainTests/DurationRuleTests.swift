import Testing
@testable import StudyLeaveDomain

/// RULES.md §4 (Acts 10–12, Rules 11–12): how long study may last and be extended.
@Suite("Duration: limits by kind, at apply, at approval and at extension")
struct DurationRuleTests {
    struct Limit: Sendable, CustomTestStringConvertible {
        var apply: Command
        var kind: DurationKind
        var months: Int
        var latestTo: String
        var article: String
        var testDescription: String { "\(kind.rawValue) ≤ \(months) months → \(latestTo)" }
    }

    /// From 2025-09-01, N months end at the latest on 2025-09-01 + N months − 1 day.
    static let limits: [Limit] = [
        // 24 months: 2027-09-01 − 1 day = 2027-08-31
        Limit(apply: study("X", "Ann", "2025-09-01", "2027-08-31"), kind: .selectedDomestic, months: 24, latestTo: "2027-08-31", article: "Act 11"),
        // 12 months: 2026-09-01 − 1 = 2026-08-31
        Limit(apply: study("X", "Ann", "2025-09-01", "2026-08-31", abroad: true, programme: .degree), kind: .selectedAbroad, months: 12, latestTo: "2026-08-31", article: "Act 10"),
        Limit(apply: study("X", "Ann", "2025-09-01", "2026-08-31", abroad: true, programme: .credits), kind: .selectedAbroad, months: 12, latestTo: "2026-08-31", article: "Act 10"),
        // 6 months: 2026-03-01 − 1 = 2026-02-28
        Limit(apply: study("X", "Ann", "2025-09-01", "2026-02-28", abroad: true, programme: .research), kind: .selectedAbroadResearch, months: 6, latestTo: "2026-02-28", article: "Act 10"),
        // self-applied, at home or abroad, any programme: 12 months
        Limit(apply: study("X", "Ann", "2025-09-01", "2026-08-31", sponsor: .self), kind: .selfFullTime, months: 12, latestTo: "2026-08-31", article: "Act 12"),
        Limit(apply: study("X", "Ann", "2025-09-01", "2026-08-31", sponsor: .self, abroad: true, programme: .research), kind: .selfFullTime, months: 12, latestTo: "2026-08-31", article: "Act 12"),
    ]

    static func oneDayLonger(_ c: Command) -> Command {
        guard case .apply(var a) = c else { fatalError() }
        a.to = a.to.adding(days: 1)
        return .apply(a)
    }

    @Test("an application up to the limit is accepted; one day more is refused with the last allowed day", arguments: limits)
    func atApply(limit: Limit) {
        let h = History.cast()
        #expect(throws: Never.self) { try h.decide(limit.apply, on: day("2025-06-01")) }
        #expect(throws: Refusal.durationExceeded(kind: limit.kind, months: limit.months, latestTo: day(limit.latestTo), article: limit.article)) {
            try h.decide(Self.oneDayLonger(limit.apply), on: day("2025-06-01"))
        }
    }

    @Test("one year from 2025-01-01 ends on 2025-12-31 at the latest; a month from 2025-01-31 on 2025-02-27", arguments: [
        ("2025-01-01", 12, "2025-12-31"),
        ("2025-09-01", 24, "2027-08-31"),
        ("2024-03-01", 12, "2025-02-28"),
        ("2025-01-31", 1, "2025-02-27"),   // 2025-01-31 + 1 month = 2025-02-28 (clamped), − 1 day
        ("2025-08-31", 6, "2026-02-27"),   // + 6 months = 2026-02-28 (clamped), − 1 day
    ])
    func latestEnd(from: String, months: Int, latest: String) {
        #expect(DurationRule.latestEnd(from: day(from), months: months) == day(latest))
    }

    @Test("part-time and off-hours study have no duration limit")
    func noLimitOutsideFullTime() {
        let h = History.cast()
        #expect(throws: Never.self) { try h.decide(study("P", "Ann", "2025-09-01", "2029-08-31", mode: .partTime, sponsor: .self, hours: 8), on: day("2025-06-01")) }
        #expect(throws: Never.self) { try h.decide(study("O", "Ann", "2025-09-01", "2029-08-31", mode: .offHours, sponsor: .self), on: day("2025-06-01")) }
    }

    @Test("a period that ends before it starts is refused; a one-day study is not")
    func reversed() {
        let h = History.cast()
        #expect(throws: Refusal.periodReversed(from: day("2025-09-01"), to: day("2025-08-31"))) {
            try h.decide(study("X", "Ann", "2025-09-01", "2025-08-31"), on: day("2025-06-01"))
        }
        #expect(throws: Never.self) { try h.decide(study("X", "Ann", "2025-09-01", "2025-09-01"), on: day("2025-06-01")) }
    }

    @Test("part-time study takes at most 8 official-leave hours a week (Rules 11)", arguments: [1, 8])
    func hoursAllowed(hours: Int) {
        let h = History.cast()
        #expect(throws: Never.self) { try h.decide(study("P", "Ann", "2025-09-01", "2026-01-31", mode: .partTime, sponsor: .self, hours: hours), on: day("2025-06-01")) }
    }

    @Test("part-time study of 0 hours a week is refused: study without official leave is off-hours study")
    func zeroHoursRefused() {
        let h = History.cast()
        #expect(throws: Refusal.partTimeHoursMissing(limit: 8)) {
            try h.decide(study("P", "Ann", "2025-09-01", "2026-01-31", mode: .partTime, sponsor: .self, hours: 0), on: day("2025-06-01"))
        }
        #expect(Refusal.partTimeHoursMissing(limit: 8).isBadData)
    }

    @Test("more than 8 hours a week is refused with the limit", arguments: [9, 40])
    func hoursRefused(hours: Int) {
        let h = History.cast()
        #expect(throws: Refusal.partTimeHoursExceeded(hours: hours, limit: 8)) {
            try h.decide(study("P", "Ann", "2025-09-01", "2026-01-31", mode: .partTime, sponsor: .selected, hours: hours), on: day("2025-06-01"))
        }
    }

    @Test("part-time study needs its hours, abroad study its programme; hours belong to part-time study only")
    func missingDetails() {
        let h = History.cast()
        #expect(throws: Refusal.missingDetail("part-time study needs --hours-per-week (official leave hours a week)")) {
            try h.decide(study("P", "Ann", "2025-09-01", "2026-01-31", mode: .partTime, sponsor: .self), on: day("2025-06-01"))
        }
        #expect(throws: Refusal.missingDetail("--hours-per-week applies to part-time study only")) {
            try h.decide(study("P", "Ann", "2025-09-01", "2026-01-31", hours: 4), on: day("2025-06-01"))
        }
        #expect(throws: Refusal.missingDetail("study abroad needs --programme degree, credits or research")) {
            try h.decide(study("P", "Ann", "2025-09-01", "2026-01-31", abroad: true), on: day("2025-06-01"))
        }
    }

    // MARK: Extensions (Rules 12)

    @Test("research abroad may be extended by at most 3 months, counted from the end of the approved period")
    func researchExtension() {
        var h = History.cast()
        h.approved(study("R1", "Ann", "2025-09-01", "2026-02-28", abroad: true, programme: .research), on: "2025-06-01")
        h.given(.startLeave(application: "R1"), on: "2025-09-01")
        // From 2026-03-01, 3 months: 2026-06-01 − 1 day = 2026-05-31.
        #expect(throws: Refusal.extensionExceeded(kind: .selectedAbroadResearch, months: 3, latestUntil: day("2026-05-31"), article: "Rules 12, Act 10")) {
            try h.decide(.extendLeave(application: "R1", until: day("2026-06-01"), by: "Boss"), on: day("2026-01-10"))
        }
        #expect(throws: Never.self) { try h.decide(.extendLeave(application: "R1", until: day("2026-05-31"), by: "Boss"), on: day("2026-01-10")) }
    }

    @Test("several extensions add up and are held together to the extension limit")
    func extensionsAddUp() {
        var h = History.cast()
        h.approved(study("R1", "Ann", "2025-09-01", "2026-02-28", abroad: true, programme: .research), on: "2025-06-01")
        h.given(.startLeave(application: "R1"), on: "2025-09-01")
        h.given(.extendLeave(application: "R1", until: day("2026-03-31"), by: "Boss"), on: "2026-01-10")
        h.given(.extendLeave(application: "R1", until: day("2026-04-30"), by: "Boss"), on: "2026-02-10")
        #expect(h.world().applications["R1"]?.currentTo == day("2026-04-30"))
        #expect(throws: Refusal.extensionExceeded(kind: .selectedAbroadResearch, months: 3, latestUntil: day("2026-05-31"), article: "Rules 12, Act 10")) {
            try h.decide(.extendLeave(application: "R1", until: day("2026-06-15"), by: "Boss"), on: day("2026-03-10"))
        }
        #expect(throws: Never.self) { try h.decide(.extendLeave(application: "R1", until: day("2026-05-31"), by: "Boss"), on: day("2026-03-10")) }
    }

    @Test("selected study at home may be extended by a year at most")
    func domesticExtension() {
        var h = History.cast()
        h.approved(study("A1", "Ann", "2025-09-01", "2027-08-31"), on: "2025-06-01")
        // From 2027-09-01, 12 months: 2028-08-31.
        #expect(throws: Never.self) { try h.decide(.extendLeave(application: "A1", until: day("2028-08-31"), by: "Boss"), on: day("2025-07-01")) }
        #expect(throws: Refusal.extensionExceeded(kind: .selectedDomestic, months: 12, latestUntil: day("2028-08-31"), article: "Rules 12, Act 11")) {
            try h.decide(.extendLeave(application: "A1", until: day("2028-09-01"), by: "Boss"), on: day("2025-07-01"))
        }
    }

    @Test("self-applied study may be extended by a year, within two years in all")
    func selfExtension() {
        var h = History.cast()
        h.approved(study("S1", "Ann", "2025-09-01", "2026-02-28", sponsor: .self), on: "2025-06-01")
        // A year from 2026-03-01 ends 2027-02-28; two years from 2025-09-01 end 2027-08-31: the year binds.
        #expect(throws: Refusal.extensionExceeded(kind: .selfFullTime, months: 12, latestUntil: day("2027-02-28"), article: "Rules 12, Act 12")) {
            try h.decide(.extendLeave(application: "S1", until: day("2027-03-01"), by: "Boss"), on: day("2025-07-01"))
        }
        #expect(throws: Never.self) { try h.decide(.extendLeave(application: "S1", until: day("2027-02-28"), by: "Boss"), on: day("2025-07-01")) }
    }

    @Test("the two-year total binds when the approved period is longer than the law's year (a policy of 18 months)")
    func selfTotal() {
        var durations = Policy.lawDurations
        durations[.selfFullTime]?.months = 18
        let policy = Policy(name: "18 months", effectiveFrom: day("2014-01-01"), durations: durations)
        var h = History.cast(policies: PolicySet([policy]))
        h.approved(study("S1", "Ann", "2025-09-01", "2027-02-28", sponsor: .self), on: "2025-06-01")
        // A year from 2027-03-01 would reach 2028-02-29; two years from 2025-09-01 end 2027-08-31.
        #expect(throws: Refusal.extensionExceeded(kind: .selfFullTime, months: 24, latestUntil: day("2027-08-31"), article: "Act 12 (total)")) {
            try h.decide(.extendLeave(application: "S1", until: day("2027-09-01"), by: "Boss"), on: day("2025-07-01"))
        }
        #expect(throws: Never.self) { try h.decide(.extendLeave(application: "S1", until: day("2027-08-31"), by: "Boss"), on: day("2025-07-01")) }
    }

    @Test("an extension must end after the current last day")
    func extensionLater() {
        var h = History.cast()
        h.approved(study("A1", "Ann", "2025-09-01", "2026-08-31"), on: "2025-06-01")
        #expect(throws: Refusal.extensionNotLater(application: "A1", until: day("2026-08-31"), currentTo: day("2026-08-31"))) {
            try h.decide(.extendLeave(application: "A1", until: day("2026-08-31"), by: "Boss"), on: day("2025-07-01"))
        }
    }

    @Test("only full-time study leave is extended")
    func onlyFullTime() {
        var h = History.cast()
        h.approved(study("P1", "Ann", "2025-09-01", "2026-01-31", mode: .partTime, sponsor: .self, hours: 8), on: "2025-06-01")
        #expect(throws: Refusal.extensionOnlyFullTime(application: "P1")) {
            try h.decide(.extendLeave(application: "P1", until: day("2026-03-31"), by: "Boss"), on: day("2025-07-01"))
        }
    }

    @Test("an extension needs the competent head, not the applicant or a colleague")
    func extensionByHead() {
        var h = History.cast()
        h.approved(study("A1", "Ann", "2025-09-01", "2026-08-31"), on: "2025-06-01")
        #expect(throws: Refusal.decidesOwnApplication(person: "Ann")) {
            try h.decide(.extendLeave(application: "A1", until: day("2026-12-31"), by: "Ann"), on: day("2025-07-01"))
        }
        #expect(throws: Refusal.notTheCompetentHead(by: "Ben", agency: "HR", head: "Boss")) {
            try h.decide(.extendLeave(application: "A1", until: day("2026-12-31"), by: "Ben"), on: day("2025-07-01"))
        }
    }

    @Test("an extension of a study not yet approved, or already ended, is refused")
    func extensionState() {
        var h = History.cast()
        h.submitted(study("A1", "Ann", "2025-09-01", "2026-08-31"), on: "2025-06-01")
        #expect(throws: Refusal.wrongState(application: "A1", state: .submitted, action: "extended")) {
            try h.decide(.extendLeave(application: "A1", until: day("2026-12-31"), by: "Boss"), on: day("2025-07-01"))
        }
        var e = History.cast()
        e.studied(study("A1", "Ann", "2025-09-01", "2026-08-31"), approvedOn: "2025-06-01", leaveStart: "2025-09-01", leaveEnd: "2026-08-31", returned: nil)
        #expect(throws: Refusal.wrongState(application: "A1", state: .ended, action: "extended")) {
            try e.decide(.extendLeave(application: "A1", until: day("2026-12-31"), by: "Boss"), on: day("2026-08-31"))
        }
    }

    @Test("limits the application breaks under the policy in force at approval are refused again then")
    func limitsAtApproval() {
        // From 2025-07-01 a policy allows selected study at home 12 months only.
        var durations = Policy.lawDurations
        durations[.selectedDomestic]?.months = 12
        let strict = Policy(name: "strict", effectiveFrom: day("2025-07-01"), durations: durations)
        var h = History.cast(policies: PolicySet([.act2013, strict]))
        h.submitted(study("A1", "Ann", "2025-09-01", "2027-08-31"), on: "2025-06-01")   // 24 months: fine in June
        #expect(throws: Never.self) { try h.decide(.approve(application: "A1", by: "Boss"), on: day("2025-06-30")) }
        #expect(throws: Refusal.durationExceeded(kind: .selectedDomestic, months: 12, latestTo: day("2026-08-31"), article: "Act 11")) {
            try h.decide(.approve(application: "A1", by: "Boss"), on: day("2025-07-01"))
        }
    }
}
