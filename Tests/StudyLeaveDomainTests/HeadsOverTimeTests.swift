import Testing
@testable import StudyLeaveDomain

/// Issue 16: heads over time. The cast: HR's head Boss from 2025-01-01, under GOV (head Gov).
@Suite("Heads over time: the head on the decision's day, acting heads, a head who leaves")
struct HeadsOverTimeTests {
    let a1 = study("A1", "Ann", "2025-09-01", "2026-08-31")

    func prepared() -> History {
        var h = History.cast()
        h.given(a1, on: "2025-02-01")
        h.given(.review(application: "A1", workRelated: true), on: "2025-02-10")
        h.given(.screen(application: "A1", passed: true), on: "2025-02-15")
        return h
    }

    @Test("a new head decides from the day of appointment, the former one before it")
    func newHead() {
        var h = prepared()
        h.given(.appointHead(agency: "HR", person: "Ben", acting: false, until: nil), on: "2025-03-01")
        #expect(h.world().head(of: "HR", on: day("2025-02-28")) == "Boss")
        #expect(h.world().head(of: "HR", on: day("2025-03-01")) == "Ben")
        #expect(throws: Never.self) { try h.decide(.approve(application: "A1", by: "Boss"), on: day("2025-02-20")) }
        #expect(throws: Refusal.notTheCompetentHead(by: "Boss", agency: "HR", head: "Ben")) {
            try h.decide(.approve(application: "A1", by: "Boss"), on: day("2025-03-05"))
        }
        #expect(throws: Never.self) { try h.decide(.approve(application: "A1", by: "Ben"), on: day("2025-03-05")) }
    }

    @Test("an acting head decides within the period, the head again after it")
    func acting() {
        var h = prepared()
        h.given(.appointHead(agency: "HR", person: "Cai", acting: true, until: day("2025-03-31")), on: "2025-03-01")
        #expect(throws: Never.self) { try h.decide(.approve(application: "A1", by: "Cai"), on: day("2025-03-15")) }
        #expect(throws: Refusal.notTheCompetentHead(by: "Boss", agency: "HR", head: "Cai")) {
            try h.decide(.approve(application: "A1", by: "Boss"), on: day("2025-03-15"))
        }
        #expect(throws: Never.self) { try h.decide(.approve(application: "A1", by: "Boss"), on: day("2025-04-01")) }
        #expect(throws: Refusal.missingDetail("an acting head (--acting) serves until a day: give --until DATE")) {
            try h.decide(.appointHead(agency: "HR", person: "Cai", acting: true, until: nil), on: day("2025-03-01"))
        }
    }

    @Test("a head's transfer leaves the agency without one, and the refusal says how to record the new head")
    func headLeaves() {
        var h = prepared()
        h.given(.transfer(person: "Boss", to: "LAB", carryObligation: false), on: "2025-03-01")
        let refusal = Refusal.notTheCompetentHead(by: "Ben", agency: "HR", head: nil)
        #expect(throws: refusal) { try h.decide(.approve(application: "A1", by: "Ben"), on: day("2025-03-05")) }
        #expect(refusal.message.contains("studyleave agency head HR --person PERSON --on DATE"))
        // What Boss decided while still head stands: an approval dated before the transfer.
        #expect(throws: Never.self) { try h.decide(.approve(application: "A1", by: "Boss"), on: day("2025-02-20")) }
        h.given(.appointHead(agency: "HR", person: "Ben", acting: false, until: nil), on: "2025-03-04")
        #expect(throws: Never.self) { try h.decide(.approve(application: "A1", by: "Ben"), on: day("2025-03-05")) }
    }

    @Test("a head serves in the agency; person add --head on an agency that has one names the command for a new head")
    func refusals() {
        let h = prepared()
        #expect(throws: Refusal.headOutsideAgency(person: "Leo", agency: "HR", servesIn: "LAB")) {
            try h.decide(.appointHead(agency: "HR", person: "Leo", acting: false, until: nil), on: day("2025-03-01"))
        }
        #expect(Refusal.agencyHasHead(agency: "HR", head: "Boss").message.contains("studyleave agency head HR --person PERSON --on DATE"))
        #expect(throws: Refusal.alreadyHead(person: "Boss", agency: "HR")) {
            try h.decide(.appointHead(agency: "HR", person: "Boss", acting: false, until: nil), on: day("2025-03-01"))
        }
    }

    @Test("a head's own application goes to the parent's head on that day")
    func headsOwnApplication() {
        var h = prepared()
        h.given(.appointHead(agency: "HR", person: "Ben", acting: false, until: nil), on: "2025-03-01")
        h.given(study("B1", "Ben", "2025-09-01", "2026-06-30", sponsor: .self), on: "2025-03-02")
        h.given(.review(application: "B1", workRelated: true), on: "2025-03-03")
        #expect(throws: Refusal.decidesOwnApplication(person: "Ben")) { try h.decide(.approve(application: "B1", by: "Ben"), on: day("2025-03-05")) }
        #expect(throws: Never.self) { try h.decide(.approve(application: "B1", by: "Gov"), on: day("2025-03-05")) }
    }
}
