import Testing
@testable import StudyLeaveDomain

/// One event of every type, with optional fields both present and absent.
let sampleEvents: [EventData] = [
    .agencyAdded(agency: "HR", name: "Human Resources 人事處", parent: "GOV"),
    .agencyAdded(agency: "GOV", name: "Ministry", parent: nil),
    .headcountSet(agency: "HR", year: 2025, budgeted: 25),
    .personAdded(person: "Ann", name: "王小明", agency: "HR", head: false),
    .personTransferred(person: "Ann", from: "HR", to: "LAB", carryObligation: true, wasHead: false),
    .personSeparated(person: "Ann", agency: "LAB", reason: .resignation, wasHead: false),
    .applicationSubmitted(EventData.Submission(application: "A1", person: "Ann", agency: "HR", mode: .fullTime, sponsor: .selected,
                                               from: day("2025-09-01"), to: day("2026-08-31"), abroad: true, programme: .research)),
    .applicationSubmitted(EventData.Submission(application: "A2", person: "Ann", agency: "HR", mode: .partTime, sponsor: .self,
                                               from: day("2025-09-01"), to: day("2026-01-31"), hoursPerWeek: 8)),
    .applicationReviewed(application: "A1", person: "Ann", workRelated: true),
    .applicationScreened(application: "A1", person: "Ann", passed: false),
    .applicationApproved(application: "A1", person: "Ann", by: "Boss", agency: "HR", year: 2025),
    .applicationRejected(application: "A1", person: "Ann", by: "Boss", reason: "not now"),
    .applicationWithdrawn(application: "A1", person: "Ann"),
    .leaveStarted(application: "A1", person: "Ann"),
    .leaveExtended(application: "A1", person: "Ann", until: day("2026-11-30"), by: "Boss"),
    .leaveEnded(application: "A1", person: "Ann"),
    .returnedToDuty(application: "A1", person: "Ann"),
    .paymentRecorded(application: "A1", person: "Ann", salary: NTD(600_000), subsidy: NTD(0)),
    .servicePaused(person: "Ann", reason: "unpaid leave"),
    .serviceResumed(person: "Ann"),
    .liabilityWaived(application: "A1", person: "Ann", reason: "illness"),
    .eventRetracted(position: 42, type: "LeaveStarted", reason: "typo"),
    .headAppointed(agency: "HR", person: "Ben", acting: false, until: nil),
    .headAppointed(agency: "HR", person: "Cai", acting: true, until: CivilDate(year: 2025, month: 3, day: 31)!),
    .personAdded(person: "Tem", name: "臨時", agency: "HR", head: false, profile: PersonProfile(category: .temporary, gender: .male)),
    .courseAdded(EventData.CourseSpec(course: "C1", name: "環境教育", hours: Hours(tenths: 35), from: day("2025-03-01"), to: day("2025-03-02"),
                                      topics: [.environment, .work], delivery: .blended, digitalHours: Hours(tenths: 10), organiser: "TYCG")),
    .courseAdded(EventData.CourseSpec(course: "C2", name: "數位", hours: Hours(tenths: 20), from: day("2025-03-01"), to: day("2025-03-01"),
                                      topics: [.gender], delivery: .digital)),
    .attendanceRecorded(course: "C1", person: "Ann", leave: Hours(tenths: 5), absent: false),
    .hoursRequired(agency: "HR", year: 2025, minimums: [HoursMinimum(.topics([.policy, .democratic]), Hours(tenths: 100)), HoursMinimum(.total, Hours(tenths: 400))]),
    .policyAdopted(Policy(name: "tight", effectiveFrom: day("2020-01-01"), quotaDivisor: 5, hoursCredit: .full)),
    .accessGranted(grant: "G1", agency: "HR", label: "人事處 browser", tokenHash: String(repeating: "ab", count: 32)),
    .accessRevoked(grant: "G1", agency: "HR"),
]

/// Fields a payload may leave out (read as null).
let optionalFields: Set<String> = ["parent", "programme", "hoursPerWeek", "until", "organiser", "category", "gender"]

func payloadFields(_ data: EventData) -> [String: JSONValue] {
    guard case .object(let o) = EventCodec.encode(data) else { fatalError("payload is not an object") }
    return o
}

