import StudyLeaveDomain

extension Report {
    /// The columns that hold ids and names: text, whatever they look like (an id `0012` stays `0012`).
    public static let textColumns: Set<String> = ["Person", "Agency", "Application", "Course", "Parent", "Name", "Agency name",
                                                  "Holders", "Details", "Detail", "Actor", "Reason", "Topics", "Short of", "Untrained",
                                                  "Grant", "Label"]

    /// The report as a spreadsheet: the table as CSV lays it out, headers in the chosen
    /// language, then each extra table on its own tab.
    public func spreadsheet(_ w: Wording) -> Spreadsheet {
        let (columns, rows) = flattened
        var sheets = [Self.sheet(name: sheetName, columns: columns, rows: rows, w)]
        for extra in extraSheets { sheets.append(Self.sheet(name: extra.name, columns: extra.columns, rows: extra.rows, w)) }
        return Spreadsheet(sheets: sheets)
    }

    /// The report as ODF bytes (`--format ods`, the web view's downloads).
    public func odsData(_ w: Wording) throws(ODSWriter.Failure) -> [UInt8] {
        Array(try ODSWriter.data(spreadsheet(w), dates: w.calendar == .roc ? .roc : .iso))
    }

    /// One tab: each column typed by what all its cells are (numbers, days), ids and names as text.
    static func sheet(name: String, columns: [String], rows: [[String]], _ w: Wording) -> Sheet {
        enum Kind { case text, number, date }
        var kinds: [Int: Kind] = [:]
        for (i, column) in columns.enumerated() {
            let cells = rows.compactMap { i < $0.count ? $0[i] : nil }.filter { !$0.isEmpty }
            if textColumns.contains(column) || cells.isEmpty { kinds[i] = .text; continue }
            if cells.allSatisfy({ CSVSafety.isNumber($0) }) { kinds[i] = .number }
            else if cells.allSatisfy({ w.day($0) != nil }) { kinds[i] = .date }
            else { kinds[i] = .text }
        }
        let typed = rows.map { row in
            row.enumerated().map { i, value -> Cell in
                if value.isEmpty { return .empty }
                switch kinds[i] ?? .text {
                case .number: return .number(value)
                case .date: return w.day(value).map { .date($0.iso) } ?? .text(value)
                case .text: return .text(value)
                }
            }
        }
        return Sheet(name: w.t(name), headers: columns.map(w.t), rows: typed)
    }
}
