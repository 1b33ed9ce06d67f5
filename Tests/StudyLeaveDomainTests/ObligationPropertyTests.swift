import Testing
@testable import StudyLeaveDomain

/// RULES.md §5–§6 as properties over random histories: every history is built through the real
/// rules (a step they refuse is left out), from a seed that replays it.
@Suite("Obligation: properties of random valid histories")
struct ObligationPropertyTests {
    /// One random history of Ann's full-time study and what follows it.
    static func randomHistory(seed: UInt64) -> History {
        var rng = SplitMix64(seed: seed)
        var h = History.cast()
        func attempt(_ c: Command, _ on: CivilDate) { _ = try? h.record(c, on: on) }

        let sponsor: Sponsorship = rng.chance(60) ? .selected : .self
        let abroad = rng.chance(40)
        let programme: Programme? = abroad ? rng.pick([.degree, .credits, .research]) : nil
        let from = day("2025-09-01").adding(days: rng.int(in: 0...300))
        let kind = DurationKind.of(mode: .fullTime, sponsor: sponsor, abroad: abroad, programme: programme)!
        let latest = DurationRule.latestEnd(from: from, months: Policy.act2013.durations[kind]!.months)
        let to = from.adding(days: rng.int(in: 0...from.days(until: latest)))
        let apply = Command.Application(id: "A1", person: "Ann", mode: .fullTime, sponsor: sponsor, from: from, to: to,
                                        abroad: abroad, programme: programme)
        let approvedOn = from.adding(days: -rng.int(in: 1...60))
        attempt(.apply(apply), approvedOn)
        attempt(.review(application: "A1", workRelated: true), approvedOn)
        if sponsor == .selected { attempt(.screen(application: "A1", passed: true), approvedOn) }
        attempt(.approve(application: "A1", by: "Boss"), approvedOn)

        let start = from.adding(days: rng.int(in: 0...min(20, from.days(until: to))))
        attempt(.startLeave(application: "A1"), start)
        var lastDay = to
        if rng.chance(30) {
            lastDay = to.adding(days: rng.int(in: 1...120))
            attempt(.extendLeave(application: "A1", until: lastDay, by: "Boss"), start)
            lastDay = h.world().applications["A1"]?.currentTo ?? to
        }
        for _ in 0..<rng.int(in: 0...3) {
            attempt(.pay(application: "A1", salary: NTD(sponsor == .self ? 0 : rng.int(in: 0...900_000)),
                         subsidy: NTD(rng.int(in: 0...200_000))), start)
        }
        if rng.chance(5) {   // leaves while on leave
            attempt(.separate(person: "Ann", reason: rng.pick(SeparationReason.allCases)), start.adding(days: rng.int(in: 1...200)))
            return h
        }
        let end = rng.chance(70) ? lastDay : start.adding(days: rng.int(in: 0...start.days(until: lastDay)))
        attempt(.endLeave(application: "A1"), end)
        if rng.chance(10) {  // never comes back
            attempt(.separate(person: "Ann", reason: rng.pick(SeparationReason.allCases)), end.adding(days: rng.int(in: 1...60)))
            return h
        }
        var cursor = end.adding(days: rng.int(in: 1...10))
        attempt(.returnToDuty(application: "A1"), cursor)

        // Life after the return: pauses, a second study, transfers, perhaps a separation and a waiver.
        for step in 0..<rng.int(in: 0...8) {
            cursor = cursor.adding(days: rng.int(in: 1...200))
            switch rng.int(in: 0...9) {
            case 0...3:
                attempt(.pauseService(person: "Ann", reason: "absence \(step)"), cursor)
                cursor = cursor.adding(days: rng.int(in: 1...90))
                if rng.chance(85) { attempt(.resumeService(person: "Ann"), cursor) }
            case 4:
                let f2 = cursor.adding(days: rng.int(in: 20...60))
                let t2 = f2.adding(days: rng.int(in: 0...120))
                let s2 = rng.chance(50) ? Sponsorship.selected : .self
                attempt(study("A2", "Ann", f2.iso, t2.iso, sponsor: s2), cursor)
                attempt(.review(application: "A2", workRelated: true), cursor)
                if s2 == .selected { attempt(.screen(application: "A2", passed: true), cursor) }
                attempt(.approve(application: "A2", by: "Boss"), cursor)
                attempt(.startLeave(application: "A2"), f2)
                attempt(.endLeave(application: "A2"), t2)
                cursor = t2.adding(days: rng.int(in: 1...5))
                attempt(.returnToDuty(application: "A2"), cursor)
            case 5, 6:
                let agency = h.world().people["Ann"]?.agency == "HR" ? "LAB" : "HR"
                attempt(.transfer(person: "Ann", to: agency, carryObligation: rng.chance(60)), cursor)
            case 7:
                attempt(.pay(application: "A1", salary: .zero, subsidy: NTD(rng.int(in: 1...5_000))), cursor)
            default:
                attempt(.separate(person: "Ann", reason: rng.pick(SeparationReason.allCases)), cursor)
                if rng.chance(30) { attempt(.waive(application: "A1", reason: "no fault"), cursor.adding(days: rng.int(in: 0...30))) }
            }
        }
        return h
    }

