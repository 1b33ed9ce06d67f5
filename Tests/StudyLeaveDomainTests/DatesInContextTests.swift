import Testing
@testable import StudyLeaveDomain

/// Issue 16: a write dated before its subject existed is a typo (ROC 15 for 115), refused with both
/// dates. The cast's people and agencies are added on 2025-01-01.
@Suite("Dates in context: nothing is dated before its subject existed")
struct DatesInContextTests {
    let joined = "the day Ann was added with 'person add'"

    @Test("a separation before the person was added is refused (15/09/01 read as 1926)")
    func separationBeforeAdded() {
        let h = History.cast()
        #expect(throws: Refusal.datedBefore(what: "a separation", on: day("1926-09-01"), ground: joined, groundOn: day("2025-01-01"))) {
            try h.decide(.separate(person: "Ann", reason: .resignation), on: day("1926-09-01"))
        }
        #expect(throws: Never.self) { try h.decide(.separate(person: "Ann", reason: .resignation), on: day("2025-01-01")) }
    }

    @Test("a transfer before the person was added is refused")
    func transferBeforeAdded() {
        let h = History.cast()
        #expect(throws: Refusal.datedBefore(what: "a transfer", on: day("2024-12-31"), ground: joined, groundOn: day("2025-01-01"))) {
            try h.decide(.transfer(person: "Ann", to: "LAB", carryObligation: false), on: day("2024-12-31"))
        }
    }

    @Test("an application, or a study starting, before the person was added is refused")
    func studyBeforeAdded() {
        let h = History.cast()
        #expect(throws: Refusal.datedBefore(what: "an application", on: day("2024-06-01"), ground: joined, groundOn: day("2025-01-01"))) {
            try h.decide(study("X", "Ann", "2025-09-01", "2026-06-30"), on: day("2024-06-01"))
        }
        #expect(throws: Refusal.datedBefore(what: "a study", on: day("2024-09-01"), ground: joined, groundOn: day("2025-01-01"))) {
            try h.decide(study("X", "Ann", "2024-09-01", "2025-06-30"), on: day("2025-01-02"))
        }
    }

    @Test("a headcount for a year before the agency was added is refused (--year 15 read as 1926)")
    func headcountBeforeAgency() {
        let h = History.cast()
        let refusal = Refusal.headcountBeforeAgency(agency: "HR", year: 1926, added: day("2025-01-01"))
        #expect(throws: refusal) { try h.decide(.setHeadcount(agency: "HR", year: 1926, budgeted: 20), on: day("2025-02-01")) }
        #expect(refusal.message.contains("2025-01-01") && refusal.message.contains("1926"))
        #expect(throws: Never.self) { try h.decide(.setHeadcount(agency: "HR", year: 2025, budgeted: 20), on: day("2025-02-01")) }
    }

    @Test("a payment before the study's approval is refused, with both dates")
    func paymentBeforeApproval() {
        var h = History.cast()
        h.approved(study("A1", "Ann", "2025-09-01", "2026-08-31"), on: "2025-06-01")
        let refusal = Refusal.datedBefore(what: "a payment", on: day("2024-08-31"), ground: "the approval of A1", groundOn: day("2025-06-01"))
        #expect(throws: refusal) { try h.decide(.pay(application: "A1", salary: NTD(1000), subsidy: NTD(0)), on: day("2024-08-31")) }
        #expect(refusal.message == "a payment cannot be dated 2024-08-31, before the approval of A1 (2025-06-01)")
    }
}
