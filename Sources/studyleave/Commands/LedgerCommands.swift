import ArgumentParser
import Foundation
import StudyLeaveApp
import StudyLeaveDomain
import StudyLeaveLedger

struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check the ledger: the hash chain, positions, times, payloads, the tag index and the projection tables.",
        discussion: "Exit 0 only if intact; 74 with the first bad position (or the projection that differs) otherwise.")
    @OptionGroup var global: GlobalOptions

    func run() throws {
        let ledger = try global.openLedger()
        let progress = Progress("verified")
        let report: VerifyReport
        do { report = try ledger.verify(progress: progress.update) } catch { throw AppFailure(.ledger(error)) }
        progress.finish()
        if let failure = report.failure {
            throw AppFailure(.ledger(.corrupt(position: failure.position, detail: failure.detail)))
        }
        // The projection tables must match a fresh fold of the events.
        let difference: String?
        do { difference = try ledger.projectionDifference() } catch { throw AppFailure(.ledger(error)) }
        if let difference { throw AppFailure(.ledger(.corrupt(position: nil, detail: difference))) }
        global.printer.emit(
            json: ["intact": true, "events": .int(Int(report.events)), "head": .string(report.head), "projections": "match"],
            report: Report(facts: [("Result", "intact"), ("Events", String(report.events)), ("Chain head", report.head),
                                   ("Projections", "match the events")]))
    }
}

struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write the ledger as JSON Lines, one event a line in position order (hashes and times included).",
        discussion: "Example: studyleave export --to ledger.jsonl   (standard output without --to)")
    @Option(help: ArgumentHelp("The file to write (it must not exist yet).", valueName: "file")) var to: String?
    @OptionGroup var global: GlobalOptions

    func run() throws {
        let ledger = try global.openLedger()
        let out: FileHandle
        if let to {
            guard !FileManager.default.fileExists(atPath: to) else { throw AppFailure(.usage("\(to) already exists; export writes a new file")) }
            guard FileManager.default.createFile(atPath: to, contents: nil), let h = FileHandle(forWritingAtPath: to) else {
                throw AppFailure(.ledger(.io("cannot write \(to)")))
            }
            out = h
        } else {
            out = FileHandle.standardOutput
        }
        let progress = Progress("exported")
        do {
            try ledger.export(progress: progress.update) { bytes in try out.write(contentsOf: bytes) }
        } catch {
            if let to { try? FileManager.default.removeItem(atPath: to) }
            throw AppFailure(.ledger(error))
        }
        progress.finish()
        if to != nil { try? out.synchronize(); try? out.close() }
    }
}

struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Load an export (JSON Lines) into a ledger that holds no events: all or nothing.",
        discussion: """
            Keeps positions, actors, recorded times and hashes, and checks every line and the hash chain; a malformed, out-of-order or forged line is refused with its line number (exit 65) and nothing is imported. Creates the ledger (--db) when it is missing.
            """)
    @Argument(help: "The JSON Lines file.") var file: String
    @OptionGroup var global: GlobalOptions

    func run() throws {
        let size = (try? FileManager.default.attributesOfItem(atPath: file)[.size] as? NSNumber)?.int64Value
        let source: LineSource
        do { source = try LineSource(path: file) } catch { throw AppFailure(.usage(error.message)) }
        let progress = Progress("imported")
        let count: Int64
        do {
            count = try SQLiteLedger.importEvents(into: global.dbPath, from: source) { n in
                progress.update(n, fraction: size.map { Double(source.bytesRead) / Double(max(1, $0)) })
            }
        } catch { progress.finish(); throw AppFailure(.ledger(error)) }
        progress.finish()
        global.printer.emit(json: ["imported": .int(Int(count)), "ledger": .string(global.dbPath)],
                            report: Report(notes: ["imported \(count) events into \(global.dbPath)"]))
    }
}

struct Rebuild: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Recreate the projection tables (the country-wide reports) from the events.",
        discussion: """
            The tables are kept current with every write; rebuild is for after an upgrade or when 'verify' says they differ. The events themselves are never touched.
            """)
    @OptionGroup var global: GlobalOptions

    func run() throws {
        let ledger = try global.openLedger()
        let progress = Progress("folded events:")
        let started = Date()
        let head: Int64
        do { head = try ledger.rebuildProjections(progress: progress.update) } catch { throw AppFailure(.ledger(error)) }
        progress.finish()
        let seconds = Date().timeIntervalSince(started)
        global.printer.emit(
            json: ["rebuilt": true, "events": .int(Int(head)), "seconds": .number(String(format: "%.3f", seconds))],
            report: Report(notes: ["rebuilt the projection tables from \(head) events in \(String(format: "%.2f", seconds)) s"]))
    }
}
