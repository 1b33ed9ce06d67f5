#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import GRDB
import Testing
import StudyLeaveDomain
@testable import StudyLeaveLedger

// The reliability suite drives the built `studyleave` as real processes (posix_spawn), so that it
// can kill them with SIGKILL, pass arguments that are not valid UTF-8, and read what a killed
// process had printed. Nothing here imports from another test target.

/// The built executable: beside the test bundle, in the same build folder.
enum Tool {
    static let path: String = {
        let bundle = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for candidate in [bundle, bundle.deletingLastPathComponent()] {
            let url = candidate.appendingPathComponent("studyleave")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url.path }
        }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent(".build/debug/studyleave").path
    }()

    /// The day the tool takes for today, so that no test depends on the clock.
    static let today = "2026-11-22"
}

/// A fresh folder for one test; `cleanup()` removes it.
final class Scratch: @unchecked Sendable {
    let url: URL
    init(_ label: String) {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("studyleave-rel-\(label)-\(UUID().uuidString.prefix(8))")
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    func path(_ name: String) -> String { url.appendingPathComponent(name).path }
    func cleanup() { try? FileManager.default.removeItem(at: url) }
    /// The names in the folder, sorted.
    func names() -> [String] { ((try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []).sorted() }
}

/// How a process ended and what it printed.
struct Outcome: Sendable {
    /// The exit code, or -1 when a signal ended it.
    var code: Int32
    /// The signal that ended it, if any.
    var signal: Int32?
    var out: String
    var err: String

    var killed: Bool { signal != nil }
    /// The standard error is exactly one line starting `error: ` (CLI.md).
    var oneErrorLine: Bool { err.hasPrefix("error: ") && err.hasSuffix("\n") && err.dropLast().firstIndex(of: "\n") == nil }
    /// The JSON object printed on standard output, if any.
    var json: [String: Any]? {
        guard let line = out.split(separator: "\n").first(where: { $0.hasPrefix("{") }) else { return nil }
        return (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any]
    }
    /// The position a write printed (`--format json`), if it got that far.
    var position: Int64? { (json?["position"] as? NSNumber)?.int64Value }
    var summary: String { "exit \(code)\(signal.map { " signal \($0)" } ?? ""), out: \(out.prefix(300)), err: \(err.prefix(300))" }
}

/// A `studyleave` process running in the background, its output going to files.
final class Running: @unchecked Sendable {
    let pid: pid_t
    private let outPath: String, errPath: String
    private var finished: Outcome?

    fileprivate init(pid: pid_t, outPath: String, errPath: String) { self.pid = pid; self.outPath = outPath; self.errPath = errPath }

    /// SIGKILL: no handler runs, nothing is flushed, as when the power goes.
    func kill() { sigkill(pid) }

    /// True while the process has not ended (it is reaped when it has).
    var isRunning: Bool {
        if finished != nil { return false }
        var status: Int32 = 0
        let r = waitpid(pid, &status, WNOHANG)
        if r == pid { finished = collect(status); return false }
        return r == 0
    }

    /// Waits for the end; removes the output files.
    func wait() -> Outcome {
        if let finished { return finished }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let o = collect(status)
        finished = o
        return o
    }

    private func collect(_ status: Int32) -> Outcome {
        let out = (try? Data(contentsOf: URL(fileURLWithPath: outPath))) ?? Data()
        let err = (try? Data(contentsOf: URL(fileURLWithPath: errPath))) ?? Data()
        unlink(outPath); unlink(errPath)
        let signalled = status & 0x7f
        return Outcome(code: signalled == 0 ? (status >> 8) & 0xff : -1, signal: signalled == 0 ? nil : signalled,
                       out: String(decoding: out, as: UTF8.self), err: String(decoding: err, as: UTF8.self))
    }
}

private func sigkill(_ pid: pid_t) { _ = kill(pid, SIGKILL) }

/// Starts `studyleave` with raw argument bytes (which may be invalid UTF-8).
func spawnTool(_ args: [[UInt8]], env extra: [String: String] = [:], outputs dir: String) -> Running {
    var env = ProcessInfo.processInfo.environment
    env["STUDYLEAVE_TODAY"] = Tool.today
    env["STUDYLEAVE_ACTOR"] = "reliability"
    env["STUDYLEAVE_DB"] = nil
    for (k, v) in extra { env[k] = v }
    let token = UUID().uuidString.prefix(12)
    let outPath = dir + "/.out-\(token)", errPath = dir + "/.err-\(token)"

    func cString(_ bytes: [UInt8]) -> UnsafeMutablePointer<CChar> {
        let p = UnsafeMutablePointer<CChar>.allocate(capacity: bytes.count + 1)
        for (i, b) in bytes.enumerated() { p[i] = CChar(bitPattern: b) }
        p[bytes.count] = 0
        return p
    }
    var argv: [UnsafeMutablePointer<CChar>?] = [cString(Array(Tool.path.utf8))] + args.map { cString($0) } + [nil]
    var envp: [UnsafeMutablePointer<CChar>?] = env.map { cString(Array("\($0.key)=\($0.value)".utf8)) } + [nil]
    defer {
        for p in argv { p?.deallocate() }
        for p in envp { p?.deallocate() }
    }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    var pid: pid_t = 0
    let rc = posix_spawn(&pid, Tool.path, &actions, nil, &argv, &envp)
    precondition(rc == 0, "cannot start \(Tool.path): \(String(cString: strerror(rc)))")
    return Running(pid: pid, outPath: outPath, errPath: errPath)
}

/// The CLI on one ledger file, as an HR officer or a script runs it.
struct Studyleave: Sendable {
    let db: String
    /// Where the output files of running processes go (the test's scratch folder).
    let dir: String
    var env: [String: String] = [:]

    init(_ scratch: Scratch, db name: String = "ledger.db") {
        db = scratch.path(name)
        dir = scratch.url.path
    }

    /// Starts `studyleave ARGS --db <ledger>` in the background.
    func start(_ args: [String], db useDB: Bool = true, env more: [String: String] = [:]) -> Running {
        spawnTool((args + (useDB ? ["--db", db] : [])).map { Array($0.utf8) }, env: env.merging(more) { $1 }, outputs: dir)
    }

    @discardableResult
    func run(_ args: [String], db useDB: Bool = true, env more: [String: String] = [:]) -> Outcome {
        start(args, db: useDB, env: more).wait()
    }

    /// Words split on spaces; `"a b"` in double quotes is one word.
    @discardableResult
    func run(_ line: String, env more: [String: String] = [:]) -> Outcome { run(splitWords(line), env: more) }

    /// Runs and expects exit 0.
    @discardableResult
    func ok(_ line: String, sourceLocation: SourceLocation = #_sourceLocation) -> Outcome {
        let r = run(line)
        #expect(r.code == 0, "\(line) → \(r.summary)", sourceLocation: sourceLocation)
        return r
    }

    /// `verify --format json`: the event count and chain head when intact, nil otherwise.
    func verify() -> (events: Int, head: String)? {
        let r = run(["verify", "--format", "json"])
        guard r.code == 0, let o = r.json, o["intact"] as? Bool == true, let n = o["events"] as? Int, let head = o["head"] as? String else { return nil }
        return (n, head)
    }
}

func splitWords(_ line: String) -> [String] {
    var out: [String] = [], cur = "", inQuote = false, any = false
    for ch in line {
        if ch == "\"" { inQuote.toggle(); any = true; continue }
        if ch == " " && !inQuote { if any { out.append(cur) }; cur = ""; any = false; continue }
        cur.append(ch); any = true
    }
    if any { out.append(cur) }
    return out
}

/// The ledger as the library reads it, opened and closed again: events and whether it verifies.
func inspect(_ path: String) -> (events: Int64, intact: Bool)? {
    guard let ledger = try? SQLiteLedger.open(path: path), let report = try? ledger.verify() else { return nil }
    return (report.events, report.isIntact)
}

/// Request ids recorded in a ledger, with their positions.
func requestIds(_ path: String) throws -> [String: Int64] {
    let ledger = try SQLiteLedger.open(path: path)
    return try ledger.read { reader in
        var out: [String: Int64] = [:]
        for row in try Row.fetchAll(reader.db, sql: "SELECT request_id, position FROM events WHERE request_id IS NOT NULL") {
            out[row[0]] = row[1]
        }
        return out
    }
}


enum Knobs {
    static let env = ProcessInfo.processInfo.environment
    /// The seed of every random choice in the suite (kill delays, soak operations).
    static let seed: UInt64 = env["STUDYLEAVE_RELIABILITY_SEED"].flatMap(UInt64.init) ?? 20261122
    /// How long the concurrency soak runs.
    static let soakSeconds: Double = env["STUDYLEAVE_SOAK_SECONDS"].flatMap(Double.init) ?? 45
    /// How many kills each crash test makes (scaled by STUDYLEAVE_KILL_ROUNDS).
    static func rounds(_ base: Int) -> Int {
        guard let f = env["STUDYLEAVE_KILL_ROUNDS"].flatMap(Double.init), f > 0 else { return base }
        return max(1, Int(Double(base) * f))
    }
}

/// Figures for Docs/RELIABILITY.md, printed as `figure: NAME = VALUE` lines.
func figure(_ name: String, _ value: CustomStringConvertible) {
    print("figure: \(name) = \(value)")
}

/// Thread-safe collection for results from concurrent workers.
final class Locked<T>: @unchecked Sendable {
    private var value: T
    private let lock = NSLock()
    init(_ value: T) { self.value = value }
    func with<R>(_ body: (inout T) throws -> R) rethrows -> R { lock.lock(); defer { lock.unlock() }; return try body(&value) }
    var get: T { lock.lock(); defer { lock.unlock() }; return value }
}

/// Sleeps for `seconds` (a kill delay; no assertion ever depends on it).
func pause(_ seconds: Double) {
    guard seconds > 0 else { return }
    var ts = timespec(tv_sec: Int(seconds), tv_nsec: Int((seconds - Double(Int(seconds))) * 1e9))
    var rest = timespec()
    while nanosleep(&ts, &rest) == -1 && errno == EINTR { ts = rest }
}

/// Monotonic seconds, for bounding loops (never asserted on).
func now() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}
