import Foundation

/// What an answer shows: a few facts (label, value) and a table. The same report prints as an
/// aligned table in a terminal, as CSV for spreadsheets, as an ODF spreadsheet and as an HTML
/// table in the web view; JSON is built beside it, in CLI.md's shapes (`Answer`). Labels are
/// English and are translated where they are shown (`Wording.t`).
public struct Report {
    /// A first line: when the answer looks (as of a day, as known at a moment).
    public var heading: String?
    public var facts: [(String, String)]
    public var columns: [String]
    public var rows: [[String]]
    /// Lines after the table (explanations), in a terminal and on a page.
    public var notes: [String]
    /// The spreadsheet tab of the table (`--format ods`).
    public var sheetName: String
    /// More tables, each its own tab in a spreadsheet: what a terminal shows in notes.
    public var extraSheets: [(name: String, columns: [String], rows: [[String]])]

    public init(heading: String? = nil, facts: [(String, String)] = [], columns: [String] = [], rows: [[String]] = [],
                notes: [String] = [], sheetName: String = "StudyLeave",
                extraSheets: [(name: String, columns: [String], rows: [[String]])] = []) {
        self.heading = heading; self.facts = facts; self.columns = columns; self.rows = rows; self.notes = notes
        self.sheetName = sheetName; self.extraSheets = extraSheets
    }

    /// The table as CSV and spreadsheets lay it out: the facts as leading columns of every row
    /// (or one row of facts when there are no rows).
    public var flattened: (columns: [String], rows: [[String]]) {
        let values = facts.map(\.1)
        let rows = self.rows.isEmpty ? (facts.isEmpty ? [] : [values]) : self.rows.map { values + $0 }
        return (facts.map(\.0) + columns, rows)
    }

    /// RFC 4180 with a UTF-8 byte-order mark, so that Excel opens Chinese text cleanly; cells a
    /// spreadsheet would run as formulas are neutralised (`CSVSafety`).
    public func csv(_ w: Wording) -> String {
        let (columns, rows) = flattened
        var out = "\u{FEFF}"
        out += columns.map { Self.csvCell(w.t($0)) }.joined(separator: ",") + "\r\n"
        for row in rows { out += row.map(Self.csvCell).joined(separator: ",") + "\r\n" }
        return out
    }

    static func csvCell(_ s: String) -> String {
        let s = CSVSafety.neutralised(s)
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
