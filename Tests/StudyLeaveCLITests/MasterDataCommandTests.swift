import Foundation
import Testing

@Suite("Agencies and people: every refusal with its exit code")
struct MasterDataCommandTests {
    @Test("ids are unique; what a record names must exist")
    func uniquenessAndReferences() {
        let cli = hrOffice(); defer { cli.cleanup() }
        #expect(cli.fails("agency add HR --name again --on 2025-01-01", code: 1).contains("agency HR already exists"))
        cli.fails("agency add X --name x --parent NOPE --on 2025-01-01", code: 65)
        #expect(cli.fails("person add P1 --name again --agency HR --on 2025-01-01", code: 1).contains("person P1 already exists"))
        cli.fails("person add P9 --name x --agency NOPE --on 2025-01-01", code: 65)
        cli.fails("agency headcount NOPE --year 2025 --budgeted 3 --on 2025-01-01", code: 65)
    }

    @Test("one head per agency")
    func oneHead() {
        let cli = hrOffice(); defer { cli.cleanup() }
        #expect(cli.fails("person add H2 --name 副處長 --agency HR --head --on 2025-01-01", code: 1).contains("already has a head (H1)"))
    }

    @Test("a headcount is a whole number of 0 or more", arguments: [("=-1", Int32(65)), (" -1", 65), (" abc", 64), (" 2.5", 64), (" 1,000", 64)])
    func headcountValues(value: String, code: Int32) {
        let cli = hrOffice(); defer { cli.cleanup() }
        cli.fails("agency headcount HR --year 2026 --budgeted\(value) --on 2025-01-01", code: code)
    }

    @Test("a transfer goes to an existing, different agency")
    func transfers() {
        let cli = hrOffice(); defer { cli.cleanup() }
        cli.fails("person transfer P1 --to HR --on 2025-06-01", code: 1)
        cli.fails("person transfer P1 --to NOPE --on 2025-06-01", code: 65)
        cli.fails("person transfer NOPE --to TYCG --on 2025-06-01", code: 65)
        cli.ok("person transfer P1 --to TYCG --on 2025-06-01")
    }

    @Test("nothing is recorded for a separated person")
    func separated() {
        let cli = hrOffice(); defer { cli.cleanup() }
        cli.ok("person separate P1 --on 2025-06-01 --reason resignation")
        cli.fails("person separate P1 --on 2025-07-01 --reason retirement", code: 1)
        cli.fails("person transfer P1 --to TYCG --on 2025-07-01", code: 1)
        cli.fails("apply A9 --person P1 --mode off-hours --sponsor self --from 2025-09-01 --to 2025-12-31 --on 2025-07-01", code: 1)
        cli.fails("person separate P2 --on 2025-07-01 --reason sacked", code: 64)
    }

    @Test("bad ids, dates and values are refused with a clear line", arguments: [
        ("agency add \"A B\" --name x --on 2025-01-01", Int32(65)),
        ("agency add A:B --name x --on 2025-01-01", 65),
        ("agency add AB --name x --on 2025-02-30", 65),
        ("agency add AB --name x --on 2025/13/01", 65),
        ("agency add AB --name x --on yesterday", 64),
        ("agency add AB --name x --on 2027-12-01", 65),
        ("agency add AB --name \"\" --on 2025-01-01", 64),
        ("agency add AB --on 2025-01-01", 64),
        ("agency frobnicate AB", 64),
        ("person add P9 --name x --agency HR --on 2025-01-01 --head --bogus", 64),
    ])
    func badInput(line: String, code: Int32) {
        let cli = hrOffice(); defer { cli.cleanup() }
        cli.fails(line, code: code)
    }

    @Test("ROC dates are read as year + 1911")
    func rocDates() throws {
        let cli = hrOffice(); defer { cli.cleanup() }
        cli.ok("agency add ROC --name 民國 --on 114/03/01")
        let out = cli.run(["export"]).out
        #expect(out.contains(#""on":"2025-03-01","position":9"#))
    }

    @Test("a repeated request id records nothing new and answers with the first recording")
    func requestId() throws {
        let cli = hrOffice(); defer { cli.cleanup() }
        let first = try #require(cli.json("agency add AX --name x --on 2025-01-01 --request-id add-ax") as? [String: Any])
        let again = try #require(cli.json("agency add AX --name x --on 2025-01-01 --request-id add-ax") as? [String: Any])
        #expect(first["position"] as? Int == 9)
        #expect(again["position"] as? Int == 9)
        #expect(again["duplicate"] as? Bool == true)
        #expect(cli.eventCount() == 9)
        #expect(cli.ok("agency add AX --name x --on 2025-01-01 --request-id add-ax").contains("already recorded as #9"))
    }
}

@Suite("Numbers as officers type them")
struct NumberMessagesTests {
    @Test("--salary -5 says what a salary is; --salary 60,000 says to leave out the commas")
    func moneyMessages() {
        let cli = hrOffice(); defer { cli.cleanup() }
        approvedStudy(cli, "A1", person: "P1")
        #expect(cli.fails("pay A1 --salary -5 --subsidy 0 --on 2025-09-30", code: 65).contains("must be a whole number of NTD, 0 or more"))
        #expect(cli.fails("pay A1 --salary 60,000 --subsidy 0 --on 2025-09-30", code: 64).contains("digits only, without commas (60000)"))
        cli.ok("pay A1 --salary 60000 --subsidy 0 --on 2025-09-30")
    }

    @Test("part-time study of 0 hours a week is refused with the range (Rules 11)")
    func zeroHours() {
        let cli = hrOffice(); defer { cli.cleanup() }
        let err = cli.fails("apply B1 --person P1 --mode part-time --sponsor self --hours-per-week 0 --from 2025-09-01 --to 2026-01-31 --on 2025-02-01", code: 65)
        #expect(err.contains("1 to 8"))
    }
}
