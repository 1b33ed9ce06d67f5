/// A policy file, as given to `init --policy FILE`: JSON with a list of policies, each naming the
/// day it takes effect and any figure that differs from the law's.
///
/// ```json
/// {"policies": [{"name": "City rule 2020", "effectiveFrom": "2020-01-01",
///                "quota": {"divisor": 10, "minimum": 1},
///                "partTimeMaxLeaveHoursPerWeek": 8,
///                "service": {"paidMultiplier": 2, "unpaidMultiplier": 1, "floorMonths": 6, "partTimeMultiplier": 0},
///                "durations": {"selected-domestic": {"months": 24, "extensionMonths": 12}}}]}
/// ```
public enum PolicyFile {
    public struct Problem: Error, Sendable { public let message: String }

    public static func parse(_ text: String) throws(Problem) -> PolicySet {
        let root: JSONValue
        do { root = try JSONParser.parse(text) } catch { throw Problem(message: "the policy file is not JSON: \(error)") }
        guard let list = root["policies"]?.arrayValue, !list.isEmpty else {
            throw Problem(message: "the policy file needs a non-empty \"policies\" list")
        }
        if let extra = root.objectValue?.keys.sorted().first(where: { $0 != "policies" }) {
            throw Problem(message: "the policy file has an unknown key '\(extra)'")
        }
        var out: [Policy] = []
        for (n, item) in list.enumerated() {
            out.append(try policy(item, number: n + 1))
        }
        return PolicySet(out)
    }

    /// The keys of one policy as `entry` writes it (every one, so that a stored policy keeps its
    /// figures whatever later defaults are).
    public static let entryKeys = ["durations", "effectiveFrom", "hours", "name", "partTimeMaxLeaveHoursPerWeek", "quota", "service"]

