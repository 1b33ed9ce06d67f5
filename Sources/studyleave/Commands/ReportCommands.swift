import ArgumentParser
import StudyLeaveApp
import StudyLeaveDomain
import StudyLeaveOutput

struct ReportGroup: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report", abstract: "Lists across agencies: who is on study leave, which obligations are owed, what awaits a decision, how training spreads.",
        subcommands: [OnLeaveReport.self, ObligationsReport.self, PendingReport.self, DueReport.self, SpreadReport.self])
}

struct OnLeaveReport: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "on-leave", abstract: "Everyone on full-time study leave on a day.",
        discussion: "Example: studyleave report on-leave --as-of 2025-10-01 --format csv > on-leave.csv")
    @Option(help: "Only this agency.") var agency: String?
    @OptionGroup var global: GlobalOptions
    @OptionGroup var query: QueryOptions
    @OptionGroup var sheet: SheetOptions

    func run() async throws {
        let ledger = try await global.openLedger()
        let lines: [LeaveLine]
        let (queries, progress) = reportQueries(ledger, "people read:")
        do { lines = try await queries.onLeave(agency: try agency.map { try checkID($0, "--agency") }, at: try query.time()) }
        catch let e as AppError { throw AppFailure(e) }
        progress.finish()
        let p = try await global.printer(for: query, sheet: sheet, ledger)
        p.emit(Answers.onLeave(lines, p.wording))
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
    @OptionGroup var sheet: SheetOptions

    func run() async throws {
        let ledger = try await global.openLedger()
        let lines: [ObligationLine]
        let (queries, progress) = reportQueries(ledger, "people read:")
        do { lines = try await queries.obligations(agency: try agency.map { try checkID($0, "--agency") }, all: all, at: try query.time()) }
        catch let e as AppError { throw AppFailure(e) }
        progress.finish()
        let p = try await global.printer(for: query, sheet: sheet, ledger)
        p.emit(Answers.obligations(lines, p.wording))
    }
}

struct DueReport: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "due", abstract: "What needs doing soon: undecided studies about to start, leave ending, returns not reported, obligations ending.",
        discussion: """
            Rows, by the day each is due: undecided (a submitted study starting within the window or already started: approval comes before enrolment, seed 000 §陸; due the day before it starts), leave-ends (on leave, the approved or extended period ends within the window; due its last day), return-due (the leave ended and no return is recorded, however long ago; Act 14; due the day after), obligation-ends (the last day of service owed falls within the window).
            The window runs from --as-of (default today) for --within days (default \(DueRule.defaultWindowDays)).
            Examples: studyleave report due --agency TY-HR
                      studyleave report due --within 30 --format csv > due.csv
            """)
    @Option(parsing: .unconditional, help: ArgumentHelp("How many days ahead (default \(DueRule.defaultWindowDays)).", valueName: "days")) var within: String?
    @Option(help: "Only this agency.") var agency: String?
    @OptionGroup var global: GlobalOptions
    @OptionGroup var query: QueryOptions
    @OptionGroup var sheet: SheetOptions

    /// The window in days: whole, 0 or more, at most `DueRule.windowDays`.
    func window() throws -> Int {
        guard let within else { return DueRule.defaultWindowDays }
        let days = try wholeNumber(within, "--within", unit: "a whole number of days, 0 or more")
        if !DueRule.windowDays.contains(days) { throw AppFailure(.badData("--within \(days): at most \(DueRule.windowDays.upperBound) days")) }
        return days
    }

    func run() async throws {
        let days = try window()
        let time = try query.time()
        let agency = try self.agency.map { try checkID($0, "--agency") }
        let ledger = try await global.openLedger()
        let lines: [DueItem]
        let (queries, progress) = reportQueries(ledger, "people read:")
        do { lines = try await queries.due(within: days, agency: agency, at: time) } catch { throw AppFailure(error) }
        progress.finish()
        let p = try await global.printer(for: query, sheet: sheet, ledger)
        p.emit(Answers.due(lines, p.wording))
    }
}
