/// Reading dates as people write them (RULES.md §8): ISO `2025-09-01`, or Republic-of-China
/// dates where a year of 1 to 3 digits is year + 1911: `114-09-01`, `114/09/01`, `114.09.01`.
public enum DateParsing {
    public enum Failure: Error, Equatable, Sendable {
        case malformed(String)
        case impossible(String)

        public var message: String {
            switch self {
            case .malformed(let s):
                return "'\(s)' is not a date: write 2025-09-01, or an ROC date such as 114-09-01 or 114/09/01"
            case .impossible(let s):
                return "'\(s)' is not a day on the calendar"
            }
        }
    }

    public static func parse(_ text: String) throws(Failure) -> CivilDate {
        let s = text.trimmingSpaces
        var parts: [Substring] = []
        var separator: Character? = nil
        var current = Substring()
        for ch in s {
            if ch == "-" || ch == "/" || ch == "." {
                if separator == nil { separator = ch } else if separator != ch { throw .malformed(text) }
                parts.append(current); current = Substring()
            } else if ch.isASCII, ch.isNumber {
                current.append(ch)
            } else {
                throw .malformed(text)
            }
        }
        parts.append(current)
        guard parts.count == 3, parts.allSatisfy({ !$0.isEmpty }),
              parts[1].count <= 2, parts[2].count <= 2,
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) else {
            throw .malformed(text)
        }
        let year: Int
        switch parts[0].count {
        case 1...3:
            guard y >= 1 else { throw .impossible(text) }
            year = y + 1911
        case 4:
            // ISO: a four-digit year written with dashes and two-digit month and day.
            guard separator == "-", parts[1].count == 2, parts[2].count == 2 else { throw .malformed(text) }
            // 0114-09-01 is no date anyone means: an ROC year is written without leading zeros.
            guard y >= 1912 else { throw .malformed(text) }
            year = y
        default:
            throw .malformed(text)
        }
        guard let date = CivilDate(year: year, month: m, day: d) else { throw .impossible(text) }
        return date
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
