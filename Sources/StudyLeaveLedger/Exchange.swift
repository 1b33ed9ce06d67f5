import Foundation
import GRDB
import StudyLeaveDomain

/// Export and import: JSON Lines, one event a line in position order, with every column needed
/// to rebuild the ledger exactly (hashes and recorded times included).
extension Ledger {
    /// Writes the events as JSON Lines through `write`, in chunks of about 1 MB.
    public func export(progress: ((Int64) -> Void)? = nil, write: ([UInt8]) throws -> Void) throws(LedgerError) {
        do {
            try read { reader in
                var buffer = [UInt8]()
                buffer.reserveCapacity(1 << 20)
                var n: Int64 = 0
                let rows = try Row.fetchCursor(reader.db, sql: "SELECT \(LedgerReader.columns) FROM events ORDER BY position")
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
            return try Ledger.open(path: path).importLines(source, progress: progress)
        }
        var count: Int64 = 0
        try Ledger.build(at: path, policies: .standard) { (ledger: Ledger) throws(LedgerError) -> Void in
            count = try ledger.importLines(source, progress: progress, unjournaled: true)
        }
        return count
    }

    /// The reading thread checks and decodes lines (`ImportReader`); this one, the connection's,
    /// writes them and folds the projections (`ImportWriter`).
    ///
    /// `unjournaled`: the file is new and nobody sees it before it is complete (`Ledger.build`),
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
                    let existing = try LedgerReader(db: db).count()
                    if existing > 0 { throw LedgerError.notEmpty(events: existing) }
                    let input = HandOff<ImportBatch>(capacity: 4)
                    let failure = Box<LedgerError>()
                    let tags = Box<SortedTagIndex>()
                    let worker = Worker(name: "studyleave-import") {
                        var reader = ImportReader()
                        do throws(LedgerError) {
                            while let batch = try reader.nextBatch(source) {
                                guard input.put(batch) else { break }
                            }
                            // Sorted here while the writing thread writes the open rows.
                            tags.value = reader.tags.sorted()
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
                // Back to the ledger's own settings; `Ledger.build` syncs the file before it gets its name.
                if unjournaled { try db.execute(sql: "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL") }
                try db.execute(sql: "PRAGMA cache_size = -2000")
                clock.mark("to WAL")
                return imported
            }
        } catch let e as LedgerError {
            throw e
        } catch {
            throw Ledger.translate(error, path: path)
        }
    }
}

/// One export line, checked field by field.
enum ImportLine {
    struct Problem: Error { let message: String }
    static let keys: Set<String> = ["actor", "data", "hash", "on", "position", "recordedAt", "requestId", "tags", "type", "version"]

    /// A checked line: the row to store, the hash it claims, and its payload decoded.
    struct Parsed {
        var stored: StoredEvent
        var hash: String
        var data: EventData
        var on: CivilDate
        var tags: [String]
    }

