import StudyLeaveDomain

/// What can go wrong with the ledger file, each with one line an HR officer can act on.
public enum LedgerError: Error, Equatable, Sendable {
    case missing(path: String)
    case alreadyExists(path: String)
    case notALedger(path: String)
    case newerSchema(found: Int, supported: Int)
    case readOnly(path: String)
    case full(path: String)
    case busy(path: String)
    case corrupt(position: Int64?, detail: String)
    case io(String)
    /// A concurrent write got there first; nothing was recorded.
    case conflict
    /// A bad line in an import file (CLI.md: exit 65).
    case malformedImport(line: Int, detail: String)
    case notEmpty(events: Int64)
    /// A write whose row the ledger could not read back (an actor or a request id out of
    /// `RowLimits`): refused before anything is recorded (exit 64).
    case badRow(String)
    /// `--db` names no ledger this tool can reach (a malformed URL): a usage error (exit 64).
    case badLocation(String)

    public var message: String {
        switch self {
        case .missing(let p): return "no ledger at \(p): run 'studyleave init' first (or give --db)"
        case .alreadyExists(let p): return "a ledger already exists at \(p); nothing was changed"
        case .notALedger(let p): return "\(p) is not a studyleave ledger (not an SQLite file, or truncated)"
        case let .newerSchema(found, supported):
            return "the ledger was written by a newer studyleave (schema \(found); this one reads up to \(supported)): upgrade the tool"
        case .readOnly(let p): return "the ledger \(p) is read-only: nothing was recorded"
        case .full(let p): return "the disk holding \(p) is full: nothing was recorded"
        case .busy(let p): return "the ledger \(p) is locked by another process for too long: nothing was recorded; retry"
        case let .corrupt(pos, detail):
            if let pos { return "the ledger fails verification at position \(pos): \(detail)" }
            return "the ledger fails verification: \(detail)"
        case .io(let m): return m
        case .conflict: return "another write to the same records got there first; nothing was recorded: retry"
        case let .malformedImport(line, detail): return "import line \(line): \(detail); nothing was imported"
        case .notEmpty(let n): return "the ledger already holds \(n) events; import needs an empty ledger"
        case .badLocation(let m): return m
        case .badRow(let m): return m
        }
    }
}
