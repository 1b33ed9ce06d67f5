/// Decodes a payload written exactly as `EventCodec.encode` and the canonical writer write it
/// (every field, keys in byte order, no whitespace, no escapes, whole numbers as `String(i)`)
/// straight from its bytes, without building `JSONValue`s: the hot path of rebuilds and imports.
///
/// Returns nil for anything else; the general decoder (`EventCodec.decode`) then decides and words
/// any refusal. It checks what the general decoder checks (ids, lengths, ranges, choices, days),
/// so that whatever it accepts, the general decoder accepts as the same event (a test and the fuzz
/// target hold it to that); and only what the canonical writer writes, so that a payload it accepts
/// is canonical.
public enum CanonicalPayload {
    public static func decode(type: String, version: Int, bytes: UnsafeBufferPointer<UInt8>) -> EventData? {
        guard version == EventData.schemaVersion else { return nil }
        var s = Scanner(bytes: bytes)
        guard s.take(UInt8(ascii: "{")) else { return nil }
        let data: EventData?
        // Most frequent first, as in EventCodec; each type's keys in byte order.
        switch type {
        case "ApplicationSubmitted":
            guard let abroad = s.bool("abroad"), let agency = s.id("agency"), let application = s.id("application"),
                  let from = s.date("from"), let hours = s.optional("hoursPerWeek", { $0.int(PayloadLimits.hoursPerWeek) }),
                  let mode = s.choice("mode", StudyMode.self), let person = s.id("person"),
                  let programme = s.optional("programme", { $0.choiceValue(Programme.self) }),
                  let sponsor = s.choice("sponsor", Sponsorship.self), let to = s.date("to") else { return nil }
            data = .applicationSubmitted(EventData.Submission(
                application: application, person: person, agency: agency, mode: mode, sponsor: sponsor,
                from: from, to: to, abroad: abroad, programme: programme, hoursPerWeek: hours))
        case "ApplicationReviewed":
            guard let a = s.id("application"), let p = s.id("person"), let w = s.bool("workRelated") else { return nil }
            data = .applicationReviewed(application: a, person: p, workRelated: w)
        case "ApplicationApproved":
            guard let agency = s.id("agency"), let a = s.id("application"), let by = s.id("by"), let p = s.id("person"),
                  let year = s.int("year", PayloadLimits.year) else { return nil }
            data = .applicationApproved(application: a, person: p, by: by, agency: agency, year: year)
        case "ApplicationScreened":
            guard let a = s.id("application"), let passed = s.bool("passed"), let p = s.id("person") else { return nil }
            data = .applicationScreened(application: a, person: p, passed: passed)
        case "LeaveStarted":
            guard let (a, p) = s.applicationAndPerson() else { return nil }
            data = .leaveStarted(application: a, person: p)
        case "ApplicationRejected":
            guard let a = s.id("application"), let by = s.id("by"), let p = s.id("person"), let reason = s.text("reason") else { return nil }
            data = .applicationRejected(application: a, person: p, by: by, reason: reason)
        case "LeaveEnded":
            guard let (a, p) = s.applicationAndPerson() else { return nil }
            data = .leaveEnded(application: a, person: p)
        case "ReturnedToDuty":
            guard let (a, p) = s.applicationAndPerson() else { return nil }
            data = .returnedToDuty(application: a, person: p)
        case "AttendanceRecorded":
            guard let absent = s.bool("absent"), let c = s.id("course"), let leave = s.int("leaveTenths", Hours.storedTenths),
                  let p = s.id("person") else { return nil }
            data = .attendanceRecorded(course: c, person: p, leave: Hours(tenths: leave), absent: absent)
        case "PersonAdded":
            guard let agency = s.id("agency") else { return nil }
            // Written only when not the default (EventCodec.encode): present means not civil-servant.
            var profile = PersonProfile()
            if s.nextKey("category") {
                guard let c = s.choice("category", StaffCategory.self), c != .civilServant else { return nil }
                profile.category = c
            }
            if s.nextKey("gender") {
                guard let g = s.choice("gender", Gender.self) else { return nil }
                profile.gender = g
            }
            guard let head = s.bool("head"), let name = s.text("name"), let p = s.id("person") else { return nil }
            data = .personAdded(person: p, name: name, agency: agency, head: head, profile: profile)
        case "CourseAdded":
            guard let c = s.id("course"), let delivery = s.choice("delivery", Delivery.self),
                  let digital = s.int("digitalTenths", Hours.storedTenths), let from = s.date("from"),
                  let hours = s.int("hoursTenths", Hours.storedTenths), let name = s.text("name"),
                  let organiser = s.optional("organiser", { $0.textValue() }), let to = s.date("to"),
                  let topics = s.topics("topics") else { return nil }
            data = .courseAdded(EventData.CourseSpec(course: c, name: name, hours: Hours(tenths: hours), from: from, to: to, topics: topics,
                                                     delivery: delivery, digitalHours: Hours(tenths: digital), organiser: organiser))
        case "PaymentRecorded":
            guard let a = s.id("application"), let p = s.id("person"), let salary = s.int("salary", PayloadLimits.money),
                  let subsidy = s.int("subsidy", PayloadLimits.money) else { return nil }
            data = .paymentRecorded(application: a, person: p, salary: NTD(salary), subsidy: NTD(subsidy))
        case "HeadcountSet":
            guard let agency = s.id("agency"), let budgeted = s.int("budgeted", PayloadLimits.budgeted), let year = s.int("year", PayloadLimits.year) else { return nil }
            data = .headcountSet(agency: agency, year: year, budgeted: budgeted)
        case "PersonSeparated":
            guard let agency = s.id("agency"), let p = s.id("person"), let reason = s.choice("reason", SeparationReason.self),
                  let wasHead = s.bool("wasHead") else { return nil }
            data = .personSeparated(person: p, agency: agency, reason: reason, wasHead: wasHead)
        case "PersonTransferred":
            guard let carry = s.bool("carryObligation"), let from = s.id("from"), let p = s.id("person"), let to = s.id("to"),
                  let wasHead = s.bool("wasHead") else { return nil }
            data = .personTransferred(person: p, from: from, to: to, carryObligation: carry, wasHead: wasHead)
        case "ApplicationWithdrawn":
            guard let (a, p) = s.applicationAndPerson() else { return nil }
            data = .applicationWithdrawn(application: a, person: p)
        case "LeaveExtended":
            guard let a = s.id("application"), let by = s.id("by"), let p = s.id("person"), let until = s.date("until") else { return nil }
            data = .leaveExtended(application: a, person: p, until: until, by: by)
        case "ServicePaused":
            guard let p = s.id("person"), let reason = s.text("reason") else { return nil }
            data = .servicePaused(person: p, reason: reason)
        case "ServiceResumed":
            guard let p = s.id("person") else { return nil }
            data = .serviceResumed(person: p)
        case "EventRetracted":
            guard let position = s.int("position", PayloadLimits.position), let reason = s.text("reason"), let type = s.text("type") else { return nil }
            data = .eventRetracted(position: Int64(position), type: type, reason: reason)
        case "AgencyAdded":
            guard let agency = s.id("agency"), let name = s.text("name"), let parent = s.optional("parent", { $0.idValue() }) else { return nil }
            data = .agencyAdded(agency: agency, name: name, parent: parent)
        case "LiabilityWaived":
            guard let a = s.id("application"), let p = s.id("person"), let reason = s.text("reason") else { return nil }
            data = .liabilityWaived(application: a, person: p, reason: reason)
        case "HeadAppointed":
            guard let acting = s.bool("acting"), let agency = s.id("agency"), let p = s.id("person"),
                  let until = s.optional("until", { $0.dateValue() }) else { return nil }
            data = .headAppointed(agency: agency, person: p, acting: acting, until: until)
        default:
            return nil
        }
        guard s.take(UInt8(ascii: "}")), s.atEnd else { return nil }
        return data
    }

