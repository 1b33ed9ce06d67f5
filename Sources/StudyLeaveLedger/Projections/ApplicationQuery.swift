import StudyLeaveDomain

/// The questions a country-wide report asks of the application rows, as values: each store turns
/// them into its own query, and the rule in them (which modes are study leave, which owe service)
/// comes from the domain, never restated in SQL.
public enum ApplicationQuery: Equatable, Sendable {
    /// Leave in one of `modes` started by `day` and not ended before it, not withdrawn: who may be
    /// on study leave that day (`StudyMode.studyLeaveModes`).
    case onLeave(day: CivilDate, modes: Set<StudyMode>)
    /// Leave in one of `modes` started by `day`, not withdrawn: who may owe service that day
    /// (`PolicySet.modesOwingService`).
    case leaveStarted(by: CivilDate, modes: Set<StudyMode>)
    /// Approved for the year's quota, or undecided and starting in the year: what a year's quota
    /// counts or lists as pending (RULES.md §3).
    case countedOrPending(year: Int)
    /// Not approved, rejected or withdrawn by `day` (a decision dated later had not happened
    /// yet): what awaits a decision as of that day (`report pending`, `report due` with --as-of).
    case undecidedOn(day: CivilDate)
    /// One application's row.
    case application(String)
    /// Leave of one of these people in one of `modes`, started by `startedBy` and not ended
    /// before `notEndedBefore` (withdrawn or not): whose full-time leave could exempt them from a
    /// year's hours (`HoursRule.exemptingLeave`).
    case leaveSpanning(people: Set<String>, modes: Set<StudyMode>, startedBy: CivilDate, notEndedBefore: CivilDate)
    /// Every row (tests and tools; a full scan).
    case all

    /// Whether a row answers the question: the meaning every store's query must have (the tests
    /// hold each store's answer to this).
    public func matches(_ row: ApplicationRow) -> Bool {
        switch self {
        case let .onLeave(day, modes):
            guard modes.contains(row.mode), row.withdrawnOn == nil, let start = row.leaveStart, start <= day else { return false }
            return row.leaveEnd.map { $0 >= day } ?? true
        case let .leaveStarted(day, modes):
            guard modes.contains(row.mode), row.withdrawnOn == nil, let start = row.leaveStart else { return false }
            return start <= day
        case let .countedOrPending(year):
            if row.approvedYear == year { return true }
            return row.from.year == year && row.approvedOn == nil && row.rejectedOn == nil && row.withdrawnOn == nil
        case let .undecidedOn(day):
            return [row.approvedOn, row.rejectedOn, row.withdrawnOn].allSatisfy { $0.map { $0 > day } ?? true }
        case let .application(x):
            return row.application == x
        case let .leaveSpanning(p, modes, startedBy, notEndedBefore):
            guard p.contains(row.person), modes.contains(row.mode), let start = row.leaveStart, start <= startedBy else { return false }
            return row.leaveEnd.map { $0 >= notEndedBefore } ?? true
        case .all:
            return true
        }
    }
}
