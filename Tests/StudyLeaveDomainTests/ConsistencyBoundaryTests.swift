import Testing
@testable import StudyLeaveDomain

/// ARCHITECTURE.md: a decision reads only the events of the tags its command names (the dynamic
/// consistency boundary). Whatever it reads, it must decide as it would on the whole ledger.
@Suite("Consistency boundary: a decision's slice holds what the rule needs")
struct ConsistencyBoundaryTests {
    @Test("an approval reads the applicant, the head, the approver and the agency-year's quota")
    func approvalSlice() {
        var h = History.cast()
        h.approved(study("B1", "Ben", "2025-09-01", "2026-08-31"), on: "2025-06-01")
        h.submitted(study("A1", "Ann", "2025-09-01", "2026-08-31"), on: "2025-06-01")
        let (events, tags) = Command.approve(application: "A1", by: "Boss").slice { t in h.events(taggedAny: t) }
        #expect(tags.isSuperset(of: ["application:A1", "person:Ann", "agency:HR", "head:HR", "person:Boss", "quota:HR:2025"]))
        // Ben's approval counts in the quota, so it is read; Leo of LAB is not.
        #expect(events.contains { $0.data.type == "ApplicationApproved" && $0.data.application == "B1" })
        #expect(!events.contains { $0.data.person == "Leo" })
    }

    @Test("a head's application reads the parent agency's head")
    func headSlice() {
        var h = History.cast()
        h.submitted(study("B1", "Boss", "2025-09-01", "2026-08-31"), on: "2025-06-01")
        let tags = Command.approve(application: "B1", by: "Gov").slice { t in h.events(taggedAny: t) }.tags
        #expect(tags.isSuperset(of: ["agency:GOV", "head:GOV"]))
        h.given(.approve(application: "B1", by: "Gov"), on: "2025-06-02")
        #expect(h.world().applications["B1"]?.state == .approved)
        #expect(h.divergences.isEmpty)
    }

    @Test("the worked stories decide on their slices exactly as on the whole ledger")
    func storiesAgree() {
        var h = History.cast()
        h.studied(study("A1", "Ann", "2025-09-01", "2026-08-31"), approvedOn: "2025-06-01",
                  leaveStart: "2025-09-01", leaveEnd: "2026-08-31", returned: "2026-09-01")
        h.approved(study("B1", "Ben", "2025-09-01", "2026-08-31"), on: "2025-06-01")
        h.given(.withdraw(application: "B1"), on: "2025-07-01")
        h.approved(study("C1", "Cai", "2025-09-01", "2026-02-28", abroad: true, programme: .research), on: "2025-07-02")
        h.given(.startLeave(application: "C1"), on: "2025-09-01")
        h.given(.extendLeave(application: "C1", until: day("2026-05-31"), by: "Boss"), on: "2026-01-02")
        h.given(.pauseService(person: "Ann", reason: "unpaid leave"), on: "2026-12-01")
        h.given(.resumeService(person: "Ann"), on: "2027-01-01")
        h.given(.transfer(person: "Ann", to: "LAB", carryObligation: false), on: "2027-03-01")
        h.given(.waive(application: "A1", reason: "reorganisation"), on: "2027-03-02")
        h.given(.separate(person: "Boss", reason: .retirement), on: "2027-04-01")
        h.given(.retract(target: h.last("LiabilityWaived"), reason: "waived by mistake"), on: "2027-04-02")
        h.submitted(study("D1", "Dee", "2027-09-01", "2028-08-31"), on: "2027-05-01")
        _ = try? h.record(.approve(application: "D1", by: "Boss"), on: day("2027-05-02"))   // refused: Boss has left
        #expect(h.world().applications["D1"]?.state == .submitted)
        #expect(h.divergences.isEmpty, "\(h.divergences)")
    }
}

/// The ledger stores each event's payload and reads it back with `EventCodec`: whatever a decision
/// accepts must be readable, or every later decision on its tags fails.
@Suite("Decisions record only what the ledger can read back")
struct ReadableDecisionTests {
    static func approvedStudy() -> History {
        var h = History.cast()
        h.approved(study("A1", "Ann", "2025-09-01", "2026-08-31"), on: "2025-06-01")
        return h
    }

    @Test("every event of a worked story decodes back to itself")
    func storyEventsDecode() throws {
        var h = Self.approvedStudy()
        h.given(.startLeave(application: "A1"), on: "2025-09-01")
        h.given(.pay(application: "A1", salary: NTD(500_000), subsidy: NTD(100_000)), on: "2026-08-31")
        h.given(.endLeave(application: "A1"), on: "2026-08-31")
        h.given(.returnToDuty(application: "A1"), on: "2026-09-01")
        h.given(.separate(person: "Ann", reason: .death), on: "2027-01-01")
        for e in h.events {
            let payload = try JSONParser.parse(EventCodec.encode(e.data).canonical)
            #expect(try EventCodec.decode(type: e.data.type, version: EventData.schemaVersion, payload: payload) == e.data)
        }
    }

    @Test("a decision refuses figures and ids that EventCodec would not read back", arguments: [
        Command.pay(application: "A1", salary: NTD(-5), subsidy: NTD(0)),
        Command.pay(application: "A1", salary: NTD(NTD.maximum + 1), subsidy: NTD(0)),
        Command.setHeadcount(agency: "HR", year: 2025, budgeted: -3),
        Command.setHeadcount(agency: "HR", year: 0, budgeted: 10),
        Command.addAgency(id: "a b", name: "Spaced", parent: nil),
        Command.addPerson(id: "Zed", name: "", agency: "HR", head: false),
        study("P9", "Ben", "2025-09-01", "2026-01-31", mode: .partTime, sponsor: .self, hours: -1),
    ])
    func unreadableRefused(command: Command) {
        let h = Self.approvedStudy()
        // The CLI checks its flags first; the decision guards every other caller of the domain,
        // so that no event is written that a reader would refuse.
        #expect(throws: Refusal.self) { try h.decide(command, on: day("2025-10-01")) }
    }
}
