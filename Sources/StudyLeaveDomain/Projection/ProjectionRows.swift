/// The rows of the country-wide projection tables: the current state of every agency, person and
/// application, with the days that let a report filter by valid time. A compact fold, so that a
/// rebuild of millions of events fits in little memory.
public struct AgencyRow: Equatable, Sendable {
    public var agency: String
    public var name: String
    public var parent: String?
    public init(agency: String, name: String, parent: String?) { self.agency = agency; self.name = name; self.parent = parent }
}

public struct HeadcountRow: Equatable, Sendable {
    public var agency: String
    public var year: Int
    public var budgeted: Int
    public init(agency: String, year: Int, budgeted: Int) { self.agency = agency; self.year = year; self.budgeted = budgeted }
}

public struct PersonRow: Equatable, Sendable {
    public var person: String
    public var name: String
    public var agency: String
    public var separatedOn: CivilDate?
    public init(person: String, name: String, agency: String, separatedOn: CivilDate?) {
        self.person = person; self.name = name; self.agency = agency; self.separatedOn = separatedOn
    }
}

public struct ApplicationRow: Equatable, Sendable {
    public var application: String
    public var person: String
    public var agency: String
    public var mode: StudyMode
    public var sponsor: Sponsorship
    public var abroad: Bool
    public var from: CivilDate
    /// The last approved day, extensions included.
    public var to: CivilDate
    public var approvedOn: CivilDate?
    public var approvedAgency: String?
    public var approvedYear: Int?
    public var rejectedOn: CivilDate?
    public var withdrawnOn: CivilDate?
    public var leaveStart: CivilDate?
    public var leaveEnd: CivilDate?
    public var returnedOn: CivilDate?

    public init(application: String, person: String, agency: String, mode: StudyMode, sponsor: Sponsorship, abroad: Bool,
                from: CivilDate, to: CivilDate, approvedOn: CivilDate? = nil, approvedAgency: String? = nil, approvedYear: Int? = nil,
                rejectedOn: CivilDate? = nil, withdrawnOn: CivilDate? = nil, leaveStart: CivilDate? = nil, leaveEnd: CivilDate? = nil,
                returnedOn: CivilDate? = nil) {
        self.application = application; self.person = person; self.agency = agency; self.mode = mode; self.sponsor = sponsor
        self.abroad = abroad; self.from = from; self.to = to; self.approvedOn = approvedOn; self.approvedAgency = approvedAgency
        self.approvedYear = approvedYear; self.rejectedOn = rejectedOn; self.withdrawnOn = withdrawnOn; self.leaveStart = leaveStart
        self.leaveEnd = leaveEnd; self.returnedOn = returnedOn
    }

    /// Rejected, withdrawn or back at work: no later event changes the row (a retraction
    /// recomputes it from its own events).
    public var isClosed: Bool { withdrawnOn != nil || rejectedOn != nil || returnedOn != nil }

    /// The state as CLI.md names it, with everything recorded.
    public var state: ApplicationState {
        if withdrawnOn != nil { return .withdrawn }
        if rejectedOn != nil { return .rejected }
        if returnedOn != nil { return .returned }
        if leaveEnd != nil { return .ended }
        if leaveStart != nil { return .onLeave }
        if approvedOn != nil { return .approved }
        return .submitted
    }
}

/// Folds events (retracted ones already removed) into rows.
public struct ProjectionFold: Sendable {
    public var agencies: [String: AgencyRow] = [:]
    public var headcounts: [QuotaKey: HeadcountRow] = [:]
    public var people: [String: PersonRow] = [:]
    public var applications: [String: ApplicationRow] = [:]

    public init() {}

    /// Folds a slice: retractions in it remove their targets.
    public init(events: [Event]) {
        var retracted = Set<Int64>()
        for e in events { if case .eventRetracted(let t, _, _) = e.data { retracted.insert(t) } }
        for e in events where !retracted.contains(e.position) { apply(e.data, on: e.on) }
    }

    public mutating func apply(_ data: EventData, on day: CivilDate) {
        switch data {
        case let .agencyAdded(a, name, parent):
            agencies[a] = AgencyRow(agency: a, name: name, parent: parent)
        case let .headcountSet(a, year, budgeted):
            headcounts[QuotaKey(agency: a, year: year)] = HeadcountRow(agency: a, year: year, budgeted: budgeted)
        case let .personAdded(p, name, agency, _, _):
            people[p] = PersonRow(person: p, name: name, agency: agency, separatedOn: nil)
        case let .personTransferred(p, _, to, _, _):
            people[p]?.agency = to
        case let .personSeparated(p, _, _, _):
            people[p]?.separatedOn = day
        case let .applicationSubmitted(s):
            applications[s.application] = ApplicationRow(
                application: s.application, person: s.person, agency: s.agency, mode: s.mode, sponsor: s.sponsor,
                abroad: s.abroad, from: s.from, to: s.to)
        case let .applicationApproved(x, _, _, _, _), let .applicationRejected(x, _, _, _), let .applicationWithdrawn(x, _),
             let .leaveStarted(x, _), let .leaveExtended(x, _, _, _), let .leaveEnded(x, _), let .returnedToDuty(x, _):
            if let i = applications.index(forKey: x) { Self.apply(data, on: day, to: &applications.values[i]) }
        case .applicationReviewed, .applicationScreened, .paymentRecorded, .servicePaused, .serviceResumed,
             .liabilityWaived, .eventRetracted, .headAppointed, .courseAdded, .attendanceRecorded, .hoursRequired, .policyAdopted, .accessGranted, .accessRevoked:
            break
        }
    }

