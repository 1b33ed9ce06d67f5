/// What happened: the payload of every event the ledger holds. Docs/EVENTS.md is the catalogue;
/// each case names the command that records it and the rule that allows it.
public enum EventData: Equatable, Sendable {
    // Master data
    case agencyAdded(agency: String, name: String, parent: String?)
    case headcountSet(agency: String, year: Int, budgeted: Int)
    case personAdded(person: String, name: String, agency: String, head: Bool, profile: PersonProfile = .unrecorded)
    case personTransferred(person: String, from: String, to: String, carryObligation: Bool, wasHead: Bool)
    case personSeparated(person: String, agency: String, reason: SeparationReason, wasHead: Bool)
    /// A head appointed from a day (機關首長), or an acting head (職務代理人) for a period.
    case headAppointed(agency: String, person: String, acting: Bool, until: CivilDate?)

    // The study, from application to return
    case applicationSubmitted(Submission)
    case applicationReviewed(application: String, person: String, workRelated: Bool)
    case applicationScreened(application: String, person: String, passed: Bool)
    case applicationApproved(application: String, person: String, by: String, agency: String, year: Int)
    case applicationRejected(application: String, person: String, by: String, reason: String)
    case applicationWithdrawn(application: String, person: String)
    case leaveStarted(application: String, person: String)
    case leaveExtended(application: String, person: String, until: CivilDate, by: String)
    case leaveEnded(application: String, person: String)
    case returnedToDuty(application: String, person: String)

    // Service and money
    case paymentRecorded(application: String, person: String, salary: NTD, subsidy: NTD)
    case servicePaused(person: String, reason: String)
    case serviceResumed(person: String)
    case liabilityWaived(application: String, person: String, reason: String)

    // Learning hours (RULES.md §7)
    case courseAdded(CourseSpec)
    case attendanceRecorded(course: String, person: String, leave: Hours, absent: Bool)
    /// An issuing agency's requirement for a year; recorded again, it replaces the earlier one.
    case hoursRequired(agency: String, year: Int, minimums: [HoursMinimum])

    // Policies (CLI.md, Policies in the ledger): one policy of a file, with all its figures.
    case policyAdopted(Policy)

    // Access to the web view (CLI.md, A read-only web view): only the token's hash is kept.
    case accessGranted(grant: String, agency: String, label: String, tokenHash: String)
    case accessRevoked(grant: String, agency: String)

    // Corrections
    case eventRetracted(position: Int64, type: String, reason: String)

    /// A course as `course add` describes it.
    public struct CourseSpec: Equatable, Sendable {
        public var course: String
        public var name: String
        public var hours: Hours
        public var from: CivilDate
        public var to: CivilDate
        public var topics: [Topic]
        public var delivery: Delivery
        public var digitalHours: Hours
        public var organiser: String?

        public init(course: String, name: String, hours: Hours, from: CivilDate, to: CivilDate, topics: [Topic],
                    delivery: Delivery = .classroom, digitalHours: Hours? = nil, organiser: String? = nil) {
            self.course = course; self.name = name; self.hours = hours; self.from = from; self.to = to
            self.topics = Topic.allCases.filter(topics.contains); self.delivery = delivery
            self.digitalHours = digitalHours ?? (delivery == .digital ? hours : .zero); self.organiser = organiser
        }
    }

    /// The application as submitted (`apply`).
    public struct Submission: Equatable, Sendable {
        public var application: String
        public var person: String
        public var agency: String
        public var mode: StudyMode
        public var sponsor: Sponsorship
        public var from: CivilDate
        public var to: CivilDate
        public var abroad: Bool
        public var programme: Programme?
        public var hoursPerWeek: Int?

        public init(application: String, person: String, agency: String, mode: StudyMode, sponsor: Sponsorship,
                    from: CivilDate, to: CivilDate, abroad: Bool = false, programme: Programme? = nil, hoursPerWeek: Int? = nil) {
            self.application = application; self.person = person; self.agency = agency; self.mode = mode
            self.sponsor = sponsor; self.from = from; self.to = to; self.abroad = abroad
            self.programme = programme; self.hoursPerWeek = hoursPerWeek
        }
    }

