import Foundation
import StudyLeaveDomain

/// Today's date, the default of every `--on` and `--as-of` (and of the web view's `?as-of=`).
/// `STUDYLEAVE_TODAY` (ISO) fixes it, for tests and for the docs' examples.
public enum Today {
    public static var date: CivilDate {
        if let fixed = ProcessInfo.processInfo.environment["STUDYLEAVE_TODAY"], let d = DateParsing.parseISO(fixed) { return d }
        let c = Calendar.current.dateComponents([.year, .month, .day], from: Date())
        return CivilDate(year: c.year!, month: c.month!, day: c.day!)!
    }
}
