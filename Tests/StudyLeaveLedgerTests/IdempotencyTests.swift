import Foundation
import Testing
import StudyLeaveDomain
@testable import StudyLeaveLedger

@Suite("Idempotent writes")
struct IdempotencyTests {
    @Test("a request id seen before records nothing and answers with the first recording")
    func repeatedRequestId() throws {
        let dir = TempDir()
        let ledger = try seededLedger(dir)
        let e = NewEvent(on: day, tags: [Tag.person("P1")], data: .servicePaused(person: "P1", reason: "r"))
        let first = try ledger.append([e], actor: "a", requestId: "req-1")
        let again = try ledger.append([e], actor: "b", requestId: "req-1")
        #expect(first.duplicate == false)
        #expect(again.duplicate == true)
        #expect(again.events.map(\.position) == [5])
        #expect(again.events.first?.actor == "a")
        #expect(try ledger.read { try $0.count() } == 5)
    }

    @Test("a repeated request id wins over a moved condition: the answer is the first recording")
    func duplicateBeforeCondition() throws {
        let dir = TempDir()
        let ledger = try seededLedger(dir)
        let e = NewEvent(on: day, tags: [Tag.person("P1")], data: .servicePaused(person: "P1", reason: "r"))
        _ = try ledger.append([e], actor: "a", requestId: "req-2")
        let again = try ledger.append([e], actor: "a", requestId: "req-2", condition: AppendCondition(tags: [Tag.person("P1")], after: 0))
        #expect(again.duplicate && again.events[0].position == 5)
    }
}
