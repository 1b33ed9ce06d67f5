import StudyLeaveApp
import StudyLeaveDomain

/// How dates are shown: ISO (`2025-09-01`) or the ROC calendar (`114/09/01`, year + 1911).
public enum CalendarStyle: String, CaseIterable, Sendable { case iso, roc }

/// How an answer reads to people: its language, its calendar, and whether numbers are grouped
/// for reading (1,234,567 in a terminal and on a page; CSV and spreadsheets keep them plain).
public struct Wording: Sendable {
    public var lang: Language
    public var calendar: CalendarStyle
    public var groupsNumbers: Bool

    public init(lang: Language = .en, calendar: CalendarStyle = .iso, groupsNumbers: Bool = false) {
        self.lang = lang; self.calendar = calendar; self.groupsNumbers = groupsNumbers
    }

    /// A label or state in the chosen language.
    public func t(_ text: String) -> String {
        lang == .zhTW ? (Labels.zhTW[text] ?? text) : text
    }

    public func date(_ d: CivilDate?) -> String {
        guard let d else { return "" }
        return calendar == .roc ? d.roc : d.iso
    }

    /// A calendar year as printed: 民國 years with the ROC calendar (115 for 2026).
    public func year(_ y: Int) -> String { calendar == .roc ? String(y - 1911) : String(y) }

    /// A recorded time (UTC, as stored) as people read it: Taipei time with its offset. JSON keeps UTC.
    public func recorded(_ stored: String) -> String { RecordedTime.taipei(stored) }

    /// An amount of money: grouped for reading, plain for spreadsheets.
    public func money(_ n: NTD) -> String { groupsNumbers ? n.grouped : String(n.amount) }

    /// The line that says when an answer looks, when that is not today as known now.
    public func heading(_ seen: Seen) -> String {
        let time = seen.recordedAt.map { RecordedTime.taipei($0) }
        if lang == .zhTW {
            var h = "資料日期 \(date(seen.asOf))"
            if seen.knownAtGiven { h += "，依 #\(seen.position)" + (time.map { "（\($0)）" } ?? "") + " 當時所知" }
            return h
        }
        var h = "as of \(date(seen.asOf))"
        if seen.knownAtGiven { h += ", as known at #\(seen.position)" + (time.map { " (\($0))" } ?? "") }
        return h
    }

    /// A day as this wording writes one (ISO, or ROC with the ROC calendar), read back.
    public func day(_ s: String) -> CivilDate? {
        guard s.count <= 10, s.first?.isNumber == true else { return nil }
        if let d = DateParsing.parseISO(s) { return d }
        guard calendar == .roc, s.contains("/") else { return nil }
        return try? DateParsing.parse(s)
    }
}
