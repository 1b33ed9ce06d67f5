/// An export line exactly as `export` writes it: the canonical object of the event's columns
/// (keys in byte order, no whitespace, no escapes) with `hash` in its place. For such a line the
/// canonical bytes the chain hashes are the line itself minus the `hash` field, so import can
/// hash the bytes it read instead of re-encoding them. A line in any other form (spaces, escapes,
/// other key order) is not refused here: `scan` returns nil and the general parser takes it.
struct CanonicalLine {
    var actor: Range<Int>
    var data: Range<Int>
    var hash: Range<Int>
    /// `,"hash":"…"`: what the chain's bytes leave out.
    var hashField: Range<Int>
    var on: Range<Int>
    var position: Int64
    var recordedAt: Range<Int>
    var requestId: Range<Int>?
    /// The array, brackets included, as stored.
    var tags: Range<Int>
    var type: Range<Int>
    var version: Int

    /// The fields' places, or nil when the line is not in the exact canonical form. `tagItems`
    /// receives each tag's place (a buffer reused from line to line).
    static func scan(_ b: UnsafeBufferPointer<UInt8>, tagItems: inout [Range<Int>]) -> CanonicalLine? {
        var s = Scanner(b: b)
        tagItems.removeAll(keepingCapacity: true)
        guard s.literal("{\"actor\":"), let actor = s.string(),
              s.literal(",\"data\":"), let data = s.flatObject() else { return nil }
        let hashStart = s.i
        guard s.literal(",\"hash\":"), let hash = s.string(), s.literal(",\"on\":") else { return nil }
        let hashField = hashStart..<(hash.upperBound + 1)
        guard let on = s.string(), s.literal(",\"position\":"), let position = s.integer(),
              s.literal(",\"recordedAt\":"), let recordedAt = s.string(), s.literal(",\"requestId\":") else { return nil }
        var requestId: Range<Int>? = nil
        if !s.literal("null") {
            guard let r = s.string() else { return nil }
            requestId = r
        }
        guard s.literal(",\"tags\":[") else { return nil }
        let tagsStart = s.i - 1
        while true {
            guard let t = s.string() else { return nil }
            tagItems.append(t)
            if s.literal(",") { continue }
            guard s.literal("]") else { return nil }
            break
        }
        let tags = tagsStart..<s.i
        guard s.literal(",\"type\":"), let type = s.string(), s.literal(",\"version\":"), let version = s.integer(),
              s.literal("}"), s.i == b.count else { return nil }
        return CanonicalLine(actor: actor, data: data, hash: hash, hashField: hashField, on: on, position: position,
                             recordedAt: recordedAt, requestId: requestId, tags: tags, type: type, version: Int(version))
    }

    struct Scanner {
        let b: UnsafeBufferPointer<UInt8>
        var i = 0

        mutating func literal(_ text: StaticString) -> Bool {
            let n = text.utf8CodeUnitCount
            guard i + n <= b.count else { return false }
            let p = text.utf8Start
            for k in 0..<n where b[i + k] != p[k] { return false }
            i += n
            return true
        }

        /// A string's contents; nil when it holds an escape or a control character (not canonical,
        /// or not JSON).
        mutating func string() -> Range<Int>? {
            guard i < b.count, b[i] == 34 else { return nil }
            let start = i + 1
            var k = start
            while k < b.count {
                let c = b[k]
                if c == 34 { i = k + 1; return start..<k }
                if c == 92 || c < 32 { return nil }
                k += 1
            }
            return nil
        }

        /// A whole number as `String(Int)` writes it: no plus, no leading zero, no "-0".
        mutating func integer() -> Int64? {
            var k = i
            var negative = false
            if k < b.count, b[k] == UInt8(ascii: "-") { negative = true; k += 1 }
            let digits = k
            var value: Int64 = 0
            while k < b.count, (48...57).contains(b[k]) {
                let (m, o1) = value.multipliedReportingOverflow(by: 10)
                let (a, o2) = m.addingReportingOverflow(Int64(b[k] - 48))
                guard !o1, !o2 else { return nil }
                value = a
                k += 1
            }
            let count = k - digits
            guard count > 0, count == 1 || b[digits] != 48, !(negative && value == 0) else { return nil }
            i = k
            return negative ? -value : value
        }

        /// A flat object in canonical form: no whitespace, no nesting, no escapes, values that are
        /// strings, whole numbers written the shortest way, true, false or null. Key order and
        /// the fields are checked once decoded.
        mutating func flatObject() -> Range<Int>? {
            let start = i
            guard literal("{") else { return nil }
            if literal("}") { return start..<i }
            while true {
                guard string() != nil, literal(":") else { return nil }
                if string() == nil, integer() == nil, !literal("true"), !literal("false"), !literal("null") { return nil }
                if literal(",") { continue }
                guard literal("}") else { return nil }
                return start..<i
            }
        }
    }
}
