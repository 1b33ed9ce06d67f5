/// What a course is about (RULES.md §7's table). Every topic but `general` is work-related, and
/// `gender` also counts as `democratic` (the 2017 letter).
public enum Topic: String, CaseIterable, Sendable, Comparable {
    case work, policy, statutory, democratic, gender, environment, general

    public static func < (a: Topic, b: Topic) -> Bool { a.rawValue < b.rawValue }

    /// Decision (RULES.md §7): the minimums overlap; every topic but `general` is work-related.
    public var isWorkRelated: Bool { self != .general }

    /// The topics a course of this topic counts toward: itself, and `democratic` for `gender`.
    public var countsAs: Set<Topic> { self == .gender ? [.gender, .democratic] : [self] }

    public var zh: String {
        switch self {
        case .work: "業務相關"
        case .policy: "當前政府重大政策"
        case .statutory: "法定訓練"
        case .democratic: "民主治理價值"
        case .gender: "性別主流化"
        case .environment: "環境教育"
        case .general: "一般"
        }
    }
}

/// How a course is given: in a classroom, online (數位學習), or both.
public enum Delivery: String, CaseIterable, Sendable {
    case classroom, digital, blended
}

/// A person's gender for the fair spread of training (seed 002 §陸.一); optional on a person.
public enum Gender: String, CaseIterable, Sendable {
    case female, male
}

/// Who a person is as staff (RULES.md §7, who is due): civil servants and contract staff owe
/// learning hours; temporary staff are credited but never due (seed 002 §參.二).
public enum StaffCategory: String, CaseIterable, Sendable {
    case civilServant = "civil-servant"
    case contract
    case temporary

    /// Seed 000 §捌.2, seed 002 §參.一–二.
    public var owesLearningHours: Bool { self != .temporary }
}
