import Foundation
import GRDB
import StudyLeaveDomain

/// `rebuild`: every projection row from one pass over the events in position order, read
/// through SQLite's C API. Memory stays small: an application's row is written out as soon as it
/// is closed (rejected, withdrawn, back at work), so only agencies, people and open applications
/// are held, however long the history.
extension Projections {
    static let tables = ["proj_agency", "proj_headcount", "proj_person", "proj_application", AttendanceTable.name]

    /// Replaces every row with a fresh fold of all events; returns the position it stands at.
    /// This thread reads the events and writes the rows; a second one decodes and folds.
    static func rebuild(_ db: Database, progress: ((Int64) -> Void)? = nil) throws -> Int64 {
        var clock = PhaseClock("rebuild")
        let people = try Int.fetchOne(db, sql: "SELECT count(*) FROM proj_person") ?? 0
        let applications = try Int.fetchOne(db, sql: "SELECT count(*) FROM proj_application") ?? 0
        try clear(db)
        clock.mark("clear")
        var folded: ClosingFold? = nil
        try withoutProjectionIndexes(db) {
            let writer = try ProjectionRowWriter(db)
            let attendances = try AttendanceTable.Writer(db)
            let input = HandOff<EventRowBatch>(capacity: 4)
            let output = HandOff<FoldedRows>(capacity: .max)
            let result = Box<Result<ClosingFold, LedgerError>>()
            let worker = Worker(name: "studyleave-fold") {
                var fold = ClosingFold(people: people, applications: applications)
                do throws(LedgerError) {
                    while let batch = input.take() {
                        try fold.take(batch)
                        if !fold.closedRows.isEmpty || !fold.attendanceRows.isEmpty {
                            output.put(FoldedRows(applications: fold.closedRows, attendances: fold.attendanceRows))
                            fold.closedRows = []; fold.attendanceRows = []
                        }
                    }
                    result.value = .success(fold)
                } catch {
                    result.value = .failure(error)
                    input.close()
                }
                output.close()
            }
            defer { input.close(); worker.join() }

            let scan = try RawStatement(db, "SELECT position, type, version, on_day, payload, tags FROM events ORDER BY position")
            var batch = EventRowBatch()
            var n: Int64 = 0
            while try scan.step() {
                n += 1
                if n % 250_000 == 0 { progress?(n) }
                let position = scan.int64(0)
                let kind = try StoredType.find(scan.bytes(1), position: position)
                guard kind.changesRows || kind.isRetraction || kind.foldsAttendance else { continue }
                batch.append(kind: kind, position: position, version: scan.int64(2), on: scan.bytes(3), payload: scan.bytes(4),
                             tags: kind.isRetraction ? scan.bytes(5) : nil)
                if batch.entries.count == EventRowBatch.size {
                    guard input.put(batch) else { break }
                    batch = EventRowBatch()
                    while let rows = output.poll() { try rows.write(writer, attendances) }
                }
            }
            input.put(batch)
            input.close()
            progress?(n)
            clock.mark("scan")
            while let rows = output.take() { try rows.write(writer, attendances) }
            worker.join()
            clock.mark("fold")
            let fold = try result.value!.get()
            try fold.writeOpenRows(db)
            folded = fold
            clock.mark("open rows")
        }
        clock.mark("indexes")
        try folded?.settleLate(db)
        clock.mark("late rows")
        let head = try SQLiteReader(db: db).head()
        try setCheckpoint(db, head)
        return head
    }

    static func clear(_ db: Database) throws {
        for table in tables { try db.execute(sql: "DELETE FROM \(table)") }
    }

    /// Runs `body` with the projection indexes (the application key and the reports') dropped,
    /// and makes them again after: one sort each instead of millions of inserts at random places,
    /// with a second thread helping SQLite sort.
    static func withoutProjectionIndexes(_ db: Database, _ body: () throws -> Void) throws {
        for index in Schema.projectionIndexes { try db.execute(sql: "DROP INDEX IF EXISTS \(index.name)") }
        try renewApplicationTable(db)
        try body()
        try db.execute(sql: "PRAGMA threads = 2")
        defer { try? db.execute(sql: "PRAGMA threads = 0") }
        for index in Schema.projectionIndexes { try db.execute(sql: index.create) }
    }

    /// A ledger of an earlier version declared the application key a PRIMARY KEY, kept in an index
    /// SQLite will not drop: the table, empty here, is made again in this version's shape.
    static func renewApplicationTable(_ db: Database) throws {
        let old = try Int.fetchOne(db, sql: """
            SELECT count(*) FROM sqlite_master WHERE type = 'index' AND tbl_name = 'proj_application' AND name LIKE 'sqlite_autoindex%'
            """) ?? 0
        guard old > 0 else { return }
        try db.execute(sql: "DROP TABLE proj_application")
        try db.execute(sql: Schema.applicationTable)
    }
}

/// Events copied out of SQLite for the folding thread: the columns a fold needs, in one buffer.
struct EventRowBatch: Sendable {
    static let size = 4096

    struct Entry: Sendable {
        var kind: StoredType
        var position: Int64
        var version: Int
        var on: Range<Int>
        var payload: Range<Int>
        var tags: Range<Int>
    }

    var bytes: [UInt8] = []
    var entries: [Entry] = []

    init() {
        bytes.reserveCapacity(Self.size * 200)
        entries.reserveCapacity(Self.size)
    }

    mutating func append(kind: StoredType, position: Int64, version: Int64, on: UnsafeBufferPointer<UInt8>,
                         payload: UnsafeBufferPointer<UInt8>, tags: UnsafeBufferPointer<UInt8>?) {
        func copy(_ b: UnsafeBufferPointer<UInt8>?) -> Range<Int> {
            let start = bytes.count
            if let b { bytes.append(contentsOf: b) }
            return start..<bytes.count
        }
        entries.append(Entry(kind: kind, position: position, version: Int(version), on: copy(on), payload: copy(payload), tags: copy(tags)))
    }
}

extension ClosingFold {
    /// Decodes and folds a batch of a rebuild's events.
    mutating func take(_ batch: EventRowBatch) throws(LedgerError) {
        try batch.bytes.withUnsafeBufferPointer { (buffer) throws(LedgerError) in
            for entry in batch.entries {
                let (on, data) = try entry.kind.decode(position: entry.position, version: entry.version,
                                                       on: UnsafeBufferPointer(rebasing: buffer[entry.on]),
                                                       payload: UnsafeBufferPointer(rebasing: buffer[entry.payload]))
                if entry.kind.isRetraction {
                    let text = String(decoding: UnsafeBufferPointer(rebasing: buffer[entry.tags]), as: UTF8.self)
                    guard let tags = HashChain.tags(fromText: text) else {
                        throw .corrupt(position: entry.position, detail: "its tags are not a list of strings: '\(text)'")
                    }
                    retractions.append(Event(position: entry.position, on: on, recordedAt: "", actor: "", tags: tags, data: data))
                } else {
                    apply(data, on: on, position: entry.position)
                }
            }
        }
    }
}

/// Rows the folding thread hands back to be written: settled applications, attendances.
struct FoldedRows: Sendable {
    var applications: [ApplicationRow]
    var attendances: [AttendanceRow]

    func write(_ writer: ProjectionRowWriter, _ attendanceWriter: AttendanceTable.Writer) throws {
        for row in applications { try writer.insert(row) }
        for row in attendances { try attendanceWriter.apply(.insert(row)) }
    }
}

/// A value set on one thread and read on another after `Worker.join()`.
final class Box<Value>: @unchecked Sendable {
    var value: Value?
}
