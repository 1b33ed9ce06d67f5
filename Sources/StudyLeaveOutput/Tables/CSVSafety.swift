/// OWASP "CSV injection": a cell a spreadsheet would run as a formula (`=HYPERLINK(…)` as an
/// agency's name) is written as text. A number, negative ones included (a headroom of -1), is
/// left as it is, so that it stays a number.
public enum CSVSafety {
    /// The characters that make a spreadsheet read a cell as a formula (or hide its start).
    public static let formulaStarts: Set<Character> = ["=", "+", "-", "@", "\t", "\r"]

    public static func isFormula(_ s: String) -> Bool {
        guard let first = s.first, formulaStarts.contains(first) else { return false }
        return !isNumber(s)
    }

    /// A leading `'` makes Excel and LibreOffice keep the cell as text.
    public static func neutralised(_ s: String) -> String { isFormula(s) ? "'" + s : s }

    /// `-1`, `-12.5`: a plain decimal number.
    public static func isNumber(_ s: String) -> Bool {
        var body = Substring(s)
        if body.first == "-" { body = body.dropFirst() }
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count) else { return false }
        return parts.allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }
    }
}
