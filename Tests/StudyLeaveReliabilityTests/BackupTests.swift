#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import StudyLeaveApp
import Testing

@Suite("backup --to FILE", .serialized)
struct BackupTests {
    @Test("copies taken while four writers run are consistent: each verifies and is a prefix of the final ledger")
    func whileWriting() throws {
        let scratch = Scratch("backup"); defer { scratch.cleanup() }
        let cli = smallOffice(scratch)
        let writers = 4, perWriter = 30
        let outcomes = Locked<[Outcome]>([])
        let done = DispatchSemaphore(value: 0)
        for w in 0..<writers {
            Thread {
                for i in 0..<perWriter {
                    let o = cli.run(["person", "add", "B\(w)x\(i)", "--name", "同仁", "--agency", "HR", "--on", "2026-01-05",
                                     "--request-id", "backup-\(w)-\(i)", "--format", "json"])
                    outcomes.with { $0.append(o) }
                }
                done.signal()
            }.start()
        }
        // Copies, one after another, while the writers go on (bounded: at most 12).
        var copies: [(file: String, events: Int, head: String)] = []
        for k in 0..<12 {
            let file = scratch.path("copy\(k).db")
            let o = cli.run(["backup", "--to", file, "--format", "json"])
            #expect(o.code == 0, "backup \(k): \(o.summary)")
            if let json = o.json, let n = json["events"] as? Int, let head = json["head"] as? String {
                copies.append((file, n, head))
            }
            if outcomes.get.count == writers * perWriter { break }
        }
        for _ in 0..<writers { done.wait() }
        #expect(outcomes.get.allSatisfy { $0.code == 0 }, "\(outcomes.get.filter { $0.code != 0 }.map(\.summary))")

        let final = cli.run(["export"]).out.split(separator: "\n")
        #expect(final.count == 6 + writers * perWriter)
        var distinct = Set<Int>()
        for copy in copies {
            let copyCLI = Studyleave(scratch, db: (copy.file as NSString).lastPathComponent)
            let v = copyCLI.verify()
            #expect(v?.events == copy.events && v?.head == copy.head, "\(copy.file): verify \(String(describing: v))")
            // The copy is the ledger as it was at one moment: exactly the first N events.
            let lines = copyCLI.run(["export"]).out.split(separator: "\n")
            #expect(lines.count == copy.events && Array(final.prefix(lines.count)) == lines, "\(copy.file) is not a prefix")
            distinct.insert(copy.events)
            // Nothing beside the copy: no WAL, no temporary file.
            #expect(!scratch.names().contains { $0.hasPrefix((copy.file as NSString).lastPathComponent + ".incomplete") })
        }
        figure("backup: copies taken while 4 writers ran", copies.count)
        figure("backup: distinct moments caught", distinct.count)
        #expect(!copies.isEmpty)
    }

    @Test("an existing file is never overwritten: exit 64, the file unchanged")
    func refusesToOverwrite() throws {
        let scratch = Scratch("backup-exists"); defer { scratch.cleanup() }
        let cli = smallOffice(scratch)
        let target = scratch.path("precious.db")
        FileManager.default.createFile(atPath: target, contents: Data("last year's copy".utf8))
        let o = cli.run(["backup", "--to", target])
        #expect(o.code == 64 && o.oneErrorLine && o.err.contains("already exists"), "\(o.summary)")
        #expect(bytes(target) == Data("last year's copy".utf8))
        // The ledger itself is no target either.
        let onItself = cli.run(["backup", "--to", cli.db])
        #expect(onItself.code == 64, "\(onItself.summary)")
        #expect(cli.verify()?.events == 6)
    }

    @Test("a backup killed at random moments leaves either no file or a complete copy at FILE")
    func killed() throws {
        let scratch = Scratch("backup-kill"); defer { scratch.cleanup() }
        let cli = smallOffice(scratch)
        for i in 0..<150 { cli.ok("person add K\(i) --name \(String(repeating: "名", count: 200)) --agency HR --on 2026-01-05") }
        let expected = try #require(cli.verify())
        let t0 = now()
        #expect(cli.run(["backup", "--to", scratch.path("timing.db")]).code == 0)
        let typical = now() - t0
        var rng = SplitMix64(seed: Knobs.seed &+ 3)
        var killed = 0, complete = 0, nothing = 0
        for round in 0..<Knobs.rounds(12) {
            let name = "kill\(round).db"
            let p = cli.start(["backup", "--to", scratch.path(name)])
            if KillTiming.delay(Double.random(in: 0...(1.2 * typical), using: &rng)).kill(p, wal: { nil }) { killed += 1 }
            _ = p.wait()
            if FileManager.default.fileExists(atPath: scratch.path(name)) {
                let v = Studyleave(scratch, db: name).verify()
                #expect(v?.events == expected.events && v?.head == expected.head, "round \(round): a copy at FILE must be complete")
                complete += 1
            } else {
                nothing += 1
            }
            for n in scratch.names() where n.hasPrefix(name) { unlink(scratch.path(n)) }
            #expect(cli.verify()?.head == expected.head, "round \(round): the ledger itself is untouched")
        }
        figure("backup kills: killed", killed)
        figure("backup kills: left a complete copy", complete)
        figure("backup kills: left no file", nothing)
    }

    @Test("a folder that does not exist: 74 with one line")
    func missingFolder() {
        let scratch = Scratch("backup-folder"); defer { scratch.cleanup() }
        let cli = smallOffice(scratch)
        let o = cli.run(["backup", "--to", scratch.path("no/such/folder/copy.db")])
        #expect(o.code == 74 && o.oneErrorLine && o.err.contains("cannot write the copy"), "\(o.summary)")
        #expect(cli.verify()?.events == 6)
    }
}
