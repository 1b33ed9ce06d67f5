import ArgumentParser
import Foundation
import StudyLeaveApp
import StudyLeaveDomain
import StudyLeaveLedger

struct Generate: ParsableCommand {
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

    func run() throws {
        guard !FileManager.default.fileExists(atPath: to) else { throw AppFailure(.usage("\(to) already exists; generate writes a new file")) }
        guard FileManager.default.createFile(atPath: to, contents: nil), let out = FileHandle(forWritingAtPath: to) else {
            throw AppFailure(.ledger(.io("cannot write \(to)")))
        }
        let progress = Progress("generated events:")
        var buffer = [UInt8]()
        buffer.reserveCapacity(1 << 20)
        var previous = HashChain.genesis
        var count: Int64 = 0
        let generator = HistoryGenerator(config: GeneratorConfig(agencies: agencies, people: people, years: years, seed: seed)) { e in
            let tags = HashChain.tagsText(e.tags)
            let payload = EventCodec.encode(e.data).canonical
            let canonical = HashChain.canonical(position: e.position, type: e.data.type, version: EventData.schemaVersion, on: e.on.iso,
                                                recordedAt: e.recordedAt, actor: e.actor, requestId: e.requestId, tags: tags, payload: payload)
            previous = HashChain.hash(previous: previous, canonical: canonical)
            buffer += HashChain.canonical(position: e.position, type: e.data.type, version: EventData.schemaVersion, on: e.on.iso,
                                          recordedAt: e.recordedAt, actor: e.actor, requestId: e.requestId, tags: tags, payload: payload, hash: previous)
            buffer.append(10)
            count += 1
            if buffer.count >= 1 << 20 {
                try out.write(contentsOf: buffer)
                buffer.removeAll(keepingCapacity: true)
                progress.update(count)
            }
        }
        do {
            try generator.run()
            try out.write(contentsOf: buffer)
            try out.close()
        } catch {
            try? FileManager.default.removeItem(atPath: to)
            throw AppFailure(.ledger(.io("generation failed: \(error)")))
        }
        progress.finish()
        global.printer.emit(json: ["events": .int(Int(count)), "refusals": .int(generator.refusals), "file": .string(to)],
                            report: Report(notes: ["wrote \(count) events to \(to) (\(generator.refusals) commands refused by the rules along the way)"]))
    }
}
