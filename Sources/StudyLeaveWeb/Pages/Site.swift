import Foundation
import HTTPTypes
import Hummingbird
import StudyLeaveApp
import StudyLeaveDomain
import StudyLeaveOutput

/// The web view's answers: who asks (the token), what they ask (`PageQuery`), and the page in
/// the form they asked for (HTML, JSON, CSV, ODS). Reads only: no route appends an event.
struct Site: Sendable {
    let pool: LedgerPool
    let renderer: PageRenderer
    let readers = ReaderCache()

    /// The headers of every answer: nothing cached (personal data), no framing, no sniffing, no
    /// referrer, and a policy that lets a page load only this server's stylesheet and pictures.
    static func secured(_ response: Response, svg: Bool = false) -> Response {
        var r = response
        r.headers[.cacheControl] = "no-store"
        r.headers[HTTPField.Name("X-Content-Type-Options")!] = "nosniff"
        r.headers[HTTPField.Name("X-Frame-Options")!] = "DENY"
        // same-origin: no address leaves for another site, and a form post names its origin (with
        // no-referrer a browser sends `Origin: null`, which the sign-in must refuse).
        r.headers[HTTPField.Name("Referrer-Policy")!] = "same-origin"
        r.headers[HTTPField.Name("Content-Security-Policy")!] = svg
            ? "default-src 'none'; style-src 'unsafe-inline'"
            : "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
        return r
    }

    static func text(_ status: HTTPResponse.Status, _ body: String, type: String) -> Response {
        Response(status: status, headers: [.contentType: type], body: ResponseBody(byteBuffer: ByteBuffer(string: body)))
    }

    static func json(_ status: HTTPResponse.Status, _ value: JSONValue) -> Response {
        text(status, value.canonical + "\n", type: "application/json; charset=utf-8")
    }

    static func redirect(_ to: String) -> Response {
        Response(status: .seeOther, headers: [.location: to])
    }

    /// The reader a request's token is, or 401.
    func reader(_ request: Request, _ ledger: Ledger) async throws -> AccessReader {
        guard let token = Credentials.token(of: request) else { throw WebError.signIn }
        guard let reader = try await reader(token: token, ledger) else {
            throw WebError(.unauthorized, "this token is not (or no longer) valid: ask your HR office for a new one",
                           zh: "此權杖無效或已撤銷，請向人事單位申請新權杖")
        }
        return reader
    }

    /// The reader a token is, through the cache while the ledger does not change.
    func reader(token: String, _ ledger: Ledger) async throws -> AccessReader? {
        let hash = Access.hash(token)
        let head = try await inWebTerms { () throws(AppError) in try await ledger.eventCount() }
        if let known = await readers.lookup(hash, at: head) { return known }
        let cachedAt = await readers.position
        if cachedAt >= 0, cachedAt < head,
           try await !inWebTerms({ () throws(AppError) in try await Access(ledger: ledger).readersChanged(since: cachedAt) }) {
            await readers.advance(from: cachedAt, to: head)
            if let known = await readers.lookup(hash, at: head) { return known }
        } else if cachedAt != head {
            await readers.clear(at: head)
        }
        let reader = try await inWebTerms { () throws(AppError) in try await Access(ledger: ledger).reader(token: token) }
        await readers.store(reader, for: hash, at: head)
        return reader
    }

    /// An agency's figures are shown only to a token that reads it: 403 for one the ledger holds
    /// outside the token's agencies, 404 for one it does not hold.
    func check(agency a: String, _ reader: AccessReader, _ ledger: Ledger) async throws {
        if reader.reads(a) { return }
        guard Identifier.problem(with: a) == nil else { throw WebError.notFound("no agency \(a)", zh: "查無機關 \(a)") }
        let known = try await inWebTerms { () throws(AppError) in try await Queries(ledger: ledger).agencies() }.contains { $0.agency == a }
        throw known ? WebError.outside : WebError.notFound("no agency \(a)", zh: "查無機關 \(a)")
    }

    /// Answers a page: the query checked, the token checked, `body` run with a ledger of the
    /// pool; errors become their status in the form asked for.
    func respond(_ request: Request, path: String,
                 _ body: @escaping @Sendable (PageQuery, AccessReader, Ledger) async throws -> PageModel) async -> Response {
        await respond(request, path: path, reply: { q, reader, ledger in .page(try await body(q, reader, ledger)) })
    }

