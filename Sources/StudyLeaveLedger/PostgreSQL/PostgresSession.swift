import Foundation
import Logging
import NIOCore
import NIOSSL
import PostgresNIO

/// The one connection of a `PostgresStore`, used by one call at a time: an append's transaction
/// never interleaves with another call's statements, whatever the caller's tasks do. A lost
/// connection is made again at the next call (the call that lost it failed with `.io`).
final class PostgresSession: @unchecked Sendable {
    let address: PostgresAddress
    private let gate = AsyncGate()
    /// Only touched while holding `gate`.
    private var connection: PostgresConnection?

    /// Quiet: the store reports its failures as `LedgerError`s, the CLI prints them.
    static let logger: Logger = {
        var logger = Logger(label: "studyleave.postgres")
        logger.logLevel = .critical
        return logger
    }()

    private static let ids = IDCounter()

    static let tracing = ProcessInfo.processInfo.environment["STUDYLEAVE_PG_TRACE"] != nil
    private static let traceStart = ContinuousClock.now
    /// With `STUDYLEAVE_PG_TRACE` set, a line on stderr: the milliseconds since the first line,
    /// then what the session does (where a command's time goes).
    static func trace(_ line: @autoclosure () -> String) {
        guard tracing else { return }
        let ms = (ContinuousClock.now - traceStart) / .milliseconds(1)
        FileHandle.standardError.write(Data("pgtrace \(String(format: "%8.2f", ms)) \(line())\n".utf8))
    }

    /// How long a statement waits for a lock another session holds (an append waiting for the
    /// head row) before giving up: `STUDYLEAVE_BUSY_TIMEOUT` seconds, else SQLite's default.
    static var lockTimeoutMillis: Int {
        let seconds = ProcessInfo.processInfo.environment["STUDYLEAVE_BUSY_TIMEOUT"].flatMap(Double.init) ?? SQLiteLedger.defaultBusyTimeout
        return max(1, Int(seconds * 1000))
    }

    private init(address: PostgresAddress, connection: PostgresConnection) {
        self.address = address
        self.connection = connection
    }

    /// TLS as `sslmode` asks, with the system's trusted certificates: none on this machine (a
    /// socket or loopback: Debian's snakeoil certificate would be refused, and there is nothing to
    /// protect), `prefer` elsewhere unless said otherwise.
    static func tls(_ address: PostgresAddress) throws(LedgerError) -> PostgresConnection.Configuration.TLS {
        if address.isLocal || address.sslMode == .disable { return .disable }
        do {
            let context = try NIOSSLContext(configuration: .makeClientConfiguration())
            return address.sslMode == .require ? .require(context) : .prefer(context)
        } catch {
            throw .io("cannot set up TLS for \(address.description): \(error)")
        }
    }

    /// Connects, or fails with `.io` in words the user can act on.
    static func open(_ address: PostgresAddress) async throws(LedgerError) -> PostgresSession {
        PostgresSession(address: address, connection: try await connect(address))
    }

    static func connect(_ address: PostgresAddress) async throws(LedgerError) -> PostgresConnection {
        var configuration: PostgresConnection.Configuration
        if let socket = address.socketPath {
            configuration = .init(unixSocketPath: socket, username: address.user, password: address.password, database: address.database)
        } else {
            configuration = .init(host: address.host ?? "localhost", port: address.port, username: address.user,
                                  password: address.password, database: address.database, tls: try tls(address))
        }
        // Set at the start of the session, in the startup message: no round trip of their own.
        configuration.options.additionalStartupParameters = [
            ("application_name", "studyleave"),
            ("lock_timeout", "\(lockTimeoutMillis)ms"),
        ]
        trace("connect \(address.database)")
        defer { trace("connected \(address.database)") }
        do {
            return try await PostgresConnection.connect(configuration: configuration, id: ids.next(), logger: logger)
        } catch {
            throw PostgresFailure.translate(error, address: address, connecting: true)
        }
    }

    /// Runs `body` with the connection, alone: other calls wait their turn. Errors come out as
    /// `LedgerError`s.
    func withConnection<T>(_ body: (PostgresConnection) async throws -> T) async throws(LedgerError) -> T {
        Self.trace("wait \(address.database)")
        await gate.acquire()
        Self.trace("enter \(address.database)")
        defer { gate.release(); Self.trace("leave \(address.database)") }
        let connection: PostgresConnection
        if let current = self.connection, !current.isClosed {
            connection = current
        } else {
            connection = try await Self.connect(address)
            self.connection = connection
        }
        do {
            return try await body(connection)
        } catch {
            throw PostgresFailure.translate(error, address: address)
        }
    }

