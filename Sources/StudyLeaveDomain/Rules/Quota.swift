/// Who holds a quota place: the person and the application approved.
public struct QuotaHolder: Equatable, Sendable {
    public var person: String
    public var application: String
    public init(person: String, application: String) { self.person = person; self.application = application }
}

/// RULES.md §3 (Rules 10; seed 000): an agency approves at most a tenth of its budgeted headcount
/// for counted study in a calendar year, and at least one.
public enum QuotaRule {
    /// cap = max(minimum, floor(budgeted / divisor)).
    public static func cap(budgeted: Int, policy: Policy) -> Int {
        max(policy.quotaMinimum, budgeted / policy.quotaDivisor)
    }

    /// Decision: a study counts once, in the calendar year its approved period starts.
    public static func year(of s: EventData.Submission) -> Int { s.from.year }

    public static func isCounted(_ mode: StudyMode, policy: Policy) -> Bool { policy.countedModes.contains(mode) }

    /// The places held in an agency-year: approved counted studies not withdrawn, one place per
    /// person (Decision: two counted studies of one person starting the same year count once).
    public static func holders(in world: World, agency: String, year: Int, policy: Policy) -> [(person: String, application: String)] {
        world.applications.values
            .filter { app in
                guard let a = app.approval, a.agency == agency, a.year == year, app.withdrawal == nil else { return false }
                return isCounted(app.mode, policy: policy)
            }
            .sorted { $0.approval!.ref.position < $1.approval!.ref.position }
            .map { ($0.person, $0.id) }
    }

    public static func used(in world: World, agency: String, year: Int, policy: Policy) -> Int {
        Set(holders(in: world, agency: agency, year: year, policy: policy).map(\.person)).count
    }

    /// Counted applications starting that year, submitted in that agency and not yet decided.
    public static func pending(in world: World, agency: String, year: Int, policy: Policy) -> [Application] {
        world.applications.values
            .filter { $0.state == .submitted && $0.submission.agency == agency && year == self.year(of: $0.submission)
                && isCounted($0.mode, policy: policy) }
            .sorted { $0.submitted.position < $1.submitted.position }
    }

    /// Refuses an approval of `person` that would take a place beyond the cap (RULES.md §2.4).
    public static func checkApproval(person: String, agency: String, year: Int, world: World, policy: Policy) -> Refusal? {
        guard let hc = world.headcounts[QuotaKey(agency: agency, year: year)] else {
            return .noHeadcount(agency: agency, year: year)
        }
        let holders = holders(in: world, agency: agency, year: year, policy: policy)
        if holders.contains(where: { $0.person == person }) { return nil }  // already counted this year
        let used = Set(holders.map(\.person)).count
        let cap = cap(budgeted: hc.budgeted, policy: policy)
        if used >= cap {
            return .quotaFull(agency: agency, year: year, cap: cap, budgeted: hc.budgeted, used: used,
                              holders: holders.map { QuotaHolder(person: $0.person, application: $0.application) })
        }
        return nil
    }
}
