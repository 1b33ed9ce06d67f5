import Hummingbird
import StudyLeaveApp

/// Signing a browser in and out (CLI.md: "browsers sign in once with the token (a form; then an
/// HttpOnly, SameSite=Strict cookie)").
extension Site {
    /// `/`: a signed-in browser goes to its agency's page, any other to the sign-in form.
    func home(_ request: Request) async -> Response {
        guard Credentials.token(of: request) != nil else { return Self.redirect("/signin") }
        do {
            let reader = try await pool.with { ledger in try await self.reader(request, ledger) }
            return Self.secured(Self.redirect("/agencies/" + PageQuery.escape(reader.grant.agency)))
        } catch {
            return Self.secured(Self.redirect("/signin"))
        }
    }

    /// `GET /signin`: the form.
    func signInPage(_ request: Request) -> Response {
        let q = (try? PageQuery(request)) ?? .fallback
        return Self.secured(Self.text(.ok, renderer.signIn(q, problem: nil), type: "text/html; charset=utf-8"))
    }

    /// `POST /signin`: a valid token sets the cookie and goes to its agency; another is 401 with
    /// the form again. A post from another site's page is 403.
    func signIn(_ request: Request) async -> Response {
        let q = (try? PageQuery(request)) ?? .fallback
        guard Credentials.isSameOrigin(request) else {
            return failure(WebError(.forbidden, "sign in from this server's own page", zh: "請由本站登入頁登入"), form: .html, query: q, signedIn: false)
        }
        let body: String
        do {
            var request = request
            let buffer = try await request.collectBody(upTo: WebServer.formLimit)
            body = String(buffer: buffer)
        } catch {
            return failure(WebError(.contentTooLarge, "the form is too large", zh: "表單內容過大"), form: .html, query: q, signedIn: false)
        }
        let token = (Credentials.form(body)["token"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        do {
            let reader = try await pool.with { ledger in try await self.reader(token: token, ledger) }
            guard let reader else {
                return failure(WebError(.unauthorized, "that token is not valid (or was revoked)", zh: "權杖無效或已撤銷"), form: .html, query: q, signedIn: false)
            }
            var r = Self.redirect("/agencies/" + PageQuery.escape(reader.grant.agency) + q.query())
            r.setCookie(Credentials.signedIn(token))
            return Self.secured(r)
        } catch {
            return failure(WebError(.serviceUnavailable, "the ledger cannot be read just now; try again", zh: "帳本暫時無法讀取，請稍後再試"),
                           form: .html, query: q, signedIn: false)
        }
    }

    /// `POST /signout`: the cookie is cleared.
    func signOut(_ request: Request) -> Response {
        guard Credentials.isSameOrigin(request) else {
            return failure(WebError(.forbidden, "sign out from this server's own page"), form: .html, query: nil, signedIn: false)
        }
        var r = Self.redirect("/signin")
        r.setCookie(Credentials.signedOut)
        return Self.secured(r)
    }
}
