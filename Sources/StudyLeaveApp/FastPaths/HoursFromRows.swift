import StudyLeaveDomain
import StudyLeaveLedger

/// The hours queries from the attendance rows (`AttendanceRow`): the fast path of
/// `learningSlice` and `members`, for a query as known now on a ledger that keeps the rows.
///
/// Each folds what the plain path folds, less what no figure of the year reads: a year's
/// attendances come as rows, not as each person's whole `learner:` stream of every year, with
/// only that year's courses. An agency's members are folded from its `member:` stream (who was
/// added, transferred, separated), and from their own streams only where that stream could fall
/// short: for anyone it shows transferred and in the agency on a day of the year
/// (`HoursRule.mayServe`: their profile, or a separation from the other agency, is not in it),
/// their arrival, transfers and separation; for anyone a full-time leave could exempt
/// (`HoursRule.mayExempt`), their whole stream. `HoursFastPathTests` holds both
/// paths to the same answers over generated histories, at several as-of days.
extension Queries {
    /// One person's learning slice from the rows; nil where the ledger keeps none.
    func learningSliceFromRows(person p: String, year: Int, asOf: CivilDate) async throws(AppError) -> World? {
        let store = store
        guard let (rows, head) = try await inAppTerms({ () throws(LedgerError) in
            try await store.attendanceRows(people: [p], year: year)
        }) else { return nil }
        var tags: Set<String> = [Tag.person(p)]
        for r in rows { tags.insert(Tag.course(r.course)) }
        let events = Self.merged(try await sliceEvents(tags, through: head), rows.map(\.event))
        let own = World(events: events, view: TimeView(asOf: asOf, knownAt: head))
        let starts = own.people[p].map { [HoursRule.agency(of: $0, year: year)] } ?? []
        return try await withAgencyChains([events], tags: tags, asOf: asOf, through: head, starts: starts)
    }

    /// The agency's members in the year, each with a fold holding what their standing reads (one
    /// fold for all); nil where the ledger keeps no rows, or where an append came between the
    /// reads and changed who the members are (the plain path answers then).
    func membersFromRows(of a: String, year: Int, _ time: QueryTime) async throws(AppError) -> [(Person, World)]? {
        guard time.knownAt == .now else { return nil }
        let store = store
        let memberTags: Set<String> = [Tag.member(a), Tag.policy]
        var (memberEvents, k) = try await inAppTerms { () throws(LedgerError) in try await store.eventsAndHead(taggedAny: memberTags) }
        func candidates(_ events: [Event], through k: Int64) -> [String: [Event]] {
            Self.named(byMembers: World(events: events, view: TimeView(asOf: time.asOf, knownAt: k)))
        }
        var named = candidates(memberEvents, through: k)
        let people = named.keys.sorted()
        guard let (rows, head) = try await inAppTerms({ () throws(LedgerError) in
            try await store.attendanceRows(people: people, year: year)
        }) else { return nil }
        if head != k {
            // Recorded in between: the members as of the rows.
            memberEvents = try await inAppTerms { () throws(LedgerError) in try await store.events(taggedAny: memberTags, through: head) }
            k = head
            named = candidates(memberEvents, through: k)
            guard named.keys.sorted() == people else { return nil }
        }
        // Transferred and in the agency that year: their arrival, transfers and separation
        // (`ProjectionKey.personTypes`), with any retractions of them.
        var arrivals = Set<String>()
        for (p, events) in named where events.contains(where: { if case .personTransferred = $0.data { true } else { false } }) {
            if HoursRule.mayServe(in: a, year: year, memberEvents: events) { arrivals.insert(p) }
        }
        var whole = Set<String>()
        let leave = HoursRule.exemptingLeave(year: year, asOf: time.asOf)
        for chunk in stride(from: 0, to: people.count, by: 10_000).map({ Set(people[$0..<min($0 + 10_000, people.count)]) }) {
            let query = ApplicationQuery.leaveSpanning(people: chunk, modes: leave.modes, startedBy: leave.startedBy, notEndedBefore: leave.notEndedBefore)
            for row in try await inAppTerms({ () throws(LedgerError) in try await store.applicationRows(query) }) { whole.insert(row.person) }
        }
        arrivals.subtract(whole)
        var tags = memberTags
        for p in whole { tags.insert(Tag.person(p)) }
        for r in rows { tags.insert(Tag.course(r.course)) }
        let more = tags.subtracting(memberTags)
        // Merged once, in the last fold.
        var parts = [memberEvents, rows.map(\.event)]
        if !more.isEmpty { parts.append(try await sliceEvents(more, through: k)) }
        if !arrivals.isEmpty {
            let types = ProjectionKey.personTypes.union(["EventRetracted"]).sorted()
            parts.append(try await inAppTerms { () throws(LedgerError) in
                try await store.events(taggedAny: Set(arrivals.map(Tag.person)), ofTypes: types, through: k)
            })
        }
        let world = try await withAgencyChains(parts, tags: tags, asOf: time.asOf, through: k, starts: [a])
        var out: [(Person, World)] = []
        for p in people {
            guard let person = world.people[p], HoursRule.inService(person, year: year), HoursRule.agency(of: person, year: year) == a else { continue }
            out.append((person, world))
        }
        return out
    }

    /// Folds `parts` (each in position order) with the agency chains up from `starts` read too:
    /// a round of reads per level (each agency names its parent), found on a fold of the
    /// agencies alone; then one fold of everything, without `live` (no standing reads it).
    func withAgencyChains(_ parts: [[Event]], tags: Set<String>, asOf: CivilDate, through k: Int64,
                          starts: [String]) async throws(AppError) -> World {
        var tags = tags
        var agencyEvents: [Event] = []
        var agencies = World()
        for _ in 0..<16 {
            var more = Set<String>()
            for start in starts { for agency in HoursRule.chain(from: start, in: agencies) { more.insert(Tag.agency(agency)) } }
            more.subtract(tags)
            if more.isEmpty { break }
            tags.formUnion(more)
            agencyEvents = Self.merged(agencyEvents, try await sliceEvents(more, through: k))
            agencies = World(events: agencyEvents, view: TimeView(asOf: asOf, knownAt: k))
        }
        return World(events: Self.merged(parts + [agencyEvents]), view: TimeView(asOf: asOf, knownAt: k), keepingEvents: false)
    }
}
