import Testing
@testable import StudyLeaveDomain

/// RULES.md §2.0–§2.3, §2.7: who approves, and what an approval needs first.
@Suite("Approval: the finding, the screening and the competent head")
struct ApprovalRuleTests {
    let yearOfSelectedStudy = study("A1", "Ann", "2025-09-01", "2026-08-31")

    @Test("the head of the applicant's agency approves, taking a place in the quota of the year the study starts")
    func headApproves() throws {
        var h = History.cast()
        h.submitted(yearOfSelectedStudy, on: "2025-06-01")
        let new = try h.decide(.approve(application: "A1", by: "Boss"), on: day("2025-06-02"))
        #expect(new == [NewEvent(on: day("2025-06-02"), tags: ["application:A1", "person:Ann", "quota:HR:2025"],
                                 data: .applicationApproved(application: "A1", person: "Ann", by: "Boss", agency: "HR", year: 2025))])
    }

    @Test("approval needs the agency's finding that the study is work-related (seed 000 §陸)")
    func needsFinding() {
        var h = History.cast()
        h.given(study("A1", "Ann", "2025-09-01", "2026-08-31", sponsor: .self), on: "2025-06-01")
        #expect(throws: Refusal.workRelatedFindingMissing(application: "A1")) {
            try h.decide(.approve(application: "A1", by: "Boss"), on: day("2025-06-02"))
        }
        h.given(.review(application: "A1", workRelated: false), on: "2025-06-01")
        #expect(throws: Refusal.notWorkRelated(application: "A1")) {
            try h.decide(.approve(application: "A1", by: "Boss"), on: day("2025-06-02"))
        }
        // Found not work-related, it can still be rejected.
        #expect(throws: Never.self) { try h.decide(.reject(application: "A1", by: "Boss", reason: "not work-related"), on: day("2025-06-02")) }
    }

    @Test("self-applied study needs no screening and is approved after the finding alone")
    func selfNeedsNoScreening() {
        var h = History.cast()
        h.given(study("A1", "Ann", "2025-09-01", "2026-08-31", sponsor: .self), on: "2025-06-01")
        h.given(.review(application: "A1", workRelated: true), on: "2025-06-01")
        #expect(throws: Never.self) { try h.decide(.approve(application: "A1", by: "Boss"), on: day("2025-06-02")) }
        #expect(throws: Refusal.screeningOnlyForSelected(application: "A1")) {
            try h.decide(.screen(application: "A1", passed: true), on: day("2025-06-02"))
        }
    }

    @Test("selected study additionally needs the screening committee's pass (Act 9)")
    func selectedNeedsScreening() {
        var h = History.cast()
        h.given(yearOfSelectedStudy, on: "2025-06-01")
        h.given(.review(application: "A1", workRelated: true), on: "2025-06-01")
        #expect(throws: Refusal.screeningMissing(application: "A1")) {
            try h.decide(.approve(application: "A1", by: "Boss"), on: day("2025-06-02"))
        }
        h.given(.screen(application: "A1", passed: false), on: "2025-06-01")
        #expect(throws: Refusal.screeningFailed(application: "A1")) {
            try h.decide(.approve(application: "A1", by: "Boss"), on: day("2025-06-02"))
        }
    }

    @Test("a finding or a screening is recorded once; another needs the first retracted")
    func decidedOnce() {
        var h = History.cast()
        h.submitted(yearOfSelectedStudy, on: "2025-06-01")
        let review = h.last("ApplicationReviewed").position
        let screening = h.last("ApplicationScreened").position
        #expect(throws: Refusal.alreadyDecided(application: "A1", what: "a work-related finding", position: review)) {
            try h.decide(.review(application: "A1", workRelated: false), on: day("2025-06-02"))
        }
        #expect(throws: Refusal.alreadyDecided(application: "A1", what: "a screening result", position: screening)) {
            try h.decide(.screen(application: "A1", passed: false), on: day("2025-06-02"))
        }
    }

    @Test("anyone but the head of the applicant's agency is refused, naming the head", arguments: ["Ben", "Lab", "Gov"])
    func onlyTheHead(approver: String) {
        var h = History.cast()
        h.submitted(yearOfSelectedStudy, on: "2025-06-01")
        #expect(throws: Refusal.notTheCompetentHead(by: approver, agency: "HR", head: "Boss")) {
            try h.decide(.approve(application: "A1", by: approver), on: day("2025-06-02"))
        }
        #expect(throws: Refusal.notTheCompetentHead(by: approver, agency: "HR", head: "Boss")) {
            try h.decide(.reject(application: "A1", by: approver, reason: "no"), on: day("2025-06-02"))
        }
    }

    @Test("an approver the ledger does not know is refused as unknown")
    func unknownApprover() {
        var h = History.cast()
        h.submitted(yearOfSelectedStudy, on: "2025-06-01")
        #expect(throws: Refusal.unknownPerson("Zed")) { try h.decide(.approve(application: "A1", by: "Zed"), on: day("2025-06-02")) }
        #expect(throws: Refusal.unknownApplication("A9")) { try h.decide(.approve(application: "A9", by: "Boss"), on: day("2025-06-02")) }
    }

    @Test("no one decides their own application")
    func notOwnApplication() {
        var h = History.cast()
        h.submitted(yearOfSelectedStudy, on: "2025-06-01")
        #expect(throws: Refusal.decidesOwnApplication(person: "Ann")) {
            try h.decide(.approve(application: "A1", by: "Ann"), on: day("2025-06-02"))
        }
        #expect(throws: Refusal.decidesOwnApplication(person: "Ann")) {
            try h.decide(.reject(application: "A1", by: "Ann", reason: "changed my mind"), on: day("2025-06-02"))
        }
    }

    @Test("a head's own application goes to the head of the parent agency (seed 000)")
    func headGoesToParent() throws {
        var h = History.cast()
        h.submitted(study("B1", "Boss", "2025-09-01", "2026-08-31"), on: "2025-06-01")
        #expect(throws: Refusal.decidesOwnApplication(person: "Boss")) {
            try h.decide(.approve(application: "B1", by: "Boss"), on: day("2025-06-02"))
        }
        #expect(throws: Refusal.notTheCompetentHead(by: "Ann", agency: "GOV", head: "Gov")) {
            try h.decide(.approve(application: "B1", by: "Ann"), on: day("2025-06-02"))
        }
        // The head of the parent approves; the place is still the head's own agency's (HR).
        let new = try h.decide(.approve(application: "B1", by: "Gov"), on: day("2025-06-02"))
        #expect(new.map(\.data) == [.applicationApproved(application: "B1", person: "Boss", by: "Gov", agency: "HR", year: 2025)])
    }

    @Test("the head of an agency without a parent cannot have an application approved")
    func headWithoutParent() {
        var h = History.cast()
        h.submitted(study("G1", "Gov", "2025-09-01", "2026-08-31"), on: "2025-06-01")
        for approver in ["Boss", "Lab"] {
            #expect(throws: Refusal.headWithoutParent(person: "Gov", agency: "GOV")) {
                try h.decide(.approve(application: "G1", by: approver), on: day("2025-06-02"))
            }
        }
    }

    @Test("a head who has left cannot decide, and the agency is then without a head")
    func separatedHead() {
        var h = History.cast()
        h.submitted(yearOfSelectedStudy, on: "2025-06-01")
        h.given(.separate(person: "Boss", reason: .retirement), on: "2025-06-15")
        #expect(throws: Refusal.notTheCompetentHead(by: "Boss", agency: "HR", head: nil)) {
            try h.decide(.approve(application: "A1", by: "Boss"), on: day("2025-07-01"))
        }
    }

    @Test("a head who transferred out no longer decides for the old agency")
    func transferredHead() {
        var h = History.cast()
        h.submitted(yearOfSelectedStudy, on: "2025-06-01")
        h.given(.transfer(person: "Boss", to: "LAB", carryObligation: false), on: "2025-06-15")
        #expect(throws: Refusal.notTheCompetentHead(by: "Boss", agency: "HR", head: nil)) {
            try h.decide(.approve(application: "A1", by: "Boss"), on: day("2025-07-01"))
        }
    }

    @Test("an approval cannot be dated before the finding or the screening it rests on")
    func approvalAfterItsGrounds() {
        var h = History.cast()
        h.given(yearOfSelectedStudy, on: "2025-03-01")
        h.given(.review(application: "A1", workRelated: true), on: "2025-05-01")
        h.given(.screen(application: "A1", passed: true), on: "2025-05-10")
        #expect(throws: Refusal.datedBefore(what: "an approval", on: day("2025-04-01"), ground: "the work-related finding", groundOn: day("2025-05-01"))) {
            try h.decide(.approve(application: "A1", by: "Boss"), on: day("2025-04-01"))
        }
        #expect(throws: Refusal.datedBefore(what: "an approval", on: day("2025-05-05"), ground: "the screening", groundOn: day("2025-05-10"))) {
            try h.decide(.approve(application: "A1", by: "Boss"), on: day("2025-05-05"))
        }
    }

    @Test("a finding cannot be dated before the application")
    func reviewAfterApplication() {
        var h = History.cast()
        h.given(yearOfSelectedStudy, on: "2025-03-01")
        #expect(throws: Refusal.datedBefore(what: "a review", on: day("2025-02-01"), ground: "the application", groundOn: day("2025-03-01"))) {
            try h.decide(.review(application: "A1", workRelated: true), on: day("2025-02-01"))
        }
    }

    @Test("approval must come before the approved period starts (§2.7): the first day itself is too late",
          arguments: ["2025-09-01", "2025-09-02", "2026-01-01"])
    func approvalBeforeStart(on: String) {
        var h = History.cast()
        h.submitted(yearOfSelectedStudy, on: "2025-06-01")
        #expect(throws: Refusal.approvalAfterStart(application: "A1", from: day("2025-09-01"), on: day(on))) {
            try h.decide(.approve(application: "A1", by: "Boss"), on: day(on))
        }
        #expect(throws: Never.self) { try h.decide(.approve(application: "A1", by: "Boss"), on: day("2025-08-31")) }
    }

    @Test("an application decided once cannot be decided again", arguments: [
        (Command.approve(application: "A1", by: "Boss"), "approved"),
        (Command.reject(application: "A1", by: "Boss", reason: "again"), "rejected"),
        (Command.review(application: "A1", workRelated: true), "reviewed"),
    ])
    func decidedApplication(command: Command, action: String) {
        var h = History.cast()
        h.approved(yearOfSelectedStudy, on: "2025-06-01")
        let approval = h.last("ApplicationApproved")
        #expect(throws: Refusal.wrongState(application: "A1", state: .approved, action: action,
                                           next: .retract(position: approval.position, what: "it was approved", on: approval.on))) {
            try h.decide(command, on: day("2025-06-02"))
        }
        var r = History.cast()
        r.submitted(yearOfSelectedStudy, on: "2025-06-01")
        r.given(.reject(application: "A1", by: "Boss", reason: "budget"), on: "2025-06-01")
        let rejection = r.last("ApplicationRejected")
        #expect(throws: Refusal.wrongState(application: "A1", state: .rejected, action: action,
                                           next: .retract(position: rejection.position, what: "it was rejected", on: rejection.on))) {
            try r.decide(command, on: day("2025-06-02"))
        }
    }

    @Test("an application id is used once")
    func applicationIdOnce() {
        var h = History.cast()
        h.given(yearOfSelectedStudy, on: "2025-06-01")
        #expect(throws: Refusal.applicationExists("A1")) { try h.decide(study("A1", "Ben", "2025-09-01", "2026-08-31"), on: day("2025-06-02")) }
    }

    @Test("an application records the agency the applicant serves in and the quota it may take")
    func applicationEvent() throws {
        let h = History.cast()
        let new = try h.decide(study("A1", "Leo", "2025-09-01", "2026-02-28", abroad: true, programme: .research), on: day("2025-06-01"))
        #expect(new == [NewEvent(on: day("2025-06-01"), tags: ["application:A1", "person:Leo", "quota:LAB:2025"],
                                 data: .applicationSubmitted(EventData.Submission(
                                    application: "A1", person: "Leo", agency: "LAB", mode: .fullTime, sponsor: .selected,
                                    from: day("2025-09-01"), to: day("2026-02-28"), abroad: true, programme: .research)))])
        // Off-hours study takes no quota place, so it carries no quota tag.
        let offHours = try h.decide(study("A2", "Leo", "2025-09-01", "2026-02-28", mode: .offHours, sponsor: .self), on: day("2025-06-01"))
        #expect(offHours.first?.tags == ["application:A2", "person:Leo"])
    }
}
