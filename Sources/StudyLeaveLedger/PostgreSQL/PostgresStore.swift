import Foundation
import PostgresNIO
import StudyLeaveDomain

/// The store protocol over a PostgreSQL database: one ledger shared by many offices, written by
/// many processes on many machines at once (CLI.md, "Many offices on one ledger: PostgreSQL").
///
/// It keeps `LedgerStore`'s promises as `SQLiteStore` does, with the same columns, hashes and
/// export bytes: appends are ordered by a lock on the head row (`PostgresAppend`), the projection
/// rows move in each append's transaction, bulk reads (export, verify) read one snapshot.
///
/// One connection per store (the CLI is one-shot), used by one call at a time: calls made at once
/// from several tasks wait their turn. Sendable.
public final class PostgresStore: LedgerStore {
    /// The database as `--db` named it, without the password.
    public let location: String
    /// The policies recorded at `init` (`meta`).
    public let policies: PolicySet
    let address: PostgresAddress
    let session: PostgresSession
    /// The clock of appends; tests fix it to compare with SQLite's hashes.
    let now: @Sendable () -> Int64

    private init(address: PostgresAddress, session: PostgresSession, policies: PolicySet, now: @escaping @Sendable () -> Int64) {
        self.address = address
        self.location = address.description
        self.session = session
        self.policies = policies
        self.now = now
    }

    /// `init`: creates the ledger's tables in an existing database, with `policies` written once.
    /// A database that already holds a ledger is refused (`.alreadyExists`), as an existing file
    /// is; one holding tables of the same names but no ledger, too (`.notALedger`).
    public static func create(_ address: PostgresAddress, policies: PolicySet) async throws(LedgerError) -> PostgresStore {
        try await create(address, policies: policies, now: Timestamp.nowMillis)
    }

    static func create(_ address: PostgresAddress, policies: PolicySet, now: @escaping @Sendable () -> Int64) async throws(LedgerError) -> PostgresStore {
        let session = try await PostgresSession.open(address)
        do throws(LedgerError) {
            // Two inits at once: the second waits for the first's lock, then finds its ledger. A
            // wait longer than the session's lock timeout (the first still creating) tries again.
            for attempt in 1...creationAttempts {
                do throws(LedgerError) {
                    try await session.withConnection { c in
                        try await c.transaction { c in
                            try await c.run("SELECT pg_advisory_xact_lock(\(PostgresSchema.creationLock))")
                            switch try await PostgresSchema.inspect(c) {
                            case .nothing: try await PostgresSchema.create(c, policies: policies, withBulkIndexes: true)
                            case .ledger: throw LedgerError.alreadyExists(path: address.description)
                            case .foreign: throw LedgerError.notALedger(path: address.description)
                            }
                        }
                    }
                    break
                } catch .conflict where attempt < creationAttempts {
                    continue
                }
            }
        } catch {
            await session.close()
            throw error
        }
        return PostgresStore(address: address, session: session, policies: policies, now: now)
    }

    /// How many times `init` waits for another `init` of the same database before giving up.
    static let creationAttempts = 10

    /// Opens the ledger in a database: one without the ledger's tables is `.missing` (the CLI
    /// says: run init), one written by a newer version `.newerSchema`.
    public static func open(_ address: PostgresAddress) async throws(LedgerError) -> PostgresStore {
        try await open(address, now: Timestamp.nowMillis)
    }

    static func open(_ address: PostgresAddress, now: @escaping @Sendable () -> Int64) async throws(LedgerError) -> PostgresStore {
        let session = try await PostgresSession.open(address)
        do throws(LedgerError) {
            let found = try await session.withConnection { c in try await PostgresSchema.inspect(c, outsideTransaction: true) }
            switch found {
            case .nothing: throw LedgerError.missing(path: address.description)
            case .foreign: throw LedgerError.notALedger(path: address.description)
            case let .ledger(schema, policyText):
                guard schema <= PostgresSchema.version else { throw LedgerError.newerSchema(found: schema, supported: PostgresSchema.version) }
                return PostgresStore(address: address, session: session, policies: try PostgresSchema.policies(policyText), now: now)
            }
        } catch {
            await session.close()
            throw error
        }
    }

    /// Loads an export (JSON Lines) into a database, creating the ledger's tables when they are
    /// missing; a ledger holding events is refused (`.notEmpty`). All or nothing: one transaction,
    /// the tables' creation included, so a bad line (`.malformedImport`) leaves the database as
    /// it was. Returns the events imported.
    @discardableResult
    public static func importEvents(into address: PostgresAddress, from source: LineSource,
                                    progress: ProgressReport?) async throws(LedgerError) -> Int64 {
        try await PostgresImport.importEvents(into: address, from: source, progress: progress)
    }

    private func read<T>(_ body: (PostgresConnection) async throws -> T) async throws(LedgerError) -> T {
        try await session.withConnection(body)
    }

    // MARK: Reads

    /// The last position recorded (0 when the ledger is empty).
    public func head() async throws(LedgerError) -> Int64 { try await read { try await PostgresReads.head($0) } }

    /// Every event carrying at least one of `tags`, in position order, up to `through`.
    public func eventsAndHead(taggedAny tags: Set<String>) async throws(LedgerError) -> (events: [Event], head: Int64) {
        try await read { try await PostgresReads.eventsAndHead($0, taggedAny: tags) }
    }

    public func events(taggedAny tags: Set<String>, through: Int64?) async throws(LedgerError) -> [Event] {
        try await read { try await PostgresReads.events($0, taggedAny: tags, through: through) }
    }

