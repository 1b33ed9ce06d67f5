import Foundation
import StudyLeaveDomain
import StudyLeaveLedger

/// The ledger a command works on, whichever store holds it: the App's door to the stores. The
/// faces open it from what `--db` says and hand it to the use cases (`Recorder`, `Queries`,
/// `Maintenance`); they never see the store itself.
public struct Ledger: Sendable {
    let store: any LedgerStore

    /// Where the ledger is, for messages: a path, or a URL without its password.
    public var location: String { store.location }

    /// The policies recorded at `init`.
    public var policies: PolicySet { store.policies }

    /// What the user should know about how the ledger was reached (a password in the URL).
    public let warnings: [String]

    init(store: any LedgerStore, warnings: [String] = []) {
        self.store = store
        self.warnings = warnings
    }

    /// How long a write waits for another writer's lock before giving up (seconds).
    public static let defaultBusyTimeout: Double = SQLiteLedger.defaultBusyTimeout

    /// Opens an existing ledger: a SQLite file, or a PostgreSQL database (`postgres://…`).
    /// A missing one is `unusable` (74), with the advice to run `init`.
    public static func open(_ db: String, busyTimeout: Double = defaultBusyTimeout) async throws(AppError) -> Ledger {
        let location = try await inAppTerms { () throws(LedgerError) in try LedgerLocation.parse(db) }
        switch location {
        case .file(let path):
            let ledger = try await inAppTerms { () throws(LedgerError) in try SQLiteLedger.open(path: path, busyTimeout: busyTimeout) }
            return Ledger(store: SQLiteStore(ledger))
        case .postgres(let address):
            let s = try await inAppTerms { () throws(LedgerError) in try await PostgresStore.open(address) }
            return Ledger(store: s, warnings: warnings(address))
        }
    }

    /// `init`: a new, empty ledger with `policies`; an existing one is refused (`exists`, 1).
    public static func create(_ db: String, policies: PolicySet = .standard) async throws(AppError) -> Ledger {
        let location = try await inAppTerms { () throws(LedgerError) in try LedgerLocation.parse(db) }
        switch location {
        case .file(let path):
            let ledger = try await inAppTerms { () throws(LedgerError) in try SQLiteLedger.create(path: path, policies: policies) }
            return Ledger(store: SQLiteStore(ledger))
        case .postgres(let address):
            let s = try await inAppTerms { () throws(LedgerError) in try await PostgresStore.create(address, policies: policies) }
            return Ledger(store: s, warnings: warnings(address))
        }
    }

    /// Lets go of the connection.
    public func close() async { await store.close() }

    static func warnings(_ address: PostgresAddress) -> [String] {
        guard address.passwordInURL else { return [] }
        return ["the --db URL carries a password, which other users of this machine can see (ps); put it in PGPASSWORD or ~/.pgpass instead"]
    }
}

/// The ledger's events, the chain head and where it is: what `verify`, `export`, `import`,
/// `backup` and `rebuild` report.
public struct LedgerSummary: Equatable, Sendable {
    /// The events the ledger holds (or the copy, or the file).
    public var events: Int64
    /// The hash of the last event (64 zeros for none).
    public var head: String
}

extension Ledger {
    /// How many events the ledger holds (positions are gap-free: the head).
    public func eventCount() async throws(AppError) -> Int64 {
        let store = store
        return try await inAppTerms { () throws(LedgerError) in try await store.head() }
    }
}
