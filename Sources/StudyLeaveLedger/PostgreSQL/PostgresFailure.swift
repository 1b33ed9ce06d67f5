import Foundation
import PostgresNIO

/// PostgreSQL's failures in the ledger's words (CLI.md: 74 for a server that cannot be reached or
/// a lost connection, 75 for a write that lost a race).
enum PostgresFailure {
    /// COMMIT itself failed: if the connection broke then, the server may have committed.
    struct CommitFailed: Error { let underlying: any Error }
    /// The connection closed before the statement was answered.
    struct ConnectionLost: Error, CustomStringConvertible { var description: String { "the connection closed" } }

    /// SQLSTATEs of a transaction that lost to another and may simply be run again: serialization
    /// failure, deadlock, a lock not had in `lock_timeout`.
    static let retryable: Set<String> = ["40001", "40P01", "55P03"]

    static func sqlState(_ error: any Error) -> String? {
        if let e = error as? CommitFailed { return sqlState(e.underlying) }
        return (error as? PSQLError)?.serverInfo?[.sqlState]
    }

    static func isRetryable(_ error: any Error) -> Bool { sqlState(error).map(retryable.contains) ?? false }

    /// A unique violation of the request-id index: another session recorded the same request.
    static func isRequestIdRace(_ error: any Error) -> Bool {
        guard sqlState(error) == "23505" else { return false }
        let constraint = (error as? PSQLError)?.serverInfo?[.constraintName] ?? (error as? CommitFailed).flatMap { ($0.underlying as? PSQLError)?.serverInfo?[.constraintName] }
        return constraint == nil || constraint == PostgresSchema.requestIdIndex
    }

    static func translate(_ error: any Error, address: PostgresAddress, connecting: Bool = false) -> LedgerError {
        let at = address.description
        if let e = error as? LedgerError { return e }
        if let e = error as? CommitFailed {
            if (e.underlying as? PSQLError)?.serverInfo != nil { return translate(e.underlying, address: address) }
            if e.underlying is ConnectionLost {
                return .io("the connection to the PostgreSQL server at \(at) was lost while committing: the write may or may not be recorded; check before retrying, or retry with the same request id")
            }
            return .io("the connection to the PostgreSQL server at \(at) was lost while committing (\(reason(e.underlying))): the write may or may not be recorded; check before retrying, or retry with the same request id")
        }
        if error is ConnectionLost {
            return connecting ? .io("cannot reach the PostgreSQL server at \(at): the connection closed; nothing was recorded")
                : .io("the connection to the PostgreSQL server at \(at) was lost; nothing was recorded")
        }
        if error is CancellationError { return .io("the work on the PostgreSQL server at \(at) was cancelled; nothing was recorded") }
        guard let e = error as? PSQLError else {
            if error is PostgresDecodingError { return .io("the PostgreSQL ledger at \(at) holds a column of an unexpected type: \(error)") }
            return .io("the PostgreSQL ledger at \(at) cannot be used: \(error)")
        }
        if let info = e.serverInfo {
            let state = info[.sqlState] ?? "?"
            let message = info[.message] ?? "an error"
            switch state {
            case "28P01", "28000":
                return .io("the PostgreSQL server at \(at) refused the login of '\(address.user)': \(message); check the user and the password (PGPASSWORD or ~/.pgpass); nothing was recorded")
            case "3D000":
                return .io("the PostgreSQL server at \(at) has no database '\(address.database)': create it first (createdb), then run 'studyleave init'")
            case _ where retryable.contains(state):
                return .conflict
            case "53100":
                return .full(path: at)
            case "25006":
                return .readOnly(path: at)
            case "42501":
                return .io("the PostgreSQL user '\(address.user)' may not do this on \(at): \(message); nothing was recorded")
            case "57P01", "57P02", "57P03":
                return .io("the PostgreSQL server at \(at) is shutting down or starting up (\(message)); nothing was recorded")
            case "53300":
                return .io("the PostgreSQL server at \(at) has too many connections (\(message)); nothing was recorded: retry")
            default:
                return .io("the PostgreSQL server at \(at) refused the request: \(message) (SQLSTATE \(state)); nothing was recorded")
            }
        }
        switch e.code {
        case .connectionError:
            return .io("cannot reach the PostgreSQL server at \(at): \(reason(e)); nothing was recorded")
        case .serverClosedConnection, .uncleanShutdown, .clientClosedConnection:
            if connecting { return .io("cannot reach the PostgreSQL server at \(at): \(reason(e)); nothing was recorded") }
            return .io("the connection to the PostgreSQL server at \(at) was lost (\(reason(e))); nothing was recorded")
        case .authMechanismRequiresPassword:
            return .io("the PostgreSQL server at \(at) asks a password of '\(address.user)': give it in PGPASSWORD or ~/.pgpass; nothing was recorded")
        case .unsupportedAuthMechanism, .saslError:
            return .io("cannot log in to the PostgreSQL server at \(at) as '\(address.user)': \(reason(e)); nothing was recorded")
        case .sslUnsupported, .failedToAddSSLHandler, .receivedUnencryptedDataAfterSSLRequest:
            return .io("cannot set up TLS with the PostgreSQL server at \(at): \(reason(e)); nothing was recorded")
        default:
            return .io("the PostgreSQL server at \(at) cannot be used: \(reason(e)); nothing was recorded")
        }
    }

    /// What went wrong underneath, in one line (PSQLError's own description hides it).
    static func reason(_ error: any Error) -> String {
        guard let e = error as? PSQLError else { return "\(error)" }
        if let message = e.serverInfo?[.message] { return message }
        if let underlying = e.underlying { return "\(underlying)" }
        return "\(e.code)"
    }
}
