import Foundation
import GRDB
import StudyLeaveDomain

/// The ledger: one SQLite file holding the events. Opening checks that the file is a ledger of a
/// schema this tool reads; writes go through `append` (Append.swift), reads through `read`.
public final class Ledger: @unchecked Sendable {
    public let path: String
    let queue: DatabaseQueue
    /// The policies recorded at `init` (the law's default when none was given).
    public let policies: PolicySet

    /// How long a write waits for another process's lock before giving up (exit 74).
    public static let defaultBusyTimeout: TimeInterval = 10

    /// Opens an existing ledger.
    public static func open(path: String, readOnly: Bool = false, busyTimeout: TimeInterval = defaultBusyTimeout) throws(LedgerError) -> Ledger {
        guard FileManager.default.fileExists(atPath: path) else { throw .missing(path: path) }
        return try Ledger(path: path, creating: false, policies: nil, readOnly: readOnly, busyTimeout: busyTimeout)
    }

    /// Creates a new, empty ledger; refuses to touch an existing file.
    public static func create(path: String, policies: PolicySet = .standard) throws(LedgerError) -> Ledger {
        guard !FileManager.default.fileExists(atPath: path) else { throw .alreadyExists(path: path) }
        do {
            return try Ledger(path: path, creating: true, policies: policies, readOnly: false, busyTimeout: defaultBusyTimeout)
        } catch {
            Ledger.removeFiles(at: path)
            throw error
        }
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
            if let policyText {
                do { self.policies = try PolicyFile.parse(policyText) }
                catch { throw LedgerError.corrupt(position: nil, detail: "the stored policy cannot be read: \(error.message)") }
            } else {
                self.policies = .standard
            }
        } catch let e as LedgerError {
            throw e
        } catch {
            throw Ledger.translate(error, path: path)
        }
    }

    /// Runs `body` in one read transaction: a consistent snapshot of the ledger.
    public func read<T>(_ body: (LedgerReader) throws -> T) throws(LedgerError) -> T {
        do {
            return try queue.read { db in try body(LedgerReader(db: db)) }
        } catch let e as LedgerError {
            throw e
        } catch {
            throw Ledger.translate(error, path: path)
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
