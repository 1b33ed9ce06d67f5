import Foundation
import Testing

/// Issue 16: `--lang zh-TW` throughout: refusals with their next step, explanations, states, headers.
@Suite("zh-TW throughout, and refusals that give the next step")
struct ZhTWCommandTests {
    @Test("a refusal gives the next step: a leave started twice names its position to retract; one not approved names what it needs")
    func nextSteps() throws {
        let cli = hrOffice(); defer { cli.cleanup() }
        cli.ok("apply A1 --person P1 --mode full-time --sponsor selected --from 2025-09-01 --to 2026-08-31 --on 2025-02-01")
        let needs = cli.fails("leave start A1 --on 2025-09-01", code: 1)
        #expect(needs.contains("it needs the work-related finding ('review') and an approval ('approve') first"))
        cli.ok("review A1 --work-related yes --on 2025-02-10")
        cli.ok("screen A1 --result pass --on 2025-02-15")
        cli.ok("approve A1 --by H1 --on 2025-02-20")
        let start = try #require(cli.json("leave start A1 --on 2025-09-01") as? [String: Any])
        let position = try #require(start["position"] as? Int)
        let twice = cli.fails("leave start A1 --on 2025-09-02", code: 1)
        #expect(twice.contains("it was started on 2025-09-01 (#\(position)); to correct that, studyleave retract \(position)"))
        // The same in zh-TW, with the same code.
        let zh = cli.fails("leave start A1 --on 2025-09-02 --lang zh-TW", code: 1)
        #expect(zh.contains("申請案 A1 目前為「進修中」") && zh.contains("studyleave retract \(position)"))
    }

    @Test("a full quota names who holds the places, in both languages")
    func quotaHolders() {
        let cli = hrOffice(budgeted: 9); defer { cli.cleanup() }   // cap 1
        approvedStudy(cli, "A1", person: "P1")
        cli.ok("apply A2 --person P2 --mode full-time --sponsor self --from 2025-09-01 --to 2026-06-30 --on 2025-02-01")
        cli.ok("review A2 --work-related yes --on 2025-02-10")
        #expect(cli.fails("approve A2 --by H1 --on 2025-02-20", code: 1).contains("held by P1 (A1)"))
        #expect(cli.fails("approve A2 --by H1 --on 2025-02-20 --lang zh-TW", code: 1).contains("名額為 P1（A1） 所占"))
    }

    @Test("explanations, ledger errors and date errors in zh-TW keep their figures and exit codes")
    func explanationsAndErrors() {
        let cli = hrOffice(); defer { cli.cleanup() }
        approvedStudy(cli, "A1", person: "P1")
        cli.ok("leave start A1 --on 2025-09-01")
        cli.ok("leave end A1 --on 2026-08-31")
        cli.ok("return A1 --on 2026-09-01")
        let out = cli.ok("obligation P1 --explain --lang zh-TW")
        #expect(out.contains("訓練進修法第15條：2 × 365 帶薪日數 = 730"))
        #expect(out.contains("應服務日數 = 730 日"))
        #expect(cli.ok("quota HR --year 2025 --explain --lang zh-TW").contains("施行細則第10條：上限 = max(1, floor(25 / 10)) = 2"))
        #expect(cli.fails("status P1 --as-of 2025/13/01 --lang zh-TW", code: 65).contains("不是曆上的日子"))
        let missing = cli.run(["status", "P1", "--lang", "zh-TW", "--db", cli.dir.appendingPathComponent("nowhere.db").path], db: false)
        #expect(missing.code == 74 && missing.err.contains("請先執行 studyleave init"))
        #expect(cli.fails("status NOBODY --lang zh-TW", code: 65).contains("帳本中沒有人員 NOBODY"))
    }

    @Test("a command line that does not parse is worded in zh-TW too, on one line, with exit 64")
    func usageErrors() {
        let cli = hrOffice(); defer { cli.cleanup() }
        #expect(cli.fails("quota HR --lang zh-TW", code: 64) == "error: 缺少必要的參數 --year <year>（請見 studyleave help）\n")
        #expect(cli.fails("status P1 P2 --lang zh-TW", code: 64).contains("多餘的參數 P2"))
        #expect(cli.fails("person add X --name x --agency HR --gender z --lang zh-TW", code: 64).contains("--gender <gender> 不接受「z」：請用 'female' and 'male'"))
        #expect(cli.fails("quota --year 2025 --lang zh-TW", code: 64).contains("請指定機關，或給 --all"))
        // The English keeps ArgumentParser's words, the allowed values on the same line.
        #expect(cli.fails("course add X --name x --hours 1 --from 2025-01-01 --to 2025-01-01 --topic nope", code: 64)
            .contains("Please provide one of the following: work, policy, statutory, democratic, gender, environment, general"))
    }

    @Test("history in zh-TW names who retracted an event in zh-TW")
    func retractedBy() throws {
        let cli = hrOffice(); defer { cli.cleanup() }
        approvedStudy(cli, "A1", person: "P1")
        cli.ok("pay A1 --salary 1000 --subsidy 0 --on 2025-03-01")
        let h = try #require(cli.json("history P1") as? [[String: Any]])
        let pay = try #require(h.last?["position"] as? Int)
        cli.ok("retract \(pay) --reason 誤登")
        #expect(cli.ok("history P1 --lang zh-TW").contains("由 #\(pay + 1)"))
    }
}
