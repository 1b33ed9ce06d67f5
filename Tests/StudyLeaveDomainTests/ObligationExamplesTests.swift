import Testing
@testable import StudyLeaveDomain

/// RULES.md §5–§6 (Acts 14–16) as worked examples. Every figure is computed by hand beside it.
@Suite("Obligation: worked examples")
struct ObligationExamplesTests {
    /// Ann's year of paid selected study at home: 2025-09-01 to 2026-08-31 (365 days, no 29 February),
    /// salary 500,000 and subsidy 100,000 received, back on duty on 2026-09-01.
    static func paidYear(returned: String? = "2026-09-01") -> History {
        var h = History.cast()
        h.studied(study("A1", "Ann", "2025-09-01", "2026-08-31"), approvedOn: "2025-06-01",
                  leaveStart: "2025-09-01", leaveEnd: "2026-08-31", returned: returned)
        h.given(.pay(application: "A1", salary: NTD(500_000), subsidy: NTD(100_000)), on: "2026-08-31")
        return h
    }

    @Test("a paid year owes two years: P = 365, F = 181, required = max(730, 181) = 730")
    func paidYearOwesTwo() throws {
        let h = Self.paidYear()
        let o = try #require(h.obligation("A1", asOf: "2026-09-01"))
        #expect(o.paidDays == 365)
        #expect(o.unpaidDays == 0)
        // R = 2026-09-01 → 2027-03-01: 30 + 31 + 30 + 31 + 31 + 28 = 181
        #expect(o.floorDays == 181)
        #expect(o.requiredDays == 730)
        #expect(o.startsOn == day("2026-09-01"))
        // The 730th day from 2026-09-01: 2026-09-01 … 2027-08-31 is 365 days, 2027-09-01 … 2028-08-30 is
        // 365 more (2028-02-29 included), so the last day owed is 2028-08-30.
        #expect(o.endsOn == day("2028-08-30"))
        #expect(o.state == .serving)
        #expect(o.received == NTD(600_000))
        #expect(o.repaymentDue == .zero)
    }

    @Test("served days as of D are the days from the return up to, not including, D", arguments: [
        ("2026-09-01", 0, Obligation.State.serving),
        ("2026-09-02", 1, .serving),
        ("2026-10-01", 30, .serving),       // September: 30 days
        ("2027-09-01", 365, .serving),
        ("2028-08-30", 729, .serving),      // the last day owed is not yet served on the morning of it
        ("2028-08-31", 730, .fulfilled),
        ("2030-01-01", 730, .fulfilled),    // never more than required
    ])
    func servedAsOf(asOf: String, served: Int, state: Obligation.State) throws {
        let o = try #require(Self.paidYear().obligation("A1", asOf: asOf))
        #expect(o.servedDays == served)
        #expect(o.remainingDays == 730 - served)
        #expect(o.state == state)
    }

    @Test("before the return the obligation is listed as not started, with nothing due")
    func notStarted() throws {
        let h = Self.paidYear()
        let o = try #require(h.obligation("A1", asOf: "2026-08-31"))
        #expect(o.state == .notStarted)
        #expect(o.servedDays == 0)
        #expect(o.startsOn == nil)
        #expect(o.endsOn == nil)
        #expect(o.requiredDays == 730)   // expected return 2026-09-01, the day after the leave end
        #expect(o.repaymentDue == .zero)
        // Before the leave starts there is no obligation at all.
        #expect(h.obligation("A1", asOf: "2025-08-31") == nil)
    }

    @Test("while still on leave, paid days count through the as-of day")
    func onLeaveSoFar() throws {
        let h = Self.paidYear()
        let o = try #require(h.obligation("A1", asOf: "2026-03-01"))
        // 2025-09-01 … 2026-03-01: 30 + 31 + 30 + 31 + 31 + 28 + 1 = 182 paid days; 2 × 182 = 364
        // against a floor from 2026-03-02 of 184 days (to 2026-09-02) → 364.
        #expect(o.paidDays == 182)
        #expect(o.requiredDays == 364)
        #expect(o.state == .notStarted)
    }

