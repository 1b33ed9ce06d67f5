import Foundation
import Hummingbird
import StudyLeaveApp

/// How a request shows its token (CLI.md): a script sends `Authorization: Bearer TOKEN`; a
/// browser signs in once through the form and then sends the cookie.
enum Credentials {
    /// The cookie's name. HttpOnly (no script reads it), SameSite=Strict (no other site's page
    /// can make the browser send it: the CSRF defence), Path=/.
    static let cookieName = "studyleave_token"

    /// How long a browser stays signed in, in seconds (a working day and a night).
    static let cookieLifetime = 12 * 60 * 60

    /// The token a request carries, if any: the Authorization header first, then the cookie.
    static func token(of request: Request) -> String? {
        if let auth = request.headers[.authorization] {
            let parts = auth.split(separator: " ", maxSplits: 1)
            if parts.count == 2, parts[0].lowercased() == "bearer" { return parts[1].trimmingCharacters(in: .whitespaces) }
            return nil
        }
        return request.cookies[cookieName]?.value
    }

    /// The cookie that signs a browser in with `token`.
    static func signedIn(_ token: String) -> Cookie {
        Cookie(name: cookieName, value: token, maxAge: cookieLifetime, path: "/", secure: false, httpOnly: true, sameSite: .strict)
    }

    /// The cookie that signs a browser out.
    static var signedOut: Cookie {
        Cookie(name: cookieName, value: "", maxAge: 0, path: "/", secure: false, httpOnly: true, sameSite: .strict)
    }

    /// Whether a form post comes from this server's own pages: a browser names the page's origin
    /// (`Origin`), which must be this host. A post from another site is refused even before the
    /// cookie's SameSite rule would keep it harmless (login CSRF).
    static func isSameOrigin(_ request: Request) -> Bool {
        guard let origin = request.headers[.origin] else { return true }
        guard let host = request.head.authority else { return false }
        return origin == "http://" + host || origin == "https://" + host
    }

    /// The fields of a form post (application/x-www-form-urlencoded).
    static func form(_ body: String) -> [String: String] {
        var out: [String: String] = [:]
        for pair in body.split(separator: "&") {
            let kv = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = String(kv[0]).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
            let value = kv.count > 1 ? (String(kv[1]).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? "") : ""
            out[key] = value
        }
        return out
    }
}
