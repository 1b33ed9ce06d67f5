import Foundation
import Testing
import StudyLeaveApp

/// Docs/CLI.md is one session: every `$ studyleave …` line in its ```console blocks runs, in the
/// order written, against one fresh ledger, and must print what the doc shows under it.
///
/// How a block is read:
/// - `$ studyleave ARGS` runs the built tool with ARGS split as a shell would (quotes group words),
///   in a fresh temporary folder holding the files of seed/examples, with `--db studyleave.db` added unless the line names its own
///   `--db`; STUDYLEAVE_TODAY=2026-11-22, STUDYLEAVE_ACTOR=hr-officer, STUDYLEAVE_DB unset.
/// - A line ending in `  # exit N` expects exit code N; any other line expects 0.
/// - The lines up to the next `$` line or the end of the block are standard error followed by
///   standard output, compared line by line (trailing spaces ignored), after these replacements in
///   the output: a recorded time (`2026-11-22T07:00:00.123Z`) reads `YYYY-MM-DDThh:mm:ss.sssZ`, in
///   Taipei time (`2026-11-22T15:00:00.123+08:00`) `YYYY-MM-DDThh:mm:ss.sss+08:00`
///   (as wide as the time, so that tables stay aligned; `<time>` in the doc means the same), a
///   SHA-256 hash reads `<hash>`, CSV's byte-order mark reads `<BOM>`, and CRLF reads LF.
/// - In the doc, `<any>` inside a line matches any text, and a line `...` matches any lines (for
///   output that depends on the seed data, such as `demo`).
@Suite("Docs/CLI.md runs as shown")
struct DocsExamplesTests {
    static let docPath = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Docs/CLI.md").path

    struct Example {
        var line: Int
        var command: String
        var words: [String]
        var exitCode: Int32
        var expected: [String]
    }

    /// The examples of the doc, in order.
    static func examples(_ text: String) throws -> [Example] {
        var out: [Example] = []
        var inBlock = false
        let lines = text.components(separatedBy: "\n")
        var i = 0
        while i < lines.count {
            let l = lines[i]
            let trimmed = l.trimmingCharacters(in: .whitespaces)
            if !inBlock {
                if trimmed == "```console" { inBlock = true }
                i += 1
                continue
            }
            if trimmed == "```" { inBlock = false; i += 1; continue }
            guard l.hasPrefix("$ studyleave") else { i += 1; continue }
            var command = String(l.dropFirst(2))
            var code: Int32 = 0
            if let (rest, n) = exitAnnotation(command) { command = rest; code = n }
            let words = try ShellWords.split(command)
            var expected: [String] = []
            var j = i + 1
            while j < lines.count, !lines[j].hasPrefix("$ "), lines[j].trimmingCharacters(in: .whitespaces) != "```" {
                expected.append(lines[j]); j += 1
            }
            out.append(Example(line: i + 1, command: command, words: Array(words.dropFirst()), exitCode: code, expected: expected))
            i = j
        }
        return out
    }

    /// `…  # exit N` → (`…`, N).
    static func exitAnnotation(_ command: String) -> (String, Int32)? {
        guard let r = command.range(of: "# exit ", options: .backwards) else { return nil }
        let number = command[r.upperBound...].trimmingCharacters(in: .whitespaces)
        guard let n = Int32(number), command[..<r.lowerBound].hasSuffix(" ") else { return nil }
        return (command[..<r.lowerBound].trimmingCharacters(in: .whitespaces), n)
    }

