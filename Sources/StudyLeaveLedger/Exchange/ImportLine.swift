import StudyLeaveDomain

/// One export line, checked field by field.
enum ImportLine {
    struct Problem: Error { let message: String }
    static let keys: Set<String> = ["actor", "data", "hash", "on", "position", "recordedAt", "requestId", "tags", "type", "version"]

    /// A checked line: the row to store, the hash it claims, and its payload decoded.
    struct Parsed {
        var stored: StoredEvent
        var hash: String
        var data: EventData
        var on: CivilDate
        var tags: [String]
    }

    static func parse(_ line: inout [UInt8], expectedPosition: Int64, lastRecorded: String) throws(Problem) -> Parsed {
        let pairs: [(String, JSONValue)]
        do { pairs = try JSONParser.parseFlatObject(bytes: &line) } catch {
            if line.first(where: { $0 != 32 && $0 != 9 }) != UInt8(ascii: "{") { throw Problem(message: "a line must be a JSON object") }
            throw Problem(message: "not valid JSON (\(error))")
        }
        let o = Lookup(pairs: pairs)
        for k in keys.sorted() where o[k] == nil { throw Problem(message: "the field '\(k)' is missing") }
        if pairs.count != keys.count, let extra = pairs.map(\.0).sorted().first(where: { !keys.contains($0) }) {
            throw Problem(message: "unknown field '\(extra)'")
        }
        guard let position = o["position"]!.intValue else { throw Problem(message: "'position' must be a whole number") }
        guard Int64(position) == expectedPosition else {
            throw Problem(message: "position \(position) is out of order: \(expectedPosition) was expected")
        }
        guard let type = o["type"]!.stringValue else { throw Problem(message: "'type' must be a string") }
        guard let version = o["version"]!.intValue else { throw Problem(message: "'version' must be a whole number") }
        guard let on = o["on"]!.stringValue, let day = DateParsing.parseISO(on) else { throw Problem(message: "'on' must be an ISO date such as 2025-09-01") }
        guard let recordedAt = o["recordedAt"]!.stringValue, Timestamp.parseStored(recordedAt) != nil else {
            throw Problem(message: "'recordedAt' must be a UTC time such as 2026-11-22T07:00:00.123Z")
        }
        guard recordedAt >= lastRecorded else { throw Problem(message: "recorded at \(recordedAt), before the line ahead of it (\(lastRecorded))") }
        guard let actor = o["actor"]!.stringValue, RowLimits.isActor(actor) else {
            throw Problem(message: "'actor' must be a string of 1 to \(RowLimits.characters) characters")
        }
        let requestId: String?
        switch o["requestId"]! {
        case .null: requestId = nil
        case .string(let s) where RowLimits.isRequestId(s): requestId = s
        default: throw Problem(message: "'requestId' must be null or a string of 1 to \(RowLimits.characters) characters")
        }
        guard let tagValues = o["tags"]!.arrayValue else { throw Problem(message: "'tags' must be a list of strings") }
        var tags: [String] = []
        for t in tagValues {
            guard let s = t.stringValue, !s.isEmpty, s.utf8.contains(58) else { throw Problem(message: "'tags' must hold tags such as \"person:P1\"") }
            // Sorted as text and as bytes alike: the tag index (SQLite) orders bytes, and tags the two
            // orders disagree on (a letter spelled two ways) would leave a ledger that verify rejects.
            if let last = tags.last, !(last < s) || !last.utf8.lexicographicallyPrecedes(s.utf8) {
                throw Problem(message: "'tags' must be sorted, distinct and not empty")
            }
            tags.append(s)
        }
        guard !tags.isEmpty else { throw Problem(message: "'tags' must be sorted, distinct and not empty") }
        guard let data = o["data"] else { throw Problem(message: "'data' is missing") }
        let decoded: EventData
        do {
            decoded = try EventCodec.decode(type: type, version: version, payload: data)
        } catch {
            throw Problem(message: error.message)
        }
        guard let hash = o["hash"]!.stringValue, hash.utf8.count == 64, hash.utf8.allSatisfy({ (48...57).contains($0) || (97...102).contains($0) }) else {
            throw Problem(message: "'hash' must be 64 lowercase hexadecimal digits")
        }
        let stored = StoredEvent(position: Int64(position), type: type, version: version, on: on, recordedAt: recordedAt, actor: actor,
                                 requestId: requestId, tags: HashChain.tagsText(tags), payload: data.canonical)
        return Parsed(stored: stored, hash: hash, data: decoded, on: day, tags: tags)
    }

    /// The line's fields in order; ten of them, so lookup is a scan.
    struct Lookup {
        let pairs: [(String, JSONValue)]
        subscript(key: String) -> JSONValue? {
            for (k, v) in pairs where k == key { return v }
            return nil
        }
    }
}
