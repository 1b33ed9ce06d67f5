import Testing
@testable import StudyLeaveDomain

/// RULES.md, opening: the rules are data with an effective-from date; a dispute about 2016 is
/// judged by the policy of 2016.
@Suite("Policy as dated data")
struct PolicyTests {
    static let policy2020 = Policy(name: "2020", effectiveFrom: day("2020-01-01"), quotaDivisor: 5)
    static let policy2026 = Policy(name: "2026", effectiveFrom: day("2026-01-01"), quotaDivisor: 20)
    static let set = PolicySet([policy2026, .act2013, policy2020])   // given out of order

    @Test("the policy in force is the last one that took effect on or before the day", arguments: [
        ("2013-06-01", "公務人員訓練進修法 (2013) and 施行細則 (2014)"),   // before the first: the first
        ("2014-01-01", "公務人員訓練進修法 (2013) and 施行細則 (2014)"),
        ("2019-12-31", "公務人員訓練進修法 (2013) and 施行細則 (2014)"),
        ("2020-01-01", "2020"),
        ("2025-12-31", "2020"),
        ("2026-01-01", "2026"),
        ("2040-01-01", "2026"),
    ])
    func inForce(on: String, name: String) {
        #expect(Self.set.inForce(on: day(on)).name == name)
        #expect(Self.set.policies.map(\.effectiveFrom) == [day("2014-01-01"), day("2020-01-01"), day("2026-01-01")])
    }

    @Test("the standard set is the law of 2013/2014 with its figures")
    func standard() {
        let p = PolicySet.standard.inForce(on: day("2025-09-01"))
        #expect(p == .act2013)
        #expect(p.quotaDivisor == 10 && p.quotaMinimum == 1)
        #expect(p.countedModes == [.fullTime, .partTime])
        #expect(p.partTimeMaxLeaveHoursPerWeek == 8)
        #expect(p.paidServiceMultiplier == 2 && p.unpaidServiceMultiplier == 1 && p.serviceFloorMonths == 6)
        #expect(p.partTimeServiceMultiplier == 0)
        #expect(p.durations[.selectedDomestic] == DurationLimit(months: 24, extensionMonths: 12, totalMonths: nil, article: "Act 11"))
        #expect(p.durations[.selfFullTime] == DurationLimit(months: 12, extensionMonths: 12, totalMonths: 24, article: "Act 12"))
    }

    static let cityFile = """
    {"policies": [
      {"name": "City rule 2025", "effectiveFrom": "2025-07-01",
       "quota": {"divisor": 20, "minimum": 1},
       "partTimeMaxLeaveHoursPerWeek": 6,
       "service": {"paidMultiplier": 3, "floorMonths": 12},
       "durations": {"selected-abroad-research": {"months": 9, "extensionMonths": 0}}}
    ]}
    """

    @Test("a policy file sets the figures it names and keeps the law's for the rest")
    func parse() throws {
        let set = try PolicyFile.parse(Self.cityFile)
        let p = try #require(set.policies.first)
        #expect(set.policies.count == 1)
        #expect(p.name == "City rule 2025")
        #expect(p.effectiveFrom == day("2025-07-01"))
        #expect(p.quotaDivisor == 20)
        #expect(p.partTimeMaxLeaveHoursPerWeek == 6)
        #expect(p.paidServiceMultiplier == 3)
        #expect(p.unpaidServiceMultiplier == 1)
        #expect(p.serviceFloorMonths == 12)
        #expect(p.durations[.selectedAbroadResearch] == DurationLimit(months: 9, extensionMonths: 0, totalMonths: nil, article: "Act 10"))
        #expect(p.durations[.selectedDomestic] == Policy.lawDurations[.selectedDomestic])
        #expect(p.countedModes == [.fullTime, .partTime])
    }

