// Many offices writing at once to one PostgreSQL ledger (issue #12): `--writers` tasks in one
// process, each with its own connection and its own agency, each recording whole write use cases
// (`Recorder.record`: read the command's tags, decide, conditional append) on its own people:
// `person add`, `apply`, `review`, `screen` for one person after another. Disjoint people, so the
// conditions never conflict; every append still takes the ledger's one head lock, which is what
// this measures. Prints one JSON line: appends, seconds (the whole run, the writers' set-up
// included), appends/s and the latency percentiles of the measured writes (ms).
//
//   PostgresWriters --db postgres://USER@HOST:PORT/DB [--writers 16] [--seconds 20]
//
// Benchmarks/postgres.sh runs it beside pgbench on the same throwaway server.
import Foundation
import StudyLeaveApp
import StudyLeaveDomain

struct Arguments {
    var db = ""
    var writers = 16
    var seconds = 20.0

    init(_ argv: [String]) {
        var i = 1
        while i < argv.count {
            let value = i + 1 < argv.count ? argv[i + 1] : ""
            switch argv[i] {
            case "--db": db = value
            case "--writers": writers = Int(value) ?? writers
            case "--seconds": seconds = Double(value) ?? seconds
            default: Self.usage("unknown argument \(argv[i])")
            }
            i += 2
        }
        if db.isEmpty || writers < 1 || seconds <= 0 { Self.usage("--db is required; --writers and --seconds are positive") }
    }

    static func usage(_ problem: String) -> Never {
        FileHandle.standardError.write(Data("PostgresWriters: \(problem)\nusage: PostgresWriters --db postgres://USER@HOST:PORT/DB [--writers N] [--seconds S]\n".utf8))
        exit(64)
    }
}

/// One writer's loop: its agency, then people and their applications until the deadline.
func write(as w: Int, db: String, until deadline: ContinuousClock.Instant, run: String) async throws -> [Duration] {
    let ledger = try await Ledger.open(db)
    let recorder = Recorder(ledger: ledger, actor: "office-\(w)")
    let day = CivilDate(year: 2026, month: 1, day: 5)!
    let agency = "W\(run)-\(w)"
    _ = try await recorder.record(.addAgency(id: agency, name: "寫入機關 \(w)", parent: nil), on: day)
    _ = try await recorder.record(.setHeadcount(agency: agency, year: 2026, budgeted: 1_000), on: day)
    var latencies: [Duration] = []
    let clock = ContinuousClock()
    var n = 0
    while clock.now < deadline {
        n += 1
        let person = "\(agency)-P\(n)", application = "\(agency)-X\(n)"
        let commands: [Command] = [
            .addPerson(id: person, name: "同仁", agency: agency, head: false),
            .apply(Command.Application(id: application, person: person, mode: .fullTime, sponsor: .selected,
                                       from: CivilDate(year: 2026, month: 9, day: 1)!, to: CivilDate(year: 2027, month: 6, day: 30)!,
                                       abroad: false, programme: nil, hoursPerWeek: nil)),
            .review(application: application, workRelated: true),
            .screen(application: application, passed: true),
        ]
        for command in commands {
            let start = clock.now
            _ = try await recorder.record(command, on: day)
            latencies.append(clock.now - start)
        }
    }
    await ledger.close()
    return latencies
}

func milliseconds(_ d: Duration) -> Double {
    Double(d.components.seconds) * 1_000 + Double(d.components.attoseconds) / 1e15
}

let arguments = Arguments(CommandLine.arguments)
let run = String(UInt32(Date().timeIntervalSince1970) % 100_000)
let clock = ContinuousClock()
let started = clock.now
let deadline = started + .milliseconds(Int(arguments.seconds * 1_000))
let all = try await withThrowingTaskGroup(of: [Duration].self) { group in
    for w in 1...arguments.writers {
        group.addTask { try await write(as: w, db: arguments.db, until: deadline, run: run) }
    }
    var all: [Duration] = []
    for try await part in group { all += part }
    return all
}
let elapsed = milliseconds(clock.now - started) / 1_000
let sorted = all.map(milliseconds).sorted()
func percentile(_ p: Double) -> Double { sorted.isEmpty ? 0 : sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))] }
let rate = Double(sorted.count) / elapsed
print(String(format: #"{"writers":%d,"appends":%d,"seconds":%.2f,"appendsPerSecond":%.1f,"p50":%.2f,"p90":%.2f,"p99":%.2f,"max":%.2f}"#,
             arguments.writers, sorted.count, elapsed, rate, percentile(0.5), percentile(0.9), percentile(0.99), sorted.last ?? 0))
