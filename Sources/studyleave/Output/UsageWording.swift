import ArgumentParser
import Foundation

/// ArgumentParser's own usage errors in zh-TW (issue 16: every error in the language asked). The
/// common forms are matched and reworded with the same names; anything else stays as written.
enum UsageWording {
    /// The message on one line: a bullet list of allowed values (`  - work`) joins the first line.
    static func oneLine(_ message: String) -> String {
        let lines = message.split(separator: "\n").map(String.init)
        guard let first = lines.first else { return message }
        let bullets = lines.dropFirst().filter { $0.hasPrefix("  - ") }.map { String($0.dropFirst(4)) }
        guard !bullets.isEmpty, first.hasSuffix(":") else { return first }
        return first + " " + bullets.joined(separator: ", ")
    }

    static func zh(_ english: String) -> String {
        let forms: [(String, (String) -> String)] = [
            (#"^Missing expected argument '(.+)'$"#, { "缺少必要的參數 \($0)" }),
            (#"^Missing value for '(.+)'$"#, { "\($0) 缺少值" }),
            (#"^Unknown option '(.+)'$"#, { "不明的選項 \($0)" }),
            (#"^Unexpected argument '(.+)'$"#, { "多餘的參數 \($0)" }),
            (#"^The value '(.+)' is invalid for '([^']+)'\. Please provide one of (?:the following: )?(.+?)\.?$"#, { $0 }),
            (#"^The value '(.+)' is invalid for '([^']+)'.*$"#, { $0 }),
        ]
        for (pattern, word) in forms {
            guard let re = try? NSRegularExpression(pattern: pattern),
                  let m = re.firstMatch(in: english, range: NSRange(english.startIndex..., in: english)) else { continue }
            let groups = (1..<m.numberOfRanges).compactMap { Range(m.range(at: $0), in: english).map { String(english[$0]) } }
            if groups.count == 3 { return "\(groups[1]) 不接受「\(groups[0])」：請用 \(groups[2])" }
            if groups.count == 2 { return "\(groups[1]) 不接受「\(groups[0])」" }
            return word(groups.first ?? "")
        }
        return english
    }
}

/// A command line that does not make sense, in the language asked.
func usageError(_ en: String, zh: String) -> ValidationError {
    ValidationError(GlobalOptions.requestedLanguage() == .zhTW ? zh : en)
}
