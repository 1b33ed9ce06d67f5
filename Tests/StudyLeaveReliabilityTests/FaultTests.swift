#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import GRDBSQLite
import Testing
import StudyLeaveApp
import StudyLeaveDomain
@testable import StudyLeaveLedger

/// Raw SQL on a file, as another program (or someone behind the tool's back) would run it.
/// Returns the connection when `keepOpen`, to hold a lock; close it with `sqlite3_close`.
@discardableResult
func rawSQL(_ path: String, _ sql: String, keepOpen: Bool = false) throws -> OpaquePointer? {
    var db: OpaquePointer?
    guard sqlite3_open(path, &db) == SQLITE_OK else { throw RawSQLError(message: "open \(path)") }
    var err: UnsafeMutablePointer<CChar>?
    if sqlite3_exec(db, sql, nil, nil, &err) != SQLITE_OK {
        let message = err.map { String(cString: $0) } ?? "?"
        sqlite3_free(err)
        sqlite3_close(db)
        throw RawSQLError(message: message)
    }
    if keepOpen { return db }
    sqlite3_close(db)
    return nil
}

struct RawSQLError: Error { let message: String }

/// A small ledger: one agency, its head and headcount, two people, one application in review.
func smallOffice(_ scratch: Scratch, db: String = "ledger.db") -> Studyleave {
    let cli = Studyleave(scratch, db: db)
    cli.ok("init")
    cli.ok("agency add HR --name 人事處 --on 2025-01-01")
    cli.ok("agency headcount HR --year 2026 --budgeted 20 --on 2026-01-01")
    cli.ok("person add H1 --name 處長 --agency HR --head --on 2025-01-01")
    cli.ok("person add P1 --name 同仁 --agency HR --on 2025-01-01")
    cli.ok("apply A1 --person P1 --mode full-time --sponsor self --from 2026-09-01 --to 2027-06-30 --on 2026-02-01")
    cli.ok("review A1 --work-related yes --on 2026-02-10")
    return cli
}

/// The writes each fault is tried with: a plain one, a conditional one (quota), an import.
let faultWrites: [[String]] = [
    ["person", "add", "P2", "--name", "新人", "--agency", "HR", "--on", "2026-03-01"],
    ["approve", "A1", "--by", "H1", "--on", "2026-03-01"],
]

/// The file's bytes, to show that a refused write left it untouched.
func bytes(_ path: String) -> Data? { try? Data(contentsOf: URL(fileURLWithPath: path)) }

@Suite("Faults: one clear line, exit 74, the ledger intact")
struct FaultTests {
    static func expectFault(_ o: Outcome, _ words: String, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(o.code == 74, "\(what): \(o.summary)", sourceLocation: sourceLocation)
        #expect(o.oneErrorLine, "\(what): one error line: \(o.err)", sourceLocation: sourceLocation)
        #expect(o.err.contains(words), "\(what): '\(words)' in \(o.err)", sourceLocation: sourceLocation)
    }

