/// Why a command was refused: a value with the figures in it. Its `message` is the one line the
/// CLI prints; tests assert on the value.
public enum Refusal: Error, Equatable, Sendable {
    // Master data (ids, agencies, people)
    case agencyExists(String)
    case personExists(String)
    case applicationExists(String)
    case unknownAgency(String)
    case unknownPerson(String)
    case unknownApplication(String)
    case unknownPosition(Int64)
    /// An unknown id, with the known ids it is close to (another case, a missing dash): the
    /// officer most likely meant one of them, not a new record (issue 16).
    indirect case didYouMean(Refusal, [String])
    case agencyHasHead(agency: String, head: String)
    case headOutsideAgency(person: String, agency: String, servesIn: String)
    case alreadyHead(person: String, agency: String)
    case transferToSameAgency(person: String, agency: String)
    case personSeparated(person: String, on: CivilDate)

    // The application itself (RULES.md §1, §4)
    case periodReversed(from: CivilDate, to: CivilDate)
    case durationExceeded(kind: DurationKind, months: Int, latestTo: CivilDate, article: String)
    case partTimeHoursExceeded(hours: Int, limit: Int)
    case partTimeHoursMissing(limit: Int)
    case headcountBeforeAgency(agency: String, year: Int, added: CivilDate)
    case missingDetail(String)
    case invalidValue(String)

    // Approval (RULES.md §2)
    case wrongState(application: String, state: ApplicationState, action: String, next: NextStep? = nil)
    case alreadyDecided(application: String, what: String, position: Int64)
    case screeningOnlyForSelected(application: String)
    case workRelatedFindingMissing(application: String)
    case notWorkRelated(application: String)
    case screeningMissing(application: String)
    case screeningFailed(application: String)
    case decidesOwnApplication(person: String)
    case notTheCompetentHead(by: String, agency: String, head: String?)
    case headWithoutParent(person: String, agency: String)
    case approvalAfterStart(application: String, from: CivilDate, on: CivilDate)
    case datedBefore(what: String, on: CivilDate, ground: String, groundOn: CivilDate)

    // Quota (RULES.md §3)
    case quotaFull(agency: String, year: Int, cap: Int, budgeted: Int, used: Int, holders: [QuotaHolder] = [])
    case noHeadcount(agency: String, year: Int)

    // Leave (RULES.md §4, §5)
    case offHoursTakesNoLeave(application: String)
    case leaveOutsidePeriod(application: String, on: CivilDate, from: CivilDate, to: CivilDate)
    case extensionOnlyFullTime(application: String)
    case extensionNotLater(application: String, until: CivilDate, currentTo: CivilDate)
    case extensionExceeded(kind: DurationKind, months: Int, latestUntil: CivilDate, article: String)
    case returnNotAfterLeaveEnd(application: String, on: CivilDate, leaveEnd: CivilDate)
    case withdrawAfterLeaveStart(application: String)

    // Service and money (RULES.md §5, §6)
    case paymentNotForThisStudy(application: String)
    case likelyDuplicatePayment(application: String, on: CivilDate, position: Int64)
    case salaryDuringUnpaidLeave(application: String)
    case noRunningObligation(person: String)
    case pauseAlreadyOpen(person: String, since: CivilDate)
    case noOpenPause(person: String)
    case waiverWithoutBreach(application: String)
    case alreadyWaived(application: String, position: Int64)

    // Learning hours (RULES.md §7)
    case courseExists(String, position: Int64)
    case unknownCourse(String)
    case courseReversed(from: CivilDate, to: CivilDate)
    case attendeeRepeated(course: String, person: String)
    case alreadyAttended(course: String, person: String, position: Int64)
    case leaveOverCourseHours(course: String, person: String, leave: Hours, hours: Hours)

    // Access to the web view
    case unknownGrant(String)
    case alreadyRevoked(grant: String, position: Int64)
    case accessNotRetractable(position: Int64, grant: String)

    // Corrections
    case retractionOfRetraction(position: Int64)
    case requestIdReused(requestId: String, position: Int64, type: String)
    case alreadyRetracted(position: Int64, by: Int64)
    case retractionLeavesOrphan(position: Int64, type: String, dependent: Int64, dependentType: String)

    /// CLI.md exit codes: 65 for what names nothing known or is impossible, 64 for a detail the
    /// command needs, 1 for a rule.
    public var isBadData: Bool {
        switch self {
        case .didYouMean(let r, _): r.isBadData
        case .unknownAgency, .unknownPerson, .unknownApplication, .unknownPosition, .periodReversed, .invalidValue,
             .partTimeHoursMissing, .unknownCourse, .courseReversed, .attendeeRepeated, .leaveOverCourseHours, .unknownGrant: true
        default: false
        }
    }

