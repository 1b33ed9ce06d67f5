import StudyLeaveDomain

/// What `verify` found.
public struct VerifyReport: Equatable, Sendable {
    /// The events checked (all of them when intact; those before the failure otherwise).
    public var events: Int64
    /// The chain head: the hash of the last event checked (64 zeros for an empty ledger).
    public var head: String
    /// The first position that fails, and why; nil when the ledger is intact.
    public var failure: Failure?

    /// A failed check: the position (nil when it concerns no one event) and the reason.
    public struct Failure: Equatable, Sendable {
        public var position: Int64?
        public var detail: String
    }

    public var isIntact: Bool { failure == nil }

    public init(events: Int64, head: String, failure: Failure?) {
        self.events = events; self.head = head; self.failure = failure
    }
}

/// The checks of `verify`, fed one stored row at a time in position order by whichever store holds
/// them: the hash chain from the first event, positions 1, 2, 3…, transaction time never running
/// backwards, every payload readable, and the tag index holding exactly the tags each event was
/// hashed with.
public struct ChainVerifier: Sendable {
    private var expected: Int64 = 1
    private var previous = HashChain.genesis
    private var lastRecorded = ""

    public init() {}

    /// The events checked so far.
    public var checked: Int64 { expected - 1 }

    /// The report so far, with `failure` if one was found.
    public func report(_ failure: VerifyReport.Failure? = nil) -> VerifyReport {
        VerifyReport(events: expected - 1, head: previous, failure: failure)
    }

    /// The failure of a row at `position` if it is not the next one (positions run 1, 2, 3…); a
    /// store asks first when it gathers the row's tags only after.
    public func gap(at position: Int64) -> VerifyReport.Failure? {
        position == expected ? nil : VerifyReport.Failure(position: position, detail: "position \(position) follows \(expected - 1): events are missing")
    }

    /// Checks the next row, with the hash stored beside it and the tags the index holds for its
    /// position (in any order); returns the failure, or nil when it checks out.
    public mutating func check(_ stored: StoredEvent, hash: String, indexedTags: [String]) -> VerifyReport.Failure? {
        let p = stored.position
        func fail(_ detail: String) -> VerifyReport.Failure { VerifyReport.Failure(position: p, detail: detail) }
        if let gap = gap(at: p) { return gap }
        if HashChain.hash(previous: previous, canonical: stored.canonical) != hash {
            return fail("its hash does not match its contents (the event was changed)")
        }
        if Timestamp.parseStored(stored.recordedAt) == nil { return fail("its recorded time '\(stored.recordedAt)' is malformed") }
        if stored.recordedAt < lastRecorded { return fail("it was recorded before the event ahead of it") }
        let event: Event
        do { event = try stored.decoded() } catch { return fail(error.message) }
        if indexedTags.sorted() != event.tags.sorted() { return fail("the tag index differs from the event's tags") }
        previous = hash
        lastRecorded = stored.recordedAt
        expected += 1
        return nil
    }
}
