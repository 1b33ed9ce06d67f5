import PostgresNIO
import StudyLeaveDomain

/// The reads of `SQLiteReader`, over one connection (inside a transaction or not). Positions are
/// gap-free and committed in order (`PostgresAppend`), so a read bounded `through` a position
/// seen earlier answers from exactly that prefix, without a snapshot held across reads.
enum PostgresReads {
    static let columns = PostgresRows.eventColumns

    static func decodeAll(_ rows: PostgresRowSequence) async throws -> [Event] {
        var out: [Event] = []
        for try await row in rows { out.append(try PostgresRows.event(row)) }
        return out
    }

    static func all(_ c: PostgresConnection, _ query: PostgresQuery) async throws -> [Event] {
        try await decodeAll(try await c.stream(query))
    }

    /// The last position recorded (0 when empty): the head row.
    static func head(_ c: PostgresConnection) async throws -> Int64 {
        let rows = try await c.rows("SELECT position FROM ledger_head")
        guard let row = rows.first else { throw LedgerError.corrupt(position: nil, detail: "the ledger head row is missing") }
        return try row.decode(Int64.self)
    }

    static func events(_ c: PostgresConnection, taggedAny tags: Set<String>, through: Int64?) async throws -> [Event] {
        guard !tags.isEmpty else { return [] }
        return try await c.rows(prepared: TaggedRead(tags: tags.sorted(), through: through ?? Int64.max))
    }

    /// Of the events of `tags`, those of `types` (a query's read of many people's arrivals).
    static func events(_ c: PostgresConnection, taggedAny tags: Set<String>, ofTypes types: [String], through: Int64?) async throws -> [Event] {
        guard !tags.isEmpty, !types.isEmpty else { return [] }
        return try await all(c, """
            SELECT \(unescaped: columns) FROM events
            WHERE position IN (SELECT t.position FROM unnest(\(tags.sorted())::text[]) AS w(tag)
                               JOIN event_tags t ON t.tag = w.tag AND t.position <= \(through ?? Int64.max))
              AND type = ANY(\(types))
            ORDER BY position
            """)
    }

    /// The read every decision makes, prepared once per connection. Tag by tag through the tag
    /// index, the bound inside: a plan that starts from the events (`position <= through` holds
    /// for nearly all of them) reads the whole table.
    struct TaggedRead: PreparedQuery {
        typealias Row = Event
        var tags: [String]
        var through: Int64

        static let sql = TaggedRead(tags: [], through: 0).query.sql

        var query: PostgresQuery {
            """
            SELECT \(unescaped: columns) FROM events
            WHERE position IN (SELECT t.position FROM unnest(\(tags)::text[]) AS w(tag)
                               JOIN event_tags t ON t.tag = w.tag AND t.position <= \(through))
            ORDER BY position
            """
        }

        func makeBindings() -> PostgresBindings { query.binds }
        func decodeRow(_ row: PostgresRow) throws -> Event { try PostgresRows.event(row) }
    }

    /// The events of `tags` and the head they stand at, in one statement (one snapshot).
    static func eventsAndHead(_ c: PostgresConnection, taggedAny tags: Set<String>) async throws -> (events: [Event], head: Int64) {
        let rows = try await c.rows(prepared: HeadTaggedRead(tags: tags.sorted()))
        guard let head = rows.first?.head else { throw LedgerError.corrupt(position: nil, detail: "the ledger head row is missing") }
        return (rows.compactMap { $0.event }, head)
    }

    /// `TaggedRead` bounded by the head of its own snapshot, which it returns with every row (and
    /// in a row of its own when no event matches).
    struct HeadTaggedRead: PreparedQuery {
        struct Row: Sendable {
            let head: Int64
            let event: Event?
        }
        var tags: [String]

        static let sql = HeadTaggedRead(tags: []).query.sql

