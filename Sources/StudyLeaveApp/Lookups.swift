import StudyLeaveDomain
import StudyLeaveLedger

/// Issue 16: unknown ids answered with the known ones they are close to.
struct Suggestions: Sendable {
    let store: any LedgerStore

    /// The refusal with the close ids added, when it names an unknown agency, person or
    /// application and some known id is that one typed another way (`CloseIds`).
    func refine(_ refusal: Refusal) async -> Refusal {
        let ids: [String]
        switch refusal {
        case .unknownAgency(let a):
            ids = CloseIds.matching(a, among: ((try? await store.agencyRows()) ?? []).map(\.agency))
        case .unknownPerson(let p):
            ids = CloseIds.matching(p, among: ((try? await store.personRows(agency: nil)) ?? []).map(\.person))
        case .unknownApplication(let x):
            // Applications are many: their own spellings in other cases, looked up by key.
            var found: [String] = []
            for v in Set([x.uppercased(), x.lowercased()]) where v != x {
                if let rows = try? await store.applicationRows(.application(v)), !rows.isEmpty { found.append(v) }
            }
            ids = found.sorted()
        default:
            return refusal
        }
        return ids.isEmpty ? refusal : .didYouMean(refusal, ids)
    }
}

/// A line of `agency list`.
public struct AgencyLine: Equatable, Sendable {
    public var agency: String
    public var name: String
    public var parent: String?
    /// People serving in it now.
    public var people: Int
}

/// A line of `person list`.
public struct PersonLine: Equatable, Sendable {
    public var person: String
    public var name: String
    public var agency: String
    public var state: StatusReport.State
}

/// A line of `report pending`: an application awaiting a finding, a screening or a decision.
public struct PendingLine: Equatable, Sendable {
    public var application: String
    public var person: String
    public var name: String
    public var agency: String
    public var mode: StudyMode
    public var sponsor: Sponsorship
    public var from: CivilDate
    public var submittedOn: CivilDate
    /// What it still needs, in order (CLI words: the command that records each).
    public var needs: [Need]

    /// A step it still needs (`Application.stepsNeeded`).
    public typealias Need = DecisionStep
}

extension Queries {
    /// `agency list`: every agency, with its parent and how many serve in it now.
    public func agencies() async throws(AppError) -> [AgencyLine] {
        let store = store
        let (agencies, people) = try await inAppTerms { () throws(LedgerError) in
            (try await store.agencyRows(), try await store.personRows(agency: nil))
        }
        var serving: [String: Int] = [:]
        for p in people where p.separatedOn == nil { serving[p.agency, default: 0] += 1 }
        return agencies.map { AgencyLine(agency: $0.agency, name: $0.name, parent: $0.parent, people: serving[$0.agency] ?? 0) }
    }

    /// An agency a report is filtered by must exist: an unknown one is bad data (65), never an
    /// empty report (issue 16).
    public func requireAgency(_ a: String, at time: QueryTime) async throws(AppError) {
        let (world, _, _) = try await slice([Tag.agency(a)], time)
        if world.agencies[a] == nil { throw .refused(await Suggestions(store: store).refine(.unknownAgency(a))) }
    }

    /// `person list`: everyone (of one agency as of the day), with their state that day. With an
    /// agency, its members over time (`member:` tag) are each folded as of the day and as known at
    /// the moment; without one, the projection rows give everyone's present agency.
    public func people(agency: String? = nil, state: StatusReport.State? = nil, at time: QueryTime) async throws(AppError) -> [PersonLine] {
        let store = store
        var candidates: [String]
        if let agency {
            try await requireAgency(agency, at: time)
            let k = try await knownPosition(time.knownAt)
            let members = try await inAppTerms { () throws(LedgerError) in try await store.events(taggedAny: [Tag.member(agency)], through: k) }
            candidates = Array(Set(members.compactMap(\.data.person)))
        } else if time.knownAt == .now {
            let rows = try await inAppTerms { () throws(LedgerError) in try await store.personRows(agency: nil) }
            let onLeave = Set(try await inAppTerms { () throws(LedgerError) in
                try await store.applicationRows(.onLeave(day: time.asOf, modes: StudyMode.studyLeaveModes)).map(\.person)
            })
            return rows.compactMap { r in
                let s: StatusReport.State = r.separatedOn.map { $0 <= time.asOf } == true ? .separated : onLeave.contains(r.person) ? .onStudyLeave : .onDuty
                guard state == nil || state == s else { return nil }
                return PersonLine(person: r.person, name: r.name, agency: r.agency, state: s)
            }
        } else {
            candidates = Array(try await everything(time).people.keys)
        }
        var out: [PersonLine] = []
        for p in candidates {
            let r = try await status(person: p, at: time)
            guard agency == nil || r.agency == agency, state == nil || r.state == state else { continue }
            out.append(PersonLine(person: r.person, name: r.name, agency: r.agency, state: r.state))
        }
        return out.sorted { $0.person < $1.person }
    }

    /// `report pending`: applications awaiting a finding, a screening or a decision, oldest first,
    /// with what each still needs.
    public func pending(agency: String? = nil, at time: QueryTime) async throws(AppError) -> [PendingLine] {
        if let agency { try await requireAgency(agency, at: time) }
        let store = store
        let candidates: [String]
        if time.knownAt == .now {
            candidates = try await inAppTerms { () throws(LedgerError) in try await store.applicationRows(.undecidedOn(day: time.asOf)).map(\.application) }
        } else {
            let k = try await knownPosition(time.knownAt)
            candidates = try await inAppTerms { () throws(LedgerError) in
                try await store.events(ofTypes: ["ApplicationSubmitted"], through: k).compactMap(\.data.application)
            }
        }
        var out: [PendingLine] = []
        let unique = Set(candidates)
        for (i, x) in unique.enumerated() {
            progress?(i, unique.count)
            let (world, _, _) = try await slice([Tag.application(x)], time)
            guard let app = world.applications[x], app.state == .submitted, agency == nil || app.submission.agency == agency else { continue }
            let (personWorld, _, _) = try await slice([Tag.person(app.person)], time)
            let needs = app.stepsNeeded
            out.append(PendingLine(application: x, person: app.person, name: personWorld.people[app.person]?.name ?? "",
                                   agency: app.submission.agency, mode: app.mode, sponsor: app.sponsor, from: app.submission.from,
                                   submittedOn: app.submitted.on, needs: needs))
        }
        return out.sorted { ($0.submittedOn, $0.application) < ($1.submittedOn, $1.application) }
    }
}
