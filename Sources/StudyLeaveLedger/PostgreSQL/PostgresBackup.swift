#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import GRDB
import StudyLeaveDomain

/// `backup --to FILE` from PostgreSQL: a SQLite copy of the ledger as one snapshot held it.
///
/// The export (one REPEATABLE READ snapshot) goes to a temporary file beside the destination,
/// readable by its owner only; SQLite's import reads it back, checking every line and the chain,
/// into a new file that appears at the destination only complete (`SQLiteLedger.build`: never
/// over an existing file), with the policy recorded on the server. The temporary file is removed
/// however it ends.
enum PostgresBackup {
    static func backup(_ session: PostgresSession, policies: PolicySet, to destination: String) async throws(LedgerError) -> BackupReport {
        guard !FileManager.default.fileExists(atPath: destination) else { throw .alreadyExists(path: destination) }
        let temp = destination + ".export-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let fd = open(temp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw .io("cannot write the copy \(destination): \(String(cString: strerror(errno))) (check that its folder exists and can be written)")
        }
        let file = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
        defer { unlink(temp) }
        let exported = try await session.withConnection { c in
            try await PostgresExport.export(c, progress: nil) { bytes in try file.write(contentsOf: bytes) }
        }
        do { try file.close() } catch {
            throw .io("cannot write the copy \(destination): \(error.localizedDescription)")
        }
        let report = try await OwnThread.run("studyleave-backup") { () throws(LedgerError) -> BackupReport in
            let source = try LineSource(path: temp)
            try SQLiteLedger.build(at: destination, policies: policies) { (ledger: SQLiteLedger) throws(LedgerError) -> Void in
                _ = try ledger.importLines(source, progress: nil, unjournaled: true)
            }
            let copy = try SQLiteLedger.open(path: destination)
            return try copy.read { reader in
                let events = try reader.count()
                let head = try String.fetchOne(reader.db, sql: "SELECT hash FROM events ORDER BY position DESC LIMIT 1") ?? HashChain.genesis
                return BackupReport(events: events, head: head)
            }
        }
        guard report.events == exported.events, report.head == exported.head else {
            throw .io("the copy \(destination) does not hold what was exported (\(report.events) events, not \(exported.events)): remove it and retry")
        }
        return report
    }
}
