/// EventData to and from its JSON payload. Written by hand: exact field names, exact types, and
/// fast enough for a rebuild of millions of events.
public enum EventCodec {
    public struct Problem: Error, Equatable, Sendable { public let message: String }

    public static func encode(_ data: EventData) -> JSONValue {
        switch data {
        case let .agencyAdded(agency, name, parent):
            return ["agency": .string(agency), "name": .string(name), "parent": parent.map(JSONValue.string) ?? .null]
        case let .headcountSet(agency, year, budgeted):
            return ["agency": .string(agency), "year": .int(year), "budgeted": .int(budgeted)]
        case let .personAdded(person, name, agency, head, profile):
            var o: [String: JSONValue] = ["person": .string(person), "name": .string(name), "agency": .string(agency), "head": .bool(head)]
            // Written only when recorded, so that a person added before profiles keeps its bytes.
            if profile.category != .civilServant { o["category"] = .string(profile.category.rawValue) }
            if let g = profile.gender { o["gender"] = .string(g.rawValue) }
            return .object(o)
        case let .personTransferred(person, from, to, carry, wasHead):
            return ["person": .string(person), "from": .string(from), "to": .string(to),
                    "carryObligation": .bool(carry), "wasHead": .bool(wasHead)]
        case let .personSeparated(person, agency, reason, wasHead):
            return ["person": .string(person), "agency": .string(agency), "reason": .string(reason.rawValue), "wasHead": .bool(wasHead)]
        case let .headAppointed(agency, person, acting, until):
            return ["agency": .string(agency), "person": .string(person), "acting": .bool(acting), "until": until.map { .string($0.iso) } ?? .null]
        case let .applicationSubmitted(s):
            return ["application": .string(s.application), "person": .string(s.person), "agency": .string(s.agency),
                    "mode": .string(s.mode.rawValue), "sponsor": .string(s.sponsor.rawValue),
                    "from": .string(s.from.iso), "to": .string(s.to.iso), "abroad": .bool(s.abroad),
                    "programme": s.programme.map { .string($0.rawValue) } ?? .null,
                    "hoursPerWeek": s.hoursPerWeek.map(JSONValue.int) ?? .null]
        case let .applicationReviewed(a, p, workRelated):
            return ["application": .string(a), "person": .string(p), "workRelated": .bool(workRelated)]
        case let .applicationScreened(a, p, passed):
            return ["application": .string(a), "person": .string(p), "passed": .bool(passed)]
        case let .applicationApproved(a, p, by, agency, year):
            return ["application": .string(a), "person": .string(p), "by": .string(by), "agency": .string(agency), "year": .int(year)]
        case let .applicationRejected(a, p, by, reason):
            return ["application": .string(a), "person": .string(p), "by": .string(by), "reason": .string(reason)]
        case let .applicationWithdrawn(a, p), let .leaveStarted(a, p), let .leaveEnded(a, p), let .returnedToDuty(a, p):
            return ["application": .string(a), "person": .string(p)]
        case let .leaveExtended(a, p, until, by):
            return ["application": .string(a), "person": .string(p), "until": .string(until.iso), "by": .string(by)]
        case let .paymentRecorded(a, p, salary, subsidy):
            return ["application": .string(a), "person": .string(p), "salary": .int(salary.amount), "subsidy": .int(subsidy.amount)]
        case let .servicePaused(p, reason):
            return ["person": .string(p), "reason": .string(reason)]
        case let .serviceResumed(p):
            return ["person": .string(p)]
        case let .liabilityWaived(a, p, reason):
            return ["application": .string(a), "person": .string(p), "reason": .string(reason)]
        case let .courseAdded(c):
            return ["course": .string(c.course), "name": .string(c.name), "hoursTenths": .int(c.hours.tenths),
                    "from": .string(c.from.iso), "to": .string(c.to.iso), "topics": .array(c.topics.map { .string($0.rawValue) }),
                    "delivery": .string(c.delivery.rawValue), "digitalTenths": .int(c.digitalHours.tenths),
                    "organiser": c.organiser.map(JSONValue.string) ?? .null]
        case let .attendanceRecorded(course, person, leave, absent):
            return ["course": .string(course), "person": .string(person), "leaveTenths": .int(leave.tenths), "absent": .bool(absent)]
        case let .hoursRequired(agency, year, minimums):
            return ["agency": .string(agency), "year": .int(year),
                    "minimumTenths": .object(Dictionary(minimums.map { ($0.scope.name, JSONValue.int($0.hours.tenths)) }, uniquingKeysWith: { a, _ in a }))]
        case let .policyAdopted(p):
            return PolicyFile.entry(p)
        case let .accessGranted(grant, agency, label, hash):
            return ["grant": .string(grant), "agency": .string(agency), "label": .string(label), "tokenHash": .string(hash)]
        case let .accessRevoked(grant, agency):
            return ["grant": .string(grant), "agency": .string(agency)]
        case let .eventRetracted(position, type, reason):
            return ["position": .int(Int(position)), "type": .string(type), "reason": .string(reason)]
        }
    }

