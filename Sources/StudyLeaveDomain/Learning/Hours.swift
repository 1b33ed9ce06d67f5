/// A number of learning hours with at most one decimal (RULES.md §7: "1.5"), kept exactly as
/// tenths of an hour, never as floating point.
public struct Hours: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Tenths of an hour: 15 is 1.5 hours.
    public var tenths: Int

    public init(tenths: Int) { self.tenths = tenths }

    public static let zero = Hours(tenths: 0)

    /// The most a course or a requirement may hold: 10,000 hours.
    public static let maximumTenths = 100_000
    /// The bound of every stored hours figure (payloads and commands).
    public static let storedTenths = 0...maximumTenths

    public static func < (a: Hours, b: Hours) -> Bool { a.tenths < b.tenths }
    public static func + (a: Hours, b: Hours) -> Hours { Hours(tenths: a.tenths + b.tenths) }
    public static func - (a: Hours, b: Hours) -> Hours { Hours(tenths: a.tenths - b.tenths) }

    /// `12`, `1.5`: the shortest form with at most one decimal.
    public var description: String {
        let sign = tenths < 0 ? "-" : ""
        let t = abs(tenths)
        return t % 10 == 0 ? "\(sign)\(t / 10)" : "\(sign)\(t / 10).\(t % 10)"
    }

    /// As JSON: a number (`12`, `12.5`).
    public var json: JSONValue { tenths % 10 == 0 ? .int(tenths / 10) : .number(description) }

    /// Why a text is not an hours figure, worded for the officer who typed it.
    public enum Problem: Error, Equatable, Sendable {
        case notANumber(String)
        case tooManyDecimals(String)
        case outOfRange(String)
    }

    /// Reads `12`, `12.5` or `0.5`: digits with at most one decimal, from 0 to 10,000.
    public static func parse(_ text: String) throws(Problem) -> Hours {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), !parts[0].isEmpty, parts[0].utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }),
              parts.count == 1 || (!parts[1].isEmpty && parts[1].utf8.allSatisfy({ $0 >= 48 && $0 <= 57 })) else {
            throw .notANumber(text)
        }
        if parts.count == 2, parts[1].count > 1 { throw .tooManyDecimals(text) }
        guard parts[0].count <= 6, let whole = Int(parts[0]) else { throw .outOfRange(text) }
        let tenths = whole * 10 + (parts.count == 2 ? Int(parts[1])! : 0)
        guard storedTenths.contains(tenths) else { throw .outOfRange(text) }
        return Hours(tenths: tenths)
    }
}

extension Hours.Problem {
    public var message: String {
        switch self {
        case .notANumber(let t): "'\(t)' is not a number of hours: write digits, with at most one decimal (12 or 1.5)"
        case .tooManyDecimals(let t): "'\(t)' has more than one decimal: hours are recorded to a tenth (1.5)"
        case .outOfRange(let t): "'\(t)' hours is outside 0 to \(Hours(tenths: Hours.maximumTenths))"
        }
    }

    public var zh: String {
        switch self {
        case .notANumber(let t): "「\(t)」不是時數：請以數字填寫，至多一位小數（如 12 或 1.5）"
        case .tooManyDecimals(let t): "「\(t)」超過一位小數：時數記至小數點後一位（如 1.5）"
        case .outOfRange(let t): "「\(t)」小時超出 0 至 \(Hours(tenths: Hours.maximumTenths)) 的範圍"
        }
    }
}
