import Foundation
import StudyLeaveApp
import StudyLeaveDomain
import Testing

/// Docs/RELIABILITY.md, "Personal data at rest": the ledger holds names, salaries and repayments.
@Suite("Personal data at rest: files the tool creates are its owner's only")
struct PrivateFilesTests {
    /// The mode bits of a file (`0o600` for owner read and write).
    func mode(_ path: String) -> Int? {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.posixPermissions] as? NSNumber)?.intValue
    }

    /// Runs the tool under `umask 000`, the most permissive, so that only the tool's own choice counts.
    @discardableResult
    func permissive(_ cli: CLI, _ args: [String]) -> CLI.Result {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", "umask 000; exec \"$0\" \"$@\"", CLI.executable.path] + args + ["--db", cli.db]
        p.currentDirectoryURL = cli.dir
        var env = ProcessInfo.processInfo.environment
        env["STUDYLEAVE_TODAY"] = cli.today
        env["STUDYLEAVE_ACTOR"] = "tester"
        env["STUDYLEAVE_DB"] = nil
        p.environment = env
        let err = Pipe()
        p.standardError = err
        p.standardOutput = FileHandle.nullDevice
        try! p.run()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return CLI.Result(code: p.terminationStatus, out: "", err: String(decoding: e, as: UTF8.self))
    }

    @Test("a new ledger, its WAL and shared-memory files, an export, a backup and an imported ledger are 0600 under umask 000")
    func ownerOnly() async throws {
        let cli = CLI(store: "sqlite"); defer { cli.cleanup() }
        #expect(permissive(cli, ["init"]).code == 0)
        #expect(mode(cli.db) == 0o600)
        #expect(permissive(cli, ["agency", "add", "HR", "--name", "人事處", "--on", "2025-01-01"]).code == 0)
        // The WAL and the shared-memory file exist while a connection is open: write through one
        // kept open here, under the most permissive umask, and look at them.
        let old = umask(0)
        defer { umask(old) }
        let open = try await Ledger.open(cli.db)
        _ = try await Recorder(ledger: open, actor: "tester")
            .record(.addAgency(id: "HR2", name: "人事二處", parent: nil), on: CivilDate(year: 2025, month: 1, day: 2)!)
        for suffix in ["-wal", "-shm"] {
            #expect(FileManager.default.fileExists(atPath: cli.db + suffix), "\(suffix) exists while open")
            #expect(mode(cli.db + suffix) == 0o600, "\(suffix)")
        }
        await open.close()
        let export = cli.dir.appendingPathComponent("out.jsonl").path
        #expect(permissive(cli, ["export", "--to", export]).code == 0)
        #expect(mode(export) == 0o600)
        let backup = cli.dir.appendingPathComponent("copy.db").path
        #expect(permissive(cli, ["backup", "--to", backup]).code == 0)
        #expect(mode(backup) == 0o600)
        let imported = CLI(store: "sqlite"); defer { imported.cleanup() }
        #expect(permissive(imported, ["import", export]).code == 0)
        #expect(mode(imported.db) == 0o600)
        let generated = cli.dir.appendingPathComponent("gen.jsonl").path
        #expect(permissive(cli, ["generate", "--agencies", "2", "--people", "5", "--years", "1", "--to", generated]).code == 0)
        #expect(mode(generated) == 0o600)
    }
}
