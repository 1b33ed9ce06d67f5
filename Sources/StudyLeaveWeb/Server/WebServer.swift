import Foundation
import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import StudyLeaveApp

/// `studyleave serve`: the read-only web view for agencies (CLI.md). It reads the ledger the
/// CLI writes (SQLite in WAL mode, or PostgreSQL) and never appends an event.
public struct WebServer: Sendable {
    public let db: String
    public let host: String
    public let port: Int
    /// How many requests read the ledger at once (each with its own connection).
    public var readers = 4
    /// How long a connection may sit idle (a slow client is cut off after it).
    public var idleSeconds: Int64 = 15

    public init(db: String, host: String, port: Int) {
        self.db = db; self.host = host; self.port = port
    }

    /// The largest form post the server reads (the sign-in form): anything bigger is refused (413).
    static let formLimit = 4096

    /// Serves until stopped (SIGINT, SIGTERM). `started` hears the address once it listens (the
    /// port the system chose, for `--port 0`).
    public func run(started: @escaping @Sendable (String) -> Void) async throws(AppError) {
        // The ledger must open before the server listens: a wrong --db fails at once, with its exit code.
        let first = try await Ledger.open(db)
        await first.close()
        let pool = LedgerPool(db: db, size: readers)
        let site: Site
        do { site = Site(pool: pool, renderer: try PageRenderer()) } catch { throw .unusable("the page templates: \(error)") }
        var logger = Logger(label: "studyleave.serve")
        logger.logLevel = .error
        let app = Application(
            router: Self.router(site),
            server: .http1(configuration: .init(idleTimeout: .seconds(idleSeconds))),
            configuration: .init(address: .hostname(host, port: port), serverName: nil),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? 0
                let shown = host.contains(":") ? "[\(host)]" : host
                started("http://\(shown):\(port)")
            },
            logger: logger)
        do { try await app.runService() } catch {
            await pool.close()
            throw .unusable("the web view could not serve on \(host):\(port): \(error)")
        }
        await pool.close()
    }

    static func router(_ site: Site) -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        router.add(middleware: ErrorPages(site: site))

        router.get("/healthz") { _, _ in Site.secured(Site.text(.ok, "ok\n", type: "text/plain; charset=utf-8")) }
        router.get("/style.css") { _, _ in
            var r = Site.text(.ok, Templates.style, type: "text/css; charset=utf-8")
            r = Site.secured(r)
            r.headers[.cacheControl] = "max-age=3600"
            return r
        }
        router.get("/openapi.json") { _, _ in Site.secured(Site.text(.ok, OpenAPIDocument.json, type: "application/json; charset=utf-8")) }

        router.get("/") { request, _ in await site.home(request) }
        router.get("/signin") { request, _ in site.signInPage(request) }
        router.post("/signin") { request, _ in await site.signIn(request) }
        router.post("/signout") { request, _ in site.signOut(request) }

        router.get("/agencies/:agency") { request, context in
            let a = context.parameters.get("agency") ?? ""
            return await site.respond(request, path: request.uri.path) { q, reader, ledger in try await site.agencyIndex(a, q, reader, ledger) }
        }
        let pages: [(String, @Sendable (Site) -> (String, PageQuery, AccessReader, Ledger) async throws -> PageModel)] = [
            ("quota", { s in s.quotaPage }), ("on-leave", { s in s.onLeavePage }), ("due", { s in s.duePage }),
            ("obligations", { s in s.obligationsPage }), ("hours", { s in s.hoursPage }),
        ]
        for (name, page) in pages {
            router.get("/agencies/:agency/\(name)") { request, context in
                let a = context.parameters.get("agency") ?? ""
                return await site.respond(request, path: request.uri.path) { q, reader, ledger in try await page(site)(a, q, reader, ledger) }
            }
        }
        router.get("/people/:person") { request, context in
            let p = context.parameters.get("person") ?? ""
            return await site.respond(request, path: request.uri.path) { q, reader, ledger in try await site.personPage(p, q, reader, ledger) }
        }
        router.get("/people/:person/timeline.svg") { request, context in
            let p = context.parameters.get("person") ?? ""
            return await site.respond(request, path: request.uri.path, reply: { q, reader, ledger in .svg(try await site.timelineSVG(p, q, reader, ledger)) })
        }
        return router
    }
}

/// Hummingbird's own errors (no such route, a method not allowed, a body too large) as the
/// site's error pages, with the same headers.
struct ErrorPages<Context: RequestContext>: RouterMiddleware {
    let site: Site

    /// The routes that take a post (the sign-in form); every other takes GET (and HEAD) only.
    static var posts: Set<String> { ["/signin", "/signout"] }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let method = request.method
        if method != .get, method != .head, !(method == .post && Self.posts.contains(request.uri.path)) {
            let form: PageQuery.Form = PageQuery.wantsJSON(request.headers[.accept]) ? .json : .html
            var r = site.failure(WebError(.methodNotAllowed, "the web view only reads: \(method.rawValue) is not allowed here", zh: "本網頁僅供查閱，不接受 \(method.rawValue)"),
                                 form: form, query: nil, signedIn: false)
            r.headers[.allow] = Self.posts.contains(request.uri.path) ? "GET, HEAD, POST" : "GET, HEAD"
            return r
        }
        do {
            return try await next(request, context)
        } catch let e as HTTPError {
            let message = e.status == .notFound ? "no such page" : (e.body ?? e.status.reasonPhrase)
            let form: PageQuery.Form = PageQuery.wantsJSON(request.headers[.accept]) ? .json : .html
            return site.failure(WebError(e.status, message, zh: e.status == .notFound ? "查無此頁" : nil), form: form, query: nil, signedIn: false)
        }
    }
}
