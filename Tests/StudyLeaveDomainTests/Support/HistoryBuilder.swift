import Testing
@testable import StudyLeaveDomain

/// A day written as ISO text, for readable tests: `day("2025-09-01")`.
func day(_ iso: String) -> CivilDate {
    guard let d = DateParsing.parseISO(iso) else { fatalError("not an ISO day in a test: \(iso)") }
    return d
}

/// An in-memory ledger that records only what the real rules allow.
///
/// Every write goes through `Decider.decide`, reading the events of the tags `Command.slice` names, the
/// way the App's `Recorder` does (the dynamic consistency boundary), and appends the returned
/// `NewEvent`s with the next positions 1, 2, 3 … and a fixed recorded time. Each decision is also
/// taken on the whole ledger; when the two differ the command is noted in `divergences`.
struct History {
    static let recordedAt = "2026-01-01T00:00:00.000Z"

    var events: [Event] = []
    var policies: PolicySet
    /// Commands whose decision on their tagged slice differed from the decision on every event.
    var divergences: [String] = []

    init(policies: PolicySet = .standard) { self.policies = policies }

    var lastPosition: Int64 { events.last?.position ?? 0 }

    /// The last recorded event of a type (e.g. "ApplicationApproved"), about an application if named.
    /// When there is none, the test records an issue and gets a stand-in at position 0.
    func last(_ type: String, of application: String? = nil, sourceLocation: SourceLocation = #_sourceLocation) -> Event {
        if let e = events.last(where: { $0.data.type == type && (application == nil || $0.data.application == application) }) {
            return e
        }
        Issue.record("no \(type) recorded", sourceLocation: sourceLocation)
        return Event(position: 0, on: day("2000-01-01"), recordedAt: History.recordedAt, actor: "none", tags: [],
                     data: .serviceResumed(person: "nobody"))
    }

    /// The events tagged with any of `tags`, in position order (what the ledger reader returns).
    func events(taggedAny tags: Set<String>) -> [Event] {
        events.filter { !tags.isDisjoint(with: $0.tags) }
    }

    /// The events a decision reads, as the App's `Recorder` reads them: `Command.slice` names the
    /// tags given what was read so far, until the set stops growing.
    func slice(for command: Command) -> [Event] {
        command.slice { tags in events(taggedAny: tags) }.events
    }

    /// The decision on the command's slice, recording nothing.
    func decide(_ command: Command, on: CivilDate) throws(Refusal) -> [NewEvent] {
        try Decider(events: slice(for: command), policies: policies, on: on).decide(command)
    }

    /// The decision on every event recorded so far, recording nothing.
    func decideOnWholeLedger(_ command: Command, on: CivilDate) throws(Refusal) -> [NewEvent] {
        try Decider(events: events, policies: policies, on: on).decide(command)
    }

    /// Decides and, when allowed, appends the new events. Returns what was appended.
    @discardableResult
    mutating func record(_ command: Command, on: CivilDate) throws(Refusal) -> [Event] {
        let sliced = Result { () throws(Refusal) -> [NewEvent] in try decide(command, on: on) }
        let whole = Result { () throws(Refusal) -> [NewEvent] in try decideOnWholeLedger(command, on: on) }
        if sliced != whole {
            divergences.append("\(command) on \(on.iso): slice \(sliced), whole ledger \(whole)")
        }
        let new = try sliced.get()
        var appended: [Event] = []
        for n in new {
            let e = Event(position: lastPosition + 1, on: n.on, recordedAt: History.recordedAt, actor: "tester",
                          tags: n.tags, data: n.data)
            events.append(e)
            appended.append(e)
        }
        return appended
    }

    /// Appends an event no decision was asked about, as an import of another ledger may hold it.
    mutating func appendUnchecked(_ data: EventData, on: String, tags: [String]) {
        events.append(Event(position: lastPosition + 1, on: day(on), recordedAt: History.recordedAt, actor: "import",
                            tags: tags.sorted(), data: data))
    }

    /// Records a step a test relies on; a refusal is reported as a test issue.
    @discardableResult
    mutating func given(_ command: Command, on: String, sourceLocation: SourceLocation = #_sourceLocation) -> [Event] {
        do {
            return try record(command, on: day(on))
        } catch {
            Issue.record("setting up, \(command) on \(on) was refused: \(error.message)", sourceLocation: sourceLocation)
            return []
        }
    }

    // MARK: Folds

    /// The world as of a day (valid time), everything recorded so far (transaction time).
    func world(asOf: CivilDate? = nil) -> World {
        World(events: events, view: TimeView(asOf: asOf))
    }

    /// The obligation of an application as of a day, folded as the App's queries fold it.
    func obligation(_ application: String, asOf: String) -> Obligation? {
        obligation(application, asOf: day(asOf))
    }

