import StudyLeaveDomain
import StudyLeaveLedger

extension Queries {
    /// `report due`: what needs doing within `within` days of the as-of day, sorted by the day it
    /// is due (CLI.md). The projection rows find the candidates (applications undecided, leave
    /// started by the window's end); each candidate's own events decide, as of the day and as
    /// known at the moment.
    public func due(within: Int, agency: String? = nil, at time: QueryTime) async throws(AppError) -> [DueItem] {
        if let agency { try await requireAgency(agency, at: time) }
        let last = time.asOf.adding(days: within)
        let store = store
        let candidates = try await reportPeople(agency: agency, now: { () throws(AppError) in
            try await inAppTerms { () throws(LedgerError) in
                let undecided = try await store.applicationRows(.undecidedOn(day: time.asOf)).map(\.person)
                let started = try await store.applicationRows(.leaveStarted(by: last, modes: Set(StudyMode.allCases))).map(\.person)
                return undecided + started
            }
        }, at: time)
        var out: [DueItem] = []
        for (i, p) in candidates.enumerated() {
            progress?(i, candidates.count)
            let (world, _, _) = try await slice([Tag.person(p)], time)
            guard let person = world.people[p], agency == nil || person.agency == agency else { continue }
            out += DueRule.items(for: person, in: world, asOf: time.asOf, within: within, policies: policies(world))
        }
        return out.sorted { ($0.due, $0.agency, $0.person, $0.application, $0.kind.rawValue) < ($1.due, $1.agency, $1.person, $1.application, $1.kind.rawValue) }
    }
}

extension Queries {
    /// `timeline PERSON`: the person's studies, leave, service, pauses, transfers, separation and
    /// breaches, folded as of the day and as known at the moment.
    public func timeline(person p: String, at time: QueryTime) async throws(AppError) -> Timeline {
        let (world, _, _) = try await slice([Tag.person(p)], time)
        guard let person = world.people[p] else { throw .refused(await Suggestions(store: store).refine(.unknownPerson(p))) }
        return Timeline.of(person, in: world, asOf: time.asOf, policies: policies(world))
    }
}
