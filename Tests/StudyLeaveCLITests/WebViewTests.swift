import Foundation
import Testing

/// Issue 15: the read-only web view, started on a free loopback port over a ledger the CLI wrote,
/// reached as an agency's browser (sign-in form, cookie) and script (Bearer token) would.
@Suite("serve: the read-only web view for agencies", .serialized)
struct WebViewTests {
    /// TYCG above HR and IT; P1's study ended and is served; P9's name is markup.
    func offices() -> CLI {
        let cli = hrOffice()
        approvedStudy(cli, "A1", person: "P1")
        cli.ok("leave start A1 --on 2025-09-01")
        cli.ok("leave end A1 --on 2026-08-31")
        cli.ok("return A1 --on 2026-09-01")
        cli.ok("agency add IT --name 資訊處 --parent TYCG --on 2025-01-01")
        cli.ok("person add IT1 --name 資訊同仁 --agency IT --on 2025-01-01")
        cli.ok("person add P9 --name \"<script>alert(1)</script>&Co\" --agency HR --on 2025-01-01")
        return cli
    }

    static let agencyPages = ["/agencies/HR", "/agencies/HR/quota?year=2025", "/agencies/HR/on-leave", "/agencies/HR/due",
                              "/agencies/HR/obligations", "/agencies/HR/hours?year=2025", "/people/P1", "/people/P1/timeline.svg"]

    @Test("without a token every page is 401 (the sign-in form, or a JSON error); /healthz and /openapi.json need none")
    func tokenNeeded() throws {
        let cli = offices(); defer { cli.cleanup() }
        let server = try WebServerProcess(cli); defer { server.stop() }
        for path in Self.agencyPages {
            let page = server.get(path)
            #expect(page.status == 401, "\(path)")
            #expect(page.header("WWW-Authenticate") == "Bearer realm=\"studyleave\"")
            #expect(page.text.contains("<form class=\"signin\" method=\"post\" action=\"/signin\">"), "\(path)")
            #expect(!page.text.contains("同仁P1") && !page.text.contains("人事處"), "no data without a token: \(path)")
            let json = server.get(path, json: true)
            #expect(json.status == 401)
            #expect((json.json as? [String: Any])?["status"] as? Int == 401)
        }
        #expect(server.get("/agencies/HR/quota?year=2025", token: "slv_not-a-token").status == 401)
        let health = server.get("/healthz")
        #expect(health.status == 200 && health.text == "ok\n")
        let api = server.get("/openapi.json")
        #expect(api.status == 200)
        #expect((api.json as? [String: Any])?["openapi"] as? String == "3.0.3")
    }

    @Test("each page's JSON is the CLI's answer of the same name, byte for byte")
    func shapes() throws {
        let cli = offices(); defer { cli.cleanup() }
        let token = cli.grant("HR")
        let server = try WebServerProcess(cli); defer { server.stop() }
        let pairs = [
            ("/agencies/HR/quota?year=2025", "quota HR --year 2025"),
            ("/agencies/HR/on-leave?as-of=2025-10-01", "report on-leave --agency HR --as-of 2025-10-01"),
            ("/agencies/HR/due?within=400", "report due --agency HR --within 400"),
            ("/agencies/HR/obligations", "report obligations --agency HR"),
            ("/agencies/HR/hours?year=2025", "hours --agency HR --year 2025"),
        ]
        for (path, command) in pairs {
            let page = server.get(path, token: token, json: true)
            #expect(page.status == 200, "\(path): \(page.text)")
            #expect(page.header("Content-Type") == "application/json; charset=utf-8")
            let r = cli.run(cli.words(command) + ["--format", "json"])
            #expect(r.code == 0)
            #expect(page.text == r.out, "\(path) vs \(command)")
        }
        #expect(server.get("/agencies/HR/on-leave?as-of=2025-10-01", token: token, json: true).text.contains("\"application\":\"A1\""))
        let person = try #require(server.get("/people/P1", token: token, json: true).json as? [String: Any])
        let status = try #require(cli.json("status P1") as? NSDictionary)
        let obligation = try #require(cli.json("obligation P1") as? NSDictionary)
        #expect((person["status"] as? NSDictionary) == status)
        #expect((person["obligation"] as? NSDictionary) == obligation)
    }

