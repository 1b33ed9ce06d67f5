import StudyLeaveDomain
import StudyLeaveLedger

/// `hours --agency A --year Y`: everyone due in the agency that year, with the counts.
public struct AgencyHours: Equatable, Sendable {
    public var agency: String
    public var year: Int
    public var people: [HoursStanding]
    public var met: Int { people.filter { $0.state == .met }.count }
    public var short: Int { people.filter { $0.state == .short }.count }
    public var exempt: Int { people.filter { $0.state == .exempt }.count }
}

/// A policy as `policy list` shows it: from when it holds, and when and by whom it was adopted
/// (nil for the figures the ledger was created with).
public struct PolicyLine: Equatable, Sendable {
    public var policy: Policy
    /// The last day before the next policy takes effect; nil for the one in force from then on.
    public var until: CivilDate?
    public var adoption: Event?
}

/// RULES.md §7 queries: a person's hours, an agency's, the fair spread; and the policies.
extension Queries {
    /// One person's slice for learning hours: their own events, their attendances, the courses
    /// attended and the agency chain up to the top, read until the set of tags stops growing.
    /// Each round reads only the tags it adds (a person of twenty years has hundreds of courses).
    /// As known now, from the attendance rows where the ledger keeps them (`learningSliceFromRows`).
    func learningSlice(person p: String, year: Int, _ time: QueryTime) async throws(AppError) -> World {
        if time.knownAt == .now, !foldsOnly, let world = try await learningSliceFromRows(person: p, year: year, asOf: time.asOf) { return world }
        return try await learningSlice(person: p, year: year, asOf: time.asOf, through: try await knownPosition(time.knownAt))
    }

    /// `learningSlice` at a position already resolved (an agency's members share one).
    func learningSlice(person p: String, year: Int, asOf: CivilDate, through k: Int64) async throws(AppError) -> World {
        var tags: Set<String> = [Tag.person(p), Tag.learner(p)]
        var events = try await sliceEvents(tags, through: k)
        var world = World(events: events, view: TimeView(asOf: asOf, knownAt: k))
        for _ in 0..<16 {
            var more = Set<String>()
            for a in world.attendances[p] ?? [] { more.insert(Tag.course(a.course)) }
            // The chain names each agency's parent as soon as the agency is read.
            if let person = world.people[p] {
                for a in HoursRule.chain(from: HoursRule.agency(of: person, year: year), in: world) { more.insert(Tag.agency(a)) }
            }
            more.subtract(tags)
            if more.isEmpty { break }
            tags.formUnion(more)
            events = Self.merged(events, try await sliceEvents(more, through: k))
            world = World(events: events, view: TimeView(asOf: asOf, knownAt: k))
        }
        return world
    }

    /// Two position-ordered reads as one: in position order, each event once.
    static func merged(_ a: [Event], _ b: [Event]) -> [Event] { merged([a, b]) }

    /// Lists in position order merged into one, each position once: a pass that picks the
    /// lowest head of a few lists.
    static func merged(_ lists: [[Event]]) -> [Event] {
        let lists = lists.filter { !$0.isEmpty }
        if lists.count <= 1 { return lists.first ?? [] }
        var out: [Event] = []
        out.reserveCapacity(lists.reduce(0) { $0 + $1.count })
        var at = [Int](repeating: 0, count: lists.count)
        while true {
            var low = Int64.max
            for n in lists.indices where at[n] < lists[n].count { low = min(low, lists[n][at[n]].position) }
            if low == .max { return out }
            var taken = false
            for n in lists.indices where at[n] < lists[n].count && lists[n][at[n]].position == low {
                if !taken { out.append(lists[n][at[n]]); taken = true }
                at[n] += 1
            }
        }
    }

    /// `hours PERSON --year Y`.
    public func hours(person p: String, year: Int, at time: QueryTime) async throws(AppError) -> HoursStanding {
        let world = try await learningSlice(person: p, year: year, time)
        guard let person = world.people[p] else { throw .refused(await Suggestions(store: store).refine(.unknownPerson(p))) }
        return HoursRule.standing(of: person, year: year, in: world, policies: policies(world))
    }

