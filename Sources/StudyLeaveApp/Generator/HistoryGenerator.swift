import StudyLeaveDomain

/// A synthetic national history (`studyleave generate`): agencies in a tree, people spread
/// unevenly across them (small agencies feel the quota), and every year applications, approvals
/// and refusals, leave, extensions, early and late returns, payments, pauses, transfers,
/// separations, waivers and corrections. Every event is decided by the real `Decider`, so the
/// history abides by the rules; the same seed gives the same history.
public struct GeneratorConfig: Sendable {
    public var agencies: Int
    public var people: Int
    public var years: Int
    public var seed: UInt64
    /// The last simulated year.
    public var endYear: Int = 2025
    /// How many courses each person attends in a year (`LearningHistory`); 0 writes none, and
    /// the study-leave history of a seed is the same whatever this is.
    public var coursesPerYear: Int

    public init(agencies: Int, people: Int, years: Int, seed: UInt64, coursesPerYear: Int = 0) {
        self.agencies = agencies; self.people = people; self.years = years; self.seed = seed
        self.coursesPerYear = coursesPerYear
    }
}

public final class HistoryGenerator {
    let config: GeneratorConfig
    var rng: SplitMix64
    let store = MemoryStore()
    let policies = PolicySet.standard
    let emit: (Event) throws -> Void
    var queue = ActionQueue()
    var clockMillis: Int64 = 0

    // What the simulation knows of the world, to choose plausible actions.
    var agencyIDs: [String] = []
    var parent: [String: String] = [:]
    var head: [String: String] = [:]
    var agencyOf: [String: String] = [:]
    var members: [String: [String]] = [:]
    var alive: Set<String> = []
    var busy: Set<String> = []
    var isHead: Set<String> = []
    var nextPerson = 0
    var nextApplication = 0
    public private(set) var refusals = 0

    /// The learning history's own random numbers, so that it leaves the study-leave history as is.
    var learningRng: SplitMix64
    var nextCourse = 0

    public init(config: GeneratorConfig, emit: @escaping (Event) throws -> Void) {
        self.config = config
        self.rng = SplitMix64(seed: config.seed)
        self.learningRng = SplitMix64(seed: config.seed ^ 0x5EED_C0DE_4841_5253)
        self.emit = emit
    }

    public func run() throws {
        let startYear = config.endYear - config.years + 1
        try createAgenciesAndPeople(on: date(startYear, 1, 1))
        for year in startYear...config.endYear {
            queue.push(date(year, 1, 2), .yearStart(year))
        }
        let end = date(config.endYear, 12, 31)
        while let (day, action) = queue.pop() {
            if day > end { break }
            try perform(action, on: day)
        }
    }

    // MARK: Recording through the rules

    /// Decides and records; nil when refused (the refusal is counted, nothing is recorded).
    @discardableResult
    func record(_ command: Command, on day: CivilDate, actor: String = "generator", kept: Bool = true) throws -> Event? {
        let (events, _) = command.slice { store.events(taggedAny: $0) }
        let decided: [NewEvent]
        do {
            decided = try Decider(events: events, policies: policies, on: day).decide(command)
        } catch {
            refusals += 1
            lastRefusal = error
            return nil
        }
        var last: Event? = nil
        for n in decided {
            // Transaction time follows valid time: a day's events are recorded that day, in order.
            clockMillis = max(clockMillis + 1, Int64(day.dayNumber) * 86_400_000 + 3_600_000)
            let e = Event(position: store.head + 1, on: n.on, recordedAt: Timestamp.format(millis: clockMillis), actor: actor,
                          tags: n.tags, data: n.data)
            store.append(e, kept: kept)
            try emit(e)
            last = e
        }
        return last
    }
    var lastRefusal: Refusal? = nil

    func date(_ y: Int, _ m: Int, _ d: Int) -> CivilDate { CivilDate(year: y, month: m, day: d)! }

    // MARK: The people

    static let surnames = Array("陳林黃張李王吳劉蔡楊許鄭謝郭洪曾邱廖賴周徐蘇葉莊呂江何蕭羅高潘簡朱鍾游彭詹胡施沈余盧梁趙顏柯翁魏孫戴")
    static let given = Array("志明淑芬家豪雅婷俊傑怡君建宏美玲冠宇佳穎宗翰欣怡承恩思妤柏翰郁婷哲瑋詩涵彥廷宜蓁")

    func name() -> String {
        String(Self.surnames[rng.int(0...Self.surnames.count - 1)]) + String(Self.given[rng.int(0...Self.given.count - 1)])
            + String(Self.given[rng.int(0...Self.given.count - 1)])
    }

