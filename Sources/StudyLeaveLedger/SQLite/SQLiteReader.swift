import GRDB
import StudyLeaveDomain

/// Reads inside one snapshot of a SQLite ledger.
public struct SQLiteReader {
    let db: Database

    static let columns = "position, type, version, on_day, recorded_at, actor, request_id, tags, payload, hash"

    /// The last position recorded (0 when empty).
    public func head() throws -> Int64 {
        try Int64.fetchOne(db, sql: "SELECT max(position) FROM events") ?? 0
    }

    public func count() throws -> Int64 {
        try Int64.fetchOne(db, sql: "SELECT count(*) FROM events") ?? 0
    }

    /// Every event carrying at least one of `tags`, in position order, up to `through`.
    public func events(taggedAny tags: Set<String>, through: Int64? = nil) throws -> [Event] {
        guard !tags.isEmpty else { return [] }
        var args = tags.sorted().map(RawArgument.text)
        var sql = "SELECT \(Self.columns) FROM events WHERE position IN (SELECT position FROM event_tags WHERE tag IN (\(ApplicationQuerySQL.marks(tags.count))))"
        if let through { sql += " AND position <= ?"; args.append(.int(through)) }
        sql += " ORDER BY position"
        return try rawEvents(sql, args)
    }

    /// Of the events carrying one of `tags`, those of `types`, in position order.
    public func events(taggedAny tags: Set<String>, ofTypes types: [String], through: Int64? = nil) throws -> [Event] {
        guard !tags.isEmpty, !types.isEmpty else { return [] }
        var args = tags.sorted().map(RawArgument.text) + types.map(RawArgument.text)
        var sql = """
            SELECT \(Self.columns) FROM events WHERE position IN (SELECT position FROM event_tags WHERE tag IN (\(ApplicationQuerySQL.marks(tags.count))))
              AND type IN (\(ApplicationQuerySQL.marks(types.count)))
            """
        if let through { sql += " AND position <= ?"; args.append(.int(through)) }
        sql += " ORDER BY position"
        return try rawEvents(sql, args)
    }

    /// Every event whose tags include one starting with `prefix` and ending with `suffix`
    /// (e.g. all quotas of a year: `quota:` … `:2025`).
    public func events(tagPrefix prefix: String, suffix: String, through: Int64? = nil) throws -> [Event] {
        var sql = """
            SELECT \(Self.columns) FROM events WHERE position IN (
              SELECT position FROM event_tags WHERE tag >= ? AND tag < ? AND tag LIKE ? ESCAPE '\\')
            """
        let upper = String(prefix.dropLast()) + String(UnicodeScalar(prefix.unicodeScalars.last!.value + 1)!)
        let like = prefix.replacingLikeWildcards + "%" + suffix.replacingLikeWildcards
        var args: [RawArgument] = [.text(prefix), .text(upper), .text(like)]
        if let through { sql += " AND position <= ?"; args.append(.int(through)) }
        sql += " ORDER BY position"
        return try rawEvents(sql, args)
    }

    /// Every event of the given types, in position order.
    /// The tags of the events after `position` (a range of the events' key, each row's tag list).
    public func tags(after position: Int64) throws -> Set<String> {
        var out = Set<String>()
        let cursor = try String.fetchCursor(db, sql: "SELECT tags FROM events WHERE position > ?", arguments: [position])
        while let text = try cursor.next() {
            guard let tags = HashChain.tags(fromText: text) else { throw LedgerError.corrupt(position: nil, detail: "an event's tags after #\(position) do not read") }
            out.formUnion(tags)
        }
        return out
    }

    public func events(ofTypes types: [String], through: Int64? = nil) throws -> [Event] {
        var args = types.map(RawArgument.text)
        var sql = "SELECT \(Self.columns) FROM events WHERE type IN (\(ApplicationQuerySQL.marks(types.count)))"
        if let through { sql += " AND position <= ?"; args.append(.int(through)) }
        sql += " ORDER BY position"
        return try rawEvents(sql, args)
    }

    public func event(at position: Int64) throws -> Event? {
        try rawEvents("SELECT \(Self.columns) FROM events WHERE position = ?", [.int(position)]).first
    }

    public func event(requestId: String) throws -> Event? {
        try rawEvents("SELECT \(Self.columns) FROM events WHERE request_id = ?", [.text(requestId)]).first
    }

    /// The last position recorded at or before `millis` (transaction time), 0 if none.
    /// Transaction time never runs backwards and positions run 1, 2, 3…, so this is a binary
    /// search over positions: no index on the time is needed.
    public func position(recordedBy millis: Int64) throws -> Int64 {
        let limit = Timestamp.format(millis: millis)
        let statement = try db.cachedStatement(sql: "SELECT recorded_at FROM events WHERE position = ?")
        var lo: Int64 = 0, hi = try head()
        while lo < hi {
            let mid = lo + (hi - lo + 1) / 2
            let recorded = try String.fetchOne(statement, arguments: [mid]) ?? ""
            if recorded <= limit { lo = mid } else { hi = mid - 1 }
        }
        return lo
    }

    /// A stored row as an Event; a row that cannot be read is corruption (exit 74).
    static func decode(_ row: Row) throws -> Event {
        try stored(row).decoded()
    }

    /// The row's columns (in `columns` order) as a stored event; the hash is column 9.
    static func stored(_ row: Row) -> StoredEvent {
        StoredEvent(position: row[0], type: row[1], version: row[2], on: row[3], recordedAt: row[4],
                    actor: row[5], requestId: row[6], tags: row[7], payload: row[8])
    }
}

extension String {
    var replacingLikeWildcards: String {
        var out = ""
        for ch in self {
            if ch == "%" || ch == "_" || ch == "\\" { out.append("\\") }
            out.append(ch)
        }
        return out
    }
}

extension SQLiteReader {
    /// Every event up to `through`, in position order.
    public func allEvents(through: Int64? = nil) throws -> [Event] {
        var sql = "SELECT \(Self.columns) FROM events"
        var args: [RawArgument] = []
        if let through { sql += " WHERE position <= ?"; args.append(.int(through)) }
        sql += " ORDER BY position"
        return try rawEvents(sql, args)
    }
}
