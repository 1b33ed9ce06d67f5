import Foundation
import NIOCore
import PostgresNIO
import StudyLeaveDomain

/// Import on PostgreSQL: the lines checked exactly as SQLite's import checks them (`ImportReader`,
/// on a thread of its own: every field, the order, the payloads, the hash chain, the request
/// ids), sent over COPY, all in one transaction with the tables' creation, so that a bad line
/// leaves the database as it was.
///
/// The bulk indexes (`PostgresSchema.bulkIndexes`) are made after the rows are in. The projection
/// rows are folded on the way (`ClosingFold`, as SQLite's import folds them): a settled
/// application's row is kept as COPY text at once; the rows still open go in at the end; the rows
/// that late events and retractions change are then folded afresh from their streams.
enum PostgresImport {
    static let eventColumns = ["position", "type", "version", "on_day", "recorded_at", "actor", "request_id", "tags", "payload", "hash"]

    static func importEvents(into address: PostgresAddress, from source: LineSource, progress: ProgressReport?) async throws(LedgerError) -> Int64 {
        let connection = try await PostgresSession.connect(address)
        do {
            let count = try await load(connection, address: address, source: source, progress: progress)
            try? await connection.close()
            return count
        } catch {
            try? await connection.close()
            throw PostgresFailure.translate(error, address: address)
        }
    }

    /// What the reading thread leaves for the writing task once it is done.
    final class ReaderResult: @unchecked Sendable {
        var failure: LedgerError?
        var tags: SortedTagIndex?
    }

    static func load(_ c: PostgresConnection, address: PostgresAddress, source: LineSource, progress: ProgressReport?) async throws -> Int64 {
        var clock = PhaseClock("pg import")
        return try await c.transaction { c in
            // Two imports, or an import and an init, one after the other.
            try await c.run("SELECT pg_advisory_xact_lock(\(PostgresSchema.creationLock))")
            switch try await PostgresSchema.inspect(c) {
            case .nothing:
                try await PostgresSchema.create(c, policies: .standard, withBulkIndexes: false)
            case .foreign:
                throw LedgerError.notALedger(path: address.description)
            case .ledger(let schema, _):
                guard schema <= PostgresSchema.version else { throw LedgerError.newerSchema(found: schema, supported: PostgresSchema.version) }
                // Appends wait for the import; an import finds the ledger empty or refuses it.
                let head = try await c.rows("SELECT position FROM ledger_head FOR UPDATE")
                let existing = try await c.rows("SELECT count(*) FROM events")
                let events = try existing[0].decode(Int64.self)
                if events > 0 { throw LedgerError.notEmpty(events: events) }
                if try head.first?.decode(Int64.self) != 0 { throw LedgerError.corrupt(position: nil, detail: "the head row names events that are not there") }
                // A ledger an earlier version made has no attendance rows yet.
                try await c.run(PostgresAttendance.create)
                for index in PostgresSchema.bulkIndexes { try await c.run(index.drop) }
                try await c.run("""
                    WITH a AS (DELETE FROM proj_agency), h AS (DELETE FROM proj_headcount), p AS (DELETE FROM proj_person),
                      x AS (DELETE FROM proj_attendance)
                    DELETE FROM proj_application
                    """)
            }
            // The index builds sort in memory rather than in many small runs on disk.
            try await c.run("SET LOCAL maintenance_work_mem = '512MB'")
            clock.mark("schema")

            let input = AsyncHandOff<ImportBatch>(capacity: 4)
            let result = ReaderResult()
            let thread = Thread {
                var reader = ImportReader()
                do throws(LedgerError) {
                    while let batch = try reader.nextBatch(source) {
                        guard input.put(batch) else { break }
                    }
                    // Sorted here while the writing task sends the last rows.
                    result.tags = try reader.tags.sorted()
                } catch {
                    result.failure = error
                }
                input.finish()
            }
            thread.name = "studyleave-import"
            thread.stackSize = 8 << 20
            thread.start()
            defer { input.cancel() }

            var fold = ClosingFold()
            var closedRows = CopyText(capacity: 0)
            var attendanceRows = CopyText(capacity: 0)
            var imported: Int64 = 0
            var lastHash = HashChain.genesis, lastRecorded = ""
            try await c.copyFrom(table: "events", columns: eventColumns, logger: PostgresSession.logger) { writer in
                var text = CopyText()
                while let batch = await input.next() {
                    batch.bytes.withUnsafeBufferPointer { b in
                        func put(_ r: Range<Int>) { text.field(UnsafeBufferPointer(rebasing: b[r])) }
                        for e in batch.entries {
                            text.field(e.position); text.tab(); put(e.type); text.tab(); text.field(e.version); text.tab()
                            put(e.on); text.tab(); put(e.recordedAt); text.tab(); put(e.actor); text.tab()
                            if let r = e.requestId { put(r) } else { text.null() }
                            text.tab(); put(e.tags); text.tab(); put(e.payload); text.tab(); put(e.hash); text.end()
                        }
                        if let last = batch.entries.last {
                            imported = last.position
                            lastHash = String(decoding: UnsafeBufferPointer(rebasing: b[last.hash]), as: UTF8.self)
                            lastRecorded = String(decoding: UnsafeBufferPointer(rebasing: b[last.recordedAt]), as: UTF8.self)
                        }
                    }
                    for (data, on, position) in batch.decoded { fold.apply(data, on: on, position: position) }
                    fold.retractions += batch.retractions
                    for row in fold.closedRows { closedRows.row(row) }
                    fold.closedRows.removeAll(keepingCapacity: true)
                    for row in fold.attendanceRows { attendanceRows.row(row) }
                    fold.attendanceRows.removeAll(keepingCapacity: true)
                    if text.count >= 1 << 20 { try await writer.write(text.take()) }
                    progress?(imported)
                }
                if let failure = result.failure { throw failure }
                if !text.isEmpty { try await writer.write(text.take()) }
            }
            clock.mark("events")
            if let tags = result.tags { try await copyTags(c, tags) }
            result.tags = nil  // its memory back before the indexes are made
            clock.mark("tags")
            try await copy(c, table: "proj_application", columns: PostgresRows.applicationColumnList, closedRows)
            closedRows = CopyText(capacity: 0)
            try await copyOpenRows(c, fold.fold)
            try await copy(c, table: "proj_attendance", columns: PostgresAttendance.columns, attendanceRows)
            attendanceRows = CopyText(capacity: 0)
            clock.mark("projection rows")
            for index in PostgresSchema.bulkIndexes { try await c.run(index.create) }
            clock.mark("indexes")
            // Rows that late events and retractions change, folded afresh from their streams.
            var keys = Set<ProjectionKey>()
            for late in fold.late { keys.insert(.application(late.application)) }
            for retraction in fold.retractions { keys.formUnion(ProjectionFold.keys(of: retraction)) }
            try await PostgresProjections.refresh(c, keys: keys)
            let retracted = fold.retractedAttendances
            if !retracted.isEmpty { try await c.run("DELETE FROM proj_attendance WHERE position = ANY(\(retracted))") }
            clock.mark("late rows (\(keys.count))")
            try await c.run("UPDATE ledger_head SET position = \(imported), hash = \(lastHash), recorded_at = \(lastRecorded)")
            try await PostgresProjections.setCheckpoint(c, imported)
            try await c.run("ANALYZE events, event_tags, proj_agency, proj_headcount, proj_person, proj_application, proj_attendance")
            clock.mark("head, analyze")
            return imported
        }
    }

