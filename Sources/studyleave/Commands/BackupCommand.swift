import ArgumentParser
import Foundation
import StudyLeaveApp
import StudyLeaveLedger

/// `studyleave backup --to FILE`: a consistent copy while others keep writing.
struct Backup: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Copy the ledger to a new file, safely, while others keep recording.",
        discussion: """
            The copy is made with SQLite's online backup: it holds every event committed when the copy began, with the hash chain whole, and no write that was still under way. Others go on recording meanwhile; nobody has to stop.

            The copy is written under a temporary name beside FILE and gets its name only when complete, so FILE is never half-written, even if the machine stops during the copy. An existing FILE is never overwritten (exit 64): give each copy a new name, for example with the date.

            The answer names the events copied and the chain head (the hash of the last event). To check a copy at any time, run verify on it; --verify does so before answering.

            Examples:
              studyleave backup --to /backups/studyleave-2026-11-22.db
              studyleave backup --to copy.db --verify
              studyleave verify --db copy.db

            Exit codes: 0 copied; 64 FILE exists; 74 the ledger or FILE cannot be read or written (a full disk, a read-only folder), or the copy fails --verify.
            """)
    @Option(help: ArgumentHelp("The new file to write; it must not exist yet.", valueName: "file")) var to: String
    @Flag(help: "Check the copy as 'verify' does (hash chain, tag index, projections) before answering.") var verify = false
    @OptionGroup var global: GlobalOptions

    func run() throws {
        let ledger = try global.openLedger()
        let exists = AppFailure(.usage("\(to) already exists; backup writes a new file and never overwrites one"))
        guard !FileManager.default.fileExists(atPath: to) else { throw exists }
        let report: BackupReport
        do { report = try ledger.backup(to: to) } catch {
            if case .alreadyExists = error { throw exists }
            throw AppFailure(.ledger(error))
        }
        if verify {
            do {
                let copy = try SQLiteLedger.open(path: to)
                let check = try copy.verify()
                if let failure = check.failure {
                    throw AppFailure(.ledger(.corrupt(position: failure.position, detail: "the copy \(to): \(failure.detail)")))
                }
                if let difference = try copy.projectionDifference() {
                    throw AppFailure(.ledger(.corrupt(position: nil, detail: "the copy \(to): \(difference)")))
                }
            } catch let e as LedgerError {
                throw AppFailure(.ledger(e))
            }
        }
        global.printer.emit(
            json: ["copy": .string(to), "events": .int(Int(report.events)), "head": .string(report.head), "verified": .bool(verify)],
            report: Report(facts: [("Copy", to), ("Events", String(report.events)), ("Chain head", report.head),
                                   ("Checked", verify ? "intact (as verify)" : "not yet: run 'studyleave verify --db \(to)'")]))
    }
}
