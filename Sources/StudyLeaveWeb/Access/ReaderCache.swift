import StudyLeaveApp

/// The readers the tokens of recent requests are, as of the ledger's head: any new event (a grant,
/// a revocation, a new agency) empties it, so a revocation holds from the next request on, and a
/// request of an unchanged ledger does not read the grants and the agency tree again. Keyed by the
/// token's hash: no token is kept in memory beyond its request.
actor ReaderCache {
    private var head: Int64 = -1
    private var readers: [String: AccessReader?] = [:]
    /// Tokens seen are bounded: a flood of made-up tokens empties the cache, it never grows without end.
    static let capacity = 10_000

    /// The reader of `hash` if known at `head`; `.none` when not cached.
    func lookup(_ hash: String, at head: Int64) -> AccessReader?? {
        if head != self.head { readers = [:]; self.head = head; return .none }
        return readers[hash]
    }

    func store(_ reader: AccessReader?, for hash: String, at head: Int64) {
        guard head == self.head else { return }
        if readers.count >= Self.capacity { readers = [:] }
        readers[hash] = .some(reader)
    }
}
