import Benchmark
import Foundation
import GRDB
import StudyLeaveApp
import StudyLeaveDomain
import StudyLeaveLedger

// The history to measure: a file written by `studyleave generate` (Benchmarks/run.sh makes it).
// STUDYLEAVE_BENCH_FILE names it; the default is the small one run.sh writes first.
let historyFile = ProcessInfo.processInfo.environment["STUDYLEAVE_BENCH_FILE"] ?? "/tmp/studyleave-bench/history-small.jsonl"
let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("studyleave-bench-\(getpid())")

func lineCount(_ path: String) -> Int {
    guard let source = try? LineSource(path: path) else { return 0 }
    var n = 0
    while let line = try? source.nextLine() { if !line.isEmpty { n += 1 } }
    return n
}

let benchmarks: @Sendable () -> Void = {
    let events = lineCount(historyFile)
    guard events > 0 else {
        print("no history at \(historyFile): run Benchmarks/run.sh first")
        return
    }
    try? FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    let configuration = Benchmark.Configuration(
        metrics: [.wallClock, .peakMemoryResident, .throughput],
        scalingFactor: .one, maxDuration: .seconds(120), maxIterations: 3)

    // Import: every line parsed, checked, hashed and inserted with its tags, projections rebuilt.
    Benchmark("import \(events) events", configuration: configuration) { benchmark in
        let path = scratch.appendingPathComponent("import-\(UUID().uuidString).db").path
        benchmark.startMeasurement()
        let n = try SQLiteLedger.importEvents(into: path, from: LineSource(path: historyFile))
        benchmark.stopMeasurement()
        blackHole(n)
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }

    // The yardstick: the same lines inserted raw, one transaction, one index (the primary key).
    Benchmark("raw SQLite insert of the same \(events) lines", configuration: configuration) { benchmark in
        let path = scratch.appendingPathComponent("raw-\(UUID().uuidString).db").path
        let queue = try DatabaseQueue(path: path)
        try queue.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA journal_mode = WAL") }
        benchmark.startMeasurement()
        try queue.write { db in
            try db.execute(sql: "CREATE TABLE raw(position INTEGER PRIMARY KEY, line TEXT NOT NULL)")
            let insert = try db.makeStatement(sql: "INSERT INTO raw(position, line) VALUES (?, ?)")
            let source = try LineSource(path: historyFile)
            var position = 0
            while let line = try source.nextLine() {
                position += 1
                try insert.execute(arguments: [position, String(decoding: line, as: UTF8.self)])
            }
        }
        benchmark.stopMeasurement()
        try queue.close()
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }

    // Rebuild: every projection table recreated from all events.
    Benchmark("rebuild projections from \(events) events", configuration: configuration) { benchmark in
        let path = scratch.appendingPathComponent("rebuild.db").path
        if !FileManager.default.fileExists(atPath: path) {
            _ = try SQLiteLedger.importEvents(into: path, from: LineSource(path: historyFile))
        }
        let ledger = try SQLiteLedger.open(path: path)
        benchmark.startMeasurement()
        blackHole(try ledger.rebuildProjections())
        benchmark.stopMeasurement()
    }
}
