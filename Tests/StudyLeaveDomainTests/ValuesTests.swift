import Testing
@testable import StudyLeaveDomain

@Suite("CivilDate: days on the civil calendar")
struct CivilDateTests {
    @Test("1970-01-01 is day 0 and the day number round-trips to the same year, month and day")
    func epoch() throws {
        let d = try #require(CivilDate(year: 1970, month: 1, day: 1))
        #expect(d.dayNumber == 0)
        // 2000-01-01: 30 years of 365 days + 7 leap days (1972, 76, 80, 84, 88, 92, 96) = 10957;
        // 2000-03-01: + 31 (January) + 29 (February 2000 is leap) = 11017.
        let march = try #require(CivilDate(year: 2000, month: 3, day: 1))
        #expect(march.dayNumber == 11017)
        #expect(march.components == (2000, 3, 1))
        #expect(CivilDate(dayNumber: -1).iso == "1969-12-31")
    }

    @Test("leap years: every fourth year, not centuries, but every fourth century",
          arguments: [(2024, true), (2025, false), (2000, true), (1900, false), (2100, false), (2400, true)])
    func leapYears(year: Int, leap: Bool) {
        #expect(CivilDate.isLeap(year) == leap)
        #expect(CivilDate.daysIn(month: 2, year: year) == (leap ? 29 : 28))
    }

    @Test("a day the calendar lacks is no date",
          arguments: [(2025, 2, 29), (2100, 2, 29), (2025, 13, 1), (2025, 0, 1), (2025, 4, 31), (2025, 1, 0), (0, 1, 1), (10000, 1, 1)])
    func impossibleDays(y: Int, m: Int, d: Int) {
        #expect(CivilDate(year: y, month: m, day: d) == nil)
    }

    @Test("2024-02-29 exists and the next day is 2024-03-01")
    func leapDay() throws {
        let d = try #require(CivilDate(year: 2024, month: 2, day: 29))
        #expect(d.adding(days: 1) == day("2024-03-01"))
        #expect(day("2025-02-28").adding(days: 1) == day("2025-03-01"))
        #expect(day("2025-12-31").adding(days: 1) == day("2026-01-01"))
    }

    @Test("adding months keeps the day, or clamps it to the last day of a shorter month", arguments: [
        ("2026-08-31", 6, "2027-02-28"),    // February 2027 has 28 days
        ("2027-08-31", 6, "2028-02-29"),    // 2028 is a leap year
        ("2025-01-31", 1, "2025-02-28"),
        ("2025-03-31", 1, "2025-04-30"),
        ("2025-09-01", 24, "2027-09-01"),
        ("2025-11-15", 3, "2026-02-15"),    // over a year end
        ("2025-01-15", 12, "2026-01-15"),
        ("2026-03-31", -1, "2026-02-28"),   // backwards
        ("2025-09-01", 0, "2025-09-01"),
    ])
    func addingMonths(start: String, months: Int, expected: String) {
        #expect(day(start).adding(months: months) == day(expected))
    }

    @Test("days(until:) counts from a day up to, not including, another", arguments: [
        ("2025-09-01", "2025-10-01", 30),
        ("2025-09-01", "2026-09-01", 365),   // no 29 February in between
        ("2027-09-01", "2028-09-01", 366),   // 2028-02-29 in between
        ("2025-09-01", "2025-09-01", 0),
        ("2025-09-02", "2025-09-01", -1),
    ])
    func daysUntil(a: String, b: String, days: Int) {
        #expect(day(a).days(until: day(b)) == days)
    }

    @Test("an inclusive range counts both ends: 2025-09-01 to 2025-09-30 is 30 days")
    func dayRange() {
        #expect(DayRange(day("2025-09-01"), day("2025-09-30")).count == 30)
        #expect(DayRange(day("2025-09-01"), day("2025-09-01")).count == 1)
        #expect(DayRange(day("2025-09-02"), day("2025-09-01")).count == 0)
        // 2025-09-01..2026-08-31 clamped to 2026-01-01..2026-12-31 → 2026-01-01..2026-08-31:
        // 31+28+31+30+31+30+31+31 = 243
        let clamped = DayRange(day("2025-09-01"), day("2026-08-31")).clamped(to: DayRange(day("2026-01-01"), day("2026-12-31")))
        #expect(clamped == DayRange(day("2026-01-01"), day("2026-08-31")))
        #expect(clamped.count == 243)
        #expect(clamped.contains(day("2026-08-31")))
        #expect(!clamped.contains(day("2026-09-01")))
    }

    @Test("dates print as ISO and as ROC (year − 1911)")
    func printing() {
        #expect(day("2025-09-01").iso == "2025-09-01")
        #expect(day("2025-09-01").roc == "114/09/01")
        #expect(day("1912-01-01").roc == "1/01/01")
        #expect(day("1911-12-31").roc == "1911-12-31")   // before ROC year 1: ISO
        #expect(day("0099-01-02").iso == "0099-01-02")   // the year padded to four digits
    }

    @Test("ISO text reads back as the same day, across the calendar's whole range")
    func isoRoundTrip() {
        let first = CivilDate(year: 1, month: 1, day: 1)!.dayNumber, last = CivilDate(year: 9999, month: 12, day: 31)!.dayNumber
        for n in stride(from: first, through: last, by: 997) + [first, last] {
            let d = CivilDate(dayNumber: n), c = d.components
            #expect(d.iso == pad(c.year, 4) + "-" + pad(c.month, 2) + "-" + pad(c.day, 2))
            #expect(DateParsing.parseISO(d.iso) == d)
        }
    }
}

