import GRDB
import StudyLeaveDomain
import Testing
@testable import StudyLeaveLedger

@Suite("The event reads through SQLite's C API agree with GRDB's rows")
struct RawEventReaderTests {
    /// The plain path: every event through a GRDB row and `StoredEvent.decoded()`.
    func plain(_ ledger: SQLiteLedger) throws -> [Event] {
        try ledger.read { r in
            try Row.fetchAll(r.db, sql: "SELECT \(SQLiteReader.columns) FROM events ORDER BY position").map(SQLiteReader.decode)
        }
    }

    @Test("every event, with and without a request id, an empty tag list and a tag that needs escaping, reads the same both ways")
    func agree() throws {
        let dir = TempDir()
        let ledger = try seededLedger(dir)
        _ = try ledger.append([NewEvent(on: day, tags: [Tag.person("P1"), "note:\"quoted\" \\ back\u{1}slash", "名:王"],
                                        data: .servicePaused(person: "P1", reason: "育嬰 \"留職停薪\""))],
                              actor: "tester", requestId: "req-1")
        _ = try ledger.append([NewEvent(on: day, tags: [], data: .policyAdopted(.act2013))], actor: "另一位")
        let fast = try ledger.read { try $0.allEvents() }
        #expect(fast == (try plain(ledger)))
        #expect(fast.count == 6)
        #expect(fast[4].requestId == "req-1" && fast[3].requestId == nil)
        #expect(fast[4].tags.contains("note:\"quoted\" \\ back\u{1}slash"))
        #expect(fast[5].tags.isEmpty)
        // Each read of the store's own questions goes the same way.
        #expect(try ledger.read { try $0.events(taggedAny: [Tag.person("P1")]) } == fast.filter { $0.tags.contains(Tag.person("P1")) })
        #expect(try ledger.read { try $0.event(requestId: "req-1") } == fast[4])
        #expect(try ledger.read { try $0.event(at: 2) } == fast[1])
    }

    @Test("tags read from their bytes as the JSON parser reads them, canonical or not, and damaged lists refused", arguments: [
        #"[]"#, #"["a"]"#, #"["agency:HR","person:P1"]"#, #"["a\"b","c"]"#, #"["\u0041"]"#, #"[ "a" ]"#, #"["a", "b"]"#,
        #"["名:王"]"#, #"["a",]"#, #"["a""b"]"#, #"["a"#, #"[1]"#, #"{}"#, "", #"["a"]x"#, #"[,"a"]"#, #"["""#,
    ])
    func tagsFromBytes(text: String) {
        var text = text
        let fast = text.withUTF8 { HashChain.tags(fromBytes: $0) }
        #expect(fast == HashChain.tags(fromText: text), "\(text)")
    }

    @Test("a row whose tags do not read is corruption naming its position, on both paths")
    func damaged() throws {
        let dir = TempDir()
        let ledger = try seededLedger(dir)
        try tamper(ledger.path, "DROP TRIGGER events_append_only_update; UPDATE events SET tags = '[\"a\",' WHERE position = 3;")
        for read in [{ _ = try ledger.read { try $0.allEvents() } }, { _ = try plain(ledger) }] {
            #expect { try read() } throws: { error in
                guard case LedgerError.corrupt(let position, _) = error else { return false }
                return position == 3
            }
        }
    }
}
