import ArgumentParser
import StudyLeaveApp
import StudyLeaveDomain

struct Status: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "A person's state and their applications, as of a day.",
        discussion: "Example: studyleave status P1 --as-of 2025-10-01")
    @Argument(help: "The person's id.") var person: String
    @OptionGroup var global: GlobalOptions
    @OptionGroup var query: QueryOptions
    @OptionGroup var sheet: SheetOptions

    func run() async throws {
        let ledger = try await global.openLedger()
        let r: StatusReport
        do { r = try await Queries(ledger: ledger).status(person: try checkID(person, "person"), at: try query.time()) } catch let e as AppError { throw AppFailure(e) }
        let p = try await global.printer(for: query, sheet: sheet, ledger)
        let json: JSONValue = [
            "person": .string(r.person), "name": .string(r.name), "agency": .string(r.agency), "state": .string(r.state.rawValue),
            "applications": .array(r.applications.map { a in
                ["application": .string(a.application), "mode": .string(a.mode.rawValue), "sponsor": .string(a.sponsor.rawValue),
                 "state": .string(a.state.rawValue), "from": .string(a.from.iso), "to": .string(a.to.iso), "abroad": .bool(a.abroad)]
            }),
        ]
        p.emit(json: json, report: Report(
            facts: [("Person", "\(r.person) \(r.name)"), ("Agency", r.agency), ("State", p.t(r.state.rawValue))],
            columns: ["Application", "Mode", "Sponsor", "Where", "State", "From", "To"],
            rows: r.applications.map { a in
                [a.application, p.t(a.mode.rawValue), p.t(a.sponsor.rawValue), p.t(a.abroad ? "abroad" : "domestic"),
                 p.t(a.state.rawValue), p.date(a.from), p.date(a.to)]
            }))
    }
}

struct Quota: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "An agency's quota of counted study in a year: cap, used, headroom, pending, holders.",
        discussion: """
            Rules 10: cap = max(1, floor(budgeted headcount / 10)). Full-time and part-time study count, once a person, in the year the approved period starts.
            Examples: studyleave quota TY-HR --year 2025 --explain
                      studyleave quota --all --year 2025 --format csv > quota.csv
            """)
    @Argument(help: "The agency's id (or --all).") var agency: String?
    @Flag(help: "Every agency.") var all = false
    @Option(parsing: .unconditional, help: "The calendar year (2025, or ROC 114).") var year: String
    @Flag(help: "Show the arithmetic and the events each figure comes from.") var explain = false
    @OptionGroup var global: GlobalOptions
    @OptionGroup var query: QueryOptions
    @OptionGroup var sheet: SheetOptions

    func validate() throws {
        if all == (agency != nil) { throw usageError("name an agency, or give --all", zh: "請指定機關，或給 --all") }
    }

    func run() async throws {
        let ledger = try await global.openLedger()
        let y = try checkYear(year)
        let reports: [QuotaReport]
        let (queries, progress) = reportQueries(ledger, "agencies read:")
        do {
            reports = all ? try await queries.quotaAll(year: y, at: try query.time())
                          : [try await queries.quota(agency: try checkID(agency!, "agency"), year: y, at: try query.time())]
        } catch let e as AppError { throw AppFailure(e) }
        progress.finish()
        let p = try await global.printer(for: query, sheet: sheet, ledger)
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
                [r.agency, r.name, p.year(r.year), num(r.budgeted), num(r.cap), String(r.used), num(r.headroom),
                 String(r.pending.count), r.holders.map { "\($0.person) (\($0.application))" }.joined(separator: "; ")]
            })
        if explain && global.format == .table {
            for r in reports { report.notes += ["", "\(r.agency) \(r.year):"] + r.explanation.map { explanationLine($0, p.lang) } }
        }
        p.emit(json: all ? .array(reports.map(json)) : json(reports[0]), report: report)
    }
}

