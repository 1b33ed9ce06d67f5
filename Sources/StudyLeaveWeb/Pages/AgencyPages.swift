import StudyLeaveApp
import StudyLeaveDomain
import StudyLeaveOutput

/// An agency's pages (CLI.md): its index, quota per year, who is on leave, what is due, the
/// obligations owed and the learning hours; each the CLI's answer of the same name.
extension Site {
    /// A person's id in a table links to their page.
    static func personLinks(_ q: PageQuery) -> [String: (String) -> String?] {
        ["Person": { p in Identifier.problem(with: p) == nil ? "/people/" + PageQuery.escape(p) + q.query([("table", nil), ("year", nil), ("within", nil)]) : nil }]
    }

    func agencyName(_ a: String, _ ledger: Ledger) async throws -> String {
        try await inWebTerms { () throws(AppError) in try await Queries(ledger: ledger).agencies() }.first { $0.agency == a }?.name ?? a
    }

    /// `/agencies/A`: the agency, its pages, and the agencies below it that the token reads.
    func agencyIndex(_ a: String, _ q: PageQuery, _ reader: AccessReader, _ ledger: Ledger) async throws -> PageModel {
        try await check(agency: a, reader, ledger)
        let all = try await inWebTerms { () throws(AppError) in try await Queries(ledger: ledger).agencies() }
        let parents = Dictionary(all.map { ($0.agency, $0.parent) }, uniquingKeysWith: { x, _ in x })
        let me = all.first { $0.agency == a }
        let below = all.filter { $0.agency != a && reader.reads($0.agency) && AccessScope.covers(a, $0.agency, parents: parents) }
        let base = "/agencies/" + PageQuery.escape(a)
        let pages = PageRenderer.pages.dropFirst()
        let json: JSONValue = [
            "agency": .string(a), "name": .string(me?.name ?? ""), "parent": me?.parent.map(JSONValue.string) ?? .null,
            "people": .int(me?.people ?? 0),
            "pages": .array(pages.map { .string(base + $0.path) }),
            "agencies": .array(below.map { ["agency": .string($0.agency), "name": .string($0.name), "parent": $0.parent.map(JSONValue.string) ?? .null, "people": .int($0.people)] }),
        ]
        var sections = [Section(name: "agency", report: Report(
            facts: [("Agency", a), ("Agency name", me?.name ?? ""), ("Parent", me?.parent ?? ""), ("People", String(me?.people ?? 0))]))]
        if !below.isEmpty {
            sections.append(Section(name: "agencies", title: WebWords.t("Agencies below", q.lang), report: Report(
                columns: ["Agency", "Agency name", "Parent", "People"],
                rows: below.map { [$0.agency, $0.name, $0.parent ?? "", String($0.people)] }),
                links: ["Agency": { "/agencies/" + PageQuery.escape($0) + q.query([("table", nil)]) }]))
        }
        return PageModel(title: "\(me?.name ?? a) (\(a))", json: json, sections: sections, agency: a, current: "Agency", fileName: a)
    }

    /// `/agencies/A/quota?year=Y`: `quota A --year Y`.
    func quotaPage(_ a: String, _ q: PageQuery, _ reader: AccessReader, _ ledger: Ledger) async throws -> PageModel {
        try await check(agency: a, reader, ledger)
        let r = try await inWebTerms { () throws(AppError) in try await Queries(ledger: ledger).quota(agency: a, year: q.shownYear, at: q.time) }
        let answer = Answers.quota([r], list: false, explain: false, q.wording)
        return PageModel(title: "\(WebWords.t("Quota", q.lang)) · \(r.name) \(q.wording.year(r.year))", json: answer.json,
                         sections: [Section(name: "quota", report: answer.report)], agency: a, current: "Quota", yearly: true,
                         fileName: "\(a)-quota-\(r.year)")
    }

    /// `/agencies/A/on-leave`: `report on-leave --agency A`.
    func onLeavePage(_ a: String, _ q: PageQuery, _ reader: AccessReader, _ ledger: Ledger) async throws -> PageModel {
        try await check(agency: a, reader, ledger)
        let lines = try await inWebTerms { () throws(AppError) in try await Queries(ledger: ledger).onLeave(agency: a, at: q.time) }
        let answer = Answers.onLeave(lines, q.wording)
        return PageModel(title: "\(WebWords.t("On leave", q.lang)) · \(try await agencyName(a, ledger))", json: answer.json,
                         sections: [Section(name: "on-leave", report: answer.report, links: Self.personLinks(q))],
                         agency: a, current: "On leave", fileName: "\(a)-on-leave")
    }

    /// `/agencies/A/due?within=N`: `report due --agency A`.
    func duePage(_ a: String, _ q: PageQuery, _ reader: AccessReader, _ ledger: Ledger) async throws -> PageModel {
        try await check(agency: a, reader, ledger)
        let days = q.within ?? DueRule.defaultWindowDays
        let lines = try await inWebTerms { () throws(AppError) in try await Queries(ledger: ledger).due(within: days, agency: a, at: q.time) }
        let answer = Answers.due(lines, q.wording)
        let window = q.lang == .zhTW ? "\(q.wording.date(q.asOf)) 起 \(days) 日內" : "within \(days) days of \(q.wording.date(q.asOf))"
        return PageModel(title: "\(WebWords.t("Due", q.lang)) · \(try await agencyName(a, ledger))", subtitle: window, json: answer.json,
                         sections: [Section(name: "due", report: answer.report, links: Self.personLinks(q))],
                         agency: a, current: "Due", fileName: "\(a)-due")
    }

    /// `/agencies/A/obligations`: `report obligations --agency A`.
    func obligationsPage(_ a: String, _ q: PageQuery, _ reader: AccessReader, _ ledger: Ledger) async throws -> PageModel {
        try await check(agency: a, reader, ledger)
        let lines = try await inWebTerms { () throws(AppError) in try await Queries(ledger: ledger).obligations(agency: a, at: q.time) }
        let answer = Answers.obligations(lines, q.wording)
        return PageModel(title: "\(WebWords.t("Obligations", q.lang)) · \(try await agencyName(a, ledger))", json: answer.json,
                         sections: [Section(name: "obligations", report: answer.report, links: Self.personLinks(q))],
                         agency: a, current: "Obligations", fileName: "\(a)-obligations")
    }

    /// `/agencies/A/hours?year=Y`: `hours --agency A --year Y`.
    func hoursPage(_ a: String, _ q: PageQuery, _ reader: AccessReader, _ ledger: Ledger) async throws -> PageModel {
        try await check(agency: a, reader, ledger)
        let r = try await inWebTerms { () throws(AppError) in try await Queries(ledger: ledger).hours(agency: a, year: q.shownYear, at: q.time) }
        let answer = Answers.agencyHours(r, q.wording)
        return PageModel(title: "\(WebWords.t("Learning hours", q.lang)) · \(try await agencyName(a, ledger)) \(q.wording.year(r.year))",
                         json: answer.json, sections: [Section(name: "hours", report: answer.report, links: Self.personLinks(q))],
                         agency: a, current: "Learning hours", yearly: true, fileName: "\(a)-hours-\(r.year)")
    }
}
