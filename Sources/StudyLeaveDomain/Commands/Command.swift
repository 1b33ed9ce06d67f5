/// What a user asks to record. A command and the state folded from its tagged events give new
/// events or a refusal (`Decider.decide`).
public enum Command: Equatable, Sendable {
    case addAgency(id: String, name: String, parent: String?)
    case setHeadcount(agency: String, year: Int, budgeted: Int)
    case addPerson(id: String, name: String, agency: String, head: Bool, profile: PersonProfile = .unrecorded)
    case transfer(person: String, to: String, carryObligation: Bool)
    case separate(person: String, reason: SeparationReason)
    /// `agency head`: a head from the day, or with `acting` an acting head until a day.
    case appointHead(agency: String, person: String, acting: Bool, until: CivilDate?)
    case apply(Application)
    case review(application: String, workRelated: Bool)
    case screen(application: String, passed: Bool)
    case approve(application: String, by: String)
    case reject(application: String, by: String, reason: String)
    case withdraw(application: String)
    case startLeave(application: String)
    case extendLeave(application: String, until: CivilDate, by: String)
    case endLeave(application: String)
    case returnToDuty(application: String)
    /// `again`: the same sum on the same day was really received twice (`pay --again`).
    case pay(application: String, salary: NTD, subsidy: NTD, again: Bool = false)
    case pauseService(person: String, reason: String)
    case resumeService(person: String)
    case waive(application: String, reason: String)
    /// The target event is read by position before deciding.
    case retract(target: Event, reason: String)
    /// `policy adopt FILE` (and `init --policy FILE`): every policy of the file.
    case adoptPolicies([Policy])
    /// `course add`.
    case addCourse(EventData.CourseSpec)
    /// `attend`: one person, or a roster (all or nothing).
    case attend(course: String, attendees: [Attendee])
    /// `hours require`: an issuing agency's requirement for a year.
    case requireHours(agency: String, year: Int, minimums: [HoursMinimum])

    /// `access grant`: a read token for an agency's web view; the App makes the token, the ledger keeps its hash.
    case grantAccess(agency: String, label: String, tokenHash: String)
    /// `access revoke`.
    case revokeAccess(grant: String)

    /// One line of `attend`: who, their leave hours, whether absent without leave.
    public struct Attendee: Equatable, Sendable {
        public var person: String
        public var leave: Hours
        public var absent: Bool
        public init(person: String, leave: Hours = .zero, absent: Bool = false) { self.person = person; self.leave = leave; self.absent = absent }
    }

    /// `apply`: what the applicant asks for (the agency is the one they serve in).
    public struct Application: Equatable, Sendable {
        public var id: String
        public var person: String
        public var mode: StudyMode
        public var sponsor: Sponsorship
        public var from: CivilDate
        public var to: CivilDate
        public var abroad: Bool
        public var programme: Programme?
        public var hoursPerWeek: Int?
        public init(id: String, person: String, mode: StudyMode, sponsor: Sponsorship, from: CivilDate, to: CivilDate,
                    abroad: Bool = false, programme: Programme? = nil, hoursPerWeek: Int? = nil) {
            self.id = id; self.person = person; self.mode = mode; self.sponsor = sponsor; self.from = from; self.to = to
            self.abroad = abroad; self.programme = programme; self.hoursPerWeek = hoursPerWeek
        }
    }

