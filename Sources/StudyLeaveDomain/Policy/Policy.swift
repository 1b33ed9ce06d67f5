/// The rules as dated data (RULES.md, opening): every limit, cap, multiplier and floor, with the
/// day it took effect. A dispute about 2016 is judged by the policy in force in 2016.
public struct Policy: Equatable, Sendable {
    public var name: String
    public var effectiveFrom: CivilDate

    // Rules 10: at most a tenth of the budgeted headcount, and at least one.
    public var quotaDivisor: Int
    public var quotaMinimum: Int
    public var countedModes: Set<StudyMode>

    // Rules 11: part-time study takes at most 8 hours of official leave a week.
    public var partTimeMaxLeaveHoursPerWeek: Int

    // Acts 10–12 and seed 000: how long each kind of full-time study may last.
    public var durations: [DurationKind: DurationLimit]

    // Act 15: paid study owes twice its length, at least six months; unpaid leave its own length.
    public var paidServiceMultiplier: Int
    public var unpaidServiceMultiplier: Int
    public var serviceFloorMonths: Int
    /// Decision: part-time study owes no service unless an agency policy says so (0 = none).
    public var partTimeServiceMultiplier: Int

    // Seed 002 §伍.三: leave over a third of a course's hours credits nothing.
    public var hoursLeaveShareDivisor: Int
    /// Decision (RULES.md §7): a course with some leave credits the hours attended, unless the
    /// policy credits the full hours.
    public var hoursCredit: HoursCredit

    public init(
        name: String, effectiveFrom: CivilDate,
        quotaDivisor: Int = 10, quotaMinimum: Int = 1,
        countedModes: Set<StudyMode> = [.fullTime, .partTime],
        partTimeMaxLeaveHoursPerWeek: Int = 8,
        durations: [DurationKind: DurationLimit] = Policy.lawDurations,
        paidServiceMultiplier: Int = 2, unpaidServiceMultiplier: Int = 1, serviceFloorMonths: Int = 6,
        partTimeServiceMultiplier: Int = 0,
        hoursLeaveShareDivisor: Int = 3, hoursCredit: HoursCredit = .attended
    ) {
        self.name = name; self.effectiveFrom = effectiveFrom
        self.quotaDivisor = quotaDivisor; self.quotaMinimum = quotaMinimum; self.countedModes = countedModes
        self.partTimeMaxLeaveHoursPerWeek = partTimeMaxLeaveHoursPerWeek
        self.durations = durations
        self.paidServiceMultiplier = paidServiceMultiplier; self.unpaidServiceMultiplier = unpaidServiceMultiplier
        self.serviceFloorMonths = serviceFloorMonths; self.partTimeServiceMultiplier = partTimeServiceMultiplier
        self.hoursLeaveShareDivisor = hoursLeaveShareDivisor; self.hoursCredit = hoursCredit
    }

    /// RULES.md §4, from the Act as amended 2013 and seed 000.
    public static let lawDurations: [DurationKind: DurationLimit] = [
        .selectedDomestic: DurationLimit(months: 24, extensionMonths: 12, totalMonths: nil, article: "Act 11"),
        .selectedAbroad: DurationLimit(months: 12, extensionMonths: 12, totalMonths: nil, article: "Act 10"),
        .selectedAbroadResearch: DurationLimit(months: 6, extensionMonths: 3, totalMonths: nil, article: "Act 10"),
        .selfFullTime: DurationLimit(months: 12, extensionMonths: 12, totalMonths: 24, article: "Act 12"),
    ]

    /// The Act as amended 2013 and its Enforcement Rules as amended 2014: the default policy.
    public static let act2013 = Policy(
        name: "公務人員訓練進修法 (2013) and 施行細則 (2014)",
        effectiveFrom: CivilDate(year: 2014, month: 1, day: 1)!)
}

/// What a course attended with some leave (within the limit) credits.
public enum HoursCredit: String, CaseIterable, Sendable {
    /// The course's hours less the leave hours.
    case attended
    /// The course's full hours.
    case full
}

/// The kinds of full-time study that RULES.md §4 limits differently.
public enum DurationKind: String, CaseIterable, Sendable {
    case selectedDomestic = "selected-domestic"
    case selectedAbroad = "selected-abroad"
    case selectedAbroadResearch = "selected-abroad-research"
    case selfFullTime = "self-full-time"

    /// Only full-time study has a duration limit; part-time and off-hours study have none.
    public static func of(mode: StudyMode, sponsor: Sponsorship, abroad: Bool, programme: Programme?) -> DurationKind? {
        guard mode == .fullTime else { return nil }
        switch sponsor {
        case .self: return .selfFullTime
        case .selected:
            guard abroad else { return .selectedDomestic }
            return programme == .research ? .selectedAbroadResearch : .selectedAbroad
        }
    }

    public var label: String {
        switch self {
        case .selectedDomestic: "selected full-time study at home"
        case .selectedAbroad: "selected full-time study abroad for a degree or credits"
        case .selectedAbroadResearch: "selected full-time research abroad"
        case .selfFullTime: "self-applied full-time study (unpaid leave)"
        }
    }
}

public struct DurationLimit: Equatable, Sendable {
    public var months: Int
    public var extensionMonths: Int
    /// The whole study with its extensions, when the law caps it (self-applied: 2 years).
    public var totalMonths: Int?
    public var article: String
    public init(months: Int, extensionMonths: Int, totalMonths: Int?, article: String) {
        self.months = months; self.extensionMonths = extensionMonths; self.totalMonths = totalMonths; self.article = article
    }
}

/// Policies in force over time. A decision uses the one in force on the event's day; days before
/// the first policy use the first (Decision: the ledger holds no earlier law).
public struct PolicySet: Equatable, Sendable {
    public let policies: [Policy]

    /// Sorted by the day each takes effect; of two from the same day, the later in `policies`
    /// holds (a policy adopted later replaces the earlier one from that day).
    public init(_ policies: [Policy]) {
        precondition(!policies.isEmpty)
        self.policies = policies.enumerated()
            .sorted { ($0.element.effectiveFrom, $0.offset) < ($1.element.effectiveFrom, $1.offset) }.map(\.element)
    }

    /// This set with the policies adopted in the ledger (PolicyAdopted, in position order).
    public func adopting(_ adopted: [Policy]) -> PolicySet {
        adopted.isEmpty ? self : PolicySet(policies + adopted)
    }

    public static let standard = PolicySet([.act2013])

    public func inForce(on day: CivilDate) -> Policy {
        policies.last(where: { $0.effectiveFrom <= day }) ?? policies[0]
    }

    /// Decision: a year's quota (cap and counted modes) follows the policy in force on 1 January
    /// of that year, for approvals and queries alike, so that a policy changed mid-year never
    /// turns places already approved into an overdraft.
    public func forQuota(year: Int) -> Policy {
        inForce(on: CivilDate(year: year, month: 1, day: 1)!)
    }
}

extension Policy {
    /// Act 15 and the Decision of RULES.md §1: full-time study owes service; part-time study only
    /// where the policy gives it a multiplier.
    public var modesOwingService: Set<StudyMode> {
        partTimeServiceMultiplier > 0 ? [.fullTime, .partTime] : [.fullTime]
    }
}

extension PolicySet {
    /// The modes whose study owes service under any policy of the set: the candidates of a report
    /// of obligations (each candidate's own fold then applies the policy in force).
    public var modesOwingService: Set<StudyMode> {
        policies.reduce(into: Set<StudyMode>()) { $0.formUnion($1.modesOwingService) }
    }
}
