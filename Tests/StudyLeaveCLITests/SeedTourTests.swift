import Foundation
import Testing

/// The demo's seed (seed/README.md): the figures its tour prints, each worked out in the README.
@Suite("The demo and its seed")
struct SeedTourTests {
    static func demoLedger() -> CLI {
        let cli = CLI(store: "sqlite")
        let r = cli.run(["demo", "--db", cli.db], db: false)
        #expect(r.code == 0, "demo: \(r.err)")
        #expect(r.out.contains("Built \(cli.db) from the seed"))
        return cli
    }

    /// One demo ledger shared by the read-only tests (built once: the replay takes seconds).
    static let shared = demoLedger()

    func quota(_ cli: CLI, _ agency: String, _ year: Int) throws -> [String: Any] {
        try #require(cli.json("quota \(agency) --year \(year)") as? [String: Any])
    }

    func obligation(_ cli: CLI, _ person: String, asOf: String, knownAt: String? = nil) throws -> [String: Any] {
        let o = try #require(cli.json("obligation \(person) --as-of \(asOf)" + (knownAt.map { " --known-at \($0)" } ?? "")) as? [String: Any])
        return try #require((o["obligations"] as? [[String: Any]])?.first)
    }

    @Test("the demo builds a verified ledger, prints the tour, and keeps an existing ledger without --force")
    func demo() {
        let cli = Self.demoLedger(); defer { cli.cleanup() }
        cli.ok("verify")
        let again = cli.run(["demo", "--db", cli.db], db: false)
        #expect(again.code == 1 && again.err.contains("--force"))
        let forced = cli.run(["demo", "--db", cli.db, "--force"], db: false)
        #expect(forced.code == 0)
        #expect(forced.out.contains("== ") && forced.out.contains("--known-at"))
    }

    @Test("quotas: cap = max(1, floor(budgeted/10)), full ones full, a year without headcount has no cap")
    func quotas() throws {
        let cli = Self.shared
        for (agency, year, budgeted, cap, used) in [("TY-HR", 2015, 74, 7, 2), ("TY-RDEC", 2015, 27, 2, 2), ("TY-EDU", 2015, 231, 23, 3),
                                                    ("LJ-HR", 2023, 7, 1, 1), ("LJ-DY", 2023, 9, 1, 1), ("LJ-EDU", 2023, 27, 2, 2)] {
            let q = try quota(cli, agency, year)
            #expect(q["budgeted"] as? Int == budgeted && q["cap"] as? Int == cap && q["used"] as? Int == used, "\(agency) \(year): \(q)")
        }
        let noHeadcount = try quota(cli, "LJ-BG", 2027)
        #expect(noHeadcount["cap"] is NSNull && noHeadcount["pending"] as? Int == 1)
    }

    @Test("obligations: the worked examples of seed/README.md")
    func obligations() throws {
        let cli = Self.shared
        // TY-P1: 2 × 366 paid days = 732; served 2016-09-01..2016-12-31 = 122 by 2017-01-01.
        let p1 = try obligation(cli, "TY-P1", asOf: "2017-01-01")
        #expect(p1["requiredDays"] as? Int == 732 && p1["servedDays"] as? Int == 122 && p1["remainingDays"] as? Int == 610)
        #expect(p1["endsOn"] as? String == "2018-09-02")
        // TY-P9: research abroad, 61 paid days: the six-month floor (183) beats 2 × 61.
        #expect(try obligation(cli, "TY-P9", asOf: "2026-11-22")["requiredDays"] as? Int == 183)
        // TY-P5: resigned with 365 of 608 days left: repayment 318,174.
        let p5 = try obligation(cli, "TY-P5", asOf: "2026-11-22")
        #expect(p5["servedDays"] as? Int == 243 && p5["remainingDays"] as? Int == 365 && p5["repaymentDue"] as? Int == 318_174)
        // TY-P12: 245,000 due before the waiver, nothing after.
        #expect(try obligation(cli, "TY-P12", asOf: "2017-05-10")["repaymentDue"] as? Int == 245_000)
        let p12 = try obligation(cli, "TY-P12", asOf: "2026-11-22")
        #expect(p12["state"] as? String == "waived" && p12["repaymentDue"] as? Int == 0)
        // LJ-P10: never returned (Act 14): the whole subsidy.
        #expect(try obligation(cli, "LJ-P10", asOf: "2026-11-22")["repaymentDue"] as? Int == 40_000)
        // LJ-P5: a two-year study with a pause.
        let p5lj = try obligation(cli, "LJ-P5", asOf: "2026-11-22")
        #expect(p5lj["requiredDays"] as? Int == 1462 && p5lj["servedDays"] as? Int == 266 && p5lj["endsOn"] as? String == "2030-03-01")
    }

    @Test("the dispute: the wrong payment counted as known at #230, the corrected one now")
    func dispute() throws {
        let cli = Self.shared
        #expect(try obligation(cli, "LJ-P11", asOf: "2026-11-22", knownAt: "#230")["repaymentDue"] as? Int == 2_627_158)
        #expect(try obligation(cli, "LJ-P11", asOf: "2026-11-22")["repaymentDue"] as? Int == 298_814)
        let onLeave = try #require(cli.json("report on-leave --as-of 2026-11-22") as? [[String: Any]])
        #expect(Set(onLeave.compactMap { $0["person"] as? String }) == ["LJ-P9", "LJ-P14"])
    }
}
