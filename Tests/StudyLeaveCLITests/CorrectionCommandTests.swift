import Foundation
import Testing

/// Issue 16: `retract 33` (a typo for 34) printed only "EventRetracted of #33 ReturnedToDuty".
@Suite("Corrections you can see: whose event, what changes, a dry run, how to repair")
struct CorrectionCommandTests {
    /// A study returned from, paid, then left early: a repayment is due.
    func leftEarly() -> CLI {
        let cli = hrOffice()
        approvedStudy(cli, "A1", person: "P1")
        cli.ok("leave start A1 --on 2025-09-01")
        cli.ok("leave end A1 --on 2026-08-31")
        cli.ok("return A1 --on 2026-09-01")
        cli.ok("pay A1 --salary 680000 --subsidy 0 --on 2026-09-15")
        cli.ok("person separate P1 --reason resignation --on 2026-11-01")
        return cli
    }

    func position(_ cli: CLI, _ type: String) throws -> Int {
        let h = try #require(cli.json("history P1") as? [[String: Any]])
        return try #require(h.last(where: { $0["type"] as? String == type })?["position"] as? Int)
    }

    @Test("a dry run names the event, the person and the application, shows each figure before -> after, and records nothing")
    func dryRun() throws {
        let cli = leftEarly(); defer { cli.cleanup() }
        let back = try position(cli, "ReturnedToDuty")
        let before = cli.eventCount()
        let out = cli.ok("retract \(back) --reason 誤登 --dry-run")
        #expect(out.contains("would retract #\(back) ReturnedToDuty of P1 同仁P1 (A1), on 2026-09-01"))
        #expect(out.contains("obligation A1 repaymentDue: "))
        #expect(out.contains("dry run: nothing was recorded"))
        #expect(cli.eventCount() == before)
        let o = try #require(cli.json("retract \(back) --reason 誤登 --dry-run") as? [String: Any])
        #expect(o["dryRun"] as? Bool == true && o["position"] == nil)
        let changes = try #require(o["changes"] as? [[String: Any]])
        // Without the return, leaving is "not returning" (Act 14): the whole sum is due.
        let due = try #require(changes.first { $0["figure"] as? String == "repaymentDue" })
        #expect(due["after"] as? String == "680000")
        #expect(Int(due["before"] as? String ?? "") ?? 0 < 680000)
    }

    @Test("the retraction itself says what it changed and how to repair it; recording the event again repairs it")
    func retractAndRepair() throws {
        let cli = leftEarly(); defer { cli.cleanup() }
        let back = try position(cli, "ReturnedToDuty")
        let before = try #require(cli.json("obligation P1") as? [String: Any])
        let out = cli.ok("retract \(back) --reason 誤登")
        #expect(out.contains("retracting #\(back) ReturnedToDuty of P1"))
        #expect(out.contains("recorded #"))
        #expect(out.contains("A retraction is final; to undo it, record the event again: studyleave return A1 --on 2026-09-01"))
        // P1 has left since, and after a separation only pay, waive and retract may be recorded for
        // them (RULES.md §6): the separation is taken back first, then both are recorded again.
        let sep = try position(cli, "PersonSeparated")
        cli.ok("retract \(sep) --reason 順序更正")
        cli.ok("return A1 --on 2026-09-01")
        cli.ok("person separate P1 --reason resignation --on 2026-11-01")
        let after = try #require(cli.json("obligation P1") as? [String: Any])
        let a = (after["obligations"] as? [[String: Any]])?.first, b = (before["obligations"] as? [[String: Any]])?.first
        #expect(a?["repaymentDue"] as? Int == b?["repaymentDue"] as? Int)
    }

    @Test("a retraction of a retraction is refused; nothing is recorded")
    func final() throws {
        let cli = leftEarly(); defer { cli.cleanup() }
        let pay = try position(cli, "PaymentRecorded")
        cli.ok("retract \(pay) --reason 重複")
        let retraction = try position(cli, "EventRetracted")
        cli.fails("retract \(retraction) --reason 再更正 --dry-run", code: 1)
        cli.fails("retract \(retraction) --reason 再更正", code: 1)
    }

    @Test("in zh-TW the preview, the figures and the repair are in zh-TW, with ROC dates under --calendar roc")
    func zhTW() throws {
        let cli = leftEarly(); defer { cli.cleanup() }
        let back = try position(cli, "ReturnedToDuty")
        let out = cli.ok("retract \(back) --reason 誤登 --dry-run --lang zh-TW --calendar roc")
        #expect(out.contains("試算撤銷 #\(back) 返職（P1 同仁P1 (A1)），發生日 115/09/01"))
        #expect(out.contains("繼續服務 A1 應賠償金額: "))
        #expect(out.contains("試算：未記錄任何事件"))
        #expect(out.contains("撤銷後不能再撤銷；如需回復，請重新記錄該事件：studyleave return A1 --on 2026-09-01"))
        #expect(!out.contains("would retract") && !out.contains("dry run"))
        let done = cli.ok("retract \(back) --reason 誤登 --lang zh-TW")
        #expect(done.contains("已記錄 #") && done.contains("撤銷更正：撤銷 #\(back) 返職"))
        let again = cli.ok("agency add X9 --name 測試 --lang zh-TW")
        #expect(again.hasPrefix("已記錄 #") && again.contains("新增機關 X9"))
    }
}
