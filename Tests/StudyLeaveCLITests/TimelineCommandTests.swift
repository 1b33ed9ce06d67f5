import Foundation
import Testing

/// Headless Chromium, as a person opening the picture would (Debian's `chromium`).
enum Chromium {
    static let path: String? = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first { FileManager.default.isExecutableFile(atPath: $0) }
    /// In CI (`CI=true`) a test that needs it fails when it is missing; elsewhere it is skipped.
    static var usable: Bool { path != nil || ProcessInfo.processInfo.environment["CI"] == "true" }

    /// Runs chromium headless on a file; its standard output.
    @discardableResult
    static func run(_ args: [String], file: String, in dir: URL) throws -> String {
        let chromium = try #require(path, "Chromium is not installed: .ci/run installs chromium")
        let p = Process()
        p.executableURL = URL(fileURLWithPath: chromium)
        p.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--user-data-dir=\(dir.appendingPathComponent("chromium-\(UUID().uuidString)").path)"]
            + args + ["file://" + file]
        // Its output goes to a file, not a pipe: Chromium's helper processes may keep a pipe open
        // after it exits. A browser that hangs is stopped after a minute.
        let outFile = dir.appendingPathComponent("chromium-out-\(UUID().uuidString).txt")
        FileManager.default.createFile(atPath: outFile.path, contents: nil)
        let handle = try FileHandle(forWritingTo: outFile)
        p.standardOutput = handle
        p.standardError = FileHandle.nullDevice
        try p.run()
        let deadline = Date().addingTimeInterval(60)
        while p.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.1) }
        if p.isRunning { p.terminate() }
        try handle.close()
        return (try? String(contentsOf: outFile, encoding: .utf8)) ?? ""
    }
}

/// Issue 14: one picture of a person's studies, leave, service owed, pauses, transfers, separation
/// and breach, looked at in a real browser.
@Suite("timeline PERSON --to FILE.svg")
struct TimelineCommandTests {
    /// Two studies, a pause, a transfer without the obligation: a breach.
    func history() -> CLI {
        let cli = hrOffice()
        approvedStudy(cli, "A1", person: "P1")
        cli.ok("leave start A1 --on 2025-09-01")
        cli.ok("leave extend A1 --until 2026-10-31 --by H1 --on 2026-06-01")
        cli.ok("leave end A1 --on 2026-10-31")
        cli.ok("return A1 --on 2026-11-01")
        cli.ok("apply B1 --person P1 --mode part-time --sponsor self --hours-per-week 4 --from 2027-02-01 --to 2027-06-30 --on 2026-11-05")
        cli.ok("service pause P1 --reason 育嬰留職停薪 --on 2027-01-01")
        cli.ok("service resume P1 --on 2027-03-01")
        cli.ok("agency add IT --name 資訊處 --parent TYCG --on 2025-01-01")
        cli.ok("person transfer P1 --to IT --on 2027-06-01")
        return cli
    }

    @Test("the picture names each study and the person; it renders in Chromium, in both languages")
    func picture() throws {
        var cli = history(); defer { cli.cleanup() }
        cli.today = "2027-07-01"
        let file = cli.dir.appendingPathComponent("p1.svg").path
        let out = cli.ok("timeline P1 --to \(file)")
        #expect(out == "wrote \(file) (P1 同仁P1, 2 studies)\n")
        let svg = try String(contentsOfFile: file, encoding: .utf8)
        for s in ["A1", "B1", "同仁P1", "to IT", "breach 2027-06-01", "extension 2026-09-01 – 2026-10-31", "service paused 2027-01-01 – 2027-02-28"] { #expect(svg.contains(s), "\(s)") }
        #expect((try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int) == 0o600)
        let zh = cli.dir.appendingPathComponent("p1-zh.svg").path
        cli.ok("timeline P1 --to \(zh) --lang zh-TW --calendar roc")
        let zhSVG = try String(contentsOfFile: zh, encoding: .utf8)
        #expect(zhSVG.contains("民國115") && zhSVG.contains("調任 IT") && zhSVG.contains("核定進修期間"))
        // As known before the transfer: no breach yet.
        let before = cli.dir.appendingPathComponent("before.svg").path
        cli.ok("timeline P1 --to \(before) --known-at #\(cli.eventCount() - 1)")
        #expect(!(try String(contentsOfFile: before, encoding: .utf8)).contains("breach 2027-06-01"))
        cli.fails("timeline P1 --to \(file)", code: 64)
        cli.fails("timeline NOBODY --to \(cli.dir.appendingPathComponent("x.svg").path)", code: 65)
        guard Chromium.usable else { return }
        // The browser's own reading of the picture: its text, and a screenshot.
        let dom = try Chromium.run(["--dump-dom"], file: file, in: cli.dir)
        for s in ["A1", "B1", "同仁P1"] { #expect(dom.contains(s), "Chromium shows \(s)") }
        let png = cli.dir.appendingPathComponent("p1.png").path
        try Chromium.run(["--window-size=1000,320", "--screenshot=\(png)"], file: zh, in: cli.dir)
        let size = (try? FileManager.default.attributesOfItem(atPath: png)[.size] as? Int) ?? 0
        #expect(size > 5000, "a screenshot of the picture (\(size) bytes)")
    }
}
