import StudyLeaveDomain
import StudyLeaveLedger

/// When a query looks: valid time (`--as-of`) and transaction time (`--known-at`).
public struct QueryTime: Equatable, Sendable {
    public enum KnownAt: Equatable, Sendable {
        case now
        /// `#N`: up to and including position N.
        case position(Int64)
        /// A timestamp: everything recorded at or before that millisecond (UTC).
        case millis(Int64)
    }
    public var asOf: CivilDate
    public var knownAt: KnownAt
    public init(asOf: CivilDate, knownAt: KnownAt = .now) { self.asOf = asOf; self.knownAt = knownAt }
}

public struct ApplicationLine: Equatable, Sendable {
    public var application: String
    public var mode: StudyMode
    public var sponsor: Sponsorship
    public var state: ApplicationState
    public var from: CivilDate
    /// The last approved day, extensions included.
    public var to: CivilDate
    public var abroad: Bool
}

public struct StatusReport: Equatable, Sendable {
    public enum State: String, CaseIterable, Sendable { case onDuty = "on-duty", onStudyLeave = "on-study-leave", separated }
    public var person: String
    public var name: String
    public var agency: String
    public var state: State
    public var applications: [ApplicationLine]
    public var knownAt: Int64
}

public struct QuotaReport: Equatable, Sendable {
    public var agency: String
    public var name: String
    public var year: Int
    public var budgeted: Int?
    public var cap: Int?
    public var used: Int
    public var headroom: Int?
    public var pending: [String]
    public var holders: [Holder]
    public var explanation: [Explanation]

    public struct Holder: Equatable, Sendable {
        public var person: String
        public var application: String
    }
}

public struct ObligationReport: Equatable, Sendable {
    public var person: String
    public var asOf: CivilDate
    public var obligations: [Obligation]
}

public struct HistoryEntry: Equatable, Sendable {
    public var event: Event
    /// The position of the retraction that took it back, if one had been recorded by `--known-at`.
    public var retractedBy: Int64?
}

/// The read use cases. Each reads the events of one person, application or agency-year and folds
/// them as of a day and as known at a moment.
public struct Queries: Sendable {
    public let ledger: Ledger
    /// Hears how far a long report has come: (candidates folded, candidates in all).
    public var progress: (@Sendable (Int, Int) -> Void)?
    /// Tests only: answer every query by folding the events, never from the rows' fast paths
    /// (Sources/StudyLeaveApp/FastPaths), to hold the two to the same answers.
    var foldsOnly = false
    public init(ledger: Ledger, progress: (@Sendable (Int, Int) -> Void)? = nil) { self.ledger = ledger; self.progress = progress }

    var store: any LedgerStore { ledger.store }

    /// The position a query looks up to: the head, `#N` (never past the head), or the last
    /// position recorded by a moment.
    func knownPosition(_ k: QueryTime.KnownAt) async throws(AppError) -> Int64 {
        let store = store
        return try await inAppTerms { () throws(LedgerError) in
            switch k {
            case .now: return try await store.head()
            case .position(let n): return min(n, try await store.head())
            case .millis(let ms): return try await store.position(recordedBy: ms)
            }
        }
    }

    /// The events of `tags` and of the policies adopted, folded as the query looks.
    func slice(_ tags: Set<String>, _ time: QueryTime) async throws(AppError) -> (World, Int64, [Event]) {
        let k: Int64, events: [Event]
        if time.knownAt == .now {
            // As known now: the events and the head they stand at, in one read.
            let store = store
            (events, k) = try await inAppTerms { () throws(LedgerError) in try await store.eventsAndHead(taggedAny: tags.union([Tag.policy])) }
        } else {
            k = try await knownPosition(time.knownAt)
            events = try await sliceEvents(tags, through: k)
        }
        return (World(events: events, view: TimeView(asOf: time.asOf, knownAt: k)), k, events)
    }

