import Foundation
import Testing
import StudyLeaveDomain
@testable import StudyLeaveLedger

@Suite("Conditional append: the consistency boundary")
struct ConditionalAppendTests {
    let approval = NewEvent(on: day, tags: [Tag.quota("HR", 2025), Tag.person("P1")],
                            data: .servicePaused(person: "P1", reason: "stand-in event on the quota tag"))

    @Test("an append whose tags moved since the read is a conflict, and records nothing")
    func movedTagConflicts() throws {
        let dir = TempDir()
        let ledger = try seededLedger(dir)
        let head = try ledger.read { try $0.head() }
        _ = try ledger.append([approval], actor: "a", condition: AppendCondition(tags: [Tag.quota("HR", 2025)], after: head))
        #expect(throws: LedgerError.conflict) {
            try ledger.append([approval], actor: "b", condition: AppendCondition(tags: [Tag.quota("HR", 2025)], after: head))
        }
        #expect(try ledger.read { try $0.count() } == 5)
    }

    @Test("an append whose tags did not move passes, though others did")
    func otherTagsDoNotConflict() throws {
        let dir = TempDir()
        let ledger = try seededLedger(dir)
        let head = try ledger.read { try $0.head() }
        _ = try ledger.append([NewEvent(on: day, tags: [Tag.person("P2")], data: .serviceResumed(person: "P2"))], actor: "a")
        let r = try ledger.append([approval], actor: "b", condition: AppendCondition(tags: [Tag.quota("HR", 2025)], after: head))
        #expect(r.events.map(\.position) == [6])
    }

    @Test("racing connections on one condition: exactly one passes, every time", arguments: 1...5)
    func racingConnections(round: Int) throws {
        let dir = TempDir()
        let path = dir.path("race.db")
        _ = try seededLedger(dir, name: "race.db")
        let contenders = 8
        // Each contender is its own SQLite connection, as another process would be.
        let ledgers = try (0..<contenders).map { _ in try SQLiteLedger.open(path: path) }
        let head = try ledgers[0].read { try $0.head() }
        let outcomes = Outcomes()
        let start = DispatchSemaphore(value: 0)
        let group = DispatchGroup()
        for i in 0..<contenders {
            group.enter()
            let ledger = ledgers[i]
            let event = approval
            Thread.detachNewThread {
                start.wait()
                do {
                    _ = try ledger.append([event], actor: "officer\(i)", condition: AppendCondition(tags: [Tag.quota("HR", 2025)], after: head))
                    outcomes.add("won")
                } catch LedgerError.conflict {
                    outcomes.add("conflict")
                } catch {
                    outcomes.add("error \(error)")
                }
                group.leave()
            }
        }
        for _ in 0..<contenders { start.signal() }
        group.wait()
        #expect(outcomes.sorted == ["conflict"] * (contenders - 1) + ["won"])
        #expect(try ledgers[0].read { try $0.count() } == 5)
        #expect(try ledgers[0].verify().isIntact)
    }
}

/// Thread-safe collection of outcomes.
final class Outcomes: @unchecked Sendable {
    private var items: [String] = []
    private let lock = NSLock()
    func add(_ s: String) { lock.lock(); items.append(s); lock.unlock() }
    var sorted: [String] { lock.lock(); defer { lock.unlock() }; return items.sorted() }
}

func * (lhs: [String], rhs: Int) -> [String] { Array((0..<max(0, rhs)).map { _ in lhs }.joined()) }
