import Foundation
import PostgresNIO
import StudyLeaveDomain

/// The one statement an append runs under the head lock (`PostgresAppend.locked`), prepared
/// once per connection: its text never changes (every value is a parameter, the rows arrays),
/// so the server parses and plans it once, and each later append only binds and runs it.
///
/// Its snapshot is taken after the lock, so it sees every append committed before. It checks
/// idempotency (a request id already recorded), the condition (events of its tags after its
/// position) and the rows read before the lock (events of their tags after them); only if all
/// three hold does it write the events, their tags, the head, the checkpoint and the rows. Its
/// one row says which check failed, if any. Each tag is looked up on its own in the tag index
/// (`LATERAL`): the plan kept for a prepared statement is made without the values, and for
/// `tag = ANY(…)` it may scan the whole table, which grows with the ledger.
struct PostgresWriteStatement: PreparedQuery {
    typealias Row = (seen: Bool, stale: Bool, moved: Bool)

    var last: Int64, position: Int64, hash: String, recordedAt: String, actor: String, requestId: String?
    var conditionTags: [String], conditionAfter: Int64
    var rowTags: [String], rowsThrough: Int64
    var types: [String], days: [String], tags: [String], payloads: [String], hashes: [String]
    var tagNames: [String], tagPositions: [Int64]
    var rows: ProjectionRowSet

    /// The text, the same for every append (the values are parameters).
    static let sql = PostgresWriteStatement(
        last: 0, position: 0, hash: "", recordedAt: "", actor: "", requestId: nil, conditionTags: [], conditionAfter: 0,
        rowTags: [], rowsThrough: 0, types: [], days: [], tags: [], payloads: [], hashes: [], tagNames: [], tagPositions: [],
        rows: ProjectionRowSet()).query.sql

    func makeBindings() -> PostgresBindings { query.binds }

    func decodeRow(_ row: PostgresRow) throws -> Row { try row.decode((Bool, Bool, Bool).self) }

    /// The statement with this append's values.
    var query: PostgresQuery {
        let fine = "(SELECT fine FROM verdict)"
        return """
            WITH checks AS (
                SELECT EXISTS (SELECT 1 FROM events WHERE request_id = \(requestId)::text) AS seen,
                       EXISTS (SELECT 1 FROM unnest(\(conditionTags)::text[]) AS c(tag), LATERAL (
                           SELECT 1 FROM event_tags t WHERE t.tag = c.tag AND t.position > \(conditionAfter) LIMIT 1) x) AS stale,
                       EXISTS (SELECT 1 FROM unnest(\(rowTags)::text[]) AS r(tag), LATERAL (
                           SELECT 1 FROM event_tags t WHERE t.tag = r.tag AND t.position > \(rowsThrough) LIMIT 1) x) AS moved
            ), verdict AS (
                SELECT seen, stale, moved, NOT (seen OR stale OR moved) AS fine FROM checks
            ), t AS (
                INSERT INTO event_tags(tag, position)
                SELECT * FROM unnest(\(tagNames)::text[], \(tagPositions)::bigint[]) WHERE \(unescaped: fine)
            ), h AS (
                UPDATE ledger_head SET position = \(position), hash = \(hash), recorded_at = \(recordedAt) WHERE \(unescaped: fine)
            ), k AS (
                INSERT INTO projection_checkpoint(name, position) SELECT \(PostgresSchema.checkpointName)::text, \(position)::bigint
                WHERE \(unescaped: fine)
                ON CONFLICT (name) DO UPDATE SET position = excluded.position
            ), e AS (
                INSERT INTO events(position, type, version, on_day, recorded_at, actor, request_id, tags, payload, hash)
                SELECT \(last) + u.n, u.type, \(EventData.schemaVersion), u.on_day, \(recordedAt), \(actor),
                       CASE WHEN u.n = 1 THEN \(requestId)::text END, u.tags, u.payload, u.hash
                FROM unnest(\(types)::text[], \(days)::text[], \(tags)::text[], \(payloads)::text[], \(hashes)::text[])
                     WITH ORDINALITY AS u(type, on_day, tags, payload, hash, n)
                WHERE \(unescaped: fine)
            ), \(inserting: rows, upsert: true, when: fine)
            SELECT seen, stale, moved FROM verdict
            """
    }
}

extension PostgresConnection {
    /// Runs a prepared statement (prepared on this connection at its first use) and gathers its
    /// rows. As `stream`, it is not sent on a closed connection, and the wait for its answer ends
    /// when the connection closes.
    ///
    /// Preparing costs a round trip of its own, which a one-shot command (a CLI process, one
    /// connection, a statement run once or twice) never earns back: the first `unpreparedUses`
    /// runs on a connection go as plain statements, the later ones prepared.
    func rows<Statement: PreparedQuery>(prepared statement: Statement) async throws -> [Statement.Row]
    where Statement.Row: Sendable {
        guard !isClosed else { throw PostgresFailure.ConnectionLost() }
        if PreparedUses.count(Statement.name, on: self) <= PreparedUses.unpreparedUses {
            var out: [Statement.Row] = []
            for try await row in try await stream(statement.query) { out.append(try statement.decodeRow(row)) }
            return out
        }
        PostgresSession.trace("sql (prepared) \(Statement.name)")
        let answer = FirstAnswer<[Statement.Row]>()
        return try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<[Statement.Row], any Error>) in
            answer.wait(continuation)
            Task {
                do {
                    var out: [Statement.Row] = []
                    for try await row in try await self.execute(statement, logger: PostgresSession.logger) { out.append(row) }
                    answer.give(.success(out))
                } catch { answer.give(.failure(error)) }
            }
            self.closeFuture.whenComplete { _ in answer.give(.failure(PostgresFailure.ConnectionLost())) }
        }
    }

    /// Runs the append's statement and reads its verdict.
    func verdict(_ statement: PostgresWriteStatement) async throws -> PostgresWriteStatement.Row {
        guard let verdict = try await rows(prepared: statement).first else { throw PostgresFailure.ConnectionLost() }
        return verdict
    }
}

/// A prepared statement that can also run as a plain one: its text and values as a query.
protocol PreparedQuery: PostgresPreparedStatement {
    var query: PostgresQuery { get }
}

/// How often each prepared statement has run on each connection (`rows(prepared:)`).
enum PreparedUses {
    /// Runs on a connection before a statement is prepared there.
    static let unpreparedUses = 2

    private static let lock = NSLock()
    nonisolated(unsafe) private static var counts: [ObjectIdentifier: [String: Int]] = [:]

    /// Counts this run and returns the count (1 for the first).
    static func count(_ name: String, on connection: PostgresConnection) -> Int {
        lock.withLock {
            let id = ObjectIdentifier(connection)
            let n = (counts[id]?[name] ?? 0) + 1
            counts[id, default: [:]][name] = n
            return n
        }
    }
}