@Suite("EventCodec: payloads to and from JSON")
struct EventCodecTests {
    @Test("the samples cover every event type")
    func coverage() {
        #expect(Set(sampleEvents.map(\.type)) == Set(EventData.allTypes))
        #expect(EventData.allTypes.count == 27)
    }

    @Test("every event decodes back to itself, also through canonical JSON text", arguments: sampleEvents)
    func roundTrip(data: EventData) throws {
        let payload = EventCodec.encode(data)
        #expect(try EventCodec.decode(type: data.type, version: 1, payload: payload) == data)
        let text = payload.canonical
        let reparsed = try JSONParser.parse(text)
        #expect(try EventCodec.decode(type: data.type, version: EventData.schemaVersion, payload: reparsed) == data)
    }

    @Test("fieldCount is the number of fields encode writes", arguments: sampleEvents)
    func fieldCount(data: EventData) {
        #expect(EventCodec.fieldCount(of: data) == payloadFields(data).count)
    }

    @Test("payload bytes decode as payload text does, and a repaired byte is refused")
    func payloadBytes() throws {
        for data in sampleEvents {
            var text = EventCodec.encode(data).canonical
            let decoded = try text.withUTF8 { try EventCodec.decode(type: data.type, version: 1, payloadBytes: $0) }
            #expect(decoded == data)
        }
        // "Ann" with its n replaced by a byte that is not UTF-8.
        let bad: [UInt8] = Array(#"{"person":"An"#.utf8) + [0xFF] + Array(#""}"#.utf8)
        #expect(throws: EventCodec.Problem.self) {
            try bad.withUnsafeBufferPointer { try EventCodec.decode(type: "ServiceResumed", version: 1, payloadBytes: $0) }
        }
    }

