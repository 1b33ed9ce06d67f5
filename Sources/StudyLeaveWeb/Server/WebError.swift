import Hummingbird
import StudyLeaveApp
import StudyLeaveDomain

/// A request the web view answers with an error page (or a JSON error): the status and one line
/// an officer understands. Never any of the figures asked for.
struct WebError: Error {
    let status: HTTPResponse.Status
    let message: String
    let zh: String

    init(_ status: HTTPResponse.Status, _ message: String, zh: String? = nil) {
        self.status = status; self.message = message; self.zh = zh ?? message
    }

    func text(_ lang: Language) -> String { lang == .zhTW ? zh : message }

    static let signIn = WebError(.unauthorized, "sign in with your agency's read token", zh: "請以貴機關的查閱權杖登入")
    static let outside = WebError(.forbidden, "your token does not read this agency's figures", zh: "您的權杖無權查閱此機關的資料")
    static func notFound(_ what: String, zh: String) -> WebError { WebError(.notFound, what, zh: zh) }
    static func badRequest(_ message: String, zh: String? = nil) -> WebError { WebError(.badRequest, message, zh: zh) }

    /// A use case's error in HTTP terms: an unknown record is 404 (without the close ids a CLI
    /// suggests, which could name another agency's records), bad input 400, the ledger 503.
    init(_ error: AppError) {
        switch error.base {
        case .refused(let r):
            var inner = r
            if case .didYouMean(let base, _) = r { inner = base }
            switch inner {
            case .unknownAgency(let a): self = .notFound("no agency \(a)", zh: "查無機關 \(a)")
            case .unknownPerson(let p): self = .notFound("no person \(p)", zh: "查無人員 \(p)")
            default: self = .badRequest(inner.message, zh: inner.zh)
            }
        case .badData(let m), .usage(let m): self = .badRequest(m, zh: error.message(.zhTW))
        case .unusable, .conflict, .contended, .exists, .translated:
            self = WebError(.serviceUnavailable, "the ledger cannot be read just now; try again", zh: "帳本暫時無法讀取，請稍後再試")
        }
    }
}
