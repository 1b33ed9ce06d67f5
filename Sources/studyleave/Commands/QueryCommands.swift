import ArgumentParser
import StudyLeaveApp
import StudyLeaveDomain
import StudyLeaveOutput

struct Status: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status", abstract: "A person's state and their applications, as of a day.",
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
        p.emit(Answers.status(r, p.wording))
    }
}

struct Quota: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quota", abstract: "An agency's quota of counted study in a year: cap, used, headroom, pending, holders.",
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
        p.emit(Answers.quota(reports, list: all, explain: explain, p.wording))
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
        p.emit(Answers.obligation(r, explain: explain, p.wording))
    }
}

struct History: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history", abstract: "Every event of a person or an application: who recorded what, when, for which day.",
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
