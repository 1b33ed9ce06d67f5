import Testing
@testable import StudyLeaveLedger

/// Issue 16: `--known-at` as officers type it; a time without a zone is Taipei time.
@Suite("--known-at times: Taipei time unless a zone is named, dates in every form")
struct KnownAtTimeTests {
    /// 2026-12-02T05:44:10+08:00 is 2026-12-01T21:44:10Z; a whole second covers its 999 ms.
    static let stored = Timestamp.parseStored("2026-12-01T21:44:10.999Z")!

    @Test("the same moment written five ways", arguments: [
        "2026-12-02 05:44:10", "2026-12-02T05:44:10", "2026-12-02 05:44:10+08:00", "2026-12-01T21:44:10Z", "115/12/02 05:44:10",
    ])
    func sameMoment(text: String) {
        #expect(Timestamp.parseQuery(text) == Self.stored, "\(text)")
    }

    @Test("a bare date, ISO or ROC, is the end of that day in Taipei", arguments: ["2026-12-02", "115/12/02", "1151202", "115年12月2日"])
    func endOfDay(text: String) {
        #expect(Timestamp.parseQuery(text) == Timestamp.parseStored("2026-12-02T15:59:59.999Z"))
    }

    @Test("minutes cover the whole minute; fractions are exact; other offsets are honoured")
    func precision() {
        #expect(Timestamp.parseQuery("2026-12-02 05:44") == Timestamp.parseStored("2026-12-01T21:44:59.999Z"))
        #expect(Timestamp.parseQuery("2026-12-02T05:44:10.5") == Timestamp.parseStored("2026-12-01T21:44:10.500Z"))
        #expect(Timestamp.parseQuery("2026-12-02T05:44:10-0130") == Timestamp.parseStored("2026-12-02T07:14:10.999Z"))
    }

    @Test("what is not a time is refused", arguments: ["yesterday", "2026-12-02 25:00", "2026-12-02T05:61", "2026-12-02 05:44:10+8", "2026-13-02 05:44", ""])
    func refused(text: String) {
        #expect(Timestamp.parseQuery(text) == nil, "\(text)")
    }

    @Test("a stored time reads in Taipei time with its offset")
    func taipei() {
        #expect(Timestamp.taipei("2026-12-01T21:44:10.123Z") == "2026-12-02T05:44:10.123+08:00")
    }
}
