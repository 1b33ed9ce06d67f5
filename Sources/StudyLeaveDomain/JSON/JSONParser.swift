/// A strict JSON parser over UTF-8 bytes (RFC 8259): no trailing commas, no comments, no
/// duplicate keys, valid UTF-8 only, nesting at most 64 deep. Errors say where.
public struct JSONParseError: Error, Equatable, Sendable, CustomStringConvertible {
    public let offset: Int
    public let reason: String
    public var description: String { "\(reason) at character \(offset + 1)" }
}

public enum JSONParser {
    public static func parse(_ text: String) throws(JSONParseError) -> JSONValue {
        var bytes = Array(text.utf8)
        return try parse(bytes: &bytes)
    }

    /// The string the bytes spell, or nil when they are not UTF-8. `String(decoding:)` is the
    /// fast path of the standard library (it repairs bad bytes); a repair shows as a change.
    public static func validString(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        // ASCII (ids, days, codes) is UTF-8 as it stands: one pass, no comparison.
        var high: UInt8 = 0
        for b in bytes { high |= b }
        if high < 0x80 { return String(decoding: bytes, as: UTF8.self) }
        let s = String(decoding: bytes, as: UTF8.self)
        var t = s
        let same = t.withUTF8 { $0.count == bytes.count && $0.elementsEqual(bytes) }
        return same ? s : nil
    }

    /// A top-level object as its fields in order (duplicate keys refused), without building a
    /// dictionary: the hot path of decoding stored payloads.
    public static func parseFlatObject(bytes: inout [UInt8]) throws(JSONParseError) -> [(String, JSONValue)] {
        try bytes.withUnsafeBufferPointer { (buf) throws(JSONParseError) -> [(String, JSONValue)] in try parseFlatObject(buffer: buf) }
    }

    /// The same over borrowed bytes (a column SQLite hands out, a slice of an import line).
    public static func parseFlatObject(buffer buf: UnsafeBufferPointer<UInt8>) throws(JSONParseError) -> [(String, JSONValue)] {
        var p = Cursor(buf: buf)
        p.skipSpace()
        guard p.i < buf.count, buf[p.i] == UInt8(ascii: "{") else { throw p.fail("expected a JSON object") }
        p.i += 1
        var out: [(String, JSONValue)] = []
        out.reserveCapacity(8)
        p.skipSpace()
        if p.i < buf.count, buf[p.i] == UInt8(ascii: "}") { p.i += 1 } else {
            while true {
                p.skipSpace()
                guard p.i < buf.count, buf[p.i] == UInt8(ascii: "\"") else { throw p.fail("expected a quoted key") }
                let key = try p.string()
                p.skipSpace()
                guard p.i < buf.count, buf[p.i] == UInt8(ascii: ":") else { throw p.fail("expected ':' after a key") }
                p.i += 1
                p.skipSpace()
                let v = try p.value(depth: 1)
                for (k, _) in out where k == key { throw p.fail("key '\(key)' appears twice") }
                out.append((key, v))
                p.skipSpace()
                guard p.i < buf.count else { throw p.fail("unexpected end of JSON") }
                if buf[p.i] == UInt8(ascii: ",") { p.i += 1; continue }
                if buf[p.i] == UInt8(ascii: "}") { p.i += 1; break }
                throw p.fail("expected ',' or '}'")
            }
        }
        p.skipSpace()
        guard p.i == buf.count else { throw p.fail("unexpected text after the JSON value") }
        return out
    }

    public static func parse(bytes: inout [UInt8]) throws(JSONParseError) -> JSONValue {
        try bytes.withUnsafeBufferPointer { (buf) throws(JSONParseError) -> JSONValue in
            var p = Cursor(buf: buf)
            p.skipSpace()
            let v = try p.value(depth: 0)
            p.skipSpace()
            guard p.i == buf.count else { throw p.fail("unexpected text after the JSON value") }
            return v
        }
    }

    struct Cursor {
        let buf: UnsafeBufferPointer<UInt8>
        var i = 0

        func fail(_ reason: String) -> JSONParseError { JSONParseError(offset: i, reason: reason) }

        mutating func skipSpace() {
            while i < buf.count, buf[i] == 32 || buf[i] == 9 || buf[i] == 10 || buf[i] == 13 { i += 1 }
        }

        mutating func value(depth: Int) throws(JSONParseError) -> JSONValue {
            guard depth < 64 else { throw fail("JSON nested too deep") }
            guard i < buf.count else { throw fail("unexpected end of JSON") }
            switch buf[i] {
            case UInt8(ascii: "{"): return try object(depth: depth)
            case UInt8(ascii: "["): return try array(depth: depth)
            case UInt8(ascii: "\""): return .string(try string())
            case UInt8(ascii: "t"): try literal("true"); return .bool(true)
            case UInt8(ascii: "f"): try literal("false"); return .bool(false)
            case UInt8(ascii: "n"): try literal("null"); return .null
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try number()
            default: throw fail("unexpected character in JSON")
            }
        }

        mutating func literal(_ word: StaticString) throws(JSONParseError) {
            let n = word.utf8CodeUnitCount
            guard i + n <= buf.count else { throw fail("unexpected end of JSON") }
            for k in 0..<n where buf[i + k] != word.utf8Start[k] { throw fail("unexpected word in JSON") }
            i += n
        }