    /// The events of `tags` and of the policies adopted, up to position `k`: what every fold reads.
    func sliceEvents(_ tags: Set<String>, through k: Int64) async throws(AppError) -> [Event] {
        let store = store
        return try await inAppTerms { () throws(LedgerError) in try await store.events(taggedAny: tags.union([Tag.policy]), through: k) }
    }

    /// The policies in force in a fold: the ledger's base set and those adopted in it, as known.
    func policies(_ world: World) -> PolicySet { ledger.policies.adopting(world.adoptedPolicies) }

    /// The policies as known at position `k`.
    func policies(through k: Int64) async throws(AppError) -> PolicySet {
        let store = store
        let events = try await inAppTerms { () throws(LedgerError) in try await store.events(taggedAny: [Tag.policy], through: k) }
        return policies(World(events: events))
    }

    public func status(person p: String, at time: QueryTime) async throws(AppError) -> StatusReport {
        let (world, k, _) = try await slice([Tag.person(p)], time)
        guard let person = world.people[p] else { throw .refused(await Suggestions(store: store).refine(.unknownPerson(p))) }
        let apps = world.applications(of: p)
        let state = Self.state(of: p, in: world) ?? .onDuty
        return StatusReport(
            person: p, name: person.name, agency: person.agency, state: state,
            applications: apps.map {
                ApplicationLine(application: $0.id, mode: $0.mode, sponsor: $0.sponsor, state: $0.state,
                                from: $0.submission.from, to: $0.currentTo, abroad: $0.submission.abroad)
            },
            knownAt: k)
    }

    public func obligation(person p: String, at time: QueryTime) async throws(AppError) -> ObligationReport {
        let (world, _, _) = try await slice([Tag.person(p)], time)
        guard world.people[p] != nil else { throw .refused(await Suggestions(store: store).refine(.unknownPerson(p))) }
        let obligations = world.applications(of: p).compactMap {
            ObligationRule.compute($0, in: world, asOf: time.asOf, policies: policies(world))
        }
        return ObligationReport(person: p, asOf: time.asOf, obligations: obligations)
    }

    public func quota(agency a: String, year: Int, at time: QueryTime) async throws(AppError) -> QuotaReport {
        let (world, _, _) = try await slice([Tag.agency(a), Tag.quota(a, year)], time)
        guard let agency = world.agencies[a] else { throw .refused(await Suggestions(store: store).refine(.unknownAgency(a))) }
        return quotaReport(agency, year: year, world: world, time: time)
    }

    /// Every agency with a headcount for the year or an application counted or pending in it.
    /// The projection tables find those agencies; each agency's own events decide.
    public func quotaAll(year: Int, at time: QueryTime) async throws(AppError) -> [QuotaReport] {
        let store = store
        guard time.knownAt == .now else {
            let k = try await knownPosition(time.knownAt)
            let events = try await inAppTerms { () throws(LedgerError) in
                var events = try await store.events(ofTypes: ["AgencyAdded"], through: k)
                events += try await store.events(tagPrefix: "quota:", suffix: ":\(year)", through: k)
                events += try await store.events(ofTypes: ["EventRetracted"], through: k)
                events += try await store.events(taggedAny: [Tag.policy], through: k)
                return events
            }
            var seen = Set<Int64>()
            let unique = events.filter { seen.insert($0.position).inserted }.sorted { $0.position < $1.position }
            let world = World(events: unique, view: TimeView(asOf: time.asOf, knownAt: k))
            return world.agencies.values.sorted { $0.id < $1.id }
                .map { quotaReport($0, year: year, world: world, time: time) }
                .filter { $0.budgeted != nil || $0.used > 0 || !$0.pending.isEmpty }
        }
        let (headcounts, rows) = try await inAppTerms { () throws(LedgerError) in
            (try await store.headcountRows(year: year), try await store.applicationRows(.countedOrPending(year: year)))
        }
        var agencies = Set(headcounts.keys)
        for row in rows {
            agencies.insert(row.agency)
            if let a = row.approvedAgency { agencies.insert(a) }
        }
        var reports: [QuotaReport] = []
        for (i, a) in agencies.sorted().enumerated() {
            progress?(i, agencies.count)
            let r = try await quota(agency: a, year: year, at: time)
            if r.budgeted != nil || r.used > 0 || !r.pending.isEmpty { reports.append(r) }
        }
        return reports
    }

