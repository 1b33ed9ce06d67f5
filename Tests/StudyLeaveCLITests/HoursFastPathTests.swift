import Foundation
import Testing

/// The hours queries as known now read the attendance rows (Sources/StudyLeaveApp/FastPaths);
/// as known at an earlier position they fold the events. `--known-at #HEAD` asks the second
/// for the same moment as the first: both must give the same bytes, for every agency and a
/// sample of people, at several as-of days, under the default policy and another, after a
/// corrected attendance and a requirement up the parent chain, and after a rebuild.
@Suite("Learning hours from the attendance rows agree with a full fold")
struct HoursFastPathTests {
    static let policies: [(String, String?)] = [
        ("the default policy", nil),
        ("the full hours credited, leave over a quarter credits nothing",
         #"{"policies": [{"name": "attended", "effectiveFrom": "2020-01-01", "hours": {"credit": "full", "leaveShareDivisor": 4}}]}"#),
    ]

    @Test("hours --agency, hours PERSON and report spread: rows and fold agree", arguments: policies)
    func agree(_ name: String, _ policy: String?) throws {
        let cli = CLI(); defer { cli.cleanup() }
        let file = cli.dir.appendingPathComponent("h.jsonl").path
        let g = cli.run(["generate", "--agencies", "12", "--people", "400", "--years", "4", "--seed", "5", "--courses-per-year", "3", "--to", file], db: false)
        #expect(g.code == 0, "\(g.err)")
        cli.ok("import \(file)")
        if let policy {
            let path = cli.dir.appendingPathComponent("policy.json").path
            try policy.write(toFile: path, atomically: true, encoding: .utf8)
            cli.ok("policy adopt \(path) --on 2023-06-01")
        }
        // A requirement of the top agency, inherited down the chain; a corrected attendance.
        cli.ok("hours require AG00001 --year 2024 --total 12 --min digital=2 --on 2024-01-02")
        let text = try String(contentsOfFile: file, encoding: .utf8)
        let attendance = text.split(separator: "\n").first { $0.contains("\"type\":\"AttendanceRecorded\"") && $0.contains("\"on\":\"2024-") }
        let position = attendance.flatMap { line in line.range(of: "\"position\":").map { String(line[$0.upperBound...].prefix { $0.isNumber }) } }
        #expect(position != nil)
        if let position { cli.ok("retract \(position) --reason 誤登") }

        let agencies = (cli.json("agency list") as? [[String: Any]] ?? []).compactMap { $0["agency"] as? String }
        #expect(agencies.count == 12)
        let people = Set(text.split(separator: "\n").filter { $0.contains("\"type\":\"PersonAdded\"") }.compactMap { line in
            line.range(of: "\"person\":\"").map { String(line[$0.upperBound...].prefix { $0 != "\"" }) }
        }).sorted()
        #expect(people.count > 400)
        func compare(_ query: String) {
            let head = cli.eventCount()
            let rows = cli.run(cli.words(query) + ["--format", "json"])
            let fold = cli.run(cli.words(query) + ["--format", "json", "--known-at", "#\(head)"])
            // A query with --known-at says when it stood (knownAt, knownAtTime, asOf); the rest is the same.
            func figures(_ out: String) -> NSDictionary? {
                guard var o = (try? JSONSerialization.jsonObject(with: Data(out.utf8))) as? [String: Any] else { return nil }
                for key in ["asOf", "knownAt", "knownAtTime"] { o[key] = nil }
                return NSDictionary(dictionary: o)
            }
            #expect(rows.code == fold.code && figures(rows.out) != nil && figures(rows.out) == figures(fold.out), "\(query)\n\(rows.out)\n\(fold.out)")
        }
        var due = 0
        // On PostgreSQL the fold path costs round trips per member: a sample of agencies there.
        let checked = cli.onPostgres ? ["AG00002", "AG00004", "AG00011"] : agencies
        for year in [2024, 2025] {
            for asOf in ["", " --as-of \(year)-07-01"] {
                for a in checked {
                    compare("hours --agency \(a) --year \(year)\(asOf)")
                    due += (cli.json("hours --agency \(a) --year \(year)\(asOf)") as? [String: Any]).flatMap { ($0["people"] as? [Any])?.count } ?? 0
                }
                compare("report spread --agency AG00003 --year \(year)\(asOf)")
                for p in stride(from: 0, to: people.count, by: cli.onPostgres ? 61 : 37).map({ people[$0] }) { compare("hours \(p) --year \(year)\(asOf)") }
            }
        }
        #expect(due > (cli.onPostgres ? 200 : 500), "the agencies have people due")
        // The rows rebuilt from the events answer the same; verify checks them.
        let before = cli.run(["hours", "--agency", "AG00002", "--year", "2024", "--format", "json"]).out
        cli.ok("rebuild")
        cli.ok("verify")
        #expect(cli.run(["hours", "--agency", "AG00002", "--year", "2024", "--format", "json"]).out == before)
    }

    @Test("an attendance row edited behind the tool's back: verify names it, rebuild mends it")
    func damagedRow() throws {
        let cli = CLI(); defer { cli.cleanup() }
        let file = cli.dir.appendingPathComponent("h.jsonl").path
        #expect(cli.run(["generate", "--agencies", "3", "--people", "60", "--years", "2", "--seed", "2", "--courses-per-year", "2", "--to", file], db: false).code == 0)
        cli.ok("import \(file)")
        cli.ok("verify")
        let damage = "UPDATE proj_attendance SET leave_tenths = leave_tenths + 10 WHERE position = (SELECT min(position) FROM proj_attendance)"
        cli.tamper(sqlite: damage, postgres: damage)
        let broken = cli.run("verify")
        #expect(broken.code == 74 && broken.err.contains("attendance") && broken.err.contains("run 'rebuild'"), "\(broken.err)")
        cli.ok("rebuild")
        cli.ok("verify")
    }
}