    /// Closes the connection; later calls connect again.
    func close() async {
        await gate.acquire()
        defer { gate.release() }
        Self.trace("close \(address.database)")
        if let connection { try? await connection.close() }
        Self.trace("closed \(address.database)")
        connection = nil
    }

    /// A store dropped without `close()`: the connection is closed, and kept until it is (a
    /// PostgresConnection must not go away open).
    deinit {
        if let connection, !connection.isClosed {
            connection.close().whenComplete { _ in withExtendedLifetime(connection) {} }
        }
    }
}

/// A first-come, first-served lock for async code (an actor would let calls interleave at each
/// `await`).
final class AsyncGate: @unchecked Sendable {
    private let lock = NSLock()
    private var busy = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    func acquire() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            lock.lock()
            if busy {
                waiting.append(continuation)
                lock.unlock()
            } else {
                busy = true
                lock.unlock()
                continuation.resume()
            }
        }
    }

    func release() {
        lock.lock()
        if waiting.isEmpty {
            busy = false
            lock.unlock()
        } else {
            let next = waiting.removeFirst()
            lock.unlock()
            next.resume()
        }
    }
}

final class IDCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0
    func next() -> Int { lock.withLock { value += 1; return value } }
}

extension PostgresConnection {
    /// Runs one statement; its rows come as they arrive.
    ///
    /// A statement sent on a connection that has just closed (the server stopped, the network
    /// broke) is dropped by postgres-nio without an answer, so the caller would wait forever:
    /// the statement is not sent on a closed connection, and the wait for its answer ends when
    /// the connection closes, whichever comes first.
    func stream(_ query: PostgresQuery) async throws -> PostgresRowSequence {
        guard !isClosed else { throw PostgresFailure.ConnectionLost() }
        PostgresSession.trace("sql \(query.sql.prefix(72).split(whereSeparator: \.isNewline).joined(separator: " "))")
        let answer = FirstAnswer<PostgresRowSequence>()
        return try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<PostgresRowSequence, any Error>) in
            answer.wait(continuation)
            Task {
                do { answer.give(.success(try await self.query(query, logger: PostgresSession.logger))) } catch { answer.give(.failure(error)) }
            }
            self.closeFuture.whenComplete { _ in answer.give(.failure(PostgresFailure.ConnectionLost())) }
        }
    }

    /// Runs one statement and gathers its rows (the few rows of a short read).
    func rows(_ query: PostgresQuery) async throws -> [PostgresRow] {
        var out: [PostgresRow] = []
        for try await row in try await stream(query) { out.append(row) }
        return out
    }

    /// Runs one statement whose rows, if any, do not matter.
    func run(_ query: PostgresQuery) async throws {
        for try await _ in try await stream(query) {}
    }

    /// Runs `body` in a transaction: committed when it returns, rolled back when it throws (a
    /// failed ROLLBACK, on a lost connection, changes nothing: the server rolls back itself).
    /// `begin` names the isolation (`BEGIN ISOLATION LEVEL …`).
    func transaction<T>(_ begin: PostgresQuery = "BEGIN ISOLATION LEVEL READ COMMITTED",
                        _ body: (PostgresConnection) async throws -> T) async throws -> T {
        try await run(begin)
        let value: T
        do {
            value = try await body(self)
        } catch {
            if !isClosed { try? await run("ROLLBACK") }
            throw error
        }
        do {
            try await run("COMMIT")
        } catch {
            throw PostgresFailure.CommitFailed(underlying: error)
        }
        return value
    }
}

/// The first of several answers to one wait (the statement's own, or the connection's closing).
final class FirstAnswer<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var continuation: CheckedContinuation<Value, any Error>?
    private var early: Result<Value, any Error>?
    private var done = false

    func wait(_ continuation: CheckedContinuation<Value, any Error>) {
        lock.lock()
        if let early { lock.unlock(); continuation.resume(with: early); return }
        self.continuation = continuation
        lock.unlock()
    }

    func give(_ result: Result<Value, any Error>) {
        lock.lock()
        guard !done else { lock.unlock(); return }
        done = true
        if let continuation {
            self.continuation = nil
            lock.unlock()
            continuation.resume(with: result)
        } else {
            early = result
            lock.unlock()
        }
    }
}
