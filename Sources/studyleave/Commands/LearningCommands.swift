import ArgumentParser
import Foundation
import StudyLeaveApp
import StudyLeaveDomain
import StudyLeaveOutput

extension Topic: ExpressibleByArgument {}
extension Delivery: ExpressibleByArgument {}
extension Gender: ExpressibleByArgument {}
extension StaffCategory: ExpressibleByArgument {}

/// Hours as typed: `abc` is usage (64); `1.55`, `-2` or too many are bad data (65).
func checkHours(_ text: String, _ what: String) throws -> Hours {
    let t = text.trimmingCharacters(in: .whitespaces)
    if t.hasPrefix("-"), (try? Hours.parse(String(t.dropFirst()))) != nil {
        throw AppFailure(.translated(.badData("\(what) must be 0 or more hours, not \(t)"), zh: "\(what) 須為 0 以上之時數，不得為 \(t)"))
    }
    do { return try Hours.parse(t) } catch {
        let wrapped: AppError = error == .notANumber(t) ? .usage("\(what): \(error.message)") : .badData("\(what): \(error.message)")
        throw AppFailure(.translated(wrapped, zh: "\(what)：\(error.zh)"))
    }
}

struct CourseGroup: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "course", abstract: "Record courses (課程/班期) for learning hours.",
        subcommands: [CourseAdd.self])
}

struct CourseAdd: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add", abstract: "Add a course: its hours, days, topics and delivery.",
        discussion: """
            Docs/RULES.md §12. Hours have at most one decimal (1.5). Topics: \(Topic.allCases.map(\.rawValue).joined(separator: ", ")); every topic but general is work-related, and gender also counts as democratic. A course's hours count toward the year of its last day.
            A digital course's hours are all digital; a blended one names its digital part with --digital-hours.
            Examples: studyleave course add C-ENV-01 --name 環境教育講座 --hours 4 --from 2025-03-10 --to 2025-03-10 --topic environment --on 2025-03-01
                      studyleave course add C-GEN-02 --name 性別主流化 --hours 3 --from 114/5/1 --to 114/5/1 --topic gender --delivery blended --digital-hours 1.5
            """)
    @Argument(help: "The course's id.") var course: String
    @Option(help: "The course's name.") var name: String
    @Option(parsing: .unconditional, help: "Its hours (at most one decimal).") var hours: String
    @Option(help: ArgumentHelp("The first day.", valueName: "date")) var from: String
    @Option(help: ArgumentHelp("The last day.", valueName: "date")) var to: String
    @Option(name: .customLong("topic"), help: "A topic; give --topic again for each.") var topics: [Topic] = []
    @Option(help: "classroom (default), digital (數位學習) or blended.") var delivery: Delivery = .classroom
    @Option(name: .customLong("digital-hours"), parsing: .unconditional, help: "The digital part of a blended course.") var digitalHours: String?
    @Option(help: "Who gives it: an agency of the ledger or any text.") var organiser: String?
    @OptionGroup var global: GlobalOptions
    @OptionGroup var write: WriteOptions

    func validate() throws {
        if topics.isEmpty { throw usageError("give at least one --topic (\(Topic.allCases.map(\.rawValue).joined(separator: ", ")))", zh: "請至少給一個 --topic（\(Topic.allCases.map(\.rawValue).joined(separator: ", "))）") }
    }

    func run() async throws {
        let spec = EventData.CourseSpec(
            course: try checkID(course, "course"), name: try checkText(name, "--name"), hours: try checkHours(hours, "--hours"),
            from: try parseDate(from, flag: "--from"), to: try parseDate(to, flag: "--to"), topics: topics, delivery: delivery,
            digitalHours: try digitalHours.map { try checkHours($0, "--digital-hours") }, organiser: try organiser.map { try checkText($0, "--organiser") })
        try await record(.addCourse(spec), global: global, write: write)
    }
}

