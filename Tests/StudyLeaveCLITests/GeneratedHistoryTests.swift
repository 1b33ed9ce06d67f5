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
        for query in ["report on-leave --as-of 2024-03-01", "report obligations --as-of 2025-06-01", "quota --all --year 2024 --as-of 2024-12-31",
                      "report due --as-of 2024-03-01 --within 120"] {
            let fromProjections = cli.run(cli.words(query) + ["--format", "json"]).out
            let fromFold = cli.run(cli.words(query) + ["--format", "json", "--known-at", "#\(head)"]).out
            #expect(fromProjections == fromFold, "\(query)")
            #expect(fromProjections.count > 10, "\(query) finds something")
            answers.append(fromProjections)
        }
        // An agency's report (its own people folded, not the country's) is the country's rows of that
        // agency, now and as known at an earlier moment.
        let agencies = (cli.json("agency list") as? [[String: Any]] ?? []).compactMap { $0["agency"] as? String }
        #expect(agencies.count > 3)
        for query in ["report on-leave --as-of 2024-03-01", "report obligations --as-of 2025-06-01", "report due --as-of 2024-03-01 --within 120"] {
            for knownAt in ["", " --known-at #\(head / 2)"] {
                let country = cli.json(query + knownAt) as? [[String: Any]] ?? []
                for a in agencies.prefix(6) {
                    let own = cli.json(query + knownAt + " --agency \(a)") as? [[String: Any]] ?? []
                    let expected = country.filter { $0["agency"] as? String == a }
                    #expect(own.count == expected.count && zip(own, expected).allSatisfy { NSDictionary(dictionary: $0) == NSDictionary(dictionary: $1) },
                            "\(query)\(knownAt) --agency \(a)")
                }
            }
        }
        // Damage a projection row: verify says so; rebuild mends it; the answers are the same.
        let damage = "UPDATE proj_application SET leave_end = NULL WHERE application = (SELECT min(application) FROM proj_application WHERE leave_end IS NOT NULL)"
        cli.tamper(sqlite: damage, postgres: damage)
        let broken = cli.run("verify")
        #expect(broken.code == 74 && broken.err.contains("run 'rebuild'"))
        cli.ok("rebuild")
        cli.ok("verify")
        for (i, query) in ["report on-leave --as-of 2024-03-01", "report obligations --as-of 2025-06-01", "quota --all --year 2024 --as-of 2024-12-31",
                           "report due --as-of 2024-03-01 --within 120"].enumerated() {
            #expect(cli.run(cli.words(query) + ["--format", "json"]).out == answers[i], "\(query) after rebuild")
        }
    }

    /// Policies that change what the reports' candidates are: part-time study owing service, a
    /// tighter quota, a longer floor.
    static let policies: [(String, String)] = [
        ("part-time owes service", #"{"policies": [{"name": "part-time owes", "effectiveFrom": "2014-01-01", "service": {"partTimeMultiplier": 1}}]}"#),
        ("a fifth of the headcount, a year's floor", #"{"policies": [{"name": "tight", "effectiveFrom": "2014-01-01", "quota": {"divisor": 5, "minimum": 2}, "service": {"floorMonths": 12}}]}"#),
    ]

    @Test("under other policies too, the reports from the projection rows agree with a full fold", arguments: policies)
    func otherPolicies(_ name: String, _ policy: String) throws {
        let cli = CLI(); defer { cli.cleanup() }
        let file = generate(cli, seed: 5, name: "h.jsonl")
        let policyFile = cli.dir.appendingPathComponent("policy.json").path
        try policy.write(toFile: policyFile, atomically: true, encoding: .utf8)
        // Import fills an empty ledger; the policy is adopted after it (CLI.md: policies in the ledger).
        cli.ok("import \(file)")
        cli.ok("policy adopt \(policyFile) --on 2014-01-01")
        let head = cli.eventCount()
        for query in ["report on-leave --as-of 2024-03-01", "report obligations --as-of 2025-06-01", "report obligations --all --as-of 2025-12-31",
                      "quota --all --year 2024 --as-of 2024-12-31", "report due --as-of 2025-06-01 --within 90"] {
            let fromProjections = cli.run(cli.words(query) + ["--format", "json"]).out
            let fromFold = cli.run(cli.words(query) + ["--format", "json", "--known-at", "#\(head)"]).out
            #expect(fromProjections == fromFold, "\(name): \(query)")
        }
    }

    @Test("a part-time obligation that a policy creates is listed by report obligations, as obligation shows it")
    func partTimeObligationListed() throws {
        let cli = CLI(); defer { cli.cleanup() }
        let policyFile = cli.dir.appendingPathComponent("policy.json").path
        try Self.policies[0].1.write(toFile: policyFile, atomically: true, encoding: .utf8)
        cli.ok("init --policy \(policyFile)")
        for line in ["agency add HR --name 人事處 --on 2025-01-01", "agency headcount HR --year 2025 --budgeted 20 --on 2025-01-01",
                     "person add H1 --name 處長 --agency HR --head --on 2025-01-01", "person add P1 --name 同仁 --agency HR --on 2025-01-01",
                     "apply B1 --person P1 --mode part-time --sponsor self --hours-per-week 4 --from 2025-09-01 --to 2026-01-31 --on 2025-02-01",
                     "review B1 --work-related yes --on 2025-02-10", "approve B1 --by H1 --on 2025-02-20",
                     "leave start B1 --on 2025-09-01", "leave end B1 --on 2026-01-31", "return B1 --on 2026-02-01"] {
            cli.ok(line)
        }
        let own = try #require(cli.json("obligation P1 --as-of 2026-06-01") as? [String: Any])
        #expect((own["obligations"] as? [[String: Any]])?.count == 1)
        let listed = try #require(cli.json("report obligations --as-of 2026-06-01") as? [[String: Any]])
        #expect(listed.map { $0["application"] as? String } == ["B1"])
    }

    @Test("report obligations agrees with obligation P for every person sampled, at several days and known-at positions, under two policies",
          arguments: [nil, policies[0].1])
    func reportAgreesWithPersonQueries(_ policy: String?) throws {
        let cli = CLI(); defer { cli.cleanup() }
        let file = generate(cli, seed: 7, name: "h.jsonl")
        cli.ok("import \(file)")
        if let policy {
            let policyFile = cli.dir.appendingPathComponent("policy.json").path
            try policy.write(toFile: policyFile, atomically: true, encoding: .utf8)
            cli.ok("policy adopt \(policyFile) --on 2014-01-01")
        }
        let head = cli.eventCount()
        let people = try #require(cli.json("person list") as? [[String: Any]]).compactMap { $0["person"] as? String }
        for (asOf, knownAt) in [("2024-06-30", nil), ("2025-12-31", nil), ("2025-12-31", head / 2)] {
            let k = knownAt.map { " --known-at #\($0)" } ?? ""
            let report = try #require(cli.json("report obligations --as-of \(asOf)\(k)") as? [[String: Any]])
            let listed = Set(report.map { "\($0["person"] as? String ?? "") \($0["application"] as? String ?? "") \($0["remainingDays"] as? Int ?? -1)" })
            var owed = Set<String>()
            for p in people.enumerated().filter({ $0.offset % 9 == 0 }).map(\.element) {
                guard let o = cli.run(cli.words("obligation \(p) --as-of \(asOf)\(k)") + ["--format", "json"]).out.data(using: .utf8),
                      let obj = try? JSONSerialization.jsonObject(with: o) as? [String: Any],
                      let list = obj["obligations"] as? [[String: Any]] else { continue }
                for x in list where x["state"] as? String != "fulfilled" {
                    owed.insert("\(p) \(x["application"] as? String ?? "") \(x["remainingDays"] as? Int ?? -1)")
                }
            }
            let sampled = Set(people.enumerated().filter { $0.offset % 9 == 0 }.map(\.element))
            #expect(listed.filter { sampled.contains(String($0.split(separator: " ")[0])) } == owed, "as of \(asOf)\(k)")
        }
    }

    @Test("with --courses-per-year the history has courses and rosters, keeps the same study-leave decisions, and hours --agency agrees with hours P")
    func learningHours() throws {
        let cli = CLI(); defer { cli.cleanup() }
        let plain = try String(contentsOfFile: generate(cli, seed: 9, name: "plain.jsonl"), encoding: .utf8)
        let file = cli.dir.appendingPathComponent("hours.jsonl").path
        let r = cli.run(["generate", "--agencies", "12", "--people", "400", "--years", "4", "--seed", "9", "--courses-per-year", "3", "--to", file], db: false)
        #expect(r.code == 0, "\(r.err)")
        let hours = try String(contentsOfFile: file, encoding: .utf8)
        // The study-leave decisions, without the positions and times they took: the same (a
        // retraction names its target's position, and people have a profile only with courses).
        func decisions(_ text: String) -> [String] {
            text.split(separator: "\n").compactMap { line in
                guard let obj = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                      let type = obj["type"] as? String,
                      !["CourseAdded", "AttendanceRecorded", "PersonAdded", "EventRetracted"].contains(type) else { return nil }
                let payload = try? JSONSerialization.data(withJSONObject: obj["data"] ?? [:], options: .sortedKeys)
                return type + String(decoding: payload ?? Data(), as: UTF8.self)
            }
        }
        #expect(decisions(plain) == decisions(hours))
        let attendances = hours.components(separatedBy: "\"type\":\"AttendanceRecorded\"").count - 1
        #expect(hours.contains("\"type\":\"CourseAdded\""))
        // 400-odd people, 3 courses a year, 4 years: about 4,800 attendances.
        #expect(attendances > 3_000 && attendances < 7_000, "\(attendances) attendances")
        #expect(hours.contains("\"gender\":\"female\"") && hours.contains("\"category\":\"contract\""))

        cli.ok("import \(file)")
        cli.ok("verify")
        let agencies = (cli.json("agency list") as? [[String: Any]] ?? []).compactMap { $0["agency"] as? String }
        var compared = 0, short = 0
        for a in agencies.prefix(4) {
            let agency = try #require(cli.json("hours --agency \(a) --year 2024") as? [String: Any], "hours --agency \(a)")
            for line in agency["people"] as? [[String: Any]] ?? [] {
                let p = try #require(line["person"] as? String)
                let own = try #require(cli.json("hours \(p) --year 2024") as? [String: Any])
                #expect(own["state"] as? String == line["state"] as? String && own["credited"] as? Double == line["credited"] as? Double, "\(a) \(p)")
                compared += 1
                if own["state"] as? String == "short" { short += 1 }
            }
        }
        #expect(compared > 20, "people compared: \(compared)")
        // Three courses of a few hours a year leave most people short of the minimums.
        #expect(short > 0)
    }
}
