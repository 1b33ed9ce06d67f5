import StudyLeaveApp

/// A few open ledgers shared by the requests: a store serves one call at a time, so requests
/// that arrive together each take their own (opened on first need, kept open after).
actor LedgerPool {
    let db: String
    let size: Int
    private var idle: [Ledger] = []
    private var opened = 0
    private var waiting: [CheckedContinuation<Ledger, Never>] = []

    init(db: String, size: Int) {
        self.db = db
        self.size = max(1, size)
    }

    /// Runs `body` with a ledger of its own, and gives the ledger back however it ends.
    nonisolated func with<T: Sendable>(_ body: @Sendable (Ledger) async throws -> T) async throws -> T {
        let ledger = try await take()
        do {
            let result = try await body(ledger)
            await give(ledger)
            return result
        } catch {
            await give(ledger)
            throw error
        }
    }

    func take() async throws -> Ledger {
        if let ledger = idle.popLast() { return ledger }
        if opened < size {
            opened += 1
            do { return try await Ledger.open(db) } catch {
                opened -= 1
                throw error
            }
        }
        return await withCheckedContinuation { waiting.append($0) }
    }

    func give(_ ledger: Ledger) {
        if waiting.isEmpty { idle.append(ledger) } else { waiting.removeFirst().resume(returning: ledger) }
    }

    /// Lets go of every connection (the server is stopping).
    func close() async {
        for ledger in idle { await ledger.close() }
        idle = []
    }
}