@Suite("DateParsing: ISO and Republic-of-China dates")
struct DateParsingTests {
    @Test("ISO and ROC forms with dashes, slashes or dots, digits only, or 年月日 all read 2025-09-01", arguments: [
        "2025-09-01", "114-09-01", "114/09/01", "114.09.01", "114-9-1", "114/9/01", "114.09.1", "  114/09/01 ",
        // Issue 16: the forms officers type and government systems print.
        "1140901", "114年9月1日", "114年09月01日", "114年9月1", "2025/9/1", "2025-9-1", "2025.9.1", "2025/09/01", "20250901",
        "2025年9月1日",
    ])
    func accepted(text: String) throws {
        #expect(try DateParsing.parse(text) == day("2025-09-01"))
    }

    @Test("ROC years of one to three digits add 1911", arguments: [
        ("1-01-01", "1912-01-01"), ("99/12/31", "2010-12-31"), ("113-02-29", "2024-02-29"), ("089.1.1", "2000-01-01"),
    ])
    func rocYears(text: String, iso: String) throws {
        #expect(try DateParsing.parse(text) == day(iso))
    }

    @Test("a day the calendar lacks is refused as impossible", arguments: [
        "2025-02-29", "114-02-29", "2025-13-01", "114/13/01", "2025-04-31", "0-01-01", "114-00-10", "114-01-00",
    ])
    func impossible(text: String) {
        #expect(throws: DateParsing.Failure.impossible(text)) { try DateParsing.parse(text) }
    }

    @Test("text that is not a date is refused as malformed", arguments: [
        "", "garbage", "2025-09", "2025-09-01-01", "114-09/01", "114/09.01",
        "12025-09-01", "114-009-01", "114-09-001", "114--01", "114 09 01", "２０２５-09-01", "+114-09-01",
        "2025-09-01T00:00", "250901", "202509011", "114年9月", "114年9月1日日", "年9月1日", "114年9-1", "0114-09-01", "01140901",
    ])
    func malformed(text: String) {
        #expect(throws: DateParsing.Failure.malformed(text)) { try DateParsing.parse(text) }
    }

    @Test("the strict ISO reader takes only YYYY-MM-DD", arguments: [
        ("2025-09-01", true), ("2024-02-29", true), ("2025-02-29", false), ("114-09-01", false),
        ("2025-9-01", false), ("2025/09/01", false), ("2025-09-01 ", false), ("2025-0a-01", false),
    ])
    func strictISO(text: String, ok: Bool) {
        #expect((DateParsing.parseISO(text) != nil) == ok)
    }

    @Test("the refusal's message shows the forms to write")
    func message() {
        #expect(DateParsing.Failure.malformed("x").message
            == "'x' is not a date: write 2025-09-01 (or 2025/9/1, 20250901), or an ROC date such as 114-09-01, 114/9/1, 1140901 or 114年9月1日")
        #expect(DateParsing.Failure.impossible("2025-02-29").message == "'2025-02-29' is not a day on the calendar")
    }
}

@Suite("NTD: whole dollars, rounded half up once")
struct NTDTests {
    @Test("amount × numerator ÷ denominator rounds half up", arguments: [
        (1000, 1, 3, 333),      // 333.33… → 333
        (1000, 2, 3, 667),      // 666.66… → 667
        (5, 1, 2, 3),           // 2.5 → 3 (half up)
        (3, 1, 2, 2),           // 1.5 → 2
        (1, 1, 2, 1),           // 0.5 → 1
        (1, 1, 3, 0),           // 0.33… → 0
        (600_000, 365, 730, 300_000),
        (100_000, 0, 730, 0),
        (100_000, 730, 730, 100_000),
        (999_999, 181, 365, 495_890),  // 999999 × 181 = 180999819; ÷ 365 = 495889.915… → 495890
    ])
    func proportion(amount: Int, numerator: Int, denominator: Int, expected: Int) {
        #expect(NTD(amount).proportion(numerator, of: denominator) == NTD(expected))
    }

    @Test("past 64 bits the product is split and still exact")
    func proportionPastSixtyFourBits() {
        // Int.max = 9223372036854775807 = 3 × 3074457345618258602 + 1.
        // Int.max × 2 ÷ 3 = 6148914691236517204 + 2/3 → rounds up to …205.
        #expect(NTD(Int.max).proportion(2, of: 3) == NTD(6_148_914_691_236_517_205))
        // The ledger's maximum times a day count fits in 64 bits: 10^13 × 730 ÷ 1460 = 5 × 10^12.
        #expect(NTD(NTD.maximum).proportion(730, of: 1460) == NTD(5_000_000_000_000))
    }

    @Test("amounts print with thousands separators")
    func grouped() {
        #expect(NTD(1_234_567).grouped == "1,234,567")
        #expect(NTD(999).grouped == "999")
        #expect(NTD(0).grouped == "0")
        #expect(NTD(-1000).grouped == "-1,000")
        #expect(NTD(300_000) + NTD(5) == NTD(300_005))
    }
}

@Suite("Identifiers")
struct IdentifierTests {
    @Test("ids of letters in any script, digits, '-', '_' and '.' are accepted", arguments: ["HR", "TY-HR_2.a", "王小明", "a"])
    func accepted(id: String) { #expect(Identifier.problem(with: id) == nil) }

    @Test("empty ids, ids with spaces or colons, and ids over 64 characters are refused",
          arguments: ["", "a b", "person:P", String(repeating: "x", count: 65), "a/b"])
    func refused(id: String) { #expect(Identifier.problem(with: id) != nil) }
}