    @Test("a leave started late is paid from its first day: 2025-09-15 … 2026-08-31 is 351 days, owing 702")
    func lateStart() throws {
        var h = History.cast()
        h.studied(study("A1", "Ann", "2025-09-01", "2026-08-31"), approvedOn: "2025-06-01",
                  leaveStart: "2025-09-15", leaveEnd: "2026-08-31", returned: "2026-09-01")
        let o = try #require(h.obligation("A1", asOf: "2026-09-01"))
        #expect(o.paidDays == 351)   // 365 − 14
        #expect(o.requiredDays == 702)
    }

    @Test("a short paid study owes at least six months: 30 paid days → 2 × 30 = 60 < F = 181 → 181")
    func shortStudyFloor() throws {
        var h = History.cast()
        h.studied(study("A1", "Ann", "2026-08-01", "2026-08-30"), approvedOn: "2026-06-01",
                  leaveStart: "2026-08-01", leaveEnd: "2026-08-30", returned: "2026-09-01")
        let o = try #require(h.obligation("A1", asOf: "2026-09-01"))
        #expect(o.paidDays == 30)
        #expect(o.floorDays == 181)
        #expect(o.requiredDays == 181)
        // 181 days from 2026-09-01 reach 2027-03-01 (exclusive): the last day owed is 2027-02-28.
        #expect(o.endsOn == day("2027-02-28"))
    }

    @Test("the floor from a month's last day: R = 2026-08-31 → 2027-02-28, F = 181")
    func floorAtMonthEnd() throws {
        var h = History.cast()
        h.studied(study("A1", "Ann", "2026-07-01", "2026-07-30"), approvedOn: "2026-06-01",
                  leaveStart: "2026-07-01", leaveEnd: "2026-07-30", returned: "2026-08-31")
        let o = try #require(h.obligation("A1", asOf: "2026-08-31"))
        // 2026-08-31 … 2027-02-27: 1 + 30 + 31 + 30 + 31 + 31 + 27 = 181
        #expect(o.floorDays == 181)
        #expect(o.requiredDays == 181)
        #expect(o.endsOn == day("2027-02-27"))
        #expect(ObligationRule.floorDays(returnOn: day("2026-08-31"), policy: .act2013) == 181)
        #expect(ObligationRule.floorDays(returnOn: day("2027-09-01"), policy: .act2013) == 182)   // through 2028-02-29
    }

    @Test("a year of self-applied unpaid leave owes its own length: U = 365 → 365, no floor")
    func selfAppliedYear() throws {
        var h = History.cast()
        h.studied(study("S1", "Ann", "2025-09-01", "2026-08-31", sponsor: .self), approvedOn: "2025-06-01",
                  leaveStart: "2025-09-01", leaveEnd: "2026-08-31", returned: "2026-09-01")
        let o = try #require(h.obligation("S1", asOf: "2026-09-01"))
        #expect(o.paidDays == 0)
        #expect(o.unpaidDays == 365)
        #expect(o.requiredDays == 365)
        #expect(o.endsOn == day("2027-08-31"))   // 2026-09-01 + 364 days
    }

    @Test("a short self-applied leave owes no floor: 30 unpaid days → 30")
    func shortSelfApplied() throws {
        var h = History.cast()
        h.studied(study("S1", "Ann", "2026-08-01", "2026-08-30", sponsor: .self), approvedOn: "2026-06-01",
                  leaveStart: "2026-08-01", leaveEnd: "2026-08-30", returned: "2026-08-31")
        let o = try #require(h.obligation("S1", asOf: "2026-08-31"))
        #expect(o.requiredDays == 30)
        #expect(o.endsOn == day("2026-09-29"))
    }

    @Test("an extension is unpaid even for selected study: required = 2 × 365 + 91 = 821")
    func paidYearWithUnpaidExtension() throws {
        var h = History.cast()
        h.approved(study("A1", "Ann", "2025-09-01", "2026-08-31"), on: "2025-06-01")
        h.given(.startLeave(application: "A1"), on: "2025-09-01")
        h.given(.extendLeave(application: "A1", until: day("2026-11-30"), by: "Boss"), on: "2026-06-01")
        h.given(.endLeave(application: "A1"), on: "2026-11-30")
        h.given(.returnToDuty(application: "A1"), on: "2026-12-01")
        let o = try #require(h.obligation("A1", asOf: "2026-12-01"))
        #expect(o.paidDays == 365)
        #expect(o.unpaidDays == 91)         // September 30 + October 31 + November 30
        #expect(o.floorDays == 182)         // 2026-12-01 → 2027-06-01: 31 + 31 + 28 + 31 + 30 + 31
        #expect(o.requiredDays == 821)      // max(730, 182) + 91
        #expect(o.endsOn == day("2026-12-01").adding(days: 820))
    }