    @Test("a read-only ledger file: writes refused with 74, reads still answer, nothing changed")
    func readOnlyFile() throws {
        let scratch = Scratch("readonly"); defer { scratch.cleanup() }
        let cli = smallOffice(scratch)
        let before = try #require(cli.verify())
        // chmod stops a write only when not root; as root the file is made immutable (chattr +i).
        guard let protection = ReadOnly.protect(cli.db) else {
            // Root on a file system without the immutable attribute: the same refusal through the
            // library's read-only open, which is what SQLite does when it cannot open for writing.
            print("note: neither chmod nor chattr makes a file read-only here; testing a read-only open instead")
            let ledger = try SQLiteLedger.open(path: cli.db, readOnly: true)
            #expect(throws: LedgerError.readOnly(path: cli.db)) {
                _ = try ledger.append([NewEvent(on: DateParsing.parseISO("2026-03-01")!, tags: ["person:P2"],
                                                data: .personAdded(person: "P2", name: "新人", agency: "HR", head: false))], actor: "t")
            }
            #expect(AppError.unusable(LedgerError.readOnly(path: cli.db).message).exitCode == 74)
            #expect(cli.verify()?.head == before.head)
            return
        }
        defer { protection.undo() }
        for args in faultWrites {
            let o = cli.run(args)
            Self.expectFault(o, "read-only", "\(args[0]) on a read-only ledger (\(protection.how))")
        }
        let export = scratch.path("e.jsonl")
        _ = cli.run(["export", "--to", export])
        let importInto = cli.run(["import", export])
        #expect(importInto.code != 0, "import into a read-only ledger: \(importInto.summary)")
        #expect(importInto.oneErrorLine)
        let v = cli.verify()
        #expect(v?.events == before.events, "a read-only ledger still reads and verifies")
        protection.undo()
        #expect(cli.verify()?.head == before.head)
        figure("faults: read-only made with", protection.how)
    }

    @Test("a file that is not SQLite, an empty file, another SQLite file: 74, and the file untouched",
          arguments: ["random", "text", "empty", "other-sqlite"])
    func notALedger(kind: String) throws {
        let scratch = Scratch("notsqlite"); defer { scratch.cleanup() }
        let cli = Studyleave(scratch)
        var rng = SplitMix64(seed: Knobs.seed)
        switch kind {
        case "random": FileManager.default.createFile(atPath: cli.db, contents: Data((0..<8192).map { _ in UInt8.random(in: 0...255, using: &rng) }))
        case "text": FileManager.default.createFile(atPath: cli.db, contents: Data(String(repeating: "人事資料 not a ledger\n", count: 300).utf8))
        case "empty": FileManager.default.createFile(atPath: cli.db, contents: Data())
        default: try rawSQL(cli.db, "CREATE TABLE events(x); INSERT INTO events VALUES (1)")
        }
        let original = bytes(cli.db)
        for args in faultWrites + [["verify"], ["status", "P1"], ["export"]] {
            Self.expectFault(cli.run(args), "not a studyleave ledger", "\(args[0]) on \(kind)")
        }
        let source = Scratch("notsqlite-src"); defer { source.cleanup() }
        let good = smallOffice(source)
        let export = source.path("e.jsonl")
        #expect(good.run(["export", "--to", export]).code == 0)
        Self.expectFault(cli.run(["import", export]), "not a studyleave ledger", "import into \(kind)")
        #expect(bytes(cli.db) == original, "\(kind): the file was changed")
        #expect(cli.run(["init"]).code == 1, "init refuses to replace an existing file")
    }

    @Test("a truncated ledger: 74 on writes and reads, never read as a shorter ledger", arguments: [2, 3, 0])
    func truncated(divisor: Int) throws {
        let scratch = Scratch("truncated"); defer { scratch.cleanup() }
        let cli = smallOffice(scratch)
        for i in 0..<60 { cli.ok("person add X\(i) --name \(String(repeating: "名", count: 300)) --agency HR --on 2026-01-05") }
        try rawSQL(cli.db, "PRAGMA wal_checkpoint(TRUNCATE)")
        let size = try #require(fileSize(cli.db))
        // Cut at half, at a third, or down to the first page (the header and schema alone).
        let cut = divisor == 0 ? 4096 : size / Int64(divisor)
        #expect(truncate(cli.db, off_t(cut)) == 0)
        let original = bytes(cli.db)
        for args in faultWrites + [["verify"], ["status", "P1"]] {
            let o = cli.run(args)
            #expect(o.code == 74, "\(args[0]) on a ledger cut to \(cut) of \(size) bytes: \(o.summary)")
            #expect(o.oneErrorLine, "\(o.err)")
        }
        #expect(bytes(cli.db) == original, "the truncated file was changed")
    }

    @Test("a full disk (SQLite max_page_count): 74 with one line, nothing half-written, the ledger verifies")
    func fullDisk() throws {
        let scratch = Scratch("full"); defer { scratch.cleanup() }
        let cli = smallOffice(scratch)
        let longName = String(repeating: "長", count: 900)
        // Some bulk first, so that an import of the export needs many pages.
        for i in 0..<30 { cli.ok("person add B\(i) --name \(longName) --agency HR --on 2026-01-05") }
        try rawSQL(cli.db, "PRAGMA wal_checkpoint(TRUNCATE)")
        let pages = try #require(try pageCount(cli.db))
        var full = cli
        full.env["STUDYLEAVE_MAX_PAGE_COUNT"] = String(pages + 3)
        var recorded = 0, failure: Outcome?
        for i in 0..<200 {
            let o = full.run(["person", "add", "F\(i)", "--name", longName, "--agency", "HR", "--on", "2026-01-05", "--request-id", "full-\(i)"])
            if o.code == 0 { recorded += 1; continue }
            failure = o
            break
        }
        let o = try #require(failure, "the page ceiling was never reached")
        Self.expectFault(o, "full", "a write on a full disk")
        // The same write again: still full, still nothing recorded.
        Self.expectFault(full.run(["person", "add", "F-again", "--name", longName, "--agency", "HR", "--on", "2026-01-05"]),
                         "full", "the write repeated on a full disk")
        let ids = try requestIds(cli.db)
        #expect(ids.keys.filter { $0.hasPrefix("full-") }.count == recorded)
        let v = try #require(cli.verify())
        #expect(v.events == 6 + 30 + recorded)
        // An import that does not fit: refused whole, no file left behind, and the same into an
        // empty ledger leaves it empty.
        let export = scratch.path("e.jsonl")
        #expect(cli.run(["export", "--to", export]).code == 0)
        let empty = Studyleave(scratch, db: "empty.db")
        empty.ok("init")
        try rawSQL(empty.db, "PRAGMA wal_checkpoint(TRUNCATE)")
        let emptyPages = try #require(try pageCount(empty.db))
        for name in ["fresh.db", "empty.db"] {
            var small = Studyleave(scratch, db: name)
            small.env["STUDYLEAVE_MAX_PAGE_COUNT"] = String(emptyPages + 2)
            Self.expectFault(small.run(["import", export]), "full", "import into \(name) on a full disk")
        }
        #expect(!scratch.names().contains { $0.hasPrefix("fresh.db") }, "\(scratch.names())")
        #expect(empty.verify()?.events == 0)
        figure("faults: writes that fitted before the disk was full", recorded)
    }

    @Test("a ledger locked by another process past the busy timeout: 74 'locked', reads go on, the write works once released")
    func locked() throws {
        let scratch = Scratch("locked"); defer { scratch.cleanup() }
        var cli = smallOffice(scratch)
        let before = try #require(cli.verify())
        cli.env["STUDYLEAVE_BUSY_TIMEOUT"] = "1"
        let holder = try rawSQL(cli.db, "BEGIN IMMEDIATE; INSERT INTO meta(key, value) VALUES ('lock-holder', 'x')", keepOpen: true)
        for args in faultWrites {
            Self.expectFault(cli.run(args), "locked by another process", "\(args[0]) while locked")
        }
        // Readers are not blocked by a writer in WAL mode.
        #expect(cli.verify()?.events == before.events)
        #expect(cli.run(["status", "P1", "--format", "json"]).code == 0)
        _ = sqlite3_exec(holder, "ROLLBACK", nil, nil, nil)
        sqlite3_close(holder)
        #expect(cli.run(faultWrites[1]).code == 0, "the same write once the lock is released")
        #expect(cli.verify()?.events == before.events + 1)
    }

    @Test("a ledger from a newer version of the tool: 74 'newer', nothing changed")
    func newerSchema() throws {
        let scratch = Scratch("newer"); defer { scratch.cleanup() }
        let cli = smallOffice(scratch)
        try rawSQL(cli.db, "PRAGMA user_version = 99; PRAGMA wal_checkpoint(TRUNCATE)")
        let original = bytes(cli.db)
        for args in faultWrites + [["verify"], ["status", "P1"]] {
            Self.expectFault(cli.run(args), "newer studyleave", "\(args[0]) on a newer ledger")
        }
        Self.expectFault(cli.run(["backup", "--to", scratch.path("copy.db")]), "newer studyleave", "backup of a newer ledger")
        #expect(bytes(cli.db) == original, "a newer ledger was changed")
        #expect(!FileManager.default.fileExists(atPath: scratch.path("copy.db")))
    }
}

