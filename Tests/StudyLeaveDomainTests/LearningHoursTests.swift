import Testing
@testable import StudyLeaveDomain

/// RULES.md §7 from worked examples: credit, the overlap of minimums, requirements by year and
/// issuer, who is due.
@Suite("Learning hours: credit, minimums, requirements, who is due")
struct LearningHoursTests {
    func h(_ text: String) -> Hours { try! Hours.parse(text) }

    func course(_ id: String, hours: String, topics: [Topic], on: String = "2025-03-10", to: String? = nil,
                delivery: Delivery = .classroom, digital: String? = nil) -> Command {
        .addCourse(EventData.CourseSpec(course: id, name: id, hours: h(hours), from: day(on), to: day(to ?? on), topics: topics,
                                        delivery: delivery, digitalHours: digital.map(h)))
    }

    func attend(_ c: String, _ p: String, leave: String = "0", absent: Bool = false) -> Command {
        .attend(course: c, attendees: [Command.Attendee(person: p, leave: h(leave), absent: absent)])
    }

    func standing(_ h: History, _ p: String, _ year: Int) -> HoursStanding {
        let w = h.world()
        return HoursRule.standing(of: w.people[p]!, year: year, in: w, policies: h.policies.adopting(w.adoptedPolicies))
    }

    func minimum(_ s: HoursStanding, _ name: String) -> MinimumStanding? { s.minimums.first { $0.scope.name == name } }

    @Test("hours are tenths: 1.5 is 15, never floating point; 1.55, abc and -2 are refused")
    func hoursValues() throws {
        #expect(try Hours.parse("1.5").tenths == 15)
        #expect(try Hours.parse("12").description == "12")
        #expect(Hours(tenths: 125).json == .number("12.5"))
        #expect(throws: Hours.Problem.tooManyDecimals("1.55")) { try Hours.parse("1.55") }
        #expect(throws: Hours.Problem.notANumber("abc")) { try Hours.parse("abc") }
        #expect(throws: Hours.Problem.notANumber("-2")) { try Hours.parse("-2") }
        #expect(throws: Hours.Problem.notANumber("1.")) { try Hours.parse("1.") }
    }

    @Test("exactly a third of leave credits the hours attended; more than a third, or an absence, credits nothing")
    func oneThird() {
        var hist = History.cast()
        hist.given(course("C6", hours: "6", topics: [.work]), on: "2025-03-01")
        hist.given(attend("C6", "Ann", leave: "2"), on: "2025-03-10")
        hist.given(attend("C6", "Ben", leave: "2.1"), on: "2025-03-10")
        hist.given(attend("C6", "Cai", absent: true), on: "2025-03-10")
        hist.given(attend("C6", "Dee"), on: "2025-03-10")
        #expect(standing(hist, "Ann", 2025).courses.first?.credited == h("4"))
        #expect(standing(hist, "Ann", 2025).courses.first?.reason == .leave(h("2")))
        #expect(standing(hist, "Ben", 2025).courses.first?.credited == .zero)
        #expect(standing(hist, "Ben", 2025).courses.first?.reason == .leaveOverLimit(leave: h("2.1"), of: h("6"), divisor: 3))
        #expect(standing(hist, "Cai", 2025).courses.first?.reason == .absent)
        #expect(standing(hist, "Dee", 2025).courses.first?.credited == h("6"))
        // A policy may credit the full hours when the leave is within the limit.
        var full = Policy.act2013; full.name = "full"; full.effectiveFrom = day("2020-01-01"); full.hoursCredit = .full
        hist.given(.adoptPolicies([full]), on: "2025-12-01")
        #expect(standing(hist, "Ann", 2025).courses.first?.credited == h("6"))
        #expect(standing(hist, "Ben", 2025).courses.first?.credited == .zero)
    }

