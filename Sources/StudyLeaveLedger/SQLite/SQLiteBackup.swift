import Foundation
import GRDB
import StudyLeaveDomain

extension SQLiteLedger {
    /// Copies the ledger to a new file at `destination` through SQLite's online backup, while
    /// other processes keep writing.
    ///
    /// - Consistent: the pages are copied in one step inside one read transaction, so the copy
    ///   holds exactly the events committed at that moment, the chain whole (WAL mode lets
    ///   writers go on meanwhile; a write that commits during the copy is simply not in it).
    /// - Never over an existing file: the copy is written under a temporary name beside
    ///   `destination` and linked into place only when complete (`publish`), so an existing file
    ///   is refused (`alreadyExists`) and a crash leaves no half-copy at `destination`.
    /// - Durable: written with synchronous=FULL, the folder synced after the link.
    @discardableResult
    public func backup(to destination: String) throws(LedgerError) -> BackupReport {
        guard !FileManager.default.fileExists(atPath: destination) else { throw .alreadyExists(path: destination) }
        let temp = SQLiteLedger.temporaryPath(beside: destination)
        do {
            try copyPages(to: temp, naming: destination)
            try SQLiteLedger.publish(temp, as: destination)
        } catch {
            SQLiteLedger.removeFiles(at: temp)
            throw error
        }
        let copy = try SQLiteLedger.open(path: destination)
        return try copy.read { reader in
            let events = try reader.count()
            let head = try String.fetchOne(reader.db, sql: "SELECT hash FROM events ORDER BY position DESC LIMIT 1") ?? HashChain.genesis
            return BackupReport(events: events, head: head)
        }
    }

    /// The online backup itself, into a new file at `temp`, closed when done.
    private func copyPages(to temp: String, naming destination: String) throws(LedgerError) {
        var config = Configuration()
        config.label = "studyleave-backup"
        config.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
        let copy: DatabaseQueue
        do {
            // Owner only (0600), as the ledger itself.
            try PrivateFile.reserve(temp)
            copy = try DatabaseQueue(path: temp, configuration: config)
        } catch {
            throw .io("cannot write the copy \(destination): check that its folder exists and can be written")
        }
        do {
            try queue.backup(to: copy)
            // The copy keeps the ledger's journal mode (WAL); its WAL is folded in on close.
            try copy.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA journal_mode = WAL") }
            try copy.close()
        } catch {
            throw SQLiteLedger.translate(error, path: destination)
        }
    }
}
