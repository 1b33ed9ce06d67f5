/// Which slice of time a fold sees. Both are filters on the fold, so every view is bitemporal:
/// `knownAt` cuts the ledger at a position (transaction time), `asOf` keeps the events that had
/// happened by that day (valid time).
public struct TimeView: Equatable, Sendable {
    public var asOf: CivilDate?
    public var knownAt: Int64?
    public init(asOf: CivilDate? = nil, knownAt: Int64? = nil) { self.asOf = asOf; self.knownAt = knownAt }
    /// Everything recorded so far, whatever its day: what decisions use (RULES.md §2.8).
    public static let everything = TimeView()
}

/// The state folded from a set of events: the whole ledger, or only the events of a few tags
/// (a decision's or a query's slice). The fold is tolerant of a slice: an event about something
/// the slice does not hold is kept where it can be and otherwise passed over.
public struct World: Sendable {
    public var agencies: [String: Agency] = [:]
    public var headcounts: [QuotaKey: Headcount] = [:]
    public var people: [String: Person] = [:]
    public var applications: [String: Application] = [:]
    /// Agency → its head now (機關首長), with everything recorded: who heads it after the last
    /// appointment, unless that head left.
    public var heads: [String: String] = [:]
    /// Agency → every headship recorded, in position order: who headed it from when (and until
    /// when, for an acting head), for the head on a given day (`head(of:on:)`).
    public var headships: [String: [Headship]] = [:]
    /// Courses by id (RULES.md §7).
    public var courses: [String: Course] = [:]
    /// Person → their attendances, in position order.
    public var attendances: [String: [Attendance]] = [:]
    /// Person → the ids of their applications, in the order submitted: `applications(of:)` in a
    /// fold of many people (an agency's members) without a pass over every application.
    var applicationIDs: [String: [String]] = [:]
    /// The policies adopted (PolicyAdopted), in position order.
    public var adoptedPolicies: [Policy] = []
    /// Read tokens of the web view by grant id, revoked ones included.
    public var grants: [String: AccessGrant] = [:]
    /// An issuing agency's requirement for a year: the last one recorded holds.
    public var hoursRequirements: [QuotaKey: HoursRequirement] = [:]
    /// Live (unretracted, visible) events by position, for retraction and explanation; empty in
    /// a fold made with `keepingEvents: false`.
    public var live: [Int64: Event] = [:]
    /// Whether `apply` keeps each event in `live`.
    public var keepsEvents = true
    /// Retracted position → the retraction's position.
    public var retracted: [Int64: Int64] = [:]
    /// The last position this world has seen.
    public var lastPosition: Int64 = 0
    /// Applications that events in this slice speak of but whose submission the slice lacks (an
    /// approval read through a quota tag): a decision reads their own events too.
    public var unresolvedApplications: Set<String> = []

    public init() {}

    public init<S: Sequence>(events: S, view: TimeView = .everything) where S.Element == Event {
        self.init(events: Array(events), view: view)
    }

    /// The fold of an array: read where it lies (an agency's query folds tens of thousands of
    /// events, and copies of them cost more than the fold), `live` sized once, or not kept at
    /// all (`keepingEvents: false`) where nothing reads it: a store of every event is most of
    /// the work of a fold.
    public init(events: [Event], view: TimeView = .everything, keepingEvents: Bool = true) {
        self.init()
        keepsEvents = keepingEvents
        let known = view.knownAt ?? .max
        for e in events where e.position <= known {
            if case .eventRetracted(let target, _, _) = e.data { retracted[target] = e.position }
        }
        if keepingEvents { live.reserveCapacity(events.count) }
        for e in events where e.position <= known {
            lastPosition = max(lastPosition, e.position)
            if !retracted.isEmpty, retracted[e.position] != nil { continue }
            if case .eventRetracted = e.data { continue }
            if let asOf = view.asOf, !e.data.isTimeless, e.on > asOf { continue }
            // A leave end names the last day of leave: the person is on leave through that day.
            if let asOf = view.asOf, case .leaveEnded = e.data, e.on >= asOf { continue }
            apply(e)
        }
    }