    /// RULES.md §3: cap, used, headroom, pending and who holds the places, with the arithmetic.
    func quotaReport(_ agency: Agency, year: Int, world: World, time: QueryTime) -> QuotaReport {
        let policy = policies(world).forQuota(year: year)
        let a = agency.id
        let holders = QuotaRule.holders(in: world, agency: a, year: year, policy: policy)
        let used = Set(holders.map(\.person)).count
        let pending = QuotaRule.pending(in: world, agency: a, year: year, policy: policy)
        var lines: [Explanation] = []
        var budgeted: Int? = nil, cap: Int? = nil, headroom: Int? = nil
        if let hc = world.headcounts[QuotaKey(agency: a, year: year)] {
            budgeted = hc.budgeted
            let c = QuotaRule.cap(budgeted: hc.budgeted, policy: policy)
            cap = c
            headroom = c - used
            lines.append(Explanation("Rules 10: cap = max(\(policy.quotaMinimum), floor(\(hc.budgeted) / \(policy.quotaDivisor))) = \(c)",
                                     zh: "施行細則第10條：上限 = max(\(policy.quotaMinimum), floor(\(hc.budgeted) / \(policy.quotaDivisor))) = \(c)", [hc.ref.position]))
            lines.append(Explanation("policy for \(year): \(policy.name), in force from \(policy.effectiveFrom.iso)",
                                     zh: "\(year) 年適用規定：\(policy.name)，自 \(policy.effectiveFrom.iso) 施行"))
        } else {
            lines.append(Explanation("Rules 10: no budgeted headcount recorded for \(a) in \(year): cap unknown",
                                     zh: "施行細則第10條：\(a) 未記錄 \(year) 年預算員額：上限未知"))
        }
        let holderRefs = holders.compactMap { h in world.applications[h.application]?.approval?.ref.position }
        let held = holders.map { "\($0.person) \($0.application)" }.joined(separator: ", ")
        lines.append(Explanation("used = \(used) (counted studies approved for \(year), one place a person): " + (holders.isEmpty ? "none" : held),
                                 zh: "已用 = \(used)（\(year) 年核准之計入進修，每人一名額）：" + (holders.isEmpty ? "無" : held), holderRefs))
        if let cap { lines.append(Explanation("headroom = \(cap) − \(used) = \(cap - used)", zh: "剩餘名額 = \(cap) − \(used) = \(cap - used)")) }
        if !pending.isEmpty {
            let ids = pending.map(\.id).joined(separator: ", ")
            lines.append(Explanation("pending: " + ids, zh: "待核定：" + ids, pending.map(\.submitted.position)))
        }
        return QuotaReport(agency: a, name: agency.name, year: year, budgeted: budgeted, cap: cap, used: used, headroom: headroom,
                           pending: pending.map(\.id), holders: holders.map { QuotaReport.Holder(person: $0.person, application: $0.application) },
                           explanation: lines)
    }

    /// Every event of a person or an application, retracted ones marked. `asOf` keeps only the
    /// events that had happened by that day (master data always shows).
    public func history(person: String? = nil, application: String? = nil, asOf: CivilDate?, knownAt: QueryTime.KnownAt) async throws(AppError) -> [HistoryEntry] {
        let tag = person.map(Tag.person) ?? Tag.application(application ?? "")
        let k = try await knownPosition(knownAt)
        let store = store
        let events = try await inAppTerms { () throws(LedgerError) in try await store.events(taggedAny: [tag], through: k) }
        guard !events.isEmpty else {
            if let person { throw .refused(await Suggestions(store: store).refine(.unknownPerson(person))) }
            throw .refused(await Suggestions(store: store).refine(.unknownApplication(application ?? "")))
        }
        var retractedBy: [Int64: Int64] = [:]
        for e in events { if case .eventRetracted(let t, _, _) = e.data { retractedBy[t] = e.position } }
        return events
            .filter { asOf == nil || $0.data.isTimeless || $0.on <= asOf! }
            .map { HistoryEntry(event: $0, retractedBy: retractedBy[$0.position]) }
    }
}

