import PostgresNIO
import StudyLeaveDomain

/// Export on PostgreSQL: the lines SQLite's export writes, byte for byte (each row's
/// `StoredEvent.exportLine(hash:)` and a newline, in position order), from one REPEATABLE READ
/// snapshot, so that appends committed meanwhile are simply not in it.
enum PostgresExport {
    static let chunk = 1 << 20

    /// Writes every event through `write` in chunks of about 1 MB; returns how many and the last hash.
    @discardableResult
    static func export(_ c: PostgresConnection, progress: ProgressReport?,
                       write: ([UInt8]) throws -> Void) async throws -> (events: Int64, head: String) {
        try await c.transaction("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY") { c in
            var buffer = [UInt8]()
            buffer.reserveCapacity(chunk + 4096)
            var n: Int64 = 0
            var head = HashChain.genesis
            let rows = try await c.stream("SELECT \(unescaped: PostgresRows.eventColumns) FROM events ORDER BY position")
            for try await row in rows {
                let (stored, hash) = try PostgresRows.stored(row)
                buffer += stored.exportLine(hash: hash)
                buffer.append(10)
                head = hash
                n += 1
                if buffer.count >= chunk {
                    try deliver(buffer, write)
                    buffer.removeAll(keepingCapacity: true)
                    progress?(n)
                }
            }
            if !buffer.isEmpty { try deliver(buffer, write) }
            progress?(n)
            return (n, head)
        }
    }

    /// The caller's failure to write, in the caller's words (the ledger is fine).
    static func deliver(_ bytes: [UInt8], _ write: ([UInt8]) throws -> Void) throws {
        do { try write(bytes) } catch let e as LedgerError { throw e } catch {
            throw LedgerError.io("the export could not be written: \(error)")
        }
    }
}
