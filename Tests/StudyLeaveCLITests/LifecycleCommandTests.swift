import Foundation
import Testing

@Suite("A study from application to return, end to end")
struct LifecycleCommandTests {
    func state(_ cli: CLI, _ person: String, asOf: String? = nil) throws -> (String, [String]) {
        let o = try #require(cli.json("status \(person)" + (asOf.map { " --as-of \($0)" } ?? "")) as? [String: Any])
        let apps = (o["applications"] as? [[String: Any]] ?? []).map { $0["state"] as? String ?? "?" }
        return (o["state"] as? String ?? "?", apps)
    }

    @Test("the happy path moves the person through every state")
    func happyPath() throws {
        let cli = hrOffice(); defer { cli.cleanup() }
        cli.ok("apply A1 --person P1 --mode full-time --sponsor selected --from 2025-09-01 --to 2026-08-31 --on 2025-02-01")
        #expect(try state(cli, "P1") == ("on-duty", ["submitted"]))
        cli.ok("review A1 --work-related yes --on 2025-02-10")
        cli.ok("screen A1 --result pass --on 2025-02-15")
        cli.ok("approve A1 --by H1 --on 2025-02-20")
        cli.ok("leave start A1 --on 2025-09-01")
        cli.ok("leave end A1 --on 2026-08-31")
        cli.ok("return A1 --on 2026-09-01")
        #expect(try state(cli, "P1", asOf: "2025-03-01") == ("on-duty", ["approved"]))
        #expect(try state(cli, "P1", asOf: "2025-10-01") == ("on-study-leave", ["on-leave"]))
        #expect(try state(cli, "P1", asOf: "2026-08-31") == ("on-study-leave", ["on-leave"]))
        #expect(try state(cli, "P1", asOf: "2026-09-01") == ("on-duty", ["returned"]))
        // Act 15: 365 paid days owe 730; served from 2026-09-01 to 2026-11-21 = 82 days.
        let o = try #require(cli.json("obligation P1 --as-of 2026-11-22") as? [String: Any])
        let ob = try #require((o["obligations"] as? [[String: Any]])?.first)
        #expect(ob["paidDays"] as? Int == 365)
        #expect(ob["requiredDays"] as? Int == 730)
        #expect(ob["servedDays"] as? Int == 82)
        #expect(ob["remainingDays"] as? Int == 648)
        #expect(ob["endsOn"] as? String == "2028-08-30")
        #expect(ob["state"] as? String == "serving")
    }

    @Test("the approval chain: finding, screening, the right head")
    func approvalChain() {
        let cli = hrOffice(); defer { cli.cleanup() }
        cli.ok("apply A1 --person P1 --mode full-time --sponsor selected --from 2025-09-01 --to 2026-08-31 --on 2025-02-01")
        #expect(cli.fails("approve A1 --by H1 --on 2025-02-20", code: 1).contains("work-related"))
        cli.ok("review A1 --work-related yes --on 2025-02-10")
        #expect(cli.fails("approve A1 --by H1 --on 2025-02-20", code: 1).contains("screening"))
        cli.ok("screen A1 --result pass --on 2025-02-15")
        #expect(cli.fails("approve A1 --by P2 --on 2025-02-20", code: 1).contains("not the head of HR"))
        cli.fails("approve A1 --by P1 --on 2025-02-20", code: 1)
        cli.fails("approve A1 --by NOBODY --on 2025-02-20", code: 65)
        cli.fails("approve NOAPP --by H1 --on 2025-02-20", code: 65)
        #expect(cli.fails("approve A1 --by H1 --on 2025-09-01", code: 1).contains("before the study starts"))
        cli.ok("approve A1 --by H1 --on 2025-02-20")
        cli.fails("approve A1 --by H1 --on 2025-02-21", code: 1)
    }

    @Test("a head's own application is approved by the parent agency's head")
    func headApplication() {
        let cli = hrOffice(); defer { cli.cleanup() }
        cli.ok("apply AH --person H1 --mode part-time --sponsor self --hours-per-week 4 --from 2025-09-01 --to 2026-01-31 --on 2025-02-01")
        cli.ok("review AH --work-related yes --on 2025-02-10")
        cli.fails("approve AH --by H1 --on 2025-02-20", code: 1)
        #expect(cli.fails("approve AH --by P1 --on 2025-02-20", code: 1).contains("head of TYCG"))
        cli.ok("approve AH --by MAYOR --on 2025-02-20")
    }

