import StudyLeaveDomain
import StudyLeaveLedger

/// The write use case: read the events of the command's tags, fold, decide, append on the
/// condition that none of those tags moved since the read. A conflict re-reads and decides
/// again (the loser of a race for the last quota place is then refused by the rule itself).
public struct Recorder: Sendable {
    public let ledger: SQLiteLedger
    public let actor: String
    /// How many times a conflicting write re-reads and decides again before answering exit 75.
    public var attempts = 5

    public init(ledger: SQLiteLedger, actor: String) {
        self.ledger = ledger
        self.actor = actor
    }

    public func record(_ command: Command, on: CivilDate, requestId: String? = nil) throws(AppError) -> AppendResult {
        do {
            if let requestId, let first = try ledger.read({ try $0.event(requestId: requestId) }) {
                return AppendResult(events: [first], duplicate: true)
            }
            for _ in 0..<attempts {
                let (events, tags, head) = try readSlice(for: command)
                let decided = try Decider(events: events, policies: ledger.policies, on: on).decide(command)
                do {
                    return try ledger.append(decided, actor: actor, requestId: requestId,
                                             condition: AppendCondition(tags: tags, after: head))
                } catch .conflict {
                    continue
                }
            }
            throw AppError.ledger(.conflict)
        } catch let e as AppError {
            throw e
        } catch let e as Refusal {
            throw .refused(e)
        } catch let e as LedgerError {
            throw .ledger(e)
        } catch {
            throw .ledger(.io("\(error)"))
        }
    }

    /// The events the decision needs, all read in one snapshot.
    func readSlice(for command: Command) throws(LedgerError) -> ([Event], Set<String>, Int64) {
        try ledger.read { reader in
            let head = try reader.head()
            let (events, tags) = try command.slice { try reader.events(taggedAny: $0) }
            return (events, tags, head)
        }
    }

    /// `retract POSITION`: the target is read first, by position.
    public func retract(position: Int64, reason: String, on: CivilDate, requestId: String? = nil) throws(AppError) -> AppendResult {
        let target: Event?
        do { target = try ledger.read { try $0.event(at: position) } } catch { throw .ledger(error) }
        guard let target else { throw .refused(.unknownPosition(position)) }
        return try record(.retract(target: target, reason: reason), on: on, requestId: requestId)
    }
}
