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
// With `--processes P` the writers are spread over P processes of this program (as offices on
// their own machines are: no process's tasks wait for another's on a shared thread pool), and
// the figures are gathered from all of them.
//
// Benchmarks/postgres.sh runs it beside pgbench on the same throwaway server.
import Foundation
import StudyLeaveApp
import StudyLeaveDomain

struct Arguments {
    var db = ""
    var writers = 16
    var seconds = 20.0
    var processes = 1
    /// The first writer's number (a child process's share of the writers).
    var first = 1
    /// A child process: print each latency (ms), one per line, instead of the summary.
    var raw = false

    init(_ argv: [String]) {
        var i = 1
        while i < argv.count {
            let value = i + 1 < argv.count ? argv[i + 1] : ""
            switch argv[i] {
            case "--db": db = value
            case "--writers": writers = Int(value) ?? writers
            case "--seconds": seconds = Double(value) ?? seconds
            case "--processes": processes = Int(value) ?? 0
            case "--first": first = Int(value) ?? 0
            case "--raw": raw = true; i -= 1
            default: Self.usage("unknown argument \(argv[i])")
            }
            i += 2
        }
        if db.isEmpty || writers < 1 || seconds <= 0 || processes < 1 || first < 1 {
            Self.usage("--db is required; --writers, --seconds, --processes and --first are positive")
        }
    }

    static func usage(_ problem: String) -> Never {
        FileHandle.standardError.write(Data("PostgresWriters: \(problem)\nusage: PostgresWriters --db postgres://USER@HOST:PORT/DB [--writers N] [--seconds S] [--processes P]\n".utf8))
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
// One run's agencies are its own (a child takes its parent's run).
let run = ProcessInfo.processInfo.environment["POSTGRES_WRITERS_RUN"] ?? String(UInt32(Date().timeIntervalSince1970) % 100_000)
let clock = ContinuousClock()
let started = clock.now
let deadline = started + .milliseconds(Int(arguments.seconds * 1_000))
/// Runs the writers `first ..< first + count` in this process.
func writeHere(first: Int, count: Int) async throws -> [Double] {
    try await withThrowingTaskGroup(of: [Duration].self) { group in
        for w in first..<(first + count) {
            group.addTask { try await write(as: w, db: arguments.db, until: deadline, run: run) }
        }
        var all: [Duration] = []
        for try await part in group { all += part }
        return all.map(milliseconds)
    }
}

/// Runs the writers in `processes` children of this program, each printing its latencies.
func writeInProcesses() throws -> [Double] {
    let share = (arguments.writers + arguments.processes - 1) / arguments.processes
    var children: [(Process, Pipe)] = []
    var first = 1
    while first <= arguments.writers {
        let count = min(share, arguments.writers - first + 1)
        let child = Process(), out = Pipe()
        child.executableURL = URL(fileURLWithPath: CommandLine.arguments[0])
        child.arguments = ["--db", arguments.db, "--writers", String(count), "--first", String(first),
                           "--seconds", String(arguments.seconds), "--raw"]
        child.environment = ProcessInfo.processInfo.environment.merging(["POSTGRES_WRITERS_RUN": run]) { $1 }
        child.standardOutput = out
        try child.run()
        children.append((child, out))
        first += count
    }
    var all: [Double] = []
    for (child, out) in children {
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        child.waitUntilExit()
        guard child.terminationStatus == 0 else { throw ChildFailed(status: child.terminationStatus) }
        all += text.split(separator: "\n").compactMap { Double($0) }
    }
    return all
}

struct ChildFailed: Error { let status: Int32 }

let all = arguments.processes > 1 ? try writeInProcesses() : try await writeHere(first: arguments.first, count: arguments.writers)
if arguments.raw {
    print(all.map { String(format: "%.3f", $0) }.joined(separator: "\n"))
    exit(0)
}
let elapsed = milliseconds(clock.now - started) / 1_000
let sorted = all.sorted()
func percentile(_ p: Double) -> Double { sorted.isEmpty ? 0 : sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))] }
let rate = Double(sorted.count) / elapsed
print(String(format: #"{"writers":%d,"processes":%d,"appends":%d,"seconds":%.2f,"appendsPerSecond":%.1f,"p50":%.2f,"p90":%.2f,"p99":%.2f,"max":%.2f}"#,
             arguments.writers, arguments.processes, sorted.count, elapsed, rate, percentile(0.5), percentile(0.9), percentile(0.99), sorted.last ?? 0))
