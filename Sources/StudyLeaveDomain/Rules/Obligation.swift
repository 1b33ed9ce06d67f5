/// RULES.md §5–§6 (Act 14–16): the service owed after full-time study, and what is repaid when
/// it is not served. Everything here is a pure function of one person's folded events.
public struct Obligation: Equatable, Sendable {
    public enum State: String, CaseIterable, Sendable {
        case notStarted = "not-started", serving, paused, fulfilled, breached, waived
    }

    public var application: String
    public var paidDays: Int
    public var unpaidDays: Int
    public var floorDays: Int
    public var requiredDays: Int
    public var servedDays: Int
    public var remainingDays: Int
    /// The day of return to duty: service starts here.
    public var startsOn: CivilDate?
    /// The last day owed; nil before the return and while a pause is open.
    public var endsOn: CivilDate?
    public var state: State
    public var received: NTD
    public var repaymentDue: NTD
    public var breach: Breach?
    /// The arithmetic behind each figure, with the positions it comes from (`--explain`).
    public var explanation: [Explanation]
}

public struct Breach: Equatable, Sendable {
    public var on: CivilDate
    public var cause: String
    /// The cause in zh-TW.
    public var causeZh: String = ""
    public var position: Int64
}

/// One line of `--explain`: the arithmetic, the article, and the events it rests on.
public struct Explanation: Equatable, Sendable {
    public var text: String
    /// The same line in zh-TW (`--lang zh-TW`); nil where it reads the same.
    public var zh: String?
    public var positions: [Int64]
    public init(_ text: String, zh: String? = nil, _ positions: [Int64] = []) { self.text = text; self.zh = zh; self.positions = positions }

    /// The line in the language asked.
    public func text(_ lang: Language) -> String { lang == .zhTW ? (zh ?? text) : text }
}

public enum ObligationRule {
    /// Act 15 ¶1: paid full-time study owes twice its length, at least six months;
    /// unpaid leave owes its own length.
    public static func requiredDays(paid: Int, unpaid: Int, floor: Int, policy: Policy) -> Int {
        (paid > 0 ? max(policy.paidServiceMultiplier * paid, floor) : 0) + policy.unpaidServiceMultiplier * unpaid
    }

    /// RULES.md §5: the days from R up to, not including, the same day six months later
    /// (R = 2026-09-01 → 181; R = 2026-08-31 → 2027-02-28 → 181).
    public static func floorDays(returnOn r: CivilDate, policy: Policy) -> Int {
        r.days(until: r.adding(months: policy.serviceFloorMonths))
    }

    /// Act 16: (salary + subsidies received) × remaining ÷ required, rounded half up once.
    /// Unpaid-leave study has no salary to repay: subsidies only.
    public static func repayment(received: NTD, remaining: Int, required: Int) -> NTD {
        guard required > 0, remaining > 0 else { return .zero }
        return received.proportion(min(remaining, required), of: required)
    }