    public mutating func apply(_ e: Event) {
        if keepsEvents { live[e.position] = e }
        if let x = e.data.application, applications[x] == nil {
            if case .applicationSubmitted = e.data {} else { unresolvedApplications.insert(x) }
        }
        let ref = Ref(position: e.position, on: e.on)
        switch e.data {
        case let .agencyAdded(a, name, parent):
            agencies[a] = Agency(id: a, name: name, parent: parent, added: ref)
        case let .headcountSet(a, year, budgeted):
            headcounts[QuotaKey(agency: a, year: year)] = Headcount(budgeted: budgeted, ref: ref)
        case let .personAdded(p, name, agency, head, profile):
            people[p] = Person(id: p, name: name, agency: agency, added: ref, profile: profile)
            if head { appoint(agency, Headship(person: p, acting: false, from: ref, until: nil)) }
        case let .personTransferred(p, from, to, carry, wasHead):
            people[p]?.agency = to
            people[p]?.transfers.append(Transfer(from: from, to: to, carryObligation: carry, ref: ref))
            if wasHead { endHeadship(of: p, in: from, on: ref.on) }
        case let .personSeparated(p, agency, reason, wasHead):
            people[p]?.separation = Separation(agency: agency, reason: reason, ref: ref)
            if wasHead { endHeadship(of: p, in: agency, on: ref.on) }
        case let .headAppointed(a, p, acting, until):
            appoint(a, Headship(person: p, acting: acting, from: ref, until: until))
        case let .applicationSubmitted(s):
            if applications[s.application] == nil { applicationIDs[s.person, default: []].append(s.application) }
            applications[s.application] = Application(submission: s, submitted: ref)
            unresolvedApplications.remove(s.application)
        case let .applicationReviewed(x, _, workRelated):
            applications[x]?.review = (workRelated, ref)
        case let .applicationScreened(x, _, passed):
            applications[x]?.screening = (passed, ref)
        case let .applicationApproved(x, _, by, agency, year):
            applications[x]?.approval = Approval(by: by, agency: agency, year: year, ref: ref)
        case let .applicationRejected(x, _, by, reason):
            applications[x]?.rejection = (by, reason, ref)
        case let .applicationWithdrawn(x, _):
            applications[x]?.withdrawal = ref
        case let .leaveStarted(x, _):
            applications[x]?.leaveStart = ref
        case let .leaveExtended(x, _, until, by):
            applications[x]?.extensions.append(Extension(until: until, by: by, ref: ref))
        case let .leaveEnded(x, _):
            applications[x]?.leaveEnd = ref
        case let .returnedToDuty(x, _):
            applications[x]?.returned = ref
        case let .paymentRecorded(x, _, salary, subsidy):
            applications[x]?.payments.append(Payment(salary: salary, subsidy: subsidy, ref: ref))
        case let .servicePaused(p, reason):
            people[p]?.pauses.append(Pause(started: ref, reason: reason, resumed: nil))
        case let .serviceResumed(p):
            if let i = people[p]?.pauses.lastIndex(where: { $0.resumed == nil }) { people[p]?.pauses[i].resumed = ref }
        case let .liabilityWaived(x, _, reason):
            applications[x]?.waiver = (reason, ref)
        case let .courseAdded(c):
            courses[c.course] = Course(id: c.course, name: c.name, hours: c.hours, from: c.from, to: c.to, topics: c.topics,
                                       delivery: c.delivery, digitalHours: c.digitalHours, organiser: c.organiser, added: ref)
        case let .attendanceRecorded(c, p, leave, absent):
            attendances[p, default: []].append(Attendance(course: c, person: p, leaveHours: leave, absent: absent, ref: ref))
        case let .hoursRequired(a, year, minimums):
            hoursRequirements[QuotaKey(agency: a, year: year)] = HoursRequirement(
                issuer: a, name: "\(agencies[a]?.name ?? a) \(year)", minimums: minimums, source: "recorded at #\(e.position)", ref: ref)
        case let .policyAdopted(p):
            adoptedPolicies.append(p)
        case let .accessGranted(g, a, label, hash):
            grants[g] = AccessGrant(id: g, agency: a, label: label, tokenHash: hash, granted: ref)
        case let .accessRevoked(g, _):
            grants[g]?.revoked = ref
        case .eventRetracted:
            break
        }
    }

    /// A headship begins: a regular one ends the one before it from its first day.
    mutating func appoint(_ agency: String, _ h: Headship) {
        if !h.acting {
            if let i = headships[agency]?.lastIndex(where: { !$0.acting && $0.ended == nil }) { headships[agency]![i].ended = h.from.on }
            heads[agency] = h.person
        }
        headships[agency, default: []].append(h)
    }

    /// A head's transfer or separation ends their headship: the agency has no head from that day.
    mutating func endHeadship(of p: String, in agency: String, on day: CivilDate) {
        if let i = headships[agency]?.lastIndex(where: { $0.person == p && !$0.acting && $0.ended == nil }) { headships[agency]![i].ended = day }
        if heads[agency] == p { heads[agency] = nil }
    }

    /// Who heads the agency on a day (RULES.md §2.0, Decision: the head on the decision's day): an
    /// acting head (職務代理人) whose period covers the day, else the head whose headship began
    /// by then and had not ended; nil when there is none.
    public func head(of agency: String, on day: CivilDate) -> String? {
        let list = headships[agency] ?? []
        if let acting = list.last(where: { $0.acting && $0.from.on <= day && ($0.until.map { day <= $0 } ?? true) }) { return acting.person }
        let regular = list.filter { !$0.acting && $0.from.on <= day && ($0.ended.map { day < $0 } ?? true) }
        return regular.max { ($0.from.on, $0.from.position) < ($1.from.on, $1.from.position) }?.person
    }

    /// A person's applications, in the order they were submitted.
    public func applications(of person: String) -> [Application] {
        (applicationIDs[person] ?? []).compactMap { applications[$0] }.sorted { $0.submitted.position < $1.submitted.position }
    }
}

public struct QuotaKey: Hashable, Sendable {
    public var agency: String
    public var year: Int
    public init(agency: String, year: Int) { self.agency = agency; self.year = year }
}
