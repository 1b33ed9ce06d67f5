import GRDB
import StudyLeaveDomain

/// A value bound to a raw event query, in the order of its `?` marks.
enum RawArgument {
    case text(String)
    case int(Int64)
}

extension SQLiteReader {
    /// The events a query selects (its columns `SQLiteReader.columns`, in that order), read
    /// through SQLite's C API: the type, day, tags and payload are decoded from the bytes SQLite
    /// hands out, without the boxed values and intermediate strings of a GRDB `Row`, which cost
    /// more than SQLite itself on the tens of thousands of events an agency's query reads
    /// (Docs/PERFORMANCE.md, "Learning hours at scale"). The fast path of `decode(_:)`, held to
    /// it by `RawEventReaderTests`; a row that does not decode is corruption naming its position.
    func rawEvents(_ sql: String, _ arguments: [RawArgument]) throws -> [Event] {
        let statement = try RawStatement(db, sql)
        for (i, argument) in arguments.enumerated() {
            switch argument {
            case .text(let s): statement.bind(Int32(i + 1), s)
            case .int(let n): statement.bind(Int32(i + 1), n)
            }
        }
        var out: [Event] = []
        while try statement.step() { out.append(try Self.rawEvent(statement)) }
        return out
    }

    /// The row the statement stands on as an event.
    private static func rawEvent(_ s: RawStatement) throws(LedgerError) -> Event {
        let position = s.int64(0)
        let kind = try StoredType.find(s.bytes(1), position: position)
        let (on, data) = try kind.decode(position: position, version: Int(s.int64(2)), on: s.bytes(3), payload: s.bytes(8))
        guard let tags = HashChain.tags(fromBytes: s.bytes(7)) else {
            throw .corrupt(position: position, detail: "its tags are not a list of strings: '\(s.string(7))'")
        }
        return Event(position: position, on: on, recordedAt: s.string(4), actor: s.string(5),
                     requestId: s.isNull(6) ? nil : s.string(6), tags: tags, data: data)
    }
}

extension HashChain {
    /// The stored `tags` column read from its bytes: a canonical list (`["a","b"]`, no escapes)
    /// is split where it stands; anything else is parsed as JSON (`tags(fromText:)`).
    static func tags(fromBytes u: UnsafeBufferPointer<UInt8>) -> [String]? {
        let quote: UInt8 = 34, comma: UInt8 = 44, backslash: UInt8 = 92
        func parsed() -> [String]? { tags(fromText: String(decoding: u, as: UTF8.self)) }
        guard u.count >= 2, u[0] == 91, u[u.count - 1] == 93 else { return parsed() }
        var out: [String] = []
        var i = 1
        let end = u.count - 1
        while i < end {
            guard u[i] == quote else { return parsed() }
            var j = i + 1
            while j < end, u[j] != quote { if u[j] == backslash || u[j] < 32 { return parsed() }; j += 1 }
            guard j < end else { return parsed() }
            out.append(String(decoding: UnsafeBufferPointer(rebasing: u[(i + 1)..<j]), as: UTF8.self))
            i = j + 1
            if i < end { guard u[i] == comma, i + 1 < end else { return parsed() }; i += 1 }
        }
        return out
    }
}
