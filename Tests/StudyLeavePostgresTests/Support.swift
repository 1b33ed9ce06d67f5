import Foundation
import StudyLeaveApp
import StudyLeaveDomain
import StudyLeaveTestSupport
import Testing
@testable import StudyLeaveLedger

/// The server these tests share; nil (the test returns, with a note printed once) when none can
/// be had outside CI. With `CI=true` a missing server fails the test.
func server() async throws -> PostgresServer? { try await PostgresServer.shared() }

/// A new, empty database on the shared server, as an address the store takes.
func freshAddress(_ server: PostgresServer) async throws -> PostgresAddress {
    try await PostgresAddress(url: server.freshDatabase(), environment: [:], home: "/nonexistent")
}

/// A fixed clock for appends, one millisecond further at each call: the same recorded times on
/// both stores.
final class FixedClock: @unchecked Sendable {
    private let lock = NSLock()
    private var millis: Int64
    init(start: Int64 = 1_767_225_600_000) { millis = start }
    func next() -> Int64 { lock.withLock { millis += 1; return millis } }
}

/// A new ledger in a fresh database.
func freshStore(_ server: PostgresServer, clock: FixedClock? = nil) async throws -> PostgresStore {
    let address = try await freshAddress(server)
    if let clock { return try await PostgresStore.create(address, policies: .standard, now: { clock.next() }) }
    return try await PostgresStore.create(address, policies: .standard)
}

