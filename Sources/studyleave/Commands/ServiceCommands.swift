import ArgumentParser
import Foundation
import StudyLeaveApp
import StudyLeaveDomain
import StudyLeaveOutput

struct Pay: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pay", abstract: "Record money received during full-time study (the base of any repayment).",
        discussion: """
            Whole NTD, digits only. Act 12: self-applied study is unpaid leave, so it has subsidies only. Every payment adds to the base of a repayment (Act 16), so the same sums on the same day as one already recorded are refused as a likely duplicate unless --again says they were really received twice.
            Example: studyleave pay A1 --salary 680000 --subsidy 50000 --on 2026-08-31
            """)
    @Argument(help: "The application's id.") var application: String
    @Option(parsing: .unconditional, help: "Salary received, whole NTD (digits only: 60000).") var salary: String
    @Option(parsing: .unconditional, help: "Subsidies received, whole NTD (digits only).") var subsidy: String
    @Flag(help: "The same sums on the same day as a payment already recorded were really received twice (without it, refused as a likely duplicate).") var again = false
    @OptionGroup var global: GlobalOptions
    @OptionGroup var write: WriteOptions

    func run() async throws {
        try await record(.pay(application: checkID(application, "application"), salary: checkMoney(salary, "--salary"), subsidy: checkMoney(subsidy, "--subsidy"), again: again),
                   global: global, write: write)
    }
}

struct ServiceGroup: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "service", abstract: "Pause and resume the count of service owed.",
        subcommands: [ServicePause.self, ServiceResume.self])
}

struct ServicePause: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pause", abstract: "Pause a running obligation (unpaid leave or other absence).",
        discussion: "--on is the first day not counted.")
    @Argument(help: "The person's id.") var person: String
    @Option(help: "Why.") var reason: String
    @OptionGroup var global: GlobalOptions
    @OptionGroup var write: WriteOptions

    func run() async throws {
        try await record(.pauseService(person: checkID(person, "person"), reason: checkText(reason, "--reason")), global: global, write: write)
    }
}

struct ServiceResume: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resume", abstract: "Resume the count after a pause.", discussion: "--on is the first day counted again.")
    @Argument(help: "The person's id.") var person: String
    @OptionGroup var global: GlobalOptions
    @OptionGroup var write: WriteOptions

    func run() async throws {
        try await record(.resumeService(person: checkID(person, "person")), global: global, write: write)
    }
}

struct Waive: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "waive", abstract: "Waive the repayment of a breach that is not the person's fault (不可歸責).",
        discussion: "Act 16. A waiver needs a breach.")
    @Argument(help: "The application's id.") var application: String
    @Option(help: "Why.") var reason: String
    @OptionGroup var global: GlobalOptions
    @OptionGroup var write: WriteOptions

    func run() async throws {
        try await record(.waive(application: checkID(application, "application"), reason: checkText(reason, "--reason")), global: global, write: write)
    }
}

struct Retract: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retract", abstract: "Correct a mistake: the event at POSITION no longer counts.",
        discussion: """
            The event stays in the ledger, marked retracted in 'history'; queries known at an earlier moment (--known-at) still see it. An event that later events rest on (an approval whose leave has started) is refused until those are retracted first. Find positions with 'history'.

            The answer names whose event it is (type, day, person, application) and every figure it changes, before -> after (state, obligation days and end, repayment, quota used). --dry-run shows the same and records nothing: look before you correct.

            A retraction is final: it cannot itself be retracted. To repair a wrong one, record the event again; the answer prints the command that does (see Docs/DISPUTES.md).
            Examples: studyleave retract 33 --reason "誤登" --dry-run
                      studyleave retract 33 --reason "誤登"
            """)
    @Option(name: .customLong("request-id"), help: "A key for this write (see the other writes).") var requestId: String?
    @Argument(help: "The position of the event to retract (see 'history').") var position: Int64
    @Option(help: "Why.") var reason: String
    @Flag(name: .customLong("dry-run"), help: "Show what the retraction would take back and change; record nothing.") var dryRun = false
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        guard position >= 1 else { throw AppFailure(.badData("a position is a whole number from 1")) }
        var w = WriteOptions(); w.requestId = requestId
        let checkedReason = try checkText(reason, "--reason"), checkedId = try w.checkedRequestId(), actor = try global.checkedActor()
        let ledger = try await global.openLedger()
        let recorder = Recorder(ledger: ledger, actor: actor)
        let preview: RetractionPreview
        var result: Recorded? = nil
        do {
            preview = try await recorder.previewRetraction(position: position, reason: checkedReason, on: Today.date, asOf: Today.date)
            if !dryRun { result = try await recorder.retract(position: position, reason: checkedReason, on: Today.date, requestId: checkedId) }
        } catch { throw AppFailure(error) }
        printRetraction(preview, result: result)
    }

    func printRetraction(_ preview: RetractionPreview, result: Recorded?) {
        let p = global.printer
        let t = preview.target
        let repair = Reissue.command(for: t)
        let who = [preview.person.map { $0 + (preview.personName.map { " " + $0 } ?? "") }, preview.application.map { "(\($0))" }]
            .compactMap { $0 }.joined(separator: " ")
        var json: [String: JSONValue] = [
            "dryRun": .bool(dryRun),
            "retracts": ["position": .int(Int(t.position)), "type": .string(t.data.type), "on": .string(t.on.iso),
                         "person": t.data.person.map(JSONValue.string) ?? .null, "application": t.data.application.map(JSONValue.string) ?? .null],
            "changes": .array(preview.changes.map { ["subject": .string($0.subject), "figure": .string($0.figure),
                                                     "before": .string($0.before), "after": .string($0.after)] }),
            "repair": repair.map(JSONValue.string) ?? .null,
        ]
        if let first = result?.events.first {
            json["position"] = .int(Int(first.position)); json["type"] = .string(first.data.type)
            json["recordedAt"] = .string(first.recordedAt); json["duplicate"] = .bool(result!.duplicate)
        }
        var report = Report()
        report.notes = RetractionWording(printer: p).notes(preview, who: who, dryRun: dryRun, result: result, repair: repair)
        if global.format != .table {
            report.columns = ["Subject", "Figure", "Before", "After"]
            report.rows = preview.changes.map { [$0.subject, $0.figure, $0.before, $0.after] }
        }
        p.emit(json: .object(json), report: report)
    }
}