    public var isUsage: Bool { if case .missingDetail = self { true } else { false } }

    public var message: String {
        switch self {
        case .agencyExists(let a): return "agency \(a) already exists"
        case .personExists(let p): return "person \(p) already exists"
        case .applicationExists(let x): return "application \(x) already exists"
        case .unknownAgency(let a): return "no agency \(a) in the ledger (add it with 'agency add')"
        case .unknownPerson(let p): return "no person \(p) in the ledger (add them with 'person add')"
        case .unknownApplication(let x): return "no application \(x) in the ledger"
        case .unknownPosition(let n): return "no event at position \(n) in the ledger"
        case let .didYouMean(r, ids):
            let what: String
            switch r {
            case .unknownAgency(let a): what = "no agency \(a) in the ledger"
            case .unknownPerson(let p): what = "no person \(p) in the ledger"
            case .unknownApplication(let x): what = "no application \(x) in the ledger"
            default: what = r.message
            }
            guard !ids.isEmpty else { return r.message }
            return what + ": did you mean " + ids.prefix(3).joined(separator: " or ") + "?"
        case let .agencyHasHead(a, h):
            return "agency \(a) already has a head (\(h)); to appoint a new one from a day: studyleave agency head \(a) --person PERSON --on DATE"
        case let .headOutsideAgency(p, a, servesIn):
            return "\(p) serves in \(servesIn), not \(a); a head serves in the agency they head (transfer them first: studyleave person transfer \(p) --to \(a))"
        case let .alreadyHead(p, a): return "\(p) already heads \(a)"
        case let .transferToSameAgency(p, a): return "\(p) already serves in \(a); a transfer goes to another agency"
        case let .personSeparated(p, on):
            return "\(p) leaves the service on \(on.iso) (recorded separation); from that day only pay, waive and retract may be recorded for them"
        case let .periodReversed(from, to): return "the study cannot end (\(to.iso)) before it starts (\(from.iso))"
        case let .durationExceeded(kind, months, latest, article):
            return "\(article): \(kind.label) lasts at most \(months) months: the period may end on \(latest.iso) at the latest"
        case let .partTimeHoursExceeded(h, limit):
            return "Rules 11: part-time study takes at most \(limit) hours of official leave a week, not \(h)"
        case let .partTimeHoursMissing(limit):
            return "Rules 11: part-time study takes official leave: --hours-per-week must be 1 to \(limit) (study without it is off-hours study)"
        case let .headcountBeforeAgency(a, year, added):
            return "\(a) was added on \(added.iso): a headcount for \(year), before that year, cannot be recorded (check the year: ROC 115 is 2026)"
        case .missingDetail(let d): return d
        case .invalidValue(let d): return d
        case let .wrongState(x, state, action, next):
            let base = "application \(x) is \(state.rawValue); it cannot be \(action)"
            return next.map { base + ": " + $0.message } ?? base
        case let .alreadyDecided(x, what, pos): return "application \(x) already has \(what) (position #\(pos)); retract that first to record another"
        case .screeningOnlyForSelected(let x): return "Act 9: only selected study is screened; \(x) is self-applied"
        case .workRelatedFindingMissing(let x): return "application \(x) needs the agency's finding that the study is work-related before approval ('review')"
        case .notWorkRelated(let x): return "application \(x) was found not work-related; it can be rejected, not approved"
        case .screeningMissing(let x): return "Act 9: selected study \(x) needs the screening committee's pass before approval ('screen')"
        case .screeningFailed(let x): return "Act 9: selected study \(x) did not pass screening; it can be rejected, not approved"
        case .decidesOwnApplication(let p): return "\(p) cannot decide their own application"
        case let .notTheCompetentHead(by, a, head):
            if let head { return "\(by) is not the head of \(a); its head \(head) decides this application" }
            return "\(by) is not the head of \(a), and \(a) has no head recorded on that day to decide this application: record one with 'studyleave agency head \(a) --person PERSON --on DATE' (an acting head: add --acting --until DATE)"
        case let .headWithoutParent(p, a): return "\(p) heads \(a), which has no parent agency to approve a head's application"
        case let .approvalAfterStart(x, from, on):
            return "approval must come before the study starts: \(x) starts \(from.iso), the approval is dated \(on.iso)"
        case let .datedBefore(what, on, ground, groundOn): return "\(what) cannot be dated \(on.iso), before \(ground) (\(groundOn.iso))"
        case let .quotaFull(a, year, cap, budgeted, used, holders):
            let base = "quota for \(a) in \(year) is full: cap \(cap) (budgeted \(budgeted)), used \(used)"
            guard !holders.isEmpty else { return base }
            return base + ", held by " + holders.map { "\($0.person) (\($0.application))" }.joined(separator: ", ")
        case let .noHeadcount(a, year):
            return "no budgeted headcount recorded for \(a) in \(year): record it with 'agency headcount' before approving"
        case .offHoursTakesNoLeave(let x): return "\(x) is off-hours study, which takes no leave"
        case let .leaveOutsidePeriod(x, on, from, to):
            return "\(on.iso) lies outside the approved period of \(x) (\(from.iso) to \(to.iso))"
        case .extensionOnlyFullTime(let x): return "only full-time study leave can be extended; \(x) is not full-time"
        case let .extensionNotLater(x, until, current): return "an extension of \(x) must end after \(current.iso), not on \(until.iso)"
        case let .extensionExceeded(kind, months, latest, article):
            return "\(article): \(kind.label) may be extended by at most \(months) months in all: until \(latest.iso) at the latest"
        case let .returnNotAfterLeaveEnd(x, on, end): return "the return to duty (\(on.iso)) must come after the last day of leave of \(x) (\(end.iso))"
        case .withdrawAfterLeaveStart(let x): return "the leave of \(x) has started; end it early with 'leave end' instead of withdrawing"
        case .paymentNotForThisStudy(let x): return "\(x) is not approved full-time study; only money received during approved full-time study is repayable"
        case let .likelyDuplicatePayment(x, on, position):
            return "the same payment for \(x) on \(on.iso) is already recorded (#\(position)); if it was received twice, add --again"
        case let .requestIdReused(id, position, type):
            return "request id '\(id)' was first used for #\(position) \(type), which records something else; nothing was recorded: give this write a new --request-id"
        case .salaryDuringUnpaidLeave(let x): return "Act 12: \(x) is self-applied study on unpaid leave, which receives no salary; record subsidies only"
        case .noRunningObligation(let p): return "\(p) has no service obligation running to pause"
        case let .pauseAlreadyOpen(p, since): return "the service of \(p) is already paused since \(since.iso)"
        case .noOpenPause(let p): return "the service of \(p) is not paused"
        case .waiverWithoutBreach(let x): return "Act 16: a waiver needs a breach, and the obligation of \(x) is not breached"
        case let .alreadyWaived(x, pos): return "the liability of \(x) is already waived (position #\(pos))"
        case let .courseExists(c, pos): return "course \(c) already exists (#\(pos)); correct it with 'retract \(pos)' and add it again"
        case .unknownCourse(let c): return "no course \(c) in the ledger (add it with 'course add')"
        case let .courseReversed(from, to): return "a course cannot end (\(to.iso)) before it starts (\(from.iso))"
        case let .attendeeRepeated(c, p): return "\(p) appears twice in the roster of \(c); nothing was recorded"
        case let .alreadyAttended(c, p, pos):
            return "\(p) already attended \(c) (#\(pos)); to correct that attendance, studyleave retract \(pos) and record it again"
        case let .leaveOverCourseHours(c, p, leave, hours): return "\(p)'s \(leave) hours of leave are more than the \(hours) hours of \(c)"
        case .unknownGrant(let g): return "no access grant \(g) in the ledger ('access list' shows them)"
        case let .alreadyRevoked(g, pos): return "access grant \(g) is already revoked (#\(pos))"
        case let .accessNotRetractable(n, g):
            return "#\(n) records who could read the web view, which stays in the history; to end grant \(g)'s access: studyleave access revoke \(g)"
        case .retractionOfRetraction(let n): return "position \(n) is a retraction; a retraction cannot itself be retracted"
        case let .alreadyRetracted(n, by): return "position \(n) is already retracted (by #\(by))"
        case let .retractionLeavesOrphan(n, type, dep, depType):
            return "#\(n) \(type) is the ground of #\(dep) \(depType); retract #\(dep) first"
        }
    }
}

/// What to do next when a step cannot be recorded in the application's state (issue 16: a
/// refusal gives the next step, not only the condition).
public enum NextStep: Equatable, Sendable {
    /// The step was recorded already, on `on` at `position`: retract it to correct it.
    case retract(position: Int64, what: String, on: CivilDate)
    /// What must be recorded first (the commands that record it).
    case first(String)

    public var message: String {
        switch self {
        case let .retract(position, what, on): return "\(what) on \(on.iso) (#\(position)); to correct that, studyleave retract \(position)"
        case .first(let what): return "it needs \(what) first"
        }
    }
}
