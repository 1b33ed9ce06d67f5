/// Whole New Taiwan dollars. Money is never floating point (RULES.md §6).
public struct NTD: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let amount: Int
    /// The largest amount the ledger accepts: ten trillion NTD, far above any salary, and small
    /// enough that amount × days never overflows 64 bits.
    public static let maximum = 10_000_000_000_000
    public static let zero = NTD(0)

    public init(_ amount: Int) { self.amount = amount }

    public static func + (a: NTD, b: NTD) -> NTD { NTD(a.amount + b.amount) }
    public static func < (a: NTD, b: NTD) -> Bool { a.amount < b.amount }

    /// `self × numerator ÷ denominator`, rounded half up once (Act 16: in proportion to the
    /// part of the obligation not served).
    public func proportion(_ numerator: Int, of denominator: Int) -> NTD {
        precondition(denominator > 0 && numerator >= 0 && amount >= 0)
        let (product, overflow) = amount.multipliedReportingOverflow(by: numerator)
        if !overflow {
            return NTD((2 * product + denominator) / (2 * denominator))
        }
        // Past 64 bits: split the amount so each partial product fits.
        let whole = amount / denominator, rest = amount % denominator
        return NTD(whole * numerator + (2 * rest * numerator + denominator) / (2 * denominator))
    }

    /// 1,234,567 for tables.
    public var grouped: String {
        let digits = String(amount.magnitude)
        var out = ""
        for (i, ch) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return amount < 0 ? "-" + out : out
    }

    public var description: String { String(amount) }
}
