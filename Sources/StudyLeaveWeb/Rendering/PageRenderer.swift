import Foundation
import Mustache
import StudyLeaveApp
import StudyLeaveDomain
import StudyLeaveOutput

/// Pages as HTML, through the mustache templates (`Templates`), which escape every value.
struct PageRenderer: Sendable {
    let library: MustacheLibrary

    init() throws {
        var library = MustacheLibrary()
        try library.register(Templates.layout, named: "layout")
        try library.register(Templates.page, named: "page")
        try library.register(Templates.signIn, named: "signin")
        try library.register(Templates.error, named: "error")
        self.library = library
    }

    /// The navigation of an agency's pages, the current one marked.
    static let pages: [(path: String, label: String)] = [
        ("", "Agency"), ("/quota", "Quota"), ("/on-leave", "On leave"), ("/due", "Due"),
        ("/obligations", "Obligations"), ("/hours", "Learning hours"),
    ]

    /// What every page has around its content: language, navigation, the language and calendar
    /// switches (keeping the other parameters), sign-out.
    func frame(_ q: PageQuery, path: String, agency: String?, current: String?, signedIn: Bool) -> [String: Any] {
        let w = { (s: String) in WebWords.t(s, q.lang) }
        var nav: [[String: Any]] = []
        if let agency {
            let base = "/agencies/" + PageQuery.escape(agency)
            nav = Self.pages.map { p in
                ["href": base + p.path + q.query([("table", nil)]), "label": w(p.label), "current": p.label == current]
            }
        }
        let switches: [[String: Any]] = [
            ["href": path + q.query([("lang", q.lang == .zhTW ? "en" : "zh-TW"), ("table", nil)]), "label": q.lang == .zhTW ? "English" : "中文"],
            ["href": path + q.query([("calendar", q.calendar == .roc ? "iso" : "roc"), ("table", nil)]), "label": q.calendar == .roc ? "ISO 8601" : (q.lang == .zhTW ? "民國紀年" : "ROC dates")],
        ]
        return ["htmlLang": q.lang.rawValue, "nav": nav, "hasNav": !nav.isEmpty, "switches": switches, "signedIn": signedIn,
                "signOutLabel": w("Sign out"), "footer": w("Read-only: these pages never change the ledger.")]
    }

    /// A page of tables.
    func page(_ m: PageModel, _ q: PageQuery, path: String, heading: String?) -> String {
        let words = q.wording
        let w = { (s: String) in WebWords.t(s, q.lang) }
        var context = frame(q, path: path, agency: m.agency, current: m.current, signedIn: true)
        context["title"] = m.title
        context["subtitle"] = m.subtitle ?? false
        context["heading"] = heading ?? false
        let hidden = q.kept.filter { !["as-of", "year"].contains($0.0) }.map { ["name": $0.0, "value": $0.1] }
        context["when"] = [
            "hidden": hidden, "asOfLabel": w("As of"), "asOfValue": words.date(q.asOf), "showLabel": w("Show"),
            "yearField": m.yearly, "yearLabel": w("Year"), "yearValue": words.year(q.shownYear),
        ] as [String: Any]
        context["sections"] = m.sections.map { s -> [String: Any] in
            let r = s.report
            let columns = r.columns.map(words.t)
            let rows: [[String: Any]] = r.rows.map { row in
                ["cells": row.enumerated().map { i, cell -> [String: Any] in
                    let column = i < r.columns.count ? r.columns[i] : ""
                    let href: Any = s.links[column].flatMap { $0(cell) } ?? false
                    return ["text": cell, "href": href, "numeric": Self.isNumeric(cell) && !Report.textColumns.contains(column)]
                }]
            }
            let downloads: [[String: Any]] = [
                ["href": path + q.query([("format", "csv"), ("table", m.sections.count > 1 ? s.name : nil)]), "label": w("Download CSV")],
                ["href": path + q.query([("format", "ods"), ("table", m.sections.count > 1 ? s.name : nil)]), "label": w("Download ODS")],
            ]
            return [
                "title": s.title ?? false,
                "facts": r.facts.map { ["label": words.t($0.0), "value": $0.1] }, "hasFacts": !r.facts.isEmpty,
                "columns": columns, "hasTable": !columns.isEmpty, "rows": rows, "columnCount": max(columns.count, 1),
                "noneLabel": words.t("none"),
                "notes": r.notes.isEmpty ? false : r.notes.joined(separator: "\n") as Any,
                "downloads": downloads, "hasDownloads": !columns.isEmpty || !r.facts.isEmpty,
            ]
        }
        context["image"] = m.image.map { ["src": $0.src, "alt": $0.alt] as [String: Any] } ?? false
        return library.render(context, withTemplate: "page") ?? ""
    }

    /// The sign-in form, with what went wrong, if anything.
    func signIn(_ q: PageQuery, problem: String?) -> String {
        let w = { (s: String) in WebWords.t(s, q.lang) }
        var context = frame(q, path: "/signin", agency: nil, current: nil, signedIn: false)
        context["title"] = w("Sign in")
        context["problem"] = problem ?? false
        context["tokenLabel"] = w("Read token")
        context["signInLabel"] = w("Sign in")
        context["help"] = w("Sign in with the read token your HR office was given ('studyleave access grant'). The browser keeps it until you sign out.")
        return library.render(context, withTemplate: "signin") ?? ""
    }

    /// An error page: the status and one line.
    func error(_ e: WebError, _ q: PageQuery, signedIn: Bool) -> String {
        var context = frame(q, path: "/", agency: nil, current: nil, signedIn: signedIn)
        context["title"] = "\(e.status.code) \(e.status.reasonPhrase)"
        context["message"] = e.text(q.lang)
        context["homeLabel"] = WebWords.t("Home", q.lang)
        return library.render(context, withTemplate: "error") ?? ""
    }

    /// A figure (`12`, `-1`, `1,234,567`, `40.5`): right-aligned.
    static func isNumeric(_ s: String) -> Bool {
        !s.isEmpty && CSVSafety.isNumber(s.replacingOccurrences(of: ",", with: ""))
    }
}
