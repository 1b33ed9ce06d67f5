import StudyLeaveDomain

/// The command line that records an event again: how a wrong retraction is repaired (a retraction
/// is final; the event is recorded anew). Dates in ISO, as every command accepts them.
enum Reissue {
    static func command(for e: Event) -> String? {
        let on = " --on " + e.on.iso
        func q(_ s: String) -> String { "\"" + s.replacingOccurrences(of: "\"", with: "'") + "\"" }
        let args: String
        switch e.data {
        case let .agencyAdded(a, name, parent): args = "agency add \(a) --name \(q(name))" + (parent.map { " --parent \($0)" } ?? "") + on
        case let .headcountSet(a, year, budgeted): args = "agency headcount \(a) --year \(year) --budgeted \(budgeted)" + on
        case let .personAdded(p, name, a, head, profile):
            args = "person add \(p) --name \(q(name)) --agency \(a)" + (head ? " --head" : "")
                + (profile.category != .civilServant ? " --category \(profile.category.rawValue)" : "")
                + (profile.gender.map { " --gender \($0.rawValue)" } ?? "") + on
        case let .personTransferred(p, _, to, carry, _): args = "person transfer \(p) --to \(to)" + (carry ? " --carry-obligation" : "") + on
        case let .personSeparated(p, _, reason, _): args = "person separate \(p) --reason \(reason.rawValue)" + on
        case let .headAppointed(a, p, acting, until):
            args = "agency head \(a) --person \(p)" + (acting ? " --acting" : "") + (until.map { " --until \($0.iso)" } ?? "") + on
        case let .applicationSubmitted(s):
            var a = "apply \(s.application) --person \(s.person) --mode \(s.mode.rawValue) --sponsor \(s.sponsor.rawValue) --from \(s.from.iso) --to \(s.to.iso)"
            if s.abroad { a += " --abroad" }
            if let p = s.programme { a += " --programme \(p.rawValue)" }
            if let h = s.hoursPerWeek { a += " --hours-per-week \(h)" }
            args = a + on
        case let .applicationReviewed(x, _, w): args = "review \(x) --work-related \(w ? "yes" : "no")" + on
        case let .applicationScreened(x, _, passed): args = "screen \(x) --result \(passed ? "pass" : "fail")" + on
        case let .applicationApproved(x, _, by, _, _): args = "approve \(x) --by \(by)" + on
        case let .applicationRejected(x, _, by, reason): args = "reject \(x) --by \(by) --reason \(q(reason))" + on
        case let .applicationWithdrawn(x, _): args = "withdraw \(x)" + on
        case let .leaveStarted(x, _): args = "leave start \(x)" + on
        case let .leaveExtended(x, _, until, by): args = "leave extend \(x) --until \(until.iso) --by \(by)" + on
        case let .leaveEnded(x, _): args = "leave end \(x)" + on
        case let .returnedToDuty(x, _): args = "return \(x)" + on
        case let .paymentRecorded(x, _, salary, subsidy): args = "pay \(x) --salary \(salary.amount) --subsidy \(subsidy.amount)" + on + " --again"
        case let .servicePaused(p, reason): args = "service pause \(p) --reason \(q(reason))" + on
        case let .serviceResumed(p): args = "service resume \(p)" + on
        case let .liabilityWaived(x, _, reason): args = "waive \(x) --reason \(q(reason))" + on
        case let .courseAdded(c):
            args = "course add \(c.course) --name \(q(c.name)) --hours \(c.hours) --from \(c.from.iso) --to \(c.to.iso)"
                + c.topics.map { " --topic \($0.rawValue)" }.joined() + " --delivery \(c.delivery.rawValue)"
                + (c.delivery == .blended ? " --digital-hours \(c.digitalHours)" : "") + (c.organiser.map { " --organiser \(q($0))" } ?? "") + on
        case let .attendanceRecorded(c, p, leave, absent):
            args = "attend \(c) --person \(p)" + (leave > .zero ? " --leave-hours \(leave)" : "") + (absent ? " --absent" : "") + on
        case let .hoursRequired(a, year, minimums):
            args = "hours require \(a) --year \(year)" + minimums.map { $0.scope == .total ? " --total \($0.hours)" : " --min \($0.scope.name)=\($0.hours)" }.joined() + on
        case .accessGranted, .accessRevoked:
            // A token is shown once; a new grant is a new token.
            return nil
        case .policyAdopted:
            // The file is not in the ledger; `policy list --format json` shows the terms to write one.
            return nil
        case .eventRetracted: return nil
        }
        return "studyleave " + args
    }
}
