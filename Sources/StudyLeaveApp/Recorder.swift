import StudyLeaveDomain
import StudyLeaveLedger

/// What a write recorded.
public struct Recorded: Equatable, Sendable {
    /// The events recorded, or for a repeated request id the event first recorded with it.
    public var events: [Event]
    /// True when the request id was seen before and nothing new was recorded.
    public var duplicate: Bool
}

/// The write use case: read the events of the command's tags, fold, decide, append on the
/// condition that none of those tags moved since the read. A conflict re-reads and decides
/// again (the loser of a race for the last quota place is then refused by the rule itself).
public struct Recorder: Sendable {
    public let ledger: Ledger
    public let actor: String
    /// How many times a conflicting write re-reads and decides again before answering exit 75.
    public var attempts = 5

    public init(ledger: Ledger, actor: String) {
        self.ledger = ledger
        self.actor = actor
    }

    /// Records `command` as of the day `on`: the events it decides, or the refusal of the rule
    /// that says no (`AppError.refused`), or `conflict` after `attempts` lost races. A
    /// `requestId` the ledger has seen answers with its first recording and records nothing.
    public func record(_ command: Command, on: CivilDate, requestId: String? = nil) async throws(AppError) -> Recorded {
        let store = ledger.store
        if let requestId, let first = try await inAppTerms({ () throws(LedgerError) in try await store.event(requestId: requestId) }) {
            return try repeated(command, on: on, requestId: requestId, first: first)
        }
        for _ in 0..<attempts {
            let (events, tags, head) = try await readSlice(for: command)
            let decided: [NewEvent]
            do { decided = try Decider(events: events, policies: ledger.policies, on: on).decide(command) } catch {
                throw .refused(await Suggestions(store: store).refine(error))
            }
            let result: AppendResult
            do {
                result = try await store.append(decided, actor: actor, requestId: requestId,
                                                condition: AppendCondition(tags: tags, after: head))
            } catch .conflict {
                continue
            } catch {
                throw AppError(error)
            }
            // Another process recorded the same request id meanwhile: the same answer as above.
            if result.duplicate, let requestId, let first = result.events.first {
                return try repeated(command, on: on, requestId: requestId, first: first)
            }
            return Recorded(events: result.events, duplicate: result.duplicate)
        }
        throw .conflict
    }

    /// A write repeated with its request id: the first recording, if it is the same write; a
    /// refusal naming the first recording otherwise (a figure must never be dropped silently).
    func repeated(_ command: Command, on: CivilDate, requestId: String, first: Event) throws(AppError) -> Recorded {
        guard command.isRecorded(as: first, on: on) else {
            throw .refused(.requestIdReused(requestId: requestId, position: first.position, type: first.data.type))
        }
        return Recorded(events: [first], duplicate: true)
    }

    /// The events the decision needs. Every read is bounded by the head the first one stood at,
    /// so together they answer from one prefix of the ledger, as one snapshot would (`LedgerStore`).
    func readSlice(for command: Command) async throws(AppError) -> ([Event], Set<String>, Int64) {
        let store = ledger.store
        return try await inAppTerms { () throws(LedgerError) in
            // The first read gives the head; the later ones are bounded by it.
            let head = FirstHead()
            do {
                let (events, tags) = try await command.slice { tags in
                    if let bound = head.position { return try await store.events(taggedAny: tags, through: bound) }
                    let read = try await store.eventsAndHead(taggedAny: tags)
                    head.position = read.head
                    return read.events
                }
                // A slice reads at least once (`Command.slice`); were it not to, position 0 would
                // only make the condition stricter.
                return (events, tags, head.position ?? 0)
            } catch let e as LedgerError {
                throw e
            } catch {
                throw LedgerError.io("\(error)")
            }
        }
    }

    /// `retract POSITION`: the target is read first, by position.
    public func retract(position: Int64, reason: String, on: CivilDate, requestId: String? = nil) async throws(AppError) -> Recorded {
        let store = ledger.store
        let target = try await inAppTerms { () throws(LedgerError) in try await store.event(at: position) }
        guard let target else { throw .refused(.unknownPosition(position)) }
        return try await record(.retract(target: target, reason: reason), on: on, requestId: requestId)
    }
}

/// The head a decision's first read stood at, kept for its later reads (one decision, one task).
/// A class rather than a `var` captured by the fetch closure: Swift 6.3's release build
/// mis-compiled that capture here (the writers benchmark crashed allocating a garbage size).
private final class FirstHead {
    var position: Int64?
}
