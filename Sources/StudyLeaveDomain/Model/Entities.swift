/// Where an event stands: its position in the ledger and its day in the world.
public struct Ref: Equatable, Sendable {
    public let position: Int64
    public let on: CivilDate
    public init(position: Int64, on: CivilDate) { self.position = position; self.on = on }
}

public struct Agency: Equatable, Sendable {
    public let id: String
    public var name: String
    public var parent: String?
    public var added: Ref
}

public struct Headcount: Equatable, Sendable {
    public var budgeted: Int
    public var ref: Ref
}

public struct Transfer: Equatable, Sendable {
    public var from: String
    public var to: String
    public var carryObligation: Bool
    public var ref: Ref
}

public struct Separation: Equatable, Sendable {
    public var agency: String
    public var reason: SeparationReason
    public var ref: Ref
}

/// A headship (機關首長), or an acting one (職務代理人, for a period).
public struct Headship: Equatable, Sendable {
    public var person: String
    public var acting: Bool
    public var from: Ref
    /// The last day of an acting headship.
    public var until: CivilDate?
    /// The first day it no longer held (a later appointment, a transfer, a separation).
    public var ended: CivilDate? = nil
}

public struct Person: Equatable, Sendable {
    public let id: String
    public var name: String
    public var agency: String
    public var added: Ref
    public var transfers: [Transfer] = []
    public var separation: Separation?
    public var pauses: [Pause] = []
    /// Category and gender, for learning hours (RULES.md §7).
    public var profile: PersonProfile = .unrecorded
}

/// A pause of the service count (RULES.md §5): from `started.on` up to, not including, `resumed.on`.
public struct Pause: Equatable, Sendable {
    public var started: Ref
    public var reason: String
    public var resumed: Ref?
}

public struct Approval: Equatable, Sendable {
    public var by: String
    /// The agency whose quota place it takes (RULES.md §3: where the applicant served when approved).
    public var agency: String
    public var year: Int
    public var ref: Ref
}

public struct Extension: Equatable, Sendable {
    public var until: CivilDate
    public var by: String
    public var ref: Ref
}

public struct Payment: Equatable, Sendable {
    public var salary: NTD
    public var subsidy: NTD
    public var ref: Ref
}

/// The state of an application, as CLI.md names it.
public enum ApplicationState: String, CaseIterable, Sendable {
    case submitted, approved, rejected, withdrawn
    case onLeave = "on-leave"
    case ended, returned
}

public struct Application: Equatable, Sendable {
    public var submission: EventData.Submission
    public var submitted: Ref
    public var review: (workRelated: Bool, ref: Ref)?
    public var screening: (passed: Bool, ref: Ref)?
    public var approval: Approval?
    public var rejection: (by: String, reason: String, ref: Ref)?
    public var withdrawal: Ref?
    public var leaveStart: Ref?
    public var extensions: [Extension] = []
    public var leaveEnd: Ref?
    public var returned: Ref?
    public var payments: [Payment] = []
    public var waiver: (reason: String, ref: Ref)?

    public var id: String { submission.application }
    public var person: String { submission.person }
    public var mode: StudyMode { submission.mode }
    public var sponsor: Sponsorship { submission.sponsor }
    /// The last approved day, extensions included.
    public var currentTo: CivilDate { extensions.last?.until ?? submission.to }

    public var state: ApplicationState {
        if withdrawal != nil { return .withdrawn }
        if rejection != nil { return .rejected }
        if returned != nil { return .returned }
        if leaveEnd != nil { return .ended }
        if leaveStart != nil { return .onLeave }
        if approval != nil { return .approved }
        return .submitted
    }

    public var durationKind: DurationKind? {
        DurationKind.of(mode: submission.mode, sponsor: submission.sponsor, abroad: submission.abroad, programme: submission.programme)
    }

    public static func == (a: Application, b: Application) -> Bool {
        a.submission == b.submission && a.submitted == b.submitted && a.review?.workRelated == b.review?.workRelated
            && a.review?.ref == b.review?.ref && a.screening?.passed == b.screening?.passed && a.screening?.ref == b.screening?.ref
            && a.approval == b.approval && a.rejection?.ref == b.rejection?.ref && a.withdrawal == b.withdrawal
            && a.leaveStart == b.leaveStart && a.extensions == b.extensions && a.leaveEnd == b.leaveEnd
            && a.returned == b.returned && a.payments == b.payments && a.waiver?.ref == b.waiver?.ref
    }
}
