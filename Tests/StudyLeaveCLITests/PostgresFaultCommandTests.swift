import Foundation
import Testing

/// Issue 12, faults on a shared server (run when the suite runs on PostgreSQL, as `.ci/run` does;
/// on SQLite the same promises are held by Tests/StudyLeaveReliabilityTests).
@Suite("PostgreSQL faults: lock timeouts, killed writers")
struct PostgresFaultCommandTests {
    /// Runs psql on the ledger's database in the background; returns the process.
    func psql(_ cli: CLI, _ sql: String) throws -> Process {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["psql", "-q", cli.db, "-c", sql]
        p.standardOutput = FileHandle.nullDevice
        try p.run()
        return p
    }

    @Test("a write that cannot take the head row's lock in time is retried, then answers 75, recording nothing")
    func lockTimeout() throws {
        let cli = CLI(); defer { cli.cleanup() }
        guard cli.onPostgres else { return }
        cli.ok("init")
        cli.ok("agency add HR --name 人事處 --on 2025-01-01")
        // Another session holds the head row (as a stuck writer would) for 8 seconds.
        let holder = try psql(cli, "BEGIN; SELECT * FROM ledger_head FOR UPDATE; SELECT pg_sleep(8); COMMIT;")
        defer { holder.waitUntilExit() }
        Thread.sleep(forTimeInterval: 0.8)
        var waiting = cli
        waiting.extraEnv["STUDYLEAVE_BUSY_TIMEOUT"] = "1"
        let started = Date()
        let r = waiting.run("agency add HR2 --name 人事二處 --on 2025-01-01")
        #expect(r.code == 75, "\(r.err)")
        #expect(r.err.hasPrefix("error: ") && r.err.contains("retry"))
        #expect(Date().timeIntervalSince(started) < 8, "it gave up before the holder let go")
        holder.waitUntilExit()
        #expect(cli.eventCount() == 1)
    }

    @Test("writers killed at random moments (SIGKILL): every position they printed is there, nothing half-written, verify passes")
    func killedWriters() throws {
        let cli = CLI(); defer { cli.cleanup() }
        guard cli.onPostgres else { return }
        cli.ok("init")
        cli.ok("agency add HR --name 人事處 --on 2025-01-01")
        var printed: [Int] = []
        var rng = SystemRandomNumberGenerator()
        for round in 0..<24 {
            let p = Process()
            p.executableURL = CLI.executable
            p.arguments = ["person", "add", "K\(round)", "--name", "同仁", "--agency", "HR", "--on", "2025-01-01", "--format", "json", "--db", cli.db]
            var env = ProcessInfo.processInfo.environment
            env["STUDYLEAVE_TODAY"] = cli.today; env["STUDYLEAVE_ACTOR"] = "tester"
            p.environment = env
            let out = Pipe()
            p.standardOutput = out
            p.standardError = FileHandle.nullDevice
            try p.run()
            // Somewhere between connecting and committing (a debug build takes some hundreds of ms).
            Thread.sleep(forTimeInterval: Double(UInt64.random(in: 20...400, using: &rng)) / 1000)
            kill(p.processIdentifier, SIGKILL)
            p.waitUntilExit()
            let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            if let o = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], let n = o["position"] as? Int { printed.append(n) }
        }
        let verify = cli.run("verify --format json")
        #expect(verify.code == 0, "\(verify.err)")
        let agency = try #require(cli.json("person list --agency HR") as? [[String: Any]])
        let recorded = Set(agency.compactMap { $0["person"] as? String })
        // Each printed position is a person added; every event is a whole person (no half-write).
        #expect(cli.eventCount() == 1 + recorded.count)
        #expect(printed.count <= recorded.count)
        print("figure: postgres kills: printed \(printed.count), recorded \(recorded.count) of 24")
    }

    @Test("a password in the --db URL works but is warned about (ps shows argv); without one, none is")
    func passwordInURL() throws {
        let cli = CLI(); defer { cli.cleanup() }
        guard cli.onPostgres else { return }
        cli.ok("init")
        let withPassword = cli.db.replacingOccurrences(of: "postgres://postgres@", with: "postgres://postgres:secret@")
        let r = cli.run(["verify", "--db", withPassword], db: false)
        #expect(r.code == 0)
        #expect(r.err.contains("warning: the --db URL carries a password"))
        #expect(!cli.run("verify").err.contains("warning"))
    }
}

@Suite("PostgreSQL roles: Docs/postgres-roles.sql as it stands")
struct PostgresRolesCommandTests {
    @Test("an office role records and reads, a reader role only reads; neither can change an event")
    func leastPrivilege() throws {
        let cli = CLI(); defer { cli.cleanup() }
        guard cli.onPostgres else { return }
        cli.ok("init")
        cli.ok("agency add HR --name 人事處 --on 2025-01-01")
        let sql = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Docs/postgres-roles.sql")
        let roles = "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'studyleave_office') THEN CREATE ROLE studyleave_office LOGIN; END IF; "
            + "IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'studyleave_reader') THEN CREATE ROLE studyleave_reader LOGIN; END IF; END $$;"
        cli.tamper(sqlite: "", postgres: roles)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["psql", "-q", "-v", "ON_ERROR_STOP=1", cli.db, "-f", sql.path]
        p.standardOutput = FileHandle.nullDevice
        try p.run(); p.waitUntilExit()
        try #require(p.terminationStatus == 0, "Docs/postgres-roles.sql runs")
        let office = cli.db.replacingOccurrences(of: "postgres://postgres@", with: "postgres://studyleave_office@")
        let reader = cli.db.replacingOccurrences(of: "postgres://postgres@", with: "postgres://studyleave_reader@")
        #expect(cli.run(["person", "add", "P1", "--name", "同仁", "--agency", "HR", "--on", "2025-01-01", "--db", office], db: false).code == 0)
        #expect(cli.run(["status", "P1", "--db", reader], db: false).code == 0)
        // Learning hours: the office writes the attendance rows, the reader reads them.
        #expect(cli.run(["course", "add", "C1", "--name", "環境教育", "--hours", "6", "--from", "2025-03-10", "--to", "2025-03-10",
                         "--topic", "environment", "--on", "2025-02-02", "--db", office], db: false).code == 0)
        #expect(cli.run(["attend", "C1", "--person", "P1", "--on", "2025-03-10", "--db", office], db: false).code == 0)
        let hours = cli.run(["hours", "P1", "--year", "2025", "--format", "json", "--db", reader], db: false)
        #expect(hours.code == 0 && hours.out.contains("\"credited\":6"), "\(hours.err)")
        #expect(cli.run(["verify", "--db", reader], db: false).code == 0)
        let refused = cli.run(["person", "add", "P2", "--name", "同仁", "--agency", "HR", "--on", "2025-01-01", "--db", reader], db: false)
        #expect(refused.code == 74 && refused.err.contains("may not do this"), "\(refused.err)")
        let change = Process()
        change.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        change.arguments = ["psql", "-q", office, "-c", "UPDATE events SET actor = 'mallory' WHERE position = 1"]
        change.standardOutput = FileHandle.nullDevice; change.standardError = FileHandle.nullDevice
        try change.run(); change.waitUntilExit()
        #expect(change.terminationStatus != 0, "an office cannot change an event")
        #expect(cli.eventCount() == 4)
    }
}
