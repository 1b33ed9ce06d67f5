import StudyLeaveDomain
import StudyLeaveLedger

/// Everything a use case can answer with instead of a result, mapped to CLI.md's exit codes. The
/// faces (CLI, web) see these only, never a store's own errors.
public enum AppError: Error, Equatable, Sendable {
    /// A rule said no; the refusal carries its figures (1, or 64/65 for a missing detail or an
    /// unknown record).
    case refused(Refusal)
    /// The ledger cannot be read or written, or fails verification (74).
    case unusable(String)
    /// A concurrent write to the same records got there first and the retries ran out (75).
    case conflict
    /// What a write would create exists already: a ledger, an export file (1).
    case exists(String)
    /// Bad data the user gave that no rule names: a malformed import line, a date too far ahead (65).
    case badData(String)
    /// A malformed argument (64).
    case usage(String)

    /// A store's error in the App's terms.
    init(_ error: LedgerError) {
        switch error {
        case .conflict: self = .conflict
        case .malformedImport: self = .badData(error.message)
        case .alreadyExists, .notEmpty: self = .exists(error.message)
        case .badLocation(let m), .badRow(let m): self = .usage(m)
        default: self = .unusable(error.message)
        }
    }

    public var exitCode: Int32 {
        switch self {
        case .refused(let r): return r.isBadData ? 65 : r.isUsage ? 64 : 1
        case .unusable: return 74
        case .conflict: return 75
        case .exists: return 1
        case .badData: return 65
        case .usage: return 64
        }
    }

    /// The one line the CLI prints after `error:`.
    public var message: String {
        switch self {
        case .refused(let r): return r.message
        case .conflict: return LedgerError.conflict.message
        case .unusable(let m), .exists(let m), .badData(let m), .usage(let m): return m
        }
    }
}

/// Runs a store call and gives its error in the App's terms.
func inAppTerms<T>(_ body: () async throws(LedgerError) -> T) async throws(AppError) -> T {
    do { return try await body() } catch { throw AppError(error) }
}