    /// The event's type name, as stored and exported.
    public var type: String {
        switch self {
        case .agencyAdded: "AgencyAdded"
        case .headcountSet: "HeadcountSet"
        case .personAdded: "PersonAdded"
        case .personTransferred: "PersonTransferred"
        case .personSeparated: "PersonSeparated"
        case .headAppointed: "HeadAppointed"
        case .applicationSubmitted: "ApplicationSubmitted"
        case .applicationReviewed: "ApplicationReviewed"
        case .applicationScreened: "ApplicationScreened"
        case .applicationApproved: "ApplicationApproved"
        case .applicationRejected: "ApplicationRejected"
        case .applicationWithdrawn: "ApplicationWithdrawn"
        case .leaveStarted: "LeaveStarted"
        case .leaveExtended: "LeaveExtended"
        case .leaveEnded: "LeaveEnded"
        case .returnedToDuty: "ReturnedToDuty"
        case .paymentRecorded: "PaymentRecorded"
        case .servicePaused: "ServicePaused"
        case .serviceResumed: "ServiceResumed"
        case .liabilityWaived: "LiabilityWaived"
        case .courseAdded: "CourseAdded"
        case .attendanceRecorded: "AttendanceRecorded"
        case .hoursRequired: "HoursRequired"
        case .policyAdopted: "PolicyAdopted"
        case .accessGranted: "AccessGranted"
        case .accessRevoked: "AccessRevoked"
        case .eventRetracted: "EventRetracted"
        }
    }

    public static let allTypes = [
        "AgencyAdded", "HeadcountSet", "PersonAdded", "PersonTransferred", "PersonSeparated", "HeadAppointed",
        "ApplicationSubmitted", "ApplicationReviewed", "ApplicationScreened", "ApplicationApproved",
        "ApplicationRejected", "ApplicationWithdrawn", "LeaveStarted", "LeaveExtended", "LeaveEnded",
        "ReturnedToDuty", "PaymentRecorded", "ServicePaused", "ServiceResumed", "LiabilityWaived",
        "CourseAdded", "AttendanceRecorded", "HoursRequired", "PolicyAdopted", "AccessGranted", "AccessRevoked", "EventRetracted",
    ]

    /// The payload schema version; a reader refuses versions it does not know.
    public static let schemaVersion = 1

    /// Master data holds for every as-of day: an agency or person recorded today still existed
    /// when their past studies happened (Decision, Docs/RULES.md).
    public var isTimeless: Bool {
        switch self {
        // A policy's own effectiveFrom says from when it holds; its adoption is known from its position.
        case .agencyAdded, .headcountSet, .personAdded, .courseAdded, .policyAdopted: true
        default: false
        }
    }

    /// The application the event is about, if any.
    public var application: String? {
        switch self {
        case .applicationSubmitted(let s): s.application
        case .applicationReviewed(let a, _, _), .applicationScreened(let a, _, _),
             .applicationApproved(let a, _, _, _, _), .applicationRejected(let a, _, _, _),
             .applicationWithdrawn(let a, _), .leaveStarted(let a, _), .leaveExtended(let a, _, _, _),
             .leaveEnded(let a, _), .returnedToDuty(let a, _), .paymentRecorded(let a, _, _, _),
             .liabilityWaived(let a, _, _): a
        default: nil
        }
    }

    /// The person the event is about, if any.
    public var person: String? {
        switch self {
        case .personAdded(let p, _, _, _, _), .attendanceRecorded(_, let p, _, _), .personTransferred(let p, _, _, _, _), .personSeparated(let p, _, _, _),
             .servicePaused(let p, _), .serviceResumed(let p), .headAppointed(_, let p, _, _): p
        case .applicationSubmitted(let s): s.person
        case .applicationReviewed(_, let p, _), .applicationScreened(_, let p, _),
             .applicationApproved(_, let p, _, _, _), .applicationRejected(_, let p, _, _),
             .applicationWithdrawn(_, let p), .leaveStarted(_, let p), .leaveExtended(_, let p, _, _),
             .leaveEnded(_, let p), .returnedToDuty(_, let p), .paymentRecorded(_, let p, _, _),
             .liabilityWaived(_, let p, _): p
        default: nil
        }
    }
}

/// An event as the ledger holds it: the payload with its place in both times.
public struct Event: Equatable, Sendable {
    /// Position in the ledger (transaction order), from 1.
    public var position: Int64
    /// The day it happened in the world (valid time).
    public var on: CivilDate
    /// When the ledger recorded it, UTC with milliseconds (transaction time).
    public var recordedAt: String
    public var actor: String
    public var requestId: String?
    public var tags: [String]
    public var data: EventData

    public init(position: Int64, on: CivilDate, recordedAt: String, actor: String, requestId: String? = nil,
                tags: [String], data: EventData) {
        self.position = position; self.on = on; self.recordedAt = recordedAt; self.actor = actor
        self.requestId = requestId; self.tags = tags; self.data = data
    }
}

/// An event a decision asks to record: the store gives it a position, a time and a hash.
public struct NewEvent: Equatable, Sendable {
    public var on: CivilDate
    public var tags: [String]
    public var data: EventData
    public init(on: CivilDate, tags: [String], data: EventData) {
        self.on = on; self.tags = tags.sorted(); self.data = data
    }
}
