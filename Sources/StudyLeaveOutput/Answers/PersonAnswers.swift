import StudyLeaveApp
import StudyLeaveDomain

extension Answers {
    /// `status PERSON`: the person's state and their applications.
    public static func status(_ r: StatusReport, _ w: Wording) -> Answer {
        let json: JSONValue = [
            "person": .string(r.person), "name": .string(r.name), "agency": .string(r.agency), "state": .string(r.state.rawValue),
            "applications": .array(r.applications.map { a in
                ["application": .string(a.application), "mode": .string(a.mode.rawValue), "sponsor": .string(a.sponsor.rawValue),
                 "state": .string(a.state.rawValue), "from": .string(a.from.iso), "to": .string(a.to.iso), "abroad": .bool(a.abroad)]
            }),
        ]
        return Answer(json: json, report: Report(
            facts: [("Person", "\(r.person) \(r.name)"), ("Agency", r.agency), ("State", w.t(r.state.rawValue))],
            columns: ["Application", "Mode", "Sponsor", "Where", "State", "From", "To"],
            rows: r.applications.map { a in
                [a.application, w.t(a.mode.rawValue), w.t(a.sponsor.rawValue), w.t(a.abroad ? "abroad" : "domestic"),
                 w.t(a.state.rawValue), w.date(a.from), w.date(a.to)]
            }))
    }

    /// `obligation PERSON`: the service owed after each study, and the repayment due if they left now.
    public static func obligation(_ r: ObligationReport, explain: Bool, _ w: Wording) -> Answer {
        let json: JSONValue = [
            "person": .string(r.person), "asOf": .string(r.asOf.iso),
            "obligations": .array(r.obligations.map { o in
                var j: [String: JSONValue] = [
                    "application": .string(o.application), "paidDays": .int(o.paidDays), "unpaidDays": .int(o.unpaidDays),
                    "floorDays": .int(o.floorDays), "requiredDays": .int(o.requiredDays), "servedDays": .int(o.servedDays),
                    "remainingDays": .int(o.remainingDays), "startsOn": o.startsOn.map { .string($0.iso) } ?? .null,
                    "endsOn": o.endsOn.map { .string($0.iso) } ?? .null, "state": .string(o.state.rawValue),
                    "received": .int(o.received.amount), "repaymentDue": .int(o.repaymentDue.amount),
                ]
                if explain { j["explain"] = explanationJSON(o.explanation) }
                return .object(j)
            }),
        ]
        var report = Report(
            facts: [("Person", r.person), ("As of", w.date(r.asOf))],
            columns: ["Application", "State", "Paid days", "Unpaid days", "Required", "Served", "Remaining", "Starts", "Ends", "Repayment due"],
            rows: r.obligations.map { o in
                [o.application, w.t(o.state.rawValue), String(o.paidDays), String(o.unpaidDays), String(o.requiredDays),
                 String(o.servedDays), String(o.remainingDays), w.date(o.startsOn), w.date(o.endsOn), w.money(o.repaymentDue)]
            })
        if explain {
            for o in r.obligations { report.notes += ["", "\(o.application):"] + o.explanation.map { explanationLine($0, w.lang) } }
        }
        return Answer(json: json, report: report)
    }
}
