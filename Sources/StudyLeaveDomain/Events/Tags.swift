/// The tags an event carries, which decide who reads it: a decision reads the events of its
/// tags, and appends only if none with those tags came since (the consistency boundary).
public enum Tag {
    /// The agency itself: its creation and its headcounts.
    public static func agency(_ a: String) -> String { "agency:" + a }
    /// An agency's children (AgencyAdded of a child names its parent here).
    public static func children(_ a: String) -> String { "sub:" + a }
    /// Who serves in an agency: people added to it, transferred in or out, separated from it.
    public static func member(_ a: String) -> String { "member:" + a }
    /// Who heads an agency: the head's arrival and departure.
    public static func head(_ a: String) -> String { "head:" + a }
    /// Everything about one person, their studies included.
    public static func person(_ p: String) -> String { "person:" + p }
    /// Everything about one application.
    public static func application(_ x: String) -> String { "application:" + x }
    /// An agency's quota in a year: its headcount, and the counted studies starting that year.
    public static func quota(_ a: String, _ year: Int) -> String { "quota:" + a + ":" + String(year) }
    /// The policies adopted (PolicyAdopted): every decision and query reads them.
    public static let policy = "policy:ledger"
    /// Who may read the web view: every grant and revocation (AccessGranted, AccessRevoked).
    public static let access = "access:ledger"
    /// A course itself: its description (CourseAdded).
    public static func course(_ c: String) -> String { "course:" + c }
    /// Who attended a course: the attendances of one course.
    public static func roster(_ c: String) -> String { "roster:" + c }
    /// What one person attended: their attendances of every course (kept apart from `person:`,
    /// so that a decision about their studies does not read their training).
    public static func learner(_ p: String) -> String { "learner:" + p }
}
