import Foundation
import Testing

/// Issue 13 end to end: courses, attendance, requirements, hours, the spread, and policies in the
/// ledger, as an HR officer types them.
@Suite("Learning hours and policies in the ledger, from the command line")
struct LearningHoursCommandTests {
    /// The Taoyuan office of 2015 (seed 000 §捌): the city's own requirement, two people.
    func taoyuan2015() -> CLI {
        let cli = CLI()
        cli.ok("init")
        cli.ok("agency add TYCG --name 桃園市政府 --on 2015-01-01")
        cli.ok("agency add HR --name 人事處 --parent TYCG --on 2015-01-01")
        cli.ok("person add P1 --name 王小明 --agency HR --gender female --on 2015-01-01")
        cli.ok("person add P2 --name 李大同 --agency HR --gender male --category contract --on 2015-01-01")
        cli.ok("person add T1 --name 陳臨時 --agency HR --category temporary --on 2015-01-01")
        cli.ok("hours require TYCG --year 2015 --total 40 --min digital=5 --min work-related=20 --min environment=4 --min gender=2 --on 2015-01-02")
        cli.ok("course add ENV --name 環境教育 --hours 6 --from 2015-03-02 --to 2015-03-02 --topic environment --on 2015-02-01")
        cli.ok("course add GEN --name 性別主流化 --hours 2 --from 2015-04-01 --to 2015-04-01 --topic gender --delivery digital --on 2015-02-01")
        cli.ok("course add WORK --name 人事法規 --hours 36 --from 2015-05-04 --to 2015-05-08 --topic work --topic statutory --delivery blended --digital-hours 5 --on 2015-02-01")
        return cli
    }

    func minimum(_ o: [String: Any], _ name: String) -> [String: Any]? {
        (o["minimums"] as? [[String: Any]])?.first { $0["name"] as? String == name }
    }

    @Test("a person who meets every minimum, one short of some, a contract staff member due, a temporary one never")
    func standing() throws {
        let cli = taoyuan2015(); defer { cli.cleanup() }
        for c in ["ENV", "GEN", "WORK"] { cli.ok("attend \(c) --person P1 --on 2015-05-08") }
        cli.ok("attend ENV --person P2 --leave-hours 2 --on 2015-03-02")
        cli.ok("attend WORK --person T1 --on 2015-05-08")
        let p1 = try #require(cli.json("hours P1 --year 2015") as? [String: Any])
        #expect(p1["state"] as? String == "met")
        #expect(p1["credited"] as? Int == 44 && p1["digital"] as? Int == 7)
        #expect((p1["requirement"] as? [String: Any])?["issuer"] as? String == "TYCG")
        #expect(minimum(p1, "work-related")?["credited"] as? Int == 44)
        let p2 = try #require(cli.json("hours P2 --year 104") as? [String: Any])
        #expect(p2["state"] as? String == "short")
        // Exactly a third of leave: the hours attended count.
        let course = (p2["courses"] as? [[String: Any]])?.first
        #expect(course?["credited"] as? Int == 4 && course?["reason"] as? String == "leave")
        #expect(minimum(p2, "total")?["short"] as? Int == 36)
        let t1 = try #require(cli.json("hours T1 --year 2015") as? [String: Any])
        #expect(t1["state"] as? String == "exempt" && t1["exemption"] as? String == "temporary" && t1["credited"] as? Int == 36)
        let agency = try #require(cli.json("hours --agency HR --year 2015") as? [String: Any])
        #expect(agency["due"] as? Int == 2 && agency["met"] as? Int == 1 && agency["short"] as? Int == 1 && agency["exempt"] as? Int == 0)
        let people = try #require(agency["people"] as? [[String: Any]])
        #expect(people.map { $0["person"] as? String } == ["P1", "P2"])
        #expect(people[1]["shortOf"] as? [String] == ["total", "digital", "work-related", "gender"])
        // The explanation cites the seed and the rule.
        let explained = cli.ok("hours P2 --year 2015 --explain")
        #expect(explained.contains("TYCG's requirement for 2015") && explained.contains("Docs/RULES.md §12"))
        let zh = cli.ok("hours P2 --year 2015 --lang zh-TW")
        #expect(zh.contains("未達成") && zh.contains("核計時數") && zh.contains("與業務相關"))
        let csv = cli.ok("hours --agency HR --year 2015 --format csv")
        #expect(csv.hasPrefix("\u{FEFF}Agency,Year,Due,Met,Short,Exempt,Person,Name,State,Credited,Short of\r\n"))
    }

