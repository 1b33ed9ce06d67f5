/// The decisions: a command, the events of its tags, and the policy give new events or a refusal
/// naming the rule. Pure: no clock (the day is given), no I/O. One extension per rule area:
/// MasterDataRules, ApprovalRules, LeaveRules, ServiceRules, RetractionRule.
public struct Decider: Sendable {
    /// The events read for the decision (every one recorded with the command's tags).
    public let events: [Event]
    /// Their fold over everything recorded so far, whatever its day (RULES.md §2.8).
    public let world: World
    public let policies: PolicySet
    /// The day the command's event happened (`--on`).
    public let on: CivilDate

    /// `policies` is the ledger's base set; the policies adopted among `events` (the `policy`
    /// tag every decision reads) are added to it.
    public init(events: [Event], policies: PolicySet, on: CivilDate) {
        self.events = events
        self.world = World(events: events)
        self.policies = policies.adopting(world.adoptedPolicies)
        self.on = on
    }

    /// The policy in force on the event's day.
    public var policy: Policy { policies.inForce(on: on) }

    public func decide(_ command: Command) throws(Refusal) -> [NewEvent] {
        try CommandValues.check(command)
        switch command {
        case let .addAgency(id, name, parent): return try addAgency(id, name: name, parent: parent)
        case let .setHeadcount(a, year, budgeted): return try setHeadcount(a, year: year, budgeted: budgeted)
        case let .addPerson(id, name, agency, head, profile): return try addPerson(id, name: name, agency: agency, head: head, profile: profile)
        case let .transfer(p, to, carry): return try transfer(p, to: to, carry: carry)
        case let .separate(p, reason): return try separate(p, reason: reason)
        case let .appointHead(a, p, acting, until): return try appointHead(a, person: p, acting: acting, until: until)
        case let .apply(a): return try apply(a)
        case let .review(x, workRelated): return try review(x, workRelated: workRelated)
        case let .screen(x, passed): return try screen(x, passed: passed)
        case let .approve(x, by): return try approve(x, by: by)
        case let .reject(x, by, reason): return try reject(x, by: by, reason: reason)
        case let .withdraw(x): return try withdraw(x)
        case let .startLeave(x): return try startLeave(x)
        case let .extendLeave(x, until, by): return try extendLeave(x, until: until, by: by)
        case let .endLeave(x): return try endLeave(x)
        case let .returnToDuty(x): return try returnToDuty(x)
        case let .pay(x, salary, subsidy, again): return try pay(x, salary: salary, subsidy: subsidy, again: again)
        case let .pauseService(p, reason): return try pauseService(p, reason: reason)
        case let .resumeService(p): return try resumeService(p)
        case let .waive(x, reason): return try waive(x, reason: reason)
        case let .retract(target, reason): return try retract(target, reason: reason)
        case let .adoptPolicies(list): return adoptPolicies(list)
        case let .addCourse(c): return try addCourse(c)
        case let .attend(c, attendees): return try attend(c, attendees)
        case let .requireHours(a, year, minimums): return try requireHours(a, year: year, minimums: minimums)
        case let .grantAccess(a, label, hash): return try grantAccess(a, label: label, tokenHash: hash)
        case let .revokeAccess(g): return try revokeAccess(g)
        }
    }

    // MARK: Shared checks

    func agency(_ a: String) throws(Refusal) -> Agency {
        guard let agency = world.agencies[a] else { throw .unknownAgency(a) }
        return agency
    }

    func person(_ p: String) throws(Refusal) -> Person {
        guard let person = world.people[p] else { throw .unknownPerson(p) }
        return person
    }

    /// RULES.md §6: after a separation only what settles the past may be recorded.
    func serving(_ p: String) throws(Refusal) -> Person {
        let person = try person(p)
        if let sep = person.separation {
            if on >= sep.ref.on { throw .personSeparated(person: p, on: sep.ref.on) }
        }
        return person
    }

    func application(_ x: String) throws(Refusal) -> Application {
        guard let app = world.applications[x] else { throw .unknownApplication(x) }
        return app
    }

    /// An event cannot be dated before the event it answers.
    func notBefore(_ ground: Ref, _ what: String, ground groundName: String) throws(Refusal) {
        if on < ground.on { throw .datedBefore(what: what, on: on, ground: groundName, groundOn: ground.on) }
    }

    /// The quota tags of an application: the agency it was submitted in and, once approved, the
    /// agency whose place it takes (RULES.md §3).
    func quotaTags(_ s: EventData.Submission, approvedIn: String? = nil) -> [String] {
        let year = QuotaRule.year(of: s)
        guard QuotaRule.isCounted(s.mode, policy: policies.forQuota(year: year)) else { return [] }
        var tags = [Tag.quota(s.agency, year)]
        if let a = approvedIn, a != s.agency { tags.append(Tag.quota(a, year)) }
        return tags
    }

    func applicationEvent(_ app: Application, _ data: EventData, extraTags: [String] = []) -> [NewEvent] {
        [NewEvent(on: on, tags: [Tag.application(app.id), Tag.person(app.person)] + extraTags, data: data)]
    }
}