        mutating func object(depth: Int) throws(JSONParseError) -> JSONValue {
            i += 1
            var o: [String: JSONValue] = [:]
            skipSpace()
            if i < buf.count, buf[i] == UInt8(ascii: "}") { i += 1; return .object(o) }
            while true {
                skipSpace()
                guard i < buf.count, buf[i] == UInt8(ascii: "\"") else { throw fail("expected a quoted key") }
                let key = try string()
                skipSpace()
                guard i < buf.count, buf[i] == UInt8(ascii: ":") else { throw fail("expected ':' after a key") }
                i += 1
                skipSpace()
                let v = try value(depth: depth + 1)
                guard o.updateValue(v, forKey: key) == nil else { throw fail("key '\(key)' appears twice") }
                skipSpace()
                guard i < buf.count else { throw fail("unexpected end of JSON") }
                if buf[i] == UInt8(ascii: ",") { i += 1; continue }
                if buf[i] == UInt8(ascii: "}") { i += 1; return .object(o) }
                throw fail("expected ',' or '}'")
            }
        }

        mutating func array(depth: Int) throws(JSONParseError) -> JSONValue {
            i += 1
            var a: [JSONValue] = []
            skipSpace()
            if i < buf.count, buf[i] == UInt8(ascii: "]") { i += 1; return .array(a) }
            while true {
                skipSpace()
                a.append(try value(depth: depth + 1))
                skipSpace()
                guard i < buf.count else { throw fail("unexpected end of JSON") }
                if buf[i] == UInt8(ascii: ",") { i += 1; continue }
                if buf[i] == UInt8(ascii: "]") { i += 1; return .array(a) }
                throw fail("expected ',' or ']'")
            }
        }

        mutating func number() throws(JSONParseError) -> JSONValue {
            let start = i
            if buf[i] == UInt8(ascii: "-") { i += 1 }
            guard i < buf.count, (48...57).contains(buf[i]) else { throw fail("malformed number") }
            if buf[i] == 48 { i += 1 } else { while i < buf.count, (48...57).contains(buf[i]) { i += 1 } }
            var whole = true
            if i < buf.count, buf[i] == UInt8(ascii: ".") {
                whole = false; i += 1
                guard i < buf.count, (48...57).contains(buf[i]) else { throw fail("malformed number") }
                while i < buf.count, (48...57).contains(buf[i]) { i += 1 }
            }
            if i < buf.count, buf[i] == UInt8(ascii: "e") || buf[i] == UInt8(ascii: "E") {
                whole = false; i += 1
                if i < buf.count, buf[i] == UInt8(ascii: "+") || buf[i] == UInt8(ascii: "-") { i += 1 }
                guard i < buf.count, (48...57).contains(buf[i]) else { throw fail("malformed number") }
                while i < buf.count, (48...57).contains(buf[i]) { i += 1 }
            }
            let text = String(decoding: UnsafeBufferPointer(rebasing: buf[start..<i]), as: UTF8.self)
            if whole, let v = Int(text) { return .int(v) }
            return .number(text)
        }

        mutating func string() throws(JSONParseError) -> String {
            i += 1
            let start = i
            // Fast path: no escapes.
            while i < buf.count {
                let c = buf[i]
                if c == UInt8(ascii: "\"") {
                    let slice = UnsafeBufferPointer(rebasing: buf[start..<i])
                    i += 1
                    guard let s = JSONParser.validString(slice) else {
                        throw JSONParseError(offset: start, reason: "invalid UTF-8 in a string")
                    }
                    return s
                }
                if c == 92 || c < 32 { break }
                i += 1
            }
            var out = Array(UnsafeBufferPointer(rebasing: buf[start..<i]))
            while i < buf.count {
                let c = buf[i]
                if c == UInt8(ascii: "\"") {
                    i += 1
                    guard let s = String(validating: out, as: UTF8.self) else {
                        throw JSONParseError(offset: start, reason: "invalid UTF-8 in a string")
                    }
                    return s
                }
                if c < 32 { throw fail("control character in a string") }
                if c != 92 { out.append(c); i += 1; continue }
                i += 1
                guard i < buf.count else { break }
                let e = buf[i]; i += 1
                switch e {
                case UInt8(ascii: "\""): out.append(34)
                case 92: out.append(92)
                case UInt8(ascii: "/"): out.append(47)
                case UInt8(ascii: "b"): out.append(8)
                case UInt8(ascii: "f"): out.append(12)
                case UInt8(ascii: "n"): out.append(10)
                case UInt8(ascii: "r"): out.append(13)
                case UInt8(ascii: "t"): out.append(9)
                case UInt8(ascii: "u"):
                    var scalar = try hex4()
                    if (0xD800...0xDBFF).contains(scalar) {
                        guard i + 1 < buf.count, buf[i] == 92, buf[i + 1] == UInt8(ascii: "u") else {
                            throw fail("lone surrogate in a string")
                        }
                        i += 2
                        let low = try hex4()
                        guard (0xDC00...0xDFFF).contains(low) else { throw fail("lone surrogate in a string") }
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    } else if (0xDC00...0xDFFF).contains(scalar) {
                        throw fail("lone surrogate in a string")
                    }
                    out.append(contentsOf: String(Character(Unicode.Scalar(scalar)!)).utf8)
                default: throw fail("unknown escape in a string")
                }
            }
            throw fail("unterminated string")
        }

        mutating func hex4() throws(JSONParseError) -> UInt32 {
            guard i + 4 <= buf.count else { throw fail("short \\u escape") }
            var v: UInt32 = 0
            for _ in 0..<4 {
                let c = buf[i]
                let d: UInt32
                switch c {
                case 48...57: d = UInt32(c - 48)
                case 65...70: d = UInt32(c - 55)
                case 97...102: d = UInt32(c - 87)
                default: throw fail("bad \\u escape")
                }
                v = v * 16 + d; i += 1
            }
            return v
        }
    }
}
