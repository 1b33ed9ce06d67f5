import Plot
import StudyLeaveDomain

/// The timeline picture (`timeline PERSON --to FILE.svg`): one time axis, a lane per study with its
/// approved period, extension, days on leave and the service owed (served, remaining), and across
/// the lanes the pauses, transfers, separation, breaches and the as-of day. The markup is built
/// with Plot: every text the ledger holds goes through its escaping text nodes; attributes carry
/// only figures and fixed words.
public struct TimelineSVG {
    public let timeline: Timeline
    public let zh: Bool
    /// How a day is written (ISO or ROC).
    public let date: (CivilDate) -> String
    /// How a year is written on the axis (2025, or 114).
    public let year: (Int) -> String
    /// "as known at #N (time)", when the picture is not as known now.
    public let knownAt: String?

    public init(timeline: Timeline, zh: Bool, date: @escaping (CivilDate) -> String, year: @escaping (Int) -> String, knownAt: String? = nil) {
        self.timeline = timeline; self.zh = zh; self.date = date; self.year = year; self.knownAt = knownAt
    }

    // Geometry, in SVG units.
    static let width = 1000.0, left = 170.0, right = 24.0, top = 86.0, lane = 64.0, axisHeight = 40.0, legendHeight = 56.0

    var first: CivilDate { CivilDate(year: timeline.span.lowerBound.year, month: 1, day: 1)! }
    var last: CivilDate { CivilDate(year: timeline.span.upperBound.year + 1, month: 1, day: 1)! }
    var height: Double { Self.top + Double(max(timeline.studies.count, 1)) * Self.lane + Self.axisHeight + Self.legendHeight }
    var plotBottom: Double { Self.top + Double(max(timeline.studies.count, 1)) * Self.lane }

    func x(_ d: CivilDate) -> Double {
        let span = Double(last.dayNumber - first.dayNumber)
        return Self.left + Double(d.dayNumber - first.dayNumber) / span * (Self.width - Self.left - Self.right)
    }

    func word(_ en: String, _ zhWord: String) -> String { zh ? zhWord : en }

    typealias N = Node<XML.DocumentContext>

    static func element(_ name: String, _ attributes: [(String, String)], _ children: [N] = []) -> N {
        .element(named: name, nodes: attributes.map { N.attribute(named: $0.0, value: $0.1) } + children)
    }

    static func f(_ v: Double) -> String { String(format: "%.1f", v) }

    func rect(_ from: CivilDate, _ to: CivilDate, y: Double, h: Double, fill: String, stroke: String? = nil, opacity: Double? = nil, title: String) -> N {
        let x0 = x(from), x1 = max(x(to.adding(days: 1)), x0 + 1.5)
        var a: [(String, String)] = [("x", Self.f(x0)), ("y", Self.f(y)), ("width", Self.f(x1 - x0)), ("height", Self.f(h)), ("fill", fill)]
        if let stroke { a.append(("stroke", stroke)) }
        if let opacity { a.append(("fill-opacity", Self.f(opacity))) }
        return Self.element("rect", a, [Self.element("title", [], [.text(title)])])
    }

    func text(_ s: String, x: Double, y: Double, size: Double = 12, anchor: String = "start", weight: String = "normal", fill: String = "#222") -> N {
        Self.element("text", [("x", Self.f(x)), ("y", Self.f(y)), ("font-size", Self.f(size)), ("text-anchor", anchor),
                              ("font-weight", weight), ("fill", fill)], [.text(s)])
    }

    func vertical(_ d: CivilDate, color: String, dash: String?, label: String, row: Int) -> [N] {
        var a: [(String, String)] = [("x1", Self.f(x(d))), ("x2", Self.f(x(d))), ("y1", Self.f(Self.top - 8)), ("y2", Self.f(plotBottom)),
                                     ("stroke", color), ("stroke-width", "1.5")]
        if let dash { a.append(("stroke-dasharray", dash)) }
        // A label near the right edge ends at its line instead of running off the picture.
        let nearEdge = x(d) > Self.width - 220
        return [Self.element("line", a, [Self.element("title", [], [.text(label)])]),
                text(label, x: nearEdge ? x(d) - 3 : x(d) + 3, y: Self.top - 12 - Double(row) * 13, size: 11,
                     anchor: nearEdge ? "end" : "start", fill: color)]
    }

