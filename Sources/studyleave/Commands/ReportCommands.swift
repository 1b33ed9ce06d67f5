import ArgumentParser
import StudyLeaveApp
import StudyLeaveDomain

struct ReportGroup: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report", abstract: "Lists across agencies: who is on study leave, which obligations are owed, what awaits a decision, how training spreads.",
        subcommands: [OnLeaveReport.self, ObligationsReport.self, PendingReport.self, SpreadReport.self])
}

struct OnLeaveReport: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "on-leave", abstract: "Everyone on full-time study leave on a day.",
        discussion: "Example: studyleave report on-leave --as-of 2025-10-01 --format csv > on-leave.csv")
    @Option(help: "Only this agency.") var agency: String?
    @OptionGroup var global: GlobalOptions
    @OptionGroup var query: QueryOptions

    func run() async throws {
        let ledger = try await global.openLedger()
        let lines: [LeaveLine]
        do { lines = try await Queries(ledger: ledger).onLeave(agency: try agency.map { try checkID($0, "--agency") }, at: try query.time()) }
        catch let e as AppError { throw AppFailure(e) }
        let p = try await global.printer(for: query, ledger)
        p.emit(
            json: .array(lines.map { l in
                ["person": .string(l.person), "name": .string(l.name), "agency": .string(l.agency),
                 "application": .string(l.application.application), "sponsor": .string(l.application.sponsor.rawValue),
                 "from": .string(l.application.from.iso), "to": .string(l.application.to.iso), "abroad": .bool(l.application.abroad)]
            }),
            report: Report(
                columns: ["Agency", "Person", "Name", "Application", "Sponsor", "Where", "From", "To"],
                rows: lines.map { l in
                    [l.agency, l.person, l.name, l.application.application, p.t(l.application.sponsor.rawValue),
                     p.t(l.application.abroad ? "abroad" : "domestic"), p.date(l.application.from), p.date(l.application.to)]
                }))
    }
}

struct ObligationsReport: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "obligations", abstract: "Every service obligation still owed (or breached) on a day.",
        discussion: "--all lists fulfilled ones too. Example: studyleave report obligations --format csv > owed.csv")
    @Option(help: "Only this agency.") var agency: String?
    @Flag(help: "Fulfilled obligations too.") var all = false
    @OptionGroup var global: GlobalOptions
    @OptionGroup var query: QueryOptions

    func run() async throws {
        let ledger = try await global.openLedger()
        let lines: [ObligationLine]
        do { lines = try await Queries(ledger: ledger).obligations(agency: try agency.map { try checkID($0, "--agency") }, all: all, at: try query.time()) }
        catch let e as AppError { throw AppFailure(e) }
        let p = try await global.printer(for: query, ledger)
        p.emit(
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
                    return [l.agency, l.person, l.name, o.application, p.t(o.state.rawValue), String(o.requiredDays), String(o.servedDays),
                            String(o.remainingDays), p.date(o.endsOn), global.format == .table ? o.repaymentDue.grouped : String(o.repaymentDue.amount)]
                }))
    }
}
