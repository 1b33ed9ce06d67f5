/// A live attendance as the projection keeps it: the `AttendanceRecorded` event in columns, with
/// the year its course counts toward (RULES.md §7: the year of the course's last day), so that
/// a year's hours of many people read one range instead of every person's whole training.
public struct AttendanceRow: Hashable, Sendable {
    /// The attendance event's position: the row's key.
    public var position: Int64
    /// Who attended.
    public var person: String
    /// The year of the course's last day.
    public var year: Int
    /// The course attended.
    public var course: String
    /// The day it was recorded for (valid time: `--as-of` keeps the rows of days up to it).
    public var on: CivilDate
    /// The leave hours taken (請假).
    public var leave: Hours
    /// Absent without leave (未請假缺課).
    public var absent: Bool

    /// A row as a store reads it back.
    public init(position: Int64, person: String, year: Int, course: String, on: CivilDate, leave: Hours, absent: Bool) {
        self.position = position; self.person = person; self.year = year; self.course = course; self.on = on
        self.leave = leave; self.absent = absent
    }

    /// The event the row was made from, with what a fold reads of it (its time of recording,
    /// actor and tags are not kept: no figure of learning hours reads them).
    public var event: Event {
        Event(position: position, on: on, recordedAt: "", actor: "", tags: [],
              data: .attendanceRecorded(course: course, person: person, leave: leave, absent: absent))
    }
}

/// Folds events in position order into attendance rows. Attendances are facts one event each: a
/// row is made by its event and taken out only by that event's retraction (a retraction cannot
/// be retracted, and a course cannot be while it has live attendances, RetractionRule), so no
/// row is ever recomputed from a stream.
public struct AttendanceFold: Sendable {
    /// The year each course counts toward, from its `CourseAdded`.
    public var courseYears: [String: Int] = [:]

    /// A fold that has seen no course yet.
    public init() {}

    /// The event types the fold reads (besides retractions): a bulk path decodes only these.
    public static let types: Set<String> = ["CourseAdded", "AttendanceRecorded"]

    /// What a bulk path reads: those types and the retractions, sorted.
    public static let readTypes: [String] = (types.union(["EventRetracted"])).sorted()

    /// A row an event makes, or the position of the row it takes out.
    public enum Change: Equatable, Sendable {
        /// An attendance: its row.
        case insert(AttendanceRow)
        /// An attendance's retraction: the row of the attendance at `position` goes.
        case delete(position: Int64)
    }

    /// The change `data` at `position` makes to the rows; a course is remembered for the
    /// attendances after it. An attendance of a course the fold never saw makes no row.
    public mutating func apply(_ data: EventData, position: Int64, on day: CivilDate) -> Change? {
        switch data {
        case .courseAdded(let c):
            courseYears[c.course] = c.to.year
            return nil
        case let .attendanceRecorded(course, person, leave, absent):
            guard let year = courseYears[course] else { return nil }
            return .insert(AttendanceRow(position: position, person: person, year: year, course: course, on: day, leave: leave, absent: absent))
        default:
            return Self.deletion(data)
        }
    }

    /// The row a retraction takes out: its target's, when the target is an attendance.
    public static func deletion(_ data: EventData) -> Change? {
        if case .eventRetracted(let target, "AttendanceRecorded", _) = data { return .delete(position: target) }
        return nil
    }

    /// What an append must read before it applies its events to the rows: nil when none of
    /// them changes a row; otherwise the courses they attend, whose years the fold needs (each
    /// course was added before, since the decision read it).
    public static func courses(touchedBy events: [EventData]) -> Set<String>? {
        var courses = Set<String>(), touched = false
        for data in events {
            if case .attendanceRecorded(let course, _, _, _) = data { courses.insert(course); touched = true }
            else if deletion(data) != nil { touched = true }
        }
        return touched ? courses : nil
    }
}
