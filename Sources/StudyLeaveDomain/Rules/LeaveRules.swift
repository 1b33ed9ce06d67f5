/// RULES.md §2.7, §4, §5: the leave itself, in order: start, extensions, end, return.
extension Decider {
    /// Issue 16: what to do when a step of the study cannot be recorded in its state: the step
    /// that comes first, or the one already recorded, to retract if it was a mistake.
    func next(_ app: Application, _ action: String) -> NextStep? {
        func done(_ ref: Ref?, _ what: String) -> NextStep? { ref.map { .retract(position: $0.position, what: what, on: $0.on) } }
        switch (action, app.state) {
        case ("started", .submitted), ("approved", .submitted):
            return .first(app.review?.workRelated == true ? "an approval ('approve')" : "the work-related finding ('review') and an approval ('approve')")
        case ("started", .onLeave), ("started", .ended), ("started", .returned): return done(app.leaveStart, "it was started")
        case ("ended", .approved): return .first("a leave start ('leave start')")
        case ("ended", .submitted): return .first("an approval and a leave start")
        case ("ended", .ended), ("ended", .returned): return done(app.leaveEnd, "its leave ended")
        case ("returned from", .onLeave): return .first("the last day of leave ('leave end')")
        case ("returned from", .approved), ("returned from", .submitted): return .first("a leave start and a leave end")
        case ("returned from", .returned): return done(app.returned, "the return was recorded")
        case (_, .approved), (_, .onLeave), (_, .ended), (_, .returned): return done(app.approval?.ref, "it was approved")
        case (_, .rejected): return done(app.rejection?.ref, "it was rejected")
        case (_, .withdrawn): return done(app.withdrawal, "it was withdrawn")
        default: return nil
        }
    }

    /// No leave before approval; the first day lies within the approved period.
    func startLeave(_ x: String) throws(Refusal) -> [NewEvent] {
        let app = try application(x)
        _ = try serving(app.person)
        guard app.state == .approved else { throw .wrongState(application: x, state: app.state, action: "started", next: next(app, "started")) }
        if app.mode == .offHours { throw .offHoursTakesNoLeave(application: x) }
        if on < app.submission.from || on > app.currentTo {
            throw .leaveOutsidePeriod(application: x, on: on, from: app.submission.from, to: app.currentTo)
        }
        return applicationEvent(app, .leaveStarted(application: x, person: app.person))
    }

    /// Acts 10–12, Rules 12: extensions need the competent head and are unpaid, within the limits.
    func extendLeave(_ x: String, until: CivilDate, by: String) throws(Refusal) -> [NewEvent] {
        let app = try application(x)
        let applicant = try serving(app.person)
        guard app.state == .approved || app.state == .onLeave else {
            throw .wrongState(application: x, state: app.state, action: "extended")
        }
        if app.mode != .fullTime { throw .extensionOnlyFullTime(application: x) }
        try notBefore(app.approval!.ref, "an extension", ground: "the approval")
        try checkCompetentHead(by, applicant: applicant)
        if let r = DurationRule.checkExtension(app, until: until, policy: policy) { throw r }
        return applicationEvent(app, .leaveExtended(application: x, person: app.person, until: until, by: by))
    }

    /// The leave-end day is the last day of leave, within the approved period (extensions included).
    func endLeave(_ x: String) throws(Refusal) -> [NewEvent] {
        let app = try application(x)
        _ = try serving(app.person)
        guard app.state == .onLeave, let start = app.leaveStart else {
            throw .wrongState(application: x, state: app.state, action: "ended", next: next(app, "ended"))
        }
        try notBefore(start, "the leave end", ground: "the leave start")
        if on > app.currentTo {
            throw .leaveOutsidePeriod(application: x, on: on, from: app.submission.from, to: app.currentTo)
        }
        return applicationEvent(app, .leaveEnded(application: x, person: app.person))
    }

    /// RULES.md §5: a return needs a recorded leave end, and comes after it.
    func returnToDuty(_ x: String) throws(Refusal) -> [NewEvent] {
        let app = try application(x)
        _ = try serving(app.person)
        guard app.state == .ended, let end = app.leaveEnd else {
            throw .wrongState(application: x, state: app.state, action: "returned from", next: next(app, "returned from"))
        }
        if on <= end.on { throw .returnNotAfterLeaveEnd(application: x, on: on, leaveEnd: end.on) }
        return applicationEvent(app, .returnedToDuty(application: x, person: app.person))
    }
}
