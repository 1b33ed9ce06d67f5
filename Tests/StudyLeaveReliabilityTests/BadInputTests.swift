import Foundation
import Testing
import StudyLeaveApp
import StudyLeaveDomain
@testable import StudyLeaveLedger

/// The corpus files in Corpus/ (test resources).
enum Corpus {
    static func text(_ name: String) -> String {
        let url = Bundle.module.url(forResource: name, withExtension: "txt", subdirectory: "Corpus")
            ?? Bundle.module.url(forResource: name, withExtension: "txt")!
        return try! String(contentsOf: url, encoding: .utf8)
    }

    /// The case lines: not blank, not comments; fields split on tabs.
    static func cases(_ name: String) -> [[String]] {
        text(name).split(separator: "\n").compactMap { line -> [String]? in
            let l = String(line)
            if l.trimmingCharacters(in: .whitespaces).isEmpty || l.hasPrefix("#") { return nil }
            return l.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        }
    }

    /// `\xNN`, `\n`, `\t`, `\\` and `{{N*TEXT}}` written out as bytes.
    static func unescape(_ s: String) -> [UInt8] {
        var expanded = ""
        var rest = Substring(s)
        while let open = rest.range(of: "{{") {
            expanded += rest[..<open.lowerBound]
            guard let close = rest[open.upperBound...].range(of: "}}"),
                  let star = rest[open.upperBound..<close.lowerBound].firstIndex(of: "*"),
                  let n = Int(rest[open.upperBound..<star]) else {
                expanded += "{{"; rest = rest[open.upperBound...]; continue
            }
            expanded += String(repeating: String(rest[rest.index(after: star)..<close.lowerBound]), count: n)
            rest = rest[close.upperBound...]
        }
        expanded += rest
        var out: [UInt8] = []
        let u = Array(expanded.utf8)
        var i = 0
        while i < u.count {
            if u[i] == 92, i + 1 < u.count {
                switch u[i + 1] {
                case UInt8(ascii: "x") where i + 3 < u.count:
                    out.append(UInt8(String(decoding: u[(i + 2)...(i + 3)], as: UTF8.self), radix: 16)!); i += 4; continue
                case UInt8(ascii: "n"): out.append(10); i += 2; continue
                case UInt8(ascii: "t"): out.append(9); i += 2; continue
                case 92: out.append(92); i += 2; continue
                default: break
                }
            }
            out.append(u[i]); i += 1
        }
        return out
    }
}

/// One bad command line.
struct ArgumentCase: CustomTestStringConvertible, Sendable {
    let exit: Int32
    let words: [String]
    let what: String
    var testDescription: String { "\(what) → \(exit)" }

    static let all: [ArgumentCase] = Corpus.cases("arguments").map { f in
        ArgumentCase(exit: Int32(f[0])!, words: splitWords(f[1]), what: f.count > 2 ? f[2] : f[1])
    }
}

/// One bad import file, made from the base export.
struct ImportCase: CustomTestStringConvertible, Sendable {
    let exit: Int32
    let fields: [String]
    let what: String
    var testDescription: String { "\(what) → \(exit)" }

    static let all: [ImportCase] = Corpus.cases("import-lines").map { f in
        ImportCase(exit: Int32(f[0])!, fields: Array(f[1..<(f.count - 1)]), what: f.last!)
    }

