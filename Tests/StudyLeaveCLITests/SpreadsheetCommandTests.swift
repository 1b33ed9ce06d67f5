import Foundation
import Testing

/// LibreOffice, headless, as the officer's office suite: converts a spreadsheet or a CSV file.
enum LibreOffice {
    static let path: String? = ["/usr/bin/soffice", "/usr/local/bin/soffice"].first { FileManager.default.isExecutableFile(atPath: $0) }
    /// In CI (`CI=true`) a test that needs it fails when it is missing; elsewhere it is skipped.
    static var usable: Bool { path != nil || ProcessInfo.processInfo.environment["CI"] == "true" }

    /// Converts `file` into `dir` as `format` (a filter spec); the converted file's path.
    static func convert(_ file: String, to format: String, infilter: String? = nil, in dir: URL) throws -> String {
        let soffice = try #require(path, "LibreOffice (soffice) is not installed: .ci/run installs libreoffice-calc")
        let p = Process()
        p.executableURL = URL(fileURLWithPath: soffice)
        // A profile of its own, so that parallel tests do not share one.
        let profile = dir.appendingPathComponent("lo-profile-\(UUID().uuidString)").path
        p.arguments = ["-env:UserInstallation=file://\(profile)", "--headless"] + (infilter.map { ["--infilter=\($0)"] } ?? [])
            + ["--convert-to", format, "--outdir", dir.path, file]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        // A LibreOffice that hangs is stopped after two minutes.
        let deadline = Date().addingTimeInterval(120)
        while p.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.1) }
        if p.isRunning { p.terminate() }
        let ext = String(format.split(separator: ":")[0])
        let out = dir.appendingPathComponent(URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent + "." + ext).path
        #expect(FileManager.default.fileExists(atPath: out), "soffice converted \(file) to \(ext)")
        return out
    }

    /// CSV as UTF-8, comma-separated, quoted text.
    static let csvUTF8 = "csv:Text - txt - csv (StarCalc):44,34,76,1"
}

/// RFC 4180 cells, for comparing what LibreOffice writes with what the tool writes.
func csvRows(_ text: String) -> [[String]] {
    var rows: [[String]] = [], row: [String] = [], cell = "", quoted = false
    var chars = Array(text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text)
    chars.append("\n")
    var i = 0
    while i < chars.count {
        let c = chars[i]
        if quoted {
            if c == "\"" { if i + 1 < chars.count, chars[i + 1] == "\"" { cell.append("\""); i += 1 } else { quoted = false } }
            else { cell.append(c) }
        } else if c == "\"" { quoted = true }
        else if c == "," { row.append(cell); cell = "" }
        else if c == "\n" || c == "\r\n" { row.append(cell); cell = ""; if row != [""] { rows.append(row) }; row = [] }
        else if c != "\r" { cell.append(c) }
        i += 1
    }
    return rows
}

