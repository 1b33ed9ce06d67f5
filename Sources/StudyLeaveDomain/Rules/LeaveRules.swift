/// RULES.md §2.7, §4, §5: the leave itself, in order: start, extensions, end, return.
extension Decider {
    /// No leave before approval; the first day lies within the approved period.
    func startLeave(_ x: String) throws(Refusal) -> [NewEvent] {
        let app = try application(x)
        _ = try serving(app.person)
        guard app.state == .approved else { throw .wrongState(application: x, state: app.state, action: "started") }
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
            throw .wrongState(application: x, state: app.state, action: "ended")
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
            throw .wrongState(application: x, state: app.state, action: "returned from")
        }
        if on <= end.on { throw .returnNotAfterLeaveEnd(application: x, on: on, leaveEnd: end.on) }
        return applicationEvent(app, .returnedToDuty(application: x, person: app.person))
    }
}
