import Foundation
import StudyLeaveDomain
import StudyLeaveTestSupport
import Testing
@testable import StudyLeaveLedger

@Suite("PostgreSQL: one chain, one export, with SQLite")
struct ExchangeTests {
    @Test("the same events appended to SQLite and to PostgreSQL give the same hashes and byte-identical exports")
    func sameEventsSameBytes() async throws {
        guard let server = try await server() else { return }
        let dir = TempDir()
        let sqlite = try SQLiteLedger.create(path: dir.path("ledger.db"))
        let pgClock = FixedClock(), sqliteClock = FixedClock()
        let store = try await freshStore(server, clock: pgClock)
        defer { Task { await store.close() } }
        for (i, events) in richHistory().enumerated() {
            let requestId = i % 3 == 0 ? "req-\(i)-「申請」" : nil
            let a = try sqlite.append(events, actor: "officer \(i % 4)", requestId: requestId, nowMillis: sqliteClock.next())
            let b = try await store.append(events, actor: "officer \(i % 4)", requestId: requestId, condition: nil)
            #expect(a == b)
        }
        let sqliteExport = try await exportBytes(SQLiteStore(sqlite))
        let pgExport = try await exportBytes(store)
        #expect(!pgExport.isEmpty)
        #expect(pgExport == sqliteExport)
        #expect(try await store.verify(progress: nil).head == sqlite.verify().head)
    }

    @Test("a SQLite export imported into PostgreSQL exports byte for byte the same, and reports the same rows")
    func sqliteToPostgres() async throws {
        guard let server = try await server() else { return }
        let dir = TempDir()
        let file = dir.path("history.jsonl")
        let n = try generateHistory(to: file, agencies: 6, people: 150, years: 3)
        #expect(n > 500)
        try SQLiteLedger.importEvents(into: dir.path("ledger.db"), from: LineSource(path: file))
        let sqlite = SQLiteStore(try SQLiteLedger.open(path: dir.path("ledger.db")))
        let sqliteExport = try await exportBytes(sqlite)
        try Data(sqliteExport).write(to: URL(fileURLWithPath: dir.path("sqlite.jsonl")))

        let address = try await freshAddress(server)
        let progress = Collected()
        let imported = try await PostgresStore.importEvents(into: address, from: LineSource(path: dir.path("sqlite.jsonl")),
                                                            progress: { _ in progress.add([1]) })
        #expect(imported == n)
        #expect(!progress.bytes.isEmpty)
        let store = try await PostgresStore.open(address)
        defer { Task { await store.close() } }
        #expect(try await exportBytes(store) == sqliteExport)
        #expect(sqliteExport == [UInt8](try Data(contentsOf: URL(fileURLWithPath: file))))
        let report = try await store.verify(progress: nil)
        #expect(report.isIntact)
        #expect(report == (try await sqlite.verify(progress: nil)))
        #expect(try await store.projectionDifference() == nil)
        for query in everyQuery() + [.countedOrPending(year: 2023)] {
            #expect(sortedRows(try await store.applicationRows(query)) == sortedRows(try await sqlite.applicationRows(query)))
        }
        #expect(try await store.headcountRows(year: 2024) == (try await sqlite.headcountRows(year: 2024)))
        // The ledger goes on from the imported head.
        let next = try await store.append([seedEvents()[0]], actor: "a", requestId: nil, condition: nil)
        #expect(next.events[0].position == n + 1)
        #expect(try await store.verify(progress: nil).isIntact)
        #expect(try await store.projectionDifference() == nil)
    }

