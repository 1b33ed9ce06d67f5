import Foundation
import Testing

@Suite("Ledger commands: init, verify, export, import")
struct LedgerCommandTests {
    @Test("init creates an empty ledger; a second init is refused and changes nothing")
    func initTwice() {
        let cli = CLI(); defer { cli.cleanup() }
        cli.ok("init")
        #expect(cli.eventCount() == 0)
        let err = cli.fails("init", code: 1)
        #expect(err.contains("already exists"))
    }

    @Test("every command on a missing ledger fails with 74 and says to run init", arguments: [
        "status P1", "agency add A --name x", "verify", "export", "quota A --year 2025", "history P1",
    ])
    func missingLedger(line: String) {
        let cli = CLI(); defer { cli.cleanup() }
        let r = cli.run(line)
        #expect(r.code == 74)
        #expect(r.err.contains("run 'studyleave init'"))
        #expect(!cli.ledgerExists())
    }

    @Test("verify reports an intact ledger with its event count")
    func verifyIntact() throws {
        let cli = hrOffice(); defer { cli.cleanup() }
        let o = try #require(cli.json("verify") as? [String: Any])
        #expect(o["intact"] as? Bool == true)
        #expect(o["events"] as? Int == 8)
    }

    @Test("export then import into a new ledger gives the same export, byte for byte")
    func roundTrip() throws {
        let cli = hrOffice(); defer { cli.cleanup() }
        approvedStudy(cli, "A1", person: "P1")
        let file = cli.dir.appendingPathComponent("out.jsonl").path
        cli.ok("export --to \(file)")
        let copy = cli.dir.appendingPathComponent("copy.db").path
        let r = cli.run(["import", file, "--db", copy], db: false)
        #expect(r.code == 0, "\(r.err)")
        let a = cli.run(["export"]).out
        let b = cli.run(["export", "--db", copy], db: false).out
        #expect(a == b && !a.isEmpty)
        #expect(a.split(separator: "\n").count == 12)
    }

    @Test("a malformed import line is refused with 65 and its line number; the ledger stays empty")
    func malformedImport() throws {
        let cli = hrOffice(); defer { cli.cleanup() }
        var lines = cli.run(["export"]).out.split(separator: "\n").map(String.init)
        lines[4] = lines[4].replacingOccurrences(of: "\"position\":5", with: "\"position\":7")
        let file = cli.dir.appendingPathComponent("bad.jsonl")
        try (lines.joined(separator: "\n") + "\n").write(to: file, atomically: true, encoding: .utf8)
        let target = cli.dir.appendingPathComponent("target.db").path
        let r = cli.run(["import", file.path, "--db", target], db: false)
        #expect(r.code == 65)
        #expect(r.err.hasPrefix("error: import line 5: position 7 is out of order"))
        #expect(!FileManager.default.fileExists(atPath: target))
    }

    @Test("import into a ledger holding events is refused")
    func importIntoFull() {
        let cli = hrOffice(); defer { cli.cleanup() }
        let file = cli.dir.appendingPathComponent("out.jsonl").path
        cli.ok("export --to \(file)")
        cli.fails("import \(file)", code: 1)
    }

    @Test("a tampered ledger fails verify with 74 and the first bad position")
    func tampered() throws {
        let cli = hrOffice(); defer { cli.cleanup() }
        // Edit a byte behind the tool's back, as the database's owner could (sqlite3, psql).
        cli.tamper(sqlite: "DROP TRIGGER events_append_only_update; UPDATE events SET actor = 'mallory' WHERE position = 4;",
                   postgres: "ALTER TABLE events DISABLE TRIGGER USER; UPDATE events SET actor = 'mallory' WHERE position = 4;")
        let r = cli.run("verify")
        #expect(r.code == 74)
        #expect(r.err.contains("position 4"))
    }

    @Test("a file that is not a ledger is refused with 74")
    func notALedger() throws {
        let cli = CLI(store: "sqlite"); defer { cli.cleanup() }
        try "hello".write(toFile: cli.db, atomically: true, encoding: .utf8)
        let r = cli.run("status P1")
        #expect(r.code == 74)
        #expect(r.err.contains("not a studyleave ledger"))
    }

    @Test("a write whose actor or request id an import would refuse is refused: 64, nothing recorded, and the ledger still exports and imports back")
    func rowBoundsOnTheWritePath() throws {
        let cli = hrOffice(); defer { cli.cleanup() }
        let long = String(repeating: "陳", count: 201)
        #expect(cli.fails("agency add X --name 某處 --actor \(long)", code: 64).contains("--actor"))
        #expect(cli.fails("agency add X --name 某處 --request-id \(long)", code: 64).contains("--request-id"))
        cli.ok("agency add X --name 某處 --actor \(String(repeating: "陳", count: 200))")
        let file = cli.dir.appendingPathComponent("out.jsonl").path
        cli.ok("export --to \(file)")
        var copy = CLI(); defer { copy.cleanup() }
        copy.today = cli.today
        copy.ok("import \(file)")
        copy.ok("verify")
    }
}
