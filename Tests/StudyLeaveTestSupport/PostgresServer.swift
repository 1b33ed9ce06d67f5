import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A throwaway PostgreSQL server for the tests.
///
/// With `STUDYLEAVE_TEST_PG_URL` set (`postgres://USER@HOST:PORT/DB`, a superuser), the tests use
/// that server. Otherwise the first test to ask starts one for the whole test process: `initdb`
/// (`--auth=trust -E UTF8 --locale=C`, as the `postgres` user when run as root) into a temporary
/// folder, `postgres` on 127.0.0.1 at a free port with its Unix socket in that folder. It is
/// stopped (`pg_ctl stop -m immediate`) and its folder removed when the process exits, and a
/// watchdog shell stops it too if the process dies without exiting.
///
/// Fault tests that stop and restart a server (`kill()`, `restart()`) take one of their own
/// (`PostgresServer.startPrivate()`), so that other tests running at the same time keep theirs.
public final class PostgresServer: @unchecked Sendable {
    public let host: String
    public let port: Int
    /// The folder of the server's Unix socket (a private server only).
    public let socketFolder: String?
    /// The superuser the tests connect as.
    public let user: String
    private let local: Local?
    private let lock = NSLock()
    private var databases = 0

    struct Local {
        let root: String
        let data: String
        let bin: String
    }

    // MARK: Getting one

