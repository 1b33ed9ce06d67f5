/// One person's studies, leave, service owed, pauses, transfers, separation and breach on one time
/// axis (`timeline PERSON`): what the picture draws, folded as of a day and as known at a moment.
public struct Timeline: Equatable, Sendable {
    public struct Study: Equatable, Sendable {
        public var application: String
        public var mode: StudyMode
        public var sponsor: Sponsorship
        public var state: ApplicationState
        /// The approved period as applied for.
        public var from: CivilDate
        public var to: CivilDate
        /// The extended end, when extended.
        public var extendedTo: CivilDate?
        /// The days on leave: from the leave start to its end (or the as-of day while on leave).
        public var leave: ClosedRange<CivilDate>?
        public var returnedOn: CivilDate?
        public var obligation: Obligation?

        public init(application: String, mode: StudyMode, sponsor: Sponsorship, state: ApplicationState, from: CivilDate, to: CivilDate,
                    extendedTo: CivilDate?, leave: ClosedRange<CivilDate>?, returnedOn: CivilDate?, obligation: Obligation?) {
            self.application = application; self.mode = mode; self.sponsor = sponsor; self.state = state; self.from = from; self.to = to
            self.extendedTo = extendedTo; self.leave = leave; self.returnedOn = returnedOn; self.obligation = obligation
        }
    }

    public struct Mark: Equatable, Sendable {
        public var on: CivilDate
        public var text: String
        public var textZh: String
        public init(on: CivilDate, text: String, textZh: String) { self.on = on; self.text = text; self.textZh = textZh }
    }

    public var person: String
    public var name: String
    public var agency: String
    public var asOf: CivilDate
    public var studies: [Study]
    /// Pauses of the service count: from, to (the as-of day while open).
    public var pauses: [ClosedRange<CivilDate>]
    public var transfers: [Mark]
    public var separation: Mark?
    public var breaches: [Mark]

    public init(person: String, name: String, agency: String, asOf: CivilDate, studies: [Study], pauses: [ClosedRange<CivilDate>],
                transfers: [Mark], separation: Mark?, breaches: [Mark]) {
        self.person = person; self.name = name; self.agency = agency; self.asOf = asOf; self.studies = studies; self.pauses = pauses
        self.transfers = transfers; self.separation = separation; self.breaches = breaches
    }

    /// The first and last day the picture must show.
    public var span: ClosedRange<CivilDate> {
        var days = [asOf]
        for s in studies {
            days += [s.from, s.extendedTo ?? s.to]
            if let l = s.leave { days += [l.lowerBound, l.upperBound] }
            if let o = s.obligation { days += [o.startsOn, o.endsOn].compactMap { $0 } }
        }
        for p in pauses { days += [p.lowerBound, p.upperBound] }
        days += transfers.map(\.on) + breaches.map(\.on) + [separation?.on].compactMap { $0 }
        return days.min()!...days.max()!
    }

    /// The person's timeline from a fold of their own events as of `asOf`.
    public static func of(_ p: Person, in world: World, asOf: CivilDate, policies: PolicySet) -> Timeline {
        var studies: [Study] = []
        var breaches: [Mark] = []
        for app in world.applications(of: p.id) {
            let leave: ClosedRange<CivilDate>? = app.leaveStart.map { start in
                let end = app.leaveEnd?.on ?? max(start.on, min(asOf, app.currentTo))
                return start.on...max(start.on, end)
            }
            let o = ObligationRule.compute(app, in: world, asOf: asOf, policies: policies)
            if let b = o?.breach { breaches.append(Mark(on: b.on, text: "breach: \(b.cause)", textZh: "未履行：\(b.causeZh)")) }
            studies.append(Study(application: app.id, mode: app.mode, sponsor: app.sponsor, state: app.state,
                                 from: app.submission.from, to: app.submission.to,
                                 extendedTo: app.extensions.isEmpty ? nil : app.currentTo, leave: leave,
                                 returnedOn: app.returned?.on, obligation: o))
        }
        let pauses = p.pauses.map { pause in pause.started.on...max(pause.started.on, pause.resumed?.on.adding(days: -1) ?? asOf) }
        let transfers = p.transfers.map { Mark(on: $0.ref.on, text: "to \($0.to)" + ($0.carryObligation ? " (obligation carried)" : ""),
                                               textZh: "調任 \($0.to)" + ($0.carryObligation ? "（併同移轉義務）" : "")) }
        let separation = p.separation.map { Mark(on: $0.ref.on, text: "separated: \($0.reason.rawValue)", textZh: "離職：\(Terms.zh($0.reason))") }
        return Timeline(person: p.id, name: p.name, agency: p.agency, asOf: asOf, studies: studies, pauses: pauses,
                        transfers: transfers, separation: separation, breaches: breaches)
    }
}
