import Foundation
import Testing

/// Issue 14, `report due`: what an HR office must act on this month, from worked examples.
@Suite("report due: undecided studies, leave ending, returns not reported, obligations ending")
struct DueReportCommandTests {
    func rows(_ cli: CLI, _ args: String) throws -> [[String: Any]] {
        try #require(cli.json("report due " + args) as? [[String: Any]])
    }

    func kinds(_ rows: [[String: Any]]) -> [String] { rows.map { "\($0["kind"] as? String ?? "") \($0["application"] as? String ?? "") \($0["due"] as? String ?? "")" } }

    @Test("an undecided study shows from when its start falls in the window, due the day before it starts; its approval removes the row")
    func undecided() throws {
        let cli = hrOffice(); defer { cli.cleanup() }
        cli.ok("apply A1 --person P1 --mode full-time --sponsor selected --from 2025-09-01 --to 2026-08-31 --on 2025-02-01")
        // The window's edges: 2025-07-03 + 60 days = 2025-09-01, the first day: in; a day earlier: out.
        #expect(kinds(try rows(cli, "--as-of 2025-07-02")) == [])
        let r = try rows(cli, "--as-of 2025-07-03")
        #expect(kinds(r) == ["undecided A1 2025-08-31"])
        #expect(r.first?["detail"] as? String == "starts 2025-09-01 undecided; needs finding (review), screening (screen), decision (approve/reject)")
        #expect(kinds(try rows(cli, "--as-of 2025-08-02 --within 30")) == ["undecided A1 2025-08-31"])
        #expect(kinds(try rows(cli, "--as-of 2025-08-01 --within 30")) == [])
        cli.ok("review A1 --work-related yes --on 2025-02-10")
        cli.ok("screen A1 --result pass --on 2025-02-15")
        #expect((try rows(cli, "--as-of 2025-07-03")).first?["detail"] as? String == "starts 2025-09-01 undecided; needs decision (approve/reject)")
        cli.ok("approve A1 --by H1 --on 2025-02-20")
        #expect(kinds(try rows(cli, "--as-of 2025-07-03")) == [])
        // Known before the approval, it was there.
        let beforeApproval = cli.eventCount() - 1
        #expect(kinds(try rows(cli, "--as-of 2025-07-03 --known-at #\(beforeApproval)")) == ["undecided A1 2025-08-31"])
    }

    @Test("leave ending within the window, then a return overdue however long ago, then the obligation's last day")
    func leaveReturnObligation() throws {
        let cli = hrOffice(); defer { cli.cleanup() }
        approvedStudy(cli, "A1", person: "P1")
        cli.ok("leave start A1 --on 2025-09-01")
        #expect(kinds(try rows(cli, "--as-of 2026-07-01")) == [])
        #expect(kinds(try rows(cli, "--as-of 2026-07-02")) == ["leave-ends A1 2026-08-31"])
        cli.ok("leave end A1 --on 2026-08-31")
        // Not returned: due the day after the leave end, listed years later, whatever the window.
        #expect(kinds(try rows(cli, "--as-of 2029-01-01 --within 0")) == ["return-due A1 2026-09-01"])
        let zh = cli.ok("report due --as-of 2029-01-01 --lang zh-TW --calendar roc")
        #expect(zh.contains("應返職") && zh.contains("115/09/01") && zh.contains("尚未記錄返職"))
        cli.ok("return A1 --on 2026-09-01")
        #expect(kinds(try rows(cli, "--as-of 2029-01-01")) == [])
        // 365 paid days owe 730 (Act 15): from 2026-09-01, the last day owed is 2028-08-30.
        let o = try #require((cli.json("obligation P1") as? [String: Any])?["obligations"] as? [[String: Any]])
        let ends = try #require(o.first?["endsOn"] as? String)
        #expect(kinds(try rows(cli, "--as-of 2028-07-01")) == ["obligation-ends A1 \(ends)"])
        #expect(kinds(try rows(cli, "--as-of 2028-07-01 --agency HR")).count == 1)
        #expect(kinds(try rows(cli, "--as-of 2028-07-01 --agency TYCG")) == [])
        let csv = cli.ok("report due --as-of 2028-07-01 --format csv")
        #expect(csv.hasPrefix("\u{FEFF}Due on,Kind,Agency,Person,Name,Application,Detail\r\n"))
    }

    @Test("a retraction: the row is gone now, and there as known before it")
    func retraction() throws {
        let cli = hrOffice(); defer { cli.cleanup() }
        approvedStudy(cli, "A1", person: "P1")
        cli.ok("leave start A1 --on 2025-09-01")
        cli.ok("leave end A1 --on 2026-08-31")
        cli.ok("return A1 --on 2026-09-01")
        let back = cli.eventCount()
        cli.ok("retract \(back) --reason 誤登")
        #expect(kinds(try rows(cli, "--as-of 2026-10-01")) == ["return-due A1 2026-09-01"])
        #expect(kinds(try rows(cli, "--as-of 2026-10-01 --known-at #\(back)")) == [])
    }

    @Test("bad input: an unknown agency, a negative or huge window, a window that is not a number")
    func badInput() {
        let cli = hrOffice(); defer { cli.cleanup() }
        cli.fails("report due --agency NOPE", code: 65)
        cli.fails("report due --within -1", code: 65)
        cli.fails("report due --within 99999", code: 65)
        cli.fails("report due --within soon", code: 64)
    }
}
