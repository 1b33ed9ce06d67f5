import Foundation
import Testing
import StudyLeaveDomain
@testable import StudyLeaveLedger

@Suite("The hash chain catches a changed byte")
struct HashChainTests {
    static let dropTriggers = """
        DROP TRIGGER events_append_only_update; DROP TRIGGER events_append_only_delete;
        DROP TRIGGER event_tags_append_only_update; DROP TRIGGER event_tags_append_only_delete;
        """

    @Test("an intact ledger verifies, and its head is the last event's hash")
    func intact() throws {
        let dir = TempDir()
        let ledger = try seededLedger(dir)
        let report = try ledger.verify()
        #expect(report.isIntact)
        #expect(report.events == 4)
        #expect(report.head.count == 64)
    }

    @Test("editing any column of an event is found at that position", arguments: [
        ("type", "UPDATE events SET type = 'AgencyAdded' WHERE position = 3"),
        ("version", "UPDATE events SET version = 2 WHERE position = 3"),
        ("on_day", "UPDATE events SET on_day = '2025-03-02' WHERE position = 3"),
        ("recorded_at", "UPDATE events SET recorded_at = substr(recorded_at, 1, 20) || CASE WHEN substr(recorded_at, 21, 1) = '1' THEN '2' ELSE '1' END || substr(recorded_at, 22) WHERE position = 3"),
        ("actor", "UPDATE events SET actor = 'testes' WHERE position = 3"),
        ("request_id", "UPDATE events SET request_id = 'r' WHERE position = 3"),
        ("tags", "UPDATE events SET tags = '[\"member:HR\",\"person:P9\"]' WHERE position = 3"),
        ("payload", "UPDATE events SET payload = replace(payload, '王小明', '王小朋') WHERE position = 3"),
        ("hash", "UPDATE events SET hash = CASE WHEN substr(hash, 1, 1) = 'f' THEN 'e' ELSE 'f' END || substr(hash, 2) WHERE position = 3"),
    ])
    func editedColumn(column: String, sql: String) throws {
        let dir = TempDir()
        let ledger = try seededLedger(dir)
        try tamper(ledger.path, Self.dropTriggers + sql)
        let report = try ledger.verify()
        #expect(report.failure?.position == 3, "editing \(column) must break the chain at 3")
    }

    @Test("an edited tag index, a deleted event and a re-numbered event are found")
    func indexAndGaps() throws {
        for (sql, position) in [
            ("INSERT INTO event_tags VALUES ('person:P9', 3)", Int64(3)),
            ("DELETE FROM event_tags WHERE position = 2 AND tag = 'quota:HR:2025'", 2),
            ("DELETE FROM events WHERE position = 2", 3),
        ] {
            let dir = TempDir()
            let ledger = try seededLedger(dir)
            try tamper(ledger.path, Self.dropTriggers + sql)
            #expect(try ledger.verify().failure?.position == position, "\(sql)")
        }
    }

    @Test("the canonical bytes are the export line without the hash, keys in order")
    func canonicalForm() {
        let bytes = HashChain.canonical(position: 7, type: "LeaveStarted", version: 1, on: "2025-09-01",
                                        recordedAt: "2026-11-22T07:00:00.123Z", actor: "hr", requestId: nil,
                                        tags: "[\"application:A1\",\"person:P1\"]", payload: "{\"application\":\"A1\",\"person\":\"P1\"}")
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text == #"{"actor":"hr","data":{"application":"A1","person":"P1"},"on":"2025-09-01","position":7,"recordedAt":"2026-11-22T07:00:00.123Z","requestId":null,"tags":["application:A1","person:P1"],"type":"LeaveStarted","version":1}"#)
        // Known SHA-256 over "000…0\n" + that text: recomputed here, so a change of the recipe shows.
        let hash = HashChain.hash(previous: HashChain.genesis, canonical: bytes)
        #expect(hash.count == 64 && hash != HashChain.hash(previous: String(repeating: "1", count: 64), canonical: bytes))
    }
}