    /// The obligation of one study as of a day, or nil when the study owes nothing (not full-time,
    /// never approved, withdrawn, or its leave has not started).
    public static func compute(_ app: Application, in world: World, asOf day: CivilDate, policies: PolicySet) -> Obligation? {
        guard app.approval != nil, app.withdrawal == nil, let start = app.leaveStart else { return nil }
        let startPolicy = policies.inForce(on: start.on)
        guard startPolicy.modesOwingService.contains(app.mode) else { return nil }
        guard let person = world.people[app.person] else { return nil }
        var lines: [Explanation] = []

        // The days actually on leave (RULES.md §5): through the leave-end day; while still on
        // leave, through the day asked (and never past a separation).
        let s = start.on
        var leaveLast = app.leaveEnd?.on ?? min(app.currentTo, day)
        if app.leaveEnd == nil, let sep = person.separation { leaveLast = min(leaveLast, sep.ref.on.adding(days: -1)) }
        let onLeave = DayRange(s, leaveLast)
        let originalTo = app.submission.to
        let paid: Int, unpaid: Int
        switch app.sponsor {
        case .selected:
            paid = onLeave.clamped(to: DayRange(app.submission.from, originalTo)).count
            unpaid = DayRange(max(s, originalTo.adding(days: 1)), leaveLast).count
        case .self:
            paid = 0
            unpaid = onLeave.count
        }
        var leavePositions = [start.position]
        if let e = app.leaveEnd { leavePositions.append(e.position) }
        lines.append(Explanation("on leave \(s.iso) to \(leaveLast.iso)\(app.leaveEnd == nil ? " (so far)" : ""): \(onLeave.count) days",
                                 zh: "進修期間 \(s.iso) 至 \(leaveLast.iso)\(app.leaveEnd == nil ? "（迄今）" : "")：\(onLeave.count) 日", leavePositions))
        if app.sponsor == .selected {
            lines.append(Explanation("Act 12: selected study is paid within the approved period \(app.submission.from.iso) to \(originalTo.iso): paid P = \(paid) days",
                                     zh: "訓練進修法第12條：選送進修於原核定期間 \(app.submission.from.iso) 至 \(originalTo.iso) 內帶職帶薪：帶薪日數 P = \(paid) 日", [app.approval!.ref.position]))
            if unpaid > 0 {
                lines.append(Explanation("Rules 12: days beyond the approved period are unpaid extension: U = \(unpaid) days",
                                         zh: "施行細則第12條：逾原核定期間之延長為留職停薪：U = \(unpaid) 日", app.extensions.map(\.ref.position)))
            }
        } else {
            lines.append(Explanation("Act 12: self-applied full-time study is unpaid leave: U = \(unpaid) days",
                                     zh: "訓練進修法第12條：自行申請全時進修為留職停薪：U = \(unpaid) 日"))
        }

        // Act 15: required days.
        let r = app.returned?.on
        let policy = policies.inForce(on: r ?? s)
        let expectedReturn = r ?? leaveLast.adding(days: 1)
        let floor = floorDays(returnOn: expectedReturn, policy: policy)
        var required: Int
        if app.mode == .partTime {
            required = policy.partTimeServiceMultiplier * onLeave.count
            lines.append(Explanation("policy: part-time study owes \(policy.partTimeServiceMultiplier) × \(onLeave.count) days = \(required)",
                                     zh: "機關規定：部分辦公時間進修應服務 \(policy.partTimeServiceMultiplier) × \(onLeave.count) 日 = \(required) 日"))
        } else {
            required = requiredDays(paid: paid, unpaid: unpaid, floor: floor, policy: policy)
            if paid > 0 {
                let twice = policy.paidServiceMultiplier * paid
                lines.append(Explanation("Act 15: \(policy.paidServiceMultiplier) × \(paid) paid days = \(twice) \(twice >= floor ? "≥" : "<") floor \(floor) (\(policy.serviceFloorMonths) months from \(expectedReturn.iso)) → \(max(twice, floor))",
                                         zh: "訓練進修法第15條：\(policy.paidServiceMultiplier) × \(paid) 帶薪日數 = \(twice) \(twice >= floor ? "≥" : "<") 最低 \(floor) 日（自 \(expectedReturn.iso) 起 \(policy.serviceFloorMonths) 個月）→ \(max(twice, floor))"))
            }
            if unpaid > 0 {
                lines.append(Explanation("Act 15: unpaid leave owes its own length: \(policy.unpaidServiceMultiplier) × \(unpaid) = \(policy.unpaidServiceMultiplier * unpaid)",
                                         zh: "訓練進修法第15條：留職停薪期間應服務相同期間：\(policy.unpaidServiceMultiplier) × \(unpaid) = \(policy.unpaidServiceMultiplier * unpaid)"))
            }
            lines.append(Explanation("required = \(required) days", zh: "應服務日數 = \(required) 日"))
        }

        // Breach (Act 16): a separation, or a transfer without the obligation carried over.
        var breach: Breach? = nil
        for t in person.transfers where t.ref.on >= s && !t.carryObligation {
            breach = Breach(on: t.ref.on, cause: "transfer to \(t.to) without the obligation", causeZh: "調任 \(t.to) 未併同移轉義務", position: t.ref.position)
            break
        }
        if let sep = person.separation, breach == nil || sep.ref.on < breach!.on {
            breach = Breach(on: sep.ref.on, cause: sep.reason.rawValue, causeZh: Terms.zh(sep.reason), position: sep.ref.position)
        }
        for t in person.transfers where t.ref.on >= s && t.carryObligation {
            lines.append(Explanation("Act 15 ¶2: transferred to \(t.to) on \(t.ref.on.iso) with the obligation carried over: service goes on",
                                     zh: "訓練進修法第15條第2項：\(t.ref.on.iso) 調任 \(t.to)，義務併同移轉：繼續服務", [t.ref.position]))
        }

        // Days that do not count: pauses, and leave for another full-time study.
        var gaps: [Gap] = []
        for p in person.pauses {
            gaps.append(Gap(first: p.started.on, last: p.resumed.map { $0.on.adding(days: -1) }, positions: [p.started.position] + (p.resumed.map { [$0.position] } ?? [])))
        }
        for other in world.applications(of: app.person) where other.id != app.id && other.mode == .fullTime && other.withdrawal == nil {
            guard let os = other.leaveStart, os.on > s else { continue }
            gaps.append(Gap(first: os.on, last: other.leaveEnd?.on ?? other.currentTo, positions: [os.position] + (other.leaveEnd.map { [$0.position] } ?? [])))
        }
        gaps.sort { $0.first < $1.first }

        var served = 0
        var endsOn: CivilDate? = nil
        var state: Obligation.State
        let received = app.payments.reduce(NTD.zero) { $0 + (app.sponsor == .self ? $1.subsidy : $1.salary + $1.subsidy) }
        if let r {
            let stop = min(day, breach?.on ?? day)
            served = min(required, countable(from: r, until: stop, gaps: gaps))
            endsOn = lastOwedDay(from: r, required: required, gaps: gaps)
            let pausedNow = gaps.contains { $0.first <= day && ($0.last == nil || day <= $0.last!) }
            if served >= required { state = .fulfilled }
            else if breach != nil { state = .breached }
            else if pausedNow { state = .paused }
            else { state = .serving }
            let elapsed = max(0, r.days(until: stop))
            for g in gaps where g.first < stop {
                let last = min(g.last ?? stop.adding(days: -1), stop.adding(days: -1))
                let n = DayRange(max(g.first, r), last).count
                lines.append(Explanation("not counted: \(g.first.iso) to \(last.iso)\(g.last == nil ? " (pause still open)" : ""): \(n) days",
                                         zh: "不計入：\(g.first.iso) 至 \(last.iso)\(g.last == nil ? "（暫停中）" : "")：\(n) 日", g.positions))
            }
            let counted = countable(from: r, until: stop, gaps: gaps)
            lines.append(Explanation("Act 15: service counts from the return to duty on \(r.iso): \(elapsed) days to \(stop.adding(days: -1).iso)"
                + (elapsed == counted ? "" : ", \(elapsed - counted) not counted")
                + (counted > required ? " → served \(served) days (all \(required) required)" : " → served \(served) days"),
                zh: "訓練進修法第15條：自 \(r.iso) 返職起算：至 \(stop.adding(days: -1).iso) 共 \(elapsed) 日"
                + (elapsed == counted ? "" : "，其中 \(elapsed - counted) 日不計")
                + (counted > required ? " → 已服務 \(served) 日（應服務 \(required) 日已全數履行）" : " → 已服務 \(served) 日"), [app.returned!.position]))
        } else {
            state = breach != nil ? .breached : .notStarted
            if breach != nil { lines.append(Explanation("Act 14: left before returning to duty: nothing served", zh: "訓練進修法第14條：未返職即離職：未服務")) }
        }
        if required == 0 && state != .notStarted && breach == nil { state = .fulfilled }
        let remaining = required - served

        var due = NTD.zero
        if state == .breached, let b = breach {
            lines.append(Explanation("breach on \(b.on.iso): \(b.cause)", zh: "\(b.on.iso) 違反義務：\(b.causeZh)", [b.position]))
            if b.cause == SeparationReason.death.rawValue {
                state = .waived
                lines.append(Explanation("Act 16: death: the liability is waived", zh: "訓練進修法第16條：死亡：免予賠償"))
            } else if let w = app.waiver {
                state = .waived
                lines.append(Explanation("Act 16: liability waived (\(w.reason))", zh: "訓練進修法第16條：免予賠償（\(w.reason)）", [w.ref.position]))
            } else {
                // Act 14: leaving before the return repays all that was received, whatever was owed.
                due = r == nil ? received : repayment(received: received, remaining: remaining, required: required)
                let money = app.sponsor == .self ? "subsidies \(received.grouped)" : "salary + subsidies \(received.grouped)"
                let moneyZh = app.sponsor == .self ? "補助 \(received.grouped)" : "薪俸及補助 \(received.grouped)"
                lines.append(Explanation(r == nil
                    ? "Act 14: left before returning to duty: repay all \(money) = \(due.grouped) NTD"
                    : "Act 16: repay \(money) × \(remaining) ÷ \(required) = \(due.grouped) NTD (rounded half up)"
                    + (app.payments.isEmpty ? "; no money received is recorded yet ('pay')" : ""),
                    zh: (r == nil
                    ? "訓練進修法第14條：未返職即離職：應賠償全部\(moneyZh) = \(due.grouped) 元"
                    : "訓練進修法第16條：賠償\(moneyZh) × \(remaining) ÷ \(required) = \(due.grouped) 元（四捨五入）")
                    + (app.payments.isEmpty ? "；尚未記錄任何支領（pay）" : ""), app.payments.map(\.ref.position)))
            }
        }

        // A breached or waived obligation is no longer owed day by day: it has no last day.
        if state == .breached || state == .waived { endsOn = nil }
        return Obligation(
            application: app.id, paidDays: paid, unpaidDays: unpaid, floorDays: floor, requiredDays: required,
            servedDays: served, remainingDays: remaining, startsOn: r, endsOn: endsOn, state: state,
            received: received, repaymentDue: due, breach: state == .breached || state == .waived ? breach : nil,
            explanation: lines)
    }

