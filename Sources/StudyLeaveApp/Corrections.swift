import StudyLeaveDomain
import StudyLeaveLedger

/// Issue 16, corrections you can see: what a retraction takes back and what it changes, shown
/// before it is recorded (`retract --dry-run`) and when it is.
public struct RetractionPreview: Equatable, Sendable {
    /// The event it takes back.
    public var target: Event
    /// Who the event is about, with their name, when it is about a person.
    public var person: String?
    public var personName: String?
    /// The application it is about, if any.
    public var application: String?
    /// The figures that change, before → after, as of the day asked.
    public var changes: [FigureChange]
    /// The retraction the rules allow (not yet recorded).
    public var retraction: NewEvent
}

/// One figure a correction changes.
public struct FigureChange: Equatable, Sendable {
    /// What it is, as the queries name it (`obligation TY-A1 requiredDays`, `quota TY-HR 2025 used`).
    public var subject: String
    public var figure: String
    public var before: String
    public var after: String
}

extension Recorder {
    /// The retraction of the event at `position` as the rules would record it, and every figure it
    /// changes as of `asOf`: the person's state, each obligation's days and repayment, and the
    /// quotas of the tags it carries. Records nothing; refused as `retract` would be.
    public func previewRetraction(position: Int64, reason: String, on: CivilDate, asOf: CivilDate) async throws(AppError) -> RetractionPreview {
        let store = ledger.store
        let target = try await inAppTerms { () throws(LedgerError) in try await store.event(at: position) }
        guard let target else { throw .refused(.unknownPosition(position)) }
        let command = Command.retract(target: target, reason: reason)
        let (events, _, head) = try await readSlice(for: command)
        let decided: [NewEvent]
        do { decided = try Decider(events: events, policies: ledger.policies, on: on).decide(command) } catch {
            throw .refused(await Suggestions(store: store).refine(error))
        }
        // Everything the figures rest on: the target's own records and its person's.
        var tags = Set(target.tags).union([Tag.policy])
        if let p = target.data.person { tags.insert(Tag.person(p)) }
        let before = try await inAppTerms { () throws(LedgerError) in try await store.events(taggedAny: tags, through: head) }
        let retractions = decided.enumerated().map { i, e in
            Event(position: head + 1 + Int64(i), on: e.on, recordedAt: "", actor: actor, tags: e.tags, data: e.data)
        }
        let after = before + retractions
        let view = TimeView(asOf: asOf, knownAt: head + Int64(retractions.count))
        // A retracted policy changes the figures too: each side under its own policies.
        let a = World(events: before, view: view), b = World(events: after, view: view)
        let changes = Self.figures(a, against: b, person: target.data.person, quotaTags: target.tags, asOf: asOf,
                                   policies: (ledger.policies.adopting(a.adoptedPolicies), ledger.policies.adopting(b.adoptedPolicies)))
        let name = World(events: before).people[target.data.person ?? ""]?.name
        return RetractionPreview(target: target, person: target.data.person, personName: name, application: target.data.application,
                                 changes: changes, retraction: decided[0])
    }

    /// The figures that differ between two folds.
    static func figures(_ a: World, against b: World, person: String?, quotaTags: [String], asOf: CivilDate,
                        policies: (before: PolicySet, after: PolicySet)) -> [FigureChange] {
        var out: [FigureChange] = []
        func compare(_ subject: String, _ figure: String, _ x: String, _ y: String) {
            if x != y { out.append(FigureChange(subject: subject, figure: figure, before: x, after: y)) }
        }
        if let p = person {
            compare("status \(p)", "state", Queries.state(of: p, in: a)?.rawValue ?? "-", Queries.state(of: p, in: b)?.rawValue ?? "-")
            var apps = Set(a.applications(of: p).map(\.id))
            apps.formUnion(b.applications(of: p).map(\.id))
            for x in apps.sorted() {
                compare("application \(x)", "state", a.applications[x]?.state.rawValue ?? "-", b.applications[x]?.state.rawValue ?? "-")
                let o1 = a.applications[x].flatMap { ObligationRule.compute($0, in: a, asOf: asOf, policies: policies.before) }
                let o2 = b.applications[x].flatMap { ObligationRule.compute($0, in: b, asOf: asOf, policies: policies.after) }
                let subject = "obligation \(x)"
                compare(subject, "state", o1?.state.rawValue ?? "-", o2?.state.rawValue ?? "-")
                compare(subject, "requiredDays", o1.map { String($0.requiredDays) } ?? "-", o2.map { String($0.requiredDays) } ?? "-")
                compare(subject, "remainingDays", o1.map { String($0.remainingDays) } ?? "-", o2.map { String($0.remainingDays) } ?? "-")
                compare(subject, "endsOn", o1?.endsOn?.iso ?? "-", o2?.endsOn?.iso ?? "-")
                compare(subject, "repaymentDue", o1.map { String($0.repaymentDue.amount) } ?? "-", o2.map { String($0.repaymentDue.amount) } ?? "-")
            }
        }
        for tag in quotaTags where tag.hasPrefix("quota:") {
            let parts = tag.split(separator: ":")
            guard parts.count == 3, let year = Int(parts[2]) else { continue }
            let agency = String(parts[1])
            let u1 = Set(QuotaRule.holders(in: a, agency: agency, year: year, policy: policies.before.forQuota(year: year)).map(\.person)).count
            let u2 = Set(QuotaRule.holders(in: b, agency: agency, year: year, policy: policies.after.forQuota(year: year)).map(\.person)).count
            compare("quota \(agency) \(year)", "used", String(u1), String(u2))
        }
        return out
    }
}

extension Queries {
    /// A person's state in a fold (on duty, on study leave, separated), nil when unknown.
    static func state(of p: String, in world: World) -> StatusReport.State? {
        guard let person = world.people[p] else { return nil }
        if person.separation != nil { return .separated }
        // Decision: part-time study keeps the person on duty; only full-time leave is study leave.
        if world.applications(of: p).contains(where: { $0.state == .onLeave && $0.mode.isStudyLeave }) { return .onStudyLeave }
        return .onDuty
    }
}