    @Test("the minimums overlap: one environmental course counts toward environment, work-related and the total")
    func overlap() {
        var hist = History.cast()
        hist.given(course("ENV", hours: "4", topics: [.environment]), on: "2025-03-01")
        hist.given(course("GEN", hours: "2", topics: [.gender], delivery: .digital), on: "2025-03-01")
        hist.given(attend("ENV", "Ann"), on: "2025-03-10")
        hist.given(attend("GEN", "Ann"), on: "2025-03-10")
        // 2025: the 2023 national row (work-related 20, policy+statutory+democratic 10, environment 4).
        let s = standing(hist, "Ann", 2025)
        #expect(s.requirement?.issuer == nil && s.requirement?.name.contains("2023") == true)
        #expect(minimum(s, "environment")?.credited == h("4") && minimum(s, "environment")?.short == .zero)
        #expect(minimum(s, "work-related")?.credited == h("6") && minimum(s, "work-related")?.short == h("14"))
        // Gender mainstreaming also counts as democratic governance (2017 letter).
        #expect(minimum(s, "policy+statutory+democratic")?.credited == h("2"))
        #expect(s.credited == h("6") && s.digital == h("2"))
        #expect(s.state == .short && s.shortOf == ["work-related", "policy+statutory+democratic"])
    }

    @Test("each national row of RULES.md §7 applies from 1 January of its year; none before 2011")
    func nationalRows() {
        #expect(NationalRequirements.inForce(year: 2010) == nil)
        func names(_ y: Int) -> [String] { NationalRequirements.inForce(year: y)!.minimums.map { "\($0.scope.name)=\($0.hours)" } }
        #expect(names(2011) == ["total=40", "digital=5", "work-related=20", "environment=3"])
        #expect(names(2016) == ["total=40", "digital=5", "work-related=20", "environment=4"])
        #expect(names(2017) == ["work-related=20", "policy=1", "democratic=5", "gender=1", "environment=4"])
        #expect(names(2022) == names(2017))
        #expect(names(2023) == ["work-related=20", "policy+statutory+democratic=10", "environment=4"])
        #expect(names(2026) == names(2023))
    }

    @Test("the nearest issuer up the parent chain wins; a requirement recorded again replaces the earlier from then on")
    func inheritance() throws {
        var hist = History.cast()
        hist.given(.requireHours(agency: "GOV", year: 2025, minimums: [HoursMinimum(.total, h("40")), HoursMinimum(.topics([.gender]), h("2"))]), on: "2025-01-02")
        #expect(standing(hist, "Ann", 2025).requirement?.issuer == "GOV")
        #expect(standing(hist, "Leo", 2025).requirement?.issuer == "GOV")
        hist.given(.requireHours(agency: "HR", year: 2025, minimums: [HoursMinimum(.total, h("30"))]), on: "2025-01-03")
        #expect(standing(hist, "Ann", 2025).requirement?.issuer == "HR")
        #expect(standing(hist, "Leo", 2025).requirement?.issuer == "GOV")
        // Another year: the national one.
        #expect(standing(hist, "Ann", 2026).requirement?.issuer == nil)
        hist.given(.requireHours(agency: "HR", year: 2025, minimums: [HoursMinimum(.total, h("20"))]), on: "2025-06-01")
        #expect(standing(hist, "Ann", 2025).minimums.map(\.required) == [h("20")])
        let before = HoursRule.requirement(for: "HR", year: 2025, in: hist.world(asOf: day("2025-05-31")))
        #expect(before?.minimums.map(\.hours) == [h("30")])
    }

    @Test("a course spanning New Year counts toward the year of its last day")
    func newYear() {
        var hist = History.cast()
        hist.given(course("NY", hours: "8", topics: [.policy], on: "2025-12-30", to: "2026-01-02"), on: "2025-12-01")
        hist.given(attend("NY", "Ann"), on: "2026-01-02")
        #expect(standing(hist, "Ann", 2025).credited == .zero)
        #expect(standing(hist, "Ann", 2026).credited == h("8"))
    }

    @Test("temporary staff are credited but never due; a whole year of full-time study leave is exempt; not in service is exempt")
    func whoIsDue() {
        var hist = History.cast()
        hist.given(.addPerson(id: "Tem", name: "Tem", agency: "HR", head: false, profile: PersonProfile(category: .temporary)), on: "2025-01-01")
        hist.given(course("W", hours: "3", topics: [.work]), on: "2025-03-01")
        hist.given(attend("W", "Tem"), on: "2025-03-10")
        let t = standing(hist, "Tem", 2025)
        #expect(t.state == .exempt && t.exemption == .temporary && t.credited == h("3"))
        hist.approved(study("A1", "Ann", "2025-09-01", "2027-06-30"), on: "2025-03-01")
        hist.given(.startLeave(application: "A1"), on: "2025-09-01")
        #expect(standing(hist, "Ann", 2025).state == .short)
        #expect(standing(hist, "Ann", 2026).exemption == .studyLeave)
        #expect(standing(hist, "Ann", 2024).exemption == .notInService)
        hist.given(.separate(person: "Ben", reason: .resignation), on: "2026-01-01")
        #expect(standing(hist, "Ben", 2026).exemption == .notInService)
        #expect(standing(hist, "Ben", 2025).exemption == nil)
    }

