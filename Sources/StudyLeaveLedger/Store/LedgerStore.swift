import StudyLeaveDomain

/// Where the events live: the one interface the App layer talks to, with one adapter per engine
/// (`SQLiteStore` for one office's file, `PostgresStore` for a shared server).
///
/// Every adapter keeps the same promises (Docs/ARCHITECTURE.md, "The store protocol"):
/// - **Append-only.** Events are never changed or deleted; the engine itself refuses it.
/// - **Gap-free positions in commit order.** Positions run 1, 2, 3, … and a reader never sees a
///   position before the ones ahead of it. So a read bounded `through` a position seen earlier
///   answers from exactly that prefix of the ledger, and reads made one after another with the same
///   bound are as consistent as one snapshot. The App relies on this instead of holding a
///   transaction open across its reads.
/// - **One hash chain, one canonical encoding** (`HashChain`, `StoredEvent`): the same events give
///   the same hashes and a byte-identical export whichever store holds them.
/// - **The conditional append** (`append(_:actor:requestId:condition:)`) holds across processes and
///   machines: of two writes whose conditions both name a record, at most one is recorded.
/// - **Projection rows move with the events**, in the same transaction.
///
/// Errors are `LedgerError`s: a conflict (`.conflict`, exit 75) leaves nothing recorded, and so does
/// every other failure of a write.
public protocol LedgerStore: Sendable {
    /// The ledger as the user named it, for messages: a file path, or a URL without its password.
    var location: String { get }

    /// The policies recorded at `init` (the law's default when none was given).
    var policies: PolicySet { get }

    // MARK: Reads

    /// The last position recorded (0 when the ledger is empty).
    func head() async throws(LedgerError) -> Int64

    /// Every event carrying at least one of `tags`, in position order, up to `through` (all when nil).
    func events(taggedAny tags: Set<String>, through: Int64?) async throws(LedgerError) -> [Event]

    /// Of the events carrying at least one of `tags`, those of the given types, in position order,
    /// up to `through`: a query that needs a few kinds of many people's events (their arrival
    /// and departure) without decoding the rest.
    func events(taggedAny tags: Set<String>, ofTypes types: [String], through: Int64?) async throws(LedgerError) -> [Event]

    /// Every event carrying at least one of `tags`, in position order, with the head they stand
    /// at: read as one (on PostgreSQL one statement), so that a decision's first read needs no
    /// head read of its own; its later reads, bounded by that head, answer from the same prefix.
    func eventsAndHead(taggedAny tags: Set<String>) async throws(LedgerError) -> (events: [Event], head: Int64)

    /// Every event with a tag that starts with `prefix` and ends with `suffix` (all quotas of a
    /// year: `quota:` … `:2025`), in position order, up to `through`.
    func events(tagPrefix prefix: String, suffix: String, through: Int64?) async throws(LedgerError) -> [Event]

    /// Every event of the given types, in position order, up to `through`.
    func events(ofTypes types: [String], through: Int64?) async throws(LedgerError) -> [Event]

    /// Every event up to `through`, in position order (the whole-ledger fold of a report as known
    /// at an earlier moment).
    func allEvents(through: Int64?) async throws(LedgerError) -> [Event]

    /// The tags of every event recorded after `position`: the records that changed since. A
    /// report as known at `position` re-folds only those (the projection rows, which hold now,
    /// answer for every other record as they did then).
    func tags(after position: Int64) async throws(LedgerError) -> Set<String>

    /// The event at a position, or nil past the head.
    func event(at position: Int64) async throws(LedgerError) -> Event?

    /// The first event recorded with a request id, or nil.
    func event(requestId: String) async throws(LedgerError) -> Event?

    /// The last position recorded at or before `millis` (transaction time, UTC), 0 if none.
    func position(recordedBy millis: Int64) async throws(LedgerError) -> Int64

    // MARK: The write

