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

    /// A `--known-at` time: an ISO timestamp (UTC when it has no zone; `Z` or `±HH:MM` allowed),
    /// or a bare date meaning the end of that day, UTC. Returns the last millisecond it covers.
    public static func parseQuery(_ text: String) -> Int64? {
        if let d = DateParsing.parseISO(text) { return Int64(d.dayNumber + 1) * 86_400_000 - 1 }
        var s = Substring(text)
        var offsetMinutes = 0
        if s.hasSuffix("Z") || s.hasSuffix("z") { s = s.dropLast() }
        else if s.count > 6, let sign = s.dropLast(5).last, sign == "+" || sign == "-" , s.dropLast(2).last == ":" {
            let zone = s.suffix(5)
            guard let hh = Int(zone.prefix(2)), let mm = Int(zone.suffix(2)), hh < 24, mm < 60 else { return nil }
            offsetMinutes = (hh * 60 + mm) * (sign == "+" ? 1 : -1)
            s = s.dropLast(6)
        }
        let parts = s.split(separator: "T", omittingEmptySubsequences: false)
        guard parts.count == 2, let date = DateParsing.parseISO(String(parts[0])) else { return nil }
        let timeAndFraction = parts[1].split(separator: ".", omittingEmptySubsequences: false)
        guard timeAndFraction.count <= 2 else { return nil }
        let hms = timeAndFraction[0].split(separator: ":", omittingEmptySubsequences: false)
        guard hms.count == 2 || hms.count == 3, hms.allSatisfy({ $0.count == 2 && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
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
        // Without a fraction the time names a whole second: include all of it.
        let base = Int64(date.dayNumber) * 86_400_000 + Int64(((h * 60 + m) * 60 + sec) * 1000) - Int64(offsetMinutes) * 60_000
        return base + Int64(exact ? millis : 999)
    }

    static func two(_ n: Int) -> String { n < 10 ? "0" + String(n) : String(n) }
    static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 { a >= 0 ? a / b : -((-a + b - 1) / b) }
}
