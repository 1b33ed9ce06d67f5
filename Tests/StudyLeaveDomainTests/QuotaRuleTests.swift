import Testing
@testable import StudyLeaveDomain

/// RULES.md §3 (Rules 10; seed 000): at most a tenth of the budgeted headcount, at least one.
@Suite("Quota: a tenth of the budgeted headcount per agency and year")
struct QuotaRuleTests {
    @Test("cap = max(1, floor(budgeted ÷ 10))", arguments: [
        (0, 1), (1, 1), (7, 1), (9, 1), (10, 1), (19, 1), (20, 2), (25, 2), (29, 2), (30, 3), (100, 10), (105, 10),
    ])
    func cap(budgeted: Int, cap: Int) {
        #expect(QuotaRule.cap(budgeted: budgeted, policy: .act2013) == cap)
    }

    @Test("a study counts in the calendar year its approved period starts")
    func yearOfStudy() {
        let s = EventData.Submission(application: "A1", person: "Ann", agency: "HR", mode: .fullTime, sponsor: .selected,
                                     from: day("2025-12-31"), to: day("2026-06-30"))
        #expect(QuotaRule.year(of: s) == 2025)
    }

    @Test("an approval beyond the cap is refused with the cap, the headcount and the count")
    func full() {
        var h = History.cast()   // HR budgeted 25 → cap 2
        h.approved(study("A1", "Ann", "2025-09-01", "2026-08-31"), on: "2025-06-01")
        h.approved(study("B1", "Ben", "2025-10-01", "2026-03-31", mode: .partTime, sponsor: .self, hours: 4), on: "2025-06-01")
        h.submitted(study("C1", "Cai", "2025-09-01", "2026-08-31"), on: "2025-06-01")
        #expect(h.quotaUsed("HR", 2025, on: "2025-06-01") == 2)
        #expect(throws: Refusal.quotaFull(agency: "HR", year: 2025, cap: 2, budgeted: 25, used: 2, holders: [QuotaHolder(person: "Ann", application: "A1"), QuotaHolder(person: "Ben", application: "B1")])) {
            try h.decide(.approve(application: "C1", by: "Boss"), on: day("2025-06-02"))
        }
    }

    @Test("the quota refusal reads as one line with its figures")
    func message() {
        #expect(Refusal.quotaFull(agency: "HR", year: 2025, cap: 2, budgeted: 25, used: 2).message
            == "quota for HR in 2025 is full: cap 2 (budgeted 25), used 2")
    }

    @Test("small agencies have one place", arguments: [0, 7, 19])
    func onePlace(budgeted: Int) {
        var h = History.cast(budgeted: nil)
        h.given(.setHeadcount(agency: "HR", year: 2025, budgeted: budgeted), on: "2025-01-01")
        h.approved(study("A1", "Ann", "2025-09-01", "2026-08-31"), on: "2025-06-01")
        h.submitted(study("B1", "Ben", "2025-09-01", "2026-08-31"), on: "2025-06-01")
        #expect(throws: Refusal.quotaFull(agency: "HR", year: 2025, cap: 1, budgeted: budgeted, used: 1, holders: [QuotaHolder(person: "Ann", application: "A1")])) {
            try h.decide(.approve(application: "B1", by: "Boss"), on: day("2025-06-02"))
        }
    }

    @Test("a later headcount for the same year replaces the earlier")
    func laterHeadcountReplaces() {
        var h = History.cast()    // 25 → cap 2
        h.given(.setHeadcount(agency: "HR", year: 2025, budgeted: 10), on: "2025-02-01")   // → cap 1
        h.approved(study("A1", "Ann", "2025-09-01", "2026-08-31"), on: "2025-06-01")
        h.submitted(study("B1", "Ben", "2025-09-01", "2026-08-31"), on: "2025-06-01")
        #expect(throws: Refusal.quotaFull(agency: "HR", year: 2025, cap: 1, budgeted: 10, used: 1, holders: [QuotaHolder(person: "Ann", application: "A1")])) {
            try h.decide(.approve(application: "B1", by: "Boss"), on: day("2025-06-02"))
        }
    }

    @Test("off-hours study never counts: approved when the quota is full, and takes no place")
    func offHoursNeverCounts() {
        var h = History.cast()
        h.approved(study("O1", "Dee", "2025-09-01", "2026-08-31", mode: .offHours, sponsor: .self), on: "2025-06-01")
        h.approved(study("A1", "Ann", "2025-09-01", "2026-08-31"), on: "2025-06-01")
        h.approved(study("B1", "Ben", "2025-09-01", "2026-08-31", sponsor: .self), on: "2025-06-01")
        #expect(h.divergences.isEmpty)
        #expect(h.world().applications["B1"]?.state == .approved)   // Dee's off-hours study left two places
        h.submitted(study("O2", "Cai", "2025-09-01", "2027-08-31", mode: .offHours, sponsor: .self), on: "2025-06-01")
        #expect(throws: Never.self) { try h.decide(.approve(application: "O2", by: "Boss"), on: day("2025-06-02")) }
        #expect(QuotaRule.holders(in: h.world(), agency: "HR", year: 2025, policy: .act2013).map(\.application) == ["A1", "B1"])
    }

    @Test("off-hours study needs no headcount; counted study does")
    func noHeadcount() {
        var h = History.cast(budgeted: nil)
        h.submitted(study("O1", "Dee", "2025-09-01", "2026-08-31", mode: .offHours, sponsor: .self), on: "2025-06-01")
        #expect(throws: Never.self) { try h.decide(.approve(application: "O1", by: "Boss"), on: day("2025-06-02")) }
        h.submitted(study("A1", "Ann", "2025-09-01", "2026-08-31"), on: "2025-06-01")
        #expect(throws: Refusal.noHeadcount(agency: "HR", year: 2025)) {
            try h.decide(.approve(application: "A1", by: "Boss"), on: day("2025-06-02"))
        }
        // The cast records 2025–2027 when asked; 2028 still has none.
        var g = History.cast()
        g.submitted(study("A2", "Ann", "2028-01-10", "2028-06-30"), on: "2027-06-01")
        #expect(throws: Refusal.noHeadcount(agency: "HR", year: 2028)) {
            try g.decide(.approve(application: "A2", by: "Boss"), on: day("2027-06-02"))
        }
    }

    @Test("a study approved in one year counts in the year its period starts, not the year of approval")
    func countedInStartYear() throws {
        var h = History.cast()
        h.approved(study("A1", "Ann", "2025-09-01", "2026-08-31"), on: "2025-06-01")
        h.approved(study("B1", "Ben", "2025-09-01", "2026-08-31"), on: "2025-06-01")
        // HR 2025 is full (2 of 2); Cai's study starts in 2026 and takes a 2026 place.
        h.submitted(study("C1", "Cai", "2026-01-05", "2026-12-31"), on: "2025-06-01")
        let new = try h.decide(.approve(application: "C1", by: "Boss"), on: day("2025-06-02"))
        #expect(new.map(\.data) == [.applicationApproved(application: "C1", person: "Cai", by: "Boss", agency: "HR", year: 2026)])
        #expect(new.first?.tags.contains("quota:HR:2026") == true)
    }

    @Test("one person with two counted studies starting the same year counts once")
    func personCountsOnce() {
        var h = History.cast()
        h.approved(study("A1", "Ann", "2025-02-01", "2025-06-30", mode: .partTime, sponsor: .self, hours: 8), on: "2025-01-10")
        h.approved(study("B1", "Ben", "2025-09-01", "2026-08-31"), on: "2025-06-01")
        // Ann already holds a 2025 place: her second study is approved though 2 of 2 are used.
        h.approved(study("A2", "Ann", "2025-09-01", "2026-08-31"), on: "2025-06-01")
        #expect(h.world().applications["A2"]?.state == .approved)
        #expect(h.quotaUsed("HR", 2025, on: "2025-06-01") == 2)
        #expect(QuotaRule.holders(in: h.world(), agency: "HR", year: 2025, policy: .act2013).map(\.application) == ["A1", "B1", "A2"])
        h.submitted(study("C1", "Cai", "2025-09-01", "2026-08-31"), on: "2025-06-01")
        #expect(throws: Refusal.quotaFull(agency: "HR", year: 2025, cap: 2, budgeted: 25, used: 2, holders: [QuotaHolder(person: "Ann", application: "A1"), QuotaHolder(person: "Ben", application: "B1"), QuotaHolder(person: "Ann", application: "A2")])) {
            try h.decide(.approve(application: "C1", by: "Boss"), on: day("2025-06-02"))
        }
    }

    @Test("withdrawal of an approved study before its leave starts frees its place")
    func withdrawalFrees() {
        var h = History.cast()
        h.approved(study("A1", "Ann", "2025-09-01", "2026-08-31"), on: "2025-06-01")
        h.approved(study("B1", "Ben", "2025-09-01", "2026-08-31"), on: "2025-06-01")
        h.submitted(study("C1", "Cai", "2025-09-01", "2026-08-31"), on: "2025-06-01")
        h.given(.withdraw(application: "A1"), on: "2025-07-01")
        #expect(h.quotaUsed("HR", 2025, on: "2025-07-01") == 1)
        #expect(throws: Never.self) { try h.decide(.approve(application: "C1", by: "Boss"), on: day("2025-07-02")) }
    }

    @Test("rejection or withdrawal of an application never approved frees nothing")
    func nothingTakenNothingFreed() {
        var h = History.cast()
        h.approved(study("A1", "Ann", "2025-09-01", "2026-08-31"), on: "2025-06-01")
        h.approved(study("B1", "Ben", "2025-09-01", "2026-08-31"), on: "2025-06-01")
        h.submitted(study("C1", "Cai", "2025-09-01", "2026-08-31"), on: "2025-06-01")
        h.submitted(study("D1", "Dee", "2025-09-01", "2026-08-31"), on: "2025-06-01")
        h.given(.reject(application: "C1", by: "Boss", reason: "quota"), on: "2025-06-02")
        h.given(.withdraw(application: "D1"), on: "2025-06-02")
        #expect(h.quotaUsed("HR", 2025, on: "2025-06-02") == 2)
        h.submitted(study("C2", "Cai", "2025-10-01", "2026-08-31"), on: "2025-06-03")
        #expect(throws: Refusal.quotaFull(agency: "HR", year: 2025, cap: 2, budgeted: 25, used: 2, holders: [QuotaHolder(person: "Ann", application: "A1"), QuotaHolder(person: "Ben", application: "B1")])) {
            try h.decide(.approve(application: "C2", by: "Boss"), on: day("2025-06-04"))
        }
    }

    @Test("pending lists counted applications starting that year that await a decision")
    func pending() {
        var h = History.cast()
        h.approved(study("A1", "Ann", "2025-09-01", "2026-08-31"), on: "2025-06-01")
        h.submitted(study("B1", "Ben", "2025-09-01", "2026-08-31"), on: "2025-06-01")
        h.submitted(study("C1", "Cai", "2025-09-01", "2026-08-31", mode: .offHours, sponsor: .self), on: "2025-06-01")
        h.submitted(study("D1", "Dee", "2026-01-05", "2026-08-31"), on: "2025-06-01")
        h.submitted(study("D2", "Dee", "2025-09-01", "2026-02-28", mode: .partTime, sponsor: .self, hours: 2), on: "2025-06-01")
        h.submitted(study("B2", "Ben", "2025-11-01", "2026-02-28", mode: .partTime, sponsor: .self, hours: 2), on: "2025-06-01")
        h.given(.withdraw(application: "B2"), on: "2025-06-02")
        let pending = QuotaRule.pending(in: h.world(), agency: "HR", year: 2025, policy: .act2013).map(\.id)
        #expect(pending == ["B1", "D2"])
    }

    @Test("the place stays with the agency that approved, also after a transfer")
    func placeDoesNotMove() {
        var h = History.cast()
        h.approved(study("A1", "Ann", "2025-09-01", "2026-08-31"), on: "2025-06-01")
        h.given(.transfer(person: "Ann", to: "LAB", carryObligation: true), on: "2025-07-01")
        #expect(h.quotaUsed("HR", 2025, on: "2025-07-01") == 1)
        #expect(h.quotaUsed("LAB", 2025, on: "2025-07-01") == 0)
    }

    @Test("decisions use everything recorded, whatever its day: a back-dated approval cannot slip past a full quota (§2.8)")
    func backDatedApproval() {
        var h = History.cast()
        h.submitted(study("C1", "Cai", "2025-09-01", "2026-08-31"), on: "2025-02-01")
        h.approved(study("A1", "Ann", "2025-09-01", "2026-08-31"), on: "2025-08-01")
        h.approved(study("B1", "Ben", "2025-09-01", "2026-08-31"), on: "2025-08-01")
        #expect(throws: Refusal.quotaFull(agency: "HR", year: 2025, cap: 2, budgeted: 25, used: 2, holders: [QuotaHolder(person: "Ann", application: "A1"), QuotaHolder(person: "Ben", application: "B1")])) {
            try h.decide(.approve(application: "C1", by: "Boss"), on: day("2025-03-01"))
        }
    }

    @Test("a place taken by someone who applied in another agency and transferred before approval still counts")
    func transferBeforeApproval() {
        var h = History.cast()
        // Leo applies in LAB, moves to HR, and HR's head approves: the place is HR's (§3).
        h.submitted(study("L1", "Leo", "2025-09-01", "2026-08-31"), on: "2025-03-01")
        h.given(.transfer(person: "Leo", to: "HR", carryObligation: false), on: "2025-04-01")
        h.given(.approve(application: "L1", by: "Boss"), on: "2025-05-01")
        #expect(h.world().applications["L1"]?.approval?.agency == "HR")
        h.approved(study("A1", "Ann", "2025-09-01", "2026-08-31"), on: "2025-06-01")
        #expect(h.quotaUsed("HR", 2025, on: "2025-06-01") == 2)   // Leo and Ann: HR is full
        h.submitted(study("B1", "Ben", "2025-09-01", "2026-08-31"), on: "2025-06-01")
        let full = Refusal.quotaFull(agency: "HR", year: 2025, cap: 2, budgeted: 25, used: 2,
                                     holders: [QuotaHolder(person: "Leo", application: "L1"), QuotaHolder(person: "Ann", application: "A1")])
        // On the whole ledger the rule refuses …
        #expect(throws: full) { try h.decideOnWholeLedger(.approve(application: "B1", by: "Boss"), on: day("2025-06-02")) }
        // … and so does the decision on its tags: Leo's approval is tagged quota:HR:2025, his
        // submission only quota:LAB:2025, so the slice reads his application's own events too.
        #expect(throws: full) { try h.decide(.approve(application: "B1", by: "Boss"), on: day("2025-06-02")) }
    }

    @Test("a year's quota follows the policy in force on 1 January of that year, for every approval in it")
    func countedModeChangesMidYear() throws {
        // Policy A counts full-time study only; from 2025-07-01 policy B counts part-time study too.
        let a = Policy(name: "A", effectiveFrom: day("2014-01-01"), countedModes: [.fullTime])
        let b = Policy(name: "B", effectiveFrom: day("2025-07-01"), countedModes: [.fullTime, .partTime])
        var h = History.cast(policies: PolicySet([a, b]), budgeted: 7)   // cap 1
        // 2025 is judged by A (in force on 2025-01-01): part-time study does not count that year,
        // before or after B takes effect, so both part-time studies are approved.
        h.approved(study("P1", "Ann", "2025-06-10", "2025-12-31", mode: .partTime, sponsor: .self, hours: 4), on: "2025-06-05")
        h.submitted(study("P2", "Ben", "2025-09-01", "2025-12-31", mode: .partTime, sponsor: .self, hours: 4), on: "2025-07-05")
        let new = try h.decide(.approve(application: "P2", by: "Boss"), on: day("2025-07-10"))
        #expect(new.count == 1)
        // Slice and whole ledger agree.
        #expect(throws: Never.self) { try h.decideOnWholeLedger(.approve(application: "P2", by: "Boss"), on: day("2025-07-10")) }
    }
}