    /// Everyone who served in the agency on their last day of service in the year (its members
    /// over time, `member:` tag, each folded as the query looks); as known now, from the
    /// attendance rows where the ledger keeps them (`membersFromRows`).
    func members(of a: String, year: Int, _ time: QueryTime) async throws(AppError) -> [(Person, World)] {
        try await requireAgency(a, at: time)
        if !foldsOnly, let members = try await membersFromRows(of: a, year: year, time) { return members }
        let (index, k, _) = try await slice([Tag.member(a)], time)
        let candidates = Self.named(byMembers: index)
        var out: [(Person, World)] = []
        for (i, p) in candidates.keys.sorted().enumerated() {
            progress?(i, candidates.count)
            let world = try await learningSlice(person: p, year: year, asOf: time.asOf, through: k)
            guard let person = world.people[p], HoursRule.inService(person, year: year),
                  HoursRule.agency(of: person, year: year) == a else { continue }
            out.append((person, world))
        }
        return out
    }

    /// Everyone an agency's `member:` stream names (folded as the query looks), with their
    /// events in it in position order: an agency's candidate members over time.
    static func named(byMembers index: World) -> [String: [Event]] {
        var out: [String: [Event]] = [:]
        for p in index.people.keys { out[p] = [] }
        for e in index.live.values.sorted(by: { $0.position < $1.position }) { if let p = e.data.person { out[p, default: []].append(e) } }
        return out
    }

    /// `hours --agency A --year Y`: everyone due (temporary staff are never due).
    public func hours(agency a: String, year: Int, at time: QueryTime) async throws(AppError) -> AgencyHours {
        let members = try await members(of: a, year: year, time)
        let due = members.filter { $0.0.profile.category.owesLearningHours }
        return AgencyHours(agency: a, year: year, people: due.map {
            HoursRule.standing(of: $0.0, year: year, in: $0.1, policies: policies($0.1), explained: false)
        })
    }

    /// `report spread --agency A --year Y` (seed 002 §陸.一).
    public func spread(agency a: String, year: Int, at time: QueryTime) async throws(AppError) -> Spread {
        let members = try await members(of: a, year: year, time)
        let standings = members.map { (person: $0.0, standing: HoursRule.standing(of: $0.0, year: year, in: $0.1, policies: policies($0.1), explained: false)) }
        // The agency-year's counted studies, and each holder's gender from their own events.
        let (quota, _, _) = try await slice([Tag.quota(a, year)], time)
        let holders = Set(QuotaRule.holders(in: quota, agency: a, year: year, policy: policies(quota).forQuota(year: year)).map(\.person))
        var genders: [Gender?] = []
        for h in holders.sorted() {
            if let m = members.first(where: { $0.0.id == h }) { genders.append(m.0.profile.gender); continue }
            let (w, _, _) = try await slice([Tag.person(h)], time)
            genders.append(w.people[h]?.profile.gender)
        }
        return SpreadRule.spread(agency: a, year: year, standings: standings, studyLeave: genders)
    }

    /// `policy list`: the policies in force over time as known at the moment, each with its
    /// adoption (the ledger's own figures first).
    public func policyList(at time: QueryTime) async throws(AppError) -> [PolicyLine] {
        let k = try await knownPosition(time.knownAt)
        let store = store
        let events = try await inAppTerms { () throws(LedgerError) in try await store.events(taggedAny: [Tag.policy], through: k) }
        let world = World(events: events)
        let set = policies(world)
        var adoptions: [Int: Event] = [:]
        let live = world.live.values.sorted { $0.position < $1.position }
        // Adopted policies follow the base set in `set` order; match each to its event.
        for (i, p) in set.policies.enumerated() {
            if let e = live.first(where: { if case .policyAdopted(let q) = $0.data { q == p } else { false } }) { adoptions[i] = e }
        }
        return set.policies.enumerated().map { i, p in
            let next = set.policies.dropFirst(i + 1).first { $0.effectiveFrom > p.effectiveFrom }
            let replaced = set.policies.dropFirst(i + 1).contains { $0.effectiveFrom == p.effectiveFrom }
            return PolicyLine(policy: p, until: replaced ? p.effectiveFrom.adding(days: -1) : next.map { $0.effectiveFrom.adding(days: -1) },
                              adoption: adoptions[i])
        }
    }
}