    /// Of the events of `tags`, those of `types`, in position order, up to `through`.
    public func events(taggedAny tags: Set<String>, ofTypes types: [String], through: Int64?) async throws(LedgerError) -> [Event] {
        try await read { try await PostgresReads.events($0, taggedAny: tags, ofTypes: types, through: through) }
    }

    /// Every event with a tag from `prefix` to `suffix`, in position order, up to `through`.
    public func events(tagPrefix prefix: String, suffix: String, through: Int64?) async throws(LedgerError) -> [Event] {
        try await read { try await PostgresReads.events($0, tagPrefix: prefix, suffix: suffix, through: through) }
    }

    /// Every event of the given types, in position order, up to `through`.
    public func events(ofTypes types: [String], through: Int64?) async throws(LedgerError) -> [Event] {
        try await read { try await PostgresReads.events($0, ofTypes: types, through: through) }
    }

    /// The tags of the events after `position`.
    public func tags(after position: Int64) async throws(LedgerError) -> Set<String> {
        try await read { c in
            var out = Set<String>()
            for row in try await c.rows("SELECT tags FROM events WHERE position > \(position)") {
                guard let tags = HashChain.tags(fromText: try row.decode(String.self)) else {
                    throw LedgerError.corrupt(position: nil, detail: "an event's tags after #\(position) do not read")
                }
                out.formUnion(tags)
            }
            return out
        }
    }

    /// Every event up to `through`, in position order.
    public func allEvents(through: Int64?) async throws(LedgerError) -> [Event] {
        try await read { try await PostgresReads.allEvents($0, through: through) }
    }

    /// The event at a position, or nil past the head.
    public func event(at position: Int64) async throws(LedgerError) -> Event? {
        try await read { try await PostgresReads.event($0, at: position) }
    }

    /// The first event recorded with a request id, or nil.
    public func event(requestId: String) async throws(LedgerError) -> Event? {
        try await read { try await PostgresReads.event($0, requestId: requestId) }
    }

    /// The last position recorded at or before `millis` (UTC), 0 if none.
    public func position(recordedBy millis: Int64) async throws(LedgerError) -> Int64 {
        try await read { try await PostgresReads.position($0, recordedBy: millis) }
    }

    // MARK: The write

    /// Appends `events` in one transaction (`PostgresAppend`): a request id seen before answers
    /// with its first event (`duplicate`); a condition whose tags have later events throws
    /// `.conflict`; a transaction that keeps losing to others too, after a few tries.
    public func append(_ events: [NewEvent], actor: String, requestId: String?,
                       condition: AppendCondition?) async throws(LedgerError) -> AppendResult {
        try await PostgresAppend.append(session, events, actor: actor, requestId: requestId, condition: condition, nowMillis: now)
    }

    // MARK: Projections

    /// The application rows a report asks for.
    public func applicationRows(_ query: ApplicationQuery) async throws(LedgerError) -> [ApplicationRow] {
        try await read { try await PostgresProjections.applicationRows($0, query) }
    }

    /// A year's attendance rows of some people and the head they stand at (one statement).
    public func attendanceRows(people: [String], year: Int) async throws(LedgerError) -> (rows: [AttendanceRow], head: Int64)? {
        try await read { try await PostgresAttendance.rows($0, people: people, year: year) }
    }

    /// Every agency's row, by id.
    public func agencyRows() async throws(LedgerError) -> [AgencyRow] {
        try await read { try await PostgresProjections.agencyRows($0) }
    }

    /// Every person's row (of one agency, where it is named), by id.
    public func personRows(agency: String?) async throws(LedgerError) -> [PersonRow] {
        try await read { try await PostgresProjections.personRows($0, agency: agency) }
    }

    /// Every agency's budgeted headcount for a year.
    public func headcountRows(year: Int) async throws(LedgerError) -> [String: Int] {
        try await read { try await PostgresProjections.headcountRows($0, year: year) }
    }

    /// Recreates every projection row from the events, in one transaction; appends wait meanwhile.
    public func rebuildProjections(progress: ProgressReport?) async throws(LedgerError) -> Int64 {
        try await read { c in try await c.transaction { c in try await PostgresProjections.rebuild(c, progress: progress) } }
    }

    /// The first way the projection rows differ from a fresh fold of the events, or nil.
    public func projectionDifference() async throws(LedgerError) -> String? {
        try await read { c in
            try await c.transaction("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY") { c in try await PostgresProjections.difference(c) }
        }
    }

    // MARK: The whole ledger

    /// Writes every event as an export line through `write`, in chunks of about 1 MB, from one snapshot.
    public func export(progress: ProgressReport?, write: @escaping @Sendable ([UInt8]) throws -> Void) async throws(LedgerError) {
        _ = try await read { c in try await PostgresExport.export(c, progress: progress, write: write) }
    }

    /// Checks the chain, positions, recorded times, payloads, the tag index and the head row.
    public func verify(progress: ProgressReport?) async throws(LedgerError) -> VerifyReport {
        try await read { try await PostgresVerify.verify($0, progress: progress) }
    }

    /// Writes a consistent SQLite copy of the ledger to a new file at `path` (never over one).
    public func backup(to path: String) async throws(LedgerError) -> BackupReport {
        try await PostgresBackup.backup(session, policies: policies, to: path)
    }

    /// Closes the connection (a later call connects again).
    public func close() async { await session.close() }
}
