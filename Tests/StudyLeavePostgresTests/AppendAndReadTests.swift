import Foundation
import StudyLeaveDomain
import StudyLeaveTestSupport
import Testing
@testable import StudyLeaveLedger

@Suite("PostgreSQL: appends and reads")
struct AppendAndReadTests {
    @Test("appended events come back by tag, position, type, prefix and request id, in position order")
    func readBack() async throws {
        guard let server = try await server() else { return }
        let store = try await freshStore(server)
        defer { Task { await store.close() } }
        try await appendAll(store, richHistory())
        let all = try await store.allEvents(through: nil)
        #expect(all.map(\.position) == Array(1...Int64(all.count)))
        #expect(try await store.head() == Int64(all.count))

        let hr = try await store.events(taggedAny: [Tag.agency("HR")], through: nil)
        #expect(hr.map(\.position) == all.filter { $0.tags.contains(Tag.agency("HR")) }.map(\.position))
        let either = try await store.events(taggedAny: [Tag.person("P1"), Tag.person("P3")], through: 20)
        #expect(either.map(\.position) == all.filter { ($0.tags.contains(Tag.person("P1")) || $0.tags.contains(Tag.person("P3"))) && $0.position <= 20 }.map(\.position))
        #expect(try await store.events(taggedAny: [], through: nil).isEmpty)

        let quotas = try await store.events(tagPrefix: "quota:", suffix: ":2025", through: nil)
        #expect(quotas.map(\.position) == [2, 6])
        #expect(try await store.events(tagPrefix: "quota:", suffix: ":2024", through: nil).isEmpty)

        let approvals = try await store.events(ofTypes: ["ApplicationApproved", "LeaveStarted"], through: nil)
        #expect(approvals.map(\.position) == all.filter { ["ApplicationApproved", "LeaveStarted"].contains($0.data.type) }.map(\.position))

        // A decision's first read: the events and the head, in one statement, as the two reads give them.
        let (withHead, head) = try await store.eventsAndHead(taggedAny: [Tag.person("P1"), Tag.person("P3")])
        #expect(head == Int64(all.count))
        #expect(withHead == (try await store.events(taggedAny: [Tag.person("P1"), Tag.person("P3")], through: head)))
        let (none, headToo) = try await store.eventsAndHead(taggedAny: ["person:NOBODY"])
        #expect(none.isEmpty && headToo == head)
        #expect(try await store.eventsAndHead(taggedAny: []) == ([], head))

        #expect(try await store.event(at: 3) == all[2])
        #expect(try await store.event(at: 999) == nil)
        #expect(try await store.allEvents(through: 5) == Array(all.prefix(5)))
    }

    @Test("an event reads back exactly as appended: day, tags, payload, actor, request id")
    func roundTrip() async throws {
        guard let server = try await server() else { return }
        let store = try await freshStore(server)
        defer { Task { await store.close() } }
        let events = seedEvents()
        let result = try await store.append(events, actor: "officer 王", requestId: "req-1", condition: nil)
        #expect(result.duplicate == false)
        #expect(result.events.map(\.position) == [1, 2, 3, 4])
        let back = try await store.allEvents(through: nil)
        #expect(back == result.events)
        #expect(back.map(\.data) == events.map(\.data))
        #expect(back[0].requestId == "req-1" && back[1].requestId == nil)
        #expect(back.allSatisfy { $0.actor == "officer 王" && $0.recordedAt == back[0].recordedAt })
        #expect(try await store.event(requestId: "req-1") == back[0])
        #expect(try await store.event(requestId: "other") == nil)
    }

    @Test("the last position recorded by a time: a binary search over times that never run backwards")
    func positionRecordedBy() async throws {
        guard let server = try await server() else { return }
        let clock = FixedClock(start: 1_000_000)
        let store = try await freshStore(server, clock: clock)
        defer { Task { await store.close() } }
        try await appendAll(store, seedEvents().map { [$0] })  // recorded at 1_000_001 … 1_000_004
        #expect(try await store.position(recordedBy: 999_999) == 0)
        #expect(try await store.position(recordedBy: 1_000_001) == 1)
        #expect(try await store.position(recordedBy: 1_000_003) == 3)
        #expect(try await store.position(recordedBy: 9_000_000) == 4)
        let empty = try await freshStore(server)
        #expect(try await empty.position(recordedBy: 9_000_000) == 0)
        await empty.close()
    }

    @Test("recorded times never run backwards, though the clock does")
    func timeNeverBackwards() async throws {
        guard let server = try await server() else { return }
        let address = try await freshAddress(server)
        let late = try await PostgresStore.create(address, policies: .standard, now: { 2_000_000_000_000 })
        _ = try await late.append([seedEvents()[0]], actor: "a", requestId: nil, condition: nil)
        await late.close()
        let early = try await PostgresStore.open(address, now: { 1_000_000_000_000 })
        let r = try await early.append([seedEvents()[1]], actor: "a", requestId: nil, condition: nil)
        #expect(r.events[0].recordedAt == Timestamp.format(millis: 2_000_000_000_000))
        await early.close()
    }

    @Test("calls made at once through one store take turns: every append recorded, positions gap-free")
    func oneStoreManyTasks() async throws {
        guard let server = try await server() else { return }
        let store = try await freshStore(server)
        defer { Task { await store.close() } }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for i in 0..<20 {
                group.addTask {
                    let e = NewEvent(on: day, tags: [Tag.person("Q\(i)")], data: .serviceResumed(person: "Q\(i)"))
                    _ = try await store.append([e], actor: "t\(i)", requestId: nil, condition: nil)
                    _ = try await store.events(taggedAny: [Tag.person("Q\(i)")], through: nil)
                }
            }
            try await group.waitForAll()
        }
        let all = try await store.allEvents(through: nil)
        #expect(all.map(\.position) == Array(1...20))
        #expect(try await store.verify(progress: nil).isIntact)
    }
}