    /// The file's bytes: the base lines changed as the case says.
    func build(from base: [[UInt8]]) throws -> [UInt8] {
        var lines = base
        func index(_ s: String) throws -> Int {
            let n = try #require(Int(s)); try #require((1...lines.count).contains(n), "line \(n)"); return n - 1
        }
        func replace(_ line: [UInt8], _ old: [UInt8], _ new: [UInt8]) throws -> [UInt8] {
            for i in 0...max(0, line.count - old.count) where i + old.count <= line.count && Array(line[i..<(i + old.count)]) == old {
                return Array(line[..<i]) + new + Array(line[(i + old.count)...])
            }
            Issue.record("'\(String(decoding: old, as: UTF8.self))' is not in the line \(String(decoding: line, as: UTF8.self))")
            return line
        }
        let args = fields.dropFirst().map { $0 }
        switch fields[0] {
        case "sub":
            let i = try index(args[0]); lines[i] = try replace(lines[i], Corpus.unescape(args[1]), Corpus.unescape(args[2]))
        case "forge":
            // Edited, then hashed as the tool would: right for itself and the chain before it.
            let i = try index(args[0])
            let edited = try replace(lines[i], Corpus.unescape(args[1]), Corpus.unescape(args[2]))
            var copy = edited
            var previous = HashChain.genesis
            if i > 0 {
                var before = lines[i - 1]
                previous = try #require(try JSONParser.parse(bytes: &before).objectValue?["hash"]?.stringValue)
            }
            let o = try #require(try JSONParser.parse(bytes: &copy).objectValue)
            let canonical = HashChain.canonical(
                position: Int64(o["position"]!.intValue!), type: o["type"]!.stringValue!, version: o["version"]!.intValue!,
                on: o["on"]!.stringValue!, recordedAt: o["recordedAt"]!.stringValue!, actor: o["actor"]!.stringValue!,
                requestId: o["requestId"]!.stringValue, tags: HashChain.tagsText(o["tags"]!.arrayValue!.compactMap(\.stringValue)),
                payload: o["data"]!.canonical)
            let oldHash = try #require(o["hash"]?.stringValue)
            lines[i] = try replace(edited, Array(oldHash.utf8), Array(HashChain.hash(previous: previous, canonical: canonical).utf8))
        case "copyhash":
            let from = try index(args[0]), to = try index(args[1])
            var a = lines[from], b = lines[to]
            let ha = try #require(try JSONParser.parse(bytes: &a).objectValue?["hash"]?.stringValue)
            let hb = try #require(try JSONParser.parse(bytes: &b).objectValue?["hash"]?.stringValue)
            lines[to] = try replace(lines[to], Array(hb.utf8), Array(ha.utf8))
        case "raw": lines[try index(args[0])] = Corpus.unescape(args[1])
        case "append": lines.append(Corpus.unescape(args[0]))
        case "drop": lines.remove(at: try index(args[0]))
        case "swap": lines.swapAt(try index(args[0]), try index(args[1]))
        case "dup": let i = try index(args[0]); lines.insert(lines[i], at: i)
        case "cut": let i = try index(args[0]); lines[i] = Array(lines[i].prefix(Int(args[1])!))
        case "file": return Corpus.unescape(args[0])
        default: Issue.record("unknown operation \(fields[0])")
        }
        return Array(lines.joined(separator: [10])) + [10]
    }
}

extension JSONValue {
    var objectValue: [String: JSONValue]? { if case .object(let o) = self { return o } else { return nil } }
}

enum Reliability {
    /// The small office of the corpus, made through the library (fast: no process per event).
    static func office(at path: String) throws {
        let ledger = try SQLiteLedger.create(path: path)
        // The Recorder's steps, synchronously: read the slice, decide, append.
        func record(_ command: Command, on: String) throws {
            let (events, _) = try command.slice { tags in try ledger.read { try $0.events(taggedAny: tags) } }
            let decided = try Decider(events: events, policies: ledger.policies, on: DateParsing.parseISO(on)!).decide(command)
            _ = try ledger.append(decided, actor: "reliability")
        }
        func day(_ s: String) -> CivilDate { DateParsing.parseISO(s)! }
        try record(.addAgency(id: "HR", name: "人事處", parent: nil), on: "2025-01-01")
        try record(.setHeadcount(agency: "HR", year: 2026, budgeted: 20), on: "2026-01-01")
        try record(.addPerson(id: "H1", name: "處長", agency: "HR", head: true), on: "2025-01-01")
        try record(.addPerson(id: "P1", name: "同仁", agency: "HR", head: false), on: "2025-01-01")
        try record(.apply(.init(id: "A1", person: "P1", mode: .fullTime, sponsor: .self,
                                from: day("2026-09-01"), to: day("2027-06-30"))), on: "2026-02-01")
        try record(.review(application: "A1", workRelated: true), on: "2026-02-10")
    }

