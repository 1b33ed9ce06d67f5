import PostgresNIO
import StudyLeaveDomain

/// The append path on PostgreSQL: the only code that writes events after an import.
///
/// One transaction at READ COMMITTED. It first locks the head row (`SELECT … FOR UPDATE`), which
/// orders every append of every process on every machine: positions are taken from the head, so
/// they are gap-free and in commit order (no sequence, whose numbers a rollback would lose).
/// Then, as statements of their own, each with a snapshot taken after the lock so that it sees
/// every append committed before: the request-id look-up, the condition, the insert of the events
/// and their tags (with the head and the checkpoint), the projection rows the events touch. A
/// transaction that loses to another (serialization failure, deadlock, lock timeout) is run again
/// a few times, then reported as `.conflict`.
enum PostgresAppend {
    static let attempts = 4

    static func append(_ session: PostgresSession, _ events: [NewEvent], actor: String, requestId: String?,
                       condition: AppendCondition?, nowMillis: @Sendable () -> Int64) async throws(LedgerError) -> AppendResult {
        precondition(!events.isEmpty)
        try StoredEvent.check(actor: actor, requestId: requestId)
        var attempt = 0
        while true {
            attempt += 1
            let outcome: Outcome
            do {
                outcome = try await session.withConnection { c -> Outcome in
                    do {
                        return .recorded(try await once(c, events, actor: actor, requestId: requestId, condition: condition, nowMillis: nowMillis()))
                    } catch is StaleCondition {
                        return .stale
                    } catch let seen as Seen {
                        return .recorded(AppendResult(events: [seen.first], duplicate: true))
                    } catch where requestId != nil && PostgresFailure.isRequestIdRace(error) {
                        // Another session recorded this request first (the head lock makes this
                        // rare): answer as the idempotent path does.
                        guard let requestId, let first = try await PostgresReads.event(c, requestId: requestId) else { throw error }
                        return .recorded(AppendResult(events: [first], duplicate: true))
                    }
                }
            } catch .conflict {
                // Lost to another transaction, or waited too long for the head: back off, retry;
                // after the last try, say so (exit 75; the Recorder does not retry this again).
                guard attempt < attempts else { throw .contended(session.address.description) }
                try? await Task.sleep(nanoseconds: UInt64(attempt) * 20_000_000 + UInt64.random(in: 0..<10_000_000))
                continue
            }
            switch outcome {
            case .recorded(let result): return result
            // Not retried: the events the decision did not see are still there.
            case .stale: throw .conflict
            }
        }
    }

    enum Outcome { case recorded(AppendResult), stale }

    /// One attempt. A condition that no longer holds throws `StaleCondition` (a retry would not
    /// change it) and a request id already recorded throws `Seen`, both rolling back; the outer
    /// loop retries only the server's concurrency errors (`PostgresFailure.retryable`).
    ///
    /// The head is held for three round trips, as a bare `UPDATE; INSERT; COMMIT` holds it: the
    /// lock, one statement that checks and writes, the commit. The rows the events change are read
    /// before the lock (`PostgresRowsBefore`); the statement checks that none moved since, and
    /// when one did (another office recorded for the same person in between), the attempt reads
    /// them again, this time under the lock. A batch with a retraction folds its rows' streams
    /// again after the insert, under the lock: a retraction cannot be applied to a row.
    static func once(_ c: PostgresConnection, _ newEvents: [NewEvent], actor: String, requestId: String?,
                     condition: AppendCondition?, nowMillis: Int64) async throws -> AppendResult {
        var changed = Set<ProjectionKey>()
        var refold = false
        for e in newEvents {
            guard let keys = ProjectionFold.keys(changedBy: Event(position: 0, on: e.on, recordedAt: "", actor: "", tags: e.tags, data: e.data)) else {
                refold = true; break
            }
            changed.formUnion(keys)
        }
        let before = refold || changed.isEmpty ? nil : try await PostgresRowsBefore.read(c, keys: changed)
        let attendance = try await PostgresAttendance.fold(for: newEvents, c)
        do {
            return try await locked(c, newEvents, actor: actor, requestId: requestId, condition: condition, nowMillis: nowMillis,
                                    changed: changed, before: before, refold: refold, attendance: attendance)
        } catch is RowsMoved {
            // Rare: read the rows again, this time while holding the lock, so that they cannot move.
            return try await locked(c, newEvents, actor: actor, requestId: requestId, condition: condition, nowMillis: nowMillis,
                                    changed: changed, before: nil, refold: refold, attendance: attendance)
        }
    }