    /// Reads `"key":value` pairs in order, with a comma before every pair but the first.
    struct Scanner {
        let bytes: UnsafeBufferPointer<UInt8>
        var i = 0
        var first = true

        var atEnd: Bool { i == bytes.count }

        mutating func take(_ b: UInt8) -> Bool {
            guard i < bytes.count, bytes[i] == b else { return false }
            i += 1
            return true
        }

        /// The next key, which must be `k`; then the colon.
        mutating func key(_ k: StaticString) -> Bool {
            if !first { guard take(UInt8(ascii: ",")) else { return false } }
            first = false
            let n = k.utf8CodeUnitCount
            guard i + n + 3 <= bytes.count, bytes[i] == UInt8(ascii: "\""), bytes[i + n + 1] == UInt8(ascii: "\""),
                  bytes[i + n + 2] == UInt8(ascii: ":") else { return false }
            let p = k.utf8Start
            for j in 0..<n where bytes[i + 1 + j] != p[j] { return false }
            i += n + 3
            return true
        }

        // MARK: Values

        /// A string's bytes, when it holds no escapes or control characters (the writer escapes those).
        mutating func stringBytes() -> UnsafeBufferPointer<UInt8>? {
            guard take(UInt8(ascii: "\"")) else { return nil }
            let start = i
            while i < bytes.count {
                let b = bytes[i]
                if b == UInt8(ascii: "\"") { break }
                if b == UInt8(ascii: "\\") || b < 0x20 { return nil }
                i += 1
            }
            guard i < bytes.count else { return nil }
            i += 1
            return UnsafeBufferPointer(rebasing: bytes[start..<i - 1])
        }