struct Attend: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "attend", abstract: "Record who attended a course (參訓): one person, or a roster CSV (all or nothing).",
        discussion: """
            Seed 002 §伍.三: leave over a third of the course's hours, or any absence without leave, credits no hours; otherwise the hours attended count (the course's hours less the leave).
            The roster is CSV with a header 'person,leave_hours,absent' (UTF-8, a byte-order mark allowed); leave_hours and absent may be empty; absent is yes/no (or true/false, 1/0). One bad row records nothing.
            Examples: studyleave attend C-ENV-01 --person P1 --leave-hours 1 --on 2025-03-10
                      studyleave attend C-ENV-01 --roster roster.csv --on 2025-03-10
            """)
    @Argument(help: "The course's id.") var course: String
    @Option(help: "The person who attended.") var person: String?
    @Option(name: .customLong("leave-hours"), parsing: .unconditional, help: "Hours of leave they took from the course (請假).") var leaveHours: String?
    @Flag(help: "Absent without leave (未請假缺課).") var absent = false
    @Option(help: ArgumentHelp("A roster CSV: person,leave_hours,absent.", valueName: "file")) var roster: String?
    @OptionGroup var global: GlobalOptions
    @OptionGroup var write: WriteOptions

    func validate() throws {
        if (person == nil) == (roster == nil) { throw usageError("name --person, or give --roster FILE", zh: "請指定 --person，或給 --roster 名冊檔") }
        if roster != nil, leaveHours != nil || absent { throw usageError("--leave-hours and --absent go in the roster's columns", zh: "使用名冊時，請假時數與缺課請寫在名冊的欄位中") }
    }

    func run() async throws {
        let attendees: [Command.Attendee]
        if let person {
            attendees = [Command.Attendee(person: try checkID(person, "--person"), leave: try leaveHours.map { try checkHours($0, "--leave-hours") } ?? .zero, absent: absent)]
        } else {
            attendees = try RosterFile.read(roster!)
        }
        try await record(.attend(course: try checkID(course, "course"), attendees: attendees), global: global, write: write)
    }
}

/// The roster CSV of `attend --roster` (CLI.md: person,leave_hours,absent).
enum RosterFile {
    static func read(_ path: String) throws -> [Command.Attendee] {
        guard let data = FileManager.default.contents(atPath: path), var text = String(data: data, encoding: .utf8) else {
            throw AppFailure(.usage("cannot read the roster \(path) as UTF-8 text"))
        }
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
            .map { $0.hasSuffix("\r") ? String($0.dropLast()) : String($0) }
        guard let header = lines.first, header.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) == ["person", "leave_hours", "absent"] else {
            throw AppFailure(.badData("roster \(path): the first line must be the header 'person,leave_hours,absent'"))
        }
        var out: [Command.Attendee] = []
        for (i, line) in lines.enumerated().dropFirst() where !line.trimmingCharacters(in: .whitespaces).isEmpty {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            let row = "roster \(path) line \(i + 1)"
            guard cells.count == 3 else { throw AppFailure(.badData("\(row): 3 cells expected (person,leave_hours,absent), found \(cells.count)")) }
            let person = try checkID(cells[0], "\(row): person")
            let leave = cells[1].isEmpty ? Hours.zero : try checkHours(cells[1], "\(row): leave_hours")
            let absent: Bool
            switch cells[2].lowercased() {
            case "", "no", "false", "0", "n": absent = false
            case "yes", "true", "1", "y": absent = true
            default: throw AppFailure(.badData("\(row): absent must be yes or no, not '\(cells[2])'"))
            }
            out.append(Command.Attendee(person: person, leave: leave, absent: absent))
        }
        guard !out.isEmpty else { throw AppFailure(.badData("roster \(path) names nobody")) }
        return out
    }
}

struct HoursGroup: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hours", abstract: "Learning hours (學習時數): a person's or an agency's year, and the requirements.",
        discussion: """
            Docs/RULES.md §12. The requirement that applies is the nearest one recorded up the agency's parent chain for the year ('hours require'), else the national one in force on 1 January (built in: 2011, 2012, 2017, 2023).
            Examples: studyleave hours P1 --year 2025 --explain
                      studyleave hours --agency TY-HR --year 2025 --format csv > hours.csv
                      studyleave hours require TYCG --year 2015 --total 40 --min digital=5 --min work-related=20 --min environment=4 --min gender=2
            """,
        subcommands: [HoursQuery.self, HoursRequire.self], defaultSubcommand: HoursQuery.self)
}

