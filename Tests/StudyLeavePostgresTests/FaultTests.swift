import Foundation
import StudyLeaveDomain
import StudyLeaveTestSupport
import Testing
@testable import StudyLeaveLedger

@Suite("PostgreSQL: faults")
struct FaultTests {
    @Test("a server that cannot be reached is an I/O failure that says where, and that nothing was recorded")
    func unreachable() async throws {
        let port = try freeLoopbackPort()
        let address = try PostgresAddress(url: "postgres://postgres@127.0.0.1:\(port)/nothing", environment: [:], home: "/nonexistent")
        let error = await ledgerError { _ = try await PostgresStore.open(address) }
        guard case .io(let message)? = error else { Issue.record("got \(String(describing: error))"); return }
        #expect(message.hasPrefix("cannot reach the PostgreSQL server at \(address.description): "))
        #expect(message.hasSuffix("; nothing was recorded"))
    }

    @Test("an unknown role is an I/O failure naming the user")
    func unknownRole() async throws {
        guard let server = try await server() else { return }
        let address = try PostgresAddress(url: "postgres://nobody_here@\(server.host):\(server.port)/postgres", environment: [:], home: "/nonexistent")
        let error = await ledgerError { _ = try await PostgresStore.open(address) }
        guard case .io(let message)? = error else { Issue.record("got \(String(describing: error))"); return }
        #expect(message.contains("refused the login of 'nobody_here'"))
    }

    @Test("a database that does not exist is an I/O failure that says to create it")
    func noDatabase() async throws {
        guard let server = try await server() else { return }
        let address = try PostgresAddress(url: server.url(database: "no_such_db"), environment: [:], home: "/nonexistent")
        let error = await ledgerError { _ = try await PostgresStore.open(address) }
        guard case .io(let message)? = error else { Issue.record("got \(String(describing: error))"); return }
        #expect(message.contains("has no database 'no_such_db'"))
    }

    @Test("the store works over the server's Unix socket")
    func unixSocket() async throws {
        guard let server = try await PostgresServer.startPrivate(), let folder = server.socketFolder else { return }
        let tcp = try await server.freshDatabase()
        let name = PostgresServer.databaseName(tcp)
        let address = try PostgresAddress(url: "postgres://postgres@/\(name)?host=\(folder)&port=\(server.port)", environment: [:], home: "/nonexistent")
        let store = try await PostgresStore.create(address, policies: .standard)
        _ = try await appendAll(store, [seedEvents()])
        #expect(try await store.head() == 4)
        await store.close()
    }

    @Test("a server stopped at once amid appends: every acknowledged append survives the restart, and verify passes")
    func crashAmidAppends() async throws {
        guard let server = try await PostgresServer.startPrivate() else { return }
        let address = try await PostgresAddress(url: server.freshDatabase(), environment: [:], home: "/nonexistent")
        let store = try await PostgresStore.create(address, policies: .standard)
        _ = try await appendAll(store, [seedEvents()])
        let acknowledged = Acknowledged()
        let writer = Task {
            var failures: [LedgerError] = []
            for i in 0..<2000 {
                let e = NewEvent(on: day, tags: [Tag.person("P\(i % 7)"), Tag.application("X\(i)")],
                                 data: .serviceResumed(person: "P\(i % 7)"))
                do {
                    let r = try await store.append([e], actor: "w", requestId: "w-\(i)", condition: nil)
                    acknowledged.add("w-\(i)", r.events[0].position)
                } catch let error as LedgerError {
                    failures.append(error)
                    if failures.count >= 5 { break }
                }
            }
            return failures
        }
        while acknowledged.count < 40 { try await Task.sleep(nanoseconds: 5_000_000) }
        try await server.kill()
        let failures = try await writer.value
        #expect(!failures.isEmpty)
        for failure in failures {
            guard case .io = failure else { Issue.record("a lost server should be .io, got \(failure)"); continue }
        }
        try await server.restart()
        // The same store connects again at its next call.
        #expect(try await store.head() >= 4 + Int64(acknowledged.count))
        await store.close()
        let reopened = try await PostgresStore.open(address)
        for (requestId, position) in acknowledged.all {
            #expect(try await reopened.event(requestId: requestId)?.position == position)
        }
        let report = try await reopened.verify(progress: nil)
        #expect(report.isIntact)
        #expect(try await reopened.projectionDifference() == nil)
        let next = try await reopened.append([seedEvents()[0]], actor: "a", requestId: nil, condition: nil)
        #expect(next.events[0].position == report.events + 1)
        await reopened.close()
    }
}

final class Acknowledged: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [(String, Int64)] = []
    func add(_ id: String, _ position: Int64) { lock.withLock { items.append((id, position)) } }
    var count: Int { lock.withLock { items.count } }
    var all: [(String, Int64)] { lock.withLock { items } }
}

/// A loopback port nothing listens on (bound and let go).
func freeLoopbackPort() throws -> Int {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafeMutablePointer(to: &address) { p in
        p.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
    }
    return Int(UInt16(bigEndian: address.sin_port))
}
