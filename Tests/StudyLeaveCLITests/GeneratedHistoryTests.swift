import Foundation
import Testing

@Suite("Generated national histories at small scale")
struct GeneratedHistoryTests {
    func generate(_ cli: CLI, seed: Int, name: String) -> String {
        let file = cli.dir.appendingPathComponent(name).path
        let r = cli.run(["generate", "--agencies", "12", "--people", "400", "--years", "4", "--seed", "\(seed)", "--to", file], db: false)
        #expect(r.code == 0, "\(r.err)")
        return file
    }

    @Test("the same seed gives the same file; another seed another")
    func deterministic() throws {
        let cli = CLI(); defer { cli.cleanup() }
        let a = try String(contentsOfFile: generate(cli, seed: 3, name: "a.jsonl"), encoding: .utf8)
        let b = try String(contentsOfFile: generate(cli, seed: 3, name: "b.jsonl"), encoding: .utf8)
        let c = try String(contentsOfFile: generate(cli, seed: 4, name: "c.jsonl"), encoding: .utf8)
        #expect(a == b && a != c)
        #expect(a.split(separator: "\n").count > 1000)
        for type in ["ApplicationApproved", "ApplicationRejected", "LeaveExtended", "ReturnedToDuty", "PaymentRecorded",
                     "PersonTransferred", "PersonSeparated"] {
            #expect(a.contains("\"type\":\"\(type)\""), "the history holds \(type)")
        }
    }

    @Test("a generated history imports, verifies, and answers the same from projections, a full fold and after rebuild")
    func importVerifyRebuild() throws {
        let cli = CLI(); defer { cli.cleanup() }
        let file = generate(cli, seed: 11, name: "h.jsonl")
        cli.ok("import \(file)")
        cli.ok("verify")
        let head = cli.eventCount()
        var answers: [String] = []
        for query in ["report on-leave --as-of 2024-03-01", "report obligations --as-of 2025-06-01", "quota --all --year 2024 --as-of 2024-12-31"] {
            let fromProjections = cli.run(cli.words(query) + ["--format", "json"]).out
            let fromFold = cli.run(cli.words(query) + ["--format", "json", "--known-at", "#\(head)"]).out
            #expect(fromProjections == fromFold, "\(query)")
            #expect(fromProjections.count > 10, "\(query) finds something")
            answers.append(fromProjections)
        }
        // Damage a projection row: verify says so; rebuild mends it; the answers are the same.
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["sqlite3", cli.db, "UPDATE proj_application SET leave_end = NULL WHERE rowid = (SELECT min(rowid) FROM proj_application WHERE leave_end IS NOT NULL)"]
        try p.run(); p.waitUntilExit()
        let broken = cli.run("verify")
        #expect(broken.code == 74 && broken.err.contains("run 'rebuild'"))
        cli.ok("rebuild")
        cli.ok("verify")
        for (i, query) in ["report on-leave --as-of 2024-03-01", "report obligations --as-of 2025-06-01", "quota --all --year 2024 --as-of 2024-12-31"].enumerated() {
            #expect(cli.run(cli.words(query) + ["--format", "json"]).out == answers[i], "\(query) after rebuild")
        }
    }
}