    /// The base export: six lines.
    static func baseExport() throws -> [[UInt8]] {
        let scratch = Scratch("base"); defer { scratch.cleanup() }
        try office(at: scratch.path("base.db"))
        var bytes: [UInt8] = []
        try SQLiteLedger.open(path: scratch.path("base.db")).export { bytes += $0 }
        return bytes.split(separator: 10).map(Array.init)
    }
}

@Suite("Bad input: the right exit code, one error line, nothing recorded")
struct BadInputTests {
    @Test("the corpus holds at least 50 cases of each kind")
    func corpusSize() {
        #expect(ArgumentCase.all.count >= 50)
        #expect(ImportCase.all.count >= 50)
        figure("bad input: command lines in the corpus", ArgumentCase.all.count)
        figure("bad input: import files in the corpus", ImportCase.all.count)
    }

    @Test("a bad command line", arguments: ArgumentCase.all)
    func argument(_ c: ArgumentCase) throws {
        let scratch = Scratch("args"); defer { scratch.cleanup() }
        let cli = Studyleave(scratch)
        try Reliability.office(at: cli.db)
        let before = try #require(inspect(cli.db))
        let args = c.words.map { Corpus.unescape($0.replacingOccurrences(of: "@LEDGER", with: cli.db)) }
        let o = spawnTool(args + [Array("--db".utf8), Array(cli.db.utf8)], outputs: scratch.url.path).wait()
        #expect(o.code == c.exit, "\(c.what): \(o.summary)")
        #expect(o.oneErrorLine, "\(c.what): \(o.err)")
        #expect(o.out.isEmpty, "\(c.what): nothing on standard output: \(o.out.prefix(200))")
        let after = try #require(inspect(cli.db))
        #expect(after.events == before.events && after.intact, "\(c.what): the ledger changed")
    }

    static let base: [[UInt8]] = try! Reliability.baseExport()

    @Test("a bad import file, into a missing ledger and into an empty one", arguments: ImportCase.all)
    func importFile(_ c: ImportCase) throws {
        let scratch = Scratch("import"); defer { scratch.cleanup() }
        let file = scratch.path("bad.jsonl")
        let bytes = try c.build(from: Self.base)
        #expect(bytes != Array(Self.base.joined(separator: [10])) + [10], "\(c.what): the case changes nothing")
        FileManager.default.createFile(atPath: file, contents: Data(bytes))

        let fresh = Studyleave(scratch, db: "fresh.db")
        let o = fresh.run(["import", file])
        #expect(o.code == c.exit, "\(c.what) (missing ledger): \(o.summary)")
        #expect(o.oneErrorLine, "\(c.what): \(o.err)")
        #expect(!scratch.names().contains { $0.hasPrefix("fresh.db") }, "\(c.what): left \(scratch.names())")

        let empty = Studyleave(scratch, db: "empty.db")
        _ = try SQLiteLedger.create(path: empty.db)
        let e = empty.run(["import", file])
        #expect(e.code == c.exit, "\(c.what) (empty ledger): \(e.summary)")
        #expect(inspect(empty.db)?.events == 0, "\(c.what): the empty ledger received events")
    }

    @Test("the base export itself imports (the corpus changes are what is refused)")
    func baseImports() throws {
        let scratch = Scratch("import-base"); defer { scratch.cleanup() }
        let file = scratch.path("base.jsonl")
        FileManager.default.createFile(atPath: file, contents: Data(Array(Self.base.joined(separator: [10])) + [10]))
        let cli = Studyleave(scratch)
        let o = cli.run(["import", file])
        #expect(o.code == 0, "\(o.summary)")
        #expect(cli.verify()?.events == 6)
    }
}