    @Test("a token reads its agency and those below it; another agency's, a parent's, a revoked token")
    func reach() throws {
        let cli = offices(); defer { cli.cleanup() }
        let hr = cli.grant("HR"), city = cli.grant("TYCG"), it = cli.grant("IT")
        let server = try WebServerProcess(cli); defer { server.stop() }
        for path in Self.agencyPages {
            #expect(server.get(path, token: hr).status == 200, "HR's own: \(path)")
            #expect(server.get(path, token: city).status == 200, "the parent's token reads below it: \(path)")
            let other = server.get(path, token: it)
            #expect(other.status == 403, "another agency's token: \(path)")
            #expect(!other.text.contains("同仁P1") && !other.text.contains("人事處") && !other.text.contains("A1"), "nothing of the data: \(path)")
        }
        let up = server.get("/agencies/TYCG/quota?year=2025", token: hr, json: true)
        #expect(up.status == 403)
        #expect(!up.text.contains("桃園市政府"))
        #expect(server.get("/agencies/NOPE/quota", token: hr).status == 404)
        #expect(server.get("/people/NOBODY", token: hr).status == 404)
        #expect(server.get("/people/IT1", token: hr).status == 403)
        #expect(server.get("/people/IT1", token: it).status == 200)
        // Grants are listed without their tokens; a revoked one reads nothing from then on.
        let list = cli.ok("access list --format json")
        #expect(!list.contains(hr) && !list.contains("tokenHash"))
        cli.ok("access revoke G1")
        #expect(server.get("/agencies/HR/quota?year=2025", token: hr).status == 401)
        #expect(server.get("/agencies/HR/quota?year=2025", token: city).status == 200)
        // Other writes keep the readers; an agency added below a token's reaches it at once.
        cli.ok("person add P8 --name 同仁P8 --agency HR --on 2025-01-01")
        #expect(server.get("/people/P8", token: city).status == 200)
        #expect(server.get("/agencies/HR2", token: city).status == 404)
        cli.ok("agency add HR2 --name 人事二科 --parent HR --on 2025-01-01")
        #expect(server.get("/agencies/HR2", token: city).status == 200)
        #expect(server.get("/agencies/HR2", token: it).status == 403)
    }

    @Test("names are escaped: a name like <script> is text on every page")
    func escaping() throws {
        let cli = offices(); defer { cli.cleanup() }
        let token = cli.grant("HR")
        let server = try WebServerProcess(cli); defer { server.stop() }
        let page = server.get("/people/P9", token: token)
        #expect(page.status == 200)
        #expect(page.text.contains("&lt;script&gt;alert(1)&lt;/script&gt;&amp;Co"))
        #expect(!page.text.contains("<script"))
        #expect(page.header("Content-Security-Policy")?.contains("default-src 'none'") == true)
        #expect(page.header("Cache-Control") == "no-store")
    }

    @Test("malformed dates, years, languages and parameters are 400 with a message; unknown pages 404; nothing is written")
    func badRequests() throws {
        let cli = offices(); defer { cli.cleanup() }
        let token = cli.grant("HR")
        let before = cli.eventCount()
        let server = try WebServerProcess(cli); defer { server.stop() }
        for path in ["/agencies/HR/quota?as-of=2025-13-45", "/agencies/HR/quota?as-of=abc", "/agencies/HR/quota?year=abc",
                     "/agencies/HR/quota?year=99999", "/agencies/HR/hours?year=-5", "/agencies/HR/quota?lang=fr",
                     "/agencies/HR/quota?calendar=julian", "/agencies/HR/due?within=-1", "/agencies/HR/due?within=1e9",
                     "/agencies/HR/quota?drop=table", "/people/P1?format=xls", "/people/P1?format=csv&table=nope"] {
            let r = server.get(path, token: token, json: true)
            #expect(r.status == 400, "\(path): \(r.status) \(r.text)")
            #expect(((r.json as? [String: Any])?["error"] as? String)?.isEmpty == false, "\(path)")
        }
        #expect(server.get("/nothing-here", token: token).status == 404)
        #expect(server.get("/agencies/HR/quota/more", token: token).status == 404)
        #expect(server.get("/agencies/%00%ff/quota", token: token).status == 404)
        for method in ["POST", "PUT", "DELETE", "PATCH", "TRACE"] {
            let r = server.get("/agencies/HR/quota", token: token, method: method, form: method == "TRACE" ? nil : "x=1")
            #expect(r.status == 405 && r.header("Allow") == "GET, HEAD", "\(method): \(r.status)")
        }
        // An empty field of the page's form means the default (today, the day's year).
        #expect(server.get("/agencies/HR/quota?as-of=&year=", token: token).status == 200)
        #expect(server.get("/healthz").status == 200, "the server still runs")
        #expect(cli.eventCount() == before, "the server never writes")
    }

    @Test("a browser signs in through the form: an HttpOnly, SameSite=Strict cookie; another site's post is refused")
    func signIn() throws {
        let cli = offices(); defer { cli.cleanup() }
        let token = cli.grant("HR")
        let server = try WebServerProcess(cli); defer { server.stop() }
        #expect(server.get("/").status == 303)
        #expect(server.get("/signin").status == 200)
        let signed = server.get("/signin", method: "POST", form: "token=\(token)")
        #expect(signed.status == 303)
        #expect(signed.header("Location") == "/agencies/HR")
        let cookie = try #require(signed.header("Set-Cookie"))
        #expect(cookie.hasPrefix("studyleave_token=\(token);") && cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"))
        let page = server.get("/agencies/HR/quota?year=2025", headers: ["Cookie: studyleave_token=\(token)"])
        #expect(page.status == 200 && page.text.contains("人事處"))
        let foreign = server.get("/signin", headers: ["Origin: http://evil.example"], method: "POST", form: "token=\(token)")
        #expect(foreign.status == 403 && foreign.header("Set-Cookie") == nil)
        let wrong = server.get("/signin", method: "POST", form: "token=slv_wrong")
        #expect(wrong.status == 401 && wrong.text.contains("not valid"))
        let huge = server.get("/signin", method: "POST", form: "token=" + String(repeating: "x", count: 100_000))
        #expect(huge.status == 413)
        let out = server.get("/signout", headers: ["Cookie: studyleave_token=\(token)"], method: "POST", form: "")
        #expect(out.status == 303 && out.header("Set-Cookie")?.contains("Max-Age=0") == true)
    }

