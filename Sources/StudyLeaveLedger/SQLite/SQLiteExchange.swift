import Foundation
import GRDB
import StudyLeaveDomain

/// Export and import: JSON Lines, one event a line in position order, with every column needed
/// to rebuild the ledger exactly (hashes and recorded times included).
extension SQLiteLedger {
    /// Writes the events as JSON Lines through `write`, in chunks of about 1 MB.
    public func export(progress: ((Int64) -> Void)? = nil, write: ([UInt8]) throws -> Void) throws(LedgerError) {
        do {
            try read { reader in
                var buffer = [UInt8]()
                buffer.reserveCapacity(1 << 20)
                var n: Int64 = 0
                let rows = try Row.fetchCursor(reader.db, sql: "SELECT \(SQLiteReader.columns) FROM events ORDER BY position")
                while let row = try rows.next() {
                    buffer += HashChain.canonical(position: row[0], type: row[1], version: row[2], on: row[3], recordedAt: row[4],
                                                  actor: row[5], requestId: row[6], tags: row[7], payload: row[8], hash: row[9])
                    buffer.append(10)
                    n += 1
                    if buffer.count >= 1 << 20 { try write(buffer); buffer.removeAll(keepingCapacity: true); progress?(n) }
                }
                if !buffer.isEmpty { try write(buffer) }
                progress?(n)
            }
        } catch let e as LedgerError {
            throw e
        } catch {
            throw .io("the export could not be written: \(error)")
        }
    }

    /// Loads JSON Lines into a ledger that holds no events, all or nothing: every line is checked
    /// (fields, types, position order, time order, payload, hash chain) and one bad line leaves
    /// the ledger as it was. Creates the ledger when it is missing: it is filled under a temporary
    /// name and appears at `path` only complete, so a failure or a crash leaves no file there
    /// (and never removes a ledger that another process created meanwhile).
    @discardableResult
    public static func importEvents(into path: String, from source: LineSource,
                                    progress: ((Int64) -> Void)? = nil) throws(LedgerError) -> Int64 {
        if FileManager.default.fileExists(atPath: path) {
            return try SQLiteLedger.open(path: path).importLines(source, progress: progress)
        }
        var count: Int64 = 0
        try SQLiteLedger.build(at: path, policies: .standard) { (ledger: SQLiteLedger) throws(LedgerError) -> Void in
            count = try ledger.importLines(source, progress: progress, unjournaled: true)
        }
        return count
    }

    /// The reading thread checks and decodes lines (`ImportReader`); this one, the connection's,
    /// writes them and folds the projections (`ImportWriter`).
    ///
    /// `unjournaled`: the file is new and nobody sees it before it is complete (`SQLiteLedger.build`),
    /// so it is written without a journal: a failure discards the whole file, not a transaction.
    /// Pages then go to the file once, instead of to the WAL and again to the file.
    func importLines(_ source: LineSource, progress: ((Int64) -> Void)?, unjournaled: Bool = false) throws(LedgerError) -> Int64 {
        do {
            return try queue.writeWithoutTransaction { db in
                var imported: Int64 = 0
                var clock = PhaseClock("import")
                // A large page cache: the B-trees' upper pages stay in memory (64 MiB).
                try db.execute(sql: "PRAGMA cache_size = -65536")
                if unjournaled { try db.execute(sql: "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF") }
                try db.inTransaction(.immediate) {
                    let existing = try SQLiteReader(db: db).count()
                    if existing > 0 { throw LedgerError.notEmpty(events: existing) }
                    let input = HandOff<ImportBatch>(capacity: 4)
                    let failure = Box<LedgerError>()
                    let tags = Box<SortedTagIndex>()
                    let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
                    let worker = Worker(name: "studyleave-import") {
                        var reader = ImportReader(spillFolder: folder)
                        do throws(LedgerError) {
                            while let batch = try reader.nextBatch(source) {
                                guard input.put(batch) else { break }
                            }
                            // Sorted here while the writing thread writes the open rows.
                            tags.value = try reader.tags.sorted()
                        } catch {
                            failure.value = error
                        }
                        input.close()
                    }
                    defer { input.close(); worker.join() }

                    try Projections.clear(db)
                    var finished: ImportWriter? = nil
                    try Projections.withoutProjectionIndexes(db) {
                        var writer = try ImportWriter(db)
                        while let batch = input.take() {
                            try writer.write(batch)
                            imported = batch.entries.last?.position ?? imported
                            progress?(imported)
                        }
                        clock.mark("main")
                        try writer.writeOpenRows(db)
                        clock.mark("open rows")
                        worker.join()
                        if let error = failure.value { throw error }
                        try tags.value?.write(db)
                        tags.value = nil  // its memory back before the indexes are sorted
                        clock.mark("tags")
                        finished = writer
                    }
                    clock.mark("indexes")
                    try finished?.settleLate(db)
                    clock.mark("late rows")
                    try Projections.setCheckpoint(db, imported)
                    return .commit
                }
                clock.mark("commit")
                // Back to the ledger's own settings; `SQLiteLedger.build` syncs the file before it gets its name.
                if unjournaled { try db.execute(sql: "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL") }
                try db.execute(sql: "PRAGMA cache_size = -2000")
                clock.mark("to WAL")
                return imported
            }
        } catch let e as LedgerError {
            throw e
        } catch {
            throw SQLiteLedger.translate(error, path: path)
        }
    }
}