        var query: PostgresQuery {
            let qualified = PostgresRows.eventColumns.split(separator: ",").map { "e." + $0.trimmingCharacters(in: .whitespaces) }.joined(separator: ", ")
            return """
                SELECT h.position, \(unescaped: qualified) FROM ledger_head h LEFT JOIN LATERAL (
                    SELECT \(unescaped: columns) FROM events
                    WHERE position IN (SELECT t.position FROM unnest(\(tags)::text[]) AS w(tag)
                                       JOIN event_tags t ON t.tag = w.tag AND t.position <= h.position)
                ) e ON true
                ORDER BY e.position
                """
        }

        func makeBindings() -> PostgresBindings { query.binds }

        func decodeRow(_ row: PostgresRow) throws -> Row {
            var cells = PostgresRows.Cells(row)
            let head = try cells.integer()
            // No event: the head's row, its event columns NULL.
            guard Array(row).dropFirst().first?.bytes != nil else { return Row(head: head, event: nil) }
            return Row(head: head, event: try PostgresRows.stored(&cells).0.decoded())
        }
    }

    /// Tags from `prefix` up to the next prefix, in byte order (C collation), that end with `suffix`.
    static func events(_ c: PostgresConnection, tagPrefix prefix: String, suffix: String, through: Int64?) async throws -> [Event] {
        guard let last = prefix.unicodeScalars.last, let next = UnicodeScalar(last.value + 1) else { return [] }
        let upper = String(prefix.unicodeScalars.dropLast()) + String(next)
        let like = prefix.replacingLikeWildcards + "%" + suffix.replacingLikeWildcards
        let limit = through ?? Int64.max
        return try await all(c, """
            SELECT \(unescaped: columns) FROM events
            WHERE position IN (SELECT position FROM event_tags WHERE tag >= \(prefix) AND tag < \(upper) AND tag LIKE \(like) ESCAPE '\\'
                                 AND position <= \(limit))
            ORDER BY position
            """)
    }

    static func events(_ c: PostgresConnection, ofTypes types: [String], through: Int64?) async throws -> [Event] {
        guard !types.isEmpty else { return [] }
        let limit = through ?? Int64.max
        return try await all(c, """
            SELECT \(unescaped: columns) FROM events WHERE type = ANY(\(types)) AND position <= \(limit) ORDER BY position
            """)
    }

    static func allEvents(_ c: PostgresConnection, through: Int64?) async throws -> [Event] {
        let limit = through ?? Int64.max
        return try await all(c, "SELECT \(unescaped: columns) FROM events WHERE position <= \(limit) ORDER BY position")
    }

    static func event(_ c: PostgresConnection, at position: Int64) async throws -> Event? {
        try await all(c, "SELECT \(unescaped: columns) FROM events WHERE position = \(position)").first
    }

    static func event(_ c: PostgresConnection, requestId: String) async throws -> Event? {
        try await all(c, "SELECT \(unescaped: columns) FROM events WHERE request_id = \(requestId)").first
    }

    /// The last position recorded at or before `millis`, 0 if none. Recorded times never run
    /// backwards and positions run 1, 2, 3…: a binary search over positions, in the server (one
    /// round trip; each step one look-up by primary key).
    static func position(_ c: PostgresConnection, recordedBy millis: Int64) async throws -> Int64 {
        let limit = Timestamp.format(millis: millis)
        let rows = try await c.rows("""
            WITH RECURSIVE search(lo, hi) AS (
                SELECT 0::bigint, (SELECT position FROM ledger_head)
              UNION ALL
                SELECT CASE WHEN e.recorded_at <= \(limit) THEN s.lo + (s.hi - s.lo + 1) / 2 ELSE s.lo END,
                       CASE WHEN e.recorded_at <= \(limit) THEN s.hi ELSE s.lo + (s.hi - s.lo + 1) / 2 - 1 END
                FROM search s LEFT JOIN events e ON e.position = s.lo + (s.hi - s.lo + 1) / 2
                WHERE s.lo < s.hi
            )
            SELECT min(hi) FROM search
            """)
        return try rows.first?.decode(Int64?.self) ?? 0
    }
}
