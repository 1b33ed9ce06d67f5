import Testing
@testable import StudyLeaveDomain

/// CLI.md `retract`: a correction. An event that is the ground of a later live event cannot be
/// retracted until that one is; a retraction cannot itself be retracted.
@Suite("Retraction: corrections in order")
struct RetractionRuleTests {
    let a1 = study("A1", "Ann", "2025-09-01", "2026-08-31")

    @Test("a retraction records the target's position and type, with the target's tags")
    func retractionEvent() throws {
        var h = History.cast()
        h.approved(a1, on: "2025-06-01")
        let approval = h.last("ApplicationApproved")
        let new = try h.decide(.retract(target: approval, reason: "wrong person"), on: day("2025-06-10"))
        #expect(new == [NewEvent(on: day("2025-06-10"), tags: approval.tags,
                                 data: .eventRetracted(position: approval.position, type: "ApplicationApproved", reason: "wrong person"))])
    }

    @Test("a retraction cannot be retracted")
    func notARetraction() {
        var h = History.cast()
        h.approved(a1, on: "2025-06-01")
        h.given(.retract(target: h.last("ApplicationApproved"), reason: "mistake"), on: "2025-06-10")
        let retraction = h.last("EventRetracted")
        #expect(throws: Refusal.retractionOfRetraction(position: retraction.position)) {
            try h.decide(.retract(target: retraction, reason: "undo"), on: day("2025-06-11"))
        }
    }

    @Test("an event is retracted once")
    func once() {
        var h = History.cast()
        h.approved(a1, on: "2025-06-01")
        let approval = h.last("ApplicationApproved")
        h.given(.retract(target: approval, reason: "mistake"), on: "2025-06-10")
        #expect(throws: Refusal.alreadyRetracted(position: approval.position, by: h.lastPosition)) {
            try h.decide(.retract(target: approval, reason: "again"), on: day("2025-06-11"))
        }
    }

    @Test("an approval whose leave started cannot be retracted until the leave start is; then both can")
    func approvalAfterLeaveStart() throws {
        var h = History.cast()
        h.approved(a1, on: "2025-06-01")
        h.given(.startLeave(application: "A1"), on: "2025-09-01")
        let approval = h.last("ApplicationApproved")
        let start = h.last("LeaveStarted")
        #expect(throws: Refusal.retractionLeavesOrphan(position: approval.position, type: "ApplicationApproved",
                                                       dependent: start.position, dependentType: "LeaveStarted")) {
            try h.decide(.retract(target: approval, reason: "mistake"), on: day("2025-09-02"))
        }
        try h.record(.retract(target: start, reason: "recorded too early"), on: day("2025-09-02"))
        #expect(h.world().applications["A1"]?.state == .approved)
        try h.record(.retract(target: approval, reason: "mistake"), on: day("2025-09-02"))
        #expect(h.world().applications["A1"]?.state == .submitted)
        #expect(h.quotaUsed("HR", 2025, on: "2025-09-02") == 0)
        #expect(h.divergences.isEmpty)
    }

    @Test("the grounds of an approval, a leave end and a return are held by what rests on them")
    func groundsHeld() {
        var h = History.cast()
        h.studied(a1, approvedOn: "2025-06-01", leaveStart: "2025-09-01", leaveEnd: "2026-08-31", returned: "2026-09-01")
        h.given(.pauseService(person: "Ann", reason: "unpaid leave"), on: "2026-10-01")
        func orphan(_ type: String, _ dependentType: String) -> Refusal {
            .retractionLeavesOrphan(position: h.last(type).position, type: type, dependent: h.last(dependentType).position, dependentType: dependentType)
        }
        #expect(throws: orphan("ApplicationReviewed", "ApplicationApproved")) { try h.decide(.retract(target: h.last("ApplicationReviewed"), reason: "x"), on: day("2026-10-02")) }
        #expect(throws: orphan("ApplicationScreened", "ApplicationApproved")) { try h.decide(.retract(target: h.last("ApplicationScreened"), reason: "x"), on: day("2026-10-02")) }
        #expect(throws: orphan("LeaveStarted", "LeaveEnded")) { try h.decide(.retract(target: h.last("LeaveStarted"), reason: "x"), on: day("2026-10-02")) }
        #expect(throws: orphan("LeaveEnded", "ReturnedToDuty")) { try h.decide(.retract(target: h.last("LeaveEnded"), reason: "x"), on: day("2026-10-02")) }
        #expect(throws: orphan("ReturnedToDuty", "ServicePaused")) { try h.decide(.retract(target: h.last("ReturnedToDuty"), reason: "x"), on: day("2026-10-02")) }
        #expect(throws: orphan("ApplicationSubmitted", "ApplicationReviewed")) { try h.decide(.retract(target: h.last("ApplicationSubmitted"), reason: "x"), on: day("2026-10-02")) }
        #expect(throws: Never.self) { try h.decide(.retract(target: h.last("ServicePaused"), reason: "x"), on: day("2026-10-02")) }
    }

    @Test("an agency with people, or a headcount an approval rests on, is held")
    func masterDataHeld() throws {
        var h = History.cast()
        h.approved(a1, on: "2025-06-01")
        let hr = try #require(h.events.first { $0.data == .agencyAdded(agency: "HR", name: "Human Resources", parent: "GOV") })
        let headcount = try #require(h.events.first { $0.data == .headcountSet(agency: "HR", year: 2025, budgeted: 25) })
        #expect(throws: Refusal.retractionLeavesOrphan(position: hr.position, type: "AgencyAdded",
                                                       dependent: 5, dependentType: "PersonAdded")) {   // Boss, position 5
            try h.decide(.retract(target: hr, reason: "x"), on: day("2025-06-02"))
        }
        #expect(throws: Refusal.retractionLeavesOrphan(position: headcount.position, type: "HeadcountSet",
                                                       dependent: h.last("ApplicationApproved").position, dependentType: "ApplicationApproved")) {
            try h.decide(.retract(target: headcount, reason: "x"), on: day("2025-06-02"))
        }
    }

    @Test("retracting a withdrawal takes the quota place back only if it is still free")
    func withdrawalRetraction() {
        var h = History.cast()
        h.approved(a1, on: "2025-06-01")
        h.given(.withdraw(application: "A1"), on: "2025-06-10")
        let withdrawal = h.last("ApplicationWithdrawn")
        h.approved(study("B1", "Ben", "2025-09-01", "2026-08-31"), on: "2025-06-11")
        #expect(throws: Never.self) { try h.decide(.retract(target: withdrawal, reason: "x"), on: day("2025-06-12")) }
        h.approved(study("C1", "Cai", "2025-09-01", "2026-08-31"), on: "2025-06-11")
        #expect(throws: Refusal.quotaFull(agency: "HR", year: 2025, cap: 2, budgeted: 25, used: 2, holders: [QuotaHolder(person: "Ben", application: "B1"), QuotaHolder(person: "Cai", application: "C1")])) {
            try h.decide(.retract(target: withdrawal, reason: "x"), on: day("2025-06-12"))
        }
    }

    @Test("a retracted event counts for no as-of day")
    func everyAsOfDay() throws {
        var h = History.cast()
        h.studied(a1, approvedOn: "2025-06-01", leaveStart: "2025-09-01", leaveEnd: "2026-08-31", returned: "2026-09-01")
        try h.record(.retract(target: h.last("ReturnedToDuty"), reason: "never came back"), on: day("2027-01-01"))
        #expect(h.world(asOf: day("2026-12-31")).applications["A1"]?.state == .ended)
        #expect(h.world().applications["A1"]?.returned == nil)
        // A query as known before the retraction still sees the return.
        let before = World(events: h.events, view: TimeView(asOf: day("2026-12-31"), knownAt: h.lastPosition - 1))
        #expect(before.applications["A1"]?.state == .returned)
    }

    @Test("retracting a rejection reopens the application")
    func rejectionRetraction() throws {
        var h = History.cast()
        h.submitted(a1, on: "2025-06-01")
        h.given(.reject(application: "A1", by: "Boss", reason: "budget"), on: "2025-06-02")
        try h.record(.retract(target: h.last("ApplicationRejected"), reason: "wrong application"), on: day("2025-06-03"))
        #expect(h.world().applications["A1"]?.state == .submitted)
        #expect(throws: Never.self) { try h.decide(.approve(application: "A1", by: "Boss"), on: day("2025-06-04")) }
    }

    @Test("an extension is held only while a leave end lies beyond the period without it", arguments: [
        ("2026-10-31", true),    // the leave ran past 2026-08-31 on the extension: held
        ("2026-08-15", false),   // ended within the original period: the extension can go
    ])
    func extensionHeldByLeaveEnd(leaveEnd: String, held: Bool) {
        var h = History.cast()
        h.approved(a1, on: "2025-06-01")
        h.given(.startLeave(application: "A1"), on: "2025-09-01")
        h.given(.extendLeave(application: "A1", until: day("2026-11-30"), by: "Boss"), on: "2026-06-01")
        h.given(.endLeave(application: "A1"), on: leaveEnd)
        let ext = h.last("LeaveExtended")
        if held {
            #expect(throws: Refusal.retractionLeavesOrphan(position: ext.position, type: "LeaveExtended",
                                                           dependent: h.last("LeaveEnded").position, dependentType: "LeaveEnded")) {
                try h.decide(.retract(target: ext, reason: "x"), on: day("2026-12-01"))
            }
        } else {
            #expect(throws: Never.self) { try h.decide(.retract(target: ext, reason: "x"), on: day("2026-12-01")) }
        }
    }

    @Test("of two extensions, the earlier is held by the later")
    func laterExtensionHoldsEarlier() {
        var h = History.cast()
        h.approved(a1, on: "2025-06-01")
        h.given(.extendLeave(application: "A1", until: day("2026-10-31"), by: "Boss"), on: "2026-06-01")
        let first = h.last("LeaveExtended")
        h.given(.extendLeave(application: "A1", until: day("2026-11-30"), by: "Boss"), on: "2026-07-01")
        #expect(throws: Refusal.retractionLeavesOrphan(position: first.position, type: "LeaveExtended",
                                                       dependent: h.last("LeaveExtended").position, dependentType: "LeaveExtended")) {
            try h.decide(.retract(target: first, reason: "x"), on: day("2026-07-02"))
        }
    }
}

@Suite("A repeated write is the same write only when it records the same")
struct CommandIdentityTests {
    let event = Event(position: 34, on: day("2025-09-30"), recordedAt: History.recordedAt, actor: "t", requestId: "r1",
                      tags: [], data: .paymentRecorded(application: "A1", person: "P1", salary: NTD(680_000), subsidy: NTD(0)))

    @Test("the same figures on the same day are the same write; another figure, day or kind is not")
    func identity() {
        #expect(Command.pay(application: "A1", salary: NTD(680_000), subsidy: NTD(0)).isRecorded(as: event, on: day("2025-09-30")))
        #expect(!Command.pay(application: "A1", salary: NTD(700_000), subsidy: NTD(0)).isRecorded(as: event, on: day("2025-09-30")))
        #expect(!Command.pay(application: "A1", salary: NTD(680_000), subsidy: NTD(0)).isRecorded(as: event, on: day("2025-10-01")))
        #expect(!Command.pay(application: "A2", salary: NTD(680_000), subsidy: NTD(0)).isRecorded(as: event, on: day("2025-09-30")))
        #expect(!Command.review(application: "A1", workRelated: true).isRecorded(as: event, on: day("2025-09-30")))
    }
}
