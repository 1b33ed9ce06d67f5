import Foundation
import Testing

/// `access grant|revoke|list` (CLI.md, A read-only web view): grants and revocations are events;
/// the token is printed once and only its hash is kept.
@Suite("access grant, revoke, list")
struct AccessCommandTests {
    @Test("a grant prints its token once, in the contract's JSON shape; the ledger holds only the hash")
    func grant() throws {
        let cli = hrOffice(); defer { cli.cleanup() }
        let j = try #require(cli.json("access grant HR --label \"人事處 browser\"") as? [String: Any])
        #expect(j["id"] as? String == "G1" && j["agency"] as? String == "HR" && j["label"] as? String == "人事處 browser")
        let token = try #require(j["token"] as? String)
        #expect(token.hasPrefix("slv_") && token.count == 47)
        let history = cli.ok("export")
        #expect(!history.contains(token), "the token itself is nowhere in the ledger")
        #expect(history.contains("\"type\":\"AccessGranted\""))
        let table = cli.ok("access grant HR --label second")
        #expect(table.hasPrefix("recorded #") && table.contains("grant G2 for HR (second)"))
        #expect(table.contains("token (shown this once; hand it over safely):\nslv_"))
        let other = try #require(cli.json("access grant HR --label third") as? [String: Any])
        #expect(other["token"] as? String != token, "every grant has its own token")
    }

    @Test("the list shows who was granted what, when and by whom, and revocations; never a token or its hash")
    func list() throws {
        let cli = hrOffice(); defer { cli.cleanup() }
        let token = cli.grant("HR", label: "office")
        cli.grant("TYCG", label: "city")
        cli.ok("access revoke G1 --on 2026-11-22")
        let rows = try #require(cli.json("access list") as? [[String: Any]])
        #expect(rows.map { $0["id"] as? String } == ["G1", "G2"])
        #expect(rows[0]["revoked"] as? Bool == true && rows[0]["revokedAt"] is String)
        #expect(rows[1]["revoked"] as? Bool == false && rows[1]["grantedBy"] as? String == "tester")
        let all = cli.ok("access list --format csv")
        #expect(all.contains("Grant,Agency,Agency name,Label,Granted,Recorded at,Actor,Revoked at"))
        for form in ["table", "json", "csv"] {
            let out = cli.run(["access", "list", "--format", form]).out
            #expect(!out.contains(token) && !out.contains("tokenHash"))
        }
        // As known before the revocation, G1 still reads.
        let before = try #require(cli.json("access list --known-at #\(cli.eventCount() - 1)") as? [[String: Any]])
        #expect(before[0]["revoked"] as? Bool == false)
    }

    @Test("bad grants and revocations are refused with their exit codes, recording nothing")
    func refusals() {
        let cli = hrOffice(); defer { cli.cleanup() }
        cli.fails("access grant NOPE --label x", code: 65)
        cli.fails("access grant HR --label \"\"", code: 65)
        cli.fails("access grant HR", code: 64)
        cli.fails("access grant \"bad id\" --label x", code: 65)
        cli.fails("access grant HR --label " + String(repeating: "x", count: 1001), code: 65)
        cli.fails("access revoke G1", code: 65)
        cli.grant("HR")
        cli.ok("access revoke G1")
        let again = cli.fails("access revoke G1", code: 1)
        #expect(again.contains("already revoked"))
        let grant = cli.fails("retract 10 --reason oops", code: 1)
        #expect(grant.contains("studyleave access revoke G1"), "\(grant)")
    }

    @Test("a grant repeated with its request id answers with the first grant, and no token")
    func idempotent() throws {
        let cli = hrOffice(); defer { cli.cleanup() }
        let first = try #require(cli.json("access grant HR --label x --request-id r-1") as? [String: Any])
        #expect(first["token"] is String)
        // A retry (a lost answer) is the same write: the first grant answers, its token not shown again.
        let again = try #require(cli.json("access grant HR --label x --request-id r-1") as? [String: Any])
        #expect(again["id"] as? String == "G1" && again["duplicate"] as? Bool == true)
        #expect(again["token"] is NSNull)
        #expect(cli.ok("access grant HR --label x --request-id r-1").contains("already granted as #9 G1; its token was shown then only"))
        // The same request id for another grant is refused.
        let other = cli.run(["access", "grant", "HR", "--label", "y", "--request-id", "r-1"])
        #expect(other.code == 1 && other.err.contains("request id 'r-1'"))
        #expect((cli.json("access list") as? [Any])?.count == 1)
    }

    @Test("export and import keep the grants: a token still reads after a move between ledgers")
    func moved() throws {
        let cli = hrOffice(); defer { cli.cleanup() }
        let token = cli.grant("HR")
        let file = cli.dir.appendingPathComponent("ledger.jsonl").path
        cli.ok("export --to \(file)")
        var copy = CLI(); defer { copy.cleanup() }
        copy.today = cli.today
        copy.ok("import \(file)")
        let rows = try #require(copy.json("access list") as? [[String: Any]])
        #expect(rows.count == 1 && rows[0]["agency"] as? String == "HR")
        let server = try WebServerProcess(copy); defer { server.stop() }
        #expect(server.get("/agencies/HR/quota?year=2025", token: token).status == 200)
    }
}