    /// A step of an application's study, on its row (the caller found the row once).
    public static func apply(_ data: EventData, on day: CivilDate, to row: inout ApplicationRow) {
        switch data {
        case let .applicationApproved(_, _, _, agency, year):
            row.approvedOn = day; row.approvedAgency = agency; row.approvedYear = year
        case .applicationRejected: row.rejectedOn = day
        case .applicationWithdrawn: row.withdrawnOn = day
        case .leaveStarted: row.leaveStart = day
        case let .leaveExtended(_, _, until, _): row.to = until
        case .leaveEnded: row.leaveEnd = day
        case .returnedToDuty: row.returnedOn = day
        default: break
        }
    }

    /// The event types `apply` acts on; the others (reviews, screenings, payments, pauses,
    /// waivers) change no row, so a rebuild need not decode them. Retractions are handled apart.
    public static let changingTypes: Set<String> = [
        "AgencyAdded", "HeadcountSet", "PersonAdded", "PersonTransferred", "PersonSeparated", "ApplicationSubmitted",
        "ApplicationApproved", "ApplicationRejected", "ApplicationWithdrawn", "LeaveStarted", "LeaveExtended",
        "LeaveEnded", "ReturnedToDuty",
    ]

    /// Whether `apply` acts on the event (its type is one of `changingTypes`).
    public static func changesRows(_ data: EventData) -> Bool {
        switch data {
        case .agencyAdded, .headcountSet, .personAdded, .personTransferred, .personSeparated, .applicationSubmitted,
             .applicationApproved, .applicationRejected, .applicationWithdrawn, .leaveStarted, .leaveExtended,
             .leaveEnded, .returnedToDuty:
            true
        case .applicationReviewed, .applicationScreened, .paymentRecorded, .servicePaused, .serviceResumed,
             .liabilityWaived, .eventRetracted, .headAppointed, .courseAdded, .attendanceRecorded, .hoursRequired, .policyAdopted, .accessGranted, .accessRevoked:
            false
        }
    }

    /// The rows an event touches, by kind and id: what to recompute after it is appended.
    public static func keys(of event: Event) -> [ProjectionKey] {
        var keys: [ProjectionKey] = []
        for tag in event.tags {
            if tag.hasPrefix("agency:") { keys.append(.agency(String(tag.dropFirst(7)))) }
            else if tag.hasPrefix("person:") { keys.append(.person(String(tag.dropFirst(7)))) }
            else if tag.hasPrefix("application:") { keys.append(.application(String(tag.dropFirst(12)))) }
        }
        return keys
    }
}

extension ProjectionFold {
    /// The rows an event other than a retraction changes: of its tags' rows, those its type
    /// acts on (`apply`). A review, say, changes none, and an application's step its own row only,
    /// not its agency's. Such an event can be applied to the rows as they stand; a retraction
    /// cannot (it takes its target out of the fold), and answers nil.
    public static func keys(changedBy event: Event) -> [ProjectionKey]? {
        if case .eventRetracted = event.data { return nil }
        let type = event.data.type
        return keys(of: event).filter { $0.isChanged(byType: type) }
    }

    /// The rows a retraction touches: of its tags (its target's), those whose kind of row the
    /// target's type changes. A retracted payment or review touches none.
    public static func keys(ofRetraction retraction: Event, targetType: String) -> [ProjectionKey] {
        keys(of: retraction).filter { $0.isChanged(byType: targetType) }
    }
}

public enum ProjectionKey: Hashable, Sendable {
    case agency(String), person(String), application(String)

    static let agencyTypes: Set<String> = ["AgencyAdded", "HeadcountSet"]
    /// The events a person's row derives from: their arrival, transfers and separation (where
    /// and from when they served, `World.apply`).
    public static let personTypes: Set<String> = ["PersonAdded", "PersonTransferred", "PersonSeparated"]
    static let applicationTypes = ProjectionFold.changingTypes.subtracting(agencyTypes).subtracting(personTypes)

    /// Whether an event of this type changes this kind of row (`ProjectionFold.apply`).
    public func isChanged(byType type: String) -> Bool {
        switch self {
        case .agency: Self.agencyTypes.contains(type)
        case .person: Self.personTypes.contains(type)
        case .application: Self.applicationTypes.contains(type)
        }
    }

    /// The tag whose events rebuild this row.
    public var tag: String {
        switch self {
        case .agency(let a): Tag.agency(a)
        case .person(let p): Tag.person(p)
        case .application(let x): Tag.application(x)
        }
    }
}
