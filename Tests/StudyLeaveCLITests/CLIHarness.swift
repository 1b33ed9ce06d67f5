import Foundation
import StudyLeaveTestSupport
import Testing

/// Runs the built `studyleave` executable, as an HR officer or a script would. Its ledger is a
/// file in a fresh folder, or, when the suite runs with `STUDYLEAVE_TEST_STORE=postgres` (as
/// `.ci/run` does), a fresh database on a throwaway PostgreSQL server: the whole suite on both stores.
struct CLI {
    let dir: URL
    /// The ledger every command gets as `--db`: a path, or a `postgres://` URL.
    let db: String
    /// True when `db` is a PostgreSQL database.
    let onPostgres: Bool

    /// The store the suite runs on.
    static let store = ProcessInfo.processInfo.environment["STUDYLEAVE_TEST_STORE"] ?? "sqlite"
    /// The day the tool takes for today (STUDYLEAVE_TODAY), so that tests do not depend on the clock.
    var today = "2026-11-22"
    var extraEnv: [String: String] = [:]

    /// A ledger on the suite's store, or with `store: "sqlite"` always a file (what only a file
    /// has: its mode, the demo's file).
    init(store: String = CLI.store) {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("studyleave-cli-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        if store == "postgres" {
            // No server on this machine: the suite cannot run on PostgreSQL (a failure, never a skip).
            guard let server = try? PostgresServer.sharedNow(), let url = try? server.freshDatabaseNow() else {
                fatalError("STUDYLEAVE_TEST_STORE=postgres, but no PostgreSQL server could be started (install postgresql-15)")
            }
            db = url
            onPostgres = true
        } else {
            db = dir.appendingPathComponent("ledger.db").path
            onPostgres = false
        }
    }

    /// Runs SQL on the ledger behind the tool's back, as someone editing it would: through
    /// sqlite3 on a file, psql on a database (`postgres` is the statement for PostgreSQL).
    func tamper(sqlite: String, postgres: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        if onPostgres {
            p.arguments = ["psql", "-q", "-v", "ON_ERROR_STOP=1", db, "-c", postgres]
        } else {
            p.arguments = ["sqlite3", db, sqlite]
        }
        p.standardOutput = FileHandle.nullDevice
        try! p.run(); p.waitUntilExit()
        #expect(p.terminationStatus == 0, "tampering failed")
    }

    /// Whether the ledger exists (a file, or the ledger's tables in the database).
    func ledgerExists() -> Bool {
        if !onPostgres { return FileManager.default.fileExists(atPath: db) }
        let r = run(["verify", "--format", "json"])
        return !(r.code == 74 && r.err.contains("run 'studyleave init'"))
    }

    func cleanup() { try? FileManager.default.removeItem(at: dir) }

    struct Result {
        var code: Int32
        var out: String
        var err: String
    }

    static let executable: URL = {
        // The test bundle sits beside the products of the same build.
        let bundle = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for candidate in [bundle, bundle.deletingLastPathComponent()] {
            let url = candidate.appendingPathComponent("studyleave")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        let fromSource = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent(".build/debug/studyleave")
        return fromSource
    }()

    /// Runs `studyleave ARGS --db <ledger>`; words are split on spaces unless given as an array.
    @discardableResult
    func run(_ line: String, db useDB: Bool = true) -> Result { run(words(line), db: useDB) }

    @discardableResult
    func run(_ args: [String], db useDB: Bool = true) -> Result {
        let p = Process()
        p.executableURL = CLI.executable
        p.arguments = args + (useDB ? ["--db", db] : [])
        p.currentDirectoryURL = dir
        var env = ProcessInfo.processInfo.environment
        env["STUDYLEAVE_TODAY"] = today
        env["STUDYLEAVE_ACTOR"] = "tester"
        env["STUDYLEAVE_DB"] = nil
        for (k, v) in extraEnv { env[k] = v }
        p.environment = env
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        p.standardInput = FileHandle.nullDevice
        try! p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Result(code: p.terminationStatus, out: String(decoding: o, as: UTF8.self), err: String(decoding: e, as: UTF8.self))
    }

    /// Runs and expects success; returns standard output.
    @discardableResult
    func ok(_ line: String, sourceLocation: SourceLocation = #_sourceLocation) -> String {
        let r = run(line)
        #expect(r.code == 0, "\(line) → \(r.code): \(r.err)", sourceLocation: sourceLocation)
        return r.out
    }

    /// Runs and expects a refusal with `code`, one `error:` line, and nothing recorded.
    @discardableResult
    func fails(_ line: String, code: Int32, sourceLocation: SourceLocation = #_sourceLocation) -> String {
        let before = eventCount()
        let r = run(line)
        #expect(r.code == code, "\(line) → \(r.code) (wanted \(code)): \(r.err)", sourceLocation: sourceLocation)
        #expect(r.err.hasPrefix("error: ") && r.err.split(separator: "\n").count == 1, "one error line: \(r.err)", sourceLocation: sourceLocation)
        #expect(eventCount() == before, "a refused write records nothing: \(line)", sourceLocation: sourceLocation)
        return r.err
    }

    /// How many events the ledger holds (-1 when there is none).
    func eventCount() -> Int {
        guard ledgerExists() else { return -1 }
        let r = run(["verify", "--format", "json"])
        guard r.code == 0, let data = r.out.data(using: .utf8),
              let o = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return -2 }
        return o["events"] as? Int ?? -3
    }

    func json(_ line: String, sourceLocation: SourceLocation = #_sourceLocation) -> Any? {
        let r = run(words(line) + ["--format", "json"])
        #expect(r.code == 0, "\(line): \(r.err)", sourceLocation: sourceLocation)
        return try? JSONSerialization.jsonObject(with: Data(r.out.utf8))
    }

    func words(_ line: String) -> [String] {
        // Quotes group words: "a b" is one.
        var out: [String] = [], cur = "", inQuote = false, any = false
        for ch in line {
            if ch == "\"" { inQuote.toggle(); any = true; continue }
            if ch == " " && !inQuote { if any { out.append(cur) }; cur = ""; any = false; continue }
            cur.append(ch); any = true
        }
        if any { out.append(cur) }
        return out
    }
}

/// A ledger with the Taoyuan HR office: a parent government, a head for each, three officers.
func hrOffice(budgeted: Int = 25) -> CLI {
    let cli = CLI()
    cli.ok("init")
    cli.ok("agency add TYCG --name 桃園市政府 --on 2025-01-01")
    cli.ok("agency add HR --name 人事處 --parent TYCG --on 2025-01-01")
    cli.ok("agency headcount HR --year 2025 --budgeted \(budgeted) --on 2025-01-01")
    cli.ok("person add MAYOR --name 市長 --agency TYCG --head --on 2025-01-01")
    cli.ok("person add H1 --name 處長 --agency HR --head --on 2025-01-01")
    for p in ["P1", "P2", "P3"] { cli.ok("person add \(p) --name 同仁\(p) --agency HR --on 2025-01-01") }
    return cli
}

/// A selected full-time application taken up to approval.
func approvedStudy(_ cli: CLI, _ app: String, person: String, from: String = "2025-09-01", to: String = "2026-08-31") {
    cli.ok("apply \(app) --person \(person) --mode full-time --sponsor selected --from \(from) --to \(to) --on 2025-02-01")
    cli.ok("review \(app) --work-related yes --on 2025-02-10")
    cli.ok("screen \(app) --result pass --on 2025-02-15")
    cli.ok("approve \(app) --by H1 --on 2025-02-20")
}