    /// The SVG document.
    public func render() -> String {
        var nodes: [N] = []
        let t = timeline
        nodes.append(Self.element("rect", [("x", "0"), ("y", "0"), ("width", Self.f(Self.width)), ("height", Self.f(height)), ("fill", "white")]))
        // Heading: who, where, when.
        nodes.append(text("\(t.person) \(t.name)", x: 16, y: 26, size: 18, weight: "bold"))
        let when = word("as of ", "基準日 ") + date(t.asOf) + (knownAt.map { "，" + $0 } ?? "")
        nodes.append(text("\(t.agency) · " + when, x: 16, y: 46, size: 12, fill: "#555"))
        // Year grid and axis.
        for y in first.year...last.year {
            let d = CivilDate(year: y, month: 1, day: 1)!
            nodes.append(Self.element("line", [("x1", Self.f(x(d))), ("x2", Self.f(x(d))), ("y1", Self.f(Self.top)), ("y2", Self.f(plotBottom + 6)),
                                               ("stroke", "#ddd"), ("stroke-width", "1")]))
            if y < last.year || first.year == last.year {
                let mid = CivilDate(year: y, month: 7, day: 1)!
                nodes.append(text(year(y), x: x(mid), y: plotBottom + 22, size: 12, anchor: "middle", fill: "#444"))
            }
        }
        // A lane per study.
        for (i, s) in t.studies.enumerated() {
            let y = Self.top + Double(i) * Self.lane
            nodes.append(text(s.application, x: 16, y: y + 20, size: 13, weight: "bold"))
            nodes.append(text(zh ? Terms.zh(s.mode) : s.mode.rawValue, x: 16, y: y + 36, size: 11, fill: "#555"))
            nodes.append(text(zh ? Terms.zh(s.state) : s.state.rawValue, x: 16, y: y + 50, size: 11, fill: "#555"))
            nodes.append(rect(s.from, s.to, y: y + 6, h: 12, fill: "#d6e6f7", stroke: "#6a9fd4",
                              title: word("approved period", "核定進修期間") + " \(date(s.from)) – \(date(s.to))"))
            if let ext = s.extendedTo, ext > s.to {
                nodes.append(rect(s.to.adding(days: 1), ext, y: y + 6, h: 12, fill: "#f6d7a7", stroke: "#d99a3a",
                                  title: word("extension", "延長") + " \(date(s.to.adding(days: 1))) – \(date(ext))"))
            }
            if let l = s.leave {
                nodes.append(rect(l.lowerBound, l.upperBound, y: y + 22, h: 12, fill: "#2f6db5",
                                  title: word("on leave", "進修期間（公假或留職停薪）") + " \(date(l.lowerBound)) – \(date(l.upperBound))"))
            }
            if let o = s.obligation, let starts = o.startsOn {
                let servedEnd = min(t.asOf, o.breach?.on ?? t.asOf, o.endsOn ?? t.asOf).adding(days: -1)
                if servedEnd >= starts {
                    nodes.append(rect(starts, servedEnd, y: y + 38, h: 12, fill: "#3a9d5d",
                                      title: word("service served", "已服務") + " \(o.servedDays) " + word("days", "日")))
                }
                if let ends = o.endsOn, o.remainingDays > 0, o.breach == nil {
                    nodes.append(rect(max(t.asOf, starts), ends, y: y + 38, h: 12, fill: "#bfe5cb", stroke: "#3a9d5d",
                                      title: word("service remaining", "尚需服務") + " \(o.remainingDays) " + word("days, to ", "日，至 ") + date(ends)))
                }
                if let b = o.breach {
                    nodes.append(Self.element("circle", [("cx", Self.f(x(b.on))), ("cy", Self.f(y + 44)), ("r", "6"), ("fill", "#c62828")],
                                              [Self.element("title", [], [.text(word("breach", "未履行") + " \(date(b.on)): " + (zh ? b.causeZh : b.cause))])]))
                }
            }
        }
        // Across the lanes: pauses, transfers, separation, the as-of day.
        for p in t.pauses {
            nodes.append(rect(p.lowerBound, p.upperBound, y: Self.top, h: plotBottom - Self.top, fill: "#9e9e9e", opacity: 0.55,
                              title: word("service paused", "暫停計算") + " \(date(p.lowerBound)) – \(date(p.upperBound))"))
        }
        var row = 0
        for m in t.transfers { nodes += vertical(m.on, color: "#6d4c41", dash: "5,3", label: "\(date(m.on)) " + (zh ? m.textZh : m.text), row: row); row += 1 }
        if let s = t.separation { nodes += vertical(s.on, color: "#c62828", dash: nil, label: "\(date(s.on)) " + (zh ? s.textZh : s.text), row: row); row += 1 }
        nodes += vertical(t.asOf, color: "#111", dash: "2,2", label: word("as of ", "基準日 ") + date(t.asOf), row: row)
        if t.studies.isEmpty { nodes.append(text(word("no study recorded", "無進修紀錄"), x: Self.left, y: Self.top + 30, fill: "#777")) }
        // Legend.
        let items: [(String, String, String)] = [
            ("#d6e6f7", "approved period", "核定進修期間"), ("#f6d7a7", "extension", "延長"), ("#2f6db5", "on leave", "進修期間"),
            ("#3a9d5d", "service served", "已服務"), ("#bfe5cb", "service remaining", "尚需服務"), ("#9e9e9e", "paused", "暫停計算"),
            ("#c62828", "breach, separation", "未履行、離職"),
        ]
        let ly = plotBottom + Self.axisHeight + 14
        for (i, item) in items.enumerated() {
            let lx = 16 + Double(i) * 138
            nodes.append(Self.element("rect", [("x", Self.f(lx)), ("y", Self.f(ly)), ("width", "14"), ("height", "10"), ("fill", item.0), ("stroke", "#888")]))
            nodes.append(text(word(item.1, item.2), x: lx + 19, y: ly + 9, size: 11))
        }
        let svg = Self.element("svg", [("xmlns", "http://www.w3.org/2000/svg"), ("width", Self.f(Self.width)), ("height", Self.f(height)),
                                       ("viewBox", "0 0 \(Self.f(Self.width)) \(Self.f(height))"),
                                       ("font-family", "'Noto Sans CJK TC', 'Noto Sans TC', 'PingFang TC', 'Microsoft JhengHei', sans-serif")],
                               nodes)
        return XML(svg).render()
    }
}
