import ArgumentParser
import StudyLeaveDomain

/// `studyleave`: the record of civil servants' study leave (進修) and the service they owe after it.
struct Studyleave: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "studyleave",
        abstract: "Keep the record of civil servants' study leave (進修) and the service owed after it.",
        discussion: """
            Every application, review, approval, leave start, extension, leave end and return is an event appended to one ledger file; nothing is changed or deleted. Corrections are new events ('retract'). Queries fold the events as of any day (--as-of) and as the ledger knew them at any moment (--known-at), so each figure can be defended in a dispute.

            A study from application to return:
              studyleave apply A1 --person P1 --mode full-time --sponsor selected \\
                  --from 2025-09-01 --to 2026-08-31 --on 2025-05-01
              studyleave review A1 --work-related yes --on 2025-05-10
              studyleave screen A1 --result pass --on 2025-05-20
              studyleave approve A1 --by HEAD1 --on 2025-06-01
              studyleave leave start A1 --on 2025-09-01
              studyleave leave end A1 --on 2026-08-31
              studyleave return A1 --on 2026-09-01
              studyleave obligation P1 --explain

            Dates: \(DateParsing.forms) (an ROC year is year + 1911).

            Exit codes: 0 done; 1 refused by a rule; 64 usage; 65 bad data; 74 ledger unusable or failing verification; 75 a concurrent write got there first (retry).

            Agencies read their own figures in a browser: 'studyleave access grant AGENCY --label TEXT' gives an office a read token, 'studyleave serve' runs the read-only web view (Docs/WEB.md).

            Try 'studyleave demo' for a ledger built from the seed data, with a tour.
            """,
        version: "0.1.0",
        subcommands: [
            Init.self, AgencyGroup.self, PersonGroup.self,
            Apply.self, Review.self, Screen.self, Approve.self, Reject.self, Withdraw.self,
            LeaveGroup.self, Return.self, Pay.self, ServiceGroup.self, Waive.self, Retract.self,
            CourseGroup.self, Attend.self, HoursGroup.self, PolicyGroup.self, AccessGroup.self, Serve.self,
            Status.self, Quota.self, ObligationQuery.self, History.self, TimelineCommand.self,
            ReportGroup.self, Verify.self, Export.self, Import.self, Backup.self, Rebuild.self, Demo.self, Generate.self,
        ])
}

extension Studyleave {
    /// Parses a command line and runs it, in this process (the demo replays the seed this way).
    static func runParsed(_ args: [String]) async throws {
        var command = try parseAsRoot(args)
        // A spreadsheet is for table-shaped answers: a write refuses it before recording anything.
        if GlobalOptions.requestedFormat(args) == .ods, !(command is WritesSpreadsheets) {
            throw AppFailure(.translated(.usage("--format ods is for queries and reports (with --to FILE.ods); this command prints table, json or csv"),
                                         zh: "--format ods 僅用於查詢與報表（搭配 --to 檔名.ods）；此指令請用 table、json 或 csv"))
        }
        if var async = command as? AsyncParsableCommand { try await async.run() } else { try command.run() }
    }
}

/// A command whose answer is a table, which `--format ods --to FILE.ods` writes as a spreadsheet.
protocol WritesSpreadsheets {}
