import Foundation
import StudyLeaveDomain

/// The store protocol over one SQLite file (`SQLiteLedger`, GRDB): the embedded default, for one
/// office and for the demo. SQLite's API is synchronous; short reads and appends run where they
/// are called, the bulk jobs (export, verify, rebuild, backup) on a thread of their own.
public struct SQLiteStore: LedgerStore {
    /// The engine underneath, for the tests and tools that need SQLite itself.
    public let ledger: SQLiteLedger

    public init(_ ledger: SQLiteLedger) { self.ledger = ledger }

    public var location: String { ledger.path }
    public var policies: PolicySet { ledger.policies }

    public func head() async throws(LedgerError) -> Int64 { try ledger.read { try $0.head() } }

    public func events(taggedAny tags: Set<String>, through: Int64?) async throws(LedgerError) -> [Event] {
        try ledger.read { try $0.events(taggedAny: tags, through: through) }
    }

    public func events(taggedAny tags: Set<String>, ofTypes types: [String], through: Int64?) async throws(LedgerError) -> [Event] {
        try ledger.read { try $0.events(taggedAny: tags, ofTypes: types, through: through) }
    }

    public func events(tagPrefix prefix: String, suffix: String, through: Int64?) async throws(LedgerError) -> [Event] {
        try ledger.read { try $0.events(tagPrefix: prefix, suffix: suffix, through: through) }
    }

    public func events(ofTypes types: [String], through: Int64?) async throws(LedgerError) -> [Event] {
        try ledger.read { try $0.events(ofTypes: types, through: through) }
    }

    public func tags(after position: Int64) async throws(LedgerError) -> Set<String> {
        try ledger.read { try $0.tags(after: position) }
    }

    public func allEvents(through: Int64?) async throws(LedgerError) -> [Event] {
        let ledger = ledger
        return try await OwnThread.run("studyleave-read") { () throws(LedgerError) in try ledger.read { try $0.allEvents(through: through) } }
    }

    public func event(at position: Int64) async throws(LedgerError) -> Event? { try ledger.read { try $0.event(at: position) } }

    public func event(requestId: String) async throws(LedgerError) -> Event? { try ledger.read { try $0.event(requestId: requestId) } }

    public func position(recordedBy millis: Int64) async throws(LedgerError) -> Int64 {
        try ledger.read { try $0.position(recordedBy: millis) }
    }

    public func append(_ events: [NewEvent], actor: String, requestId: String?,
                       condition: AppendCondition?) async throws(LedgerError) -> AppendResult {
        try ledger.append(events, actor: actor, requestId: requestId, condition: condition)
    }

    public func applicationRows(_ query: ApplicationQuery) async throws(LedgerError) -> [ApplicationRow] {
        try ledger.applicationRows(query)
    }

    public func headcountRows(year: Int) async throws(LedgerError) -> [String: Int] { try ledger.headcountRows(year: year) }

    public func agencyRows() async throws(LedgerError) -> [AgencyRow] { try ledger.agencyRows() }

    public func attendanceRows(people: [String], year: Int) async throws(LedgerError) -> (rows: [AttendanceRow], head: Int64)? {
        try ledger.attendanceRows(people: people, year: year)
    }

    public func personRows(agency: String?) async throws(LedgerError) -> [PersonRow] { try ledger.personRows(agency: agency) }

    public func rebuildProjections(progress: ProgressReport?) async throws(LedgerError) -> Int64 {
        let ledger = ledger
        return try await OwnThread.run("studyleave-rebuild") { () throws(LedgerError) in try ledger.rebuildProjections(progress: progress) }
    }

    public func projectionDifference() async throws(LedgerError) -> String? {
        let ledger = ledger
        return try await OwnThread.run("studyleave-verify") { () throws(LedgerError) in try ledger.projectionDifference() }
    }

    public func export(progress: ProgressReport?, write: @escaping @Sendable ([UInt8]) throws -> Void) async throws(LedgerError) {
        let ledger = ledger
        try await OwnThread.run("studyleave-export") { () throws(LedgerError) in try ledger.export(progress: progress, write: write) }
    }

    public func verify(progress: ProgressReport?) async throws(LedgerError) -> VerifyReport {
        let ledger = ledger
        return try await OwnThread.run("studyleave-verify") { () throws(LedgerError) in try ledger.verify(progress: progress) }
    }

    public func backup(to path: String) async throws(LedgerError) -> BackupReport {
        let ledger = ledger
        return try await OwnThread.run("studyleave-backup") { () throws(LedgerError) in try ledger.backup(to: path) }
    }

    public func close() async {}
}

extension SQLiteStore {
    /// `import` into a SQLite file, on a thread of its own (`SQLiteLedger.importEvents`): creates the
    /// file when it is missing, complete or not at all.
    public static func importEvents(into path: String, from source: LineSource, progress: ProgressReport?) async throws(LedgerError) -> Int64 {
        try await OwnThread.run("studyleave-import") { () throws(LedgerError) in
            try SQLiteLedger.importEvents(into: path, from: source, progress: progress)
        }
    }
}
