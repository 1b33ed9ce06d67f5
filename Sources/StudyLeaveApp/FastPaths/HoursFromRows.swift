import StudyLeaveDomain
import StudyLeaveLedger

/// The hours queries from the attendance rows (`AttendanceRow`): the fast path of
/// `learningSlice` and `members`, for a query as known now on a ledger that keeps the rows.
///
/// Each folds what the plain path folds, less what no figure of the year reads: a year's
/// attendances come as rows, not as each person's whole `learner:` stream of every year, with
/// only that year's courses. An agency's members are folded from its `member:` stream (who was
/// added, transferred, separated), and from their own streams only where that stream could fall
/// short: anyone it shows transferred (a separation from the other agency is not in it), and
/// anyone a full-time leave could exempt (`HoursRule.mayExempt`). `HoursFastPathTests` holds both
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
        return try await withAgencyChains(events, tags: tags, asOf: asOf, through: head) { world in
            world.people[p].map { [HoursRule.agency(of: $0, year: year)] } ?? []
        }
    }

    /// The agency's members in the year, each with a fold holding what their standing reads (one
    /// fold for all); nil where the ledger keeps no rows, or where an append came between the
    /// reads and changed who the members are (the plain path answers then).
    func membersFromRows(of a: String, year: Int, _ time: QueryTime) async throws(AppError) -> [(Person, World)]? {
        guard time.knownAt == .now else { return nil }
        let store = store
        let memberTags: Set<String> = [Tag.member(a), Tag.policy]
        var (memberEvents, k) = try await inAppTerms { () throws(LedgerError) in try await store.eventsAndHead(taggedAny: memberTags) }
        func candidates(_ events: [Event], through k: Int64) -> [String] {
            let index = World(events: events, view: TimeView(asOf: time.asOf, knownAt: k))
            var out = Set(index.people.keys)
            for e in index.live.values { if let p = e.data.person { out.insert(p) } }
            return out.sorted()
        }
        let people = candidates(memberEvents, through: k)
        guard let (rows, head) = try await inAppTerms({ () throws(LedgerError) in
            try await store.attendanceRows(people: people, year: year)
        }) else { return nil }
        if head != k {
            // Recorded in between: the members as of the rows.
            memberEvents = try await inAppTerms { () throws(LedgerError) in try await store.events(taggedAny: memberTags, through: head) }
            k = head
            guard candidates(memberEvents, through: k) == people else { return nil }
        }
        var whole = Set<String>()
        for e in memberEvents { if case .personTransferred(let p, _, _, _, _) = e.data { whole.insert(p) } }
        for chunk in stride(from: 0, to: people.count, by: 10_000).map({ Set(people[$0..<min($0 + 10_000, people.count)]) }) {
            let applications = try await inAppTerms { () throws(LedgerError) in try await store.applicationRows(.people(chunk)) }
            for row in applications where HoursRule.mayExempt(row, year: year) { whole.insert(row.person) }
        }
        var tags = memberTags
        for p in whole { tags.insert(Tag.person(p)) }
        for r in rows { tags.insert(Tag.course(r.course)) }
        let more = tags.subtracting(memberTags)
        var events = memberEvents
        if !more.isEmpty { events = Self.merged(events, try await sliceEvents(more, through: k)) }
        events = Self.merged(events, rows.map(\.event))
        let world = try await withAgencyChains(events, tags: tags, asOf: time.asOf, through: k) { _ in [a] }
        var out: [(Person, World)] = []
        for p in people {
            guard let person = world.people[p], HoursRule.inService(person, year: year), HoursRule.agency(of: person, year: year) == a else { continue }
            out.append((person, world))
        }
        return out
    }

    /// Folds `events` with the agency chains up from `starts` read too, a round of reads per
    /// level (the chain names each agency's parent as soon as the agency is read).
    func withAgencyChains(_ events: [Event], tags: Set<String>, asOf: CivilDate, through k: Int64,
                          starts: (World) -> [String]) async throws(AppError) -> World {
        var events = events, tags = tags
        var world = World(events: events, view: TimeView(asOf: asOf, knownAt: k))
        for _ in 0..<16 {
            var more = Set<String>()
            for start in starts(world) { for agency in HoursRule.chain(from: start, in: world) { more.insert(Tag.agency(agency)) } }
            more.subtract(tags)
            if more.isEmpty { break }
            tags.formUnion(more)
            events = Self.merged(events, try await sliceEvents(more, through: k))
            world = World(events: events, view: TimeView(asOf: asOf, knownAt: k))
        }
        return world
    }
}