    static let timePlaceholder = "YYYY-MM-DDThh:mm:ss.sssZ"
    static var time: Regex<AnyRegexOutput> { try! Regex(#"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{3}Z"#) }
    /// A recorded time in Taipei time, as tables and CSV show it.
    static let localTimePlaceholder = "YYYY-MM-DDThh:mm:ss.sss+08:00"
    static var localTime: Regex<AnyRegexOutput> { try! Regex(#"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{3}\+08:00"#) }
    static var hash: Regex<AnyRegexOutput> { try! Regex(#"\b[0-9a-f]{64}\b"#) }

    /// The output as the doc writes it.
    static func normalized(_ s: String) -> [String] {
        var t = s.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\u{FEFF}", with: "<BOM>")
        t = t.replacing(time, with: timePlaceholder).replacing(localTime, with: localTimePlaceholder).replacing(hash, with: "<hash>")
        if t.hasSuffix("\n") { t.removeLast() }
        return t.isEmpty ? [] : t.components(separatedBy: "\n").map(rstrip)
    }

    static func rstrip(_ s: String) -> String {
        var s = Substring(s)
        while let l = s.last, l == " " || l == "\t" { s.removeLast() }
        return String(s)
    }

    /// Lines match when equal; `...` matches any run of lines; `<any>` any text within a line.
    static func matches(_ expected: ArraySlice<String>, _ actual: ArraySlice<String>) -> Bool {
        guard let first = expected.first else { return actual.isEmpty }
        if first.trimmingCharacters(in: .whitespaces) == "..." {
            var rest = actual
            while true {
                if matches(expected.dropFirst(), rest) { return true }
                if rest.isEmpty { return false }
                rest = rest.dropFirst()
            }
        }
        guard let line = actual.first, lineMatches(rstrip(first), line) else { return false }
        return matches(expected.dropFirst(), actual.dropFirst())
    }

    static func lineMatches(_ pattern: String, _ line: String) -> Bool {
        let parts = pattern.components(separatedBy: "<any>")
        if parts.count == 1 { return pattern == line }
        guard line.hasPrefix(parts[0]) else { return false }
        var rest = Substring(line.dropFirst(parts[0].count))
        for (k, part) in parts.enumerated().dropFirst() {
            if k == parts.count - 1 { return rest.hasSuffix(part) }
            guard let r = rest.range(of: part) else { return false }
            rest = rest[r.upperBound...]
        }
        return true
    }

    @Test("every example in Docs/CLI.md prints what the doc shows, with the exit code it states")
    func docSessionRunsAsShown() throws {
        let text = try String(contentsOfFile: Self.docPath, encoding: .utf8)
        let examples = try Self.examples(text)
        #expect(examples.count > 50, "Docs/CLI.md holds the session")
        var cli = CLI()
        cli.extraEnv["STUDYLEAVE_ACTOR"] = "hr-officer"
        defer { cli.cleanup() }
        // The example files the doc names (a roster, a policy file) are those of seed/examples.
        let seedExamples = URL(fileURLWithPath: Self.docPath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("seed/examples")
        for name in (try? FileManager.default.contentsOfDirectory(atPath: seedExamples.path)) ?? [] {
            try FileManager.default.copyItem(at: seedExamples.appendingPathComponent(name), to: cli.dir.appendingPathComponent(name))
        }
        for ex in examples {
            let args = ex.words.contains("--db") ? ex.words : ex.words + ["--db", "studyleave.db"]
            let r = cli.run(args, db: false)
            let actual = Self.normalized(r.err + r.out)
            #expect(r.code == ex.exitCode, "CLI.md line \(ex.line): `\(ex.command)` exited \(r.code), the doc says \(ex.exitCode)\n\(actual.joined(separator: "\n"))")
            let expected = ex.expected.map { Self.rstrip($0.replacingOccurrences(of: "<time>", with: Self.timePlaceholder)) }
            let ok = Self.matches(expected[...], actual[...])
            #expect(ok, "CLI.md line \(ex.line): `\(ex.command)` printed\n\(actual.joined(separator: "\n"))\n-- but the doc shows --\n\(ex.expected.joined(separator: "\n"))")
        }
    }

    @Test("Docs/CLI.md shows every command that studyleave --help lists")
    func docCoversEveryCommand() throws {
        let text = try String(contentsOfFile: Self.docPath, encoding: .utf8)
        let shown = try Self.examples(text).map { $0.words.joined(separator: " ") }
        let cli = CLI()
        defer { cli.cleanup() }
        var missing: [String] = []
        for command in Self.subcommands(cli.run(["--help"], db: false).out) {
            let subs = Self.subcommands(cli.run([command, "--help"], db: false).out)
            for path in subs.isEmpty ? [command] : subs.map({ "\(command) \($0)" })
            where !shown.contains(where: { $0 == path || $0.hasPrefix(path + " ") }) {
                missing.append(path)
            }
        }
        #expect(missing.isEmpty, "commands with no example in Docs/CLI.md: \(missing)")
    }

    /// The names under SUBCOMMANDS: in a help text.
    static func subcommands(_ help: String) -> [String] {
        var names: [String] = []
        var inList = false
        for line in help.components(separatedBy: "\n") {
            if line.hasPrefix("SUBCOMMANDS:") { inList = true; continue }
            guard inList else { continue }
            if !line.isEmpty, !line.hasPrefix(" ") { break }
            // "  name    abstract"; continuation lines are indented further.
            guard line.hasPrefix("  "), !line.hasPrefix("   ") else { continue }
            if let name = line.split(separator: " ").first, name != "See", !name.hasPrefix("'") { names.append(String(name)) }
        }
        return names.filter { $0 != "help" }
    }

    @Test("the doc's command lines split like a shell's")
    func shellSplitting() throws {
        #expect(try ShellWords.split(#"studyleave retract 23 --reason "誤登 處長批示""#) == ["studyleave", "retract", "23", "--reason", "誤登 處長批示"])
        #expect(try ShellWords.split("studyleave quota TY-HR --known-at '#27'") == ["studyleave", "quota", "TY-HR", "--known-at", "#27"])
        #expect(Self.exitAnnotation("studyleave approve A --by B  # exit 1")! == ("studyleave approve A --by B", 1))
        #expect(Self.matches(["a", "...", "z"][...], ["a", "b", "c", "z"][...]))
        #expect(Self.lineMatches("Built <any> events", "Built 253 events"))
    }
}
