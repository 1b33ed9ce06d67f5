import StudyLeaveDomain
import StudyLeaveLedger

/// Everything a use case can answer with instead of a result, mapped to CLI.md's exit codes.
public enum AppError: Error, Equatable, Sendable {
    case refused(Refusal)
    case ledger(LedgerError)
    /// Bad data the user gave that no rule names (a date too far ahead, a malformed value).
    case badData(String)
    case usage(String)

    public var exitCode: Int32 {
        switch self {
        case .refused(let r): return r.isBadData ? 65 : r.isUsage ? 64 : 1
        case .ledger(.conflict): return 75
        case .ledger(.malformedImport): return 65
        case .ledger(.alreadyExists), .ledger(.notEmpty): return 1
        case .ledger: return 74
        case .badData: return 65
        case .usage: return 64
        }
    }

    public var message: String {
        switch self {
        case .refused(let r): return r.message
        case .ledger(let e): return e.message
        case .badData(let m), .usage(let m): return m
        }
    }
}
