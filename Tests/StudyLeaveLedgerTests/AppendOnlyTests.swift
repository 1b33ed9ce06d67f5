import Foundation
import Testing
import StudyLeaveDomain
@testable import StudyLeaveLedger

@Suite("The ledger is append-only")
struct AppendOnlyTests {
    @Test("an UPDATE of an event is refused by a trigger", arguments: [
        "UPDATE events SET actor = 'mallory' WHERE position = 1",
        "UPDATE event_tags SET tag = 'person:X' WHERE position = 1",
        "UPDATE meta SET value = '{}' WHERE key = 'policy'",
    ])
    func updatesAreRefused(sql: String) throws {
        let dir = TempDir()
        let ledger = try seededLedger(dir)
        #expect(throws: TamperError.self) { try tamper(ledger.path, sql) }
        #expect(try ledger.verify().isIntact)
    }

    @Test("a DELETE of an event is refused by a trigger", arguments: [
        "DELETE FROM events WHERE position = 4",
        "DELETE FROM event_tags",
        "DELETE FROM meta",
    ])
    func deletesAreRefused(sql: String) throws {
        let dir = TempDir()
        let ledger = try seededLedger(dir)
        #expect(throws: TamperError.self) { try tamper(ledger.path, sql) }
        #expect(try ledger.read { try $0.count() } == 4)
    }

    @Test("positions run from 1 without gaps and recorded times never run backwards")
    func positionsAndTimes() throws {
        let dir = TempDir()
        let ledger = try SQLiteLedger.create(path: dir.path("l.db"))
        let events = seedEvents()
        // A clock that goes backwards must not make transaction time go backwards.
        _ = try ledger.append([events[0]], actor: "t", nowMillis: 2_000_000_000_000)
        _ = try ledger.append([events[1]], actor: "t", nowMillis: 1_000_000_000_000)
        let all = try ledger.read { try $0.allEvents() }
        #expect(all.map(\.position) == [1, 2])
        #expect(all[1].recordedAt == all[0].recordedAt)
        #expect(all[0].recordedAt == "2033-05-18T03:33:20.000Z")
    }
}
