import ArgumentParser
import Foundation
import StudyLeaveApp
import StudyLeaveOutput

/// `studyleave backup --to FILE`: a consistent copy while others keep writing.
struct Backup: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup", abstract: "Copy the ledger to a new file, safely, while others keep recording.",
        discussion: """
            The copy is a SQLite file, from either store (SQLite's online backup, or PostgreSQL's events read in one snapshot): it holds every event committed when the copy began, with the hash chain whole, and no write that was still under way. Others go on recording meanwhile; nobody has to stop.

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

    func run() async throws {
        guard !FileManager.default.fileExists(atPath: to) else {
            throw AppFailure(.usage("\(to) already exists; backup writes a new file and never overwrites one"))
        }
        let ledger = try await global.openLedger()
        let copy: LedgerSummary
        do {
            copy = try await Maintenance(ledger: ledger).backup(to: to)
            if verify { _ = try await Maintenance.verifyCopy(at: to) }
        } catch { throw AppFailure(error) }
        global.printer.emit(
            json: ["copy": .string(to), "events": .int(Int(copy.events)), "head": .string(copy.head), "verified": .bool(verify)],
            report: Report(facts: [("Copy", to), ("Events", String(copy.events)), ("Chain head", copy.head),
                                   ("Checked", verify ? "intact (as verify)" : "not yet: run 'studyleave verify --db \(to)'")]))
    }
}