    @Test("a year's quota follows the policy in force on 1 January: the city's divisor from 2026 on, not mid-2025")
    func quotaPolicyByYear() throws {
        // The law until 2025-06-30 (budgeted 25 ÷ 10 → cap 2), the city's divisor 20 from 2025-07-01
        // (25 ÷ 20 → cap 1). Decision: 2025's quota is the law's all year (in force on 2025-01-01);
        // 2026's is the city's.
        let city = try PolicyFile.parse(Self.cityFile)
        let policies = PolicySet([.act2013] + city.policies)
        var h = History.cast(policies: policies)
        h.approved(study("A1", "Ann", "2025-09-01", "2026-08-31"), on: "2025-06-01")
        h.submitted(study("B1", "Ben", "2025-09-01", "2026-08-31"), on: "2025-06-01")
        #expect(throws: Never.self) { try h.decide(.approve(application: "B1", by: "Boss"), on: day("2025-07-01")) }
        h.approved(study("A2", "Ann", "2026-09-01", "2027-08-31"), on: "2025-08-01")
        h.submitted(study("B2", "Ben", "2026-09-01", "2027-08-31"), on: "2025-08-01")
        #expect(throws: Refusal.quotaFull(agency: "HR", year: 2026, cap: 1, budgeted: 25, used: 1, holders: [QuotaHolder(person: "Ann", application: "A2")])) {
            try h.decide(.approve(application: "B2", by: "Boss"), on: day("2025-08-02"))
        }
    }

    @Test("the part-time hours limit of the policy in force on the application's day applies")
    func hoursByDay() {
        let h = History.cast(policies: try! PolicySet([.act2013] + PolicyFile.parse(Self.cityFile).policies))
        let seven = study("P1", "Ann", "2025-09-01", "2026-01-31", mode: .partTime, sponsor: .self, hours: 7)
        #expect(throws: Never.self) { try h.decide(seven, on: day("2025-06-30")) }
        #expect(throws: Refusal.partTimeHoursExceeded(hours: 7, limit: 6)) { try h.decide(seven, on: day("2025-07-01")) }
    }

    @Test("the service figures of the policy in force on the return day apply")
    func serviceByReturnDay() throws {
        // City policy from 2025-07-01: 3 × paid days, floor 12 months.
        var h = History.cast(policies: try PolicySet([.act2013] + PolicyFile.parse(Self.cityFile).policies))
        h.studied(study("A1", "Ann", "2025-09-01", "2025-09-30"), approvedOn: "2025-06-01",
                  leaveStart: "2025-09-01", leaveEnd: "2025-09-30", returned: "2025-10-01")
        let o = try #require(h.obligation("A1", asOf: "2025-10-01"))
        // 30 paid days × 3 = 90 < floor of 12 months from 2025-10-01 (to 2026-10-01: 365 days) → 365.
        #expect(o.floorDays == 365)
        #expect(o.requiredDays == 365)
    }

    @Test("a policy may make part-time study owe service")
    func partTimeService() throws {
        let file = #"{"policies": [{"effectiveFrom": "2014-01-01", "service": {"partTimeMultiplier": 1}}]}"#
        var h = History.cast(policies: try PolicyFile.parse(file))
        h.approved(study("P1", "Ann", "2025-09-01", "2025-12-31", mode: .partTime, sponsor: .self, hours: 8), on: "2025-06-01")
        h.given(.startLeave(application: "P1"), on: "2025-09-01")
        h.given(.endLeave(application: "P1"), on: "2025-12-31")
        h.given(.returnToDuty(application: "P1"), on: "2026-01-01")
        let o = try #require(h.obligation("P1", asOf: "2026-01-01"))
        #expect(o.requiredDays == 122)   // 1 × (30 + 31 + 30 + 31) days of part-time study
        #expect(h.policies.policies.first?.name == "policy from 2014-01-01")
    }

    @Test("a policy may stop counting part-time study in the quota")
    func countedModes() throws {
        let file = #"{"policies": [{"effectiveFrom": "2014-01-01", "quota": {"countedModes": ["full-time"]}}]}"#
        var h = History.cast(policies: try PolicyFile.parse(file))
        h.approved(study("A1", "Ann", "2025-09-01", "2026-08-31"), on: "2025-06-01")
        h.approved(study("B1", "Ben", "2025-09-01", "2026-08-31"), on: "2025-06-01")
        h.submitted(study("P1", "Cai", "2025-09-01", "2026-01-31", mode: .partTime, sponsor: .self, hours: 8), on: "2025-06-01")
        #expect(throws: Never.self) { try h.decide(.approve(application: "P1", by: "Boss"), on: day("2025-06-02")) }
    }

    @Test("write then parse gives the same policies")
    func roundTrip() throws {
        let set = PolicySet([.act2013, Self.policy2020, try PolicyFile.parse(Self.cityFile).policies[0]])
        let text = PolicyFile.write(set)
        #expect(try PolicyFile.parse(text) == set)
        #expect(PolicyFile.write(try PolicyFile.parse(text)) == text)
    }

    @Test("a policy file that is wrong is refused with a message", arguments: [
        "",
        "[]",
        #"{"policies": []}"#,
        #"{"policies": [1]}"#,
        #"{"policies": [{"name": "no date"}]}"#,
        #"{"policies": [{"effectiveFrom": "114-07-01"}]}"#,
        #"{"policies": [{"effectiveFrom": "2025-02-29"}]}"#,
        #"{"policies": [{"effectiveFrom": "2025-07-01", "quota": {"divisor": 0}}]}"#,
        #"{"policies": [{"effectiveFrom": "2025-07-01", "quota": {"divisor": 1001}}]}"#,
        #"{"policies": [{"effectiveFrom": "2025-07-01", "quota": {"divisor": "10"}}]}"#,
        #"{"policies": [{"effectiveFrom": "2025-07-01", "quota": {"countedModes": ["weekends"]}}]}"#,
        #"{"policies": [{"effectiveFrom": "2025-07-01", "durations": {"sabbatical": {"months": 3}}}]}"#,
        #"{"policies": [{"effectiveFrom": "2025-07-01", "durations": {"self-full-time": {"months": 0}}}]}"#,
        #"{"policies": [{"effectiveFrom": "2025-07-01", "service": {"paidMultiplier": -1}}]}"#,
        #"{"policies": [{"effectiveFrom": "2025-07-01",}]}"#,
    ])
    func refused(text: String) {
        #expect(throws: PolicyFile.Problem.self) { try PolicyFile.parse(text) }
    }

    @Test("a policy file with a key it does not know is refused, not read as the law's figure", arguments: [
        #"{"policies": [{"effectiveFrom": "2025-07-01", "quota": {"divsor": 20}}]}"#,
        #"{"policies": [{"effectiveFrom": "2025-07-01", "partTimeMaxHoursPerWeek": 4}]}"#,
        #"{"policies": [{"effectiveFrom": "2025-07-01", "service": {"floorMonth": 12}}]}"#,
    ])
    func misspeltKey(text: String) {
        // A misspelt key must not silently leave the law's figure (divisor 10, 8 hours, 6 months).
        #expect(throws: PolicyFile.Problem.self) { try PolicyFile.parse(text) }
    }
}
