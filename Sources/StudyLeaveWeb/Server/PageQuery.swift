import Foundation
import Hummingbird
import StudyLeaveApp
import StudyLeaveDomain
import StudyLeaveOutput

/// What a page's address asks for, checked: `?lang=`, `?calendar=`, `?as-of=`, `?year=`,
/// `?within=`, `?format=`, as the command line's flags (CLI.md). Malformed values are 400.
struct PageQuery: Sendable {
    enum Form: String, Sendable { case html, json, csv, ods }

    var lang: Language = .en
    var calendar: CalendarStyle = .iso
    var asOf: CivilDate
    var asOfGiven = false
    var year: Int?
    var within: Int?
    var form: Form = .html
    /// Which table of a page a download holds (`?table=`), when the page has several.
    var table: String?
    /// The parameters as given, for links that keep them.
    var kept: [(String, String)] = []

    static let names: Set<String> = ["lang", "calendar", "as-of", "year", "within", "format", "table"]

    init(_ request: Request) throws(WebError) {
        asOf = Today.date
        let query = request.uri.queryParameters
        for (key, _) in query where !Self.names.contains(String(key)) {
            throw .badRequest("unknown parameter '\(key)': use \(Self.names.sorted().joined(separator: ", "))")
        }
        // An empty value is no value: a form's empty field (`?as-of=`) means the default.
        let params = NonEmpty(value: { query.get($0) })
        if let l = params.get("lang") {
            guard let v = Language(rawValue: l) else { throw .badRequest("lang must be en or zh-TW, not '\(l)'") }
            lang = v; kept.append(("lang", l))
        }
        if let c = params.get("calendar") {
            guard let v = CalendarStyle(rawValue: c) else { throw .badRequest("calendar must be iso or roc, not '\(c)'", zh: "calendar 須為 iso 或 roc") }
            calendar = v; kept.append(("calendar", c))
        }
        if let d = params.get("as-of") {
            do { asOf = try DateParsing.parse(d) } catch { throw .badRequest("as-of: \(error.message)", zh: "as-of：\(error.zh)") }
            asOfGiven = true; kept.append(("as-of", d))
        }
        if let y = params.get("year") {
            let years = CalendarYears.recordable(today: Today.date)
            guard y.utf8.count <= 4, let n = Int(y), years.contains(CalendarYears.western(n)) else {
                throw .badRequest("year must be \(years.lowerBound) to \(years.upperBound), or the ROC year 1 to \(years.upperBound - 1911); not '\(y)'",
                                  zh: "year 須為 \(years.lowerBound) 至 \(years.upperBound)，或民國 1 至 \(years.upperBound - 1911) 年")
            }
            year = CalendarYears.western(n); kept.append(("year", y))
        }
        if let w = params.get("within") {
            guard w.utf8.count <= 5, let n = Int(w), DueRule.windowDays.contains(n) else {
                throw .badRequest("within must be a whole number of days from \(DueRule.windowDays.lowerBound) to \(DueRule.windowDays.upperBound), not '\(w)'")
            }
            within = n; kept.append(("within", w))
        }
        if let t = params.get("table") {
            guard t.utf8.count <= 40 else { throw .badRequest("table: no such table") }
            table = t
        }
        if let f = params.get("format") {
            guard let v = Form(rawValue: f) else { throw .badRequest("format must be html, json, csv or ods, not '\(f)'") }
            form = v
        } else if Self.wantsJSON(request.headers[.accept]) {
            form = .json
        }
    }

    /// The parameters with a value.
    struct NonEmpty {
        let value: (String) -> String?
        func get(_ name: String) -> String? {
            guard let v = value(name), !v.isEmpty else { return nil }
            return v
        }
    }

    /// `Accept: application/json` (a script), unless it prefers HTML (a browser sends both).
    static func wantsJSON(_ accept: String?) -> Bool {
        guard let accept = accept?.lowercased() else { return false }
        return accept.contains("application/json") && !accept.contains("text/html")
    }

    var time: QueryTime { QueryTime(asOf: asOf) }
    var wording: Wording { Wording(lang: lang, calendar: calendar, groupsNumbers: form == .html) }
    /// The year a yearly page shows: `?year=`, else the as-of day's.
    var shownYear: Int { year ?? asOf.year }

    /// The address's query part with the kept parameters, `changing` some.
    func query(_ changing: [(String, String?)] = []) -> String {
        var pairs = kept.filter { k in !changing.contains { $0.0 == k.0 } }
        for (k, v) in changing { if let v { pairs.append((k, v)) } }
        guard !pairs.isEmpty else { return "" }
        return "?" + pairs.map { "\($0.0)=\(Self.escape($0.1))" }.joined(separator: "&")
    }

    static func escape(_ s: String) -> String {
        let allowed = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~".utf8)
        return s.utf8.map { allowed.contains($0) ? String(UnicodeScalar($0)) : String(format: "%%%02X", $0) }.joined()
    }
}
