import ArgumentParser
import Foundation
import StudyLeaveApp
import StudyLeaveDomain
import StudyLeaveOutput

/// A policy file read and checked (bad data, 65, when it is not one).
func readPolicyFile(_ path: String) throws -> PolicySet {
    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
        throw AppFailure(.badData("cannot read the policy file \(path)"))
    }
    do { return try PolicyFile.parse(text) } catch { throw AppFailure(.badData(error.message)) }
}

struct PolicyGroup: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "policy", abstract: "The rules' figures as dated policies, recorded in the ledger.",
        discussion: """
            A policy file (JSON, Docs/RULES.md) lists policies, each with the day it takes effect and the figures that differ from the law's: the quota, part-time leave hours, the service owed, the duration limits and how learning hours are credited. Adopting one records it as an event: an export carries it, and --known-at before its adoption shows the figures as they were known.
            """,
        subcommands: [PolicyAdopt.self, PolicyList.self])
}

struct PolicyAdopt: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "adopt", abstract: "Record the policies of a file (the form of 'init --policy').",
        discussion: """
            Each policy holds from its effectiveFrom day; one adopted later for the same day replaces the earlier from then on. --on is the day it was adopted.
            Example: studyleave policy adopt city-2020.json --on 2020-01-01
            """)
    @Argument(help: ArgumentHelp("The policy file (JSON).", valueName: "file")) var file: String
    @OptionGroup var global: GlobalOptions
    @OptionGroup var write: WriteOptions

    func run() async throws {
        let set = try readPolicyFile(file)
        try await record(.adoptPolicies(set.policies), global: global, write: write)
    }
}

struct PolicyList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "The policies in force over time: from when, adopted when and by whom.",
        discussion: "Example: studyleave policy list --known-at 2026-01-01")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var query: QueryOptions
    @OptionGroup var sheet: SheetOptions

    func run() async throws {
        let ledger = try await global.openLedger()
        let lines: [PolicyLine]
        do { lines = try await Queries(ledger: ledger).policyList(at: try query.time()) } catch let e as AppError { throw AppFailure(e) }
        let p = try await global.printer(for: query, sheet: sheet, ledger)
        p.emit(
            json: .array(lines.map { l in
                ["name": .string(l.policy.name), "effectiveFrom": .string(l.policy.effectiveFrom.iso),
                 "until": l.until.map { .string($0.iso) } ?? .null,
                 "position": l.adoption.map { .int(Int($0.position)) } ?? .null,
                 "adoptedOn": l.adoption.map { .string($0.on.iso) } ?? .null,
                 "recordedAt": l.adoption.map { .string($0.recordedAt) } ?? .null,
                 "actor": l.adoption.map { .string($0.actor) } ?? .null,
                 "terms": PolicyFile.entry(l.policy)]
            }),
            report: Report(
                columns: ["Name", "From", "To", "Position", "Adopted", "Recorded at", "Actor"],
                rows: lines.map { l in
                    [l.policy.name, p.date(l.policy.effectiveFrom), p.date(l.until), l.adoption.map { "#\($0.position)" } ?? p.t("built in"),
                     p.date(l.adoption?.on), l.adoption.map { p.recorded($0.recordedAt) } ?? "", l.adoption?.actor ?? ""]
                }))
    }
}