    /// The obligation of an application on every day of a window, folding as of each day (the fold
    /// changes only on days an event happens, so it is reused in between).
    static func daily(_ h: History, _ application: String, from first: CivilDate, through last: CivilDate) -> [(CivilDate, Obligation?)] {
        var out: [(CivilDate, Obligation?)] = []
        var visible = -1
        var world = World()
        var d = first
        while d <= last {
            let count = h.events.count { $0.data.isTimeless || $0.on <= d }
            if count != visible { world = h.world(asOf: d); visible = count }
            let o = world.applications[application].flatMap { ObligationRule.compute($0, in: world, asOf: d, policies: h.policies) }
            out.append((d, o))
            d = d.adding(days: 1)
        }
        return out
    }

    static let seeds: [UInt64] = (1...200).map { UInt64($0) &* 0x2545_F491_4F6C_DD1D }

    @Test("served + remaining = required, served ≤ required, and served never decreases day by day", arguments: seeds)
    func invariants(seed: UInt64) throws {
        let h = Self.randomHistory(seed: seed)
        #expect(h.divergences.isEmpty, "a decision on its tagged slice differed from one on the whole ledger")
        for e in h.events {   // every event the rules accepted can be read back from its payload
            #expect(try EventCodec.decode(type: e.data.type, version: 1, payload: JSONParser.parse(EventCodec.encode(e.data).canonical)) == e.data)
        }
        let app = try #require(h.world().applications["A1"], "seed \(seed)")
        guard let start = app.leaveStart?.on else { return }
        let lastEvent = h.events.map(\.on).max()!
        var previous: Obligation? = nil
        var required: Int? = nil
        for (d, o) in Self.daily(h, "A1", from: start.adding(days: -1), through: lastEvent.adding(days: 1000)) {
            guard let o else {
                #expect(d < start, "seed \(seed): no obligation on \(d.iso) after the leave started")
                continue
            }
            let context = Comment(rawValue: "seed \(seed), as of \(d.iso), state \(o.state.rawValue)")
            #expect(o.servedDays >= 0, context)
            #expect(o.servedDays <= o.requiredDays, context)
            if o.state == .fulfilled {
                #expect(o.servedDays == o.requiredDays && o.remainingDays == 0, context)
            } else {
                #expect(o.requiredDays == o.servedDays + o.remainingDays, context)
            }
            if o.state == .notStarted { #expect(o.servedDays == 0 && o.endsOn == nil, context) }
            if o.state != .breached { #expect(o.repaymentDue == .zero, context) }
            if o.state == .breached || o.state == .waived { #expect(o.endsOn == nil && o.breach != nil, context) }
            #expect(o.repaymentDue <= o.received, context)
            if let r = o.startsOn {
                // Once back on duty the study's length is settled: required no longer moves.
                if let required { #expect(o.requiredDays == required, context) } else { required = o.requiredDays }
                #expect(o.servedDays <= r.days(until: d), context)   // never more than the days since the return
            }
            if let p = previous {
                #expect(o.servedDays >= p.servedDays, context)
                // The first day on which everything is served follows the last day owed.
                if o.state == .fulfilled && p.state != .fulfilled && p.state != .breached && p.state != .waived {
                    #expect(o.servedDays == o.requiredDays, context)
                    #expect(o.endsOn == d.adding(days: -1), context)
                }
                // Once fulfilled, the last day owed stays where it was.
                if o.state == .fulfilled && p.state == .fulfilled { #expect(o.endsOn == p.endsOn, context) }
                // A breach is final.
                if p.state == .breached || p.state == .waived {
                    #expect(o.state == .breached || o.state == .waived, context)
                    #expect(o.servedDays == p.servedDays, context)
                }
            }
            previous = o
        }
    }

    @Test("the generator makes varied histories: returns, breaches, pauses, extensions and fulfilment all occur")
    func variety() {
        var states = Set<String>()
        var pauses = 0, extensions = 0, transfers = 0
        for seed in Self.seeds {
            let h = Self.randomHistory(seed: seed)
            if let o = h.obligation("A1", asOf: day("2035-01-01")) { states.insert(o.state.rawValue) }
            pauses += h.events.count { $0.data.type == "ServicePaused" }
            extensions += h.events.count { $0.data.type == "LeaveExtended" }
            transfers += h.events.count { $0.data.type == "PersonTransferred" }
        }
        #expect(states.isSuperset(of: ["fulfilled", "breached", "waived"]))
        #expect(pauses > 20)
        #expect(extensions > 10)
        #expect(transfers > 20)
    }
}