    @Test("the rows an import folds equal those appends keep, in the hard cases (late withdrawals, retractions)")
    func importFoldsAsAppends() async throws {
        guard let server = try await server() else { return }
        let appended = try await freshStore(server)
        defer { Task { await appended.close() } }
        try await appendAll(appended, richHistory())
        let dir = TempDir()
        try Data(try await exportBytes(appended)).write(to: URL(fileURLWithPath: dir.path("rich.jsonl")))
        let address = try await freshAddress(server)
        try await PostgresStore.importEvents(into: address, from: LineSource(path: dir.path("rich.jsonl")), progress: nil)
        let imported = try await PostgresStore.open(address)
        defer { Task { await imported.close() } }
        #expect(sortedRows(try await imported.applicationRows(.all)) == sortedRows(try await appended.applicationRows(.all)))
        #expect(try await imported.projectionDifference() == nil)
    }

    /// A small valid export, as lines.
    func exportLines(_ server: PostgresServer) async throws -> [String] {
        let store = try await freshStore(server)
        try await appendAll(store, seedEvents().map { [$0] })
        let text = String(decoding: try await exportBytes(store), as: UTF8.self)
        await store.close()
        return text.split(separator: "\n").map(String.init)
    }

    @Test("import refuses a bad line with its number, as SQLite does, and leaves no tables behind")
    func badLineLeavesNothing() async throws {
        guard let server = try await server() else { return }
        var lines = try await exportLines(server)
        lines[2] = lines[2].replacingOccurrences(of: "王小明", with: "王大明")
        let dir = TempDir()
        let file = dir.path("bad.jsonl")
        try (lines.joined(separator: "\n") + "\n").write(toFile: file, atomically: true, encoding: .utf8)
        let address = try await freshAddress(server)
        let error = await ledgerError { _ = try await PostgresStore.importEvents(into: address, from: LineSource(path: file), progress: nil) }
        let sqliteError = await ledgerError { _ = try SQLiteLedger.importEvents(into: dir.path("x.db"), from: LineSource(path: file)) }
        guard case .malformedImport(line: 3, _)? = error else { Issue.record("got \(String(describing: error))"); return }
        #expect(error == sqliteError)
        let tables = try await server.psql("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'", database: address.database)
        #expect(tables.trimmingCharacters(in: .whitespacesAndNewlines) == "0")
        #expect(await ledgerError { _ = try await PostgresStore.open(address) } == .missing(path: address.description))
    }

    @Test("import into a ledger made by init keeps its policy; into one holding events it is refused")
    func importIntoInitialised() async throws {
        guard let server = try await server() else { return }
        let lines = try await exportLines(server)
        let dir = TempDir()
        let file = dir.path("ok.jsonl")
        try (lines.joined(separator: "\n") + "\n").write(toFile: file, atomically: true, encoding: .utf8)
        var policy = PolicySet.standard.policies[0]
        policy.partTimeServiceMultiplier = 1
        let address = try await freshAddress(server)
        try await PostgresStore.create(address, policies: PolicySet([policy])).close()
        #expect(try await PostgresStore.importEvents(into: address, from: LineSource(path: file), progress: nil) == 4)
        let store = try await PostgresStore.open(address)
        defer { Task { await store.close() } }
        #expect(store.policies == PolicySet([policy]))
        #expect(try await store.verify(progress: nil).isIntact)
        #expect(try await store.projectionDifference() == nil)
        let again = await ledgerError { _ = try await PostgresStore.importEvents(into: address, from: LineSource(path: file), progress: nil) }
        #expect(again == .notEmpty(events: 4))
    }

    @Test("an empty file imports as an empty ledger")
    func emptyImport() async throws {
        guard let server = try await server() else { return }
        let dir = TempDir()
        let file = dir.path("empty.jsonl")
        try "".write(toFile: file, atomically: true, encoding: .utf8)
        let address = try await freshAddress(server)
        #expect(try await PostgresStore.importEvents(into: address, from: LineSource(path: file), progress: nil) == 0)
        let store = try await PostgresStore.open(address)
        #expect(try await store.head() == 0)
        #expect(try await store.verify(progress: nil) == VerifyReport(events: 0, head: HashChain.genesis, failure: nil))
        await store.close()
    }
}
