#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import GRDB
import StudyLeaveApp
import Testing
@testable import StudyLeaveLedger

/// Whether strace can trace a child here (it needs ptrace).
let straceWorks: Bool = {
    guard FileManager.default.isExecutableFile(atPath: "/usr/bin/strace") else { return false }
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/strace")
    p.arguments = ["-o", "/dev/null", "/bin/true"]
    p.standardError = FileHandle.nullDevice
    guard (try? p.run()) != nil else { return false }
    p.waitUntilExit()
    return p.terminationStatus == 0
}()

@Suite("Durability as a contract")
struct DurabilityTests {
    @Test("every connection the ledger opens runs WAL with synchronous=FULL (create, open, read-only open)")
    func pragmasOnEveryConnection() throws {
        let scratch = Scratch("pragmas"); defer { scratch.cleanup() }
        let path = scratch.path("l.db")
        let created = try SQLiteLedger.create(path: path)
        let opened = try SQLiteLedger.open(path: path)
        let readOnly = try SQLiteLedger.open(path: path, readOnly: true)
        for (what, ledger) in [("create", created), ("open", opened), ("read-only open", readOnly)] {
            let (sync, mode) = try ledger.queue.read { db in
                (try Int.fetchOne(db, sql: "PRAGMA synchronous"), try String.fetchOne(db, sql: "PRAGMA journal_mode"))
            }
            #expect(sync == 2, "\(what): synchronous is \(String(describing: sync)), FULL is 2")
            #expect(mode == "wal", "\(what): journal_mode is \(String(describing: mode))")
        }
    }

    @Test("a write prints its position only after the WAL holding its commit was synced (strace)",
          .enabled(if: straceWorks, "strace is not installed here, or cannot trace"))
    func syncedBeforeAcknowledged() throws {
        let scratch = Scratch("strace"); defer { scratch.cleanup() }
        let cli = smallOffice(scratch)
        let trace = scratch.path("trace.txt")
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/strace")
        p.arguments = ["-f", "-e", "trace=openat,pwrite64,write,fdatasync,fsync", "-o", trace,
                       Tool.path, "person", "add", "P7", "--name", "同仁", "--agency", "HR", "--on", "2026-01-05",
                       "--format", "json", "--db", cli.db]
        var env = ProcessInfo.processInfo.environment
        env["STUDYLEAVE_TODAY"] = Tool.today; env["STUDYLEAVE_ACTOR"] = "reliability"
        p.environment = env
        p.standardOutput = FileHandle.nullDevice
        try p.run(); p.waitUntilExit()
        #expect(p.terminationStatus == 0)
        let lines = try String(contentsOfFile: trace, encoding: .utf8).split(separator: "\n").map(String.init)
        // The WAL's descriptor, the last frame written to it, its sync, and the answer on stdout.
        let walOpen = try #require(lines.first { $0.contains("openat(") && $0.contains("-wal\"") })
        let fd = try #require(walOpen.split(separator: "=").last.map { $0.trimmingCharacters(in: .whitespaces) })
        let answer = try #require(lines.firstIndex { $0.contains("write(1, \"{") }, "the JSON answer")
        let lastFrame = try #require(lines[..<answer].lastIndex { $0.contains("pwrite64(\(fd),") }, "a frame written to the WAL before the answer")
        let synced = lines[lastFrame..<answer].contains { $0.contains("fdatasync(\(fd))") || $0.contains("fsync(\(fd))") }
        #expect(synced, "no fdatasync of the WAL between its last frame and the answer:\n\(lines[lastFrame...answer].joined(separator: "\n"))")
    }

    @Test("init killed at random moments leaves no file or a whole empty ledger, never a half-made one")
    func initKilled() throws {
        let scratch = Scratch("init-kill"); defer { scratch.cleanup() }
        var rng = SplitMix64(seed: Knobs.seed &+ 5)
        let probe = Studyleave(scratch, db: "probe.db")
        let t0 = now()
        probe.ok("init")
        let typical = now() - t0
        var outcomes: [String: Int] = [:]
        for round in 0..<Knobs.rounds(16) {
            let cli = Studyleave(scratch, db: "i\(round).db")
            let p = cli.start(["init"])
            let didKill = KillTiming.delay(Double.random(in: 0...(1.2 * typical), using: &rng)).kill(p, wal: { nil })
            if didKill && p.wait().killed { outcomes["killed", default: 0] += 1 }
            if FileManager.default.fileExists(atPath: cli.db) {
                #expect(cli.verify()?.events == 0, "round \(round): a ledger at the path must be whole")
                outcomes["whole empty ledger", default: 0] += 1
            } else {
                // Nothing there: init can simply be run again.
                #expect(cli.run(["init"]).code == 0, "round \(round): init after the kill")
                outcomes["no file", default: 0] += 1
            }
        }
        figure("init kills", outcomes.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
    }

    @Test("two imports racing into the same missing file: one wins whole, the other is refused and removes nothing")
    func racingImports() throws {
        let scratch = Scratch("import-race"); defer { scratch.cleanup() }
        let file = scratch.path("base.jsonl")
        FileManager.default.createFile(atPath: file, contents: Data(Array(BadInputTests.base.joined(separator: [10])) + [10]))
        for round in 0..<6 {
            let cli = Studyleave(scratch, db: "race\(round).db")
            let a = cli.start(["import", file]), b = cli.start(["import", file])
            let codes = [a.wait(), b.wait()]
            #expect(codes.filter { $0.code == 0 }.count == 1, "\(codes.map(\.summary))")
            #expect(codes.allSatisfy { $0.code == 0 || ($0.code == 1 && $0.oneErrorLine) }, "\(codes.map(\.summary))")
            #expect(cli.verify()?.events == 6, "round \(round): the ledger is there, whole")
        }
    }
}
