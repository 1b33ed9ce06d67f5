/// A spreadsheet as the tool writes it: sheets of typed cells, the first row of each the headers.
/// Typed, so that a spreadsheet sums the numbers and sorts the dates (issue 14: numbers as numbers,
/// dates as dates), and so that no text is ever taken for a formula.
public struct Spreadsheet: Equatable, Sendable {
    public var sheets: [Sheet]
    public init(sheets: [Sheet]) { self.sheets = sheets }
}

public struct Sheet: Equatable, Sendable {
    /// The tab's name (at most 31 characters, without `[]*?:/\`, as spreadsheets allow).
    public var name: String
    public var headers: [String]
    public var rows: [[Cell]]

    public init(name: String, headers: [String], rows: [[Cell]]) {
        self.name = Sheet.safeName(name); self.headers = headers; self.rows = rows
    }

    static func safeName(_ name: String) -> String {
        let cleaned = String(name.map { "[]*?:/\\".contains($0) ? "_" : $0 })
        return cleaned.isEmpty ? "Sheet" : String(cleaned.prefix(31))
    }
}

/// One cell's value.
public enum Cell: Equatable, Sendable {
    /// Text, never a formula whatever it starts with.
    case text(String)
    /// A decimal number as written (`12`, `-1`, `12.5`).
    case number(String)
    /// A day, ISO (`2025-09-01`), shown in the sheet's date style.
    case date(String)
    case empty
}

/// How days are shown: ISO (`2025-09-01`) or in the ROC calendar (`114/09/01`).
public enum DateDisplay: Sendable {
    case iso, roc
}
