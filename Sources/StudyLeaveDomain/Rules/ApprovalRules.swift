/// RULES.md §2 (seed 000 §陸, Acts 9–12, Rules 10–11): from application to approval.
extension Decider {
    /// Limits the application itself breaks are refused here (RULES.md §4), and checked again at
    /// approval and extension.
    func apply(_ a: Command.Application) throws(Refusal) -> [NewEvent] {
        if world.applications[a.id] != nil { throw .applicationExists(a.id) }
        let person = try serving(a.person)
        try notBefore(person.added, "an application", ground: Self.joined(a.person))
        if a.from < person.added.on {
            throw .datedBefore(what: "a study", on: a.from, ground: Self.joined(a.person), groundOn: person.added.on)
        }
        if a.mode == .partTime && a.hoursPerWeek == nil {
            throw .missingDetail("part-time study needs --hours-per-week (official leave hours a week)")
        }
        if a.mode != .partTime && a.hoursPerWeek != nil {
            throw .missingDetail("--hours-per-week applies to part-time study only")
        }
        if a.mode == .fullTime && a.abroad && a.programme == nil {
            throw .missingDetail("study abroad needs --programme degree, credits or research")
        }
        let s = EventData.Submission(application: a.id, person: a.person, agency: person.agency, mode: a.mode,
                                     sponsor: a.sponsor, from: a.from, to: a.to, abroad: a.abroad,
                                     programme: a.programme, hoursPerWeek: a.hoursPerWeek)
        try checkLimits(s, policy: policy)
        return [NewEvent(on: on, tags: [Tag.application(a.id), Tag.person(a.person)] + quotaTags(s), data: .applicationSubmitted(s))]
    }

    func checkLimits(_ s: EventData.Submission, policy: Policy) throws(Refusal) {
        if let r = DurationRule.check(s, policy: policy) { throw r }
        if let r = DurationRule.checkHours(s, policy: policy) { throw r }
    }

    /// Seed 000 §陸: the serving agency finds whether the study is work-related (認定與業務有關).
    func review(_ x: String, workRelated: Bool) throws(Refusal) -> [NewEvent] {
        let app = try openApplication(x, action: "reviewed")
        if let r = app.review { throw .alreadyDecided(application: x, what: "a work-related finding", position: r.ref.position) }
        try notBefore(app.submitted, "a review", ground: "the application")
        return applicationEvent(app, .applicationReviewed(application: x, person: app.person, workRelated: workRelated))
    }

    /// Act 9: selected study needs the screening committee's (甄審委員會) pass.
    func screen(_ x: String, passed: Bool) throws(Refusal) -> [NewEvent] {
        let app = try openApplication(x, action: "screened")
        guard app.sponsor == .selected else { throw .screeningOnlyForSelected(application: x) }
        if let s = app.screening { throw .alreadyDecided(application: x, what: "a screening result", position: s.ref.position) }
        try notBefore(app.submitted, "a screening", ground: "the application")
        return applicationEvent(app, .applicationScreened(application: x, person: app.person, passed: passed))
    }

    /// RULES.md §2: finding, screening, the competent head, the timing, the limits and the quota.
    func approve(_ x: String, by: String) throws(Refusal) -> [NewEvent] {
        let app = try openApplication(x, action: "approved")
        let applicant = try serving(app.person)
        try notBefore(app.submitted, "an approval", ground: "the application")
        // §2.1: the work-related finding; §2.2 (Act 9): screening for selected study.
        guard let review = app.review else { throw .workRelatedFindingMissing(application: x) }
        guard review.workRelated else { throw .notWorkRelated(application: x) }
        try notBefore(review.ref, "an approval", ground: "the work-related finding")
        if app.sponsor == .selected {
            guard let screening = app.screening else { throw .screeningMissing(application: x) }
            guard screening.passed else { throw .screeningFailed(application: x) }
            try notBefore(screening.ref, "an approval", ground: "the screening")
        }
        // §2.0 and §2.3: the head of the applicant's agency, or the parent's head for a head.
        try checkCompetentHead(by, applicant: applicant)
        // §2.7: approval before the approved period starts.
        if on >= app.submission.from { throw .approvalAfterStart(application: x, from: app.submission.from, on: on) }
        // §4 and Rules 11, under the policy in force on the approval's day.
        try checkLimits(app.submission, policy: policy)
        // §2.4 and §3: the quota of the agency the applicant serves in now, in the year the study starts.
        let year = QuotaRule.year(of: app.submission)
        let quotaPolicy = policies.forQuota(year: year)
        if QuotaRule.isCounted(app.mode, policy: quotaPolicy),
           let refusal = QuotaRule.checkApproval(person: app.person, agency: applicant.agency, year: year, world: world, policy: quotaPolicy) {
            throw refusal
        }
        return applicationEvent(app, .applicationApproved(application: x, person: app.person, by: by, agency: applicant.agency, year: year),
                                extraTags: quotaTags(app.submission, approvedIn: applicant.agency))
    }

