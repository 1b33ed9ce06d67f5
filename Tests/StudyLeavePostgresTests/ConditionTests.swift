import Foundation
import StudyLeaveDomain
import StudyLeaveTestSupport
import Testing
@testable import StudyLeaveLedger

@Suite("PostgreSQL: the conditional append and request ids")
struct ConditionTests {
    let approval = NewEvent(on: day, tags: [Tag.quota("HR", 2025), Tag.person("P1")],
                            data: .servicePaused(person: "P1", reason: "stand-in event on the quota tag"))

    @Test("an append whose tags moved since the read is a conflict, and records nothing")
    func staleReadConflicts() async throws {
        guard let server = try await server() else { return }
        let store = try await freshStore(server)
        defer { Task { await store.close() } }
        try await appendAll(store, [seedEvents()])
        let head = try await store.head()
        let condition = AppendCondition(tags: [Tag.quota("HR", 2025)], after: head)
        _ = try await store.append([approval], actor: "a", requestId: nil, condition: condition)
        let error = await ledgerError { _ = try await store.append([approval], actor: "b", requestId: nil, condition: condition) }
        #expect(error == .conflict)
        #expect(try await store.head() == 5)
        #expect(try await store.allEvents(through: nil).count == 5)
    }

    @Test("an append whose tags did not move passes, though others did")
    func otherTagsDoNotConflict() async throws {
        guard let server = try await server() else { return }
        let store = try await freshStore(server)
        defer { Task { await store.close() } }
        try await appendAll(store, [seedEvents()])
        let head = try await store.head()
        _ = try await store.append([NewEvent(on: day, tags: [Tag.person("P2")], data: .serviceResumed(person: "P2"))],
                                   actor: "a", requestId: nil, condition: nil)
        let r = try await store.append([approval], actor: "b", requestId: nil, condition: AppendCondition(tags: [Tag.quota("HR", 2025)], after: head))
        #expect(r.events.map(\.position) == [6])
    }

    @Test("16 connections racing for one condition: exactly one is recorded", arguments: 1...3)
    func racingConnections(round: Int) async throws {
        guard let server = try await server() else { return }
        let address = try await freshAddress(server)
        let setup = try await PostgresStore.create(address, policies: .standard)
        try await appendAll(setup, [seedEvents()])
        let head = try await setup.head()
        await setup.close()
        let stores = try await withThrowingTaskGroup(of: PostgresStore.self) { group in
            for _ in 0..<16 { group.addTask { try await PostgresStore.open(address) } }
            return try await group.reduce(into: [PostgresStore]()) { $0.append($1) }
        }
        let event = approval
        let outcomes = await withTaskGroup(of: String.self) { group in
            for (i, store) in stores.enumerated() {
                group.addTask {
                    do {
                        _ = try await store.append([event], actor: "officer\(i)", requestId: nil,
                                                   condition: AppendCondition(tags: [Tag.quota("HR", 2025)], after: head))
                        return "won"
                    } catch LedgerError.conflict {
                        return "conflict"
                    } catch {
                        return "error \(error)"
                    }
                }
            }
            return await group.reduce(into: [String]()) { $0.append($1) }
        }
        #expect(outcomes.filter { $0 == "won" }.count == 1)
        #expect(outcomes.filter { $0 == "conflict" }.count == 15)
        #expect(try await stores[0].head() == head + 1)
        #expect(try await stores[0].verify(progress: nil).isIntact)
        for store in stores { await store.close() }
    }

    @Test("a request id is recorded once: the repeat answers with the first event and records nothing")
    func requestIdOnce() async throws {
        guard let server = try await server() else { return }
        let store = try await freshStore(server)
        defer { Task { await store.close() } }
        let first = try await store.append([seedEvents()[0]], actor: "a", requestId: "r-1", condition: nil)
        let again = try await store.append([seedEvents()[1], seedEvents()[2]], actor: "a", requestId: "r-1", condition: nil)
        #expect(again.duplicate)
        #expect(again.events == first.events)
        #expect(try await store.head() == 1)
    }

    @Test("the same request from 8 connections at once is recorded once; the others get its event")
    func requestIdRacing() async throws {
        guard let server = try await server() else { return }
        let address = try await freshAddress(server)
        try await PostgresStore.create(address, policies: .standard).close()
        let event = seedEvents()[0]
        let results = try await withThrowingTaskGroup(of: AppendResult.self) { group in
            for i in 0..<8 {
                group.addTask {
                    let store = try await PostgresStore.open(address)
                    let r = try await store.append([event], actor: "office\(i)", requestId: "same-request", condition: nil)
                    await store.close()
                    return r
                }
            }
            return try await group.reduce(into: [AppendResult]()) { $0.append($1) }
        }
        #expect(results.filter { !$0.duplicate }.count == 1)
        #expect(results.allSatisfy { $0.events == results[0].events })
        let store = try await PostgresStore.open(address)
        #expect(try await store.head() == 1)
        await store.close()
    }

    @Test("positions stay gap-free after appends that failed: a stale condition and a row the server refused")
    func gapFreeAfterFailures() async throws {
        guard let server = try await server() else { return }
        let store = try await freshStore(server)
        defer { Task { await store.close() } }
        try await appendAll(store, [seedEvents()])
        let stale = AppendCondition(tags: [Tag.agency("HR")], after: 0)
        #expect(await ledgerError { _ = try await store.append([approval], actor: "a", requestId: nil, condition: stale) } == .conflict)
        // A NUL in a text column: PostgreSQL refuses the insert, and the transaction rolls back.
        let refused = await ledgerError { _ = try await store.append([approval], actor: "bad\u{0}actor", requestId: nil, condition: nil) }
        guard case .io? = refused else { Issue.record("expected .io, got \(String(describing: refused))"); return }
        let next = try await store.append([approval], actor: "a", requestId: nil, condition: nil)
        #expect(next.events.map(\.position) == [5])
        #expect(try await store.verify(progress: nil).isIntact)
        #expect(try await store.projectionDifference() == nil)
    }
}
