import Foundation
import Testing

/// Issue 14, no formula injection (OWASP "CSV injection"): a name a spreadsheet would run is
/// written as text; numbers, negative ones too, stay numbers.
@Suite("CSV cells that a spreadsheet would run as formulas are written as text")
struct CSVSafetyCommandTests {
    @Test("an agency named =HYPERLINK(...), +, -, @, a tab or a carriage return first: a leading quote; -1 stays a number")
    func neutralised() throws {
        let cli = CLI(); defer { cli.cleanup() }
        cli.ok("init")
        let names = [#"=HYPERLINK("http://evil","click")"#, "+1+1", "-2+3", "@SUM(A1)", "=1"]
        for (i, name) in names.enumerated() {
            let r = cli.run(["agency", "add", "E\(i)", "--name=\(name)", "--on", "2025-01-01"])
            #expect(r.code == 0, "\(r.err)")
        }
        let csv = cli.ok("agency list --format csv")
        #expect(csv.contains(#"E0,"'=HYPERLINK(""http://evil"",""click"")",,0"#))
        #expect(csv.contains("E1,'+1+1,,0") && csv.contains("E2,'-2+3,,0") && csv.contains("E3,'@SUM(A1),,0") && csv.contains("E4,'=1,,0"))
        // Table and JSON show the name as recorded.
        #expect(cli.ok("agency list").contains("=HYPERLINK"))
        #expect(!cli.ok("agency list --format json").contains("'="))
    }

    @Test("a negative figure stays a number: the headroom of a quota a later policy overdrew")
    func negativeNumbers() throws {
        let cli = hrOffice(); defer { cli.cleanup() }
        approvedStudy(cli, "A1", person: "P1")
        approvedStudy(cli, "A2", person: "P2")
        let file = cli.dir.appendingPathComponent("p.json")
        try #"{"policies": [{"name": "tighter", "effectiveFrom": "2025-01-01", "quota": {"divisor": 25}}]}"#.write(to: file, atomically: true, encoding: .utf8)
        cli.ok("policy adopt \(file.path) --on 2025-06-01")
        let quota = cli.ok("quota HR --year 2025 --format csv")
        #expect(quota.contains(",25,1,2,-1,0,"), "\(quota)")
    }
}