struct HoursRequire: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "require", abstract: "Record an issuing agency's requirement for a year (it holds for every agency below it).",
        discussion: """
            A minimum is NAME=HOURS, NAME being \(HoursMinimum.Scope.forms). Minimums overlap: one course counts toward each it fits. Recorded again for the same agency and year, it replaces the earlier one from then on.
            Example: studyleave hours require LCG --year 2023 --min work-related=20 --min policy+statutory+democratic=10 --min environment=4
            """)
    @Argument(help: "The issuing agency's id.") var agency: String
    @Option(parsing: .unconditional, help: "The calendar year (2025, or ROC 114).") var year: String
    @Option(parsing: .unconditional, help: "The total hours a year.") var total: String?
    @Option(name: .customLong("min"), parsing: .unconditionalSingleValue, help: ArgumentHelp("A minimum, NAME=HOURS; give --min again for each.", valueName: "name=hours")) var minimums: [String] = []
    @OptionGroup var global: GlobalOptions
    @OptionGroup var write: WriteOptions

    func run() async throws {
        var list: [HoursMinimum] = []
        if let total { list.append(HoursMinimum(.total, try checkHours(total, "--total"))) }
        for m in minimums {
            let parts = m.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { throw AppFailure(.usage("--min \(m): write NAME=HOURS, e.g. environment=4")) }
            guard let scope = HoursMinimum.Scope(name: parts[0]) else {
                throw AppFailure(.badData("--min \(m): '\(parts[0])' is not a minimum: write \(HoursMinimum.Scope.forms)"))
            }
            list.append(HoursMinimum(scope, try checkHours(parts[1], "--min \(parts[0])")))
        }
        try await record(.requireHours(agency: try checkID(agency, "agency"), year: try checkYear(year), minimums: list), global: global, write: write)
    }
}

struct HoursQuery: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "A person's hours for a year (or, with --agency, everyone due in an agency).",
        discussion: """
            Each course attended credits its hours, less leave; nothing with leave over a third or an absence without leave (seed 002 §伍.三). Each minimum shows required, credited and short; the state is met, short or exempt (temporary staff; full-time study leave the whole year).
            Examples: studyleave hours P1 --year 2025 --explain
                      studyleave hours --agency TY-HR --year 114
            """)
    @Argument(help: "The person's id (or --agency).") var person: String?
    @Option(help: "Everyone due in this agency that year.") var agency: String?
    @Option(parsing: .unconditional, help: "The calendar year (2025, or ROC 114).") var year: String
    @Flag(help: "Show where each figure comes from.") var explain = false
    @OptionGroup var global: GlobalOptions
    @OptionGroup var query: QueryOptions
    @OptionGroup var sheet: SheetOptions

    func validate() throws {
        if (person == nil) == (agency == nil) { throw usageError("name a person, or give --agency", zh: "請指定人員，或給 --agency") }
    }

    func run() async throws {
        let y = try checkYear(year), time = try query.time()
        let ledger = try await global.openLedger()
        if let agency {
            let r: AgencyHours
            let (queries, progress) = reportQueries(ledger, "people read:")
            do { r = try await queries.hours(agency: try checkID(agency, "--agency"), year: y, at: time) } catch let e as AppError { throw AppFailure(e) }
            progress.finish()
            HoursPrinting(printer: try await global.printer(for: query, sheet: sheet, ledger), format: global.format, explain: explain).agency(r)
        } else {
            let r: HoursStanding
            do { r = try await Queries(ledger: ledger).hours(person: try checkID(person!, "person"), year: y, at: time) } catch let e as AppError { throw AppFailure(e) }
            HoursPrinting(printer: try await global.printer(for: query, sheet: sheet, ledger), format: global.format, explain: explain).person(r)
        }
    }
}

struct SpreadReport: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "spread", abstract: "How an agency's training and study leave of a year spread over its people, by gender.",
        discussion: """
            Seed 002 §陸.一: avoid training concentrated on a few, and give every gender a fair chance. Shows, by gender, the people in service, those trained (any hours credited) and the attendances; the share of attendances the most-attending tenth of people hold; who had no hours; and the counted study leave (RULES.md §3).
            Example: studyleave report spread --agency TY-HR --year 2025
            """)
    @Option(help: "The agency.") var agency: String
    @Option(parsing: .unconditional, help: "The calendar year (2025, or ROC 114).") var year: String
    @OptionGroup var global: GlobalOptions
    @OptionGroup var query: QueryOptions
    @OptionGroup var sheet: SheetOptions

    func run() async throws {
        let y = try checkYear(year), time = try query.time()
        let ledger = try await global.openLedger()
        let s: Spread
        let (queries, progress) = reportQueries(ledger, "people read:")
        do { s = try await queries.spread(agency: try checkID(agency, "--agency"), year: y, at: time) } catch let e as AppError { throw AppFailure(e) }
        progress.finish()
        HoursPrinting(printer: try await global.printer(for: query, sheet: sheet, ledger), format: global.format, explain: false).spread(s)
    }
}
