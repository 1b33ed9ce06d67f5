import Foundation
import StudyLeaveDomain
import StudyLeaveTestSupport
import Testing
@testable import StudyLeaveLedger

/// Measurements, run by hand: `STUDYLEAVE_PG_BENCH=FILE swift test --filter Benchmark` imports
/// FILE (an export, e.g. from `studyleave generate`) into PostgreSQL and into SQLite, and times
/// single appends. Skipped otherwise.
@Suite("PostgreSQL: measurements", .enabled(if: ProcessInfo.processInfo.environment["STUDYLEAVE_PG_BENCH"] != nil))
struct BenchmarkTests {
    static var file: String { ProcessInfo.processInfo.environment["STUDYLEAVE_PG_BENCH"] ?? "" }

    func seconds(_ body: () async throws -> Void) async throws -> Double {
        let start = ContinuousClock.now
        try await body()
        let d = ContinuousClock.now - start
        return Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }

    func say(_ line: String) { FileHandle.standardError.write(Data("bench: \(line)\n".utf8)) }

    @Test("import rate, PostgreSQL against SQLite, and single-append latency")
    func importRate() async throws {
        guard let server = try await server() else { return }
        let address = try await freshAddress(server)
        var events: Int64 = 0
        let pg = try await seconds { events = try await PostgresStore.importEvents(into: address, from: LineSource(path: Self.file), progress: nil) }
        say("PostgreSQL import: \(events) events in \(String(format: "%.2f", pg)) s = \(Int(Double(events) / pg)) events/s")
        let dir = TempDir()
        let sqlite = try await seconds { _ = try SQLiteLedger.importEvents(into: dir.path("b.db"), from: LineSource(path: Self.file)) }
        say("SQLite import (same build): \(String(format: "%.2f", sqlite)) s = \(Int(Double(events) / sqlite)) events/s")

        let lite = SQLiteStore(try SQLiteLedger.open(path: dir.path("b.db")))
        let liteVerify = try await seconds { _ = try await lite.verify(progress: nil) }
        let liteExport = try await seconds { _ = try await exportBytes(lite) }
        say("SQLite verify \(String(format: "%.2f", liteVerify)) s, export \(String(format: "%.2f", liteExport)) s (same build)")
        let store = try await PostgresStore.open(address)
        var intact = false, same = false
        let verify = try await seconds { intact = try await store.verify(progress: nil).isIntact }
        #expect(intact)
        say("PostgreSQL verify: \(String(format: "%.2f", verify)) s")
        let difference = try await seconds { same = try await store.projectionDifference() == nil }
        #expect(same)
        say("PostgreSQL projection difference: \(String(format: "%.2f", difference)) s")
        let export = try await seconds { _ = try await exportBytes(store) }
        say("PostgreSQL export: \(String(format: "%.2f", export)) s")
        var latencies: [Double] = []
        for i in 0..<300 {
            let e = NewEvent(on: day, tags: [Tag.person("BENCH\(i % 10)"), Tag.quota("HR", 2025)], data: .serviceResumed(person: "BENCH\(i % 10)"))
            let head = try await store.head()
            latencies.append(try await seconds {
                _ = try await store.append([e], actor: "bench", requestId: "bench-\(i)",
                                           condition: AppendCondition(tags: [Tag.quota("HR", 2025)], after: head))
            })
        }
        latencies.sort()
        say("append (condition + request id, 1 event, on \(events) events): median \(String(format: "%.2f", latencies[150] * 1000)) ms, p95 \(String(format: "%.2f", latencies[285] * 1000)) ms")
        let rebuild = try await seconds { _ = try await store.rebuildProjections(progress: nil) }
        say("PostgreSQL rebuild: \(String(format: "%.2f", rebuild)) s")
        await store.close()
    }
}