    /// The tag index in primary-key order (tag, then position).
    static func copyTags(_ c: PostgresConnection, _ tags: SortedTagIndex) async throws {
        try await c.copyFrom(table: "event_tags", columns: ["tag", "position"], logger: PostgresSession.logger) { writer in
            var text = CopyText()
            var parts = tags.parts()
            while let part = try parts.next() {
                for r in part.ranks {
                    let i = r - part.ranks.lowerBound
                    tags.names.arena.withUnsafeBufferPointer { a in
                        let name = UnsafeBufferPointer(rebasing: a[tags.names.name(tags.order[r])])
                        for k in part.start[i]..<part.start[i + 1] {
                            text.field(name); text.tab(); text.field(Int64(part.positions[k])); text.end()
                        }
                    }
                    if text.count >= 1 << 20 { try await writer.write(text.take()) }
                }
            }
            if !text.isEmpty { try await writer.write(text.take()) }
        }
    }

    /// Rows already in COPY text, sent a megabyte at a time.
    static func copy(_ c: PostgresConnection, table: String, columns: [String], _ rows: CopyText) async throws {
        guard !rows.isEmpty else { return }
        try await c.copyFrom(table: table, columns: columns, logger: PostgresSession.logger) { writer in
            var offset = 0
            let bytes = rows.bytes
            while offset < bytes.count {
                var end = min(offset + (1 << 20), bytes.count)
                // Whole rows only: up to the next newline.
                while end < bytes.count && bytes[end - 1] != 10 { end += 1 }
                try await writer.write(ByteBuffer(bytes: bytes[offset..<end]))
                offset = end
            }
        }
    }

    /// The rows the fold left open: every agency, headcount and person, and the open applications.
    static func copyOpenRows(_ c: PostgresConnection, _ fold: ProjectionFold) async throws {
        var agencies = CopyText(capacity: 0), headcounts = CopyText(capacity: 0), people = CopyText(capacity: 0), applications = CopyText(capacity: 0)
        for row in fold.agencies.values { agencies.row(row) }
        for row in fold.headcounts.values { headcounts.row(row) }
        for row in fold.people.values { people.row(row) }
        for row in fold.applications.values { applications.row(row) }
        try await copy(c, table: "proj_agency", columns: ["agency", "name", "parent"], agencies)
        try await copy(c, table: "proj_headcount", columns: ["agency", "year", "budgeted"], headcounts)
        try await copy(c, table: "proj_person", columns: ["person", "name", "agency", "separated_on"], people)
        try await copy(c, table: "proj_application", columns: PostgresRows.applicationColumnList, applications)
    }
}
