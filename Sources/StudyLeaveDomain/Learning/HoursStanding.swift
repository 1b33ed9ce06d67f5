/// Where a person stands against a year's learning-hours requirement (`hours PERSON --year Y`).
public struct HoursStanding: Equatable, Sendable {
    public enum State: String, Sendable { case met, short, exempt }

    /// Why a person owes no hours for the year.
    public enum Exemption: String, Sendable {
        /// On full-time study leave the whole year (RULES.md §7, Decision).
        case studyLeave = "study-leave"
        /// Temporary staff (臨時人員) are credited but never due (seed 002 §參.二).
        case temporary
        /// Not in service on any day of the year.
        case notInService = "not-in-service"
    }

    public var person: String
    public var name: String
    public var year: Int
    /// The agency whose requirement applies: where the person served on their last day of
    /// service in the year.
    public var agency: String?
    public var state: State
    public var exemption: Exemption?
    /// Nil before the first national requirement (2011) where no agency of the chain set one.
    public var requirement: HoursRequirement?
    public var credited: Hours
    public var digital: Hours
    public var minimums: [MinimumStanding]
    public var courses: [CourseCredit]
    public var explanation: [Explanation]

    /// The names of the minimums not met.
    public var shortOf: [String] { minimums.filter { $0.short > .zero }.map(\.scope.name) }
}

/// One minimum: required, credited toward it, and how many hours are missing.
public struct MinimumStanding: Equatable, Sendable {
    public var scope: HoursMinimum.Scope
    public var required: Hours
    public var credited: Hours
    public var short: Hours { required > credited ? required - credited : .zero }
}

/// What one attended course credits (seed 002 §伍.三).
public struct CourseCredit: Equatable, Sendable {
    /// Why a course credits less than its hours.
    public enum Reason: Equatable, Sendable {
        /// Absent without leave (未請假缺課): nothing.
        case absent
        /// Leave over a third of the course's hours: nothing.
        case leaveOverLimit(leave: Hours, of: Hours, divisor: Int)
        /// The hours attended: the course's hours less the leave.
        case leave(Hours)

        /// The word JSON carries.
        public var code: String {
            switch self {
            case .absent: "absent"
            case .leaveOverLimit: "leave-over-limit"
            case .leave: "leave"
            }
        }

        public var text: String {
            switch self {
            case .absent: "absent without leave: no hours (seed 002 §伍.三)"
            case let .leaveOverLimit(leave, hours, d): "\(leave) hours of leave is over 1/\(d) of \(hours): no hours (seed 002 §伍.三)"
            case let .leave(leave): "\(leave) hours of leave: the hours attended count (Docs/RULES.md §12)"
            }
        }

        public var zh: String {
            switch self {
            case .absent: "未請假缺課，不予核計時數（seed 002 §伍.三）"
            case let .leaveOverLimit(leave, hours, d): "請假 \(leave) 小時，超過 \(hours) 小時的 1/\(d)，不予核計時數（seed 002 §伍.三）"
            case let .leave(leave): "請假 \(leave) 小時，以實際參訓時數核計（Docs/RULES.md §12）"
            }
        }
    }

    public var course: String
    public var name: String
    public var hours: Hours
    public var credited: Hours
    public var digital: Hours
    public var topics: [Topic]
    public var reason: Reason?
    /// The attendance's position.
    public var position: Int64
}
