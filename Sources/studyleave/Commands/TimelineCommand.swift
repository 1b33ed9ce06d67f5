import ArgumentParser
import Foundation
import StudyLeaveApp
import StudyLeaveDomain
import StudyLeaveOutput

struct TimelineCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "timeline", abstract: "One picture of a person's studies and service (SVG, opens in any browser).",
        discussion: """
            On one time axis: each study's approved period and extension, the days on leave, the service owed after it (served, remaining), pauses of the count, transfers, a separation and a breach; labels in --lang, dates in --calendar, as of a day and as known at a moment like every query. Hover a bar for its dates.
            Example: studyleave timeline TY-P1 --to ty-p1.svg --lang zh-TW --calendar roc
            """)
    @Argument(help: "The person's id.") var person: String
    @Option(help: ArgumentHelp("The picture to write (a new file).", valueName: "file.svg")) var to: String
    @OptionGroup var global: GlobalOptions
    @OptionGroup var query: QueryOptions

    func run() async throws {
        let time = try query.time()
        let ledger = try await global.openLedger()
        let t: Timeline
        do { t = try await Queries(ledger: ledger).timeline(person: try checkID(person, "person"), at: time) } catch let e as AppError { throw AppFailure(e) }
        let p = try await global.printer(for: query, ledger)
        let knownAt = p.seen.flatMap { $0.knownAtGiven ? p.heading($0) : nil }
        let svg = TimelineSVG(timeline: t, wording: p.wording, knownAt: knownAt).render()
        do { try OutputFile.write(Data(svg.utf8), to: to, what: "timeline") } catch { throw AppFailure(error) }
        p.emit(json: ["person": .string(t.person), "file": .string(to), "studies": .int(t.studies.count)],
               report: Report(notes: [p.lang == .zhTW ? "已寫入 \(to)（\(t.person) \(t.name)，\(t.studies.count) 項進修）" : "wrote \(to) (\(t.person) \(t.name), \(t.studies.count) \(t.studies.count == 1 ? "study" : "studies"))"]))
    }
}