    static func locked(_ c: PostgresConnection, _ newEvents: [NewEvent], actor: String, requestId: String?,
                       condition: AppendCondition?, nowMillis: Int64, changed: Set<ProjectionKey>,
                       before: PostgresRowsBefore?, refold: Bool, attendance: AttendanceFold?) async throws -> AppendResult {
        try await c.transaction { c in
            let head = try await c.rows("SELECT position, hash, recorded_at FROM ledger_head FOR UPDATE")
            guard let headRow = head.first else { throw LedgerError.corrupt(position: nil, detail: "the ledger head row is missing") }
            let (last, lastHash, lastRecorded) = try headRow.decode((Int64, String, String).self)
            var before = before
            if before == nil, !refold, !changed.isEmpty { before = try await PostgresRowsBefore.read(c, keys: changed) }
            // Transaction time never runs backwards, so `--known-at TIME` is a prefix.
            let recordedAt = Timestamp.format(millis: max(nowMillis, Timestamp.parseStored(lastRecorded) ?? Int64.min))
            var position = last
            var previous = lastHash
            var written: [Event] = []
            var types: [String] = [], days: [String] = [], tags: [String] = [], payloads: [String] = [], hashes: [String] = []
            var tagNames: [String] = [], tagPositions: [Int64] = []
            for (i, e) in newEvents.enumerated() {
                position += 1
                let stored = StoredEvent(e, position: position, recordedAt: recordedAt, actor: actor, requestId: i == 0 ? requestId : nil)
                previous = HashChain.hash(previous: previous, canonical: stored.canonical)
                types.append(stored.type); days.append(stored.on); tags.append(stored.tags); payloads.append(stored.payload)
                hashes.append(previous)
                let eventTags = Array(Set(e.tags)).sorted()
                for tag in eventTags { tagNames.append(tag); tagPositions.append(position) }
                written.append(Event(position: position, on: e.on, recordedAt: recordedAt, actor: actor,
                                     requestId: stored.requestId, tags: eventTags, data: e.data))
            }
            let rows = before?.after(written) ?? ProjectionRowSet()
            let statement = PostgresWriteStatement(
                last: last, position: position, hash: previous, recordedAt: recordedAt, actor: actor, requestId: requestId,
                conditionTags: condition.map { $0.tags.sorted() } ?? [], conditionAfter: condition?.after ?? 0,
                rowTags: before?.tags ?? [], rowsThrough: before?.through ?? last,
                types: types, days: days, tags: tags, payloads: payloads, hashes: hashes,
                tagNames: tagNames, tagPositions: tagPositions, rows: rows)
            let (seen, stale, moved) = try await c.verdict(statement)
            if seen, let requestId, let first = try await PostgresReads.event(c, requestId: requestId) { throw Seen(first: first) }
            if stale { throw StaleCondition() }
            if moved { throw RowsMoved() }
            // A retraction: the rows of its tags folded again from their streams (which now hold
            // the new events), in the same transaction.
            if refold {
                var keys = Set<ProjectionKey>()
                for e in written { keys.formUnion(ProjectionFold.keys(of: e)) }
                try await PostgresProjections.refresh(c, keys: keys)
            }
            // Attendances and their retractions: their rows, one more statement or two.
            if let attendance { try await PostgresAttendance.write(c, written, fold: attendance) }
            return AppendResult(events: written, duplicate: false)
        }
    }

    /// The condition's tags have events after its position: nothing recorded, and no retry.
    struct StaleCondition: Error {}
    /// The request id was recorded before, first with this event: nothing recorded now.
    struct Seen: Error { let first: Event }
    /// An event for one of the rows read before the lock was recorded since: nothing recorded,
    /// and the rows are read again.
    struct RowsMoved: Error {}
}
