import StudyLeaveApp
import StudyLeaveDomain

extension Answers {
    /// `quota AGENCY --year Y` (one report: a JSON object) or `quota --all` (a JSON list).
    public static func quota(_ reports: [QuotaReport], list: Bool, explain: Bool, _ w: Wording) -> Answer {
        func json(_ r: QuotaReport) -> JSONValue {
            var o: [String: JSONValue] = [
                "agency": .string(r.agency), "name": .string(r.name), "year": .int(r.year),
                "budgeted": r.budgeted.map(JSONValue.int) ?? .null, "cap": r.cap.map(JSONValue.int) ?? .null,
                "used": .int(r.used), "headroom": r.headroom.map(JSONValue.int) ?? .null, "pending": .int(r.pending.count),
                "pendingApplications": .array(r.pending.map(JSONValue.string)),
                "holders": .array(r.holders.map { ["person": .string($0.person), "application": .string($0.application)] }),
            ]
            if explain { o["explain"] = explanationJSON(r.explanation) }
            return .object(o)
        }
        func num(_ n: Int?) -> String { n.map(String.init) ?? "" }
        var report = Report(
            columns: ["Agency", "Agency name", "Year", "Budgeted", "Cap", "Used", "Headroom", "Pending", "Holders"],
            rows: reports.map { r in
                [r.agency, r.name, w.year(r.year), num(r.budgeted), num(r.cap), String(r.used), num(r.headroom),
                 String(r.pending.count), r.holders.map { "\($0.person) (\($0.application))" }.joined(separator: "; ")]
            })
        if explain {
            for r in reports { report.notes += ["", "\(r.agency) \(r.year):"] + r.explanation.map { explanationLine($0, w.lang) } }
        }
        return Answer(json: list ? .array(reports.map(json)) : (reports.first.map(json) ?? .null), report: report)
    }

    /// `report on-leave`: everyone on full-time study leave on the day.
    public static func onLeave(_ lines: [LeaveLine], _ w: Wording) -> Answer {
        Answer(
            json: .array(lines.map { l in
                ["person": .string(l.person), "name": .string(l.name), "agency": .string(l.agency),
                 "application": .string(l.application.application), "sponsor": .string(l.application.sponsor.rawValue),
                 "from": .string(l.application.from.iso), "to": .string(l.application.to.iso), "abroad": .bool(l.application.abroad)]
            }),
            report: Report(
                columns: ["Agency", "Person", "Name", "Application", "Sponsor", "Where", "From", "To"],
                rows: lines.map { l in
                    [l.agency, l.person, l.name, l.application.application, w.t(l.application.sponsor.rawValue),
                     w.t(l.application.abroad ? "abroad" : "domestic"), w.date(l.application.from), w.date(l.application.to)]
                }))
    }

    /// `report obligations`: every obligation still owed (or breached) on the day.
    public static func obligations(_ lines: [ObligationLine], _ w: Wording) -> Answer {
        Answer(
            json: .array(lines.map { l in
                let o = l.obligation
                return ["person": .string(l.person), "name": .string(l.name), "agency": .string(l.agency),
                        "application": .string(o.application), "state": .string(o.state.rawValue),
                        "requiredDays": .int(o.requiredDays), "servedDays": .int(o.servedDays), "remainingDays": .int(o.remainingDays),
                        "startsOn": o.startsOn.map { .string($0.iso) } ?? .null, "endsOn": o.endsOn.map { .string($0.iso) } ?? .null,
                        "repaymentDue": .int(o.repaymentDue.amount)]
            }),
            report: Report(
                columns: ["Agency", "Person", "Name", "Application", "State", "Required", "Served", "Remaining", "Ends", "Repayment due"],
                rows: lines.map { l in
                    let o = l.obligation
                    return [l.agency, l.person, l.name, o.application, w.t(o.state.rawValue), String(o.requiredDays), String(o.servedDays),
                            String(o.remainingDays), w.date(o.endsOn), w.money(o.repaymentDue)]
                }))
    }

    /// `report due`: what needs doing soon, by the day each is due.
    public static func due(_ lines: [DueItem], _ w: Wording) -> Answer {
        Answer(
            json: .array(lines.map { l in
                ["kind": .string(l.kind.rawValue), "due": .string(l.due.iso), "person": .string(l.person), "name": .string(l.name),
                 "agency": .string(l.agency), "application": .string(l.application), "detail": .string(l.detail.text(.en))]
            }),
            report: Report(
                columns: ["Due on", "Kind", "Agency", "Person", "Name", "Application", "Detail"],
                rows: lines.map { l in
                    [w.date(l.due), w.t(l.kind.rawValue), l.agency, l.person, l.name, l.application, l.detail.text(w.lang, date: { w.date($0) })]
                }))
    }

    /// `hours --agency A --year Y`: who is due, met, short or exempt, and short of what.
    public static func agencyHours(_ r: AgencyHours, _ w: Wording) -> Answer {
        func minimumName(_ s: HoursMinimum.Scope) -> String { w.lang == .zhTW ? s.zh : s.name }
        let json: JSONValue = [
            "agency": .string(r.agency), "year": .int(r.year), "due": .int(r.people.count),
            "met": .int(r.met), "short": .int(r.short), "exempt": .int(r.exempt),
            "people": .array(r.people.map { s in
                ["person": .string(s.person), "name": .string(s.name), "state": .string(s.state.rawValue),
                 "exemption": s.exemption.map { .string($0.rawValue) } ?? .null,
                 "credited": s.credited.json, "shortOf": .array(s.shortOf.map(JSONValue.string))]
            }),
        ]
        return Answer(json: json, report: Report(
            facts: [("Agency", r.agency), ("Year", w.year(r.year)), ("Due", String(r.people.count)), ("Met", String(r.met)),
                    ("Short", String(r.short)), ("Exempt", String(r.exempt))],
            columns: ["Person", "Name", "State", "Credited", "Short of"],
            rows: r.people.map { s in
                [s.person, s.name, w.t(s.state.rawValue), "\(s.credited)",
                 s.minimums.filter { $0.short > .zero }.map { "\(minimumName($0.scope)) \($0.short)" }.joined(separator: "; ")]
            }))
    }
}
