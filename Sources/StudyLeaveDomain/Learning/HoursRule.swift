/// RULES.md §7: the hours a person is credited in a year and where that leaves them against the
/// requirement that applies to them. Pure: a fold and the policy in, a standing out.
public enum HoursRule {
    /// What one attendance credits (seed 002 §伍.三): nothing when absent without leave or when
    /// the leave is over a third of the course's hours (exactly a third is not over); otherwise
    /// the hours attended, or the full hours where the policy says so.
    public static func credit(_ a: Attendance, of c: Course, policy: Policy) -> (Hours, CourseCredit.Reason?) {
        if a.absent { return (.zero, .absent) }
        let d = policy.hoursLeaveShareDivisor
        if a.leaveHours.tenths * d > c.hours.tenths { return (.zero, .leaveOverLimit(leave: a.leaveHours, of: c.hours, divisor: d)) }
        guard a.leaveHours > .zero, policy.hoursCredit == .attended else { return (c.hours, nil) }
        return (c.hours - a.leaveHours, .leave(a.leaveHours))
    }

    /// Digital hours credited: a digital course's credit, at most a blended one's digital hours.
    static func digital(_ credited: Hours, of c: Course) -> Hours {
        switch c.delivery {
        case .classroom: .zero
        case .digital: credited
        case .blended: min(credited, c.digitalHours)
        }
    }

    /// The requirement for a person serving in `agency` in `year`: the nearest issuer up the
    /// parent chain that recorded one for the year, else the national one in force on 1 January.
    public static func requirement(for agency: String?, year: Int, in world: World) -> HoursRequirement? {
        var next = agency, seen = Set<String>()
        while let a = next, seen.insert(a).inserted {
            if let r = world.hoursRequirements[QuotaKey(agency: a, year: year)] { return r }
            next = world.agencies[a]?.parent
        }
        return NationalRequirements.inForce(year: year)
    }

    /// The agency chain a query must read to find the requirement (the agencies folded so far).
    public static func chain(from agency: String?, in world: World) -> [String] {
        var out: [String] = [], next = agency
        while let a = next, !out.contains(a) { out.append(a); next = world.agencies[a]?.parent }
        return out
    }

    /// The person's standing for `year`, from a fold holding their own events, their attendances,
    /// the attended courses and their agency chain. `explained: false` leaves `explanation` empty
    /// (an agency's list shows none of it, and its thousands of lines are most of the work).
    public static func standing(of p: Person, year: Int, in world: World, policies: PolicySet, explained: Bool = true) -> HoursStanding {
        let policy = policies.inForce(on: CivilDate(year: year, month: 12, day: 31)!)
        var explanation: [Explanation] = []
        // The courses whose last day falls in the year (RULES.md §7: no carry-over).
        var courses: [CourseCredit] = []
        for a in world.attendances[p.id] ?? [] {
            guard let c = world.courses[a.course], c.year == year else { continue }
            let (credited, reason) = credit(a, of: c, policy: policy)
            courses.append(CourseCredit(course: c.id, name: c.name, hours: c.hours, credited: credited, digital: digital(credited, of: c),
                                        topics: c.topics, reason: reason, position: a.ref.position))
        }
        courses.sort { ($0.position) < ($1.position) }
        let total = courses.reduce(Hours.zero) { $0 + $1.credited }
        let digitalTotal = courses.reduce(Hours.zero) { $0 + $1.digital }
        for c in courses where explained {
            let line = "\(c.course) \(c.name): \(c.credited) of \(c.hours) hours" + (c.digital > .zero ? " (\(c.digital) digital)" : "")
            let zh = "\(c.course) \(c.name)：核計 \(c.credited) 小時（共 \(c.hours) 小時）" + (c.digital > .zero ? "，數位 \(c.digital) 小時" : "")
            explanation.append(Explanation(line + (c.reason.map { "; " + $0.text } ?? ""), zh: zh + (c.reason.map { "；" + $0.zh } ?? ""), [c.position]))
        }
        let agency = agency(of: p, year: year)
        let requirement = requirement(for: agency, year: year, in: world)
        var minimums: [MinimumStanding] = []
        for m in requirement?.minimums ?? [] {
            let credited: Hours
            switch m.scope {
            case .total: credited = total
            case .digital: credited = digitalTotal
            case .workRelated: credited = sum(courses, world) { $0.isWorkRelated }
            case .topics(let t): credited = sum(courses, world) { $0.counts(toward: Set(t)) }
            }
            minimums.append(MinimumStanding(scope: m.scope, required: m.hours, credited: credited))
        }
        if explained {
            if let r = requirement {
                let whose = r.issuer.map { "\($0)'s requirement for \(year)" } ?? "the national requirement in force on \(year)-01-01"
                let whoseZh = r.issuer.map { "\($0) \(year) 年度規定" } ?? "\(year) 年 1 月 1 日施行之全國規定"
                explanation.append(Explanation("\(whose): \(r.name) (\(r.source)); minimums overlap, a course counts toward each it fits (Docs/RULES.md §12)",
                                               zh: "適用\(whoseZh)：\(r.name)（\(r.source)）；各項最低時數可重疊計算（Docs/RULES.md §12）",
                                               r.ref.map { [$0.position] } ?? []))
            } else {
                explanation.append(Explanation("no requirement for \(year): none recorded up the chain and none national before 2011",
                                               zh: "\(year) 年度無時數規定"))
            }
        }
        var state: HoursStanding.State = minimums.allSatisfy { $0.short == .zero } ? .met : .short
        let exemption = exemption(of: p, year: year, in: world)
        if exemption != nil { state = .exempt }
        if explained, let exemption {
            switch exemption {
            case .temporary: explanation.append(Explanation("temporary staff are credited but never due (seed 002 §參.二)", zh: "臨時人員得參訓並核計時數，但無應修時數（seed 002 §參.二）"))
            case .studyLeave: explanation.append(Explanation("on full-time study leave the whole of \(year): exempt (Docs/RULES.md §12, Decision)", zh: "\(year) 年全年全時進修，免除應修時數（Docs/RULES.md §12）"))
            case .notInService: explanation.append(Explanation("not in service on any day of \(year)", zh: "\(year) 年未在職"))
            }
        }
        return HoursStanding(person: p.id, name: p.name, year: year, agency: agency, state: state, exemption: exemption,
                             requirement: requirement, credited: total, digital: digitalTotal, minimums: minimums,
                             courses: courses, explanation: explanation)
    }

