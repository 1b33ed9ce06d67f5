import PostgresNIO
import StudyLeaveDomain

/// Placeholder until the PostgreSQL adapter lands (branch `postgres`).
public final class PostgresStore: LedgerStore {
    static let unavailable = LedgerError.io("PostgreSQL ledgers are not available in this build yet")
    public static func create(_ address: PostgresAddress, policies: PolicySet) async throws(LedgerError) -> PostgresStore { throw unavailable }
    public static func open(_ address: PostgresAddress) async throws(LedgerError) -> PostgresStore { throw unavailable }
    public static func importEvents(into address: PostgresAddress, from source: LineSource, progress: ProgressReport?) async throws(LedgerError) -> Int64 { throw unavailable }
    public var location: String { "" }
    public var policies: PolicySet { .standard }
    public func head() async throws(LedgerError) -> Int64 { throw Self.unavailable }
    public func events(taggedAny tags: Set<String>, through: Int64?) async throws(LedgerError) -> [Event] { throw Self.unavailable }
    public func events(tagPrefix prefix: String, suffix: String, through: Int64?) async throws(LedgerError) -> [Event] { throw Self.unavailable }
    public func events(ofTypes types: [String], through: Int64?) async throws(LedgerError) -> [Event] { throw Self.unavailable }
    public func allEvents(through: Int64?) async throws(LedgerError) -> [Event] { throw Self.unavailable }
    public func event(at position: Int64) async throws(LedgerError) -> Event? { throw Self.unavailable }
    public func event(requestId: String) async throws(LedgerError) -> Event? { throw Self.unavailable }
    public func position(recordedBy millis: Int64) async throws(LedgerError) -> Int64 { throw Self.unavailable }
    public func append(_ events: [NewEvent], actor: String, requestId: String?, condition: AppendCondition?) async throws(LedgerError) -> AppendResult { throw Self.unavailable }
    public func applicationRows(_ query: ApplicationQuery) async throws(LedgerError) -> [ApplicationRow] { throw Self.unavailable }
    public func headcountRows(year: Int) async throws(LedgerError) -> [String: Int] { throw Self.unavailable }
    public func agencyRows() async throws(LedgerError) -> [AgencyRow] { throw Self.unavailable }
    public func personRows(agency: String?) async throws(LedgerError) -> [PersonRow] { throw Self.unavailable }
    public func rebuildProjections(progress: ProgressReport?) async throws(LedgerError) -> Int64 { throw Self.unavailable }
    public func projectionDifference() async throws(LedgerError) -> String? { throw Self.unavailable }
    public func export(progress: ProgressReport?, write: @escaping @Sendable ([UInt8]) throws -> Void) async throws(LedgerError) { throw Self.unavailable }
    public func verify(progress: ProgressReport?) async throws(LedgerError) -> VerifyReport { throw Self.unavailable }
    public func backup(to path: String) async throws(LedgerError) -> BackupReport { throw Self.unavailable }
    public func close() async {}
}
