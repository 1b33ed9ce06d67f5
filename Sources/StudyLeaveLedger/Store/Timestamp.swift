#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import StudyLeaveDomain

/// Transaction time: UTC with milliseconds, `2026-11-22T07:00:00.123Z`. Fixed width, so that
/// text order is time order.
public enum Timestamp {
    /// Milliseconds since 1970 now.
    public static func nowMillis() -> Int64 {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return Int64(ts.tv_sec) * 1000 + Int64(ts.tv_nsec) / 1_000_000
    }

    public static func format(millis: Int64) -> String {
        let days = Int(floorDiv(millis, 86_400_000))
        let msOfDay = Int(millis - Int64(days) * 86_400_000)
        let date = CivilDate(dayNumber: days)
        let h = msOfDay / 3_600_000, m = msOfDay / 60_000 % 60, s = msOfDay / 1000 % 60, ms = msOfDay % 1000
        return date.iso + "T" + two(h) + ":" + two(m) + ":" + two(s) + "." + (ms < 10 ? "00" : ms < 100 ? "0" : "") + String(ms) + "Z"
    }

    /// Parses the exact stored form; nil otherwise.
    public static func parseStored(_ text: String) -> Int64? {
        var text = text
        return text.withUTF8 { parseStored(bytes: $0) }
    }

    /// The same over bytes (an import line's field).
    static func parseStored(bytes u: UnsafeBufferPointer<UInt8>) -> Int64? {
        guard u.count == 24, u[10] == UInt8(ascii: "T"), u[13] == 58, u[16] == 58, u[19] == 46, u[23] == UInt8(ascii: "Z"),
              let date = DateParsing.parseISO(bytes: UnsafeBufferPointer(rebasing: u[0..<10])) else { return nil }
        func num(_ r: Range<Int>) -> Int? {
            var v = 0
            for i in r { let c = u[i]; guard c >= 48 && c <= 57 else { return nil }; v = v * 10 + Int(c - 48) }
            return v
        }
        guard let h = num(11..<13), let m = num(14..<16), let s = num(17..<19), let ms = num(20..<23),
              h < 24, m < 60, s < 60 else { return nil }
        return Int64(date.dayNumber) * 86_400_000 + Int64(((h * 60 + m) * 60 + s) * 1000 + ms)
    }

    /// Taiwan's offset from UTC, in minutes: Asia/Taipei is UTC+8 and keeps no daylight saving
    /// (none since 1979, long before any ledger).
    public static let taipeiOffsetMinutes = 8 * 60

    /// A `--known-at` time, as officers type it: a date in any form `DateParsing` reads (ISO or
    /// ROC, `2026-12-02`, `115/12/02`, `1151202`), alone or followed by `T` or a space and a time
    /// `HH:MM[:SS[.fff]]`, with a zone `Z`, `±HH:MM` or `±HHMM` or without one. Without a zone the
    /// time is Taipei time; a bare date means the end of that day, Taipei time (CLI.md). Returns
    /// the last millisecond it covers (UTC), nil when it is none of these.
    public static func parseQuery(_ text: String) -> Int64? {
        let t = text.trimmingCharacters(in: .whitespaces)
        let dayMillis: Int64 = 86_400_000, local = Int64(taipeiOffsetMinutes) * 60_000
        if let d = try? DateParsing.parse(t) { return Int64(d.dayNumber + 1) * dayMillis - 1 - local }
        let cut = t.firstIndex(of: "T") ?? t.lastIndex(of: " ")
        guard let cut, let date = try? DateParsing.parse(String(t[..<cut])) else { return nil }
        var s = Substring(t[t.index(after: cut)...]).drop(while: { $0 == " " })
        var offsetMillis = local
        if s.hasSuffix("Z") || s.hasSuffix("z") {
            offsetMillis = 0; s = s.dropLast()
        } else if let sign = s.lastIndex(where: { $0 == "+" || $0 == "-" }) {
            let zone = s[s.index(after: sign)...].filter { $0 != ":" }
            guard zone.count == 4, zone.allSatisfy({ $0.isASCII && $0.isNumber }), let hh = Int(zone.prefix(2)), let mm = Int(zone.suffix(2)),
                  hh < 24, mm < 60 else { return nil }
            offsetMillis = Int64((hh * 60 + mm) * 60_000) * (s[sign] == "+" ? 1 : -1)
            s = s[..<sign]
        }
        let timeAndFraction = s.split(separator: ".", omittingEmptySubsequences: false)
        guard timeAndFraction.count <= 2 else { return nil }
        let hms = timeAndFraction[0].split(separator: ":", omittingEmptySubsequences: false)
        guard hms.count == 2 || hms.count == 3, hms.allSatisfy({ (1...2).contains($0.count) && $0.allSatisfy({ $0.isASCII && $0.isNumber }) }),
              let h = Int(hms[0]), let m = Int(hms[1]), h < 24, m < 60 else { return nil }
        let sec = hms.count == 3 ? Int(hms[2])! : 0
        guard sec < 60 else { return nil }
        var millis = 999
        var exact = false
        if timeAndFraction.count == 2 {
            let f = timeAndFraction[1]
            guard (1...9).contains(f.count), f.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
            millis = Int(String((f + "00").prefix(3)))!
            exact = true
        }
        // Without a fraction the time names a whole second (or minute): include all of it.
        let base = Int64(date.dayNumber) * dayMillis + Int64(((h * 60 + m) * 60 + sec) * 1000) - offsetMillis
        if exact { return base + Int64(millis) }
        return base + (hms.count == 3 ? 999 : 59_999)
    }

    /// A stored recorded time (UTC) as Taipei local time with its offset, for tables and CSV:
    /// `2026-11-22T07:00:00.123Z` reads `2026-11-22T15:00:00.123+08:00`. Other text is kept.
    public static func taipei(_ stored: String) -> String {
        guard let ms = parseStored(stored) else { return stored }
        let text = format(millis: ms + Int64(taipeiOffsetMinutes) * 60_000)
        return String(text.dropLast()) + "+08:00"
    }

    static func two(_ n: Int) -> String { n < 10 ? "0" + String(n) : String(n) }
    static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 { a >= 0 ? a / b : -((-a + b - 1) / b) }
}
