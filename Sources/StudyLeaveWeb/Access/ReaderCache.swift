import StudyLeaveApp

/// The readers the tokens of recent requests are, as of the ledger's head: a grant, a revocation or
/// an agency added under another empties it (`Access.readersChanged`), so a revocation holds from
/// the next request on; other writes keep it, so requests do not read the grants and the agency
/// tree again while offices record studies. Keyed by the
/// token's hash: no token is kept in memory beyond its request.
actor ReaderCache {
    private var head: Int64 = -1
    private var readers: [String: AccessReader?] = [:]
    /// Tokens seen are bounded: a flood of made-up tokens empties the cache, it never grows without end.
    static let capacity = 10_000

    /// The position the cached readers hold at.
    var position: Int64 { head }

    /// The reader of `hash` if known at `head`; `.none` when not cached, or when the ledger has
    /// moved (the caller then asks whether readers changed: `advance` or `clear`).
    func lookup(_ hash: String, at head: Int64) -> AccessReader?? {
        guard head == self.head else { return .none }
        return readers[hash]
    }

    /// The ledger moved from `from` to `head` without changing any reader: the readers hold at `head`.
    func advance(from: Int64, to head: Int64) {
        if self.head == from { self.head = head }
    }

    /// The ledger moved in a way that may change readers: forget them all.
    func clear(at head: Int64) {
        readers = [:]
        self.head = head
    }

    func store(_ reader: AccessReader?, for hash: String, at head: Int64) {
        guard head == self.head else { return }
        if readers.count >= Self.capacity { readers = [:] }
        readers[hash] = .some(reader)
    }
}