    @Test("a payload lacking a required field is refused, naming the field", arguments: sampleEvents)
    func missingField(data: EventData) {
        for key in payloadFields(data).keys.sorted() where !optionalFields.contains(key) {
            var o = payloadFields(data)
            o[key] = nil
            let error = #expect(throws: EventCodec.Problem.self, "without \(key)") {
                try EventCodec.decode(type: data.type, version: 1, payload: .object(o))
            }
            #expect(error?.message == "\(data.type) data lacks the field '\(key)'")
        }
    }

    @Test("optional fields may be left out or null")
    func optionalFieldsAbsent() throws {
        let agency = EventData.agencyAdded(agency: "GOV", name: "Ministry", parent: nil)
        #expect(try EventCodec.decode(type: "AgencyAdded", version: 1, payload: ["agency": "GOV", "name": "Ministry"]) == agency)
        #expect(try EventCodec.decode(type: "AgencyAdded", version: 1, payload: ["agency": "GOV", "name": "Ministry", "parent": nil]) == agency)
        var o = payloadFields(sampleEvents[6])
        o["hoursPerWeek"] = nil
        #expect(try EventCodec.decode(type: "ApplicationSubmitted", version: 1, payload: .object(o)) == sampleEvents[6])
    }

    @Test("a payload with a field the tool does not know is refused", arguments: sampleEvents)
    func extraField(data: EventData) {
        var o = payloadFields(data)
        o["zzExtra"] = .int(1)
        let error = #expect(throws: EventCodec.Problem.self) {
            try EventCodec.decode(type: data.type, version: 1, payload: .object(o))
        }
        #expect(error?.message == "\(data.type) data has a field this tool does not know: 'zzExtra'")
    }

    @Test("a field of the wrong type is refused", arguments: sampleEvents)
    func wrongType(data: EventData) {
        for key in payloadFields(data).keys.sorted() {
            var o = payloadFields(data)
            o[key] = .array([])
            #expect(throws: EventCodec.Problem.self, "\(key) as a list") {
                try EventCodec.decode(type: data.type, version: 1, payload: .object(o))
            }
        }
    }

    @Test("near misses of a type are refused: a boolean as 1, a number as text or a fraction, a date in ROC form", arguments: [
        ("PersonAdded", #"{"person":"Ann","name":"Ann","agency":"HR","head":1}"#),
        ("HeadcountSet", #"{"agency":"HR","year":"2025","budgeted":25}"#),
        ("HeadcountSet", #"{"agency":"HR","year":2025,"budgeted":25.5}"#),
        ("HeadcountSet", #"{"agency":"HR","year":2025,"budgeted":-1}"#),
        ("HeadcountSet", #"{"agency":"HR","year":0,"budgeted":1}"#),
        ("LeaveExtended", #"{"application":"A1","person":"Ann","until":"115/11/30","by":"Boss"}"#),
        ("LeaveExtended", #"{"application":"A1","person":"Ann","until":"2026-02-30","by":"Boss"}"#),
        ("PersonSeparated", #"{"person":"Ann","agency":"HR","reason":"fired","wasHead":false}"#),
        ("PersonAdded", #"{"person":"Ann Lee","name":"Ann","agency":"HR","head":false}"#),
        ("PersonAdded", #"{"person":"","name":"Ann","agency":"HR","head":false}"#),
        ("PersonAdded", #"{"person":"Ann","name":"","agency":"HR","head":false}"#),
        ("PaymentRecorded", #"{"application":"A1","person":"Ann","salary":-5,"subsidy":0}"#),
        ("PaymentRecorded", #"{"application":"A1","person":"Ann","salary":10000000000001,"subsidy":0}"#),
        ("EventRetracted", #"{"position":0,"type":"LeaveStarted","reason":"x"}"#),
        ("ServiceResumed", #"{"person":null}"#),
        ("ApplicationSubmitted", #"{"abroad":false,"agency":"HR","application":"A2","from":"2025-09-01","hoursPerWeek":169,"mode":"part-time","person":"Ann","programme":null,"sponsor":"self","to":"2026-01-31"}"#),
        ("ApplicationSubmitted", #"{"abroad":false,"agency":"HR","application":"A2","from":"2025-09-01","hoursPerWeek":8,"mode":"part-time","person":"Ann","programme":"phd","sponsor":"self","to":"2026-01-31"}"#),
    ])
    func nearMisses(type: String, payload: String) throws {
        let value = try JSONParser.parse(payload)
        #expect(throws: EventCodec.Problem.self) { try EventCodec.decode(type: type, version: 1, payload: value) }
    }

    @Test("an unknown type, another schema version or a payload that is not an object is refused")
    func envelope() {
        #expect(throws: EventCodec.Problem(message: "unknown event type 'Nope'")) {
            try EventCodec.decode(type: "Nope", version: 1, payload: [:])
        }
        #expect(throws: EventCodec.Problem(message: "event type ServiceResumed has schema version 2; this tool reads version 1")) {
            try EventCodec.decode(type: "ServiceResumed", version: 2, payload: ["person": "Ann"])
        }
        #expect(throws: EventCodec.Problem(message: "ServiceResumed data must be an object")) {
            try EventCodec.decode(type: "ServiceResumed", version: 1, payload: ["Ann"])
        }
    }

    @Test("encoded payloads spell the catalogue's field names")
    func fieldNames() {
        #expect(EventCodec.encode(sampleEvents[7]).canonical ==
            #"{"abroad":false,"agency":"HR","application":"A2","from":"2025-09-01","hoursPerWeek":8,"mode":"part-time","person":"Ann","programme":null,"sponsor":"self","to":"2026-01-31"}"#)
        #expect(EventCodec.encode(sampleEvents[21]).canonical == #"{"position":42,"reason":"typo","type":"LeaveStarted"}"#)
    }

    @Test("events name their application and person")
    func subjects() {
        #expect(sampleEvents[14].application == "A1")
        #expect(sampleEvents[14].person == "Ann")
        #expect(sampleEvents[0].application == nil)
        #expect(sampleEvents[0].person == nil)
        #expect(sampleEvents[18].person == "Ann")
        #expect(sampleEvents[21].person == nil)
        #expect(sampleEvents.filter(\.isTimeless).map(\.type) == ["AgencyAdded", "AgencyAdded", "HeadcountSet", "PersonAdded", "PersonAdded",
                                                                 "CourseAdded", "CourseAdded", "PolicyAdopted"])
    }
}