    func obligation(_ application: String, asOf: CivilDate) -> Obligation? {
        let w = world(asOf: asOf)
        guard let app = w.applications[application] else { return nil }
        return ObligationRule.compute(app, in: w, asOf: asOf, policies: policies)
    }

    /// The places used in an agency-year, folded over every event.
    func quotaUsed(_ agency: String, _ year: Int, on: String) -> Int {
        QuotaRule.used(in: world(), agency: agency, year: year, policy: policies.inForce(on: day(on)))
    }
}

// MARK: - The cast

/// The agencies and people most tests start from, all recorded on 2025-01-01:
/// - GOV (no parent), headed by Gov;
/// - HR, child of GOV, headed by Boss, budgeted headcount 25 in 2025 and 2026 (cap 2);
/// - LAB, child of GOV, headed by Lab;
/// - staff of HR: Ann, Ben, Cai, Dee; staff of LAB: Leo.
extension History {
    static func cast(policies: PolicySet = .standard, budgeted: Int? = 25) -> History {
        var h = History(policies: policies)
        h.given(.addAgency(id: "GOV", name: "Ministry", parent: nil), on: "2025-01-01")
        h.given(.addAgency(id: "HR", name: "Human Resources", parent: "GOV"), on: "2025-01-01")
        h.given(.addAgency(id: "LAB", name: "Laboratory", parent: "GOV"), on: "2025-01-01")
        h.given(.addPerson(id: "Gov", name: "Minister", agency: "GOV", head: true), on: "2025-01-01")
        h.given(.addPerson(id: "Boss", name: "HR head", agency: "HR", head: true), on: "2025-01-01")
        h.given(.addPerson(id: "Lab", name: "LAB head", agency: "LAB", head: true), on: "2025-01-01")
        for p in ["Ann", "Ben", "Cai", "Dee"] {
            h.given(.addPerson(id: p, name: p, agency: "HR", head: false), on: "2025-01-01")
        }
        h.given(.addPerson(id: "Leo", name: "Leo", agency: "LAB", head: false), on: "2025-01-01")
        if let budgeted {
            for year in [2025, 2026, 2027] {
                h.given(.setHeadcount(agency: "HR", year: year, budgeted: budgeted), on: "2025-01-01")
                h.given(.setHeadcount(agency: "LAB", year: year, budgeted: budgeted), on: "2025-01-01")
            }
        }
        return h
    }
}

// MARK: - Studies

/// An application as a test writes it: full-time selected study at home unless said otherwise.
func study(_ id: String, _ person: String, _ from: String, _ to: String,
           mode: StudyMode = .fullTime, sponsor: Sponsorship = .selected,
           abroad: Bool = false, programme: Programme? = nil, hours: Int? = nil) -> Command {
    .apply(Command.Application(id: id, person: person, mode: mode, sponsor: sponsor, from: day(from), to: day(to),
                               abroad: abroad, programme: programme, hoursPerWeek: hours))
}

extension History {
    /// Applies, finds it work-related, screens it when selected, and records nothing more.
    mutating func submitted(_ apply: Command, on: String, sourceLocation: SourceLocation = #_sourceLocation) {
        guard case .apply(let a) = apply else { fatalError("not an application") }
        given(apply, on: on, sourceLocation: sourceLocation)
        given(.review(application: a.id, workRelated: true), on: on, sourceLocation: sourceLocation)
        if a.sponsor == .selected {
            given(.screen(application: a.id, passed: true), on: on, sourceLocation: sourceLocation)
        }
    }

    /// Applies, reviews, screens when selected and approves, all on `on`.
    mutating func approved(_ apply: Command, by: String = "Boss", on: String, sourceLocation: SourceLocation = #_sourceLocation) {
        guard case .apply(let a) = apply else { fatalError("not an application") }
        submitted(apply, on: on, sourceLocation: sourceLocation)
        given(.approve(application: a.id, by: by), on: on, sourceLocation: sourceLocation)
    }

    /// An approved study taken from its leave start to its leave end, back on duty on `returned`.
    mutating func studied(_ apply: Command, approvedOn: String, by: String = "Boss", leaveStart: String, leaveEnd: String,
                          returned: String?, sourceLocation: SourceLocation = #_sourceLocation) {
        guard case .apply(let a) = apply else { fatalError("not an application") }
        approved(apply, by: by, on: approvedOn, sourceLocation: sourceLocation)
        given(.startLeave(application: a.id), on: leaveStart, sourceLocation: sourceLocation)
        given(.endLeave(application: a.id), on: leaveEnd, sourceLocation: sourceLocation)
        if let returned { given(.returnToDuty(application: a.id), on: returned, sourceLocation: sourceLocation) }
    }
}
