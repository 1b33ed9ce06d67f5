import Foundation
import Testing
@testable import StudyLeaveLedger

/// CLI.md, "Many offices on one ledger": what `--db` may name, and where the password comes from.
@Suite("--db: a file or a PostgreSQL URL, with libpq's defaults and password sources")
struct LedgerLocationTests {
    let env = ["USER": "clerk"]

    @Test("anything but a postgres:// or postgresql:// URL is a file")
    func files() throws {
        #expect(try LedgerLocation.parse("hr.db", environment: env) == .file("hr.db"))
        #expect(try LedgerLocation.parse("/data/postgres.db", environment: env) == .file("/data/postgres.db"))
        guard case .postgres = try LedgerLocation.parse("POSTGRESQL://u@h/d", environment: env) else { Issue.record("a URL"); return }
    }

    @Test("a full URL; what it leaves out comes from PGUSER, PGHOST, PGPORT, PGDATABASE, then libpq's defaults")
    func defaults() throws {
        let a = try PostgresAddress(url: "postgres://office@db.example.gov.tw:6543/hr", environment: env, home: "/nonexistent")
        #expect((a.user, a.host, a.port, a.database) == ("office", "db.example.gov.tw", 6543, "hr"))
        let b = try PostgresAddress(url: "postgres:///", environment: ["USER": "clerk", "PGHOST": "pg", "PGPORT": "7000", "PGDATABASE": "ledger"], home: "/nonexistent")
        #expect((b.user, b.host, b.port, b.database) == ("clerk", "pg", 7000, "ledger"))
        let c = try PostgresAddress(url: "postgres://u@/d?host=/var/run/postgresql", environment: env, home: "/nonexistent")
        #expect(c.socketPath == "/var/run/postgresql/.s.PGSQL.5432" && c.host == nil && c.isLocal)
        #expect(c.description == "postgres://u@/d?host=/var/run/postgresql")
    }

    @Test("a password in the URL is used and flagged (ps shows it); PGPASSWORD next; the description never shows one")
    func passwords() throws {
        let a = try PostgresAddress(url: "postgres://u:s%3Acret@h/d", environment: ["PGPASSWORD": "env"], home: "/nonexistent")
        #expect(a.password == "s:cret" && a.passwordInURL)
        #expect(!a.description.contains("cret"))
        let b = try PostgresAddress(url: "postgres://u@h/d", environment: ["PGPASSWORD": "env"], home: "/nonexistent")
        #expect(b.password == "env" && !b.passwordInURL)
    }

    @Test("~/.pgpass: the first matching line, * for any, escapes; a file others can read is ignored, as libpq ignores it")
    func pgpass() throws {
        let dir = TempDir()
        let file = dir.path(".pgpass")
        try "# comment\nother:5432:*:u:wrong\nh:*:d:u:pa\\:ss\n*:*:*:*:fallback\n".write(toFile: file, atomically: true, encoding: .utf8)
        chmod(file, 0o600)
        #expect(try PostgresAddress(url: "postgres://u@h/d", environment: [:], home: dir.url.path).password == "pa:ss")
        #expect(try PostgresAddress(url: "postgres://v@x/y", environment: [:], home: dir.url.path).password == "fallback")
        chmod(file, 0o644)
        #expect(try PostgresAddress(url: "postgres://u@h/d", environment: [:], home: dir.url.path).password == nil)
    }

    @Test("TLS: none on this machine; prefer elsewhere unless sslmode says otherwise; an unknown mode is refused")
    func ssl() throws {
        #expect(try PostgresAddress(url: "postgres://u@127.0.0.1/d", environment: env, home: "/nonexistent").isLocal)
        let remote = try PostgresAddress(url: "postgres://u@db.example.gov.tw/d", environment: env, home: "/nonexistent")
        #expect(!remote.isLocal && remote.sslMode == .prefer)
        #expect(try PostgresAddress(url: "postgres://u@h/d?sslmode=require", environment: env, home: "/nonexistent").sslMode == .require)
        #expect(try PostgresAddress(url: "postgres://u@h/d", environment: ["PGSSLMODE": "disable"], home: "/nonexistent").sslMode == .disable)
        #expect(throws: LedgerError.self) { try PostgresAddress(url: "postgres://u@h/d?sslmode=maybe", environment: env, home: "/nonexistent") }
    }

    @Test("a malformed URL is a usage error that shows the form", arguments: ["postgres://u@h:99999/d", "postgres://u@h:port/d", "postgres://u@h/d?x"])
    func malformed(url: String) {
        do {
            _ = try PostgresAddress(url: url, environment: [:], home: "/nonexistent")
            Issue.record("\(url) was read")
        } catch {
            guard case .badLocation(let m) = error else { Issue.record("\(error)"); return }
            #expect(m.contains("postgres://USER@HOST"))
        }
    }
}
