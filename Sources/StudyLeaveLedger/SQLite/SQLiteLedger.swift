#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import GRDB
import StudyLeaveDomain

/// The ledger: one SQLite file holding the events. Opening checks that the file is a ledger of a
/// schema this tool reads; writes go through `append` (Append.swift), reads through `read`.
public final class SQLiteLedger: @unchecked Sendable {
    public let path: String
    let queue: DatabaseQueue
    /// The policies recorded at `init` (the law's default when none was given).
    public let policies: PolicySet

    /// How long a write waits for another process's lock before giving up (exit 74).
    public static let defaultBusyTimeout: TimeInterval = 10

    /// `STUDYLEAVE_MAX_PAGE_COUNT`, for tests only: SQLite's `max_page_count` on every connection,
    /// so that a write which would grow the file past it fails as on a full disk.
    static let maxPageCount: Int? = ProcessInfo.processInfo.environment["STUDYLEAVE_MAX_PAGE_COUNT"].flatMap(Int.init)

    /// Opens an existing ledger.
    public static func open(path: String, readOnly: Bool = false, busyTimeout: TimeInterval = defaultBusyTimeout) throws(LedgerError) -> SQLiteLedger {
        guard FileManager.default.fileExists(atPath: path) else { throw .missing(path: path) }
        return try SQLiteLedger(path: path, creating: false, policies: nil, readOnly: readOnly, busyTimeout: busyTimeout)
    }

    /// Creates a new, empty ledger; refuses to touch an existing file. The file is built under a
    /// temporary name and appears at `path` only complete (`build`), so that a crash never leaves
    /// a half-made ledger there.
    public static func create(path: String, policies: PolicySet = .standard) throws(LedgerError) -> SQLiteLedger {
        guard !FileManager.default.fileExists(atPath: path) else { throw .alreadyExists(path: path) }
        try build(at: path, policies: policies) { (_: SQLiteLedger) throws(LedgerError) -> Void in }
        return try SQLiteLedger(path: path, creating: false, policies: nil, readOnly: false, busyTimeout: defaultBusyTimeout)
    }

    /// Builds a new ledger beside `path` under a temporary name, lets `fill` write into it, closes
    /// it (folding the WAL into the file) and links it to `path`, which fails rather than replace
    /// a file that appeared meanwhile. On any failure, or a crash, nothing is left at `path`
    /// (Docs/RELIABILITY.md); a crash may leave the temporary file, `<path>.incomplete-…`.
    static func build(at path: String, policies: PolicySet, fill: (SQLiteLedger) throws(LedgerError) -> Void) throws(LedgerError) {
        let temp = temporaryPath(beside: path)
        do {
            // Owner only (0600): the ledger holds names and salaries; SQLite gives its -wal and
            // -shm files the same mode.
            try PrivateFile.reserve(temp)
            let ledger = try SQLiteLedger(path: temp, creating: true, policies: policies, readOnly: false, busyTimeout: defaultBusyTimeout)
            var clock = PhaseClock("build")
            try fill(ledger)
            try ledger.close()
            clock.mark("fill, close")
            try publish(temp, as: path)
            clock.mark("sync, publish")
        } catch {
            removeFiles(at: temp)
            throw error
        }
    }