    /// Whether the tests must fail rather than skip when no server can be had.
    public static var required: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }

    /// The server shared by the tests of this process; nil (with a printed note) when none can be
    /// had outside CI. In CI (`CI=true`) a missing server throws: the tests fail.
    public static func shared() async throws -> PostgresServer? { try await offPool { try sharedNow() } }

    /// `startPrivate()` without occupying a thread of Swift's pool while initdb runs.
    public static func startPrivate() async throws -> PostgresServer? { try await offPool { try startPrivateNow() } }

    /// `shared()`, blocking.
    public static func sharedNow() throws -> PostgresServer? {
        switch sharedServer {
        case .success(let server): return server
        case .failure(let problem):
            if required { throw problem }
            note(problem)
            return nil
        }
    }

    /// A server of the caller's own, started now and stopped at exit (fault tests); nil as `shared`.
    public static func startPrivateNow() throws -> PostgresServer? {
        do { return try start() } catch let problem as PostgresServerUnavailable {
            if required { throw problem }
            note(problem)
            return nil
        }
    }

    private static let sharedServer: Result<PostgresServer, PostgresServerUnavailable> = {
        if let url = ProcessInfo.processInfo.environment["STUDYLEAVE_TEST_PG_URL"], !url.isEmpty {
            do { return .success(try PostgresServer(url: url)) } catch let e as PostgresServerUnavailable { return .failure(e) } catch {
                return .failure(PostgresServerUnavailable(message: "STUDYLEAVE_TEST_PG_URL: \(error)"))
            }
        }
        do { return .success(try start()) } catch let e as PostgresServerUnavailable { return .failure(e) } catch {
            return .failure(PostgresServerUnavailable(message: "\(error)"))
        }
    }()

    private static let notes = NSLock()
    nonisolated(unsafe) private static var noted = false
    private static func note(_ problem: PostgresServerUnavailable) {
        notes.lock(); defer { notes.unlock() }
        guard !noted else { return }
        noted = true
        FileHandle.standardError.write(Data("note: the PostgreSQL tests are skipped: \(problem.message)\n".utf8))
    }

    private init(host: String, port: Int, socketFolder: String?, user: String, local: Local?) {
        self.host = host; self.port = port; self.socketFolder = socketFolder; self.user = user; self.local = local
    }

    private convenience init(url: String) throws {
        guard let parts = URLComponents(string: url), let host = parts.host else {
            throw PostgresServerUnavailable(message: "STUDYLEAVE_TEST_PG_URL is not a postgres:// URL: \(url)")
        }
        self.init(host: host, port: parts.port ?? 5432, socketFolder: nil, user: parts.user ?? "postgres", local: nil)
        _ = try psqlNow("SELECT 1")
    }

    // MARK: Starting a local server

    /// The folder of PostgreSQL 15's server binaries, or an error saying what to install.
    static func binaries() throws -> String {
        var candidates = ["/usr/lib/postgresql/15/bin"]
        if let dir = try? run("/bin/sh", ["-c", "pg_config --bindir 2>/dev/null"]).trimmingCharacters(in: .whitespacesAndNewlines), !dir.isEmpty {
            candidates.append(dir)
        }
        for dir in candidates where ["initdb", "pg_ctl", "postgres"].allSatisfy({ FileManager.default.isExecutableFile(atPath: "\(dir)/\($0)") }) {
            return dir
        }
        throw PostgresServerUnavailable(message:
            "PostgreSQL 15's server (initdb, pg_ctl, postgres in /usr/lib/postgresql/15/bin) is not installed: apt-get install postgresql-15 (or set STUDYLEAVE_TEST_PG_URL)")
    }

    private static func start() throws -> PostgresServer {
        let bin = try binaries()
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/psql") || (try? run("/bin/sh", ["-c", "command -v psql"])) != nil else {
            throw PostgresServerUnavailable(message: "psql is not installed: apt-get install postgresql-client-15")
        }
        let root = try run("/bin/mktemp", ["-d", "/tmp/studyleave-pg-XXXXXX"]).trimmingCharacters(in: .whitespacesAndNewlines)
        if getuid() == 0 {
            guard let pw = getpwnam("postgres") else {
                throw PostgresServerUnavailable(message: "running as root, but there is no 'postgres' user to run the server as (apt-get install postgresql-15 makes one)")
            }
            chown(root, pw.pointee.pw_uid, pw.pointee.pw_gid)
        }
        let data = root + "/data"
        let local = Local(root: root, data: data, bin: bin)
        do {
            _ = try asServer(local, "\(bin)/initdb", ["-D", data, "--auth=trust", "-E", "UTF8", "--locale=C", "-U", "postgres", "--no-sync"])
            let port = try freePort()
            let server = PostgresServer(host: "127.0.0.1", port: port, socketFolder: root, user: "postgres", local: local)
            try server.startProcess()
            Cleanup.register(server)
            server.watch()
            return server
        } catch {
            try? FileManager.default.removeItem(atPath: root)
            throw error
        }
    }

    private func startProcess() throws {
        guard let local else { throw PostgresServerUnavailable(message: "the server at \(host):\(port) is not this test's to start") }
        let options = "-p \(port) -k \(local.root) -c listen_addresses=127.0.0.1 -c max_connections=400"
        _ = try Self.asServer(local, "\(local.bin)/pg_ctl", ["-D", local.data, "-l", local.root + "/log", "-w", "-t", "60", "-o", options, "start"])
        // Accepting connections (pg_ctl -w waits for it; psql makes sure over TCP).
        for _ in 0..<100 {
            if (try? psqlNow("SELECT 1")) != nil { return }
            usleep(100_000)
        }
        throw PostgresServerUnavailable(message: "the test server did not accept connections: see \(local.root)/log")
    }

    /// Stops the server at once, as a crash would (`pg_ctl stop -m immediate`).
    public func killNow() throws {
        guard let local else { throw PostgresServerUnavailable(message: "cannot stop a server given by STUDYLEAVE_TEST_PG_URL") }
        _ = try Self.asServer(local, "\(local.bin)/pg_ctl", ["-D", local.data, "-m", "immediate", "-w", "stop"])
    }

    /// Starts it again on the same folder and port (it recovers from its WAL).
    public func restartNow() throws { try startProcess() }

    fileprivate func stopAndRemove() {
        guard let local else { return }
        _ = try? Self.asServer(local, "\(local.bin)/pg_ctl", ["-D", local.data, "-m", "immediate", "-w", "stop"])
        try? FileManager.default.removeItem(atPath: local.root)
    }

    /// A shell that waits for this process to end, however it ends, then stops the server and
    /// removes its folder: a test process killed outright leaves no server behind.
    private func watch() {
        guard let local else { return }
        let stop = Self.serverCommand(["\(local.bin)/pg_ctl", "-D", local.data, "-m", "immediate", "-w", "stop"]).map(Self.quote).joined(separator: " ")
        let script = "while kill -0 \(getpid()) 2>/dev/null; do sleep 1; done; \(stop) >/dev/null 2>&1; rm -rf \(Self.quote(local.root))"
        _ = try? Self.spawn(["/bin/sh", "-c", script], environment: ProcessInfo.processInfo.environment)
    }

    // MARK: Using it

    /// A new, empty database; its URL, `postgres://USER@HOST:PORT/db_…`.
    public func freshDatabase() async throws -> String { try await Self.offPool { try self.freshDatabaseNow() } }

    /// Runs SQL through psql (below) without occupying a thread of Swift's pool meanwhile.
    @discardableResult
    public func psql(_ sql: String, database: String = "postgres") async throws -> String {
        try await Self.offPool { try self.psqlNow(sql, database: database) }
    }

    /// `kill()` off the pool.
    public func kill() async throws { try await Self.offPool { try self.killNow() } }

    /// `restart()` off the pool.
    public func restart() async throws { try await Self.offPool { try self.restartNow() } }

    /// Runs blocking work (a child process waited for) on a thread of its own: tests run in
    /// parallel on a pool of as many threads as cores, and a pool whose threads all wait for
    /// processes stalls every other test.
    public static func offPool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
            let thread = Thread { continuation.resume(with: Result { try body() }) }
            thread.start()
        }
    }

    /// `freshDatabase()`, blocking.
    public func freshDatabaseNow() throws -> String {
        let n: Int = lock.withLock { databases += 1; return databases }
        let name = "db_\(getpid())_\(n)_\(UInt32.random(in: 0...UInt32.max))"
        _ = try psqlNow("CREATE DATABASE \(name)")
        return url(database: name)
    }

    /// The URL of a database on this server (over TCP).
    public func url(database: String) -> String { "postgres://\(user)@\(host):\(port)/\(database)" }

    /// Runs SQL through psql as the superuser (`ON_ERROR_STOP`); its output, unaligned, tuples only.
    @discardableResult
    public func psqlNow(_ sql: String, database: String = "postgres") throws -> String {
        try Self.run("/usr/bin/env", ["psql", "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-h", host, "-p", String(port), "-U", user, "-d", database, "-c", sql],
                     environment: ["PGCONNECT_TIMEOUT": "5"])
    }

    /// The database named by a URL from `freshDatabase()`.
    public static func databaseName(_ url: String) -> String { String(url.split(separator: "/").last ?? "") }

    // MARK: Processes

    private static func serverCommand(_ command: [String]) -> [String] {
        getuid() == 0 ? ["/usr/sbin/runuser", "-u", "postgres", "--"] + command : command
    }

    private static func asServer(_ local: Local, _ tool: String, _ arguments: [String]) throws -> String {
        let command = serverCommand([tool] + arguments)
        return try run(command[0], Array(command.dropFirst()), directory: local.root)
    }

    static func quote(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }

    /// Runs a command and waits for it: posix_spawn and waitpid (Foundation's `Process` can miss
    /// the end of a child whose own children live on, as the server does); its output through
    /// files, so that no pipe fills.
    @discardableResult
    static func run(_ tool: String, _ arguments: [String], environment: [String: String] = [:], directory: String? = nil) throws -> String {
        let outPath = NSTemporaryDirectory() + "studyleave-pg-run-\(getpid())-\(UInt64.random(in: 0...UInt64.max))"
        let errPath = outPath + ".err"
        defer { unlink(outPath); unlink(errPath) }
        var env = ProcessInfo.processInfo.environment
        for (k, v) in environment { env[k] = v }
        var command = [tool] + arguments
        if let directory { command = ["/bin/sh", "-c", "cd \(quote(directory)) && exec \"$@\"", "sh"] + command }
        let pid = try spawn(command, environment: env, stdout: outPath, stderr: errPath)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            guard errno == EINTR else { throw PostgresServerUnavailable(message: "cannot wait for \(tool): errno \(errno)") }
        }
        let output = (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? ""
        let exited = status & 0x7f == 0
        let code = exited ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        guard code == 0 else {
            let message = ((try? String(contentsOfFile: errPath, encoding: .utf8)) ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            throw CommandFailed(command: ([tool] + arguments).joined(separator: " "), status: code, stderr: message)
        }
        return output
    }

    /// Starts a command with standard input from /dev/null and its output to files (or /dev/null).
    static func spawn(_ command: [String], environment: [String: String], stdout: String = "/dev/null", stderr: String = "/dev/null") throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdout, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, stderr, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        // Nothing else of this process: a pipe another test has open to its own child (the CLI's
        // output) would otherwise live on in the server, and that test would wait for its end as
        // long as the server runs (seen once: a web test hung ten minutes behind a fault test's server).
        // (glibc 2.34's posix_spawn_file_actions_addclosefrom_np, which Swift's Glibc does not show.)
        if let closeFrom = closeFrom { _ = closeFrom(&actions, 3) }
        let argv: [UnsafeMutablePointer<CChar>?] = command.map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for p in argv { free(p) }; for p in envp { free(p) } }
        var pid: pid_t = 0
        let result = posix_spawnp(&pid, command[0], &actions, nil, argv, envp)
        guard result == 0 else { throw PostgresServerUnavailable(message: "cannot run \(command[0]): \(String(cString: strerror(result)))") }
        return pid
    }

    typealias CloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
    static let closeFrom: CloseFrom? = dlsym(nil, "posix_spawn_file_actions_addclosefrom_np").map { unsafeBitCast($0, to: CloseFrom.self) }

    /// A free TCP port on 127.0.0.1: bound at port 0, read back, let go.
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw PostgresServerUnavailable(message: "cannot open a socket to find a free port") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { p in
            p.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard bound else { throw PostgresServerUnavailable(message: "cannot bind a socket to find a free port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

/// No server can be had: the message says what to install or set.
public struct PostgresServerUnavailable: Error, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}

/// A command the helper ran failed.
public struct CommandFailed: Error, CustomStringConvertible {
    public let command: String
    public let status: Int32
    public let stderr: String
    public var description: String { "\(command) exited with \(status): \(stderr)" }
}

/// The servers to stop when the process exits.
private enum Cleanup {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var servers: [PostgresServer] = []
    nonisolated(unsafe) private static var registered = false

    static func register(_ server: PostgresServer) {
        lock.lock(); defer { lock.unlock() }
        servers.append(server)
        if !registered {
            registered = true
            atexit { Cleanup.stopAll() }
        }
    }

    static func stopAll() {
        lock.lock()
        let all = servers
        servers = []
        lock.unlock()
        for server in all { server.stopAndRemove() }
    }
}
