import Foundation
import StudyLeaveApp
import StudyLeaveDomain
import StudyLeaveOutput

/// One small printer per form (table, json, csv), chosen by --format.
struct Printer {
    let format: OutputFormat
    let calendar: CalendarStyle
    let lang: Language
    /// When the answer looks, if not today as known now.
    var seen: Seen? = nil
    /// Where `--format ods` writes the spreadsheet (`--to FILE.ods`).
    var sheetPath: String? = nil

    /// How this printer words an answer: numbers grouped in a terminal only.
    var wording: Wording { Wording(lang: lang, calendar: calendar, groupsNumbers: format == .table) }

    func date(_ d: CivilDate?) -> String { wording.date(d) }

    /// A table label or state in the chosen language.
    func t(_ text: String) -> String { wording.t(text) }

    /// Prints the answer in the chosen form. An answer looked at as of another day or as known at
    /// another moment (`seen`) says so: the table heads with when it looks, and a JSON object
    /// carries `asOf`, `knownAt` and `knownAtTime` (issue 16: an earlier view must never look like
    /// today's).
    func emit(_ answer: Answer) { emit(json: answer.json, report: answer.report) }

    func emit(json: JSONValue, report: @autoclosure () -> Report) {
        var json = json
        if let seen, case .object(var o) = json {
            o["asOf"] = .string(seen.asOf.iso)
            o["knownAt"] = .int(Int(seen.position))
            o["knownAtTime"] = seen.recordedAt.map(JSONValue.string) ?? .null
            json = .object(o)
        }
        switch format {
        case .json: write(json.canonical + "\n")
        case .table:
            var r = report()
            if let seen { r.heading = heading(seen) }
            write(table(r))
        case .csv: write(csv(report()))
        case .ods:
            var r = report()
            if let seen { r.heading = heading(seen) }
            writeSpreadsheet(r)
        }
    }

    func heading(_ seen: Seen) -> String { wording.heading(seen) }

    /// A recorded time (UTC, as stored) as it reads in tables and CSV: Taipei time with its
    /// offset. JSON keeps UTC (CLI.md).
    func recorded(_ stored: String) -> String { wording.recorded(stored) }

    /// A calendar year as printed: 民國 years with `--calendar roc` (115 for 2026).
    func year(_ y: Int) -> String { wording.year(y) }

    /// Set while the demo replays the seed: the writes' own output is not shown.
    nonisolated(unsafe) static var silent = false

    func write(_ s: String) {
        guard !Printer.silent else { return }
        FileHandle.standardOutput.write(Data(s.utf8))
    }

    func table(_ r: Report) -> String {
        var out = r.heading.map { $0 + "\n\n" } ?? ""
        let labelWidth = r.facts.map { displayWidth(t($0.0)) }.max() ?? 0
        for (label, value) in r.facts {
            out += padded(t(label), labelWidth) + "  " + value + "\n"
        }
        if !r.columns.isEmpty {
            if !r.facts.isEmpty { out += "\n" }
            let headers = r.columns.map(t)
            var widths = headers.map(displayWidth)
            for row in r.rows { for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], displayWidth(cell)) } }
            func line(_ cells: [String]) -> String {
                var s = ""
                for (i, c) in cells.enumerated() {
                    s += i == cells.count - 1 ? c : padded(c, widths[i]) + "  "
                }
                return s + "\n"
            }
            out += line(headers)
            out += line(widths.map { String(repeating: "-", count: $0) })
            if r.rows.isEmpty { out += "(" + t("none") + ")\n" }
            for row in r.rows { out += line(row) }
        }
        for n in r.notes { out += n + "\n" }
        return out
    }

    func csv(_ r: Report) -> String { r.csv(wording) }
}

/// Terminal columns a string takes: East Asian wide characters take two.
func displayWidth(_ s: String) -> Int {
    var w = 0
    for u in s.unicodeScalars {
        switch u.value {
        case 0x1100...0x115F, 0x2E80...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x20000...0x3FFFD:
            w += 2
        case 0x0300...0x036F, 0x200B...0x200F, 0xFE00...0xFE0F:
            break
        default:
            w += 1
        }
    }
    return w
}

func padded(_ s: String, _ width: Int) -> String {
    let w = displayWidth(s)
    return w >= width ? s : s + String(repeating: " ", count: width - w)
}
