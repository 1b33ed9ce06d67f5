/// Reading dates as people write them (RULES.md §8): ISO `2025-09-01`, or Republic-of-China
/// dates where a year of 1 to 3 digits is year + 1911 (`114-09-01` is 2025-09-01), in the forms
/// Taiwan's offices and government systems use:
/// - separated by `-`, `/` or `.` (one kind), month and day of one or two digits: `2025-9-1`,
///   `2025/9/1`, `114/09/01`, `114.9.1`;
/// - digits only: `20250901` (8 digits, the Western year), `1140901` (7 digits, the ROC year of
///   government systems);
/// - with 年, 月 and 日: `114年9月1日`, `2025年9月1日` (日 may be left out).
public enum DateParsing {
    public enum Failure: Error, Equatable, Sendable {
        case malformed(String)
        case impossible(String)

        public var message: String {
            switch self {
            case .malformed(let s):
                return "'\(s)' is not a date: write \(DateParsing.forms)"
            case .impossible(let s):
                return "'\(s)' is not a day on the calendar"
            }
        }

        /// The same in zh-TW.
        public var zh: String {
            switch self {
            case .malformed(let s): return "'\(s)' 不是日期：請寫 \(DateParsing.zhForms)"
            case .impossible(let s): return "'\(s)' 不是曆上的日子"
            }
        }
    }

    /// The forms a date may take, for messages and help texts.
    public static let zhForms = "2025-09-01（或 2025/9/1、20250901），或民國日期如 114-09-01、114/9/1、1140901、114年9月1日"

    public static let forms = "2025-09-01 (or 2025/9/1, 20250901), or an ROC date such as 114-09-01, 114/9/1, 1140901 or 114年9月1日"

    public static func parse(_ text: String) throws(Failure) -> CivilDate {
        let s = text.trimmingSpaces
        guard !s.isEmpty else { throw .malformed(text) }
        let (year, yearDigits, month, day) = try fields(s, text)
        let y: Int
        switch yearDigits {
        case 1...3:
            guard year >= 1 else { throw .impossible(text) }
            y = year + 1911
        case 4:
            // 0114-09-01 is no date anyone means: an ROC year is written without leading zeros.
            guard year >= 1912 else { throw .malformed(text) }
            y = year
        default:
            throw .malformed(text)
        }
        guard let date = CivilDate(year: y, month: month, day: day) else { throw .impossible(text) }
        return date
    }

    /// The year (with how many digits it was written in), month and day of one of the forms.
    private static func fields(_ s: String, _ text: String) throws(Failure) -> (Int, Int, Int, Int) {
        func digits(_ part: Substring, max: Int) throws(Failure) -> Int {
            guard !part.isEmpty, part.count <= max, part.allSatisfy({ $0.isASCII && $0.isNumber }), let n = Int(part) else { throw .malformed(text) }
            return n
        }
        // 114年9月1日, 2025年9月1日 (日 optional).
        if s.contains("年") {
            var rest = Substring(s)
            if rest.hasSuffix("日") { rest = rest.dropLast() }
            let y = rest.split(separator: "年", omittingEmptySubsequences: false)
            guard y.count == 2 else { throw .malformed(text) }
            let md = y[1].split(separator: "月", omittingEmptySubsequences: false)
            guard md.count == 2 else { throw .malformed(text) }
            return (try digits(y[0], max: 4), y[0].count, try digits(md[0], max: 2), try digits(md[1], max: 2))
        }
        // 20250901 and 1140901.
        if s.allSatisfy({ $0.isASCII && $0.isNumber }) {
            let u = Array(s)
            guard u.count == 7 || u.count == 8 else { throw .malformed(text) }
            let yearLength = u.count - 4
            let y = Substring(String(u[0..<yearLength])), m = Substring(String(u[yearLength..<(yearLength + 2)]))
            let d = Substring(String(u[(yearLength + 2)...]))
            return (try digits(y, max: 4), yearLength, try digits(m, max: 2), try digits(d, max: 2))
        }
        // Separated: one kind of separator, three parts.
        var separator: Character? = nil
        for ch in s where ch == "-" || ch == "/" || ch == "." {
            if separator == nil { separator = ch } else if separator != ch { throw .malformed(text) }
        }
        guard let separator else { throw .malformed(text) }
        let parts = s.split(separator: separator, omittingEmptySubsequences: false)
        guard parts.count == 3 else { throw .malformed(text) }
        return (try digits(parts[0], max: 4), parts[0].count, try digits(parts[1], max: 2), try digits(parts[2], max: 2))
    }

    /// A strict ISO date (as stored in the ledger and in JSON).
    public static func parseISO(_ text: String) -> CivilDate? {
        var text = text
        return text.withUTF8(parseISO(bytes:))
    }

    /// The same from UTF-8 bytes (no copy: rebuilds and imports parse millions of days).
    public static func parseISO(bytes u: UnsafeBufferPointer<UInt8>) -> CivilDate? {
        guard u.count == 10, u[4] == 45, u[7] == 45 else { return nil }
        func num(_ r: Range<Int>) -> Int? {
            var v = 0
            for i in r { let c = u[i]; guard c >= 48 && c <= 57 else { return nil }; v = v * 10 + Int(c - 48) }
            return v
        }
        guard let y = num(0..<4), let m = num(5..<7), let d = num(8..<10) else { return nil }
        return CivilDate(year: y, month: m, day: d)
    }
}

extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s.removeFirst() }
        while let l = s.last, l.isWhitespace { s.removeLast() }
        return String(s)
    }
}
