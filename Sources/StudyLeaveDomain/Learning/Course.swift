/// A course (課程/班期) as `course add` recorded it (RULES.md §7).
public struct Course: Equatable, Sendable {
    public let id: String
    public var name: String
    public var hours: Hours
    public var from: CivilDate
    /// The last day: the year whose hours it counts toward.
    public var to: CivilDate
    /// Sorted, without repeats.
    public var topics: [Topic]
    public var delivery: Delivery
    /// The digital hours: all of them for a digital course, the recorded part of a blended one.
    public var digitalHours: Hours
    public var organiser: String?
    public var added: Ref

    /// The calendar year the course's hours count toward (RULES.md §7: its last day's year).
    public var year: Int { to.year }

    /// Does the course count toward a minimum over these topics (gender also as democratic)?
    public func counts(toward topics: Set<Topic>) -> Bool {
        self.topics.contains { !$0.countsAs.isDisjoint(with: topics) }
    }

    public var isWorkRelated: Bool { topics.contains { $0.isWorkRelated } }
}

/// One person's attendance of one course (參訓), with their leave hours (請假) and whether they
/// were absent without leave (未請假缺課).
public struct Attendance: Equatable, Sendable {
    public var course: String
    public var person: String
    public var leaveHours: Hours
    public var absent: Bool
    public var ref: Ref
}