    /// Appends `events` in one transaction, with the next positions, the recorded time
    /// `max(now, last recorded time)` and the chained hashes, and updates the projection rows.
    ///
    /// - A `requestId` the ledger has seen answers with the event first recorded with it
    ///   (`duplicate`), recording nothing.
    /// - With a `condition`, throws `.conflict` (recording nothing) if any event carrying one of its
    ///   tags lies after its position: the dynamic consistency boundary.
    func append(_ events: [NewEvent], actor: String, requestId: String?,
                condition: AppendCondition?) async throws(LedgerError) -> AppendResult

    // MARK: Projections (the country-wide reports' candidates)

    /// The application rows a report asks for (`ApplicationQuery`).
    func applicationRows(_ query: ApplicationQuery) async throws(LedgerError) -> [ApplicationRow]

    /// Every agency's budgeted headcount recorded for a year.
    func headcountRows(year: Int) async throws(LedgerError) -> [String: Int]

    /// A year's attendance rows of some people (`AttendanceRow`, in position order), with the
    /// position they stand at, read as one; nil when the ledger keeps no such rows (one made by
    /// an earlier version, not yet upgraded): the hours queries then fold the events.
    func attendanceRows(people: [String], year: Int) async throws(LedgerError) -> (rows: [AttendanceRow], head: Int64)?

    /// Every agency's row, by id.
    func agencyRows() async throws(LedgerError) -> [AgencyRow]

    /// Every person's row (of one agency, where it is named), by id.
    func personRows(agency: String?) async throws(LedgerError) -> [PersonRow]

    /// Recreates every projection row from the events; returns the position they stand at.
    func rebuildProjections(progress: ProgressReport?) async throws(LedgerError) -> Int64

    /// The first way the projection rows differ from a fresh fold of the events, or nil.
    func projectionDifference() async throws(LedgerError) -> String?

    // MARK: The whole ledger

    /// Writes every event as an export line (JSON Lines, position order) through `write`, in chunks.
    func export(progress: ProgressReport?, write: @escaping @Sendable ([UInt8]) throws -> Void) async throws(LedgerError)

    /// Recomputes the hash chain from the first event and checks positions, recorded times, payloads
    /// and the tag index (`ChainVerifier`).
    func verify(progress: ProgressReport?) async throws(LedgerError) -> VerifyReport

    /// Writes a consistent SQLite copy of the ledger to a new file at `path` (never over one).
    func backup(to path: String) async throws(LedgerError) -> BackupReport

    /// Lets go of the connection (a no-op where there is none to close).
    func close() async
}

/// Reports how many events a long job has done (import, export, rebuild, verify): the CLI shows
/// it on a terminal. Called from whichever thread does the work.
public typealias ProgressReport = @Sendable (Int64) -> Void

/// The condition of a conditional append: no event with any of `tags` after position `after`.
public struct AppendCondition: Equatable, Sendable {
    /// The tags whose events the decision read.
    public var tags: Set<String>
    /// The head position the decision read up to.
    public var after: Int64
    public init(tags: Set<String>, after: Int64) { self.tags = tags; self.after = after }
}

/// What an append recorded.
public struct AppendResult: Equatable, Sendable {
    /// The events recorded, or for a repeated request id the events first recorded with it.
    public var events: [Event]
    /// True when the request id was seen before and nothing new was recorded.
    public var duplicate: Bool
    public init(events: [Event], duplicate: Bool) { self.events = events; self.duplicate = duplicate }
}

/// What a backup copied: the copy holds the ledger as it was at one moment.
public struct BackupReport: Equatable, Sendable {
    /// The events in the copy.
    public var events: Int64
    /// The hash of the copy's last event (the chain head; 64 zeros for an empty ledger).
    public var head: String
    public init(events: Int64, head: String) { self.events = events; self.head = head }
}

extension LedgerStore {
    /// The head, then the events up to it: two reads, as consistent as one (positions are
    /// gap-free and in commit order).
    public func eventsAndHead(taggedAny tags: Set<String>) async throws(LedgerError) -> (events: [Event], head: Int64) {
        let head = try await head()
        return (try await events(taggedAny: tags, through: head), head)
    }
}