    static func parse(_ line: inout [UInt8], expectedPosition: Int64, lastRecorded: String) throws(Problem) -> Parsed {
        let pairs: [(String, JSONValue)]
        do { pairs = try JSONParser.parseFlatObject(bytes: &line) } catch {
            if line.first(where: { $0 != 32 && $0 != 9 }) != UInt8(ascii: "{") { throw Problem(message: "a line must be a JSON object") }
            throw Problem(message: "not valid JSON (\(error))")
        }
        let o = Lookup(pairs: pairs)
        for k in keys.sorted() where o[k] == nil { throw Problem(message: "the field '\(k)' is missing") }
        if pairs.count != keys.count, let extra = pairs.map(\.0).sorted().first(where: { !keys.contains($0) }) {
            throw Problem(message: "unknown field '\(extra)'")
        }
        guard let position = o["position"]!.intValue else { throw Problem(message: "'position' must be a whole number") }
        guard Int64(position) == expectedPosition else {
            throw Problem(message: "position \(position) is out of order: \(expectedPosition) was expected")
        }
        guard let type = o["type"]!.stringValue else { throw Problem(message: "'type' must be a string") }
        guard let version = o["version"]!.intValue else { throw Problem(message: "'version' must be a whole number") }
        guard let on = o["on"]!.stringValue, let day = DateParsing.parseISO(on) else { throw Problem(message: "'on' must be an ISO date such as 2025-09-01") }
        guard let recordedAt = o["recordedAt"]!.stringValue, Timestamp.parseStored(recordedAt) != nil else {
            throw Problem(message: "'recordedAt' must be a UTC time such as 2026-11-22T07:00:00.123Z")
        }
        guard recordedAt >= lastRecorded else { throw Problem(message: "recorded at \(recordedAt), before the line ahead of it (\(lastRecorded))") }
        guard let actor = o["actor"]!.stringValue, !actor.isEmpty, actor.utf8.count <= 200 || actor.count <= 200 else { throw Problem(message: "'actor' must be a non-empty string") }
        let requestId: String?
        switch o["requestId"]! {
        case .null: requestId = nil
        case .string(let s) where !s.isEmpty && s.count <= 200: requestId = s
        default: throw Problem(message: "'requestId' must be a string or null")
        }
        guard let tagValues = o["tags"]!.arrayValue else { throw Problem(message: "'tags' must be a list of strings") }
        var tags: [String] = []
        for t in tagValues {
            guard let s = t.stringValue, !s.isEmpty, s.utf8.contains(58) else { throw Problem(message: "'tags' must hold tags such as \"person:P1\"") }
            // Sorted as text and as bytes alike: the tag index (SQLite) orders bytes, and tags the two
            // orders disagree on (a letter spelled two ways) would leave a ledger that verify rejects.
            if let last = tags.last, !(last < s) || !last.utf8.lexicographicallyPrecedes(s.utf8) {
                throw Problem(message: "'tags' must be sorted, distinct and not empty")
            }
            tags.append(s)
        }
        guard !tags.isEmpty else { throw Problem(message: "'tags' must be sorted, distinct and not empty") }
        guard let data = o["data"] else { throw Problem(message: "'data' is missing") }
        let decoded: EventData
        do {
            decoded = try EventCodec.decode(type: type, version: version, payload: data)
        } catch {
            throw Problem(message: error.message)
        }
        guard let hash = o["hash"]!.stringValue, hash.utf8.count == 64, hash.utf8.allSatisfy({ (48...57).contains($0) || (97...102).contains($0) }) else {
            throw Problem(message: "'hash' must be 64 lowercase hexadecimal digits")
        }
        let stored = StoredEvent(position: Int64(position), type: type, version: version, on: on, recordedAt: recordedAt, actor: actor,
                                 requestId: requestId, tags: HashChain.tagsText(tags), payload: data.canonical)
        return Parsed(stored: stored, hash: hash, data: decoded, on: day, tags: tags)
    }

    /// The line's fields in order; ten of them, so lookup is a scan.
    struct Lookup {
        let pairs: [(String, JSONValue)]
        subscript(key: String) -> JSONValue? {
            for (k, v) in pairs where k == key { return v }
            return nil
        }
    }
}

/// Lines of a file, read in large chunks (an import may hold millions). Read by one thread at a
/// time (the import's reading thread); `bytesRead` may be asked from any.
public final class LineSource: @unchecked Sendable {
    let handle: FileHandle
    var buffer: [UInt8] = []
    var start = 0
    var eof = false
    private let lock = NSLock()
    private var read: Int64 = 0
    public var bytesRead: Int64 { lock.withLock { read } }

    public init(path: String) throws(LedgerError) {
        var folder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &folder), folder.boolValue {
            throw .io("cannot read \(path): it is a folder, not a file")
        }
        guard let h = FileHandle(forReadingAtPath: path) else { throw .io("cannot read \(path): no such file, or no permission") }
        handle = h
    }

    public init(handle: FileHandle) { self.handle = handle }

    public func nextLine() throws -> [UInt8]? {
        var line: [UInt8] = []
        return try nextLine(into: &line) ? line : nil
    }

    /// Puts the next line (without its newline) in `line`, reusing its storage; false at the end.
    public func nextLine(into line: inout [UInt8]) throws -> Bool {
        while true {
            // memchr: the line's end found a word at a time, not a byte at a time.
            let newline: Int? = buffer.withUnsafeBufferPointer { b in
                guard start < b.count, let base = b.baseAddress, let p = memchr(base + start, 10, b.count - start) else { return nil }
                return UnsafeRawPointer(p) - UnsafeRawPointer(base)
            }
            if let nl = newline {
                line.removeAll(keepingCapacity: true)
                line.append(contentsOf: buffer[start..<nl])
                start = nl + 1
                return true
            }
            if eof {
                guard start < buffer.count else { return false }
                line.removeAll(keepingCapacity: true)
                line.append(contentsOf: buffer[start...])
                start = buffer.count
                return true
            }
            buffer.removeFirst(start)
            start = 0
            let chunk: Data
            do { chunk = try handle.read(upToCount: 1 << 20) ?? Data() } catch {
                // In the file's words, not the ledger's: the ledger is fine.
                let code = ((error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError)?.code ?? (error as NSError).code
                throw LedgerError.io("the import file cannot be read after \(bytesRead) bytes: \(String(cString: strerror(Int32(code)))); nothing was imported")
            }
            if chunk.isEmpty { eof = true } else {
                buffer.append(contentsOf: chunk)
                lock.withLock { read += Int64(chunk.count) }
            }
        }
    }
}
