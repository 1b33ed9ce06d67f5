import Foundation
import Testing
import StudyLeaveDomain
@testable import StudyLeaveLedger

@Suite("Export and import")
struct ExchangeTests {
    func exportText(_ ledger: SQLiteLedger) throws -> String {
        var out = [UInt8]()
        try ledger.export { out += $0 }
        return String(decoding: out, as: UTF8.self)
    }

    func write(_ text: String, _ dir: TempDir, _ name: String = "in.jsonl") -> String {
        let path = dir.path(name)
        FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
        return path
    }

    @Test("a round trip gives identical hashes, times, actors and positions")
    func roundTrip() throws {
        let dir = TempDir()
        let ledger = try seededLedger(dir)
        _ = try ledger.append([NewEvent(on: day, tags: [Tag.person("P1")], data: .servicePaused(person: "P1", reason: "引號\"與\\反斜線"))],
                              actor: "張三", requestId: "r-1")
        let text = try exportText(ledger)
        #expect(text.split(separator: "\n").count == 5)
        let copy = dir.path("copy.db")
        let n = try SQLiteLedger.importEvents(into: copy, from: LineSource(path: write(text, dir)))
        #expect(n == 5)
        let imported = try SQLiteLedger.open(path: copy)
        #expect(try exportText(imported) == text)
        #expect(try imported.verify().head == (try ledger.verify().head))
        #expect(try imported.read { try $0.event(requestId: "r-1")?.position } == 5)
    }

    /// Each malformed line, placed as line 3 of an otherwise good export.
    nonisolated(unsafe) static let badLines: [(String, (String) -> String)] = [
        ("not JSON", { _ in "{not json" }),
        ("a list", { _ in "[1,2]" }),
        ("a missing field", { $0.replacingOccurrences(of: #","actor":"tester""#, with: "").replacingOccurrences(of: #"{"actor":"tester","#, with: "{") }),
        ("an unknown field", { $0.replacingOccurrences(of: #""version":1}"#, with: #""version":1,"extra":1}"#) }),
        ("a position out of order", { $0.replacingOccurrences(of: #""position":3"#, with: #""position":4"#) }),
        ("a string position", { $0.replacingOccurrences(of: #""position":3"#, with: #""position":"3""#) }),
        ("a bad day", { $0.replacingOccurrences(of: #""on":"2025-03-01""#, with: #""on":"2025-02-30""#) }),
        ("a bad time", { $0.replacingOccurrences(of: #""recordedAt":""#, with: #""recordedAt":"x"#) }),
        ("a forged hash", { line in
            let r = line.range(of: #""hash":""#)!
            let i = line.index(r.upperBound, offsetBy: 0)
            return line.replacingCharacters(in: i...i, with: line[i] == "0" ? "1" : "0")
        }),
        ("an edited payload", { $0.replacingOccurrences(of: "王小明", with: "王大明") }),
        ("an unknown event type", { $0.replacingOccurrences(of: #""type":"PersonAdded""#, with: #""type":"PersonInvented""#) }),
        ("a wrong-typed payload field", { $0.replacingOccurrences(of: #""head":false"#, with: #""head":"no""#) }),
        ("unsorted tags", { $0.replacingOccurrences(of: #"["member:HR","person:P1"]"#, with: #"["person:P1","member:HR"]"#) }),
    ]

    @Test("a malformed line is refused with its number and leaves the ledger as it was",
          arguments: badLines.indices)
    func malformedLine(index: Int) throws {
        let (name, mutate) = Self.badLines[index]
        let dir = TempDir()
        let ledger = try seededLedger(dir)
        var lines = try exportText(ledger).split(separator: "\n").map(String.init)
        lines[2] = mutate(lines[2])
        let file = write(lines.joined(separator: "\n") + "\n", dir)
        // Into a missing ledger: nothing is left behind.
        let fresh = dir.path("fresh.db")
        let error = #expect(throws: LedgerError.self, "\(name)") { try SQLiteLedger.importEvents(into: fresh, from: LineSource(path: file)) }
        if case .malformedImport(let line, _)? = error {
            #expect(line == 3, "\(name)")
        } else {
            Issue.record("\(name): expected a malformed line, got \(String(describing: error))")
        }
        #expect(!FileManager.default.fileExists(atPath: fresh), "\(name)")
        // Into an existing empty ledger: it stays empty.
        let empty = try SQLiteLedger.create(path: dir.path("empty.db"))
        #expect(throws: LedgerError.self) { try SQLiteLedger.importEvents(into: empty.path, from: LineSource(path: file)) }
        #expect(try empty.read { try $0.count() } == 0)
    }

    @Test("import refuses a ledger that already holds events")
    func notEmpty() throws {
        let dir = TempDir()
        let ledger = try seededLedger(dir)
        let file = write(try exportText(ledger), dir)
        #expect(throws: LedgerError.notEmpty(events: 4)) { try SQLiteLedger.importEvents(into: ledger.path, from: LineSource(path: file)) }
    }

    /// Other spellings of the same values: each leaves the fast path (which takes only lines
    /// exactly as `export` writes them) for the general parser, and imports to the same ledger.
    nonisolated(unsafe) static let respellings: [(String, (String) -> String)] = [
        ("spaces after the colons", { $0.replacingOccurrences(of: "\":", with: "\": ") }),
        ("a letter escaped", { $0.replacingOccurrences(of: "\"tester\"", with: "\"t\\u0065ster\"") }),
        ("payload keys in another order", { $0.replacingOccurrences(of: "{\"agency\":\"HR\",\"name\":\"人事處\",\"parent\":null}",
                                                                      with: "{\"parent\":null,\"name\":\"人事處\",\"agency\":\"HR\"}") }),
    ]

    @Test("a line spelled otherwise imports to the same ledger", arguments: 0..<respellings.count)
    func respelled(index: Int) throws {
        let (name, change) = Self.respellings[index]
        let dir = TempDir()
        let text = try exportText(try seededLedger(dir))
        let changed = change(text)
        #expect(changed != text, "\(name): the change applies")
        let n = try SQLiteLedger.importEvents(into: dir.path("c.db"), from: LineSource(path: write(changed, dir)))
        #expect(n == 4, "\(name)")
        #expect(try exportText(try SQLiteLedger.open(path: dir.path("c.db"))) == text, "\(name): stored canonically")
    }

    @Test("blank lines and a missing final newline are accepted")
    func blankLines() throws {
        let dir = TempDir()
        let ledger = try seededLedger(dir)
        let text = try exportText(ledger).replacingOccurrences(of: "\n", with: "\n\n").trimmingCharacters(in: .newlines)
        #expect(try SQLiteLedger.importEvents(into: dir.path("c.db"), from: LineSource(path: write(text, dir))) == 4)
    }
}
