import Foundation
import Testing
import StudyLeaveDomain
@testable import StudyLeaveOutput

@Suite("TimelineSVG: the picture's markup")
struct TimelineSVGTests {
    func day(_ s: String) -> CivilDate { DateParsing.parseISO(s)! }

    var timeline: Timeline {
        Timeline(person: "P1", name: "<script>alert(1)</script>", agency: "HR", asOf: day("2026-11-22"),
                 studies: [.init(application: "A1", mode: .fullTime, sponsor: .selected, state: .returned, from: day("2025-09-01"), to: day("2026-08-31"),
                                 extendedTo: nil, leave: day("2025-09-01")...day("2026-08-31"), returnedOn: day("2026-09-01"), obligation: nil),
                           .init(application: "A2", mode: .partTime, sponsor: .self, state: .approved, from: day("2027-02-01"), to: day("2027-06-30"),
                                 extendedTo: day("2027-08-31"), leave: nil, returnedOn: nil, obligation: nil)],
                 pauses: [day("2026-10-01")...day("2026-10-31")],
                 transfers: [.init(on: day("2026-01-01"), text: "to IT & co", textZh: "調任 IT")], separation: nil, breaches: [])
    }

    @Test("an SVG document naming every study and the person, with names escaped, on the years the events span")
    func markup() {
        let svg = TimelineSVG(timeline: timeline, zh: false, date: { $0.iso }, year: { String($0) }).render()
        #expect(svg.hasPrefix("<?xml") && svg.contains("<svg xmlns=\"http://www.w3.org/2000/svg\""))
        #expect(svg.contains(">A1<") && svg.contains(">A2<"))
        #expect(svg.contains("&lt;script&gt;alert(1)&lt;/script&gt;") && !svg.contains("<script>"))
        #expect(svg.contains("to IT &amp; co"))
        for y in 2025...2027 { #expect(svg.contains(">\(y)<"), "\(y)") }
        #expect(svg.contains("extension 2027-07-01 – 2027-08-31"))
    }

    @Test("labels in zh-TW and ROC years when asked")
    func zhTW() {
        let svg = TimelineSVG(timeline: timeline, zh: true, date: { "\($0.year - 1911)/\($0.month)" }, year: { "民國\($0 - 1911)" }).render()
        #expect(svg.contains("民國114") && svg.contains("核定進修期間") && svg.contains("基準日"))
    }
}
