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
    /// Other writers held the ledger too long, through the store's retries (75).
    case contended(String)
    /// What a write would create exists already: a ledger, an export file (1).
    case exists(String)
    /// Bad data the user gave that no rule names: a malformed import line, a date too far ahead (65).
    case badData(String)
    /// A malformed argument (64).
    case usage(String)
    /// An error with its zh-TW line (`--lang zh-TW`); the code and the English are the inner one's.
    indirect case translated(AppError, zh: String)

    /// The error without its translation.
    public var base: AppError {
        if case let .translated(inner, _) = self { return inner.base }
        return self
    }

    /// A store's error in the App's terms.
    init(_ error: LedgerError) {
        let inner: AppError
        switch error {
        case .conflict: self = .conflict; return
        case .contended: self = .translated(.contended(error.message), zh: error.zh); return
        case .malformedImport: inner = .badData(error.message)
        case .alreadyExists, .notEmpty: inner = .exists(error.message)
        case .badLocation(let m), .badRow(let m): inner = .usage(m)
        default: inner = .unusable(error.message)
        }
        self = error.zh == error.message ? inner : .translated(inner, zh: error.zh)
    }

    public var exitCode: Int32 {
        switch self {
        case .refused(let r): return r.isBadData ? 65 : r.isUsage ? 64 : 1
        case .unusable: return 74
        case .conflict, .contended: return 75
        case .exists: return 1
        case .badData: return 65
        case .usage: return 64
        case .translated(let inner, _): return inner.exitCode
        }
    }

    /// The line in the language asked.
    public func message(_ lang: Language) -> String {
        guard lang == .zhTW else { return message }
        switch self {
        case .refused(let r): return r.zh
        case .conflict: return LedgerError.conflict.zh
        case .translated(_, let zh): return zh
        default: return message
        }
    }

    /// The one line the CLI prints after `error:`.
    public var message: String {
        switch self {
        case .refused(let r): return r.message
        case .conflict: return LedgerError.conflict.message
        case .unusable(let m), .exists(let m), .badData(let m), .usage(let m), .contended(let m): return m
        case .translated(let inner, _): return inner.message
        }
    }
}

/// Runs a store call and gives its error in the App's terms.
func inAppTerms<T>(_ body: () async throws(LedgerError) -> T) async throws(AppError) -> T {
    do { return try await body() } catch { throw AppError(error) }
}