/// Country-wide reports: everyone on study leave, every obligation still owed.
public struct LeaveLine: Equatable, Sendable {
    public var person: String
    public var name: String
    public var agency: String
    public var application: ApplicationLine
}

public struct ObligationLine: Equatable, Sendable {
    public var person: String
    public var name: String
    public var agency: String
    public var obligation: Obligation
}

extension Queries {
    /// The whole ledger folded as of a day and as known at a moment.
    func everything(_ time: QueryTime) async throws(AppError) -> World {
        let k = try await knownPosition(time.knownAt)
        let store = store
        let events = try await inAppTerms { () throws(LedgerError) in try await store.allEvents(through: k) }
        return World(events: events, view: TimeView(asOf: time.asOf, knownAt: k))
    }

    /// The people a report must fold as known at `time`: those the projection rows (which hold
    /// now) name, and everyone whose records changed after the moment (their rows then may have
    /// differed). Nil when a policy was adopted or retracted since: every figure may differ then.
    func candidates(now: () async throws(AppError) -> [String], at time: QueryTime) async throws(AppError) -> [String]? {
        let fromRows = try await now()
        guard time.knownAt != .now else { return fromRows }
        let k = try await knownPosition(time.knownAt)
        let store = store
        let changed = try await inAppTerms { () throws(LedgerError) in try await store.tags(after: k) }
        if changed.contains(Tag.policy) { return nil }
        return fromRows + changed.compactMap { $0.hasPrefix("person:") ? String($0.dropFirst(7)) : nil }
    }

    /// The people a report folds: the candidates (`candidates`), or everyone when a policy
    /// changed since the moment; with an agency, only those who ever served in it (its `member:`
    /// events: whoever serves there on any day was added or transferred there), so that an
    /// agency's report folds its own people, not the country's.
    func reportPeople(agency: String?, now: () async throws(AppError) -> [String], at time: QueryTime) async throws(AppError) -> Set<String> {
        guard let agency else {
            if let found = try await candidates(now: now, at: time) { return Set(found) }
            return Set(try await everything(time).people.keys)
        }
        let store = store
        let members = Set(try await inAppTerms { () throws(LedgerError) in
            try await store.events(taggedAny: [Tag.member(agency)], through: try await store.head())
        }.compactMap(\.data.person))
        // Folding a few members costs less than reading the country's projection rows to narrow
        // them; every member is folded and decided either way, so both give the same answer.
        if members.count <= Self.membersFoldedWhole { return members }
        return try await candidates(now: now, at: time).map { Set($0).intersection(members) } ?? members
    }

    /// Up to how many people an agency's report folds all its members rather than narrowing them
    /// by the projection rows first (about a millisecond a member, against a few seconds for
    /// the country's rows on the national ledger: Docs/PERFORMANCE.md).
    static let membersFoldedWhole = 1_000

