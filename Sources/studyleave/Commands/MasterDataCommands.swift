import ArgumentParser
import StudyLeaveApp
import StudyLeaveDomain
import StudyLeaveOutput

struct Init: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init", abstract: "Create an empty ledger (with --policy, the policies adopted).",
        discussion: """
            The ledger is one SQLite file (--db), or the tables of a ledger in an existing PostgreSQL database (--db postgres://USER@HOST/DATABASE, for many offices on one server). The rules in force are the Act as amended 2013 and its Enforcement Rules as amended 2014; --policy FILE is the same as init then 'policy adopt FILE' (today), recording the file's policies (JSON; see Docs/RULES.md) as events.
            """)
    @Option(help: ArgumentHelp("A policy file (JSON) to adopt at once.", valueName: "file"))
    var policy: String?
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        // The file is read and checked before anything is created.
        let policies = try policy.map(readPolicyFile)
        let actor = try global.checkedActor()
        let ledger: Ledger
        do { ledger = try await Ledger.create(global.dbPath) } catch { throw AppFailure(error) }
        var events = 0
        if let policies {
            do { events = try await Recorder(ledger: ledger, actor: actor).record(.adoptPolicies(policies.policies), on: Today.date).events.count }
            catch { await ledger.close(); throw AppFailure(error) }
        }
        await ledger.close()
        var notes = ["created an empty ledger at \(global.dbPath)"]
        if events > 0 { notes = ["created a ledger at \(global.dbPath) and adopted \(events) \(events == 1 ? "policy" : "policies") (#1\(events > 1 ? "–#\(events)" : ""))"] }
        global.printer.emit(json: ["ledger": .string(global.dbPath), "events": .int(events)], report: Report(notes: notes))
    }
}

struct AgencyGroup: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agency", abstract: "Add agencies and record their budgeted headcount.",
        subcommands: [AgencyAdd.self, AgencyHeadcount.self, AgencyHead.self, AgencyList.self])
}

struct AgencyAdd: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add", abstract: "Add an agency (機關), under its parent agency (上一級機關) if it has one.",
        discussion: "Example: studyleave agency add TY-HR --name 桃園市政府人事處 --parent TYCG")
    @Argument(help: "The agency's id.") var agency: String
    @Option(help: "The agency's name.") var name: String
    @Option(help: "The parent agency's id (its head approves this agency's head's applications).") var parent: String?
    @OptionGroup var global: GlobalOptions
    @OptionGroup var write: WriteOptions

    func run() async throws {
        try await record(.addAgency(id: checkID(agency, "agency"), name: checkText(name, "--name"), parent: parent.map { try checkID($0, "--parent") }),
                   global: global, write: write)
    }
}

struct AgencyHeadcount: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "headcount", abstract: "Record an agency's budgeted headcount (編制內預算員額) for a year.",
        discussion: """
            Rules 10: the agency may approve counted study for at most a tenth of it in that year, and at least one. A later record for the same year replaces the earlier.
            Example: studyleave agency headcount TY-HR --year 2025 --budgeted 25
            """)
    @Argument(help: "The agency's id.") var agency: String
    @Option(parsing: .unconditional, help: "The calendar year (2025, or ROC 114).") var year: String
    @Option(parsing: .unconditional, help: "The budgeted headcount: a whole number, 0 or more.") var budgeted: String
    @OptionGroup var global: GlobalOptions
    @OptionGroup var write: WriteOptions

    func run() async throws {
        let budgeted = try wholeNumber(self.budgeted, "--budgeted", unit: "a whole number of posts, 0 or more")
        guard PayloadLimits.budgeted.contains(budgeted) else {
            throw AppFailure(.badData("--budgeted must be a whole number from \(PayloadLimits.budgeted.lowerBound) to \(PayloadLimits.budgeted.upperBound), not \(budgeted)"))
        }
        try await record(.setHeadcount(agency: checkID(agency, "agency"), year: try checkYear(year), budgeted: budgeted), global: global, write: write)
    }
}

