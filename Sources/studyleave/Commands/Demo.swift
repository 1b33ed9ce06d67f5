import ArgumentParser
import Foundation
import StudyLeaveApp
import StudyLeaveSeed

struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo", abstract: "Build a fresh ledger from the seed data and print a short tour of it.",
        discussion: """
            The seed (seed/stories, described in seed/README.md) replays the studies of the Taoyuan City Government (2015) and the Lienchiang County Government (2023) through the same commands an HR officer types. The ledger goes to studyleave-demo.db (or --db); an existing file is kept unless --force. The tour then shows each agency's quota, who is on study leave, the obligations running, and one dispute reconstructed with --known-at.
            Example: studyleave demo --lang zh-TW --calendar roc
            """)
    @Flag(help: "Replace an existing demo ledger.") var force = false
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let path = global.db ?? "studyleave-demo.db"
        let stories = SeedLocation.storyFiles()
        guard !stories.isEmpty, let tour = SeedLocation.tourFile() else {
            throw AppFailure(.unusable("the seed data (seed/stories) cannot be found; run the demo from the project folder or set STUDYLEAVE_SEED"))
        }
        if FileManager.default.fileExists(atPath: path) {
            guard force else { throw AppFailure(.exists("a ledger already exists at \(path) (add --force to rebuild it); nothing was changed")) }
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        }
        let ledger: Ledger
        do { ledger = try await Ledger.create(path) } catch { throw AppFailure(error) }

        let started = Date()
        let progress = Progress("replaying the seed: line")
        var lineCount: Int64 = 0
        Printer.silent = true
        GlobalOptions.keepOpen = true
        defer { Printer.silent = false; GlobalOptions.keepOpen = false; GlobalOptions.opened = [:] }
        for file in stories {
            let text = try String(contentsOf: file, encoding: .utf8)
            for (n, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let line = raw.trimmingCharacters(in: .whitespaces)
                if line.isEmpty || line.hasPrefix("#") { continue }
                var args = try ShellWords.split(line, where: "\(file.lastPathComponent) line \(n + 1)")
                args += ["--db", path]
                if !args.contains("--actor") { args += ["--actor", "seed"] }
                do {
                    try await Studyleave.runParsed(args)
                } catch let f as AppFailure {
                    throw AppFailure(.badData("seed \(file.lastPathComponent) line \(n + 1): \(f.error.message)"))
                } catch {
                    throw AppFailure(.usage("seed \(file.lastPathComponent) line \(n + 1): \(Studyleave.message(for: error))"))
                }
                lineCount += 1
                progress.update(lineCount)
            }
        }
        progress.finish()
        Printer.silent = false
        let events = (try? await ledger.eventCount()) ?? 0
        let seconds = String(format: "%.1f", Date().timeIntervalSince(started))
        let p = global.printer
        if global.format == .table {
            p.write("Built \(path) from the seed: \(events) events from \(stories.count) stories in \(seconds) s.\n")
        }
        try await runTour(tour, path: path)
        if global.format == .table {
            p.write("\nExplore it: studyleave --db \(path) history PERSON, status PERSON, obligation PERSON --explain, quota AGENCY --year YEAR\n")
        }
    }

    /// Prints each heading of the tour and the output of the queries under it.
    func runTour(_ tour: URL, path: String) async throws {
        let text = try String(contentsOf: tour, encoding: .utf8)
        let p = global.printer
        for (n, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("##") {
                if global.format == .table { p.write("\n== " + line.dropFirst(2).trimmingCharacters(in: .whitespaces) + " ==\n") }
                continue
            }
            if line.isEmpty || line.hasPrefix("#") { continue }
            var args = try ShellWords.split(line, where: "tour.txt line \(n + 1)")
            args += ["--db", path, "--format", global.format.rawValue, "--calendar", global.calendar.rawValue, "--lang", global.lang.rawValue]
            if global.format == .table { p.write("$ studyleave " + line + "\n") }
            try await Studyleave.runParsed(args)
        }
    }
}

extension ShellWords {
    /// The words of a seed or tour line; an unbalanced quote names its place.
    static func split(_ line: String, where place: String) throws -> [String] {
        do { return try split(line) } catch { throw AppFailure(.usage("\(place): unbalanced quote")) }
    }
}
