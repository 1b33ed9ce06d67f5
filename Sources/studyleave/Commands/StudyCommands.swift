import ArgumentParser
import StudyLeaveApp
import StudyLeaveDomain

enum YesNo: String, ExpressibleByArgument, CaseIterable { case yes, no }
enum PassFail: String, ExpressibleByArgument, CaseIterable { case pass, fail }

struct Apply: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apply", abstract: "Record an application for study (進修).",
        discussion: """
            Modes: full-time (全時進修), part-time (部分辦公時間進修, needs --hours-per-week, at most 8 hours of official leave a week: Rules 11), off-hours (公餘進修, takes no leave). Sponsorship: selected (選送, paid official leave) or self (自行申請, full-time only as unpaid leave). Limits (Acts 10–12): selected at home ≤ 2 years; abroad for a degree or credits ≤ 1 year; research abroad ≤ 6 months; self-applied full-time ≤ 1 year. An application that breaks a limit is refused here.
            Example:
              studyleave apply A1 --person P1 --mode full-time --sponsor selected \\
                  --from 2025-09-01 --to 2026-08-31
            """)
    @Argument(help: "The application's id.") var application: String
    @Option(help: "The applicant.") var person: String
    @Option(help: "full-time, part-time or off-hours.") var mode: StudyMode
    @Option(help: "selected or self.") var sponsor: Sponsorship
    @Option(help: "The first day of the study period.") var from: String
    @Option(help: "The last day of the study period.") var to: String
    @Flag(help: "The study is abroad (needs --programme).") var abroad = false
    @Option(help: "degree, credits or research (study abroad).") var programme: Programme?
    @Option(name: .customLong("hours-per-week"), parsing: .unconditional, help: "Official-leave hours a week (part-time study: 1 to 8).") var hoursPerWeek: String?
    @OptionGroup var global: GlobalOptions
    @OptionGroup var write: WriteOptions

    func run() async throws {
        let hoursPerWeek = try self.hoursPerWeek.map { try wholeNumber($0, "--hours-per-week", unit: "a whole number of hours") }
        if let h = hoursPerWeek, !PayloadLimits.hoursPerWeek.contains(h) {
            throw AppFailure(.badData("--hours-per-week must be from \(PayloadLimits.hoursPerWeek.lowerBound) to \(PayloadLimits.hoursPerWeek.upperBound), not \(h)"))
        }
        let a = Command.Application(
            id: try checkID(application, "application"), person: try checkID(person, "--person"), mode: mode, sponsor: sponsor,
            from: try parseDate(from, flag: "--from"), to: try parseDate(to, flag: "--to"),
            abroad: abroad, programme: programme, hoursPerWeek: hoursPerWeek)
        try await record(.apply(a), global: global, write: write)
    }
}

struct Review: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review", abstract: "Record the agency's finding whether the study is work-related (認定與業務有關).",
        discussion: "Every study needs the finding 'yes' before approval (seed 000 §陸).")
    @Argument(help: "The application's id.") var application: String
    @Option(name: .customLong("work-related"), help: "yes or no.") var workRelated: YesNo
    @OptionGroup var global: GlobalOptions
    @OptionGroup var write: WriteOptions

    func run() async throws {
        try await record(.review(application: checkID(application, "application"), workRelated: workRelated == .yes), global: global, write: write)
    }
}

struct Screen: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "screen", abstract: "Record the screening committee's result (甄審委員會) for selected study.",
        discussion: "Act 9: selected study needs a pass before approval.")
    @Argument(help: "The application's id.") var application: String
    @Option(help: "pass or fail.") var result: PassFail
    @OptionGroup var global: GlobalOptions
    @OptionGroup var write: WriteOptions

    func run() async throws {
        try await record(.screen(application: checkID(application, "application"), passed: result == .pass), global: global, write: write)
    }
}

struct Approve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "approve", abstract: "Approve an application (核定).",
        discussion: """
            --by is the head of the applicant's agency; a head's own application is approved by the head of the parent agency. Approval comes before the study starts, after the work-related finding (and, for selected study, the screening pass), and within the agency's quota for the year the study starts (Rules 10: a tenth of the budgeted headcount, at least one).
            """)
    @Argument(help: "The application's id.") var application: String
    @Option(help: "The approving head.") var by: String
    @OptionGroup var global: GlobalOptions
    @OptionGroup var write: WriteOptions

    func run() async throws {
        try await record(.approve(application: checkID(application, "application"), by: checkID(by, "--by")), global: global, write: write)
    }
}

struct Reject: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "reject", abstract: "Reject an application, with the reason.")
    @Argument(help: "The application's id.") var application: String
    @Option(help: "The deciding head.") var by: String
    @Option(help: "Why.") var reason: String
    @OptionGroup var global: GlobalOptions
    @OptionGroup var write: WriteOptions

    func run() async throws {
        try await record(.reject(application: checkID(application, "application"), by: checkID(by, "--by"), reason: checkText(reason, "--reason")),
                   global: global, write: write)
    }
}

struct Withdraw: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "withdraw", abstract: "Withdraw an application before its leave starts (frees its quota place).",
        discussion: "After the leave has started, end it early with 'leave end' instead.")
    @Argument(help: "The application's id.") var application: String
    @OptionGroup var global: GlobalOptions
    @OptionGroup var write: WriteOptions

    func run() async throws {
        try await record(.withdraw(application: checkID(application, "application")), global: global, write: write)
    }
}

struct LeaveGroup: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "leave", abstract: "Start, extend and end study leave.",
        subcommands: [LeaveStart.self, LeaveExtend.self, LeaveEnd.self])
}

struct LeaveStart: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "start", abstract: "Record the first day of study leave (within the approved period).")
    @Argument(help: "The application's id.") var application: String
    @OptionGroup var global: GlobalOptions
    @OptionGroup var write: WriteOptions

    func run() async throws {
        try await record(.startLeave(application: checkID(application, "application")), global: global, write: write)
    }
}

struct LeaveExtend: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extend", abstract: "Extend full-time study leave (unpaid: 留職停薪, Rules 12).",
        discussion: """
            Needs the competent head (--by). Extensions add up and are held to the limit: selected at home or abroad for a degree ≤ 1 year; research abroad ≤ 3 months; self-applied ≤ 1 year, 2 years in all.
            """)
    @Argument(help: "The application's id.") var application: String
    @Option(help: "The new last day of the study period.") var until: String
    @Option(help: "The approving head.") var by: String
    @OptionGroup var global: GlobalOptions
    @OptionGroup var write: WriteOptions

    func run() async throws {
        try await record(.extendLeave(application: checkID(application, "application"), until: parseDate(until, flag: "--until"), by: checkID(by, "--by")),
                   global: global, write: write)
    }
}

struct LeaveEnd: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "end", abstract: "Record the last day of study leave (early, or as planned).")
    @Argument(help: "The application's id.") var application: String
    @OptionGroup var global: GlobalOptions
    @OptionGroup var write: WriteOptions

    func run() async throws {
        try await record(.endLeave(application: checkID(application, "application")), global: global, write: write)
    }
}

struct Return: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "return", abstract: "Record the first day back on duty after study leave.",
        discussion: "Act 15: the service owed counts from this day. It comes after the leave end.")
    @Argument(help: "The application's id.") var application: String
    @OptionGroup var global: GlobalOptions
    @OptionGroup var write: WriteOptions

    func run() async throws {
        try await record(.returnToDuty(application: checkID(application, "application")), global: global, write: write)
    }
}