    @Test("resigning half-way repays half: 600,000 × 365 ÷ 730 = 300,000")
    func resignationHalfWay() throws {
        var h = Self.paidYear()
        // 2026-09-01 + 365 days = 2027-09-01: served 365 of 730 when leaving that day.
        h.given(.separate(person: "Ann", reason: .resignation), on: "2027-09-01")
        let o = try #require(h.obligation("A1", asOf: "2027-09-01"))
        #expect(o.servedDays == 365)
        #expect(o.remainingDays == 365)
        #expect(o.state == .breached)
        #expect(o.breach?.on == day("2027-09-01"))
        #expect(o.breach?.cause == "resignation")
        #expect(o.repaymentDue == NTD(300_000))
        // Later days change nothing: the count stopped at the breach.
        #expect(h.obligation("A1", asOf: "2029-01-01")?.servedDays == 365)
        #expect(h.obligation("A1", asOf: "2029-01-01")?.repaymentDue == NTD(300_000))
        // The day before, nothing is due yet.
        let before = try #require(h.obligation("A1", asOf: "2027-08-31"))
        #expect(before.state == .serving)
        #expect(before.servedDays == 364)
        #expect(before.repaymentDue == .zero)
    }

    @Test("an uneven repayment is rounded half up, once", arguments: [
        // separation day, received, served, expected due
        // 2026-12-10 is R + 100: remaining 630; 600,000 × 630 ÷ 730 = 517,808.21… → 517,808
        ("2026-12-10", 500_000, 100_000, 100, 517_808),
        // R + 365: 100,001 × 365 ÷ 730 = 50,000.5 → 50,001 (half up)
        ("2027-09-01", 100_000, 1, 365, 50_001),
        // R + 1: 999,999 × 729 ÷ 730 = 998,629.19… → 998,629
        ("2026-09-02", 999_999, 0, 1, 998_629),
    ])
    func unevenRepayment(separation: String, salary: Int, subsidy: Int, served: Int, due: Int) throws {
        var h = History.cast()
        h.studied(study("A1", "Ann", "2025-09-01", "2026-08-31"), approvedOn: "2025-06-01",
                  leaveStart: "2025-09-01", leaveEnd: "2026-08-31", returned: "2026-09-01")
        h.given(.pay(application: "A1", salary: NTD(salary), subsidy: NTD(subsidy)), on: "2026-08-31")
        h.given(.separate(person: "Ann", reason: .resignation), on: separation)
        let o = try #require(h.obligation("A1", asOf: separation))
        #expect(o.servedDays == served)
        #expect(o.repaymentDue == NTD(due))
    }

    @Test("payments are summed and the sum rounded once: three payments of 1 × 365 ÷ 730 = 1.5 → 2, not 3 × 1")
    func roundedOnceAtTheEnd() throws {
        var h = History.cast()
        h.studied(study("A1", "Ann", "2025-09-01", "2026-08-31"), approvedOn: "2025-06-01",
                  leaveStart: "2025-09-01", leaveEnd: "2026-08-31", returned: "2026-09-01")
        for month in ["2025-10-01", "2025-11-01", "2025-12-01"] {
            h.given(.pay(application: "A1", salary: NTD(1), subsidy: NTD(0)), on: month)
        }
        h.given(.separate(person: "Ann", reason: .dismissal), on: "2027-09-01")
        let o = try #require(h.obligation("A1", asOf: "2027-09-01"))
        #expect(o.received == NTD(3))
        #expect(o.repaymentDue == NTD(2))
    }