    /// Everyone on full-time study leave on the as-of day. The projection tables find the
    /// candidates; each candidate's own events decide (as of the day, as known at the moment).
    public func onLeave(agency: String? = nil, at time: QueryTime) async throws(AppError) -> [LeaveLine] {
        if let agency { try await requireAgency(agency, at: time) }
        let store = store
        let candidates = try await reportPeople(agency: agency, now: { () throws(AppError) in
            try await inAppTerms { () throws(LedgerError) in
                try await store.applicationRows(.onLeave(day: time.asOf, modes: StudyMode.studyLeaveModes)).map(\.person)
            }
        }, at: time)
        var out: [LeaveLine] = []
        for (i, p) in candidates.enumerated() {
            progress?(i, candidates.count)
            let (world, _, _) = try await slice([Tag.person(p)], time)
            guard let person = world.people[p], person.separation == nil, agency == nil || person.agency == agency else { continue }
            for app in world.applications(of: p) where app.state == .onLeave && app.mode.isStudyLeave {
                out.append(LeaveLine(person: person.id, name: person.name, agency: person.agency, application: ApplicationLine(
                    application: app.id, mode: app.mode, sponsor: app.sponsor, state: app.state,
                    from: app.submission.from, to: app.currentTo, abroad: app.submission.abroad)))
            }
        }
        return out.sorted { ($0.agency, $0.person, $0.application.application) < ($1.agency, $1.person, $1.application.application) }
    }

    /// Every obligation on the as-of day that is not fulfilled (with `all`, fulfilled ones too).
    /// Candidates are the people with full-time leave started by that day (projection tables).
    public func obligations(agency: String? = nil, all: Bool = false, at time: QueryTime) async throws(AppError) -> [ObligationLine] {
        if let agency { try await requireAgency(agency, at: time) }
        let store = store, modes = try await policies(through: try await knownPosition(.now)).modesOwingService
        let candidates = try await reportPeople(agency: agency, now: { () throws(AppError) in
            try await inAppTerms { () throws(LedgerError) in
                try await store.applicationRows(.leaveStarted(by: time.asOf, modes: modes)).map(\.person)
            }
        }, at: time)
        var out: [ObligationLine] = []
        for (i, p) in candidates.enumerated() {
            progress?(i, candidates.count)
            let (world, _, _) = try await slice([Tag.person(p)], time)
            guard let person = world.people[p], agency == nil || person.agency == agency else { continue }
            for app in world.applications(of: p) {
                guard let o = ObligationRule.compute(app, in: world, asOf: time.asOf, policies: policies(world)) else { continue }
                if all || o.state != .fulfilled {
                    out.append(ObligationLine(person: person.id, name: person.name, agency: person.agency, obligation: o))
                }
            }
        }
        return out.sorted { ($0.agency, $0.person, $0.obligation.application) < ($1.agency, $1.person, $1.obligation.application) }
    }
}

extension QueryTime {
    /// A `--known-at` time as milliseconds since 1970 (UTC): an ISO timestamp (UTC unless it has a
    /// zone; `Z` or `±HH:MM`), or a bare date meaning the end of that day. Nil when it is neither.
    public static func millis(_ text: String) -> Int64? { Timestamp.parseQuery(text) }
}

/// When an answer looks, resolved: the day, and the position (with its recorded time) it is known at.
public struct Seen: Equatable, Sendable {
    public var asOf: CivilDate
    public var position: Int64
    /// When the event at `position` was recorded (UTC, as stored); nil for an empty view.
    public var recordedAt: String?
    /// Whether `--known-at` was given (the heading names the moment only then).
    public var knownAtGiven: Bool
}

extension Queries {
    /// The day and the moment a query looks at, for the heading of an answer that is not today's.
    public func seen(_ time: QueryTime, knownAtGiven: Bool) async throws(AppError) -> Seen {
        let k = try await knownPosition(time.knownAt)
        let store = store
        let recorded = k > 0 ? try await inAppTerms { () throws(LedgerError) in try await store.event(at: k)?.recordedAt } : nil
        return Seen(asOf: time.asOf, position: k, recordedAt: recorded, knownAtGiven: knownAtGiven)
    }
}

/// Recorded times as people read them.
public enum RecordedTime {
    /// A stored time (UTC) as Taipei local time with its offset: `2026-11-22T15:00:00.123+08:00`.
    public static func taipei(_ stored: String) -> String { Timestamp.taipei(stored) }
}