    /// A name beside `path` that no other process uses.
    static func temporaryPath(beside path: String) -> String {
        path + ".incomplete-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    }

    /// Closes the connection; in WAL mode SQLite then folds the WAL into the file and removes it.
    func close() throws(LedgerError) {
        do { try queue.close() } catch { throw SQLiteLedger.translate(error, path: path) }
    }

    /// Gives the finished, closed file at `temp` the name `path` (link(2): never over an existing
    /// file), drops the temporary name and syncs the folder so that the new name is durable.
    static func publish(_ temp: String, as path: String) throws(LedgerError) {
        // Durable before it has its name, however it was written (an import writes unjournaled).
        do {
            guard let file = FileHandle(forUpdatingAtPath: temp) else { throw CocoaError(.fileNoSuchFile) }
            defer { try? file.close() }
            try file.synchronize()
        } catch {
            throw .io("the new file \(path) could not be written to disk (\(error.localizedDescription)); nothing was created")
        }
        if let size = (try? FileManager.default.attributesOfItem(atPath: temp + "-wal"))?[.size] as? NSNumber, size.intValue > 0 {
            throw .io("the new file \(path) could not be completed (its WAL was not folded in); nothing was created")
        }
        if link(temp, path) != 0 {
            let code = errno
            if code == EEXIST { throw .alreadyExists(path: path) }
            // A file system without hard links: check, then rename (not atomic against a racing creator).
            guard !FileManager.default.fileExists(atPath: path) else { throw .alreadyExists(path: path) }
            guard rename(temp, path) == 0 else {
                throw .io("cannot create \(path): \(String(cString: strerror(errno)))")
            }
        } else {
            unlink(temp)
        }
        syncFolder(of: path)
    }

    /// Removes a ledger file and its WAL companions (used when a creation fails half-way).
    static func removeFiles(at path: String) {
        for suffix in ["", "-wal", "-shm", "-journal"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }

    private init(path: String, creating: Bool, policies: PolicySet?, readOnly: Bool, busyTimeout: TimeInterval) throws(LedgerError) {
        self.path = path
        var config = Configuration()
        config.busyMode = .timeout(busyTimeout)
        config.readonly = readOnly
        config.label = "studyleave"
        // A write is acknowledged only after a durable commit (Docs/RELIABILITY.md).
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
            // Only derived rows are ever deleted (projection rows, report indexes): their content
            // stays in the events, so zeroing it (Debian's SQLite does by default) is I/O for nothing.
            try db.execute(sql: "PRAGMA secure_delete = OFF")
            // Tests only: a ceiling on the file's pages, to make a full disk (Docs/RELIABILITY.md).
            if let pages = SQLiteLedger.maxPageCount { try db.execute(sql: "PRAGMA max_page_count = \(pages)") }
        }
        do {
            queue = try DatabaseQueue(path: path, configuration: config)
            if creating {
                try queue.writeWithoutTransaction { db in
                    try db.execute(sql: "PRAGMA journal_mode = WAL")
                    try db.inTransaction(.immediate) {
                        try db.execute(sql: "PRAGMA application_id = \(Schema.applicationID)")
                        try db.execute(sql: "PRAGMA user_version = \(Schema.version)")
                        try db.execute(sql: Schema.create)
                        try db.execute(sql: "INSERT INTO meta(key, value) VALUES ('policy', ?)",
                                       arguments: [PolicyFile.write(policies ?? .standard)])
                        try db.execute(sql: "INSERT INTO meta(key, value) VALUES ('created_by', 'studyleave schema \(Schema.version)')")
                        return .commit
                    }
                }
            }
            let (appID, userVersion, policyText) = try queue.read { db -> (Int32, Int, String?) in
                let appID = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
                let version = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
                guard appID == Schema.applicationID else { return (appID, version, nil) }
                return (appID, version, try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'policy'"))
            }
            guard appID == Schema.applicationID else { throw LedgerError.notALedger(path: path) }
            guard userVersion <= Schema.version else { throw LedgerError.newerSchema(found: userVersion, supported: Schema.version) }
            if userVersion < Schema.version, !readOnly { try SchemaUpgrade.run(queue) }
            if let policyText {
                do { self.policies = try PolicyFile.parse(policyText) }
                catch { throw LedgerError.corrupt(position: nil, detail: "the stored policy cannot be read: \(error.message)") }
            } else {
                self.policies = .standard
            }
        } catch let e as LedgerError {
            throw e
        } catch {
            throw SQLiteLedger.translate(error, path: path)
        }
    }

    /// Runs `body` in one read transaction: a consistent snapshot of the ledger.
    public func read<T>(_ body: (SQLiteReader) throws -> T) throws(LedgerError) -> T {
        do {
            return try queue.read { db in try body(SQLiteReader(db: db)) }
        } catch let e as LedgerError {
            throw e
        } catch {
            throw SQLiteLedger.translate(error, path: path)
        }
    }

    /// SQLite's errors in the ledger's words.
    static func translate(_ error: Error, path: String) -> LedgerError {
        guard let e = error as? DatabaseError else { return .io("the ledger \(path) cannot be used: \(error)") }
        switch e.resultCode {
        case .SQLITE_NOTADB, .SQLITE_CORRUPT: return .notALedger(path: path)
        case .SQLITE_READONLY: return .readOnly(path: path)
        case .SQLITE_FULL: return .full(path: path)
        case .SQLITE_BUSY, .SQLITE_LOCKED: return .busy(path: path)
        case .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_AUTH: return .io("the ledger \(path) cannot be opened (check the path and its permissions)")
        case .SQLITE_IOERR: return .io("the ledger \(path) cannot be read or written: \(e.message ?? "I/O error")")
        default: return .io("the ledger \(path) cannot be used: \(e.message ?? "\(e.resultCode)")")
        }
    }
}

/// fsync(2) on the folder holding `path`, so that a name just linked there survives a power cut.
private func syncFolder(of path: String) {
    let folder = (path as NSString).deletingLastPathComponent
    let fd = open(folder.isEmpty ? "." : folder, O_RDONLY)
    if fd >= 0 { fsync(fd); close(fd) }
}
