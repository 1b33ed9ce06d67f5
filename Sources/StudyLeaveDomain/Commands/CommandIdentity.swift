/// Issue 16, idempotency that cannot lose a figure: a write repeated with a request id the ledger
/// has seen answers with its first recording only if it is the same write. The same write asks for
/// what the first recording says: the same kind of event about the same records with the same
/// figures, on the same day. What the ledger added itself (the applicant's agency, the quota year,
/// whether a person was a head) is not compared.
extension Command {
    /// Whether `first`, the event first recorded with this write's request id, records this command
    /// dated `on`.
    public func isRecorded(as first: Event, on day: CivilDate) -> Bool {
        guard first.on == day else { return false }
        switch (self, first.data) {
        case let (.addAgency(a, name, parent), .agencyAdded(a2, name2, parent2)):
            return a == a2 && name == name2 && parent == parent2
        case let (.setHeadcount(a, year, budgeted), .headcountSet(a2, year2, budgeted2)):
            return a == a2 && year == year2 && budgeted == budgeted2
        case let (.addPerson(p, name, a, head, profile), .personAdded(p2, name2, a2, head2, profile2)):
            return p == p2 && name == name2 && a == a2 && head == head2 && profile == profile2
        case let (.transfer(p, to, carry), .personTransferred(p2, _, to2, carry2, _)):
            return p == p2 && to == to2 && carry == carry2
        case let (.separate(p, reason), .personSeparated(p2, _, reason2, _)):
            return p == p2 && reason == reason2
        case let (.appointHead(a, p, acting, until), .headAppointed(a2, p2, acting2, until2)):
            return a == a2 && p == p2 && acting == acting2 && until == until2
        case let (.apply(a), .applicationSubmitted(s)):
            return a.id == s.application && a.person == s.person && a.mode == s.mode && a.sponsor == s.sponsor
                && a.from == s.from && a.to == s.to && a.abroad == s.abroad && a.programme == s.programme
                && a.hoursPerWeek == s.hoursPerWeek
        case let (.review(x, w), .applicationReviewed(x2, _, w2)): return x == x2 && w == w2
        case let (.screen(x, p), .applicationScreened(x2, _, p2)): return x == x2 && p == p2
        case let (.approve(x, by), .applicationApproved(x2, _, by2, _, _)): return x == x2 && by == by2
        case let (.reject(x, by, reason), .applicationRejected(x2, _, by2, reason2)): return x == x2 && by == by2 && reason == reason2
        case let (.withdraw(x), .applicationWithdrawn(x2, _)), let (.startLeave(x), .leaveStarted(x2, _)),
             let (.endLeave(x), .leaveEnded(x2, _)), let (.returnToDuty(x), .returnedToDuty(x2, _)):
            return x == x2
        case let (.extendLeave(x, until, by), .leaveExtended(x2, _, until2, by2)): return x == x2 && until == until2 && by == by2
        case let (.pay(x, salary, subsidy, _), .paymentRecorded(x2, _, salary2, subsidy2)):
            return x == x2 && salary == salary2 && subsidy == subsidy2
        case let (.pauseService(p, reason), .servicePaused(p2, reason2)): return p == p2 && reason == reason2
        case let (.resumeService(p), .serviceResumed(p2)): return p == p2
        case let (.waive(x, reason), .liabilityWaived(x2, _, reason2)): return x == x2 && reason == reason2
        case let (.retract(target, reason), .eventRetracted(position, _, reason2)): return target.position == position && reason == reason2
        case let (.adoptPolicies(list), .policyAdopted(p)): return list.first == p
        case let (.addCourse(c), .courseAdded(c2)): return c == c2
        case let (.attend(c, attendees), .attendanceRecorded(c2, p2, leave2, absent2)):
            guard let a = attendees.first else { return false }
            return c == c2 && a.person == p2 && a.leave == leave2 && a.absent == absent2
        case let (.requireHours(a, year, minimums), .hoursRequired(a2, year2, minimums2)):
            return a == a2 && year == year2 && Set(minimums.map { "\($0.scope.name)=\($0.hours.tenths)" }) == Set(minimums2.map { "\($0.scope.name)=\($0.hours.tenths)" })
        // A retried grant makes a new token, which is not compared: the first grant answers, and
        // its token, shown once then, is not shown again.
        case let (.grantAccess(a, label, _), .accessGranted(_, a2, label2, _)): return a == a2 && label == label2
        case let (.revokeAccess(g), .accessRevoked(g2, _)): return g == g2
        default:
            return false
        }
    }
}