/// The pages of a ledger file (for the max_page_count ceiling).
func pageCount(_ path: String) throws -> Int? {
    var db: OpaquePointer?
    guard sqlite3_open(path, &db) == SQLITE_OK else { return nil }
    defer { sqlite3_close(db) }
    var stmt: OpaquePointer?
    guard sqlite3_prepare_v2(db, "PRAGMA page_count", -1, &stmt, nil) == SQLITE_OK else { return nil }
    defer { sqlite3_finalize(stmt) }
    guard sqlite3_step(stmt) == SQLITE_ROW else { return nil }
    return Int(sqlite3_column_int64(stmt, 0))
}

/// Makes a file read-only for real: chmod when not root; as root (whom chmod does not stop),
/// the immutable attribute (chattr +i). Checked by trying to open the file for writing.
struct ReadOnly {
    let path: String
    let how: String
    private let undoBody: @Sendable () -> Void

    func undo() { undoBody() }

    static func protect(_ path: String) -> ReadOnly? {
        // To try the fallback where neither works: STUDYLEAVE_RELIABILITY_NO_READONLY=1.
        if Knobs.env["STUDYLEAVE_RELIABILITY_NO_READONLY"] != nil { return nil }
        chmod(path, 0o444)
        if !writable(path) { return ReadOnly(path: path, how: "chmod 444", undoBody: { chmod(path, 0o644) }) }
        chmod(path, 0o644)
        if run("/usr/bin/chattr", ["+i", path]) || run("/bin/chattr", ["+i", path]), !writable(path) {
            return ReadOnly(path: path, how: "chattr +i (running as root)", undoBody: {
                _ = run("/usr/bin/chattr", ["-i", path]) || run("/bin/chattr", ["-i", path])
            })
        }
        return nil
    }

    static func writable(_ path: String) -> Bool {
        let fd = open(path, O_WRONLY)
        if fd >= 0 { close(fd); return true }
        return false
    }

    static func run(_ tool: String, _ args: [String]) -> Bool {
        guard FileManager.default.isExecutableFile(atPath: tool) else { return false }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: tool)
        p.arguments = args
        p.standardError = FileHandle.nullDevice
        guard (try? p.run()) != nil else { return false }
        p.waitUntilExit()
        return p.terminationStatus == 0
    }
}
