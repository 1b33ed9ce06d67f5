import StudyLeaveDomain

extension TimelineSVG {
    /// The picture worded as an answer is (`--lang`, `--calendar`): axis years as 民國 years
    /// with the ROC calendar.
    public init(timeline: Timeline, wording w: Wording, knownAt: String? = nil) {
        self.init(timeline: timeline, zh: w.lang == .zhTW, date: { w.date($0) },
                  year: { y in w.calendar == .roc ? (w.lang == .zhTW ? "民國\(y - 1911)" : "ROC \(y - 1911)") : String(y) },
                  knownAt: knownAt)
    }
}
