import StudyLeaveApp
import StudyLeaveDomain
import StudyLeaveOutput

/// The learning-hours answers in CLI.md's shapes (JSON) and as tables and CSV.
struct HoursPrinting {
    let printer: Printer
    let format: OutputFormat
    let explain: Bool

    func minimumName(_ s: HoursMinimum.Scope) -> String { printer.lang == .zhTW ? s.zh : s.name }

    /// `hours PERSON --year Y`.
    func person(_ r: HoursStanding) {
        let p = printer
        var json: [String: JSONValue] = [
            "person": .string(r.person), "name": .string(r.name), "year": .int(r.year),
            "agency": r.agency.map(JSONValue.string) ?? .null, "state": .string(r.state.rawValue),
            "exemption": r.exemption.map { .string($0.rawValue) } ?? .null,
            "requirement": r.requirement.map { ["issuer": $0.issuer.map(JSONValue.string) ?? .null, "name": .string($0.name)] } ?? .null,
            "credited": r.credited.json, "digital": r.digital.json,
            "minimums": .array(r.minimums.map { ["name": .string($0.scope.name), "required": $0.required.json,
                                                 "credited": $0.credited.json, "short": $0.short.json] }),
            "courses": .array(r.courses.map { c in
                ["course": .string(c.course), "name": .string(c.name), "hours": c.hours.json, "credited": c.credited.json,
                 "digital": c.digital.json, "topics": .array(c.topics.map { .string($0.rawValue) }),
                 "reason": c.reason.map { .string($0.code) } ?? .null, "position": .int(Int(c.position))]
            }),
        ]
        if explain { json["explain"] = explanationJSON(r.explanation) }
        var report = Report(
            facts: [("Person", "\(r.person) \(r.name)"), ("Year", p.year(r.year)), ("Agency", r.agency ?? ""),
                    ("State", p.t(r.state.rawValue) + (r.exemption.map { " (" + p.t($0.rawValue) + ")" } ?? "")),
                    ("Requirement", r.requirement.map { ($0.issuer ?? p.t("national")) + ": " + $0.name } ?? p.t("none")),
                    ("Credited", "\(r.credited)"), ("Digital", "\(r.digital)")],
            columns: ["Minimum", "Required", "Credited", "Short"],
            rows: r.minimums.map { [minimumName($0.scope), "\($0.required)", "\($0.credited)", "\($0.short)"] })
        report.sheetName = "Minimums"
        let courseColumns = ["Course", "Name", "Hours", "Credited", "Digital", "Topics", "Reason"]
        if format == .ods {
            report.extraSheets = [("Courses", courseColumns, r.courses.map { c in
                [c.course, c.name, "\(c.hours)", "\(c.credited)", "\(c.digital)",
                 c.topics.map { p.lang == .zhTW ? $0.zh : $0.rawValue }.joined(separator: ", "),
                 c.reason.map { p.lang == .zhTW ? $0.zh : $0.text } ?? ""]
            })]
        }
        if format == .table {
            let courses = Report(columns: ["Course", "Name", "Hours", "Credited", "Digital", "Topics", "Reason"],
                                 rows: r.courses.map { c in
                                     [c.course, c.name, "\(c.hours)", "\(c.credited)", "\(c.digital)",
                                      c.topics.map { p.lang == .zhTW ? $0.zh : $0.rawValue }.joined(separator: ", "),
                                      c.reason.map { p.lang == .zhTW ? $0.zh : $0.text } ?? ""]
                                 })
            report.notes = [""] + p.table(courses).split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
            if explain { report.notes += [""] + r.explanation.map { explanationLine($0, p.lang) } }
        }
        p.emit(json: .object(json), report: report)
    }

    /// `hours --agency A --year Y`.
    func agency(_ r: AgencyHours) {
        printer.emit(Answers.agencyHours(r, printer.wording))
    }

    /// `report spread --agency A --year Y`.
    func spread(_ s: Spread) {
        let p = printer
        func counts(_ g: Spread.ByGender) -> JSONValue { ["female": .int(g.female), "male": .int(g.male), "unrecorded": .int(g.unrecorded)] }
        let share: JSONValue = s.topTenthPermille.map { Self.fraction($0) } ?? .null
        let json: JSONValue = [
            "agency": .string(s.agency), "year": .int(s.year), "people": counts(s.people), "trained": counts(s.trained),
            "attendances": counts(s.attendances), "topTenthShare": share, "untrained": .array(s.untrained.map(JSONValue.string)),
            "studyLeave": counts(s.studyLeave),
        ]
        func row(_ label: String, _ pick: (Spread.ByGender) -> Int) -> [String] {
            [p.t(label), String(pick(s.people)), String(pick(s.trained)), String(pick(s.attendances)), String(pick(s.studyLeave))]
        }
        p.emit(json: json, report: Report(
            facts: [("Agency", s.agency), ("Year", p.year(s.year)),
                    ("Top tenth's share", s.topTenthPermille.map { "\($0 / 10).\($0 % 10)%" } ?? ""),
                    ("Untrained", s.untrained.joined(separator: "; "))],
            columns: ["Gender", "People", "Trained", "Attendances", "Study leave"],
            rows: [row("female", \.female), row("male", \.male), row("unrecorded", \.unrecorded), row("total", \.total)]))
    }

    /// Thousandths as a JSON number (0.25).
    static func fraction(_ permille: Int) -> JSONValue {
        if permille % 1000 == 0 { return .int(permille / 1000) }
        var digits = String(permille % 1000)
        while digits.count < 3 { digits = "0" + digits }
        while digits.hasSuffix("0") { digits.removeLast() }
        return .number("\(permille / 1000).\(digits)")
    }
}
