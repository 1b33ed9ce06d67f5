import Foundation
import Testing

/// Issue 16: nothing listed people, agencies or the applications awaiting a decision.
@Suite("Look-ups: agencies, people, pending applications, close ids")
struct LookupCommandTests {
    @Test("agency list shows every agency with its parent and how many serve in it")
    func agencies() throws {
        let cli = hrOffice(); defer { cli.cleanup() }
        let rows = try #require(cli.json("agency list") as? [[String: Any]])
        #expect(rows.map { $0["agency"] as? String } == ["HR", "TYCG"])
        #expect(rows[0]["parent"] as? String == "TYCG" && rows[0]["people"] as? Int == 4)
    }

    @Test("person list by agency and state, as of a day: a person who moved is listed where they served that day")
    func people() throws {
        let cli = hrOffice(); defer { cli.cleanup() }
        approvedStudy(cli, "A1", person: "P1")
        cli.ok("leave start A1 --on 2025-09-01")
        cli.ok("person transfer P3 --to TYCG --on 2025-06-01")
        let onLeave = try #require(cli.json("person list --agency HR --state on-study-leave --as-of 2025-10-01") as? [[String: Any]])
        #expect(onLeave.map { $0["person"] as? String } == ["P1"])
        let before = try #require(cli.json("person list --agency HR --as-of 2025-05-01") as? [[String: Any]])
        #expect(before.map { $0["person"] as? String } == ["H1", "P1", "P2", "P3"])
        let after = try #require(cli.json("person list --agency HR --as-of 2025-07-01") as? [[String: Any]])
        #expect(after.map { $0["person"] as? String } == ["H1", "P1", "P2"])
        let everyone = try #require(cli.json("person list") as? [[String: Any]])
        #expect(everyone.count == 5)
    }

    @Test("report pending lists undecided applications oldest first with what each still needs; approval removes a row")
    func pending() throws {
        let cli = hrOffice(); defer { cli.cleanup() }
        cli.ok("apply A2 --person P2 --mode full-time --sponsor selected --from 2025-09-01 --to 2026-06-30 --on 2025-03-01")
        cli.ok("apply A1 --person P1 --mode full-time --sponsor self --from 2025-09-01 --to 2026-06-30 --on 2025-02-01")
        cli.ok("review A1 --work-related yes --on 2025-02-10")
        var rows = try #require(cli.json("report pending --agency HR") as? [[String: Any]])
        #expect(rows.map { $0["application"] as? String } == ["A1", "A2"])
        #expect(rows[0]["needs"] as? [String] == ["decision"])
        #expect(rows[1]["needs"] as? [String] == ["finding", "screening", "decision"])
        cli.ok("approve A1 --by H1 --on 2025-02-20")
        rows = try #require(cli.json("report pending") as? [[String: Any]])
        #expect(rows.map { $0["application"] as? String } == ["A2"])
        // As known before the approval, it was pending.
        rows = try #require(cli.json("report pending --known-at #\(cli.eventCount() - 1)") as? [[String: Any]])
        #expect(rows.map { $0["application"] as? String } == ["A1", "A2"])
    }

    @Test("an unknown id suggests the close ones (case, a missing dash) instead of inviting a duplicate")
    func didYouMean() {
        let cli = hrOffice(); defer { cli.cleanup() }
        cli.ok("person add P-07 --name 同仁七 --agency HR --on 2025-01-01")
        let lower = cli.fails("apply X --person p1 --mode off-hours --sponsor self --from 2025-09-01 --to 2025-12-31 --on 2025-02-01", code: 65)
        #expect(lower.contains("did you mean P1?") && !lower.contains("person add"))
        #expect(cli.fails("status P07", code: 65).contains("did you mean P-07?"))
        #expect(cli.fails("quota hr --year 2025", code: 65).contains("did you mean HR?"))
        #expect(cli.fails("status NOBODY", code: 65).contains("add them with 'person add'"))
    }

    @Test("a report filtered by an unknown agency is bad data (65), never an empty report")
    func unknownAgencyFilter() {
        let cli = hrOffice(); defer { cli.cleanup() }
        for line in ["report obligations --agency TN-XX", "report on-leave --agency TN-XX", "report pending --agency TN-XX", "person list --agency TN-XX"] {
            #expect(cli.fails(line, code: 65).contains("no agency TN-XX"), "\(line)")
        }
    }
}
