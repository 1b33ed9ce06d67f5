import ArgumentParser
import Foundation
import StudyLeaveApp
import StudyLeaveDomain
import StudyLeaveOutput

struct Generate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a synthetic national history in the export format (JSON Lines), for tests and benchmarks.",
        discussion: """
            Agencies in a tree, people spread unevenly across them, and every year applications, approvals and quota refusals, leave, extensions, returns, payments, pauses, transfers, separations, waivers and corrections, each decided by the same rules as the CLI's writes. The same --seed gives the same file. 'import' of the output passes 'verify'.
            Taiwan at scale: --agencies 7000 --people 360000 --years 20 (about 10 million events).
            Example:
              studyleave generate --agencies 50 --people 2000 --years 5 --seed 1 \\
                  --to small.jsonl
            """)
    @Option(help: "How many agencies.") var agencies: Int
    @Option(help: "How many people at the start.") var people: Int
    @Option(help: "How many years, ending in 2025.") var years: Int
    @Option(help: "The random seed.") var seed: UInt64 = 1
    @Option(help: ArgumentHelp("The file to write (it must not exist yet).", valueName: "file")) var to: String
    @OptionGroup var global: GlobalOptions

    func validate() throws {
        guard (1...100_000).contains(agencies) else { throw ValidationError("--agencies must be from 1 to 100,000") }
        guard (1...10_000_000).contains(people) else { throw ValidationError("--people must be from 1 to 10,000,000") }
        guard (1...100).contains(years) else { throw ValidationError("--years must be from 1 to 100") }
    }

    func run() async throws {
        let progress = Progress("generated events:")
        let summary: HistoryFile.Summary
        do {
            summary = try HistoryFile.write(GeneratorConfig(agencies: agencies, people: people, years: years, seed: seed), to: to,
                                            progress: progress.update)
        } catch { progress.finish(); throw AppFailure(error) }
        progress.finish()
        global.printer.emit(json: ["events": .int(Int(summary.events)), "refusals": .int(summary.refusals), "file": .string(to)],
                            report: Report(notes: ["wrote \(summary.events) events to \(to) (\(summary.refusals) commands refused by the rules along the way)"]))
    }
}