    /// How many fields `encode` writes for the event (optional ones as null): a payload with
    /// fewer decodes but is not in canonical form.
    public static func fieldCount(of data: EventData) -> Int {
        switch data {
        case .serviceResumed: 1
        case .applicationWithdrawn, .leaveStarted, .leaveEnded, .returnedToDuty, .servicePaused, .accessRevoked: 2
        case .agencyAdded, .headcountSet, .applicationReviewed, .applicationScreened, .liabilityWaived, .eventRetracted: 3
        case .personSeparated, .applicationRejected, .leaveExtended, .paymentRecorded, .headAppointed, .attendanceRecorded, .accessGranted: 4
        case let .personAdded(_, _, _, _, profile): 4 + (profile.category != .civilServant ? 1 : 0) + (profile.gender != nil ? 1 : 0)
        case .policyAdopted: PolicyFile.entryKeys.count
        case .hoursRequired: 3
        case .courseAdded: 9
        case .personTransferred, .applicationApproved: 5
        case .applicationSubmitted: 10
        }
    }

    public static func decode(type: String, version: Int, payload: JSONValue) throws(Problem) -> EventData {
        guard case .object(let o) = payload else { throw Problem(message: "\(type) data must be an object") }
        return try decode(type: type, version: version, fields: o.map { ($0.key, $0.value) })
    }

    /// Decodes stored payload text: the fast path of rebuilds and imports (no dictionary is built).
    public static func decode(type: String, version: Int, payloadText: String) throws(Problem) -> EventData {
        var text = payloadText
        let result = text.withUTF8 { bytes in Result { () throws(Problem) -> EventData in try decode(type: type, version: version, payloadBytes: bytes) } }
        return try result.get()
    }

    /// Decodes borrowed payload bytes (a column as SQLite hands it out). Stored and exported
    /// payloads are canonical: `CanonicalPayload` reads those straight from the bytes; any other
    /// spelling is parsed in full, and a refusal is worded here.
    public static func decode(type: String, version: Int, payloadBytes: UnsafeBufferPointer<UInt8>) throws(Problem) -> EventData {
        if let data = CanonicalPayload.decode(type: type, version: version, bytes: payloadBytes) { return data }
        let fields: [(String, JSONValue)]
        do { fields = try JSONParser.parseFlatObject(buffer: payloadBytes) } catch {
            throw Problem(message: "\(type) data is not a JSON object: \(error)")
        }
        return try decode(type: type, version: version, fields: fields)
    }