    @Test("self-applied study repays its subsidies only")
    func selfRepaysSubsidies() throws {
        var h = History.cast()
        h.studied(study("S1", "Ann", "2025-09-01", "2026-08-31", sponsor: .self), approvedOn: "2025-06-01",
                  leaveStart: "2025-09-01", leaveEnd: "2026-08-31", returned: "2026-09-01")
        h.given(.pay(application: "S1", salary: NTD(0), subsidy: NTD(73_000)), on: "2026-01-01")
        // Leaves after 146 of 365 days (2026-09-01 + 146 = 2027-01-25): 73,000 × 219 ÷ 365 = 43,800.
        h.given(.separate(person: "Ann", reason: .resignation), on: "2027-01-25")
        let o = try #require(h.obligation("S1", asOf: "2027-01-25"))
        #expect(o.servedDays == 146)
        #expect(o.repaymentDue == NTD(43_800))
    }

    @Test("unpaid leave has no salary to repay, even if a ledger holds one for it")
    func selfIgnoresSalary() throws {
        var h = History.cast()
        h.studied(study("S1", "Ann", "2025-09-01", "2026-08-31", sponsor: .self), approvedOn: "2025-06-01",
                  leaveStart: "2025-09-01", leaveEnd: "2026-08-31", returned: nil)
        // `pay` refuses a salary for self-applied study; an imported ledger might still hold one.
        h.appendUnchecked(.paymentRecorded(application: "S1", person: "Ann", salary: NTD(400_000), subsidy: NTD(20_000)),
                          on: "2026-01-01", tags: ["application:S1", "person:Ann"])
        h.given(.separate(person: "Ann", reason: .resignation), on: "2026-10-01")
        let o = try #require(h.obligation("S1", asOf: "2026-10-01"))
        #expect(o.received == NTD(20_000))
        #expect(o.repaymentDue == NTD(20_000))   // never returned: the whole of the subsidies
    }

    @Test("a waiver leaves the breach on record and nothing to repay")
    func waiver() throws {
        var h = Self.paidYear()
        h.given(.separate(person: "Ann", reason: .resignation), on: "2027-09-01")
        h.given(.waive(application: "A1", reason: "illness, not her fault"), on: "2027-09-02")
        let o = try #require(h.obligation("A1", asOf: "2027-09-02"))
        #expect(o.state == .waived)
        #expect(o.repaymentDue == .zero)
        #expect(o.breach?.on == day("2027-09-01"))
        // As of the breach day, before the waiver, half is due.
        #expect(h.obligation("A1", asOf: "2027-09-01")?.repaymentDue == NTD(300_000))
    }