    @Test("every table downloads as CSV and ODS; zh-TW labels and ROC dates on request; the timeline is an SVG")
    func downloads() throws {
        let cli = offices(); defer { cli.cleanup() }
        let token = cli.grant("HR")
        let server = try WebServerProcess(cli); defer { server.stop() }
        let csv = server.get("/agencies/HR/obligations?format=csv", token: token)
        #expect(csv.status == 200 && csv.header("Content-Type") == "text/csv; charset=utf-8")
        #expect(csv.header("Content-Disposition") == "attachment; filename=\"HR-obligations.csv\"")
        #expect(csv.text.hasPrefix("\u{FEFF}Agency,Person,Name,Application,State"))
        #expect(csv.text.contains("HR,P1,同仁P1,A1,serving"))
        #expect(csv.text == cli.run(["report", "obligations", "--agency", "HR", "--format", "csv"]).out)
        let ods = server.get("/agencies/HR/quota?year=2025&format=ods", token: token)
        #expect(ods.status == 200 && ods.header("Content-Type") == "application/vnd.oasis.opendocument.spreadsheet")
        #expect(ods.body.prefix(2) == Data("PK".utf8))
        let person = server.get("/people/P1?format=csv&table=obligation", token: token)
        #expect(person.status == 200 && person.text.contains("A1,serving"))
        let zh = server.get("/agencies/HR/quota?year=114&lang=zh-TW&calendar=roc", token: token)
        #expect(zh.status == 200 && zh.text.contains("進修人數上限") && zh.text.contains("<td class=\"n\">114</td>"))
        #expect(zh.text.contains("<html lang=\"zh-TW\">"))
        let svg = server.get("/people/P1/timeline.svg", token: token)
        #expect(svg.status == 200 && svg.header("Content-Type") == "image/svg+xml; charset=utf-8")
        #expect(svg.text.contains("A1") && svg.text.contains("同仁P1"))
        let page = server.get("/people/P1", token: token)
        #expect(page.text.contains("<img src=\"/people/P1/timeline.svg\""))
        let asOf = server.get("/agencies/HR/on-leave?as-of=2025-10-01", token: token)
        #expect(asOf.text.contains("as of 2025-10-01") && asOf.text.contains("href=\"/people/P1?as-of=2025-10-01\""))
    }

    @Test("in a real headless Chromium: sign in through the form, open the quota page, take a screenshot",
          .enabled(if: Chromium.usable))
    func browser() throws {
        let cli = offices(); defer { cli.cleanup() }
        cli.ok("agency headcount HR --year 2026 --budgeted 25 --on 2026-01-01")
        let token = cli.grant("HR")
        let server = try WebServerProcess(cli); defer { server.stop() }
        _ = try #require(Chromium.path, "Chromium is not installed: .ci/run installs chromium")
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("web/browser_signin.py").path
        let shot = cli.dir.appendingPathComponent("quota.png")
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", script, server.url, token, "/agencies/HR/quota?year=2025&lang=zh-TW&calendar=roc", shot.path]
        let outFile = cli.dir.appendingPathComponent("browser.json")
        FileManager.default.createFile(atPath: outFile.path, contents: nil)
        p.standardOutput = try FileHandle(forWritingTo: outFile)
        p.standardError = FileHandle.nullDevice
        try p.run()
        let deadline = Date().addingTimeInterval(120)
        while p.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.1) }
        if p.isRunning { p.terminate() }
        #expect(p.terminationStatus == 0)
        let result = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: outFile)) as? [String: Any])
        #expect(result["landed"] as? String == "/agencies/HR", "the form signed the browser in")
        #expect(result["cookieVisibleToScripts"] as? Bool == false, "HttpOnly: no page script sees the token")
        let text = try #require(result["text"] as? String)
        #expect(text.contains("進修人數上限") && text.contains("人事處") && text.contains("114"), "\(text)")
        let png = try Data(contentsOf: shot)
        #expect(png.count > 10_000 && png.prefix(4) == Data([0x89, 0x50, 0x4E, 0x47]))
        if let keep = ProcessInfo.processInfo.environment["STUDYLEAVE_KEEP_SCREENSHOT"] { try? png.write(to: URL(fileURLWithPath: keep)) }
    }
}
