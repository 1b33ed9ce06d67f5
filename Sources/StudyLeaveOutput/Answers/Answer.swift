import StudyLeaveApp
import StudyLeaveDomain

/// An answer in both forms: JSON in CLI.md's shapes, and the report people read (a terminal's
/// table, CSV, an ODF spreadsheet, a web page). Built once here for the CLI and the web view.
public struct Answer {
    public var json: JSONValue
    public var report: Report
    public init(json: JSONValue, report: Report) { self.json = json; self.report = report }
}

/// The answers both faces show, one builder each (`Answers.quota`, `Answers.due`, …).
public enum Answers {}

/// An explanation line as a terminal and a page show it: the text, then the positions it rests on.
public func explanationLine(_ e: Explanation, _ lang: Language = .en) -> String {
    "  " + e.text(lang) + (e.positions.isEmpty ? "" : "  [" + e.positions.map { "#\($0)" }.joined(separator: " ") + "]")
}

/// Explanation lines in JSON: both languages and the positions.
public func explanationJSON(_ lines: [Explanation]) -> JSONValue {
    .array(lines.map { ["text": .string($0.text), "textZh": $0.zh.map(JSONValue.string) ?? .null, "positions": .array($0.positions.map { .int(Int($0)) })] })
}
