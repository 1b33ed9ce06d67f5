/// RULES.md §4: how long a full-time study may last, and how far it may be extended.
public enum DurationRule {
    /// A limit of N months from `from` ends on `from` + N months − 1 day: one year from 2025-01-01
    /// ends at the latest on 2025-12-31.
    public static func latestEnd(from: CivilDate, months: Int) -> CivilDate {
        from.adding(months: months).adding(days: -1)
    }

    /// Act 10–12: the approved period itself.
    public static func check(_ s: EventData.Submission, policy: Policy) -> Refusal? {
        guard s.to >= s.from else { return .periodReversed(from: s.from, to: s.to) }
        guard let kind = DurationKind.of(mode: s.mode, sponsor: s.sponsor, abroad: s.abroad, programme: s.programme),
              let limit = policy.durations[kind] else { return nil }
        let latest = latestEnd(from: s.from, months: limit.months)
        if s.to > latest { return .durationExceeded(kind: kind, months: limit.months, latestTo: latest, article: limit.article) }
        return nil
    }

    /// Act 10–12, Rules 12: extensions add up, held to the extension limit (and to the total limit
    /// where the law sets one) counted from the end of the originally approved period.
    public static func checkExtension(_ app: Application, until: CivilDate, policy: Policy) -> Refusal? {
        guard app.mode == .fullTime, let kind = app.durationKind, let limit = policy.durations[kind] else {
            return .extensionOnlyFullTime(application: app.id)
        }
        guard until > app.currentTo else {
            return .extensionNotLater(application: app.id, until: until, currentTo: app.currentTo)
        }
        let originalTo = app.submission.to
        var latest = latestEnd(from: originalTo.adding(days: 1), months: limit.extensionMonths)
        var months = limit.extensionMonths
        if let total = limit.totalMonths {
            let byTotal = latestEnd(from: app.submission.from, months: total)
            if byTotal < latest { latest = byTotal; months = total }
        }
        if until > latest {
            return .extensionExceeded(kind: kind, months: months, latestUntil: latest, article: limit.totalMonths != nil && months == limit.totalMonths ? limit.article + " (total)" : "Rules 12, " + limit.article)
        }
        return nil
    }

    /// Rules 11: part-time study takes at most 8 hours of official leave a week, and some: study
    /// that takes none is off-hours study (公餘進修).
    public static func checkHours(_ s: EventData.Submission, policy: Policy) -> Refusal? {
        guard s.mode == .partTime, let h = s.hoursPerWeek else { return nil }
        if h < 1 { return .partTimeHoursMissing(limit: policy.partTimeMaxLeaveHoursPerWeek) }
        if h > policy.partTimeMaxLeaveHoursPerWeek {
            return .partTimeHoursExceeded(hours: h, limit: policy.partTimeMaxLeaveHoursPerWeek)
        }
        return nil
    }
}