    func createAgenciesAndPeople(on day: CivilDate) throws {
        let n = max(1, config.agencies)
        let roots = max(1, n / 100)
        for i in 0..<n {
            let id = String(format: "AG%05d", i + 1)
            let p: String? = i < roots ? nil : agencyIDs[rng.int(0...min(agencyIDs.count - 1, roots + n / 20))]
            try record(.addAgency(id: id, name: "機關\(i + 1)", parent: p), on: day, actor: "setup")
            agencyIDs.append(id)
            parent[id] = p
        }
        // Uneven sizes: a few large agencies, many small ones (quota pressure where cap is 1).
        var weights = agencyIDs.indices.map { _ in pow2(Double(rng.int(0...1000)) / 1000.0 * 7) }
        let total = weights.reduce(0, +)
        weights = weights.map { $0 / total }
        var assigned = 0
        for (i, a) in agencyIDs.enumerated() {
            let count = i == agencyIDs.count - 1 ? max(1, config.people - assigned) : max(1, Int((Double(config.people) * weights[i]).rounded()))
            for k in 0..<count where assigned < max(config.people, agencyIDs.count) {
                try hire(into: a, head: k == 0, on: day)
                assigned += 1
            }
        }
    }

    func pow2(_ x: Double) -> Double { var r = 1.0; var k = x; while k >= 1 { r *= 2; k -= 1 }; return r * (1 + k) }

    func hire(into agency: String, head makeHead: Bool, on day: CivilDate) throws {
        nextPerson += 1
        let id = String(format: "P%07d", nextPerson)
        guard try record(.addPerson(id: id, name: name(), agency: agency, head: makeHead, profile: profile()), on: day,
                         actor: "hr-" + agency) != nil else { return }
        alive.insert(id)
        agencyOf[id] = agency
        members[agency, default: []].append(id)
        if makeHead { head[agency] = id; isHead.insert(id) }
    }

    // MARK: The year

    func perform(_ action: Action, on day: CivilDate) throws {
        switch action {
        case .yearStart(let year):
            try startYear(year, on: day)
        case .apply(let p):
            try applyForStudy(p, on: day)
        case .step(let x, let step):
            try advance(x, step, on: day)
        case .pause(let p):
            if try record(.pauseService(person: p, reason: "留職停薪（育嬰）"), on: day, actor: actor(p)) != nil {
                queue.push(day.adding(days: rng.int(20...150)), .resume(p))
            }
        case .resume(let p):
            try record(.resumeService(person: p), on: day, actor: actor(p))
        case .transfer(let p):
            guard alive.contains(p), !isHead.contains(p), let from = agencyOf[p] else { return }
            let to = agencyIDs[rng.int(0...agencyIDs.count - 1)]
            guard to != from else { return }
            if try record(.transfer(person: p, to: to, carryObligation: rng.chance(0.7)), on: day, actor: actor(p)) != nil {
                agencyOf[p] = to
                members[to, default: []].append(p)
            }
        case .separate(let p):
            guard alive.contains(p), !isHead.contains(p) else { return }
            let roll = rng.int(1...100)
            let reason: SeparationReason = roll <= 60 ? .resignation : roll <= 90 ? .retirement : roll <= 93 ? .dismissal : roll <= 95 ? .death : .other
            if try record(.separate(person: p, reason: reason), on: day, actor: actor(p)) != nil {
                alive.remove(p)
                if reason == .resignation {
                    for x in studies[p] ?? [] where rng.chance(0.5) { queue.push(day.adding(days: 30), .waive(x)) }
                }
                // A replacement is hired the next month.
                if let a = agencyOf[p] { queue.push(day.adding(days: 30), .hire(a)) }
            }
        case .waive(let x):
            try record(.waive(application: x, reason: "因公傷病（不可歸責）"), on: day, actor: "hr")
        case .hire(let a):
            try hire(into: a, head: false, on: day)
        case .course(let agency, let year):
            try offerCourse(agency, year: year, on: day)
        case .roster(let course, let agency, let hours):
            try recordRoster(course, agency: agency, hours: hours, on: day)
        case .correctPayment(let position, let x, let salary, let subsidy):
            guard let target = store.events.last(where: { $0.position == position }) else { return }
            if try record(.retract(target: target, reason: "金額誤植"), on: day, actor: "hr") != nil {
                try record(.pay(application: x, salary: NTD(salary), subsidy: NTD(subsidy)), on: day, actor: "hr")
            }
        }
    }

    func actor(_ p: String) -> String { "hr-" + (agencyOf[p] ?? "x") }

    /// Whether `p` is in service in agency `a` now (members keep those who left or moved on).
    func serves(_ p: String, in a: String) -> Bool { alive.contains(p) && agencyOf[p] == a }

    /// How many people serve in agency `a` now.
    func servingCount(_ a: String) -> Int { members[a]?.filter { serves($0, in: a) }.count ?? 0 }

