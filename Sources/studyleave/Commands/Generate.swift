import ArgumentParser
import Foundation
import StudyLeaveApp
import StudyLeaveDomain
import StudyLeaveOutput

struct Generate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate", abstract: "Write a synthetic national history in the export format (JSON Lines), for tests and benchmarks.",
        discussion: """
            Agencies in a tree, people spread unevenly across them, and every year applications, approvals and quota refusals, leave, extensions, returns, payments, pauses, transfers, separations, waivers and corrections, each decided by the same rules as the CLI's writes. The same --seed gives the same file. 'import' of the output passes 'verify'.
            Taiwan at scale: --agencies 7000 --people 360000 --years 20 (about 10 million events).
            With --courses-per-year N, every agency also offers courses and records their rosters, so that each person attends about N a year (learning hours); about 10 is the national figure (some 70 million attendances in 20 years). The study-leave decisions of a seed are the same with or without it.
            Example:
              studyleave generate --agencies 50 --people 2000 --years 5 --seed 1 \\
                  --to small.jsonl
            """)
    @Option(help: "How many agencies.") var agencies: Int
    @Option(help: "How many people at the start.") var people: Int
    @Option(help: "How many years, ending in 2025.") var years: Int
    @Option(help: "The random seed.") var seed: UInt64 = 1
    @Option(name: .customLong("courses-per-year"), help: "Courses each person attends in a year (0: no learning hours).") var coursesPerYear = 0
    @Option(help: ArgumentHelp("The file to write (it must not exist yet).", valueName: "file")) var to: String
    @OptionGroup var global: GlobalOptions

    func validate() throws {
        guard (1...100_000).contains(agencies) else { throw ValidationError("--agencies must be from 1 to 100,000") }
        guard (1...10_000_000).contains(people) else { throw ValidationError("--people must be from 1 to 10,000,000") }
        guard (1...100).contains(years) else { throw ValidationError("--years must be from 1 to 100") }
        guard (0...50).contains(coursesPerYear) else { throw ValidationError("--courses-per-year must be from 0 to 50") }
    }

    func run() async throws {
        let progress = Progress("generated events:")
        let summary: HistoryFile.Summary
        do {
            summary = try HistoryFile.write(GeneratorConfig(agencies: agencies, people: people, years: years, seed: seed,
                                                                            coursesPerYear: coursesPerYear), to: to,
                                            progress: progress.update)
        } catch { progress.finish(); throw AppFailure(error) }
        progress.finish()
        global.printer.emit(json: ["events": .int(Int(summary.events)), "refusals": .int(summary.refusals), "file": .string(to)],
                            report: Report(notes: ["wrote \(summary.events) events to \(to) (\(summary.refusals) commands refused by the rules along the way)"]))
    }
}
