/// A year's learning-hours requirement (RULES.md §7): minimums that overlap ("of which", never
/// disjoint buckets), the total among them when there is one.
public struct HoursRequirement: Equatable, Sendable {
    /// The agency that issued it; nil for the national one (行政院).
    public var issuer: String?
    public var name: String
    /// In display order: total, digital, work-related, then by topic in the order of RULES.md §7.
    public var minimums: [HoursMinimum]
    /// The document it comes from, for `--explain`.
    public var source: String
    /// Where it was recorded (nil for a built-in national row).
    public var ref: Ref?

    public init(issuer: String?, name: String, minimums: [HoursMinimum], source: String, ref: Ref? = nil) {
        self.issuer = issuer; self.name = name; self.source = source; self.ref = ref
        self.minimums = minimums.sorted { ($0.scope.order, $0.scope.name) < ($1.scope.order, $1.scope.name) }
    }
}

/// One minimum of a requirement: so many hours over a scope.
public struct HoursMinimum: Equatable, Sendable {
    public var scope: Scope
    public var hours: Hours

    public init(_ scope: Scope, _ hours: Hours) { self.scope = scope; self.hours = hours }

    /// What the minimum counts (CLI.md: a topic, `digital`, `work-related`, or topics joined by `+`).
    public enum Scope: Hashable, Sendable {
        case total
        case digital
        case workRelated
        case topics([Topic])

        /// Reads `total`, `digital`, `work-related`, `environment` or `policy+statutory+democratic`.
        public init?(name: String) {
            switch name {
            case "total": self = .total
            case "digital": self = .digital
            case "work-related": self = .workRelated
            default:
                var topics: [Topic] = []
                for part in name.split(separator: "+", omittingEmptySubsequences: false) {
                    guard let t = Topic(rawValue: String(part)), !topics.contains(t) else { return nil }
                    topics.append(t)
                }
                guard !topics.isEmpty else { return nil }
                // One spelling per set: the order of RULES.md §7's table.
                self = .topics(Topic.allCases.filter(topics.contains))
            }
        }

        /// The name as CLI.md spells it, and as JSON and the payload carry it.
        public var name: String {
            switch self {
            case .total: "total"
            case .digital: "digital"
            case .workRelated: "work-related"
            case .topics(let t): t.map(\.rawValue).joined(separator: "+")
            }
        }

        public var zh: String {
            switch self {
            case .total: "總時數"
            case .digital: "數位學習"
            case .workRelated: "與業務相關"
            case .topics(let t): t.map(\.zh).joined(separator: "＋")
            }
        }

        var order: Int {
            switch self {
            case .total: 0
            case .digital: 1
            case .workRelated: 2
            case .topics(let t): 3 + (t.first.flatMap { Topic.allCases.firstIndex(of: $0) } ?? 0)
            }
        }

        /// The forms a minimum's name may take, for messages and help texts.
        public static let forms = "total, digital, work-related, a topic (\(Topic.allCases.map(\.rawValue).joined(separator: ", "))) or topics joined by + (policy+statutory+democratic)"
    }
}

/// The national requirements (RULES.md §7's table), built in as dated policy data: the row in
/// force on 1 January of a year applies to every agency whose own chain records none.
public enum NationalRequirements {
    static func h(_ whole: Int) -> Hours { Hours(tenths: whole * 10) }

    /// From which year each row holds.
    public static let rows: [(from: Int, requirement: HoursRequirement)] = [
        (2011, HoursRequirement(issuer: nil, name: "終身學習 40 小時 (2011)",
                                minimums: [.init(.total, h(40)), .init(.digital, h(5)), .init(.workRelated, h(20)), .init(.topics([.environment]), h(3))],
                                source: "公務人員終身學習實施要點 as then applied; Environmental Education Act §19 (3 hours in 2011)")),
        (2012, HoursRequirement(issuer: nil, name: "終身學習 40 小時 (2012)",
                                minimums: [.init(.total, h(40)), .init(.digital, h(5)), .init(.workRelated, h(20)), .init(.topics([.environment]), h(4))],
                                source: "公務人員終身學習實施要點 as then applied; Environmental Education Act §19")),
        (2017, HoursRequirement(issuer: nil, name: "與業務相關 20 小時 (2017)",
                                minimums: [.init(.workRelated, h(20)), .init(.topics([.policy]), h(1)), .init(.topics([.environment]), h(4)),
                                           .init(.topics([.democratic]), h(5)), .init(.topics([.gender]), h(1))],
                                source: "行政院 2016 letter, in force 2017 (gender mainstreaming 1 hour of the 5 of democratic governance)")),
        (2023, HoursRequirement(issuer: nil, name: "與業務相關 20 小時 (2023)",
                                minimums: [.init(.workRelated, h(20)), .init(.topics([.policy, .statutory, .democratic]), h(10)),
                                           .init(.topics([.environment]), h(4))],
                                source: "院授人培字第1113029319號 (seed 002 §壹.三)")),
    ]

    /// The national requirement in force on 1 January of `year`; nil before 2011.
    public static func inForce(year: Int) -> HoursRequirement? {
        rows.last { $0.from <= year }?.requirement
    }
}