    func startYear(_ year: Int, on day: CivilDate) throws {
        // Budgeted headcounts for this year (if missing) and the next: approvals look ahead.
        for a in agencyIDs {
            let size = servingCount(a)
            for y in (year == config.endYear - config.years + 1 ? [year, year + 1] : [year + 1]) {
                try record(.setHeadcount(agency: a, year: y, budgeted: size + rng.int(0...max(1, size / 8))), on: day, actor: "hr-" + a)
            }
        }
        // This year's applications, transfers and separations, on random days.
        for p in alive.sorted() {
            // About three in ten apply each year (most for off-hours or part-time study): ~10 million
            // events for the national parameters (issue #6).
            if !busy.contains(p), rng.chance(0.31) { queue.push(day.adding(days: rng.int(0...300)), .apply(p)) }
            if rng.chance(0.015) { queue.push(day.adding(days: rng.int(0...360)), .transfer(p)) }
            if rng.chance(0.02) { queue.push(day.adding(days: rng.int(0...360)), .separate(p)) }
        }
        planCourses(year, on: day)
    }

    // MARK: A study

    var studies: [String: [String]] = [:]
    var plans: [String: Plan] = [:]

    struct Plan {
        var person: String
        var application: Command.Application
        var extendUntil: CivilDate?
        var endOn: CivilDate
    }

    func applyForStudy(_ p: String, on day: CivilDate) throws {
        guard alive.contains(p), !busy.contains(p), let agency = agencyOf[p] else { return }
        if isHead.contains(p) && parent[agency] == nil { return }  // a root agency's head has no one to approve
        nextApplication += 1
        let x = String(format: "X%08d", nextApplication)
        let modeRoll = rng.int(1...100)
        let mode: StudyMode = modeRoll <= 40 ? .fullTime : modeRoll <= 75 ? .partTime : .offHours
        let sponsor: Sponsorship = rng.chance(0.5) ? .selected : .self
        let abroad = mode == .fullTime && rng.chance(0.15)
        let programme: Programme? = abroad ? [.degree, .credits, .research][rng.int(0...2)] : nil
        let from = day.adding(days: rng.int(60...150))
        let kind = DurationKind.of(mode: mode, sponsor: sponsor, abroad: abroad, programme: programme)
        let maxMonths = kind.flatMap { policies.inForce(on: from).durations[$0]?.months } ?? 12
        let months = rng.int(max(1, maxMonths / 3)...maxMonths)
        let to = DurationRule.latestEnd(from: from, months: months)
        let a = Command.Application(id: x, person: p, mode: mode, sponsor: sponsor, from: from, to: to, abroad: abroad,
                                    programme: programme, hoursPerWeek: mode == .partTime ? rng.int(2...8) : nil)
        guard try record(.apply(a), on: day, actor: actor(p)) != nil else { return }
        busy.insert(p)
        studies[p, default: []].append(x)
        var plan = Plan(person: p, application: a, extendUntil: nil, endOn: to)
        if mode == .fullTime, rng.chance(0.1), let kind, let limit = policies.inForce(on: from).durations[kind] {
            let latest = min(DurationRule.latestEnd(from: to.adding(days: 1), months: limit.extensionMonths),
                             limit.totalMonths.map { DurationRule.latestEnd(from: from, months: $0) } ?? .init(dayNumber: Int.max / 2))
            if latest > to { plan.extendUntil = to.adding(days: rng.int(1...to.days(until: latest))); plan.endOn = plan.extendUntil! }
        }
        if rng.chance(0.1) { plan.endOn = from.adding(days: rng.int(0...max(0, from.days(until: plan.endOn)))) }
        plans[x] = plan
        queue.push(day.adding(days: rng.int(3...15)), .step(x, .review))
    }

    enum Step { case review, screen, approve, withdraw, start, extend, end, comeBack, pay }

