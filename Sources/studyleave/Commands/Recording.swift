import Foundation
import StudyLeaveApp
import StudyLeaveDomain
import StudyLeaveOutput

/// The shared tail of every write command: record, then print what was recorded.
func record(_ command: Command, global: GlobalOptions, write: WriteOptions) async throws {
    let day = try write.day(), requestId = try write.checkedRequestId(), actor = try global.checkedActor()
    let ledger = try await global.openLedger()
    let result: Recorded
    do { result = try await Recorder(ledger: ledger, actor: actor).record(command, on: day, requestId: requestId) } catch { throw AppFailure(error) }
    printRecorded(result, global: global)
}

func printRecorded(_ result: Recorded, global: GlobalOptions) {
    let p = global.printer
    guard let first = result.events.first else { return }
    let json: JSONValue = [
        "position": .int(Int(first.position)), "type": .string(first.data.type), "on": .string(first.on.iso),
        "recordedAt": .string(first.recordedAt), "actor": .string(first.actor),
        "requestId": first.requestId.map(JSONValue.string) ?? .null,
        "duplicate": .bool(result.duplicate), "data": EventCodec.encode(first.data),
    ]
    var report = Report()
    if global.format == .table {
        let subject: String
        switch first.data {
        case let .agencyAdded(a, _, _): subject = a
        case let .headcountSet(a, year, budgeted): subject = "\(a) \(year): \(budgeted)"
        case let .eventRetracted(target, type, _): subject = "of #\(target) \(type)"
        case let .headAppointed(a, person, acting, until): subject = "\(a) \(person)" + (acting ? " (acting until \(p.date(until)))" : "")
        case let .courseAdded(c): subject = "\(c.course) (\(c.hours) h, \(p.date(c.from))–\(p.date(c.to)))"
        case let .attendanceRecorded(c, person, _, _): subject = "\(person) at \(c)" + (result.events.count > 1 ? " and \(result.events.count - 1) more" : "")
        case let .hoursRequired(a, year, _): subject = "\(a) \(p.year(year))"
        case let .accessRevoked(g, a): subject = "\(g) (\(a))"
        case let .policyAdopted(policy): subject = "\"\(policy.name)\" from \(p.date(policy.effectiveFrom))" + (result.events.count > 1 ? " and \(result.events.count - 1) more" : "")
        default: subject = first.data.application ?? first.data.person ?? ""
        }
        if p.lang == .zhTW {
            let what = "#\(first.position) \(p.t(first.data.type))" + (subject.isEmpty ? "" : " \(subject)") + "（\(p.date(first.on))）"
            report.notes = [result.duplicate
                ? "已於 \(what) 記錄（請求代碼 \(first.requestId ?? "")），未再新增紀錄"
                : "已記錄 \(what)"]
        } else {
            let what = "#\(first.position) \(first.data.type)" + (subject.isEmpty ? "" : " \(subject)") + " on \(p.date(first.on))"
            report.notes = [result.duplicate
                ? "already recorded as \(what) (request id \(first.requestId ?? "")); nothing new was recorded"
                : "recorded \(what)"]
        }
    } else {
        report.columns = ["Position", "Type", "On", "Recorded at", "Actor", "Details"]
        report.rows = [[String(first.position), first.data.type, p.date(first.on), p.recorded(first.recordedAt), first.actor,
                        EventCodec.encode(first.data).canonical]]
    }
    p.emit(json: json, report: report)
}