    static func policy(_ v: JSONValue, number: Int) throws(Problem) -> Policy {
        func bad(_ what: String) -> Problem { Problem(message: "policy \(number): \(what)") }
        guard case .object(let top) = v else { throw bad("is not an object") }
        func known(_ o: [String: JSONValue]?, _ keys: Set<String>, _ place: String) throws(Problem) {
            guard let o else { return }
            if let k = o.keys.sorted().first(where: { !keys.contains($0) }) {
                throw bad("\(place)has an unknown key '\(k)' (known: \(keys.sorted().joined(separator: ", ")))")
            }
        }
        try known(top, Set(entryKeys), "")
        try known(v["hours"]?.objectValue, ["leaveShareDivisor", "credit"], "hours ")
        try known(v["quota"]?.objectValue, ["divisor", "minimum", "countedModes"], "quota ")
        try known(v["service"]?.objectValue, ["paidMultiplier", "unpaidMultiplier", "floorMonths", "partTimeMultiplier"], "service ")
        for (kind, limit) in v["durations"]?.objectValue ?? [:] {
            try known(limit.objectValue, ["months", "extensionMonths", "totalMonths", "article"], "durations.\(kind) ")
        }
        guard let fromText = v["effectiveFrom"]?.stringValue, let from = DateParsing.parseISO(fromText) else {
            throw bad("needs \"effectiveFrom\" as an ISO date")
        }
        var p = Policy(name: v["name"]?.stringValue ?? "policy from \(fromText)", effectiveFrom: from)
        func count(_ value: JSONValue?, _ name: String, min: Int) throws(Problem) -> Int? {
            guard let value else { return nil }
            guard let i = value.intValue, i >= min, i <= 1000 else { throw bad("\(name) must be a whole number from \(min) to 1000") }
            return i
        }
        if let q = v["quota"] {
            p.quotaDivisor = try count(q["divisor"], "quota.divisor", min: 1) ?? p.quotaDivisor
            p.quotaMinimum = try count(q["minimum"], "quota.minimum", min: 0) ?? p.quotaMinimum
            if let modes = q["countedModes"]?.arrayValue {
                var set = Set<StudyMode>()
                for m in modes {
                    guard let s = m.stringValue, let mode = StudyMode(rawValue: s) else { throw bad("quota.countedModes holds an unknown mode") }
                    set.insert(mode)
                }
                p.countedModes = set
            }
        }
        p.partTimeMaxLeaveHoursPerWeek = try count(v["partTimeMaxLeaveHoursPerWeek"], "partTimeMaxLeaveHoursPerWeek", min: 0) ?? p.partTimeMaxLeaveHoursPerWeek
        if let s = v["service"] {
            p.paidServiceMultiplier = try count(s["paidMultiplier"], "service.paidMultiplier", min: 0) ?? p.paidServiceMultiplier
            p.unpaidServiceMultiplier = try count(s["unpaidMultiplier"], "service.unpaidMultiplier", min: 0) ?? p.unpaidServiceMultiplier
            p.serviceFloorMonths = try count(s["floorMonths"], "service.floorMonths", min: 0) ?? p.serviceFloorMonths
            p.partTimeServiceMultiplier = try count(s["partTimeMultiplier"], "service.partTimeMultiplier", min: 0) ?? p.partTimeServiceMultiplier
        }
        if let h = v["hours"] {
            p.hoursLeaveShareDivisor = try count(h["leaveShareDivisor"], "hours.leaveShareDivisor", min: 1) ?? p.hoursLeaveShareDivisor
            if let c = h["credit"] {
                guard let s = c.stringValue, let credit = HoursCredit(rawValue: s) else { throw bad("hours.credit must be attended or full") }
                p.hoursCredit = credit
            }
        }
        if let d = v["durations"]?.objectValue {
            for (key, limit) in d {
                guard let kind = DurationKind(rawValue: key) else { throw bad("durations has an unknown kind '\(key)'") }
                var l = p.durations[kind]!
                l.months = try count(limit["months"], "durations.\(key).months", min: 1) ?? l.months
                l.extensionMonths = try count(limit["extensionMonths"], "durations.\(key).extensionMonths", min: 0) ?? l.extensionMonths
                if let t = limit["totalMonths"] { l.totalMonths = t == .null ? nil : try count(t, "durations.\(key).totalMonths", min: 1) }
                if let a = limit["article"]?.stringValue { l.article = a }
                p.durations[kind] = l
            }
        }
        return p
    }

    /// The policy set as a file `parse` reads back.
    public static func write(_ set: PolicySet) -> String {
        JSONValue.object(["policies": .array(set.policies.map(entry))]).canonical
    }

    /// One policy with every figure, as a file's list holds it and a PolicyAdopted event stores it.
    public static func entry(_ p: Policy) -> JSONValue {
        var durations: [String: JSONValue] = [:]
        for (k, l) in p.durations {
            durations[k.rawValue] = ["months": .int(l.months), "extensionMonths": .int(l.extensionMonths),
                                     "totalMonths": l.totalMonths.map(JSONValue.int) ?? .null, "article": .string(l.article)]
        }
        return [
            "name": .string(p.name), "effectiveFrom": .string(p.effectiveFrom.iso),
            "quota": ["divisor": .int(p.quotaDivisor), "minimum": .int(p.quotaMinimum),
                      "countedModes": .array(StudyMode.allCases.filter { p.countedModes.contains($0) }.map { .string($0.rawValue) })],
            "partTimeMaxLeaveHoursPerWeek": .int(p.partTimeMaxLeaveHoursPerWeek),
            "service": ["paidMultiplier": .int(p.paidServiceMultiplier), "unpaidMultiplier": .int(p.unpaidServiceMultiplier),
                        "floorMonths": .int(p.serviceFloorMonths), "partTimeMultiplier": .int(p.partTimeServiceMultiplier)],
            "durations": .object(durations),
            "hours": ["leaveShareDivisor": .int(p.hoursLeaveShareDivisor), "credit": .string(p.hoursCredit.rawValue)],
        ]
    }
}
