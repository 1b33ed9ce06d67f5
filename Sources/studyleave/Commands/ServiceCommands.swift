import ArgumentParser
import Foundation
import StudyLeaveApp
import StudyLeaveDomain

struct Pay: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Record money received during full-time study (the base of any repayment).",
        discussion: "Whole NTD. Act 12: self-applied study is unpaid leave, so it has subsidies only.")
    @Argument(help: "The application's id.") var application: String
    @Option(help: "Salary received, whole NTD.") var salary: Int
    @Option(help: "Subsidies received, whole NTD.") var subsidy: Int
    @OptionGroup var global: GlobalOptions
    @OptionGroup var write: WriteOptions

    func run() throws {
        try record(.pay(application: checkID(application, "application"), salary: checkMoney(salary, "--salary"), subsidy: checkMoney(subsidy, "--subsidy")),
                   global: global, write: write)
    }
}

struct ServiceGroup: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "service", abstract: "Pause and resume the count of service owed.",
        subcommands: [ServicePause.self, ServiceResume.self])
}

struct ServicePause: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pause", abstract: "Pause a running obligation (unpaid leave or other absence).",
        discussion: "--on is the first day not counted.")
    @Argument(help: "The person's id.") var person: String
    @Option(help: "Why.") var reason: String
    @OptionGroup var global: GlobalOptions
    @OptionGroup var write: WriteOptions

    func run() throws {
        try record(.pauseService(person: checkID(person, "person"), reason: checkText(reason, "--reason")), global: global, write: write)
    }
}

struct ServiceResume: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resume", abstract: "Resume the count after a pause.", discussion: "--on is the first day counted again.")
    @Argument(help: "The person's id.") var person: String
    @OptionGroup var global: GlobalOptions
    @OptionGroup var write: WriteOptions

    func run() throws {
        try record(.resumeService(person: checkID(person, "person")), global: global, write: write)
    }
}

struct Waive: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Waive the repayment of a breach that is not the person's fault (不可歸責).",
        discussion: "Act 16. A waiver needs a breach.")
    @Argument(help: "The application's id.") var application: String
    @Option(help: "Why.") var reason: String
    @OptionGroup var global: GlobalOptions
    @OptionGroup var write: WriteOptions

    func run() throws {
        try record(.waive(application: checkID(application, "application"), reason: checkText(reason, "--reason")), global: global, write: write)
    }
}

struct Retract: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Correct a mistake: the event at POSITION no longer counts.",
        discussion: """
            The event stays in the ledger, marked retracted in 'history'; queries known at an earlier moment (--known-at) still see it. An event that later events rest on (an approval whose leave has started) is refused until those are retracted first. A retraction cannot be retracted. Find positions with 'history'.
            """)
    @Option(name: .customLong("request-id"), help: "A key for this write (see the other writes).") var requestId: String?
    @Argument(help: "The position of the event to retract (see 'history').") var position: Int64
    @Option(help: "Why.") var reason: String
    @OptionGroup var global: GlobalOptions

    func run() throws {
        guard position >= 1 else { throw AppFailure(.badData("a position is a whole number from 1")) }
        let ledger = try global.openLedger()
        let result: AppendResult
        do {
            let write = WriteOptions(); var w = write; w.requestId = requestId
            result = try Recorder(ledger: ledger, actor: global.actorID)
                .retract(position: position, reason: try checkText(reason, "--reason"), on: Today.date, requestId: try w.checkedRequestId())
        } catch let e as AppError { throw AppFailure(e) }
        printRecorded(result, global: global)
    }
}

import StudyLeaveLedger
