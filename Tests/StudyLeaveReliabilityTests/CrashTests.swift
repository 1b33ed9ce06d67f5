#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import StudyLeaveApp
import Testing

/// Size of a file in bytes, nil when it does not exist.
func fileSize(_ path: String) -> Int64? {
    var st = stat()
    return stat(path, &st) == 0 ? Int64(st.st_size) : nil
}

/// How a kill is timed. Delays are drawn from the seeded generator; the WAL triggers wait until
/// SQLite is writing the transaction's pages (the commit, or a cache spill) and kill then.
enum KillTiming: CustomStringConvertible {
    case delay(Double)
    case walAbove(bytes: Int64, thenWait: Double)

    var description: String {
        switch self {
        case .delay(let d): return String(format: "after %.0f ms", d * 1000)
        case let .walAbove(b, w): return String(format: "when the WAL passes %lld bytes, +%.1f ms", b, w * 1000)
        }
    }

    /// Kills `process` at this moment; returns false when it had ended before.
    func kill(_ process: Running, wal: () -> Int64?) -> Bool {
        switch self {
        case .delay(let d):
            pause(d)
        case let .walAbove(bytes, extra):
            // Bounded: a stuck process is killed after 60 s whatever its WAL does.
            let deadline = now() + 60
            while process.isRunning, now() < deadline {
                if let size = wal(), size > bytes { break }
                pause(0.0001)
            }
            pause(extra)
        }
        guard process.isRunning else { return false }
        process.kill()
        return true
    }
}

@Suite("Kills at random moments (SIGKILL)", .serialized)
struct CrashTests {
    /// A valid export of a few thousand events, made by `studyleave generate`.
    static func makeExport(_ cli: Studyleave, _ scratch: Scratch) throws -> (file: String, events: Int, head: String, seconds: Double) {
        let file = scratch.path("history.jsonl")
        let g = cli.run(["generate", "--agencies", "15", "--people", "1000", "--years", "3", "--seed", "7", "--to", file, "--format", "json"], db: false)
        try #require(g.code == 0, "generate: \(g.summary)")
        // The reference: the same import, not interrupted.
        let reference = Studyleave(scratch, db: "reference.db")
        let t0 = now()
        let r = reference.run(["import", file])
        let seconds = now() - t0
        try #require(r.code == 0, "import: \(r.summary)")
        let v = try #require(reference.verify())
        let lines = try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n").count
        try #require(v.events == lines && lines > 2000)
        return (file, v.events, v.head, seconds)
    }