    public static func decode(type: String, version: Int, fields: [(String, JSONValue)]) throws(Problem) -> EventData {
        guard version == EventData.schemaVersion else {
            throw Problem(message: "event type \(type) has schema version \(version); this tool reads version \(EventData.schemaVersion)")
        }
        var r = Reader(type: type, o: Fields(pairs: fields))
        let data: EventData
        // Most frequent first (a national ledger's mix): Swift compares the cases in order.
        switch type {
        case "ApplicationSubmitted":
            let hours: Int? = try r.optionalInt("hoursPerWeek", PayloadLimits.hoursPerWeek)
            data = .applicationSubmitted(EventData.Submission(
                application: try r.id("application"), person: try r.id("person"), agency: try r.id("agency"),
                mode: try r.choice("mode", StudyMode.self), sponsor: try r.choice("sponsor", Sponsorship.self),
                from: try r.date("from"), to: try r.date("to"), abroad: try r.bool("abroad"),
                programme: try r.optionalChoice("programme", Programme.self), hoursPerWeek: hours))
        case "ApplicationReviewed":
            data = .applicationReviewed(application: try r.id("application"), person: try r.id("person"), workRelated: try r.bool("workRelated"))
        case "ApplicationApproved":
            data = .applicationApproved(application: try r.id("application"), person: try r.id("person"), by: try r.id("by"),
                                        agency: try r.id("agency"), year: try r.int("year", PayloadLimits.year))
        case "ApplicationScreened":
            data = .applicationScreened(application: try r.id("application"), person: try r.id("person"), passed: try r.bool("passed"))
        case "LeaveStarted":
            data = .leaveStarted(application: try r.id("application"), person: try r.id("person"))
        case "ApplicationRejected":
            data = .applicationRejected(application: try r.id("application"), person: try r.id("person"), by: try r.id("by"), reason: try r.text("reason"))
        case "LeaveEnded":
            data = .leaveEnded(application: try r.id("application"), person: try r.id("person"))
        case "ReturnedToDuty":
            data = .returnedToDuty(application: try r.id("application"), person: try r.id("person"))
        case "AttendanceRecorded":
            data = .attendanceRecorded(course: try r.id("course"), person: try r.id("person"),
                                       leave: Hours(tenths: try r.int("leaveTenths", Hours.storedTenths)), absent: try r.bool("absent"))
        case "PersonAdded":
            let profile = PersonProfile(category: try r.optionalChoice("category", StaffCategory.self) ?? .civilServant,
                                        gender: try r.optionalChoice("gender", Gender.self))
            data = .personAdded(person: try r.id("person"), name: try r.text("name"), agency: try r.id("agency"), head: try r.bool("head"), profile: profile)
        case "PaymentRecorded":
            data = .paymentRecorded(application: try r.id("application"), person: try r.id("person"),
                                    salary: NTD(try r.int("salary", PayloadLimits.money)), subsidy: NTD(try r.int("subsidy", PayloadLimits.money)))
        case "HeadcountSet":
            data = .headcountSet(agency: try r.id("agency"), year: try r.int("year", PayloadLimits.year), budgeted: try r.int("budgeted", PayloadLimits.budgeted))
        case "PersonSeparated":
            data = .personSeparated(person: try r.id("person"), agency: try r.id("agency"),
                                    reason: try r.choice("reason", SeparationReason.self), wasHead: try r.bool("wasHead"))
        case "PersonTransferred":
            data = .personTransferred(person: try r.id("person"), from: try r.id("from"), to: try r.id("to"),
                                      carryObligation: try r.bool("carryObligation"), wasHead: try r.bool("wasHead"))
        case "ApplicationWithdrawn":
            data = .applicationWithdrawn(application: try r.id("application"), person: try r.id("person"))
        case "LeaveExtended":
            data = .leaveExtended(application: try r.id("application"), person: try r.id("person"), until: try r.date("until"), by: try r.id("by"))
        case "ServicePaused":
            data = .servicePaused(person: try r.id("person"), reason: try r.text("reason"))
        case "ServiceResumed":
            data = .serviceResumed(person: try r.id("person"))
        case "EventRetracted":
            data = .eventRetracted(position: Int64(try r.int("position", PayloadLimits.position)), type: try r.text("type"), reason: try r.text("reason"))
        case "AgencyAdded":
            data = .agencyAdded(agency: try r.id("agency"), name: try r.text("name"), parent: try r.optionalID("parent"))
        case "LiabilityWaived":
            data = .liabilityWaived(application: try r.id("application"), person: try r.id("person"), reason: try r.text("reason"))
        case "CourseAdded":
            let topics = try r.choices("topics", Topic.self)
            data = .courseAdded(EventData.CourseSpec(
                course: try r.id("course"), name: try r.text("name"), hours: Hours(tenths: try r.int("hoursTenths", Hours.storedTenths)),
                from: try r.date("from"), to: try r.date("to"), topics: topics, delivery: try r.choice("delivery", Delivery.self),
                digitalHours: Hours(tenths: try r.int("digitalTenths", Hours.storedTenths)), organiser: try r.optionalText("organiser")))
        case "HoursRequired":
            data = .hoursRequired(agency: try r.id("agency"), year: try r.int("year", PayloadLimits.year), minimums: try r.minimums("minimumTenths"))
        case "PolicyAdopted":
            // Every figure is written (PolicyFile.entry), so that a later default never changes it;
            // a stored policy must be exactly what `entry` writes for it.
            let known = Set(PolicyFile.entryKeys)
            if let extra = fields.map(\.0).sorted().first(where: { !known.contains($0) }) {
                throw Problem(message: "\(type) data has a field this tool does not know: '\(extra)'")
            }
            for k in PolicyFile.entryKeys { _ = try r.field(k) }
            let object = JSONValue.object(Dictionary(fields, uniquingKeysWith: { a, _ in a }))
            let policy: Policy
            do { policy = try PolicyFile.policy(object, number: 1) } catch { throw Problem(message: "\(type) data: \(error.message)") }
            guard PolicyFile.entry(policy) == object else {
                throw Problem(message: "\(type) data is not a policy as 'policy adopt' writes it: every figure, of the right type")
            }
            data = .policyAdopted(policy)
        case "AccessGranted":
            let grant = try r.id("grant"), agency = try r.id("agency"), label = try r.text("label"), hash = try r.text("tokenHash")
            guard AccessToken.isHash(hash) else { throw Problem(message: "\(type) data field 'tokenHash' must be \(AccessToken.hashLength) lowercase hex digits") }
            data = .accessGranted(grant: grant, agency: agency, label: label, tokenHash: hash)
        case "AccessRevoked":
            data = .accessRevoked(grant: try r.id("grant"), agency: try r.id("agency"))
        case "HeadAppointed":
            data = .headAppointed(agency: try r.id("agency"), person: try r.id("person"), acting: try r.bool("acting"), until: try r.optionalDate("until"))
        default:
            throw Problem(message: "unknown event type '\(type)'")
        }
        try r.noExtraFields()
        return data
    }

