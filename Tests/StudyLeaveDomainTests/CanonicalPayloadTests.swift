import Testing
@testable import StudyLeaveDomain

/// The fast decoder must agree with the general one wherever it answers, and answer only for the
/// canonical bytes (a rebuild and an import trust it with both).
@Suite("CanonicalPayload: the fast decoder of canonical payloads")
struct CanonicalPayloadTests {
    func fast(_ type: String, _ bytes: [UInt8], version: Int = 1) -> EventData? {
        bytes.withUnsafeBufferPointer { CanonicalPayload.decode(type: type, version: version, bytes: $0) }
    }

    /// The general decoder alone (`decode(payloadBytes:)` asks the fast one first).
    func general(_ type: String, _ bytes: [UInt8]) -> EventData? {
        var copy = bytes
        guard let value = try? JSONParser.parse(bytes: &copy) else { return nil }
        return try? EventCodec.decode(type: type, version: 1, payload: value)
    }

    @Test("every event's canonical payload decodes to the event", arguments: sampleEvents)
    func canonical(data: EventData) {
        // Rare events are left to the general decoder: those with nested objects (a requirement's
        // minimums, a policy's terms) and the web view's grants and revocations.
        if ["HoursRequired", "PolicyAdopted", "AccessGranted", "AccessRevoked"].contains(data.type) {
            #expect(fast(data.type, Array(EventCodec.encode(data).canonical.utf8)) == nil)
            return
        }
        #expect(fast(data.type, Array(EventCodec.encode(data).canonical.utf8)) == data)
    }

    @Test("other spellings, other versions and values the general decoder refuses get no answer")
    func refusals() {
        let cases: [(String, String)] = [
            ("ServiceResumed", #"{ "person":"Ann"}"#),                       // whitespace
            ("ServiceResumed", #"{"person":"A\u006en"}"#),                   // an escape
            ("ServiceResumed", #"{"person":"Ann","x":1}"#),                  // an extra field
            ("ServiceResumed", #"{"person":"Ann"} "#),                       // trailing bytes
            ("ServiceResumed", #"{"person":"Ann:1"}"#),                      // an id with a colon
            ("ServiceResumed", #"{"person":""}"#),                           // an empty id
            ("LeaveStarted", #"{"person":"Ann","application":"A1"}"#),       // keys out of order
            ("PersonAdded", #"{"agency":"HR","category":"civil-servant","head":false,"name":"A","person":"A"}"#),  // the default written
            ("CourseAdded", #"{"course":"C","delivery":"classroom","digitalTenths":0,"from":"2025-01-01","hoursTenths":10,"name":"n","organiser":null,"to":"2025-01-01","topics":["work","general","work"]}"#),  // a topic twice
            ("LeaveStarted", #"{"application":"A1"}"#),                      // a field missing
            ("HeadcountSet", #"{"agency":"HR","budgeted":025,"year":2025}"#),   // a leading zero
            ("HeadcountSet", #"{"agency":"HR","budgeted":-0,"year":2025}"#),    // minus zero
            ("HeadcountSet", #"{"agency":"HR","budgeted":25.0,"year":2025}"#),  // a fraction
            ("HeadcountSet", #"{"agency":"HR","budgeted":25,"year":0}"#),       // out of range
            ("HeadcountSet", #"{"agency":"HR","budgeted":99999999999999999999,"year":2025}"#),  // overflow
            ("LeaveExtended", #"{"application":"A1","by":"B","person":"Ann","until":"2026-02-30"}"#),  // no such day
            ("PersonSeparated", #"{"agency":"HR","person":"Ann","reason":"bored","wasHead":false}"#),  // not a choice
            ("PersonAdded", #"{"agency":"HR","head":nope,"name":"N","person":"Ann"}"#),              // not a bool
            ("Bogus", #"{"person":"Ann"}"#),
        ]
        for (type, text) in cases {
            #expect(fast(type, Array(text.utf8)) == nil, "\(text)")
        }
        #expect(fast("ServiceResumed", Array(#"{"person":"Ann"}"#.utf8), version: 2) == nil)
        #expect(fast("ServiceResumed", Array(#"{"person":"An"#.utf8) + [0xFF] + Array(#""}"#.utf8)) == nil)
    }

    @Test("on damaged payloads, an answer is always the general decoder's, and the bytes are that event's canonical bytes")
    func agreesWhereItAnswers() {
        var rng = SplitMix64(seed: 2026)
        let alphabet = Array(#"{}":,0123456789-.eAnulrtfs \"#.utf8) + [0xE4, 0x80]
        var answered = 0
        for _ in 0..<20_000 {
            let data = rng.pick(sampleEvents)
            var bytes = Array(EventCodec.encode(data).canonical.utf8)
            for _ in 0...rng.int(in: 0...2) {
                let at = rng.int(in: 0...(bytes.count - 1))
                switch rng.int(in: 0...2) {
                case 0: bytes[at] = rng.pick(alphabet)
                case 1: bytes.insert(rng.pick(alphabet), at: at)
                default: bytes.remove(at: at)
                }
            }
            guard let decoded = fast(data.type, bytes) else { continue }
            answered += 1
            #expect(general(data.type, bytes) == decoded, "\(String(decoding: bytes, as: UTF8.self))")
            #expect(Array(EventCodec.encode(decoded).canonical.utf8) == bytes, "\(String(decoding: bytes, as: UTF8.self))")
        }
        #expect(answered > 100)  // digits and letters changed within values still decode
    }
}