    /// Days from `r` up to, not including, `until`, less the days in gaps.
    static func countable(from r: CivilDate, until: CivilDate, gaps: [Gap]) -> Int {
        guard until > r else { return 0 }
        let window = DayRange(r, until.adding(days: -1))
        var excluded: [DayRange] = []
        for g in gaps {
            let range = DayRange(g.first, g.last ?? window.last).clamped(to: window)
            if range.count > 0 { excluded.append(range) }
        }
        return window.count - mergedCount(excluded)
    }

    /// The day on which the `required`-th countable day from `r` falls; nil while an open pause
    /// stands in the way, or when nothing is owed.
    static func lastOwedDay(from r: CivilDate, required: Int, gaps: [Gap]) -> CivilDate? {
        guard required > 0 else { return nil }
        var cursor = r
        var left = required
        for g in gaps.sorted(by: { $0.first < $1.first }) {
            if let last = g.last, last < cursor { continue }
            if g.first > cursor {
                let available = cursor.days(until: g.first)
                if left <= available { return cursor.adding(days: left - 1) }
                left -= available
            }
            guard let last = g.last else { return nil }
            cursor = max(cursor, last.adding(days: 1))
        }
        return cursor.adding(days: left - 1)
    }

    struct Gap {
        var first: CivilDate
        var last: CivilDate?
        var positions: [Int64]
    }

    static func mergedCount(_ ranges: [DayRange]) -> Int {
        var total = 0
        var current: DayRange? = nil
        for r in ranges.sorted(by: { $0.first < $1.first }) {
            if let c = current, r.first.dayNumber <= c.last.dayNumber + 1 {
                current = DayRange(c.first, max(c.last, r.last))
            } else {
                if let c = current { total += c.count }
                current = r
            }
        }
        return total + (current?.count ?? 0)
    }
}
