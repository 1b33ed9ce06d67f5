import Foundation
import Testing

@Suite("Queries: as of a day, as known at a moment, in every form")
struct QueryCommandTests {
    @Test("a retraction is seen after its position and not before (--known-at)")
    func retraction() throws {
        let cli = hrOffice(); defer { cli.cleanup() }
        approvedStudy(cli, "A1", person: "P1")           // positions 9..12, approval at 12
        cli.ok("leave start A1 --on 2025-09-01")        // 13
        let refused = cli.fails("retract 12 --reason wrong", code: 1)
        #expect(refused.contains("retract #13 first"))
        cli.ok("retract 13 --reason 誤植")                // 14
        cli.ok("retract 12 --reason 誤植")                // 15
        cli.fails("retract 15 --reason x", code: 1)
        cli.fails("retract 12 --reason again", code: 1)
        cli.fails("retract 99 --reason x", code: 65)
        let now = try #require(cli.json("status P1 --as-of 2025-10-01") as? [String: Any])
        #expect((now["applications"] as? [[String: Any]])?.first?["state"] as? String == "submitted")
        let then = try #require(cli.json("status P1 --as-of 2025-10-01 --known-at #13") as? [String: Any])
        #expect((then["applications"] as? [[String: Any]])?.first?["state"] as? String == "on-leave")
        let history = try #require(cli.json("history --application A1") as? [[String: Any]])
        #expect(history.filter { $0["retracted"] as? Bool == true }.compactMap { $0["position"] as? Int } == [12, 13])
        let old = try #require(cli.json("history --application A1 --known-at #13") as? [[String: Any]])
        #expect(old.allSatisfy { $0["retracted"] as? Bool == false } && old.count == 5)
    }

    @Test("--known-at takes a timestamp: before the first event nothing is known")
    func knownAtTime() throws {
        let cli = hrOffice(); defer { cli.cleanup() }
        let r = cli.run("status P1 --known-at 2000-01-01T00:00:00Z")
        #expect(r.code == 65)
        cli.fails("status P1 --known-at yesterday", code: 64)
        let o = try #require(cli.json("status P1 --known-at 2999-01-01") as? [String: Any])
        #expect(o["agency"] as? String == "HR")
    }

    @Test("CSV opens in a spreadsheet: a BOM, a header row, quoted commas")
    func csv() {
        let cli = hrOffice(); defer { cli.cleanup() }
        cli.ok("agency add CO --name \"Tax, Customs\" --on 2025-01-01")
        cli.ok("agency headcount CO --year 2025 --budgeted 4 --on 2025-01-01")
        let out = cli.run(["quota", "--all", "--year", "2025", "--format", "csv"]).out
        #expect(out.hasPrefix("\u{FEFF}Agency,Agency name,Year,Budgeted,Cap,Used,Headroom,Pending,Holders\r\n"))
        #expect(out.contains("CO,\"Tax, Customs\",2025,"))
    }

    @Test("ROC calendar and zh-TW labels in tables; JSON stays ISO")
    func rocAndChinese() {
        let cli = hrOffice(); defer { cli.cleanup() }
        approvedStudy(cli, "A1", person: "P1")
        let t = cli.run(["status", "P1", "--calendar", "roc", "--lang", "zh-TW"]).out
        #expect(t.contains("114/09/01") && t.contains("全時進修") && t.contains("選送") && t.contains("已核准"))
        let j = cli.run(["status", "P1", "--calendar", "roc", "--format", "json"]).out
        #expect(j.contains("\"from\":\"2025-09-01\""))
    }

    @Test("unknown people, agencies and applications are bad data (65)", arguments: [
        "status NOBODY", "obligation NOBODY", "history NOBODY", "history --application NOAPP", "quota NOPE --year 2025",
    ])
    func unknowns(line: String) {
        let cli = hrOffice(); defer { cli.cleanup() }
        cli.fails(line, code: 65)
    }

    @Test("explain shows the arithmetic with its article and positions")
    func explain() {
        let cli = hrOffice(); defer { cli.cleanup() }
        approvedStudy(cli, "A1", person: "P1")
        cli.ok("leave start A1 --on 2025-09-01")
        cli.ok("leave end A1 --on 2026-08-31")
        cli.ok("return A1 --on 2026-09-01")
        let out = cli.ok("obligation P1 --explain")
        #expect(out.contains("Act 15: 2 × 365 paid days = 730 ≥ floor 181"))
        let q = cli.ok("quota HR --year 2025 --explain")
        #expect(q.contains("Rules 10: cap = max(1, floor(25 / 10)) = 2  [#3]"))
    }
}

@Suite("Bitemporal answers say so")
struct SeenHeadingTests {
    @Test("with --known-at or another --as-of, a table heads with when it looks and JSON carries asOf and knownAt; today's answer has neither")
    func heading() throws {
        let cli = hrOffice(); defer { cli.cleanup() }
        approvedStudy(cli, "A1", person: "P1")
        let today = cli.ok("status P1")
        #expect(!today.contains("as of"))
        #expect((try #require(cli.json("status P1") as? [String: Any]))["knownAt"] == nil)
        let earlier = cli.ok("status P1 --known-at #9")
        #expect(earlier.hasPrefix("as of 2026-11-22, as known at #9 (2026-"))
        #expect(earlier.split(separator: "\n").first?.hasSuffix("+08:00)") == true)
        let o = try #require(cli.json("status P1 --known-at #9 --as-of 2025-03-01") as? [String: Any])
        #expect(o["asOf"] as? String == "2025-03-01" && o["knownAt"] as? Int == 9)
        #expect((o["knownAtTime"] as? String)?.hasSuffix("Z") == true)
        #expect(cli.ok("quota HR --year 2025 --as-of 2025-03-01 --lang zh-TW").hasPrefix("資料日期 2025-03-01"))
        #expect(cli.ok("quota HR --year 2025 --calendar roc").contains("  114  "))
    }
}