    @Test("the quota: cap = max(1, floor(budgeted/10)); the last place goes once; withdrawal frees it")
    func quota() throws {
        let cli = hrOffice(budgeted: 19); defer { cli.cleanup() }  // cap 1
        approvedStudy(cli, "A1", person: "P1")
        cli.ok("apply A2 --person P2 --mode part-time --sponsor self --hours-per-week 8 --from 2025-09-01 --to 2026-06-30 --on 2025-02-01")
        cli.ok("review A2 --work-related yes --on 2025-02-10")
        let err = cli.fails("approve A2 --by H1 --on 2025-02-20", code: 1)
        #expect(err == "error: quota for HR in 2025 is full: cap 1 (budgeted 19), used 1, held by P1 (A1)\n")
        // Off-hours study is never counted.
        cli.ok("apply A3 --person P3 --mode off-hours --sponsor self --from 2025-09-01 --to 2026-06-30 --on 2025-02-01")
        cli.ok("review A3 --work-related yes --on 2025-02-10")
        cli.ok("approve A3 --by H1 --on 2025-02-20")
        let q = try #require(cli.json("quota HR --year 2025 --as-of 2025-03-01") as? [String: Any])
        #expect(q["cap"] as? Int == 1 && q["used"] as? Int == 1 && q["headroom"] as? Int == 0 && q["pending"] as? Int == 1)
        cli.ok("withdraw A1 --on 2025-03-01")
        cli.ok("approve A2 --by H1 --on 2025-03-02")
        // A year without a headcount: a clear refusal, and nulls in the query.
        cli.ok("apply A4 --person P3 --mode full-time --sponsor self --from 2026-09-01 --to 2027-06-30 --on 2025-02-01")
        cli.ok("review A4 --work-related yes --on 2025-02-10")
        #expect(cli.fails("approve A4 --by H1 --on 2025-03-01", code: 1).contains("no budgeted headcount recorded for HR in 2026"))
        let q26 = try #require(cli.json("quota HR --year 2026") as? [String: Any])
        #expect(q26["cap"] is NSNull && q26["budgeted"] is NSNull && q26["headroom"] is NSNull)
    }

    @Test("limits the application itself breaks are refused at apply", arguments: [
        ("apply X --person P1 --mode full-time --sponsor selected --from 2025-09-01 --to 2027-09-01 --on 2025-02-01", Int32(1), "2027-08-31"),
        ("apply X --person P1 --mode full-time --sponsor self --from 2025-09-01 --to 2026-09-01 --on 2025-02-01", 1, "2026-08-31"),
        ("apply X --person P1 --mode full-time --sponsor selected --abroad --programme research --from 2025-09-01 --to 2026-03-01 --on 2025-02-01", 1, "6 months"),
        ("apply X --person P1 --mode part-time --sponsor self --hours-per-week 9 --from 2025-09-01 --to 2026-03-01 --on 2025-02-01", 1, "8 hours"),
        ("apply X --person P1 --mode part-time --sponsor self --from 2025-09-01 --to 2026-03-01 --on 2025-02-01", 64, "--hours-per-week"),
        ("apply X --person P1 --mode full-time --sponsor selected --abroad --from 2025-09-01 --to 2026-03-01 --on 2025-02-01", 64, "--programme"),
        ("apply X --person P1 --mode full-time --sponsor selected --from 2025-09-01 --to 2025-08-01 --on 2025-02-01", 65, "before it starts"),
        ("apply X --person NOBODY --mode off-hours --sponsor self --from 2025-09-01 --to 2026-03-01 --on 2025-02-01", 65, "NOBODY"),
    ])
    func applyLimits(line: String, code: Int32, mentions: String) {
        let cli = hrOffice(); defer { cli.cleanup() }
        #expect(cli.fails(line, code: code).contains(mentions))
    }