    @Test("the fair spread by gender, with the untrained named")
    func spread() throws {
        let cli = taoyuan2015(); defer { cli.cleanup() }
        cli.ok("attend ENV --person P1 --on 2015-03-02")
        cli.ok("attend GEN --person P1 --on 2015-04-01")
        cli.ok("attend GEN --person P2 --absent --on 2015-04-01")
        let s = try #require(cli.json("report spread --agency HR --year 2015") as? [String: Any])
        #expect((s["people"] as? [String: Int]) == ["female": 1, "male": 1, "unrecorded": 1])
        #expect((s["trained"] as? [String: Int]) == ["female": 1, "male": 0, "unrecorded": 0])
        #expect((s["attendances"] as? [String: Int]) == ["female": 2, "male": 1, "unrecorded": 0])
        #expect(s["untrained"] as? [String] == ["P2", "T1"])
        #expect((s["topTenthShare"] as? NSNumber)?.doubleValue == 2.0 / 3.0 || (s["topTenthShare"] as? NSNumber)?.doubleValue == 0.667)
        cli.fails("report spread --agency NOPE --year 2015", code: 65)
    }

    @Test("a roster records everyone or nobody")
    func roster() throws {
        let cli = taoyuan2015(); defer { cli.cleanup() }
        let bad = cli.dir.appendingPathComponent("bad.csv")
        try "\u{FEFF}person,leave_hours,absent\r\nP1,,\r\nNOBODY,1,\r\nP2,1,no\r\n".write(to: bad, atomically: true, encoding: .utf8)
        #expect(cli.fails("attend ENV --roster \(bad.path) --on 2015-03-02", code: 65).contains("NOBODY"))
        let twice = cli.dir.appendingPathComponent("twice.csv")
        try "person,leave_hours,absent\nP1,,\nP1,,\n".write(to: twice, atomically: true, encoding: .utf8)
        cli.fails("attend ENV --roster \(twice.path) --on 2015-03-02", code: 65)
        let cells = cli.dir.appendingPathComponent("cells.csv")
        try "person,leave_hours,absent\nP1,1.55,\n".write(to: cells, atomically: true, encoding: .utf8)
        cli.fails("attend ENV --roster \(cells.path) --on 2015-03-02", code: 65)
        let header = cli.dir.appendingPathComponent("header.csv")
        try "who,leave\nP1,1\n".write(to: header, atomically: true, encoding: .utf8)
        cli.fails("attend ENV --roster \(header.path) --on 2015-03-02", code: 65)
        let good = cli.dir.appendingPathComponent("good.csv")
        try "person,leave_hours,absent\nP1,,\nP2,2.5,\nT1,,yes\n".write(to: good, atomically: true, encoding: .utf8)
        let out = cli.ok("attend ENV --roster \(good.path) --on 2015-03-02")
        #expect(out.contains("P1 at ENV and 2 more"))
        let p2 = try #require(cli.json("hours P2 --year 2015") as? [String: Any])
        #expect((p2["courses"] as? [[String: Any]])?.first?["reason"] as? String == "leave-over-limit")
        cli.fails("attend ENV --person P1 --on 2015-03-02", code: 1)
    }

    @Test("bad input is refused with its exit code, and nothing is recorded")
    func badInput() {
        let cli = taoyuan2015(); defer { cli.cleanup() }
        let course = "course add X --name x --from 2015-03-02 --to 2015-03-02 --topic work --on 2015-02-01 --hours"
        cli.fails("\(course) 1.55", code: 65)
        cli.fails("\(course) 0", code: 65)
        cli.fails("\(course) -2", code: 65)
        cli.fails("\(course) abc", code: 64)
        cli.fails("course add X --name x --hours 2 --from 2015-03-02 --to 2015-03-02 --topic nope --on 2015-02-01", code: 64)
        cli.fails("course add X --name x --hours 2 --from 2015-03-02 --to 2015-03-01 --topic work --on 2015-02-01", code: 65)
        cli.fails("course add X --name x --hours 2 --from 2015-03-02 --to 2015-03-02 --on 2015-02-01", code: 64)
        cli.fails("course add ENV --name x --hours 2 --from 2015-03-02 --to 2015-03-02 --topic work --on 2015-02-01", code: 1)
        cli.fails("attend ENV --person P1 --leave-hours 7 --on 2015-03-02", code: 65)
        cli.fails("attend NOPE --person P1 --on 2015-03-02", code: 65)
        cli.fails("attend ENV --person NOPE --on 2015-03-02", code: 65)
        cli.fails("attend ENV --on 2015-03-02", code: 64)
        cli.fails("hours require HR --year 2015 --min nope=4 --on 2015-01-02", code: 65)
        cli.fails("hours require HR --year 2015 --min environment --on 2015-01-02", code: 64)
        cli.fails("hours require HR --year 2015 --total 10 --min work-related=20 --on 2015-01-02", code: 65)
        cli.fails("hours require HR --year 2015 --on 2015-01-02", code: 65)
        cli.fails("hours NOPE --year 2015", code: 65)
        cli.ok("attend ENV --person P1 --on 2015-03-02")
        cli.fails("attend ENV --person P1 --on 2015-03-02", code: 1)
    }