    @Test("death is waived without a waiver event, and a waiver is then refused as already given")
    func death() throws {
        var h = Self.paidYear()
        h.given(.separate(person: "Ann", reason: .death), on: "2027-09-01")
        let o = try #require(h.obligation("A1", asOf: "2027-09-01"))
        #expect(o.state == .waived)
        #expect(o.repaymentDue == .zero)
        #expect(o.breach?.cause == "death")
        let separation = h.last("PersonSeparated").position
        #expect(throws: Refusal.alreadyWaived(application: "A1", position: separation)) {
            try h.decide(.waive(application: "A1", reason: "death"), on: day("2027-09-02"))
        }
    }

    @Test("a transfer with the obligation carried over lets service go on in the new agency (Act 15 ¶2)")
    func carriedTransfer() throws {
        var h = Self.paidYear()
        h.given(.transfer(person: "Ann", to: "LAB", carryObligation: true), on: "2027-03-01")
        let mid = try #require(h.obligation("A1", asOf: "2027-09-01"))
        #expect(mid.state == .serving)
        #expect(mid.servedDays == 365)
        #expect(mid.breach == nil)
        let end = try #require(h.obligation("A1", asOf: "2028-08-31"))
        #expect(end.state == .fulfilled)
        #expect(end.servedDays == 730)
        #expect(end.repaymentDue == .zero)
    }

    @Test("a transfer without the obligation is a breach on the transfer day")
    func uncarriedTransfer() throws {
        var h = Self.paidYear()
        h.given(.transfer(person: "Ann", to: "LAB", carryObligation: false), on: "2027-03-01")
        let o = try #require(h.obligation("A1", asOf: "2027-06-01"))
        // Served 2026-09-01 … 2027-02-28: 30 + 31 + 30 + 31 + 31 + 28 = 181; remaining 549.
        #expect(o.state == .breached)
        #expect(o.breach?.on == day("2027-03-01"))
        #expect(o.servedDays == 181)
        #expect(o.remainingDays == 549)
        // 600,000 × 549 ÷ 730 = 451,232.87… → 451,233
        #expect(o.repaymentDue == NTD(451_233))
        #expect(h.obligation("A1", asOf: "2027-02-28")?.state == .serving)
    }

    @Test("a pause stops the count and moves the last day owed; while it is open that day is unknown")
    func pause() throws {
        var h = Self.paidYear()
        h.given(.pauseService(person: "Ann", reason: "unpaid leave"), on: "2026-12-01")
        let paused = try #require(h.obligation("A1", asOf: "2026-12-15"))
        #expect(paused.state == .paused)
        #expect(paused.servedDays == 91)     // 2026-09-01 … 2026-11-30: 30 + 31 + 30
        #expect(paused.endsOn == nil)
        #expect(h.obligation("A1", asOf: "2027-06-01")?.endsOn == nil)   // still open, much later
        h.given(.resumeService(person: "Ann"), on: "2027-01-01")
        let resumed = try #require(h.obligation("A1", asOf: "2027-03-01"))
        // 2026-09-01 … 2027-02-28 is 181 days, less December's 31 paused days = 150.
        #expect(resumed.state == .serving)
        #expect(resumed.servedDays == 150)
        // 2028-08-30 moved by the 31 paused days.
        #expect(resumed.endsOn == day("2028-09-30"))
        #expect(h.obligation("A1", asOf: "2028-09-30")?.servedDays == 729)
        #expect(h.obligation("A1", asOf: "2028-10-01")?.state == .fulfilled)
        // As of a day inside the pause, the resume is not yet known: the end is unknown.
        #expect(h.obligation("A1", asOf: "2026-12-31")?.endsOn == nil)
        #expect(h.obligation("A1", asOf: "2027-01-01")?.endsOn == day("2028-09-30"))
        #expect(h.obligation("A1", asOf: "2027-01-01")?.servedDays == 91)
    }

    @Test("not returning after the study and leaving repays everything (Act 14)")
    func noReturnThenSeparation() throws {
        var h = Self.paidYear(returned: nil)
        h.given(.separate(person: "Ann", reason: .resignation), on: "2026-10-01")
        let o = try #require(h.obligation("A1", asOf: "2026-10-01"))
        #expect(o.state == .breached)
        #expect(o.servedDays == 0)
        #expect(o.requiredDays == 730)
        #expect(o.remainingDays == 730)
        #expect(o.repaymentDue == NTD(600_000))
    }

    @Test("leaving during the leave repays everything received: paid 2025-09-01 … 2026-02-28 = 181 days")
    func separationDuringLeave() throws {
        var h = History.cast()
        h.approved(study("A1", "Ann", "2025-09-01", "2026-08-31"), on: "2025-06-01")
        h.given(.startLeave(application: "A1"), on: "2025-09-01")
        h.given(.pay(application: "A1", salary: NTD(250_000), subsidy: NTD(50_000)), on: "2026-02-01")
        h.given(.separate(person: "Ann", reason: .resignation), on: "2026-03-01")
        let o = try #require(h.obligation("A1", asOf: "2026-06-01"))
        #expect(o.paidDays == 181)         // on leave through the day before the separation
        #expect(o.requiredDays == 362)     // 2 × 181 ≥ floor 184 from 2026-03-01
        #expect(o.state == .breached)
        #expect(o.repaymentDue == NTD(300_000))
    }

    @Test("leaving on the first day of leave is still leaving before the return: the whole sum (Act 14)")
    func separationOnLeaveStartDay() throws {
        var h = History.cast()
        h.approved(study("A1", "Ann", "2025-09-01", "2026-08-31"), on: "2025-06-01")
        h.given(.pay(application: "A1", salary: NTD(0), subsidy: NTD(100_000)), on: "2025-08-01")   // tuition paid ahead
        h.given(.startLeave(application: "A1"), on: "2025-09-01")
        h.given(.separate(person: "Ann", reason: .resignation), on: "2025-09-01")   // allowed: not before the leave start
        let o = try #require(h.obligation("A1", asOf: "2025-09-02"))
        #expect(o.state == .breached)
        // The leave runs to the day before the separation, so P = U = 0 and required = 0; Act 14
        // still asks for the whole sum received: 100,000.
        #expect(o.requiredDays == 0)
        #expect(o.repaymentDue == NTD(100_000))
    }

    @Test("a second full-time study pauses the first obligation; each runs from its own return")
    func twoObligations() throws {
        var h = History.cast()
        // A1: 2025-09-01 … 2025-09-30, 30 paid days, back 2025-10-01 → F = 182 (to 2026-04-01) → 182.
        h.studied(study("A1", "Ann", "2025-09-01", "2025-09-30"), approvedOn: "2025-06-01",
                  leaveStart: "2025-09-01", leaveEnd: "2025-09-30", returned: "2025-10-01")
        // A2: 2026-01-05 … 2026-01-31, 27 paid days, back 2026-02-02 → F = 181 (to 2026-08-02) → 181.
        h.studied(study("A2", "Ann", "2026-01-05", "2026-01-31"), approvedOn: "2025-12-01",
                  leaveStart: "2026-01-05", leaveEnd: "2026-01-31", returned: "2026-02-02")
        let first = try #require(h.obligation("A1", asOf: "2026-02-02"))
        // 2025-10-01 … 2026-02-01 is 31 + 30 + 31 + 31 + 1 = 124 days, less 27 days on A2's leave = 97.
        #expect(first.requiredDays == 182)
        #expect(first.servedDays == 97)
        // Without the gap the last day would be 2025-10-01 + 181 = 2026-03-31; 27 days later: 2026-04-27.
        #expect(first.endsOn == day("2026-04-27"))
        let second = try #require(h.obligation("A2", asOf: "2026-02-02"))
        #expect(second.paidDays == 27)
        #expect(second.requiredDays == 181)
        #expect(second.servedDays == 0)
        #expect(second.endsOn == day("2026-08-01"))
    }

    @Test("a later study or pause after the last day owed does not move it")
    func laterGapLeavesEndAlone() throws {
        var h = History.cast()
        // A1: 30 paid days, back 2026-09-01 → 181 owed, last day 2027-02-28.
        h.studied(study("A1", "Ann", "2026-08-01", "2026-08-30"), approvedOn: "2026-06-01",
                  leaveStart: "2026-08-01", leaveEnd: "2026-08-30", returned: "2026-09-01")
        // A2 from 2027-09-01, after A1 was served.
        h.studied(study("A2", "Ann", "2027-09-01", "2027-12-31"), approvedOn: "2027-06-01",
                  leaveStart: "2027-09-01", leaveEnd: "2027-12-31", returned: "2028-01-02")
        h.given(.pauseService(person: "Ann", reason: "unpaid leave"), on: "2028-02-01")
        let o = try #require(h.obligation("A1", asOf: "2028-03-01"))
        #expect(o.state == .fulfilled)
        #expect(o.servedDays == 181)
        #expect(o.endsOn == day("2027-02-28"))
    }

    @Test("part-time and off-hours study owe no service by default")
    func noObligationOutsideFullTime() {
        var h = History.cast()
        h.approved(study("P1", "Ann", "2025-09-01", "2026-01-31", mode: .partTime, sponsor: .self, hours: 8), on: "2025-06-01")
        h.given(.startLeave(application: "P1"), on: "2025-09-01")
        h.given(.endLeave(application: "P1"), on: "2026-01-31")
        h.given(.returnToDuty(application: "P1"), on: "2026-02-01")
        #expect(h.obligation("P1", asOf: "2026-03-01") == nil)
    }

    @Test("the arithmetic rules themselves", arguments: [
        // paid, unpaid, floor → required
        (365, 0, 181, 730), (30, 0, 181, 181), (0, 365, 181, 365), (365, 91, 182, 821), (0, 0, 181, 0), (91, 0, 182, 182), (92, 0, 182, 184),
    ])
    func requiredDays(paid: Int, unpaid: Int, floor: Int, required: Int) {
        #expect(ObligationRule.requiredDays(paid: paid, unpaid: unpaid, floor: floor, policy: .act2013) == required)
    }

    @Test("repayment is 0 without anything remaining, and never more than received")
    func repaymentBounds() {
        #expect(ObligationRule.repayment(received: NTD(600_000), remaining: 0, required: 730) == .zero)
        #expect(ObligationRule.repayment(received: NTD(600_000), remaining: 730, required: 730) == NTD(600_000))
        #expect(ObligationRule.repayment(received: NTD(600_000), remaining: 900, required: 730) == NTD(600_000))
    }
}