    @Test("refused: a course of 0 hours, ending before it starts, without topics; leave over its hours; attending twice; unknown course or person")
    func refusals() {
        var hist = History.cast()
        #expect(throws: Refusal.self) { try hist.decide(course("Z", hours: "0", topics: [.work]), on: day("2025-03-01")) }
        #expect(throws: Refusal.courseReversed(from: day("2025-03-10"), to: day("2025-03-09"))) {
            try hist.decide(course("R", hours: "2", topics: [.work], on: "2025-03-10", to: "2025-03-09"), on: day("2025-03-01"))
        }
        #expect(throws: Refusal.self) { try hist.decide(course("N", hours: "2", topics: []), on: day("2025-03-01")) }
        #expect(throws: Refusal.self) { try hist.decide(course("B", hours: "2", topics: [.work], delivery: .blended), on: day("2025-03-01")) }
        hist.given(course("C", hours: "3", topics: [.work]), on: "2025-03-01")
        #expect(throws: Refusal.leaveOverCourseHours(course: "C", person: "Ann", leave: h("3.5"), hours: h("3"))) {
            try hist.decide(attend("C", "Ann", leave: "3.5"), on: day("2025-03-10"))
        }
        let first = hist.given(attend("C", "Ann"), on: "2025-03-10")
        #expect(throws: Refusal.alreadyAttended(course: "C", person: "Ann", position: first[0].position)) {
            try hist.decide(attend("C", "Ann"), on: day("2025-03-10"))
        }
        #expect(throws: Refusal.unknownCourse("X")) { try hist.decide(attend("X", "Ann"), on: day("2025-03-10")) }
        #expect(throws: Refusal.unknownPerson("Nobody")) { try hist.decide(attend("C", "Nobody"), on: day("2025-03-10")) }
        #expect(throws: Refusal.self) { try hist.decide(course("C", hours: "3", topics: [.work]), on: day("2025-03-01")) }
        // An attendance before the course's first day is a typo.
        #expect(throws: Refusal.self) { try hist.decide(attend("C", "Ben"), on: day("2025-03-09")) }
    }

    @Test("a roster is all or nothing: one unknown person or one repeated line refuses the whole roster")
    func roster() {
        var hist = History.cast()
        hist.given(course("C", hours: "3", topics: [.work]), on: "2025-03-01")
        let bad = Command.attend(course: "C", attendees: [.init(person: "Ann"), .init(person: "Nobody"), .init(person: "Ben")])
        #expect(throws: Refusal.unknownPerson("Nobody")) { try hist.decide(bad, on: day("2025-03-10")) }
        let twice = Command.attend(course: "C", attendees: [.init(person: "Ann"), .init(person: "Ann")])
        #expect(throws: Refusal.attendeeRepeated(course: "C", person: "Ann")) { try hist.decide(twice, on: day("2025-03-10")) }
        let good = hist.given(.attend(course: "C", attendees: [.init(person: "Ann"), .init(person: "Ben", leave: h("1"))]), on: "2025-03-10")
        #expect(good.count == 2)
        #expect(hist.divergences.isEmpty)
    }

    @Test("a course with attendances cannot be retracted before them; a retracted attendance credits nothing")
    func retraction() throws {
        var hist = History.cast()
        let c = hist.given(course("C", hours: "3", topics: [.work]), on: "2025-03-01")
        let a = hist.given(attend("C", "Ann"), on: "2025-03-10")
        #expect(throws: Refusal.retractionLeavesOrphan(position: c[0].position, type: "CourseAdded", dependent: a[0].position, dependentType: "AttendanceRecorded")) {
            try hist.decide(.retract(target: c[0], reason: "typo"), on: day("2025-03-11"))
        }
        hist.given(.retract(target: a[0], reason: "wrong person"), on: "2025-03-11")
        #expect(standing(hist, "Ann", 2025).credited == .zero)
        hist.given(.retract(target: c[0], reason: "typo"), on: "2025-03-11")
        #expect(hist.divergences.isEmpty)
    }

    @Test("the fair spread: by gender, the top tenth's share, the untrained")
    func spread() {
        var hist = History.cast()
        hist.given(.addPerson(id: "F1", name: "F1", agency: "HR", head: false, profile: PersonProfile(gender: .female)), on: "2025-01-01")
        hist.given(.addPerson(id: "M1", name: "M1", agency: "HR", head: false, profile: PersonProfile(gender: .male)), on: "2025-01-01")
        for c in ["C1", "C2", "C3"] { hist.given(course(c, hours: "2", topics: [.work]), on: "2025-03-01") }
        for c in ["C1", "C2", "C3"] { hist.given(attend(c, "F1"), on: "2025-03-10") }
        hist.given(attend("C1", "M1", absent: true), on: "2025-03-10")
        let w = hist.world()
        let people = ["F1", "M1", "Ann"].map { w.people[$0]! }
        let s = SpreadRule.spread(agency: "HR", year: 2025, standings: people.map { ($0, HoursRule.standing(of: $0, year: 2025, in: w, policies: .standard)) },
                                  studyLeave: [.female])
        #expect(s.people.female == 1 && s.people.male == 1 && s.people.unrecorded == 1)
        #expect(s.trained.female == 1 && s.trained.male == 0)
        #expect(s.attendances.female == 3 && s.attendances.male == 1)
        #expect(s.topTenthPermille == 750)
        #expect(s.untrained == ["Ann", "M1"])
        #expect(s.studyLeave.female == 1)
    }

    @Test("policies adopted in the ledger: the later one for the same day wins; the events round-trip through the codec")
    func adoptedPolicies() throws {
        var hist = History.cast()
        var tight = Policy.act2013; tight.name = "tight"; tight.effectiveFrom = day("2025-01-01"); tight.quotaDivisor = 5
        let adopted = hist.given(.adoptPolicies([tight]), on: "2025-02-01")
        #expect(Decider(events: hist.events, policies: .standard, on: day("2025-03-01")).policies.forQuota(year: 2025).quotaDivisor == 5)
        #expect(Decider(events: hist.events, policies: .standard, on: day("2025-03-01")).policies.forQuota(year: 2024).quotaDivisor == 10)
        let payload = EventCodec.encode(adopted[0].data)
        #expect(try EventCodec.decode(type: "PolicyAdopted", version: 1, payloadText: payload.canonical) == adopted[0].data)
        #expect(EventCodec.fieldCount(of: adopted[0].data) == payload.objectValue?.count)
    }

    @Test("courses, attendances and requirements round-trip through the codec, canonically")
    func codec() throws {
        let events: [EventData] = [
            .courseAdded(EventData.CourseSpec(course: "C", name: "課", hours: Hours(tenths: 15), from: day("2025-01-02"), to: day("2025-01-03"),
                                              topics: [.gender, .work], delivery: .blended, digitalHours: Hours(tenths: 5), organiser: "TYCG")),
            .attendanceRecorded(course: "C", person: "P", leave: Hours(tenths: 5), absent: false),
            .hoursRequired(agency: "A", year: 2025, minimums: [HoursMinimum(.topics([.policy, .statutory]), Hours(tenths: 100)), HoursMinimum(.total, Hours(tenths: 400))]),
            .personAdded(person: "P", name: "P", agency: "A", head: false, profile: PersonProfile(category: .contract, gender: .female)),
        ]
        for e in events {
            let payload = EventCodec.encode(e)
            let back = try EventCodec.decode(type: e.type, version: 1, payloadText: payload.canonical)
            #expect(EventCodec.encode(back).canonical == payload.canonical)
            #expect(EventCodec.fieldCount(of: back) == payload.objectValue?.count)
        }
        // A person added before profiles keeps its bytes.
        let plain = EventData.personAdded(person: "P", name: "P", agency: "A", head: false)
        #expect(EventCodec.encode(plain).canonical == #"{"agency":"A","head":false,"name":"P","person":"P"}"#)
        #expect(throws: EventCodec.Problem.self) { try EventCodec.decode(type: "AttendanceRecorded", version: 1, payloadText: #"{"absent":false,"course":"C","leaveTenths":-1,"person":"P"}"#) }
        #expect(throws: EventCodec.Problem.self) { try EventCodec.decode(type: "CourseAdded", version: 1, payloadText: #"{"course":"C","delivery":"classroom","digitalTenths":0,"from":"2025-01-01","hoursTenths":10,"name":"n","organiser":null,"to":"2025-01-01","topics":["nope"]}"#) }
    }
}
