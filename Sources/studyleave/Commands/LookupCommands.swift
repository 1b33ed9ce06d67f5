import ArgumentParser
import StudyLeaveApp
import StudyLeaveDomain
import StudyLeaveOutput

struct AgencyList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "Every agency: its id, name, parent agency and how many serve in it.",
        discussion: "Example: studyleave agency list --format csv > agencies.csv")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var sheet: SheetOptions

    func run() async throws {
        let sheetPath = try sheet.path(for: global.format)
        let ledger = try await global.openLedger()
        let lines: [AgencyLine]
        do { lines = try await Queries(ledger: ledger).agencies() } catch { throw AppFailure(error) }
        var p = global.printer
        p.sheetPath = sheetPath
        p.emit(
            json: .array(lines.map { ["agency": .string($0.agency), "name": .string($0.name),
                                      "parent": $0.parent.map(JSONValue.string) ?? .null, "people": .int($0.people)] }),
            report: Report(columns: ["Agency", "Agency name", "Parent", "People"],
                           rows: lines.map { [$0.agency, $0.name, $0.parent ?? "", String($0.people)] }))
    }
}

enum PersonStateFilter: String, ExpressibleByArgument, CaseIterable {
    case onDuty = "on-duty", onStudyLeave = "on-study-leave", separated
    var state: StatusReport.State { StatusReport.State(rawValue: rawValue)! }
}

struct PersonList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "People, with their agency and state (on duty, on study leave, separated) on a day.",
        discussion: """
            With --agency, everyone who served in that agency on the day (transfers in and out included); without, everyone in the ledger with their agency now.
            Examples: studyleave person list --agency TY-HR
                      studyleave person list --state on-study-leave --as-of 2025-10-01
            """)
    @Option(help: "Only this agency.") var agency: String?
    @Option(help: "Only people in this state: on-duty, on-study-leave or separated.") var state: PersonStateFilter?
    @OptionGroup var global: GlobalOptions
    @OptionGroup var query: QueryOptions
    @OptionGroup var sheet: SheetOptions

    func run() async throws {
        let agency = try self.agency.map { try checkID($0, "--agency") }, time = try query.time()
        let ledger = try await global.openLedger()
        let lines: [PersonLine]
        do { lines = try await Queries(ledger: ledger).people(agency: agency, state: state?.state, at: time) } catch { throw AppFailure(error) }
        let p = try await global.printer(for: query, sheet: sheet, ledger)
        p.emit(
            json: .array(lines.map { ["person": .string($0.person), "name": .string($0.name), "agency": .string($0.agency),
                                      "state": .string($0.state.rawValue)] }),
            report: Report(columns: ["Person", "Name", "Agency", "State"],
                           rows: lines.map { [$0.person, $0.name, $0.agency, p.t($0.state.rawValue)] }))
    }
}

struct PendingReport: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pending", abstract: "Applications awaiting a finding, a screening or a decision, oldest first, with what each still needs.",
        discussion: """
            Seed 000 §陸: every study needs the finding that it is work-related ('review') and approval before enrolment; selected study also the screening committee's pass ('screen', Act 9).
            Example: studyleave report pending --agency TY-HR
            """)
    @Option(help: "Only this agency.") var agency: String?
    @OptionGroup var global: GlobalOptions
    @OptionGroup var query: QueryOptions
    @OptionGroup var sheet: SheetOptions

    func run() async throws {
        let agency = try self.agency.map { try checkID($0, "--agency") }, time = try query.time()
        let ledger = try await global.openLedger()
        let lines: [PendingLine]
        let (queries, progress) = reportQueries(ledger, "applications read:")
        do { lines = try await queries.pending(agency: agency, at: time) } catch { throw AppFailure(error) }
        progress.finish()
        let p = try await global.printer(for: query, sheet: sheet, ledger)
        func command(_ n: PendingLine.Need) -> String { n.command }
        p.emit(
            json: .array(lines.map { l in
                ["application": .string(l.application), "person": .string(l.person), "name": .string(l.name), "agency": .string(l.agency),
                 "mode": .string(l.mode.rawValue), "sponsor": .string(l.sponsor.rawValue), "from": .string(l.from.iso),
                 "submittedOn": .string(l.submittedOn.iso), "needs": .array(l.needs.map { .string($0.rawValue) })]
            }),
            report: Report(columns: ["Application", "Person", "Name", "Agency", "Mode", "Sponsor", "Submitted", "Starts", "Needs"],
                           rows: lines.map { l in
                               [l.application, l.person, l.name, l.agency, p.t(l.mode.rawValue), p.t(l.sponsor.rawValue), p.date(l.submittedOn),
                                p.date(l.from), l.needs.map { p.t($0.rawValue) + " (" + command($0) + ")" }.joined(separator: ", ")]
                           }))
    }
}
