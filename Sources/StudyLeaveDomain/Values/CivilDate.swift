/// A day on the civil calendar: a year, a month and a day, with no time and no time zone,
/// so that no zone can shift a leave by a day. Stored as days since 1970-01-01.
public struct CivilDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Days since 1970-01-01 (negative before).
    public let dayNumber: Int

    public init(dayNumber: Int) { self.dayNumber = dayNumber }

    /// The date, or nil when the day does not exist (2025-02-29, month 13, ...).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              (1...CivilDate.daysIn(month: month, year: year)).contains(day) else { return nil }
        self.dayNumber = CivilDate.days(year: year, month: month, day: day)
    }

    public var year: Int { components.year }
    public var month: Int { components.month }
    public var day: Int { components.day }

    /// Howard Hinnant's civil-from-days.
    public var components: (year: Int, month: Int, day: Int) {
        let z = dayNumber + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    static func days(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    public static func isLeap(_ year: Int) -> Bool {
        year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    public func adding(days: Int) -> CivilDate { CivilDate(dayNumber: dayNumber + days) }

    /// The same day `months` later; a day the month lacks becomes its last day
    /// (2026-08-31 plus 6 months is 2027-02-28).
    public func adding(months: Int) -> CivilDate {
        let c = components
        let total = c.year * 12 + (c.month - 1) + months
        let year = total / 12, month = total % 12 + 1
        let day = min(c.day, CivilDate.daysIn(month: month, year: year))
        return CivilDate(dayNumber: CivilDate.days(year: year, month: month, day: day))
    }

    /// Calendar days from `self` up to, not including, `other` (negative when other is earlier).
    public func days(until other: CivilDate) -> Int { other.dayNumber - dayNumber }

    public static func < (a: CivilDate, b: CivilDate) -> Bool { a.dayNumber < b.dayNumber }

    /// ISO 8601: 2025-09-01.
    public var iso: String {
        let c = components
        guard (0...9999).contains(c.year) else { return pad(c.year, 4) + "-" + pad(c.month, 2) + "-" + pad(c.day, 2) }
        // Ten bytes written in place, no intermediate strings: bulk writes make millions of these.
        return String(unsafeUninitializedCapacity: 10) { b in
            func digits(_ n: Int, at start: Int, width: Int) {
                var n = n
                for i in (start..<start + width).reversed() { b[i] = UInt8(48 + n % 10); n /= 10 }
            }
            digits(c.year, at: 0, width: 4); b[4] = UInt8(ascii: "-")
            digits(c.month, at: 5, width: 2); b[7] = UInt8(ascii: "-")
            digits(c.day, at: 8, width: 2)
            return 10
        }
    }

    /// Republic-of-China form: 114/09/01 (year − 1911). Dates before ROC year 1 print as ISO.
    public var roc: String {
        let c = components
        guard c.year > 1911 else { return iso }
        return String(c.year - 1911) + "/" + pad(c.month, 2) + "/" + pad(c.day, 2)
    }

    public var description: String { iso }
}

/// An inclusive range of days: a study from 2025-09-01 to 2025-09-30 lasted 30 days.
public struct DayRange: Hashable, Sendable {
    public var first: CivilDate
    public var last: CivilDate
    public init(_ first: CivilDate, _ last: CivilDate) { self.first = first; self.last = last }
    /// Inclusive count; 0 when last precedes first.
    public var count: Int { max(0, last.dayNumber - first.dayNumber + 1) }
    public func clamped(to other: DayRange) -> DayRange {
        DayRange(max(first, other.first), min(last, other.last))
    }
    public func contains(_ day: CivilDate) -> Bool { first <= day && day <= last }
}

func pad(_ n: Int, _ width: Int) -> String {
    let s = String(n)
    return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
}

/// The calendar years a ledger records figures for (headcounts, quotas, requirements).
public enum CalendarYears {
    /// ROC year 1 (1912) to next year: a year outside is a typo, not a plan.
    public static func recordable(today: CivilDate) -> ClosedRange<Int> { 1912...(today.year + 1) }

    /// A year as people write it: 1 to 999 is a 民國 (ROC) year, year + 1911 (115 is 2026).
    public static func western(_ year: Int) -> Int { (1...999).contains(year) ? year + 1911 : year }
}
