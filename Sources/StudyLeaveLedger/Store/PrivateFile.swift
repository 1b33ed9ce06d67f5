#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// A new file that only its owner can read or write (mode 0600, whatever the umask): ledgers,
/// their -wal and -shm companions (SQLite gives them the ledger's mode), exports and backups hold
/// names, salaries and repayments (Docs/RELIABILITY.md, "Personal data at rest").
public struct PrivateFile: Sendable {
    /// Who owns the file: 0600.
    public static let mode: mode_t = 0o600

    public let path: String
    public let handle: FileHandle

    /// Creates the file, refusing one that exists (`exists` is thrown then).
    public static func create<E: Error>(_ path: String, exists: E) throws -> PrivateFile {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard fd >= 0 else {
            let code = errno
            if code == EEXIST { throw exists }
            throw LedgerError.io("cannot write \(path): \(String(cString: strerror(code)))")
        }
        // The umask may have taken bits away; it can never add them. Set the mode exactly.
        fchmod(fd, mode)
        return PrivateFile(path: path, handle: FileHandle(fileDescriptor: fd, closeOnDealloc: true))
    }

    /// Creates an empty file for SQLite to fill (it reads an empty file as a new database and
    /// gives its journals the same mode), closed at once.
    static func reserve(_ path: String) throws(LedgerError) {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard fd >= 0 else {
            let code = errno
            if code == EEXIST { throw .alreadyExists(path: path) }
            throw .io("cannot create \(path): \(String(cString: strerror(code)))")
        }
        fchmod(fd, mode)
        close(fd)
    }

    /// Synced to disk and closed: the write is complete.
    public func finish() throws {
        try handle.synchronize()
        try handle.close()
    }

    /// Closed and removed: a failed write leaves no file behind.
    public func discard() {
        try? handle.close()
        unlink(path)
    }
}