    func advance(_ x: String, _ step: Step, on day: CivilDate) throws {
        guard let plan = plans[x] else { return }
        let p = plan.person, a = plan.application
        let who = actor(p)
        func approver() -> String? {
            guard let agency = agencyOf[p] else { return nil }
            if isHead.contains(p) { return parent[agency].flatMap { head[$0] } }
            return head[agency]
        }
        func done() { busy.remove(p); plans[x] = nil }
        switch step {
        case .review:
            let related = rng.chance(0.97)
            guard try record(.review(application: x, workRelated: related), on: day, actor: who) != nil else { return done() }
            if !related {
                if let by = approver() { try record(.reject(application: x, by: by, reason: "與業務無關"), on: day.adding(days: 5), actor: who) }
                return done()
            }
            queue.push(day.adding(days: rng.int(3...15)), .step(x, a.sponsor == .selected ? .screen : .approve))
        case .screen:
            let passed = rng.chance(0.95)
            guard try record(.screen(application: x, passed: passed), on: day, actor: who) != nil else { return done() }
            if !passed {
                if let by = approver() { try record(.reject(application: x, by: by, reason: "甄審未通過"), on: day, actor: who) }
                return done()
            }
            queue.push(day.adding(days: rng.int(3...15)), .step(x, .approve))
        case .approve:
            guard let by = approver() else { return done() }
            if try record(.approve(application: x, by: by), on: min(day, a.from.adding(days: -1)), actor: who) == nil {
                // Over the quota (or otherwise refused): the head rejects it, with the reason.
                if case .quotaFull? = lastRefusal {
                    try record(.reject(application: x, by: by, reason: "本年度進修名額已滿"), on: min(day, a.from.adding(days: -1)), actor: who)
                }
                return done()
            }
            if rng.chance(0.06) { queue.push(a.from.adding(days: -rng.int(1...20)), .step(x, .withdraw)); return }
            if a.mode == .offHours {
                // Off-hours study takes no leave: nothing more to record.
                queue.push(a.to, .step(x, .pay)); return
            }
            queue.push(a.from, .step(x, .start))
        case .withdraw:
            try record(.withdraw(application: x), on: day, actor: who)
            done()
        case .start:
            guard try record(.startLeave(application: x), on: day, actor: who) != nil else { return done() }
            if let _ = plan.extendUntil {
                queue.push(a.from.adding(days: a.from.days(until: a.to) / 2), .step(x, .extend))
            } else {
                queue.push(plan.endOn, .step(x, .end))
            }
        case .extend:
            if let until = plan.extendUntil, let by = approver(),
               try record(.extendLeave(application: x, until: until, by: by), on: day, actor: who) != nil {
                queue.push(plan.endOn, .step(x, .end))
            } else {
                queue.push(min(plan.endOn, a.to), .step(x, .end))
            }
        case .end:
            guard try record(.endLeave(application: x), on: day, actor: who) != nil else { return done() }
            queue.push(day.adding(days: 1), .step(x, .comeBack))
        case .comeBack:
            guard try record(.returnToDuty(application: x), on: day, actor: who) != nil else { return done() }
            if rng.chance(0.03) { queue.push(day.adding(days: rng.int(30...300)), .pause(p)) }
            busy.remove(p)
            if a.mode == .fullTime { queue.push(day.adding(days: rng.int(1...20)), .step(x, .pay)) } else { done() }
        case .pay:
            guard a.mode == .fullTime else { return done() }
            let months = max(1, a.from.days(until: plan.endOn) / 30)
            let salary = a.sponsor == .selected ? months * rng.int(40...75) * 1000 : 0
            let subsidy = rng.int(0...20) * 10_000
            // One payment in fifty is first recorded wrong, then retracted and recorded again.
            if let e = try record(.pay(application: x, salary: NTD(salary), subsidy: NTD(subsidy)), on: day, actor: "hr"), rng.chance(0.02) {
                queue.push(day.adding(days: 3), .correctPayment(e.position, x, salary, subsidy + 5_000))
            }
            done()
        }
    }
}

enum Action {
    case yearStart(Int)
    case apply(String)
    case step(String, HistoryGenerator.Step)
    case pause(String), resume(String), transfer(String), separate(String)
    case waive(String)
    case hire(String)
    case correctPayment(Int64, String, Int, Int)
    /// One course of an agency's year, and its roster when the course is over (`LearningHistory`).
    case course(String, year: Int)
    case roster(String, agency: String, hours: Hours)
}

/// A min-heap of actions by day, first in first out within a day.
struct ActionQueue {
    private var heap: [(day: Int, seq: Int, action: Action)] = []
    private var seq = 0

    mutating func push(_ day: CivilDate, _ action: Action) {
        seq += 1
        heap.append((day.dayNumber, seq, action))
        var i = heap.count - 1
        while i > 0 {
            let parent = (i - 1) / 2
            if less(heap[i], heap[parent]) { heap.swapAt(i, parent); i = parent } else { break }
        }
    }

    mutating func pop() -> (CivilDate, Action)? {
        guard !heap.isEmpty else { return nil }
        heap.swapAt(0, heap.count - 1)
        let top = heap.removeLast()
        var i = 0
        while true {
            let l = 2 * i + 1, r = l + 1
            var m = i
            if l < heap.count, less(heap[l], heap[m]) { m = l }
            if r < heap.count, less(heap[r], heap[m]) { m = r }
            if m == i { break }
            heap.swapAt(i, m); i = m
        }
        return (CivilDate(dayNumber: top.day), top.action)
    }

    private func less(_ a: (day: Int, seq: Int, action: Action), _ b: (day: Int, seq: Int, action: Action)) -> Bool {
        a.day != b.day ? a.day < b.day : a.seq < b.seq
    }
}

import StudyLeaveLedger
import Foundation
