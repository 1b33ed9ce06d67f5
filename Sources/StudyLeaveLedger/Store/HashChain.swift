import Crypto
import StudyLeaveDomain

/// The tamper-evident chain: each event's hash is SHA-256 over the previous hash and the event's
/// canonical bytes, so that a changed byte in any column breaks every hash after it.
public enum HashChain {
    /// The `previous hash` of the first event.
    public static let genesis = String(repeating: "0", count: 64)

    /// The canonical bytes of an event: the JSON object of every column but the hash, keys in byte
    /// order, no whitespace. An export line is this object with `hash` added.
    public static func canonical(position: Int64, type: String, version: Int, on: String, recordedAt: String,
                                 actor: String, requestId: String?, tags: String, payload: String, hash: String? = nil) -> [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(payload.utf8.count + tags.utf8.count + 160)
        func key(_ k: StaticString) { out.append(contentsOf: UnsafeBufferPointer(start: k.utf8Start, count: k.utf8CodeUnitCount)) }
        key("{\"actor\":"); JSONValue.writeString(actor, into: &out)
        key(",\"data\":"); out.append(contentsOf: payload.utf8)
        if let hash { key(",\"hash\":\""); out.append(contentsOf: hash.utf8); out.append(34) }
        key(",\"on\":\""); out.append(contentsOf: on.utf8)
        key("\",\"position\":"); out.append(contentsOf: String(position).utf8)
        key(",\"recordedAt\":\""); out.append(contentsOf: recordedAt.utf8)
        key("\",\"requestId\":")
        if let requestId { JSONValue.writeString(requestId, into: &out) } else { key("null") }
        key(",\"tags\":"); out.append(contentsOf: tags.utf8)
        key(",\"type\":"); JSONValue.writeString(type, into: &out)
        key(",\"version\":"); out.append(contentsOf: String(version).utf8)
        out.append(UInt8(ascii: "}"))
        return out
    }

    public static func hash(previous: String, canonical: [UInt8]) -> String {
        var hasher = SHA256()
        hasher.update(data: Array(previous.utf8))
        hasher.update(data: [10])
        hasher.update(data: canonical)
        return hex(hasher.finalize())
    }

    static func hex<D: Sequence>(_ digest: D) -> String where D.Element == UInt8 {
        String(decoding: hexBytes(digest), as: UTF8.self)
    }

    /// The digest as lowercase hexadecimal digits (ASCII bytes).
    static func hexBytes<D: Sequence>(_ digest: D) -> [UInt8] where D.Element == UInt8 {
        let digits: StaticString = "0123456789abcdef"
        var out = [UInt8]()
        out.reserveCapacity(64)
        for b in digest { out.append(digits.utf8Start[Int(b >> 4)]); out.append(digits.utf8Start[Int(b & 15)]) }
        return out
    }

    /// Tags as stored: a canonical JSON array of sorted, distinct strings.
    public static func tagsText(_ tags: [String]) -> String {
        JSONValue.array(Array(Set(tags)).sorted().map { .string($0) }).canonical
    }

    /// The stored `tags` column read back; nil when it is not a list of strings (a damaged row).
    static func tags(fromText text: String) -> [String]? {
        guard let list = (try? JSONParser.parse(text))?.arrayValue else { return nil }
        let tags = list.compactMap(\.stringValue)
        return tags.count == list.count ? tags : nil
    }
}