struct ObligationQuery: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "obligation",
        abstract: "The service a person owes after full-time study, and the repayment due if they leave early.",
        discussion: """
            Act 15: paid study owes twice its length, at least six months; unpaid leave owes its own length. Act 16: leaving early repays (salary + subsidies) × remaining ÷ required, rounded half up. --explain shows each line of arithmetic with the events it comes from.
            Example: studyleave obligation P1 --as-of 2027-03-01 --explain
            """)
    @Argument(help: "The person's id.") var person: String
    @Flag(help: "Show the arithmetic and the events each figure comes from.") var explain = false
    @OptionGroup var global: GlobalOptions
    @OptionGroup var query: QueryOptions
    @OptionGroup var sheet: SheetOptions

    func run() async throws {
        let ledger = try await global.openLedger()
        let r: ObligationReport
        do { r = try await Queries(ledger: ledger).obligation(person: try checkID(person, "person"), at: try query.time()) } catch let e as AppError { throw AppFailure(e) }
        let p = try await global.printer(for: query, sheet: sheet, ledger)
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
            facts: [("Person", r.person), ("As of", p.date(r.asOf))],
            columns: ["Application", "State", "Paid days", "Unpaid days", "Required", "Served", "Remaining", "Starts", "Ends", "Repayment due"],
            rows: r.obligations.map { o in
                [o.application, p.t(o.state.rawValue), String(o.paidDays), String(o.unpaidDays), String(o.requiredDays),
                 String(o.servedDays), String(o.remainingDays), p.date(o.startsOn), p.date(o.endsOn),
                 global.format == .table ? o.repaymentDue.grouped : String(o.repaymentDue.amount)]
            })
        if explain && global.format == .table {
            for o in r.obligations { report.notes += ["", "\(o.application):"] + o.explanation.map { explanationLine($0, p.lang) } }
        }
        p.emit(json: json, report: report)
    }
}

func explanationLine(_ e: Explanation, _ lang: Language = .en) -> String {
    "  " + e.text(lang) + (e.positions.isEmpty ? "" : "  [" + e.positions.map { "#\($0)" }.joined(separator: " ") + "]")
}

func explanationJSON(_ lines: [Explanation]) -> JSONValue {
    .array(lines.map { ["text": .string($0.text), "textZh": $0.zh.map(JSONValue.string) ?? .null, "positions": .array($0.positions.map { .int(Int($0)) })] })
}

struct History: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Every event of a person or an application: who recorded what, when, for which day.",
        discussion: """
            Retracted events stay, marked. With --known-at the history is shown as the ledger held it then (a later retraction is not yet there).
            Examples: studyleave history P1
                      studyleave history --application A1 --known-at '#40'
            """)
    @Argument(help: "The person's id (or --application).") var person: String?
    @Option(help: "An application's id instead of a person.") var application: String?
    @OptionGroup var global: GlobalOptions
    @OptionGroup var query: QueryOptions
    @OptionGroup var sheet: SheetOptions

    func validate() throws {
        if (person == nil) == (application == nil) { throw usageError("name a person, or give --application", zh: "請指定人員，或給 --application") }
    }

    func run() async throws {
        let ledger = try await global.openLedger()
        let entries: [HistoryEntry]
        do {
            entries = try await Queries(ledger: ledger).history(
                person: try person.map { try checkID($0, "person") }, application: try application.map { try checkID($0, "--application") },
                asOf: try query.asOfDay(), knownAt: try query.knownAtValue())
        } catch let e as AppError { throw AppFailure(e) }
        let p = try await global.printer(for: query, sheet: sheet, ledger)
        let json: JSONValue = .array(entries.map { h in
            ["position": .int(Int(h.event.position)), "type": .string(h.event.data.type), "on": .string(h.event.on.iso),
             "recordedAt": .string(h.event.recordedAt), "actor": .string(h.event.actor), "data": EventCodec.encode(h.event.data),
             "retracted": .bool(h.retractedBy != nil), "retractedBy": h.retractedBy.map { .int(Int($0)) } ?? .null]
        })
        p.emit(json: json, report: Report(
            columns: ["Position", "Type", "On", "Recorded at", "Actor", "Retracted", "Details"],
            rows: entries.map { h in
                [String(h.event.position), global.format == .table ? p.t(h.event.data.type) : h.event.data.type, p.date(h.event.on), p.recorded(h.event.recordedAt), h.event.actor,
                 h.retractedBy.map { p.t("by") + " #\($0)" } ?? "", details(h.event.data, p)]
            }))
    }

    func details(_ d: EventData, _ p: Printer) -> String {
        guard case .object(let o) = EventCodec.encode(d) else { return "" }
        return o.keys.sorted().compactMap { k in
            switch o[k]! {
            case .null: return nil
            case .string(let s): return "\(k)=\(DateParsing.parseISO(s).map(p.date) ?? s)"
            case let v: return "\(k)=\(v.canonical)"
            }
        }.joined(separator: " ")
    }
}
