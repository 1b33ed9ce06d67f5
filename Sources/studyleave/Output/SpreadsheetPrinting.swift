import Foundation
import StudyLeaveApp
import StudyLeaveDomain
import StudyLeaveOutput

// The answers whose tables `--format ods --to FILE.ods` writes as ODF spreadsheets (issue 14).
extension Status: WritesSpreadsheets {}
extension Quota: WritesSpreadsheets {}
extension ObligationQuery: WritesSpreadsheets {}
extension History: WritesSpreadsheets {}
extension OnLeaveReport: WritesSpreadsheets {}
extension ObligationsReport: WritesSpreadsheets {}
extension PendingReport: WritesSpreadsheets {}
extension DueReport: WritesSpreadsheets {}
extension SpreadReport: WritesSpreadsheets {}
extension AgencyList: WritesSpreadsheets {}
extension PersonList: WritesSpreadsheets {}
extension HoursQuery: WritesSpreadsheets {}
extension PolicyList: WritesSpreadsheets {}

extension Printer {
    /// The columns that hold ids and names: text, whatever they look like (an id `0012` stays `0012`).
    static let textColumns: Set<String> = ["Person", "Agency", "Application", "Course", "Parent", "Name", "Agency name",
                                           "Holders", "Details", "Detail", "Actor", "Reason", "Topics", "Short of", "Untrained"]

    /// The report as a spreadsheet: the table as CSV lays it out (the facts as leading columns),
    /// headers in the chosen language, then each extra table on its own tab; written to `sheetPath`.
    func writeSpreadsheet(_ r: Report) {
        var sheets = [sheet(name: r.sheetName, columns: r.facts.map(\.0) + r.columns,
                            rows: r.rows.isEmpty ? (r.facts.isEmpty ? [] : [r.facts.map(\.1)]) : r.rows.map { r.facts.map(\.1) + $0 })]
        for extra in r.extraSheets { sheets.append(sheet(name: extra.name, columns: extra.columns, rows: extra.rows)) }
        let path = sheetPath ?? "studyleave.ods"
        do {
            let data = try ODSWriter.data(Spreadsheet(sheets: sheets), dates: calendar == .roc ? .roc : .iso)
            try OutputFile.write(data, to: path, what: "--format ods")
        } catch let e as AppError {
            fail(e)
        } catch let e as ODSWriter.Failure {
            fail(.unusable(e.message))
        } catch {
            fail(.unusable("\(error)"))
        }
        FileHandle.standardError.write(Data((lang == .zhTW ? "已寫入 \(path)\n" : "wrote \(path)\n").utf8))
    }

    /// One tab: each column typed by what all its cells are (numbers, days), ids and names as text.
    func sheet(name: String, columns: [String], rows: [[String]]) -> Sheet {
        var kinds: [Int: CellKind] = [:]
        for (i, column) in columns.enumerated() {
            let cells = rows.compactMap { i < $0.count ? $0[i] : nil }.filter { !$0.isEmpty }
            if Printer.textColumns.contains(column) || cells.isEmpty { kinds[i] = .text; continue }
            if cells.allSatisfy({ CSVSafety.isNumber($0) }) { kinds[i] = .number }
            else if cells.allSatisfy({ day($0) != nil }) { kinds[i] = .date }
            else { kinds[i] = .text }
        }
        let typed = rows.map { row in
            row.enumerated().map { i, value -> Cell in
                if value.isEmpty { return .empty }
                switch kinds[i] ?? .text {
                case .number: return .number(value)
                case .date: return day(value).map { .date($0.iso) } ?? .text(value)
                case .text: return .text(value)
                }
            }
        }
        return Sheet(name: t(name), headers: columns.map(t), rows: typed)
    }

    enum CellKind { case text, number, date }

    /// A day as this printer writes one (ISO, or ROC with `--calendar roc`).
    func day(_ s: String) -> CivilDate? {
        guard s.count <= 10, s.first?.isNumber == true else { return nil }
        if let d = DateParsing.parseISO(s) { return d }
        guard calendar == .roc, s.contains("/") else { return nil }
        return try? DateParsing.parse(s)
    }

    func fail(_ e: AppError) -> Never {
        let line = e.message(lang).split(whereSeparator: \.isNewline).joined(separator: " ")
        FileHandle.standardError.write(Data("error: \(line)\n".utf8))
        exit(e.exitCode)
    }
}
