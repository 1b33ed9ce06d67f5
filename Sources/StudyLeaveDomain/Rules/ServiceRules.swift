/// RULES.md §5–§6: money received, pauses of the service count, and waivers.
extension Decider {
    /// Money received during approved full-time study; allowed after a separation, since it
    /// settles the past. Act 12: self-applied study is unpaid leave, so it receives no salary.
    func pay(_ x: String, salary: NTD, subsidy: NTD, again: Bool) throws(Refusal) -> [NewEvent] {
        let app = try application(x)
        guard app.approval != nil, app.withdrawal == nil, app.mode == .fullTime else {
            throw .paymentNotForThisStudy(application: x)
        }
        if app.sponsor == .self && salary > .zero { throw .salaryDuringUnpaidLeave(application: x) }
        // Issue 16: money received during a study is received after its approval.
        try notBefore(app.approval!.ref, "a payment", ground: "the approval of \(x)")
        // Issue 16: the same sums on the same day are most likely the same payment typed twice,
        // which would double the repayment base; `--again` says it was really received twice.
        if !again, let same = app.payments.first(where: { $0.ref.on == on && $0.salary == salary && $0.subsidy == subsidy }) {
            throw .likelyDuplicatePayment(application: x, on: on, position: same.ref.position)
        }
        return applicationEvent(app, .paymentRecorded(application: x, person: app.person, salary: salary, subsidy: subsidy))
    }

    /// Unpaid leave or other absence pauses a running obligation.
    func pauseService(_ p: String, reason: String) throws(Refusal) -> [NewEvent] {
        let person = try serving(p)
        if let open = person.pauses.last, open.resumed == nil { throw .pauseAlreadyOpen(person: p, since: open.started.on) }
        let running = obligations(of: p).filter { $0.state == .serving }
        guard !running.isEmpty else { throw .noRunningObligation(person: p) }
        return [NewEvent(on: on, tags: [Tag.person(p)], data: .servicePaused(person: p, reason: reason))]
    }

    func resumeService(_ p: String) throws(Refusal) -> [NewEvent] {
        let person = try serving(p)
        guard let open = person.pauses.last, open.resumed == nil else { throw .noOpenPause(person: p) }
        if on <= open.started.on {
            throw .datedBefore(what: "a resumption", on: on, ground: "the day after the pause began", groundOn: open.started.on.adding(days: 1))
        }
        return [NewEvent(on: on, tags: [Tag.person(p)], data: .serviceResumed(person: p))]
    }

    /// Act 16: a breach that is not the person's fault (不可歸責) is waived; a waiver needs a breach.
    func waive(_ x: String, reason: String) throws(Refusal) -> [NewEvent] {
        let app = try application(x)
        if let w = app.waiver { throw .alreadyWaived(application: x, position: w.ref.position) }
        guard let ob = obligations(of: app.person).first(where: { $0.application == x }) else {
            throw .waiverWithoutBreach(application: x)
        }
        switch ob.state {
        case .breached: break
        case .waived: throw .alreadyWaived(application: x, position: ob.breach?.position ?? 0)
        default: throw .waiverWithoutBreach(application: x)
        }
        return applicationEvent(app, .liabilityWaived(application: x, person: app.person, reason: reason))
    }

    /// The person's obligations as of the command's day, from the events read.
    func obligations(of p: String) -> [Obligation] {
        let asOf = World(events: events, view: TimeView(asOf: on))
        return asOf.applications(of: p).compactMap { ObligationRule.compute($0, in: asOf, asOf: on, policies: policies) }
    }
}
