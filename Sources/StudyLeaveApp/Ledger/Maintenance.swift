import Foundation
import StudyLeaveDomain
import StudyLeaveLedger

/// The use cases that work on the whole ledger: verify, export, import, backup, rebuild. Long ones
/// report their progress (events done; for an import also the share of the file read).
public struct Maintenance: Sendable {
    public let ledger: Ledger
    public init(ledger: Ledger) { self.ledger = ledger }

    /// `verify`: the hash chain, positions, times, payloads and tag index, then the projection rows
    /// against a fresh fold. Intact: the events and the chain head. Anything else is `unusable`
    /// (74) naming the first bad position, or the projection that differs.
    public func verify(progress: ProgressReport? = nil) async throws(AppError) -> LedgerSummary {
        let store = ledger.store
        let report = try await inAppTerms { () throws(LedgerError) in try await store.verify(progress: progress) }
        if let failure = report.failure {
            throw AppError(.corrupt(position: failure.position, detail: failure.detail))
        }
        if let difference = try await inAppTerms({ () throws(LedgerError) in try await store.projectionDifference() }) {
            throw AppError(.corrupt(position: nil, detail: difference))
        }
        return LedgerSummary(events: report.events, head: report.head)
    }

    /// `export` to standard output or any sink: every event as an export line, in position order.
    public func export(progress: ProgressReport? = nil, write: @escaping @Sendable ([UInt8]) throws -> Void) async throws(AppError) {
        let store = ledger.store
        try await inAppTerms { () throws(LedgerError) in try await store.export(progress: progress, write: write) }
    }

    /// `export --to FILE`: a new file, readable by its owner only (it holds names and salaries),
    /// synced to disk; an existing file is refused (`usage`, 64) and a failed export leaves none.
    public func export(toFile path: String, progress: ProgressReport? = nil) async throws(AppError) {
        let file: PrivateFile
        do { file = try PrivateFile.create(path, exists: AppError.usage("\(path) already exists; export writes a new file")) }
        catch let e as AppError { throw e } catch let e as LedgerError { throw AppError(e) } catch { throw .unusable("cannot write \(path)") }
        do {
            try await export(progress: progress) { bytes in try file.handle.write(contentsOf: bytes) }
        } catch {
            file.discard()
            throw error
        }
        do { try file.finish() } catch {
            file.discard()
            throw .unusable("the export \(path) could not be written to disk: \(error.localizedDescription)")
        }
    }

    /// `rebuild`: every projection row recreated from the events; the position they stand at.
    public func rebuild(progress: ProgressReport? = nil) async throws(AppError) -> Int64 {
        let store = ledger.store
        return try await inAppTerms { () throws(LedgerError) in try await store.rebuildProjections(progress: progress) }
    }

    /// `backup --to FILE`: a consistent SQLite copy at a new file, readable by its owner only,
    /// from either store. An existing file is refused (`usage`, 64).
    public func backup(to path: String) async throws(AppError) -> LedgerSummary {
        let exists = AppError.usage("\(path) already exists; backup writes a new file and never overwrites one")
        guard !FileManager.default.fileExists(atPath: path) else { throw exists }
        let store = ledger.store
        do {
            let report = try await store.backup(to: path)
            return LedgerSummary(events: report.events, head: report.head)
        } catch {
            if case .alreadyExists = error { throw exists }
            throw AppError(error)
        }
    }

    /// `backup --verify`: the copy at `path` checked as `verify` checks a ledger.
    public static func verifyCopy(at path: String) async throws(AppError) -> LedgerSummary {
        let copy = try await Ledger.open(path)
        do {
            return try await Maintenance(ledger: copy).verify()
        } catch {
            if case .unusable(let why) = error.base { throw .unusable("the copy \(path): \(why)") }
            throw error
        }
    }
}

extension Ledger {
    /// `import FILE`: export lines into a ledger holding no events, all or nothing, creating the
    /// ledger when it is missing (a SQLite file appears only complete; on PostgreSQL the tables are
    /// created in the same transaction). Returns how many events came in. `progress` hears the
    /// events done and the share of the file read.
    public static func importEvents(into db: String, fromFile file: String, busyTimeout: Double = defaultBusyTimeout,
                                    progress: (@Sendable (Int64, Double?) -> Void)? = nil) async throws(AppError) -> Int64 {
        let location = try await inAppTerms { () throws(LedgerError) in try LedgerLocation.parse(db) }
        let source: LineSource
        do { source = try LineSource(path: file) } catch { throw .usage(error.message) }
        let size = (try? FileManager.default.attributesOfItem(atPath: file)[.size] as? NSNumber)?.int64Value
        var report: ProgressReport? = nil
        if let progress {
            report = { @Sendable (n: Int64) in
                let fraction: Double? = size.map { total in Double(source.bytesRead) / Double(max(1, total)) }
                progress(n, fraction)
            }
        }
        switch location {
        case .file(let path):
            return try await inAppTerms { () throws(LedgerError) in try await SQLiteStore.importEvents(into: path, from: source, progress: report) }
        case .postgres(let address):
            return try await inAppTerms { () throws(LedgerError) in try await PostgresStore.importEvents(into: address, from: source, progress: report) }
        }
    }
}