    /// What a route answers: a page (in the form asked for) or a picture.
    enum Reply {
        case page(PageModel)
        case svg(String)
    }

    func respond(_ request: Request, path: String,
                 reply body: @escaping @Sendable (PageQuery, AccessReader, Ledger) async throws -> Reply) async -> Response {
        let q: PageQuery
        do { q = try PageQuery(request) } catch {
            return failure(error, form: PageQuery.wantsJSON(request.headers[.accept]) ? .json : .html, query: nil, signedIn: false)
        }
        var signedIn = false
        do {
            let (model, heading) = try await pool.with { ledger in
                let reader = try await self.reader(request, ledger)
                let model = try await body(q, reader, ledger)
                let heading: String? = q.asOfGiven
                    ? q.wording.heading(try await inWebTerms { () throws(AppError) in try await Queries(ledger: ledger).seen(q.time, knownAtGiven: false) })
                    : nil
                return (SendableBox(model), heading)
            }
            signedIn = true
            switch model.value {
            case .page(let m): return try render(m, q, path: path, heading: heading)
            case .svg(let svg): return Self.secured(Self.text(.ok, svg, type: "image/svg+xml; charset=utf-8"), svg: true)
            }
        } catch let e as WebError {
            return failure(e, form: q.form, query: q, signedIn: signedIn && e.status != .unauthorized)
        } catch let e as AppError {
            return failure(WebError(e), form: q.form, query: q, signedIn: true)
        } catch {
            return failure(WebError(.serviceUnavailable, "the ledger cannot be read just now; try again", zh: "帳本暫時無法讀取，請稍後再試"),
                           form: q.form, query: q, signedIn: false)
        }
    }

    func render(_ m: PageModel, _ q: PageQuery, path: String, heading: String?) throws -> Response {
        switch q.form {
        case .json:
            return Self.secured(Self.json(.ok, m.json))
        case .csv:
            let s = try m.section(named: q.table)
            var r = Self.text(.ok, s.report.csv(q.wording), type: "text/csv; charset=utf-8")
            r.headers[.contentDisposition] = "attachment; filename=\"\(m.fileName)\(q.table.map { "-" + $0 } ?? "").csv\""
            return Self.secured(r)
        case .ods:
            let s = try m.section(named: q.table)
            var report = s.report
            if let heading { report.heading = heading }
            let bytes: [UInt8]
            do { bytes = try report.odsData(q.wording) } catch { throw WebError(.internalServerError, error.message) }
            var r = Response(status: .ok, headers: [.contentType: "application/vnd.oasis.opendocument.spreadsheet"],
                             body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
            r.headers[.contentDisposition] = "attachment; filename=\"\(m.fileName)\(q.table.map { "-" + $0 } ?? "").ods\""
            return Self.secured(r)
        case .html:
            return Self.secured(Self.text(.ok, renderer.page(m, q, path: path, heading: heading), type: "text/html; charset=utf-8"))
        }
    }

    /// An error in the form asked for; a 401 also asks a script for its bearer token and signs a
    /// browser out of a token that no longer reads.
    func failure(_ e: WebError, form: PageQuery.Form, query: PageQuery?, signedIn: Bool) -> Response {
        let q = query ?? PageQuery.fallback
        var r: Response
        switch form {
        case .json, .csv, .ods:
            r = Self.json(e.status, ["error": .string(e.text(q.lang)), "status": .int(Int(e.status.code))])
        case .html:
            let body = e.status == .unauthorized ? renderer.signIn(q, problem: e.text(q.lang)) : renderer.error(e, q, signedIn: signedIn)
            r = Self.text(e.status, body, type: "text/html; charset=utf-8")
        }
        if e.status == .unauthorized {
            r.headers[.wwwAuthenticate] = "Bearer realm=\"studyleave\""
            r.setCookie(Credentials.signedOut)
        }
        return Self.secured(r)
    }
}

/// A value handed across the pool's boundary; the page model is built and read by one request.
struct SendableBox<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}

/// Runs a use case and gives its error in the web's terms.
func inWebTerms<T>(_ body: () async throws(AppError) -> T) async throws(WebError) -> T {
    do { return try await body() } catch { throw WebError(error) }
}

extension PageQuery {
    /// The query of a request whose own could not be read: English, ISO, an HTML page.
    static var fallback: PageQuery { PageQuery(asOf: Today.date) }

    init(asOf: CivilDate) { self.asOf = asOf }
}