    static func sum(_ credits: [CourseCredit], _ world: World, _ fits: (Course) -> Bool) -> Hours {
        credits.reduce(.zero) { s, c in world.courses[c.course].map(fits) == true ? s + c.credited : s }
    }

    /// Decision (RULES.md §7): due if in service on any day of the year, from the day of `person
    /// add` to the separation (its day the first out of service); no proration.
    public static func inService(_ p: Person, year: Int) -> Bool {
        let first = CivilDate(year: year, month: 1, day: 1)!, last = CivilDate(year: year, month: 12, day: 31)!
        guard p.added.on <= last else { return false }
        if let sep = p.separation, sep.ref.on <= first { return false }
        return true
    }

    /// The agency a person served in on their last day of service in the year.
    public static func agency(of p: Person, year: Int) -> String {
        var day = CivilDate(year: year, month: 12, day: 31)!
        if let sep = p.separation, sep.ref.on <= day { day = sep.ref.on.adding(days: -1) }
        return p.agency(on: day)
    }

    /// Whether an application, as its projection row stands, could exempt its holder for `year`
    /// as of `asOf` (`exemption`: full-time leave started by 1 January and not ended before
    /// 31 December): started by 1 January, and not ended, or ended on a day the view does not
    /// yet see (a leave end is seen from the day after it, `World`) or on 31 December or later.
    /// A query that folds a person from less than their own events folds them whole when this
    /// holds.
    public static func mayExempt(_ row: ApplicationRow, year: Int, asOf: CivilDate) -> Bool {
        let leave = exemptingLeave(year: year, asOf: asOf)
        guard leave.modes.contains(row.mode), let start = row.leaveStart, start <= leave.startedBy else { return false }
        guard let end = row.leaveEnd else { return true }
        return end >= leave.notEndedBefore
    }

    /// The leave `mayExempt` looks for, as a store's question: in one of `modes` (full-time),
    /// started by `startedBy` (1 January) and not ended before `notEndedBefore` (the as-of day,
    /// at most 31 December).
    public static func exemptingLeave(year: Int, asOf: CivilDate) -> (modes: Set<StudyMode>, startedBy: CivilDate, notEndedBefore: CivilDate) {
        ([.fullTime], CivilDate(year: year, month: 1, day: 1)!, min(asOf, CivilDate(year: year, month: 12, day: 31)!))
    }

    /// Whether an agency's `member:` events about one person (in position order, as the query
    /// sees them) leave a day of `year` on which the person was in the agency: who joined it
    /// (added, transferred in) and had not left it (transferred out, separated) by the end of the
    /// year, having left it, if at all, after the year began. Every member of the year passes
    /// (`agency(of:year:)` is their agency on a day of the year); a query that folds a person
    /// from the member stream alone folds them whole when this holds and they were transferred.
    public static func mayServe(in a: String, year: Int, memberEvents: [Event]) -> Bool {
        let first = CivilDate(year: year, month: 1, day: 1)!, last = CivilDate(year: year, month: 12, day: 31)!
        var since: CivilDate? = nil
        func left(on day: CivilDate) -> Bool {
            defer { since = nil }
            guard let s = since else { return false }
            return s <= last && day > first
        }
        for e in memberEvents {
            switch e.data {
            case .personAdded(_, _, let b, _, _) where b == a: since = e.on
            case .personTransferred(_, let from, let to, _, _):
                if to == a { since = since ?? e.on } else if from == a, left(on: e.on) { return true }
            case .personSeparated(_, let b, _, _) where b == a:
                if left(on: e.on) { return true }
            default: break
            }
        }
        return since.map { $0 <= last } ?? false
    }

    static func exemption(of p: Person, year: Int, in world: World) -> HoursStanding.Exemption? {
        if !p.profile.category.owesLearningHours { return .temporary }
        if !inService(p, year: year) { return .notInService }
        let first = CivilDate(year: year, month: 1, day: 1)!, last = CivilDate(year: year, month: 12, day: 31)!
        let wholeYear = world.applications(of: p.id).contains { app in
            guard app.mode == .fullTime, let start = app.leaveStart, start.on <= first else { return false }
            return app.leaveEnd.map { $0.on >= last } ?? true
        }
        return wholeYear ? .studyLeave : nil
    }
}

extension Person {
    /// The agency the person served in on a day: the one they were added to, moved by every
    /// transfer dated by then.
    public func agency(on day: CivilDate) -> String {
        guard let first = transfers.first else { return agency }
        var a = first.from
        for t in transfers where t.ref.on <= day { a = t.to }
        return a
    }
}
