// libFuzzer entry for the parsers that read what people and files give the tool: the import
// line (Sources/StudyLeaveLedger/Exchange.swift, `ImportLine`), the JSON parser under it, the
// date parser (Values/DateParsing.swift) and the timestamps (Timestamp.swift). Built by run.sh
// with `swiftc -sanitize=fuzzer,address` from the project's own source files, unchanged.
//
// FUZZ_TARGET picks what an input feeds: `import` (one import line) or `date` (a date or time
// as typed on the command line). Besides "no crash", each target checks round trips: whatever
// parses, printed and parsed again, gives the same value.

#if canImport(Glibc)
import Glibc
#endif

enum Target { case importLine, date }

let target: Target = {
    if let t = getenv("FUZZ_TARGET"), String(cString: t) == "date" { return .date }
    return .importLine
}()

func check(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition { fatalError("round trip failed: \(message())") }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    switch target {
    case .importLine: fuzzImportLine(bytes)
    case .date: fuzzDate(bytes)
    }
    return 0
}

func fuzzImportLine(_ bytes: [UInt8]) {
    // The JSON parser: what parses, written canonically, parses to the same value.
    var copy = bytes
    if let value = try? JSONParser.parse(bytes: &copy) {
        let text = value.canonical
        let again = try? JSONParser.parse(text)
        check(again == value, "\(text)")
        check(again.map(\.canonical) == text, "canonical form is not stable: \(text)")
    }
    var flat = bytes
    _ = try? JSONParser.parseFlatObject(bytes: &flat)
    // The import line itself, as the first line of a file and as a later one.
    var line = bytes
    if let parsed = try? ImportLine.parse(&line, expectedPosition: 1, lastRecorded: "") {
        let stored = parsed.stored, hash = parsed.hash
        check(stored.position == 1 && hash.utf8.count == 64, "accepted line: position \(stored.position)")
        check(DateParsing.parseISO(stored.on) != nil && Timestamp.parseStored(stored.recordedAt) != nil, "accepted dates")
        // The payload it would store decodes again.
        check((try? EventCodec.decode(type: stored.type, version: stored.version, payloadText: stored.payload)) != nil,
              "stored payload does not decode: \(stored.payload)")
        // Export writes the stored row back as a line; importing that line gives the same row.
        var exported = HashChain.canonical(position: stored.position, type: stored.type, version: stored.version, on: stored.on,
                                           recordedAt: stored.recordedAt, actor: stored.actor, requestId: stored.requestId,
                                           tags: stored.tags, payload: stored.payload, hash: hash)
        let text = String(decoding: exported, as: UTF8.self)
        guard let again = try? ImportLine.parse(&exported, expectedPosition: 1, lastRecorded: "") else {
            return check(false, "the exported line is refused: \(text)")
        }
        check(again.stored == stored && again.hash == hash && again.data == parsed.data && again.tags == parsed.tags,
              "export then import changes the row: \(text)")
    }
    var later = bytes
    _ = try? ImportLine.parse(&later, expectedPosition: 2, lastRecorded: "2026-11-22T07:00:00.000Z")
    fuzzCanonicalLine(bytes)
}

/// The import's fast path hashes a line's own bytes minus its `hash` field. Sound only if, for
/// every line the scanner takes and whose payload passes the fast path's checks, those bytes are
/// exactly the canonical bytes of the row the general parser stores.
func fuzzCanonicalLine(_ bytes: [UInt8]) {
    var places: [Range<Int>] = []
    guard let c = bytes.withUnsafeBufferPointer({ CanonicalLine.scan($0, tagItems: &places) }) else { return }
    for r in [c.actor, c.data, c.hash, c.hashField, c.on, c.recordedAt, c.tags, c.type] + places + (c.requestId.map { [$0] } ?? []) {
        check(r.lowerBound >= 0 && r.upperBound <= bytes.count, "a field outside the line")
    }
    var line = bytes
    guard let parsed = try? ImportLine.parse(&line, expectedPosition: c.position, lastRecorded: "") else { return }
    // The fast path's own checks on what the scanner found: the payload through the canonical
    // decoder, which must then agree with the general parser.
    let payload = Array(bytes[c.data])
    guard let fast = payload.withUnsafeBufferPointer({ CanonicalPayload.decode(type: parsed.stored.type, version: parsed.stored.version, bytes: $0) })
    else { return }
    check(fast == parsed.data, "the canonical decoder reads another event than the general parser: \(String(decoding: bytes, as: UTF8.self))")
    var tagsAscending = true
    for k in places.indices.dropFirst() where !bytes[places[k - 1]].lexicographicallyPrecedes(bytes[places[k]]) { tagsAscending = false }
    guard tagsAscending else { return }
    let s = parsed.stored
    let canonical = HashChain.canonical(position: s.position, type: s.type, version: s.version, on: s.on, recordedAt: s.recordedAt,
                                        actor: s.actor, requestId: s.requestId, tags: s.tags, payload: s.payload)
    let stitched = Array(bytes[..<c.hashField.lowerBound] + bytes[c.hashField.upperBound...])
    check(stitched == canonical, "the fast path would hash other bytes than the canonical ones: \(String(decoding: bytes, as: UTF8.self))")
}

func fuzzDate(_ bytes: [UInt8]) {
    // Arguments arrive as Swift strings (invalid UTF-8 repaired), as the CLI receives them.
    let text = String(decoding: bytes, as: UTF8.self)
    if let d = try? DateParsing.parse(text) {
        check((1912...9999).contains(d.year) || (1...9999).contains(d.year), "year \(d.year)")
        check((try? DateParsing.parse(d.iso)) == d, "\(text) → \(d.iso)")
        check(DateParsing.parseISO(d.iso) == d, "\(d.iso)")
        // ROC years of 1 to 3 digits read back (a 4-digit ROC year, after 2910, reads as ISO).
        if (1912...2910).contains(d.year) { check((try? DateParsing.parse(d.roc)) == d, "\(text) → roc \(d.roc)") }
        _ = d.adding(months: 12)
    }
    if let d = DateParsing.parseISO(text) { check(d.iso == text, "\(text) → \(d.iso)") }
    if let ms = Timestamp.parseStored(text) {
        check(Timestamp.format(millis: ms) == text, "\(text) → \(Timestamp.format(millis: ms))")
    }
    if let ms = Timestamp.parseQuery(text) { _ = Timestamp.format(millis: ms) }
}
