import StudyLeaveApp
import StudyLeaveDomain

/// The lines `retract` prints (issue 16, corrections you can see), in the chosen language: whose
/// event it takes back, each figure before → after, what was recorded, and how to repair it.
struct RetractionWording {
    let printer: Printer
    private var zh: Bool { printer.lang == .zhTW }

    func notes(_ preview: RetractionPreview, who: String, dryRun: Bool, result: Recorded?, repair: String?) -> [String] {
        let p = printer, t = preview.target
        var lines: [String] = []
        if zh {
            lines.append("\(dryRun ? "試算撤銷" : "撤銷") #\(t.position) \(p.t(t.data.type))\(who.isEmpty ? "" : "（" + who + "）")，發生日 \(p.date(t.on))")
        } else {
            lines.append("\(dryRun ? "would retract" : "retracting") #\(t.position) \(p.t(t.data.type))\(who.isEmpty ? "" : " of " + who), on \(p.date(t.on))")
        }
        lines += preview.changes.isEmpty ? [zh ? "  數字均無變動" : "  no figure changes"]
            : preview.changes.map { "  \(subject($0.subject)) \(figure($0.figure)): \(value($0.before)) -> \(value($0.after))" }
        if let result, let first = result.events.first {
            if zh {
                lines.append(result.duplicate ? "已於 #\(first.position) 記錄（請求代碼 \(first.requestId ?? "")），未再新增紀錄"
                                              : "已記錄 #\(first.position) \(p.t(first.data.type))：撤銷 #\(t.position) \(p.t(t.data.type))（\(p.date(first.on))）")
            } else {
                lines.append(result.duplicate ? "already recorded as #\(first.position) (request id \(first.requestId ?? "")); nothing new was recorded"
                                              : "recorded #\(first.position) \(first.data.type) of #\(t.position) \(t.data.type) on \(p.date(first.on))")
            }
        } else {
            lines.append(zh ? "試算：未記錄任何事件" : "dry run: nothing was recorded")
        }
        if let repair {
            lines.append(zh ? "撤銷後不能再撤銷；如需回復，請重新記錄該事件：\(repair)"
                            : "A retraction is final; to undo it, record the event again: \(repair)")
        }
        return lines
    }

    /// `obligation A1` → `繼續服務 A1` under zh-TW.
    private func subject(_ s: String) -> String {
        guard zh, let space = s.firstIndex(of: " ") else { return s }
        let kinds = ["status": "人員", "application": "申請案", "obligation": "繼續服務", "quota": "進修名額"]
        let kind = String(s[..<space])
        return (kinds[kind] ?? kind) + s[space...]
    }

    private func figure(_ f: String) -> String {
        guard zh else { return f }
        let names = ["state": "狀態", "requiredDays": "應繼續服務日數", "remainingDays": "尚需服務日數",
                     "endsOn": "屆滿日", "repaymentDue": "應賠償金額", "used": "已核定"]
        return names[f] ?? f
    }

    /// States translate; ISO days follow --calendar.
    private func value(_ v: String) -> String {
        if let d = DateParsing.parseISO(v) { return printer.date(d) }
        return printer.t(v)
    }
}
