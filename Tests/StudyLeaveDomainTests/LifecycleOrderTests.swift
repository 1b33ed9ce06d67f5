import Testing
@testable import StudyLeaveDomain

/// RULES.md §2.6–§2.7, §5, §6: the study in order — approval, leave start, extensions, leave end,
/// return — and what may be recorded for a withdrawn, rejected or separated person's study.
@Suite("Lifecycle: the order of a study's events")
struct LifecycleOrderTests {
    let a1 = study("A1", "Ann", "2025-09-01", "2026-08-31")

    @Test("no leave starts before approval")
    func noLeaveBeforeApproval() {
        var h = History.cast()
        h.submitted(a1, on: "2025-06-01")
        #expect(throws: Refusal.wrongState(application: "A1", state: .submitted, action: "started",
                                           next: .first("an approval ('approve')"))) {
            try h.decide(.startLeave(application: "A1"), on: day("2025-09-01"))
        }
    }

    @Test("the leave starts within the approved period", arguments: [("2025-08-31", false), ("2025-09-01", true), ("2026-08-31", true), ("2026-09-01", false)])
    func leaveStartWithinPeriod(on: String, allowed: Bool) {
        var h = History.cast()
        h.approved(a1, on: "2025-06-01")
        if allowed {
            #expect(throws: Never.self) { try h.decide(.startLeave(application: "A1"), on: day(on)) }
        } else {
            #expect(throws: Refusal.leaveOutsidePeriod(application: "A1", on: day(on), from: day("2025-09-01"), to: day("2026-08-31"))) {
                try h.decide(.startLeave(application: "A1"), on: day(on))
            }
        }
    }

    @Test("an extension approved before the leave starts lets it start later")
    func leaveStartWithinExtension() {
        var h = History.cast()
        h.approved(a1, on: "2025-06-01")
        h.given(.extendLeave(application: "A1", until: day("2026-10-31"), by: "Boss"), on: "2025-07-01")
        #expect(throws: Never.self) { try h.decide(.startLeave(application: "A1"), on: day("2026-10-01")) }
    }

    @Test("off-hours study takes no leave")
    func offHoursNoLeave() {
        var h = History.cast()
        h.approved(study("O1", "Ann", "2025-09-01", "2026-08-31", mode: .offHours, sponsor: .self), on: "2025-06-01")
        #expect(throws: Refusal.offHoursTakesNoLeave(application: "O1")) {
            try h.decide(.startLeave(application: "O1"), on: day("2025-09-01"))
        }
    }

    @Test("no leave end before the leave start, nor after the approved period")
    func leaveEndOrder() {
        var h = History.cast()
        h.approved(a1, on: "2025-06-01")
        #expect(throws: Refusal.wrongState(application: "A1", state: .approved, action: "ended", next: .first("a leave start ('leave start')"))) {
            try h.decide(.endLeave(application: "A1"), on: day("2025-09-10"))
        }
        h.given(.startLeave(application: "A1"), on: "2025-09-10")
        #expect(throws: Refusal.datedBefore(what: "the leave end", on: day("2025-09-09"), ground: "the leave start", groundOn: day("2025-09-10"))) {
            try h.decide(.endLeave(application: "A1"), on: day("2025-09-09"))
        }
        #expect(throws: Never.self) { try h.decide(.endLeave(application: "A1"), on: day("2025-09-10")) }   // one day of leave
        #expect(throws: Refusal.leaveOutsidePeriod(application: "A1", on: day("2026-09-01"), from: day("2025-09-01"), to: day("2026-08-31"))) {
            try h.decide(.endLeave(application: "A1"), on: day("2026-09-01"))
        }
    }

    @Test("the return comes after the last day of leave, never on it", arguments: [("2026-08-30", false), ("2026-08-31", false), ("2026-09-01", true)])
    func returnAfterLeaveEnd(on: String, allowed: Bool) {
        var h = History.cast()
        h.studied(a1, approvedOn: "2025-06-01", leaveStart: "2025-09-01", leaveEnd: "2026-08-31", returned: nil)
        if allowed {
            #expect(throws: Never.self) { try h.decide(.returnToDuty(application: "A1"), on: day(on)) }
        } else {
            #expect(throws: Refusal.returnNotAfterLeaveEnd(application: "A1", on: day(on), leaveEnd: day("2026-08-31"))) {
                try h.decide(.returnToDuty(application: "A1"), on: day(on))
            }
        }
    }

    @Test("a return needs a recorded leave end")
    func returnNeedsLeaveEnd() {
        var h = History.cast()
        h.approved(a1, on: "2025-06-01")
        h.given(.startLeave(application: "A1"), on: "2025-09-01")
        #expect(throws: Refusal.wrongState(application: "A1", state: .onLeave, action: "returned from", next: .first("the last day of leave ('leave end')"))) {
            try h.decide(.returnToDuty(application: "A1"), on: day("2026-09-01"))
        }
    }

    @Test("withdrawal after the leave started is refused: end the leave instead")
    func withdrawAfterStart() {
        var h = History.cast()
        h.approved(a1, on: "2025-06-01")
        h.given(.startLeave(application: "A1"), on: "2025-09-01")
        #expect(throws: Refusal.withdrawAfterLeaveStart(application: "A1")) { try h.decide(.withdraw(application: "A1"), on: day("2025-10-01")) }
        h.given(.endLeave(application: "A1"), on: "2025-10-31")
        #expect(throws: Refusal.withdrawAfterLeaveStart(application: "A1")) { try h.decide(.withdraw(application: "A1"), on: day("2025-11-01")) }
        h.given(.returnToDuty(application: "A1"), on: "2025-11-03")
        #expect(throws: Refusal.withdrawAfterLeaveStart(application: "A1")) { try h.decide(.withdraw(application: "A1"), on: day("2025-11-04")) }
    }

    @Test("a withdrawal cannot be dated before the approval it takes back")
    func withdrawalDated() {
        var h = History.cast()
        h.approved(a1, on: "2025-06-01")
        #expect(throws: Refusal.datedBefore(what: "a withdrawal", on: day("2025-05-01"), ground: "the approval", groundOn: day("2025-06-01"))) {
            try h.decide(.withdraw(application: "A1"), on: day("2025-05-01"))
        }
    }

    @Test("nothing more is recorded for a withdrawn study", arguments: [
        (Command.approve(application: "A1", by: "Boss"), "approved"),
        (Command.reject(application: "A1", by: "Boss", reason: "late"), "rejected"),
        (Command.withdraw(application: "A1"), "withdrawn"),
        (Command.startLeave(application: "A1"), "started"),
        (Command.extendLeave(application: "A1", until: day("2026-12-31"), by: "Boss"), "extended"),
        (Command.endLeave(application: "A1"), "ended"),
        (Command.returnToDuty(application: "A1"), "returned from"),
    ])
    func withdrawnStudy(command: Command, action: String) {
        var h = History.cast()
        h.approved(a1, on: "2025-06-01")
        h.given(.withdraw(application: "A1"), on: "2025-07-01")
        // Issue 16: the refusal names the withdrawal, to retract if it was a mistake.
        let next: NextStep? = action == "extended" ? nil : .retract(position: h.last("ApplicationWithdrawn").position, what: "it was withdrawn", on: day("2025-07-01"))
        #expect(throws: Refusal.wrongState(application: "A1", state: .withdrawn, action: action, next: next)) {
            try h.decide(command, on: day("2025-09-01"))
        }
        #expect(throws: Refusal.paymentNotForThisStudy(application: "A1")) {
            try h.decide(.pay(application: "A1", salary: NTD(1), subsidy: NTD(0)), on: day("2025-09-01"))
        }
    }

    @Test("nothing more is recorded for a rejected study", arguments: [
        (Command.approve(application: "A1", by: "Boss"), "approved"),
        (Command.withdraw(application: "A1"), "withdrawn"),
        (Command.startLeave(application: "A1"), "started"),
        (Command.extendLeave(application: "A1", until: day("2026-12-31"), by: "Boss"), "extended"),
        (Command.endLeave(application: "A1"), "ended"),
        (Command.returnToDuty(application: "A1"), "returned from"),
    ])
    func rejectedStudy(command: Command, action: String) {
        var h = History.cast()
        h.submitted(a1, on: "2025-06-01")
        h.given(.reject(application: "A1", by: "Boss", reason: "budget"), on: "2025-06-02")
        let next: NextStep? = action == "extended" ? nil : .retract(position: h.last("ApplicationRejected").position, what: "it was rejected", on: day("2025-06-02"))
        #expect(throws: Refusal.wrongState(application: "A1", state: .rejected, action: action, next: next)) {
            try h.decide(command, on: day("2025-09-01"))
        }
    }

    @Test("after a separation only pay, waive and retract may be recorded for the person", arguments: [
        Command.startLeave(application: "A1"),
        Command.withdraw(application: "A1"),
        Command.extendLeave(application: "A1", until: day("2026-12-31"), by: "Boss"),
        study("A2", "Ann", "2026-09-01", "2026-12-31", sponsor: .self),
        Command.transfer(person: "Ann", to: "LAB", carryObligation: true),
        Command.separate(person: "Ann", reason: .dismissal),
        Command.pauseService(person: "Ann", reason: "leave"),
    ])
    func separatedPerson(command: Command) {
        var h = History.cast()
        h.approved(a1, on: "2025-06-01")
        h.given(.separate(person: "Ann", reason: .resignation), on: "2025-08-15")
        #expect(throws: Refusal.personSeparated(person: "Ann", on: day("2025-08-15"))) {
            try h.decide(command, on: day("2025-09-01"))
        }
        // Money received still settles the past.
        #expect(throws: Never.self) { try h.decide(.pay(application: "A1", salary: NTD(1000), subsidy: NTD(0)), on: day("2025-09-01")) }
    }

    @Test("a separation cannot be dated before leave already recorded")
    func separationAfterRecordedLeave() {
        var h = History.cast()
        h.approved(a1, on: "2025-06-01")
        h.given(.startLeave(application: "A1"), on: "2025-09-01")
        #expect(throws: Refusal.datedBefore(what: "a separation", on: day("2025-08-31"), ground: "the recorded leave of A1", groundOn: day("2025-09-01"))) {
            try h.decide(.separate(person: "Ann", reason: .resignation), on: day("2025-08-31"))
        }
    }

    @Test("service is paused only while an obligation runs, once at a time, and resumed after at least a day")
    func pauseAndResume() {
        var h = History.cast()
        #expect(throws: Refusal.noRunningObligation(person: "Ann")) { try h.decide(.pauseService(person: "Ann", reason: "leave"), on: day("2025-06-01")) }
        h.studied(a1, approvedOn: "2025-06-01", leaveStart: "2025-09-01", leaveEnd: "2026-08-31", returned: nil)
        #expect(throws: Refusal.noRunningObligation(person: "Ann")) { try h.decide(.pauseService(person: "Ann", reason: "leave"), on: day("2026-08-31")) }
        h.given(.returnToDuty(application: "A1"), on: "2026-09-01")
        #expect(throws: Refusal.noOpenPause(person: "Ann")) { try h.decide(.resumeService(person: "Ann"), on: day("2026-10-01")) }
        h.given(.pauseService(person: "Ann", reason: "unpaid leave"), on: "2026-10-01")
        #expect(throws: Refusal.pauseAlreadyOpen(person: "Ann", since: day("2026-10-01"))) {
            try h.decide(.pauseService(person: "Ann", reason: "again"), on: day("2026-10-05"))
        }
        #expect(throws: Refusal.datedBefore(what: "a resumption", on: day("2026-10-01"), ground: "the day after the pause began", groundOn: day("2026-10-02"))) {
            try h.decide(.resumeService(person: "Ann"), on: day("2026-10-01"))
        }
        #expect(throws: Never.self) { try h.decide(.resumeService(person: "Ann"), on: day("2026-10-02")) }
    }

    @Test("money is recorded only for approved full-time study, and self-applied study receives no salary (Act 12)")
    func payments() {
        var h = History.cast()
        h.submitted(a1, on: "2025-06-01")
        #expect(throws: Refusal.paymentNotForThisStudy(application: "A1")) {
            try h.decide(.pay(application: "A1", salary: NTD(100), subsidy: NTD(0)), on: day("2025-06-02"))
        }
        h.approved(study("P1", "Ben", "2025-09-01", "2026-01-31", mode: .partTime, sponsor: .self, hours: 4), on: "2025-06-01")
        #expect(throws: Refusal.paymentNotForThisStudy(application: "P1")) {
            try h.decide(.pay(application: "P1", salary: NTD(0), subsidy: NTD(100)), on: day("2025-10-01"))
        }
        h.approved(study("S1", "Cai", "2025-09-01", "2026-08-31", sponsor: .self), on: "2025-06-01")
        #expect(throws: Refusal.salaryDuringUnpaidLeave(application: "S1")) {
            try h.decide(.pay(application: "S1", salary: NTD(100), subsidy: NTD(50)), on: day("2025-10-01"))
        }
        #expect(throws: Never.self) { try h.decide(.pay(application: "S1", salary: NTD(0), subsidy: NTD(50)), on: day("2025-10-01")) }
    }

    @Test("a waiver needs a breach, and is recorded once")
    func waiverNeedsBreach() {
        var h = History.cast()
        h.studied(a1, approvedOn: "2025-06-01", leaveStart: "2025-09-01", leaveEnd: "2026-08-31", returned: "2026-09-01")
        #expect(throws: Refusal.waiverWithoutBreach(application: "A1")) { try h.decide(.waive(application: "A1", reason: "illness"), on: day("2026-10-01")) }
        h.given(.separate(person: "Ann", reason: .resignation), on: "2027-03-01")
        // Before the separation day the obligation is not yet breached.
        #expect(throws: Refusal.waiverWithoutBreach(application: "A1")) { try h.decide(.waive(application: "A1", reason: "illness"), on: day("2027-02-28")) }
        h.given(.waive(application: "A1", reason: "illness"), on: "2027-03-02")
        let waiver = h.last("LiabilityWaived").position
        #expect(throws: Refusal.alreadyWaived(application: "A1", position: waiver)) {
            try h.decide(.waive(application: "A1", reason: "again"), on: day("2027-03-03"))
        }
    }

    @Test("master data: ids are unique, what a record names must exist, one head per agency")
    func masterData() {
        let h = History.cast()
        #expect(throws: Refusal.agencyExists("HR")) { try h.decide(.addAgency(id: "HR", name: "again", parent: nil), on: day("2025-02-01")) }
        #expect(throws: Refusal.unknownAgency("NOPE")) { try h.decide(.addAgency(id: "NEW", name: "new", parent: "NOPE"), on: day("2025-02-01")) }
        #expect(throws: Refusal.personExists("Ann")) { try h.decide(.addPerson(id: "Ann", name: "Ann", agency: "LAB", head: false), on: day("2025-02-01")) }
        #expect(throws: Refusal.unknownAgency("NOPE")) { try h.decide(.addPerson(id: "Zed", name: "Zed", agency: "NOPE", head: false), on: day("2025-02-01")) }
        #expect(throws: Refusal.agencyHasHead(agency: "HR", head: "Boss")) { try h.decide(.addPerson(id: "Zed", name: "Zed", agency: "HR", head: true), on: day("2025-02-01")) }
        #expect(throws: Refusal.unknownAgency("NOPE")) { try h.decide(.setHeadcount(agency: "NOPE", year: 2025, budgeted: 3), on: day("2025-02-01")) }
        #expect(throws: Refusal.transferToSameAgency(person: "Ann", agency: "HR")) { try h.decide(.transfer(person: "Ann", to: "HR", carryObligation: true), on: day("2025-02-01")) }
        #expect(throws: Refusal.unknownPerson("Zed")) { try h.decide(.separate(person: "Zed", reason: .other), on: day("2025-02-01")) }
        #expect(throws: Refusal.unknownPerson("Zed")) { try h.decide(study("Z1", "Zed", "2025-09-01", "2026-08-31"), on: day("2025-02-01")) }
    }

    @Test("a transfer cannot be dated before the previous one")
    func transfersInOrder() {
        var h = History.cast()
        h.given(.transfer(person: "Ann", to: "LAB", carryObligation: true), on: "2025-05-01")
        #expect(throws: Refusal.datedBefore(what: "a transfer", on: day("2025-04-01"), ground: "the previous transfer", groundOn: day("2025-05-01"))) {
            try h.decide(.transfer(person: "Ann", to: "HR", carryObligation: true), on: day("2025-04-01"))
        }
    }

    @Test("the application's state follows its events")
    func states() {
        var h = History.cast()
        h.given(a1, on: "2025-06-01")
        #expect(h.world().applications["A1"]?.state == .submitted)
        h.given(.review(application: "A1", workRelated: true), on: "2025-06-01")
        h.given(.screen(application: "A1", passed: true), on: "2025-06-01")
        h.given(.approve(application: "A1", by: "Boss"), on: "2025-06-02")
        #expect(h.world().applications["A1"]?.state == .approved)
        h.given(.startLeave(application: "A1"), on: "2025-09-01")
        #expect(h.world().applications["A1"]?.state == .onLeave)
        #expect(h.world(asOf: day("2025-08-31")).applications["A1"]?.state == .approved)   // as of the day before
        h.given(.endLeave(application: "A1"), on: "2026-08-31")
        #expect(h.world().applications["A1"]?.state == .ended)
        h.given(.returnToDuty(application: "A1"), on: "2026-09-03")
        #expect(h.world().applications["A1"]?.state == .returned)
        // The leave-end day is a day on leave: as of it the person is still on leave.
        #expect(h.world(asOf: day("2026-08-31")).applications["A1"]?.state == .onLeave)
        #expect(h.world(asOf: day("2026-09-01")).applications["A1"]?.state == .ended)
        #expect(h.world(asOf: day("2026-09-03")).applications["A1"]?.state == .returned)
        #expect(h.divergences.isEmpty)
    }
}

@Suite("Refusals")
struct RefusalTests {
    @Test("refusals sort into the CLI's exit codes: bad data (65), usage (64), or a rule (1)")
    func exitClasses() {
        #expect(Refusal.unknownPerson("Zed").isBadData)
        #expect(Refusal.periodReversed(from: day("2025-09-01"), to: day("2025-08-01")).isBadData)
        #expect(Refusal.missingDetail("x").isUsage)
        let rule = Refusal.quotaFull(agency: "HR", year: 2025, cap: 2, budgeted: 25, used: 2)
        #expect(!rule.isBadData && !rule.isUsage)
    }

    @Test("a limit's refusal names the article and the last allowed day")
    func durationMessage() {
        #expect(Refusal.durationExceeded(kind: .selectedDomestic, months: 24, latestTo: day("2027-08-31"), article: "Act 11").message
            == "Act 11: selected full-time study at home lasts at most 24 months: the period may end on 2027-08-31 at the latest")
    }
}
