import ArgumentParser
import StudyLeaveApp
import StudyLeaveDomain
import StudyLeaveOutput

struct AccessGroup: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "access", abstract: "Read tokens for the web view ('serve'): grant, revoke, list.",
        discussion: """
            A token of agency A reads A and every agency below it in the web view, nothing else. Grants and revocations are events, so who was given access when is in the history; the ledger keeps only each token's SHA-256, and the token is printed once, when granted.
            Example: studyleave access grant TY-HR --label "Taoyuan HR office"
                     studyleave access revoke G1
            """,
        subcommands: [AccessGrantCommand.self, AccessRevokeCommand.self, AccessListCommand.self])
}

struct AccessGrantCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "grant", abstract: "A new read token for an agency's figures; printed once, only its hash is kept.",
        discussion: """
            Give the token to the agency's HR office: a browser signs in with it once at the web view's sign-in page; a script sends 'Authorization: Bearer TOKEN'. Lost tokens are not recoverable: revoke the grant and grant a new one.
            Example: studyleave access grant TY-HR --label "Taoyuan HR office" --format json
            """)
    @Argument(help: "The agency whose figures (and those of every agency below it) the token reads.") var agency: String
    @Option(help: "Who the token is for, as you will recognise it in 'access list'.") var label: String
    @OptionGroup var global: GlobalOptions
    @OptionGroup var write: WriteOptions

    func run() async throws {
        let agency = try checkID(self.agency, "agency")
        let day = try write.day(), requestId = try write.checkedRequestId(), actor = try global.checkedActor()
        let ledger = try await global.openLedger()
        let (recorded, token): (Recorded, String)
        do { (recorded, token) = try await Access(ledger: ledger).grant(agency: agency, label: label, actor: actor, on: day, requestId: requestId) }
        catch { throw AppFailure(error) }
        guard let first = recorded.events.first, case let .accessGranted(id, a, label, _) = first.data else { return }
        let p = global.printer
        // A repeated request id answers with the first grant, whose token was shown then only.
        let shown: String? = recorded.duplicate ? nil : token
        var notes = [p.lang == .zhTW ? "已記錄 #\(first.position) 查閱授權 \(id)（\(a)，\(label)）" : "recorded #\(first.position) grant \(id) for \(a) (\(label))"]
        if let shown {
            notes += [p.lang == .zhTW ? "權杖（僅顯示這一次，請妥善交付）：" : "token (shown this once; hand it over safely):", shown]
        } else {
            notes = [p.lang == .zhTW ? "已於 #\(first.position) 授權 \(id)；權杖僅於當時顯示" : "already granted as #\(first.position) \(id); its token was shown then only"]
        }
        p.emit(json: ["id": .string(id), "agency": .string(a), "label": .string(label), "token": shown.map(JSONValue.string) ?? .null,
                      "position": .int(Int(first.position)), "duplicate": .bool(recorded.duplicate)],
               report: Report(columns: global.format == .table ? [] : ["Grant", "Agency", "Label", "Token"],
                              rows: global.format == .table ? [] : [[id, a, label, shown ?? ""]],
                              notes: global.format == .table ? notes : []))
    }
}

struct AccessRevokeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "revoke", abstract: "End a grant: its token reads nothing from now on.",
        discussion: "Example: studyleave access revoke G1")
    @Argument(help: "The grant's id (see 'access list').") var grant: String
    @OptionGroup var global: GlobalOptions
    @OptionGroup var write: WriteOptions

    func run() async throws {
        try await record(.revokeAccess(grant: try checkID(grant, "grant")), global: global, write: write)
    }
}

struct AccessListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "Every grant: agency, label, granted and revoked when and by whom (never the token).",
        discussion: "Example: studyleave access list --known-at 2026-01-01")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var query: QueryOptions
    @OptionGroup var sheet: SheetOptions

    func run() async throws {
        let ledger = try await global.openLedger()
        let lines: [AccessLine]
        let time = try query.time()
        do { lines = try await Access(ledger: ledger).list(at: time) } catch { throw AppFailure(error) }
        let p = try await global.printer(for: query, sheet: sheet, ledger)
        p.emit(
            json: .array(lines.map { l in
                ["id": .string(l.grant.id), "agency": .string(l.grant.agency), "label": .string(l.grant.label),
                 "grantedOn": .string(l.grant.granted.on.iso), "grantedAt": .string(l.grantedAt), "grantedBy": .string(l.grantedBy),
                 "position": .int(Int(l.grant.granted.position)), "revoked": .bool(!l.grant.isActive),
                 "revokedAt": l.revokedAt.map(JSONValue.string) ?? .null]
            }),
            report: Report(
                columns: ["Grant", "Agency", "Agency name", "Label", "Granted", "Recorded at", "Actor", "Revoked at"],
                rows: lines.map { l in
                    [l.grant.id, l.grant.agency, l.agencyName, l.grant.label, p.date(l.grant.granted.on), p.recorded(l.grantedAt),
                     l.grantedBy, l.revokedAt.map(p.recorded) ?? ""]
                }, sheetName: "Access"))
    }
}