    /// A payload's fields in the order written; objects are small, so lookup is a scan.
    struct Fields {
        let pairs: [(String, JSONValue)]
        subscript(key: String) -> JSONValue? {
            for (k, v) in pairs where k == key { return v }
            return nil
        }
        func index(of key: String) -> Int? { pairs.firstIndex { $0.0 == key } }
        var keys: [String] { pairs.map(\.0) }
        var count: Int { pairs.count }
    }

    struct Reader {
        let type: String
        let o: Fields
        /// The fields read, one bit each by place (a payload has at most a dozen): no allocation.
        var used: UInt64 = 0

        mutating func field(_ k: String) throws(Problem) -> JSONValue {
            guard let i = o.index(of: k) else { throw Problem(message: "\(type) data lacks the field '\(k)'") }
            if i < 64 { used |= 1 << UInt64(i) }
            return o.pairs[i].1
        }
        mutating func markUsed(_ k: String) {
            if let i = o.index(of: k), i < 64 { used |= 1 << UInt64(i) }
        }
        func wrong(_ k: String, _ v: JSONValue, _ want: String) -> Problem {
            Problem(message: "\(type) data field '\(k)' must be \(want), not \(v.typeName)")
        }
        mutating func text(_ k: String) throws(Problem) -> String {
            let v = try field(k)
            guard let s = v.stringValue else { throw wrong(k, v, "a string") }
            guard PayloadLimits.isText(s) else { throw Problem(message: "\(type) data field '\(k)' must hold 1 to \(PayloadLimits.textCharacters) characters") }
            return s
        }
        mutating func id(_ k: String) throws(Problem) -> String {
            let v = try field(k)
            guard let s = v.stringValue else { throw wrong(k, v, "a string") }
            if let p = Identifier.problem(with: s) { throw Problem(message: "\(type) data field '\(k)': \(p)") }
            return s
        }
        mutating func optionalID(_ k: String) throws(Problem) -> String? {
            guard let v = o[k] else { return nil }
            if v == .null { markUsed(k); return nil }
            return try id(k)
        }
        mutating func bool(_ k: String) throws(Problem) -> Bool {
            let v = try field(k)
            guard let b = v.boolValue else { throw wrong(k, v, "true or false") }
            return b
        }
        mutating func int(_ k: String, _ range: ClosedRange<Int>) throws(Problem) -> Int {
            let v = try field(k)
            guard let i = v.intValue else { throw wrong(k, v, "a whole number") }
            guard range.contains(i) else { throw Problem(message: "\(type) data field '\(k)' is \(i), outside \(range.lowerBound)…\(range.upperBound)") }
            return i
        }
        mutating func optionalInt(_ k: String, _ range: ClosedRange<Int>) throws(Problem) -> Int? {
            guard let v = o[k] else { return nil }
            if v == .null { markUsed(k); return nil }
            return try int(k, range)
        }
        mutating func date(_ k: String) throws(Problem) -> CivilDate {
            let v = try field(k)
            guard let s = v.stringValue else { throw wrong(k, v, "an ISO date string") }
            guard let d = DateParsing.parseISO(s) else { throw Problem(message: "\(type) data field '\(k)' is not an ISO date: '\(s)'") }
            return d
        }
        mutating func optionalDate(_ k: String) throws(Problem) -> CivilDate? {
            guard let v = o[k] else { return nil }
            if v == .null { markUsed(k); return nil }
            return try date(k)
        }
        mutating func choice<T: RawRepresentable & CaseIterable>(_ k: String, _: T.Type) throws(Problem) -> T where T.RawValue == String {
            let v = try field(k)
            guard let s = v.stringValue, let c = T(rawValue: s) else {
                throw Problem(message: "\(type) data field '\(k)' must be one of \(T.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return c
        }
        mutating func optionalChoice<T: RawRepresentable & CaseIterable>(_ k: String, _ t: T.Type) throws(Problem) -> T? where T.RawValue == String {
            guard let v = o[k] else { return nil }
            if v == .null { markUsed(k); return nil }
            return try choice(k, t)
        }
        mutating func optionalText(_ k: String) throws(Problem) -> String? {
            guard let v = o[k] else { return nil }
            if v == .null { markUsed(k); return nil }
            return try text(k)
        }
        /// A non-empty list of distinct choices, in the order of `allCases`.
        mutating func choices<T: RawRepresentable & CaseIterable & Equatable>(_ k: String, _: T.Type) throws(Problem) -> [T] where T.RawValue == String {
            let v = try field(k)
            guard let list = v.arrayValue, !list.isEmpty else { throw wrong(k, v, "a non-empty list") }
            var out: [T] = []
            for item in list {
                guard let s = item.stringValue, let c = T(rawValue: s), !out.contains(c) else {
                    throw Problem(message: "\(type) data field '\(k)' must list distinct values of \(T.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                out.append(c)
            }
            return T.allCases.filter(out.contains)
        }
        /// A requirement's minimums: names (HoursMinimum.Scope) to tenths of an hour.
        mutating func minimums(_ k: String) throws(Problem) -> [HoursMinimum] {
            let v = try field(k)
            guard let o = v.objectValue, !o.isEmpty else { throw wrong(k, v, "a non-empty object") }
            var out: [HoursMinimum] = []
            for (name, tenths) in o.sorted(by: { $0.key < $1.key }) {
                guard let scope = HoursMinimum.Scope(name: name), scope.name == name else {
                    throw Problem(message: "\(type) data field '\(k)' has an unknown minimum '\(name)'")
                }
                guard let t = tenths.intValue, Hours.storedTenths.contains(t) else {
                    throw Problem(message: "\(type) data field '\(k)': '\(name)' must be tenths of an hour from 0 to \(Hours.maximumTenths)")
                }
                out.append(HoursMinimum(scope, Hours(tenths: t)))
            }
            return out
        }
        func noExtraFields() throws(Problem) {
            guard used.nonzeroBitCount != o.count else { return }
            let unread = o.pairs.indices.filter { $0 >= 64 || used & (1 << UInt64($0)) == 0 }.map { o.pairs[$0].0 }
            if let extra = unread.sorted().first {
                throw Problem(message: "\(type) data has a field this tool does not know: '\(extra)'")
            }
        }
    }
}