    @Test("a large import killed at random moments leaves nothing or everything; verify passes; it can be run again")
    func importKilled() throws {
        let scratch = Scratch("import-kill"); defer { scratch.cleanup() }
        let cli = Studyleave(scratch)
        let export = try Self.makeExport(cli, scratch)
        var rng = SplitMix64(seed: Knobs.seed)
        // How long an import takes now (the load of the machine changes; only delays depend on it).
        var typical = export.seconds
        let rounds = Knobs.rounds(32)
        var killed = 0, killedWhileWriting = 0, leftNothing = 0, leftEverything = 0, finishedFirst = 0, leftovers = 0
        for round in 0..<rounds {
            // Even rounds import into a missing file (import creates it), odd ones into an empty ledger.
            let intoMissing = round % 2 == 0
            let name = "round\(round).db"
            let target = Studyleave(scratch, db: name)
            if !intoMissing { target.ok("init") }
            let timing: KillTiming
            switch round % 3 {
            case 0: timing = .delay(Double.random(in: 0...(1.1 * typical), using: &rng))
            case 1: timing = .delay(Double.random(in: (0.5 * typical)...(1.05 * typical), using: &rng))
            default: timing = .walAbove(bytes: intoMissing ? 200_000 : 0, thenWait: Double.random(in: 0...0.004, using: &rng))
            }
            let started = now()
            let process = target.start(["import", export.file])
            let walOf: () -> Int64? = {
                if !intoMissing { return fileSize(target.db + "-wal") }
                let temp = scratch.names().first { $0.hasPrefix(name + ".incomplete-") && $0.hasSuffix("-wal") }
                return temp.flatMap { fileSize(scratch.path($0)) }
            }
            let didKill = timing.kill(process, wal: walOf)
            let o = process.wait()
            if didKill && o.killed {
                killed += 1
                if case .walAbove = timing { killedWhileWriting += 1 }
            } else {
                finishedFirst += 1
                // The machine is faster now than when measured: aim the next delays at this run.
                typical = now() - started
            }
            if !o.killed { #expect(o.code == 0, "round \(round): an import not killed must succeed: \(o.summary)") }

            // Nothing or everything, and verify passes.
            var imported = false
            if FileManager.default.fileExists(atPath: target.db) {
                let v = target.verify()
                #expect(v != nil, "round \(round) (\(timing)): verify fails after the kill")
                if let v {
                    #expect(v.events == 0 || (v.events == export.events && v.head == export.head),
                            "round \(round) (\(timing)): \(v.events) of \(export.events) events imported")
                    #expect(v.events > 0 || !intoMissing, "round \(round): a created ledger appears only complete")
                    imported = v.events == export.events
                }
            }
            if imported { leftEverything += 1 } else { leftNothing += 1 }
            if !o.killed { #expect(imported, "round \(round): finished, so everything is there") }
            // Nothing else beside the ledger but the leftovers of a killed creation.
            let strays = scratch.names().filter { $0.hasPrefix(name) && ![name, name + "-wal", name + "-shm"].contains($0) }
            #expect(strays.allSatisfy { $0.hasPrefix(name + ".incomplete-") }, "round \(round): \(strays)")
            leftovers += strays.isEmpty ? 0 : 1

            // After a kill that left nothing, the same import runs to the end (every other round, for time).
            if !imported && (round % 2 == 1 || round % 4 == 0) {
                let t0 = now()
                let again = target.run(["import", export.file])
                if again.code == 0 { typical = now() - t0 }
                #expect(again.code == 0, "round \(round): import after the kill: \(again.summary)")
                let v = target.verify()
                #expect(v?.events == export.events && v?.head == export.head, "round \(round): re-import")
            }
            for n in scratch.names() where n.hasPrefix(name) { unlink(scratch.path(n)) }
        }
        figure("import kills: events in the export", export.events)
        figure("import kills: processes killed", killed)
        figure("import kills: of which once SQLite was writing the transaction to the WAL", killedWhileWriting)
        figure("import kills: left nothing", leftNothing)
        figure("import kills: left everything", leftEverything)
        figure("import kills: finished before the kill", finishedFirst)
        figure("import kills: left a temporary .incomplete file", leftovers)
        #expect(killed > 0, "no import was killed: the delays are all too long")
    }

    @Test("a stream of single writes, three at a time, killed at random moments: every printed position stays, a retry records once")
    func writesKilled() throws {
        let scratch = Scratch("write-kill"); defer { scratch.cleanup() }
        let cli = Studyleave(scratch)
        cli.ok("init")
        cli.ok("agency add HR --name 人事處 --on 2026-01-01")
        cli.ok("person add H1 --name 處長 --agency HR --head --on 2026-01-01")
        // A typical write's duration, to spread the kill delays over it.
        var durations: [Double] = []
        for i in 0..<3 {
            let t0 = now()
            cli.ok("person add warm\(i) --name 暖身 --agency HR --on 2026-01-02")
            durations.append(now() - t0)
        }
        var typical = durations.sorted()[1]
        var rng = SplitMix64(seed: Knobs.seed &+ 1)
        var killed = 0, killedRecorded = 0, killedNothing = 0, printedThenKilled = 0, acknowledged = 0, retries = 0
        let rounds = Knobs.rounds(48)
        var calibrations = 0
        for round in 0..<rounds {
            if round % 8 == 7 {
                // How long a write takes now (the machine's load changes; only the delays depend on it).
                let t0 = now()
                cli.ok("person add cal\(round) --name 暖身 --agency HR --on 2026-01-02")
                typical = now() - t0
                calibrations += 1
            }
            var started: [(rid: String, args: [String], process: Running, timing: KillTiming?)] = []
            for k in 0..<3 {
                let rid = "r\(round)-\(k)"
                let args = ["person", "add", "S\(round)x\(k)", "--name", "同仁", "--agency", "HR", "--on", "2026-01-05",
                            "--request-id", rid, "--format", "json"]
                // Two of three writes are killed, each at its own moment.
                let timing: KillTiming? = k == 2 ? nil
                    : (round + k) % 2 == 0 ? .delay(Double.random(in: 0...(1.3 * typical), using: &rng))
                    : .walAbove(bytes: 0, thenWait: Double.random(in: 0...0.003, using: &rng))
                started.append((rid, args, cli.start(args), timing))
            }
            var outcomes: [(rid: String, args: [String], outcome: Outcome)] = []
            for s in started {
                if let timing = s.timing { _ = timing.kill(s.process, wal: { fileSize(cli.db + "-wal") }) }
            }
            for s in started { outcomes.append((s.rid, s.args, s.process.wait())) }

            // After every kill: verify passes, and every position printed is there with its request id.
            let v = cli.verify()
            #expect(v != nil, "round \(round): verify fails after the kills")
            let recorded = try requestIds(cli.db)
            for (rid, args, o) in outcomes {
                if o.killed {
                    killed += 1
                    if recorded[rid] != nil { killedRecorded += 1 } else { killedNothing += 1 }
                } else {
                    #expect(o.code == 0, "round \(round) \(rid): \(o.summary)")
                    acknowledged += 1
                }
                if let p = o.position {
                    if o.killed { printedThenKilled += 1 }
                    #expect(recorded[rid] == p, "round \(round) \(rid): printed position \(p), ledger has \(String(describing: recorded[rid]))")
                }
                // The officer retries a write that gave no answer: it is recorded exactly once.
                if o.killed {
                    retries += 1
                    let again = cli.run(args)
                    #expect(again.code == 0, "round \(round) \(rid) retry: \(again.summary)")
                    let json = again.json
                    #expect((json?["duplicate"] as? Bool) == (recorded[rid] != nil), "round \(round) \(rid) retry: \(again.out)")
                    if let first = recorded[rid] { #expect(again.position == first) }
                }
            }
        }
        // At the end: one event per write, each request id once, the chain intact.
        let final = try requestIds(cli.db)
        #expect(final.count == rounds * 3)
        #expect(Set(final.values).count == final.count)
        let v = try #require(cli.verify())
        #expect(v.events == 2 + 3 + calibrations + rounds * 3, "events: \(v.events)")
        figure("write kills: writes started", rounds * 3)
        figure("write kills: processes killed", killed)
        figure("write kills: killed after the commit (write present)", killedRecorded)
        figure("write kills: killed before the commit (nothing)", killedNothing)
        figure("write kills: printed a position, then killed", printedThenKilled)
        figure("write kills: retries recorded exactly once", retries)
        #expect(killed > 0)
    }
}
