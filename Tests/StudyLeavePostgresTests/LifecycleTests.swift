import Foundation
import StudyLeaveDomain
import StudyLeaveTestSupport
import Testing
@testable import StudyLeaveLedger

@Suite("PostgreSQL: init and open")
struct LifecycleTests {
    @Test("init makes an empty ledger that open finds, with the policy recorded")
    func createThenOpen() async throws {
        guard let server = try await server() else { return }
        let address = try await freshAddress(server)
        let created = try await PostgresStore.create(address, policies: .standard)
        #expect(try await created.head() == 0)
        await created.close()
        let opened = try await PostgresStore.open(address)
        #expect(opened.policies == PolicySet.standard)
        #expect(opened.location == address.description)
        #expect(try await opened.head() == 0)
        await opened.close()
    }

    @Test("init on a database that holds a ledger is refused, and changes nothing")
    func createTwice() async throws {
        guard let server = try await server() else { return }
        let address = try await freshAddress(server)
        let store = try await PostgresStore.create(address, policies: .standard)
        _ = try await appendAll(store, [seedEvents()])
        let error = await ledgerError { _ = try await PostgresStore.create(address, policies: .standard) }
        #expect(error == .alreadyExists(path: address.description))
        #expect(try await store.head() == 4)
        await store.close()
    }

    @Test("two inits at once: one makes the ledger, the other is refused")
    func createRacing() async throws {
        guard let server = try await server() else { return }
        let address = try await freshAddress(server)
        let outcomes = await withTaskGroup(of: LedgerError?.self) { group in
            for _ in 0..<2 {
                group.addTask { await ledgerError { _ = try await PostgresStore.create(address, policies: .standard) } }
            }
            return await group.reduce(into: [LedgerError?]()) { $0.append($1) }
        }
        #expect(outcomes.filter { $0 == nil }.count == 1)
        #expect(outcomes.contains(.alreadyExists(path: address.description)))
    }

    @Test("open on a database without the ledger's tables says to run init")
    func openMissing() async throws {
        guard let server = try await server() else { return }
        let address = try await freshAddress(server)
        let error = await ledgerError { _ = try await PostgresStore.open(address) }
        #expect(error == .missing(path: address.description))
        #expect(error?.message.contains("studyleave init") == true)
    }

    @Test("open on a database whose tables are someone else's is refused")
    func openForeign() async throws {
        guard let server = try await server() else { return }
        let address = try await freshAddress(server)
        try await server.psql("CREATE TABLE events (id int); CREATE TABLE meta (key text, value text)", database: address.database)
        let error = await ledgerError { _ = try await PostgresStore.open(address) }
        #expect(error == .notALedger(path: address.description))
    }

    @Test("a ledger of a newer schema is refused")
    func newerSchema() async throws {
        guard let server = try await server() else { return }
        let address = try await freshAddress(server)
        try await PostgresStore.create(address, policies: .standard).close()
        try await server.psql("ALTER TABLE meta DISABLE TRIGGER meta_write_once; UPDATE meta SET value = '99' WHERE key = 'schema'",
                        database: address.database)
        let error = await ledgerError { _ = try await PostgresStore.open(address) }
        #expect(error == .newerSchema(found: 99, supported: PostgresSchema.version))
    }

    @Test("the policy given at init is the one open reads back")
    func policyRecorded() async throws {
        guard let server = try await server() else { return }
        let address = try await freshAddress(server)
        var policy = PolicySet.standard.policies[0]
        policy.partTimeServiceMultiplier = 1
        let policies = PolicySet([policy])
        try await PostgresStore.create(address, policies: policies).close()
        let opened = try await PostgresStore.open(address)
        #expect(opened.policies == policies)
        await opened.close()
    }
}