struct AgencyHead: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "head", abstract: "Appoint an agency's head (機關首長) from a day, or an acting head (職務代理人) for a period.",
        discussion: """
            The head decides the applications of the agency's staff (approve, reject, leave extend); the head's own go to the parent agency's head. Decisions use the head on the decision's day: a new head decides from the day of appointment, the former one before it. A head's transfer or separation leaves the agency without a head from that day, until a new one is appointed. An acting head (--acting --until DATE) decides in the head's place from --on through --until. Either serves in the agency.
            Examples:
              studyleave agency head TY-HR --person TY-P2 --on 2026-03-01
              studyleave agency head TY-HR --person TY-P3 --acting --until 2026-03-31 --on 2026-03-02
            """)
    @Argument(help: "The agency's id.") var agency: String
    @Option(help: "The person appointed (they serve in the agency).") var person: String
    @Flag(help: "An acting head (職務代理人) for a period: give --until.") var acting = false
    @Option(help: "The last day of an acting headship.") var until: String?
    @OptionGroup var global: GlobalOptions
    @OptionGroup var write: WriteOptions

    func run() async throws {
        try await record(.appointHead(agency: checkID(agency, "agency"), person: checkID(person, "--person"), acting: acting,
                                      until: until.map { try parseDate($0, flag: "--until") }),
                         global: global, write: write)
    }
}

/// A calendar year: 4 digits, or an ROC year of 1 to 3 digits, within the years a ledger holds
/// (`CalendarYears`: from ROC 1 to next year).
func checkYear(_ text: String) throws -> Int {
    let year = try wholeNumber(text, "--year", unit: "a year such as 2026, or the ROC year 115")
    let western = CalendarYears.western(year)
    let years = CalendarYears.recordable(today: Today.date)
    guard years.contains(western) else {
        throw AppFailure(.badData("--year \(year) is not a year the ledger can hold: write \(years.lowerBound) to \(years.upperBound), or the ROC year 1 to \(years.upperBound - 1911) (115 is 2026)"))
    }
    return western
}

struct PersonGroup: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "person", abstract: "Add people, transfer them, record their separation.",
        subcommands: [PersonAdd.self, PersonTransfer.self, PersonSeparate.self, PersonList.self])
}

struct PersonAdd: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add", abstract: "Add a civil servant or contract staff member to an agency.",
        discussion: "Example: studyleave person add P001 --name 王小明 --agency TY-HR\n--head marks the agency's head (機關首長); an agency has one.")
    @Argument(help: "The person's id.") var person: String
    @Option(help: "The person's name.") var name: String
    @Option(help: "The agency they serve in.") var agency: String
    @Flag(help: "They head the agency (機關首長).") var head = false
    @Option(help: "civil-servant (default), contract (約聘僱) or temporary (臨時人員: credited learning hours, never due).") var category: StaffCategory = .civilServant
    @Option(help: "female or male, for the fair spread of training (report spread); unrecorded if not given.") var gender: Gender?
    @OptionGroup var global: GlobalOptions
    @OptionGroup var write: WriteOptions

    func run() async throws {
        try await record(.addPerson(id: checkID(person, "person"), name: checkText(name, "--name"), agency: checkID(agency, "--agency"), head: head,
                                    profile: PersonProfile(category: category, gender: gender)),
                   global: global, write: write)
    }
}

struct PersonTransfer: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "transfer", abstract: "Transfer a person to another agency.",
        discussion: """
            --on is the first day in the new agency. Act 15 ¶2: service owed after study goes on in the new agency only when the transfer carries the obligation over (商調, --carry-obligation); otherwise the transfer breaches it and repayment falls due.
            """)
    @Argument(help: "The person's id.") var person: String
    @Option(help: "The agency they move to.") var to: String
    @Flag(name: .customLong("carry-obligation"), help: "The service obligation moves with them.") var carryObligation = false
    @OptionGroup var global: GlobalOptions
    @OptionGroup var write: WriteOptions

    func run() async throws {
        try await record(.transfer(person: checkID(person, "person"), to: checkID(to, "--to"), carryObligation: carryObligation), global: global, write: write)
    }
}

struct PersonSeparate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "separate", abstract: "Record that a person left the service.",
        discussion: """
            --on is the first day no longer in service. Act 16: leaving before the service owed is served makes repayment fall due in proportion to what is left (death is waived). After a separation only pay, waive and retract may be recorded for the person.
            """)
    @Argument(help: "The person's id.") var person: String
    @Option(help: "resignation, retirement, dismissal, death or other.") var reason: SeparationReason
    @OptionGroup var global: GlobalOptions
    @OptionGroup var write: WriteOptions

    func run() async throws {
        try await record(.separate(person: checkID(person, "person"), reason: reason), global: global, write: write)
    }
}

extension SeparationReason: ExpressibleByArgument {}
extension StudyMode: ExpressibleByArgument {}
extension Sponsorship: ExpressibleByArgument {}
extension Programme: ExpressibleByArgument {}
