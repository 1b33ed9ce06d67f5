import ArgumentParser
import Foundation
import StudyLeaveApp
import StudyLeaveDomain
import StudyLeaveOutput

struct Verify: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify", abstract: "Check the ledger: the hash chain, positions, times, payloads, the tag index and the projection tables.",
        discussion: "Exit 0 only if intact; 74 with the first bad position (or the projection that differs) otherwise.")
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let ledger = try await global.openLedger()
        let progress = Progress("verified")
        let summary: LedgerSummary
        do { summary = try await Maintenance(ledger: ledger).verify(progress: progress.update) } catch { progress.finish(); throw AppFailure(error) }
        progress.finish()
        global.printer.emit(
            json: ["intact": true, "events": .int(Int(summary.events)), "head": .string(summary.head), "projections": "match"],
            report: Report(facts: [("Result", "intact"), ("Events", String(summary.events)), ("Chain head", summary.head),
                                   ("Projections", "match the events")]))
    }
}

struct Export: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Write the ledger as JSON Lines, one event a line in position order (hashes and times included).",
        discussion: "Example: studyleave export --to ledger.jsonl   (standard output without --to)")
    @Option(help: ArgumentHelp("The file to write (it must not exist yet).", valueName: "file")) var to: String?
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        if let to, FileManager.default.fileExists(atPath: to) { throw AppFailure(.usage("\(to) already exists; export writes a new file")) }
        let ledger = try await global.openLedger()
        let progress = Progress("exported")
        let maintenance = Maintenance(ledger: ledger)
        do {
            if let to {
                try await maintenance.export(toFile: to, progress: progress.update)
            } else {
                let out = FileHandle.standardOutput
                try await maintenance.export(progress: progress.update) { bytes in try out.write(contentsOf: bytes) }
            }
        } catch {
            progress.finish()
            throw AppFailure(error)
        }
        progress.finish()
    }
}

struct Import: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: "Load an export (JSON Lines) into a ledger that holds no events: all or nothing.",
        discussion: """
            Keeps positions, actors, recorded times and hashes, and checks every line and the hash chain; a malformed, out-of-order or forged line is refused with its line number (exit 65) and nothing is imported. Creates the ledger (--db) when it is missing.
            """)
    @Argument(help: "The JSON Lines file.") var file: String
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let progress = Progress("imported")
        let count: Int64
        do {
            count = try await Ledger.importEvents(into: global.dbPath, fromFile: file, busyTimeout: global.busyTimeout,
                                                  progress: { n, fraction in progress.update(n, fraction: fraction) })
        } catch { progress.finish(); throw AppFailure(error) }
        progress.finish()
        global.printer.emit(json: ["imported": .int(Int(count)), "ledger": .string(global.dbPath)],
                            report: Report(notes: ["imported \(count) events into \(global.dbPath)"]))
    }
}

struct Rebuild: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rebuild", abstract: "Recreate the projection tables (the country-wide reports) from the events.",
        discussion: """
            The tables are kept current with every write; rebuild is for after an upgrade or when 'verify' says they differ. The events themselves are never touched.
            """)
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let ledger = try await global.openLedger()
        let progress = Progress("folded events:")
        let started = Date()
        let head: Int64
        do { head = try await Maintenance(ledger: ledger).rebuild(progress: progress.update) } catch { progress.finish(); throw AppFailure(error) }
        progress.finish()
        let seconds = Date().timeIntervalSince(started)
        global.printer.emit(
            json: ["rebuilt": true, "events": .int(Int(head)), "seconds": .number(String(format: "%.3f", seconds))],
            report: Report(notes: ["rebuilt the projection tables from \(head) events in \(String(format: "%.2f", seconds)) s"]))
    }
}