/// A fresh folder per test, removed at the end.
final class TempDir {
    let url: URL
    init() {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("studyleave-pg-tests-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    func path(_ name: String) -> String { url.appendingPathComponent(name).path }
    deinit { try? FileManager.default.removeItem(at: url) }
}

func d(_ iso: String) -> CivilDate { DateParsing.parseISO(iso)! }

let day = d("2025-03-01")

/// A few plain events: an agency, its headcount, two people.
func seedEvents() -> [NewEvent] {
    [
        NewEvent(on: day, tags: [Tag.agency("HR")], data: .agencyAdded(agency: "HR", name: "人事處", parent: nil)),
        NewEvent(on: day, tags: [Tag.agency("HR"), Tag.quota("HR", 2025)], data: .headcountSet(agency: "HR", year: 2025, budgeted: 25)),
        NewEvent(on: day, tags: [Tag.person("P1"), Tag.member("HR")], data: .personAdded(person: "P1", name: "王小明", agency: "HR", head: false)),
        NewEvent(on: day, tags: [Tag.person("P2"), Tag.member("HR")], data: .personAdded(person: "P2", name: "李小華", agency: "HR", head: false)),
    ]
}

func application(_ x: String, _ p: String, _ mode: StudyMode, from: String = "2025-09-01", to: String = "2026-06-30") -> NewEvent {
    NewEvent(on: d("2025-03-02"), tags: [Tag.application(x), Tag.person(p)], data: .applicationSubmitted(EventData.Submission(
        application: x, person: p, agency: "HR", mode: mode, sponsor: .self, from: d(from), to: d(to))))
}

func step(_ x: String, _ p: String, _ on: String, _ data: EventData) -> NewEvent {
    NewEvent(on: d(on), tags: [Tag.application(x), Tag.person(p)], data: data)
}

/// A history with every kind of projection row and the hard cases of the fold (as the SQLite
/// tests' `ProjectionRebuildTests`): a settled row withdrawn later, a rejection retracted then an
/// approval, a return retracted, a retraction naming the wrong type; leave started and ended in
/// several modes; a transfer and a separation. Each entry is one append; `retract` entries name
/// the position of the append `back` entries before.
func richHistory() -> [[NewEvent]] {
    var out: [[NewEvent]] = seedEvents().map { [$0] }
    func add(_ e: NewEvent) { out.append([e]) }
    func retractLast(_ x: String, _ p: String, _ on: String, type: String) {
        let target = Int64(out.count)
        add(step(x, p, on, .eventRetracted(position: target, type: type, reason: "wrong file")))
    }
    add(NewEvent(on: day, tags: [Tag.agency("IT"), Tag.children("HR")], data: .agencyAdded(agency: "IT", name: "資訊處", parent: "HR")))
    add(NewEvent(on: day, tags: [Tag.agency("IT"), Tag.quota("IT", 2025)], data: .headcountSet(agency: "IT", year: 2025, budgeted: 4)))
    add(NewEvent(on: day, tags: [Tag.person("P3"), Tag.member("IT")], data: .personAdded(person: "P3", name: "陳大文", agency: "IT", head: false)))
    add(application("A1", "P1", .offHours))
    add(step("A1", "P1", "2025-03-10", .applicationApproved(application: "A1", person: "P1", by: "H", agency: "HR", year: 2025)))
    add(step("A1", "P1", "2025-04-01", .applicationWithdrawn(application: "A1", person: "P1")))
    add(application("A2", "P2", .fullTime))
    add(step("A2", "P2", "2025-03-10", .applicationRejected(application: "A2", person: "P2", by: "H", reason: "not now")))
    retractLast("A2", "P2", "2025-03-11", type: "ApplicationRejected")
    add(step("A2", "P2", "2025-03-12", .applicationApproved(application: "A2", person: "P2", by: "H", agency: "HR", year: 2025)))
    add(step("A2", "P2", "2025-09-01", .leaveStarted(application: "A2", person: "P2")))
    add(application("A3", "P1", .fullTime))
    add(step("A3", "P1", "2025-03-10", .applicationApproved(application: "A3", person: "P1", by: "H", agency: "HR", year: 2025)))
    add(step("A3", "P1", "2025-09-01", .leaveStarted(application: "A3", person: "P1")))
    add(step("A3", "P1", "2026-06-30", .leaveEnded(application: "A3", person: "P1")))
    add(step("A3", "P1", "2026-07-01", .returnedToDuty(application: "A3", person: "P1")))
    retractLast("A3", "P1", "2026-07-02", type: "ReturnedToDuty")
    add(application("A4", "P2", .partTime))
    add(step("A4", "P2", "2025-03-10", .applicationRejected(application: "A4", person: "P2", by: "H", reason: "not now")))
    retractLast("A4", "P2", "2025-03-11", type: "PaymentRecorded")
    add(application("A5", "P3", .partTime, from: "2025-10-01", to: "2026-01-31"))
    add(step("A5", "P3", "2025-03-20", .applicationApproved(application: "A5", person: "P3", by: "H", agency: "IT", year: 2025)))
    add(step("A5", "P3", "2025-10-01", .leaveStarted(application: "A5", person: "P3")))
    add(step("A5", "P3", "2025-12-01", .leaveExtended(application: "A5", person: "P3", until: d("2026-03-31"), by: "H")))
    add(application("A6", "P3", .fullTime, from: "2026-02-01", to: "2026-12-31"))
    out.append([
        NewEvent(on: d("2025-11-01"), tags: [Tag.person("P1"), Tag.member("HR"), Tag.member("IT")],
                 data: .personTransferred(person: "P1", from: "HR", to: "IT", carryObligation: true, wasHead: false)),
        NewEvent(on: d("2025-12-31"), tags: [Tag.person("P2"), Tag.member("HR")],
                 data: .personSeparated(person: "P2", agency: "HR", reason: .retirement, wasHead: false)),
    ])
    return out
}

/// Every kind of report question, over days and years the history covers.
func everyQuery() -> [ApplicationQuery] {
    var out: [ApplicationQuery] = [.all, .application("A2"), .application("none")]
    for iso in ["2025-08-31", "2025-09-01", "2025-12-15", "2026-06-30", "2026-07-01"] {
        out.append(.onLeave(day: d(iso), modes: StudyMode.studyLeaveModes))
        out.append(.onLeave(day: d(iso), modes: [.partTime]))
        out.append(.leaveStarted(by: d(iso), modes: PolicySet.standard.modesOwingService))
        out.append(.undecidedOn(day: d(iso)))
        out.append(.leaveSpanning(people: ["P1", "P3", "none"], modes: [.fullTime], startedBy: d(iso), notEndedBefore: d(iso)))
        out.append(.leaveSpanning(people: ["P1", "P2", "P3"], modes: StudyMode.studyLeaveModes, startedBy: d(iso), notEndedBefore: d("2026-03-31")))
    }
    for year in [2024, 2025, 2026] { out.append(.countedOrPending(year: year)) }
    return out
}

func sortedRows(_ rows: [ApplicationRow]) -> [ApplicationRow] { rows.sorted { $0.application < $1.application } }

/// Appends a history, one entry per append.
@discardableResult
func appendAll(_ store: any LedgerStore, _ history: [[NewEvent]], actor: String = "tester") async throws -> [AppendResult] {
    var out: [AppendResult] = []
    for events in history { out.append(try await store.append(events, actor: actor, requestId: nil, condition: nil)) }
    return out
}

/// The bytes of an export.
func exportBytes(_ store: any LedgerStore) async throws -> [UInt8] {
    let out = Collected()
    try await store.export(progress: nil) { out.add($0) }
    return out.bytes
}

final class Collected: @unchecked Sendable {
    private let lock = NSLock()
    private var data: [UInt8] = []
    func add(_ chunk: [UInt8]) { lock.withLock { data += chunk } }
    var bytes: [UInt8] { lock.withLock { data } }
}

/// A synthetic national history in the export format (the CLI's `generate`), written to `path`;
/// returns the number of events.
@discardableResult
func generateHistory(to path: String, agencies: Int, people: Int, years: Int, seed: UInt64 = 1) throws -> Int64 {
    _ = FileManager.default.createFile(atPath: path, contents: nil)
    let out = FileHandle(forWritingAtPath: path)!
    var buffer = [UInt8]()
    var previous = HashChain.genesis
    var count: Int64 = 0
    let generator = HistoryGenerator(config: GeneratorConfig(agencies: agencies, people: people, years: years, seed: seed)) { e in
        let tags = HashChain.tagsText(e.tags)
        let payload = EventCodec.encode(e.data).canonical
        let stored = StoredEvent(position: e.position, type: e.data.type, version: EventData.schemaVersion, on: e.on.iso,
                                 recordedAt: e.recordedAt, actor: e.actor, requestId: e.requestId, tags: tags, payload: payload)
        previous = HashChain.hash(previous: previous, canonical: stored.canonical)
        buffer += stored.exportLine(hash: previous)
        buffer.append(10)
        count += 1
        if buffer.count >= 1 << 20 { try out.write(contentsOf: buffer); buffer.removeAll(keepingCapacity: true) }
    }
    try generator.run()
    try out.write(contentsOf: buffer)
    try out.close()
    return count
}

/// The thrown `LedgerError` of an async call, or nil when it returns.
func ledgerError(_ body: () async throws -> Void) async -> LedgerError? {
    do { try await body(); return nil } catch let e as LedgerError { return e } catch {
        Issue.record("not a LedgerError: \(error)")
        return nil
    }
}