    @Test("order: no leave before approval, no end before start, no return before the end")
    func order() {
        let cli = hrOffice(); defer { cli.cleanup() }
        cli.ok("apply A1 --person P1 --mode full-time --sponsor self --from 2025-09-01 --to 2026-08-31 --on 2025-02-01")
        cli.fails("leave start A1 --on 2025-09-01", code: 1)
        cli.ok("review A1 --work-related yes --on 2025-02-10")
        cli.ok("approve A1 --by H1 --on 2025-02-20")
        cli.fails("leave end A1 --on 2025-09-01", code: 1)
        cli.fails("return A1 --on 2025-09-01", code: 1)
        cli.fails("leave start A1 --on 2025-08-31", code: 1)
        cli.ok("leave start A1 --on 2025-09-01")
        cli.fails("withdraw A1 --on 2025-09-02", code: 1)
        cli.fails("leave end A1 --on 2026-09-01", code: 1)
        cli.ok("leave end A1 --on 2026-03-31")
        cli.fails("return A1 --on 2026-03-31", code: 1)
        cli.ok("return A1 --on 2026-04-01")
    }

    @Test("an extension is unpaid and held to its limit")
    func extensions() throws {
        let cli = hrOffice(); defer { cli.cleanup() }
        approvedStudy(cli, "A1", person: "P1", from: "2025-09-01", to: "2026-08-31")
        cli.ok("leave start A1 --on 2025-09-01")
        cli.fails("leave extend A1 --until 2027-09-01 --by H1 --on 2026-06-01", code: 1)
        cli.fails("leave extend A1 --until 2027-01-31 --by P2 --on 2026-06-01", code: 1)
        cli.ok("leave extend A1 --until 2027-01-31 --by H1 --on 2026-06-01")
        cli.ok("leave end A1 --on 2027-01-31")
        cli.ok("return A1 --on 2027-02-01")
        // Paid 365 days; 2026-09-01..2027-01-31 = 153 unpaid days: 730 + 153 = 883 owed.
        let o = try #require(cli.json("obligation P1 --as-of 2027-02-01") as? [String: Any])
        let ob = try #require((o["obligations"] as? [[String: Any]])?.first)
        #expect(ob["paidDays"] as? Int == 365 && ob["unpaidDays"] as? Int == 153 && ob["requiredDays"] as? Int == 883)
    }

    @Test("a resignation half-way repays half, rounded half up; a waiver clears it")
    func resignation() throws {
        let cli = hrOffice(); defer { cli.cleanup() }
        // 30 paid days (2025-09-01..2025-09-30): floor from 2025-10-01 is 182 days > 60 → 182 owed.
        approvedStudy(cli, "A1", person: "P1", from: "2025-09-01", to: "2025-09-30")
        cli.ok("leave start A1 --on 2025-09-01")
        cli.ok("leave end A1 --on 2025-09-30")
        cli.ok("return A1 --on 2025-10-01")
        cli.ok("pay A1 --salary 100001 --subsidy 0 --on 2025-10-01")
        // Leaves on 2025-12-31: served 2025-10-01..2025-12-30 = 91 days; remaining 91 of 182.
        cli.ok("person separate P1 --on 2025-12-31 --reason resignation")
        let o = try #require(cli.json("obligation P1 --as-of 2026-01-05") as? [String: Any])
        let ob = try #require((o["obligations"] as? [[String: Any]])?.first)
        #expect(ob["requiredDays"] as? Int == 182 && ob["servedDays"] as? Int == 91)
        #expect(ob["state"] as? String == "breached")
        // 100,001 × 91 ÷ 182 = 50,000.5 → 50,001.
        #expect(ob["repaymentDue"] as? Int == 50001)
        cli.fails("waive A1 --reason x --on 2025-12-01", code: 1)
        cli.ok("waive A1 --reason 罹患重病 --on 2026-01-05")
        let w = try #require(cli.json("obligation P1 --as-of 2026-01-06") as? [String: Any])
        let wb = try #require((w["obligations"] as? [[String: Any]])?.first)
        #expect(wb["state"] as? String == "waived" && wb["repaymentDue"] as? Int == 0)
    }
}
