import ArgumentParser
import Foundation
import StudyLeaveDomain
import StudyLeaveOutput
import StudyLeaveApp

enum OutputFormat: String, ExpressibleByArgument, CaseIterable { case table, json, csv, ods }
extension CalendarStyle: ExpressibleByArgument {}
extension Language: ExpressibleByArgument {}

/// CLI.md, global options: every command takes them.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The ledger: a file, or a PostgreSQL database (postgres://USER@HOST[:PORT]/DATABASE, the password in PGPASSWORD or ~/.pgpass).", discussion: "Default: $STUDYLEAVE_DB, else ./studyleave.db.", valueName: "path|url"))
    var db: String?

    @Option(name: .long, help: ArgumentHelp("Who records: stored on every event.", discussion: "Default: $STUDYLEAVE_ACTOR, else the login name.", valueName: "id"))
    var actor: String?

    @Option(name: .long, help: "Output form: table (for people), json (for scripts), csv (for spreadsheets), ods (an ODF spreadsheet file, with --to FILE.ods; queries and reports).")
    var format: OutputFormat = .table

    @Option(name: .long, help: "How dates are printed in table and csv output: iso (2025-09-01) or roc (114/09/01).")
    var calendar: CalendarStyle = .iso

    @Option(name: .long, help: "Labels and states in table output: en, or zh-TW for the regulation's own terms.")
    var lang: Language = .en

    var dbPath: String {
        db ?? ProcessInfo.processInfo.environment["STUDYLEAVE_DB"] ?? "studyleave.db"
    }

    var actorID: String {
        if let actor, !actor.isEmpty { return actor }
        if let a = ProcessInfo.processInfo.environment["STUDYLEAVE_ACTOR"], !a.isEmpty { return a }
        if let u = ProcessInfo.processInfo.environment["USER"], !u.isEmpty { return u }
        if let pw = getpwuid(geteuid()), let name = pw.pointee.pw_name { return String(cString: name) }
        return "unknown"
    }

    /// The actor, within the bounds every ledger keeps (`RowLimits`): 64 otherwise.
    func checkedActor() throws -> String {
        let a = actorID
        guard RowLimits.isActor(a) else {
            throw AppFailure(.usage("--actor must be 1 to \(RowLimits.characters) characters (it is stored on every event)"))
        }
        return a
    }

    var busyTimeout: Double {
        ProcessInfo.processInfo.environment["STUDYLEAVE_BUSY_TIMEOUT"].flatMap(Double.init) ?? Ledger.defaultBusyTimeout
    }

    /// The ledger `--db` names, opened; what the user should know about reaching it (a password
    /// in the URL) goes to standard error.
    func openLedger() async throws -> Ledger {
        if let open = GlobalOptions.opened[dbPath] { return open }
        do {
            let ledger = try await Ledger.open(dbPath, busyTimeout: busyTimeout)
            warn(ledger.warnings)
            if GlobalOptions.keepOpen { GlobalOptions.opened[dbPath] = ledger }
            return ledger
        } catch { throw AppFailure(error) }
    }

    /// While the demo replays many commands in one process, each ledger is opened once.
    nonisolated(unsafe) static var keepOpen = false
    nonisolated(unsafe) static var opened: [String: Ledger] = [:]

    var printer: Printer { Printer(format: format, calendar: calendar, lang: lang) }

    /// The printer of a query's answer, which says when it looks if that is not today as known now.
    func printer(for query: QueryOptions, sheet: SheetOptions? = nil, _ ledger: Ledger) async throws -> Printer {
        var p = printer
        p.seen = try await query.seen(ledger)
        if let sheet { p.sheetPath = try sheet.path(for: format) }
        return p
    }

    static let valued: Set<String> = ["--db", "--actor", "--format", "--calendar", "--lang"]

    /// The `--format` of the command line, read before the command runs.
    static func requestedFormat(_ args: [String]) -> OutputFormat? {
        var found: OutputFormat? = nil
        for (i, a) in args.enumerated() {
            if a == "--format", i + 1 < args.count { found = OutputFormat(rawValue: args[i + 1]) }
            if a.hasPrefix("--format=") { found = OutputFormat(rawValue: String(a.dropFirst(9))) }
        }
        return found
    }

    /// The `--lang` of the command line, read again where the parsed options are out of reach
    /// (the error line of a command that failed).
    static func requestedLanguage(_ args: [String] = CommandLine.arguments) -> Language {
        for (i, a) in args.enumerated() {
            if a == "--lang", i + 1 < args.count { return Language(rawValue: args[i + 1]) ?? .en }
            if a.hasPrefix("--lang=") { return Language(rawValue: String(a.dropFirst(7))) ?? .en }
        }
        return .en
    }

    /// Global options may come before the command too (`studyleave --db hr.db status P1`): they are
    /// moved behind it, where each command reads them.
    static func hoisted(_ args: [String]) -> [String] {
        var front: [String] = []
        var rest = args[...]
        while let first = rest.first {
            let name = String(first.split(separator: "=", maxSplits: 1).first ?? "")
            guard valued.contains(name) else { break }
            front.append(first)
            rest = rest.dropFirst()
            if !first.contains("="), let value = rest.first {
                front.append(value)
                rest = rest.dropFirst()
            }
        }
        // Options go after the subcommand words (e.g. `agency add`), before nothing else matters.
        return Array(rest) + front
    }
}


/// Warnings go to standard error, one line each, never mixed into the output a script reads.
func warn(_ lines: [String]) {
    for line in lines { FileHandle.standardError.write(Data("warning: \(line)\n".utf8)) }
}
