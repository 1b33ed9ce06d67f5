import Foundation
import StudyLeaveDomain
import StudyLeaveTestSupport
import Testing
@testable import StudyLeaveLedger

@Suite("PostgreSQL: append-only, verify, backup")
struct IntegrityTests {
    func ledger(_ server: PostgresServer) async throws -> PostgresStore {
        let store = try await freshStore(server)
        try await appendAll(store, richHistory())
        return store
    }

    @Test("verify passes on an intact ledger, with the last event's hash as its head")
    func verifyIntact() async throws {
        guard let server = try await server() else { return }
        let store = try await ledger(server)
        defer { Task { await store.close() } }
        let report = try await store.verify(progress: nil)
        #expect(report.isIntact)
        #expect(report.events == 31)
        let rows = try await server.psql("SELECT hash FROM events WHERE position = 31", database: store.address.database)
        #expect(report.head == rows.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    @Test("verify finds an edited row at its position", arguments: [
        ("UPDATE events SET payload = replace(payload, '25', '26') WHERE position = 2", Int64(2), "its hash does not match its contents (the event was changed)"),
        ("UPDATE events SET actor = 'someone else' WHERE position = 7", Int64(7), "its hash does not match its contents (the event was changed)"),
        ("DELETE FROM event_tags WHERE position = 3 AND tag = 'member:HR'", Int64(3), "the tag index differs from the event's tags"),
        ("INSERT INTO event_tags VALUES ('person:ghost', 99)", Int64(99), "the tag index names an event that is not there"),
        ("DELETE FROM events WHERE position = 5", Int64(6), "position 6 follows 4: events are missing"),
    ])
    func verifyFindsEdits(edit: String, position: Int64, detail: String) async throws {
        guard let server = try await server() else { return }
        let store = try await ledger(server)
        defer { Task { await store.close() } }
        try await server.psql("ALTER TABLE events DISABLE TRIGGER USER; ALTER TABLE event_tags DISABLE TRIGGER USER; \(edit)",
                        database: store.address.database)
        let report = try await store.verify(progress: nil)
        #expect(report.failure == VerifyReport.Failure(position: position, detail: detail))
    }

    @Test("verify finds a head row that disagrees with the last event")
    func verifyHead() async throws {
        guard let server = try await server() else { return }
        let store = try await ledger(server)
        defer { Task { await store.close() } }
        try await server.psql("UPDATE ledger_head SET position = 30", database: store.address.database)
        let report = try await store.verify(progress: nil)
        #expect(report.failure?.position == nil)
        #expect(report.failure?.detail.contains("head row") == true)
    }

    @Test("the database itself refuses to change or delete events, tags and settings", arguments: [
        "UPDATE events SET actor = 'x'", "DELETE FROM events", "TRUNCATE events",
        "UPDATE event_tags SET tag = 'x'", "DELETE FROM event_tags", "TRUNCATE event_tags",
        "UPDATE meta SET value = 'x'", "DELETE FROM meta", "TRUNCATE meta",
        "DELETE FROM ledger_head", "TRUNCATE ledger_head",
    ])
    func appendOnly(statement: String) async throws {
        guard let server = try await server() else { return }
        let store = try await ledger(server)
        defer { Task { await store.close() } }
        do {
            try await server.psql(statement, database: store.address.database)
            Issue.record("\(statement) was allowed")
        } catch let failure as CommandFailed {
            #expect(failure.stderr.contains("append-only") || failure.stderr.contains("written once") || failure.stderr.contains("head row"))
        }
        #expect(try await store.verify(progress: nil).isIntact)
    }

    @Test("a backup is a SQLite ledger that verifies with the same head, policy and rows")
    func backupToSQLite() async throws {
        guard let server = try await server() else { return }
        let store = try await ledger(server)
        defer { Task { await store.close() } }
        let dir = TempDir()
        let path = dir.path("copy.db")
        let report = try await store.backup(to: path)
        let pg = try await store.verify(progress: nil)
        #expect(report == BackupReport(events: pg.events, head: pg.head))
        let copy = try SQLiteLedger.open(path: path)
        let verified = try copy.verify()
        #expect(verified.isIntact && verified.head == pg.head)
        #expect(copy.policies == store.policies)
        #expect(sortedRows(try copy.applicationRows(.all)) == sortedRows(try await store.applicationRows(.all)))
        // No temporary export left beside it (only the copy and, while it is open, its WAL files).
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.url.path).filter { !$0.hasPrefix("copy.db") } == [])
    }

    @Test("a backup never writes over an existing file")
    func backupRefusesExisting() async throws {
        guard let server = try await server() else { return }
        let store = try await ledger(server)
        defer { Task { await store.close() } }
        let dir = TempDir()
        let path = dir.path("taken.db")
        try "keep me".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(await ledgerError { _ = try await store.backup(to: path) } == .alreadyExists(path: path))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "keep me")
    }
}