/// Issue 14: every table-shaped query and report as an ODF spreadsheet, opened in LibreOffice.
@Suite("--format ods: ODF spreadsheets that LibreOffice opens with typed cells", .enabled(if: LibreOffice.usable))
struct SpreadsheetCommandTests {
    @Test("each report's spreadsheet holds the cells of its CSV: numbers as numbers, dates as dates, zh-TW headers")
    func sameCellsAsCSV() throws {
        let cli = hrOffice(); defer { cli.cleanup() }
        approvedStudy(cli, "A1", person: "P1")
        cli.ok("leave start A1 --on 2025-09-01")
        cli.ok("leave end A1 --on 2026-08-31")
        cli.ok("return A1 --on 2026-09-01")
        for (i, query) in ["quota HR --year 2025", "report obligations --as-of 2026-11-01", "person list --agency HR",
                           "report due --as-of 2026-08-01", "history P1", "obligation P1 --lang zh-TW --calendar roc"].enumerated() {
            let file = cli.dir.appendingPathComponent("r\(i).ods").path
            let r = cli.run(cli.words(query) + ["--format", "ods", "--to", file])
            #expect(r.code == 0, "\(query): \(r.err)")
            let converted = try LibreOffice.convert(file, to: LibreOffice.csvUTF8, in: cli.dir)
            let fromODS = csvRows(try String(contentsOfFile: converted, encoding: .utf8))
            let fromCSV = csvRows(cli.run(cli.words(query) + ["--format", "csv"]).out)
            #expect(fromODS == fromCSV, "\(query)")
        }
        // Typed cells, as LibreOffice read them.
        let file = cli.dir.appendingPathComponent("typed.ods").path
        cli.ok("report obligations --as-of 2026-11-01 --format ods --to \(file)")
        let flat = try String(contentsOfFile: try LibreOffice.convert(file, to: "fods", in: cli.dir), encoding: .utf8)
        #expect(flat.contains(#"office:value-type="float" office:value="730""#) || flat.contains(#"office:value="730" office:value-type="float""#))
        #expect(flat.contains(#"office:date-value="2028-08-30""#) || flat.contains("2028-08-30"))
        // The JSON's figure is the spreadsheet's.
        let json = try #require(cli.json("report obligations --as-of 2026-11-01") as? [[String: Any]])
        #expect(json.first?["requiredDays"] as? Int == 730)
    }

    @Test("a name that a spreadsheet would run is text in the spreadsheet and in the CSV as LibreOffice opens them")
    func noFormula() throws {
        let cli = CLI(); defer { cli.cleanup() }
        cli.ok("init")
        #expect(cli.run(["agency", "add", "EVIL", #"--name==HYPERLINK("http://evil","click")"#, "--on", "2025-01-01"]).code == 0)
        #expect(cli.run(["agency", "add", "SUM", "--name=@SUM(1+1)", "--on", "2025-01-01"]).code == 0)
        let ods = cli.dir.appendingPathComponent("agencies.ods").path
        cli.ok("agency list --format ods --to \(ods)")
        let csv = cli.dir.appendingPathComponent("agencies.csv")
        try cli.run(["agency", "list", "--format", "csv"]).out.write(to: csv, atomically: true, encoding: .utf8)
        for (file, infilter) in [(ods, nil as String?), (csv.path, "Text - txt - csv (StarCalc):44,34,76,1")] {
            let flat = try String(contentsOfFile: try LibreOffice.convert(file, to: "fods", infilter: infilter, in: cli.dir), encoding: .utf8)
            #expect(!flat.contains("table:formula"), "\(file) holds a formula")
            #expect(flat.contains("HYPERLINK"), "\(file) keeps the name")
        }
    }

    @Test("--format ods needs --to; --to needs --format ods; a write refuses ods before recording; an existing file is refused")
    func misuse() throws {
        let cli = hrOffice(); defer { cli.cleanup() }
        cli.fails("quota HR --year 2025 --format ods", code: 64)
        cli.fails("quota HR --year 2025 --to x.ods", code: 64)
        cli.fails("agency add X --name x --on 2025-01-01 --format ods", code: 64)
        let file = cli.dir.appendingPathComponent("q.ods").path
        cli.ok("quota HR --year 2025 --format ods --to \(file)")
        cli.fails("quota HR --year 2025 --format ods --to \(file)", code: 64)
        let mode = try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }

    @Test("a file that cannot be written (its folder is missing) is 74 with the reason, and leaves nothing")
    func unwritable() throws {
        let cli = hrOffice(); defer { cli.cleanup() }
        let missing = cli.dir.appendingPathComponent("no-such-folder/q.ods").path
        let err = cli.fails("quota HR --year 2025 --format ods --to \(missing)", code: 74)
        #expect(err.contains("cannot write \(missing)") && err.contains("No such file or directory"), "\(err)")
        let svg = cli.dir.appendingPathComponent("no-such-folder/p1.svg").path
        #expect(cli.fails("timeline P1 --to \(svg)", code: 74).contains("cannot write"))
        #expect(!FileManager.default.fileExists(atPath: cli.dir.appendingPathComponent("no-such-folder").path))
    }
}