    @Test("a corrected attendance: the figures before the retraction stay visible with --known-at")
    func correctedAttendance() throws {
        let cli = taoyuan2015(); defer { cli.cleanup() }
        cli.ok("attend WORK --person P2 --on 2015-05-08")
        let wrong = cli.eventCount()
        cli.ok("retract \(wrong) --reason 誤登")
        cli.ok("attend WORK --person P2 --leave-hours 13 --on 2015-05-08")
        let now = try #require(cli.json("hours P2 --year 2015") as? [String: Any])
        #expect(now["credited"] as? Int == 0)
        let then = try #require(cli.json("hours P2 --year 2015 --known-at #\(wrong)") as? [String: Any])
        #expect(then["credited"] as? Int == 36 && then["knownAt"] as? Int == wrong)
        #expect(cli.ok("hours P2 --year 2015 --known-at #\(wrong)").hasPrefix("as of 2026-11-22, as known at #\(wrong)"))
    }

    @Test("export and import keep the hours and the policies; a policy adopted later shows from then on, and --known-at before it shows the figures known then")
    func policiesInTheLedger() throws {
        let cli = CLI(); defer { cli.cleanup() }
        let file = cli.dir.appendingPathComponent("tight.json")
        try #"{"policies": [{"name": "tight 2025", "effectiveFrom": "2025-01-01", "quota": {"divisor": 20}, "hours": {"credit": "full"}}]}"#
            .write(to: file, atomically: true, encoding: .utf8)
        cli.ok("init")
        cli.ok("agency add HR --name 人事處 --on 2025-01-01")
        cli.ok("agency headcount HR --year 2025 --budgeted 40 --on 2025-01-01")
        cli.ok("person add P1 --name 王 --agency HR --on 2025-01-01")
        cli.ok("course add C --name c --hours 6 --from 2025-03-02 --to 2025-03-02 --topic work --on 2025-02-01")
        cli.ok("attend C --person P1 --leave-hours 1 --on 2025-03-02")
        let before = cli.eventCount()
        #expect((cli.json("quota HR --year 2025") as? [String: Any])?["cap"] as? Int == 4)
        #expect((cli.json("hours P1 --year 2025") as? [String: Any])?["credited"] as? Int == 5)
        let adopted = cli.ok("policy adopt \(file.path) --on 2025-06-01")
        #expect(adopted.contains("PolicyAdopted \"tight 2025\" from 2025-01-01"))
        #expect((cli.json("quota HR --year 2025") as? [String: Any])?["cap"] as? Int == 2)
        #expect((cli.json("hours P1 --year 2025") as? [String: Any])?["credited"] as? Int == 6)
        #expect((cli.json("quota HR --year 2025 --known-at #\(before)") as? [String: Any])?["cap"] as? Int == 4)
        #expect((cli.json("hours P1 --year 2025 --known-at #\(before)") as? [String: Any])?["credited"] as? Int == 5)
        let list = try #require(cli.json("policy list") as? [[String: Any]])
        #expect(list.map { $0["name"] as? String }.last == "tight 2025")
        #expect(list.last?["position"] as? Int == before + 1 && list.first?["position"] is NSNull)
        #expect((cli.json("policy list --known-at #\(before)") as? [[String: Any]])?.count == 1)
        // Round trip: the figures come back without the file.
        let export = cli.dir.appendingPathComponent("out.jsonl").path
        cli.ok("export --to \(export)")
        let copy = cli.dir.appendingPathComponent("copy.db").path
        #expect(cli.run(["import", export, "--db", copy], db: false).code == 0)
        for q in ["quota HR --year 2025", "hours P1 --year 2025", "policy list"] {
            let a = cli.run(cli.words(q) + ["--format", "json"]).out
            let b = cli.run(cli.words(q) + ["--format", "json", "--db", copy], db: false).out
            #expect(a == b, "\(q)")
        }
        // init --policy is init then policy adopt.
        let fresh = cli.dir.appendingPathComponent("fresh.db").path
        let r = cli.run(["init", "--policy", file.path, "--db", fresh, "--format", "json"], db: false)
        #expect(r.code == 0 && r.out.contains("\"events\":1"))
        let bad = cli.dir.appendingPathComponent("bad.json")
        try #"{"policies": [{"name": "x", "effectiveFrom": "2025-01-01", "hours": {"credit": "most"}}]}"#.write(to: bad, atomically: true, encoding: .utf8)
        cli.fails("policy adopt \(bad.path) --on 2025-06-01", code: 65)
        // A retracted policy no longer counts.
        cli.ok("retract \(before + 1) --reason 誤植")
        #expect((cli.json("quota HR --year 2025") as? [String: Any])?["cap"] as? Int == 4)
    }
}