        /// Such a string, valid UTF-8.
        mutating func stringValue() -> String? {
            stringBytes().flatMap(JSONParser.validString)
        }

        /// A whole number as `String(i)` writes it: no plus, no leading zero, no "-0".
        mutating func intValue() -> Int? {
            let start = i
            let negative = take(UInt8(ascii: "-"))
            var v = 0
            var digits = 0
            while i < bytes.count, (48...57).contains(bytes[i]) {
                let (m, o1) = v.multipliedReportingOverflow(by: 10)
                let (a, o2) = m.addingReportingOverflow(Int(bytes[i] - 48))
                guard !o1, !o2 else { return nil }
                v = a; digits += 1; i += 1
            }
            guard digits > 0, !(bytes[negative ? start + 1 : start] == 48 && (digits > 1 || negative)) else { return nil }
            if i < bytes.count, bytes[i] == UInt8(ascii: ".") || bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") { return nil }
            return negative ? -v : v
        }

        /// True when the bytes at the cursor spell `word` (then skipped).
        mutating func word(_ word: StaticString) -> Bool {
            let n = word.utf8CodeUnitCount, p = word.utf8Start
            guard i + n <= bytes.count else { return false }
            for j in 0..<n where bytes[i + j] != p[j] { return false }
            i += n
            return true
        }

        mutating func boolValue() -> Bool? {
            if word("true") { return true }
            if word("false") { return false }
            return nil
        }

        mutating func idValue() -> String? {
            guard let s = stringValue(), Identifier.problem(with: s) == nil else { return nil }
            return s
        }

        mutating func choiceValue<T: RawRepresentable>(_: T.Type) -> T? where T.RawValue == String {
            stringValue().flatMap(T.init(rawValue:))
        }

        mutating func int(_ range: ClosedRange<Int>) -> Int? {
            guard let v = intValue(), range.contains(v) else { return nil }
            return v
        }

        // MARK: Fields (key, then value), as EventCodec.Reader checks them

        mutating func id(_ k: StaticString) -> String? { key(k) ? idValue() : nil }
        mutating func bool(_ k: StaticString) -> Bool? { key(k) ? boolValue() : nil }
        mutating func int(_ k: StaticString, _ range: ClosedRange<Int>) -> Int? { key(k) ? int(range) : nil }

        mutating func text(_ k: StaticString) -> String? {
            guard key(k), let s = stringValue(), PayloadLimits.isText(s) else { return nil }
            return s
        }

        mutating func date(_ k: StaticString) -> CivilDate? {
            guard key(k) else { return nil }
            return dateValue()
        }

        mutating func dateValue() -> CivilDate? {
            guard let b = stringBytes() else { return nil }
            return DateParsing.parseISO(bytes: b)
        }

        mutating func choice<T: RawRepresentable>(_ k: StaticString, _ t: T.Type) -> T? where T.RawValue == String {
            key(k) ? choiceValue(t) : nil
        }

        /// `null`, or a value: `.some(nil)` for null, nil when neither reads.
        mutating func optional<T>(_ k: StaticString, _ value: (inout Scanner) -> T?) -> T?? {
            guard key(k) else { return nil }
            if word("null") { return .some(nil) }
            guard let v = value(&self) else { return nil }
            return .some(v)
        }

        /// Whether the next key is `k`, reading nothing (for a field written only when set).
        func nextKey(_ k: StaticString) -> Bool {
            var probe = self
            return probe.key(k)
        }

        mutating func textValue() -> String? {
            guard let s = stringValue(), PayloadLimits.isText(s) else { return nil }
            return s
        }

        /// A non-empty list of distinct topics in the order of `Topic.allCases`, as written.
        mutating func topics(_ k: StaticString) -> [Topic]? {
            guard key(k), take(UInt8(ascii: "[")) else { return nil }
            var out: [Topic] = []
            repeat {
                guard let t = choiceValue(Topic.self) else { return nil }
                if let last = out.last, Topic.allCases.firstIndex(of: last)! >= Topic.allCases.firstIndex(of: t)! { return nil }
                out.append(t)
            } while take(UInt8(ascii: ","))
            guard take(UInt8(ascii: "]")) else { return nil }
            return out
        }

        mutating func applicationAndPerson() -> (String, String)? {
            guard let a = id("application"), let p = id("person") else { return nil }
            return (a, p)
        }
    }
}