    func reject(_ x: String, by: String, reason: String) throws(Refusal) -> [NewEvent] {
        let app = try openApplication(x, action: "rejected")
        let applicant = try serving(app.person)
        try notBefore(app.submitted, "a rejection", ground: "the application")
        try checkCompetentHead(by, applicant: applicant)
        return applicationEvent(app, .applicationRejected(application: x, person: app.person, by: by, reason: reason),
                                extraTags: quotaTags(app.submission))
    }

    /// §2.6: withdrawal before the leave starts frees the quota place; after, end the leave early.
    func withdraw(_ x: String) throws(Refusal) -> [NewEvent] {
        let app = try application(x)
        _ = try serving(app.person)
        switch app.state {
        case .submitted, .approved: break
        case .onLeave, .ended, .returned: throw .withdrawAfterLeaveStart(application: x)
        case .rejected, .withdrawn: throw .wrongState(application: x, state: app.state, action: "withdrawn", next: next(app, "withdrawn"))
        }
        try notBefore(app.approval?.ref ?? app.submitted, "a withdrawal", ground: app.approval == nil ? "the application" : "the approval")
        return applicationEvent(app, .applicationWithdrawn(application: x, person: app.person),
                                extraTags: quotaTags(app.submission, approvedIn: app.approval?.agency))
    }

    /// RULES.md §2.0 and §2.3: who decides an application (and its extensions).
    func checkCompetentHead(_ by: String, applicant: Person) throws(Refusal) {
        if by == applicant.id { throw .decidesOwnApplication(person: by) }
        _ = try person(by)
        var deciding = applicant.agency
        // Issue 16: the head on the decision's day (an acting head meanwhile), not today's.
        if world.head(of: applicant.agency, on: on) == applicant.id {
            guard let parent = world.agencies[applicant.agency]?.parent else {
                throw .headWithoutParent(person: applicant.id, agency: applicant.agency)
            }
            deciding = parent
        }
        let head = world.head(of: deciding, on: on)
        if head != by { throw .notTheCompetentHead(by: by, agency: deciding, head: head) }
        if let sep = world.people[by]?.separation, on >= sep.ref.on {
            throw .notTheCompetentHead(by: by, agency: deciding, head: nil)
        }
    }

    /// An application still awaiting a decision.
    func openApplication(_ x: String, action: String) throws(Refusal) -> Application {
        let app = try application(x)
        _ = try serving(app.person)
        guard app.state == .submitted else { throw .wrongState(application: x, state: app.state, action: action, next: next(app, action)) }
        return app
    }
}

/// A step an undecided application still needs before it can be approved (RULES.md §2): the
/// agency's finding that it is work-related (`review`), the screening committee's pass for selected
/// study (`screen`, Act 9), the head's decision (`approve` or `reject`).
public enum DecisionStep: String, CaseIterable, Sendable {
    case finding, screening, decision

    /// The command that records it.
    public var command: String {
        switch self {
        case .finding: "review"
        case .screening: "screen"
        case .decision: "approve/reject"
        }
    }
}

extension Application {
    /// What it still needs, in order (the decision always comes last).
    public var stepsNeeded: [DecisionStep] {
        var steps: [DecisionStep] = []
        if review?.workRelated != true { steps.append(.finding) }
        if sponsor == .selected && screening?.passed != true { steps.append(.screening) }
        steps.append(.decision)
        return steps
    }
}