    /// The tags whose events the decision needs, given what has been read so far. The caller reads
    /// them, folds, and asks again until the set stops growing.
    public func streams(in world: World) -> Set<String> {
        // Every decision reads the policies adopted (CLI.md, Policies in the ledger).
        var s: Set<String> = [Tag.policy]
        func person(_ p: String) {
            s.insert(Tag.person(p))
            if let a = world.people[p]?.agency { s.insert(Tag.agency(a)); s.insert(Tag.head(a)) }
        }
        func application(_ x: String) {
            s.insert(Tag.application(x))
            if let p = world.applications[x]?.person { person(p) }
        }
        func competentHead(_ x: String) {
            application(x)
            guard let app = world.applications[x], let a = world.people[app.person]?.agency else { return }
            // A head's application goes to the parent's head; a head on some day may have been one.
            let wasHead = world.heads[a] == app.person || world.headships[a]?.contains(where: { $0.person == app.person }) == true
            if wasHead, let parent = world.agencies[a]?.parent {
                s.insert(Tag.agency(parent)); s.insert(Tag.head(parent))
            }
        }
        switch self {
        case let .addAgency(id, _, parent):
            s.insert(Tag.agency(id))
            if let parent { s.insert(Tag.agency(parent)) }
        case let .setHeadcount(a, year, _):
            s.insert(Tag.agency(a)); s.insert(Tag.quota(a, year))
        case let .addPerson(id, _, agency, _, _):
            s.insert(Tag.person(id)); s.insert(Tag.agency(agency)); s.insert(Tag.head(agency))
        case let .transfer(p, to, _):
            person(p); s.insert(Tag.agency(to))
        case let .separate(p, _), let .pauseService(p, _), let .resumeService(p):
            person(p)
        case let .appointHead(a, p, _, _):
            person(p); s.insert(Tag.agency(a)); s.insert(Tag.head(a))
        case let .apply(a):
            s.insert(Tag.application(a.id)); person(a.person)
        case let .approve(x, by):
            competentHead(x); s.insert(Tag.person(by))
            if let app = world.applications[x], let a = world.people[app.person]?.agency {
                s.insert(Tag.quota(a, QuotaRule.year(of: app.submission)))
            }
            // Places taken by applications submitted elsewhere (the applicant transferred in).
            for other in world.unresolvedApplications { s.insert(Tag.application(other)) }
        case let .reject(x, by, _), let .extendLeave(x, _, by):
            competentHead(x); s.insert(Tag.person(by))
        case let .review(x, _), let .screen(x, _), let .withdraw(x), let .startLeave(x), let .endLeave(x),
             let .returnToDuty(x), let .pay(x, _, _, _), let .waive(x, _):
            application(x)
        case let .retract(target, _):
            s.formUnion(target.tags)
            for other in world.unresolvedApplications { s.insert(Tag.application(other)) }
            if case .agencyAdded(let a, _, _) = target.data { s.insert(Tag.member(a)); s.insert(Tag.children(a)) }
            // What rests on a person or a course: their attendances.
            if case .personAdded(let p, _, _, _, _) = target.data { s.insert(Tag.learner(p)) }
            if case .courseAdded(let c) = target.data { s.insert(Tag.roster(c.course)) }
        case .adoptPolicies:
            break
        case let .addCourse(c):
            s.insert(Tag.course(c.course))
        case let .attend(c, attendees):
            s.insert(Tag.course(c)); s.insert(Tag.roster(c))
            for a in attendees { s.insert(Tag.person(a.person)) }
        case let .requireHours(a, _, _):
            s.insert(Tag.agency(a))
        case let .grantAccess(a, _, _):
            s.insert(Tag.access); s.insert(Tag.agency(a))
        case .revokeAccess:
            s.insert(Tag.access)
        }
        return s
    }
}

extension Command {
    /// Reads the events a decision needs: the command names its tags given what was read so far,
    /// until the set stops growing. `fetch` returns every event carrying any of the tags.
    public func slice(fetch: (Set<String>) throws -> [Event]) rethrows -> (events: [Event], tags: Set<String>) {
        var tags = streams(in: World())
        var events = try fetch(tags)
        for _ in 0..<Self.rounds {
            guard let more = moreStreams(than: tags, given: events) else { break }
            tags = more
            events = try fetch(tags)
        }
        return (events, tags)
    }

    /// The same, with a fetch that waits for a store.
    public func slice(fetch: (Set<String>) async throws -> [Event]) async rethrows -> (events: [Event], tags: Set<String>) {
        var tags = streams(in: World())
        var events = try await fetch(tags)
        for _ in 0..<Self.rounds {
            guard let more = moreStreams(than: tags, given: events) else { break }
            tags = more
            events = try await fetch(tags)
        }
        return (events, tags)
    }

    /// How many times a slice reads again at most (a head's application, then its parent agency
    /// and that agency's head, is the deepest chain; the bound only guards against a surprise).
    static let rounds = 8

    /// The tags to read next, given the events read for `tags`; nil once the set stops growing.
    func moreStreams(than tags: Set<String>, given events: [Event]) -> Set<String>? {
        let more = tags.union(streams(in: World(events: events)))
        return more == tags ? nil : more
    }
}
