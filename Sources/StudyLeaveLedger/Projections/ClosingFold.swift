import StudyLeaveDomain

/// The projection fold of a rebuild or an import, in position order. A settled application's row
/// is handed back at once, to be written and forgotten, so memory holds only agencies, people and
/// open applications, however long the history. What comes after is kept apart and settled at the
/// end (`ClosingFold.finish`): the rare event for a row already handed back, and retractions.
struct ClosingFold: Sendable {
    /// An event for an application whose row was already handed back (a late withdrawal).
    struct Late: Sendable {
        var application: String
        var data: EventData
        var on: CivilDate
    }

    var fold = ProjectionFold()
    /// Applications already handed back.
    private var closed = Set<String>()
    /// Closed rows not yet handed back.
    var closedRows: [ApplicationRow] = []
    /// Events for rows already handed back, in position order: applied to the written rows at the end.
    private(set) var late: [Late] = []
    var retractions: [Event] = []
    /// The attendance rows (`AttendanceFold`): each written as soon as it is made; retractions
    /// take theirs out at the end.
    var attendance = AttendanceFold()
    /// Attendance rows made and not yet written.
    var attendanceRows: [AttendanceRow] = []

    init(people: Int = 0, applications: Int = 0) {
        fold.people.reserveCapacity(people)
        closed.reserveCapacity(applications)
    }

    /// Folds one event of the rows' types: the projection rows' and the attendance rows'.
    mutating func apply(_ data: EventData, on day: CivilDate, position: Int64) {
        switch data {
        case .courseAdded, .attendanceRecorded:
            if case .insert(let row)? = attendance.apply(data, position: position, on: day) { attendanceRows.append(row) }
        default:
            apply(data, on: day)
        }
    }

    /// The attendance rows the retractions take out, by position.
    var retractedAttendances: [Int64] {
        retractions.compactMap { if case .delete(let p)? = AttendanceFold.deletion($0.data) { p } else { nil } }
    }

    mutating func apply(_ data: EventData, on day: CivilDate) {
        // A payment or a waiver after the return changes no row.
        guard ProjectionFold.changesRows(data) else { return }
        guard let x = data.application else { return fold.apply(data, on: day) }
        // One look-up in the open rows per event: this runs for millions of them.
        guard let i = fold.applications.index(forKey: x) else {
            if closed.contains(x) { late.append(Late(application: x, data: data, on: day)) } else { fold.apply(data, on: day) }
            return
        }
        if case .applicationSubmitted = data { return fold.apply(data, on: day) }
        ProjectionFold.apply(data, on: day, to: &fold.applications.values[i])
        if Self.settled(fold.applications.values[i]) {
            closedRows.append(fold.applications.remove(at: i).value)
            closed.insert(x)
        }
    }

    /// Handed back once closed, or once approved for off-hours study: such a study takes no leave
    /// (§1), so nothing but a rare withdrawal follows, and that one is kept in `late`.
    /// (Most of a national ledger's open applications are of this kind.)
    static func settled(_ row: ApplicationRow) -> Bool {
        row.isClosed || (row.mode == .offHours && row.approvedOn != nil)
    }

    /// The rows the retractions touch, given each target's stored type: those the type changes.
    func retractionKeys(typeAt: (Int64) throws -> String?) rethrows -> Set<ProjectionKey> {
        var keys = Set<ProjectionKey>()
        for e in retractions {
            guard case .eventRetracted(let target, _, _) = e.data else { continue }
            if let type = try typeAt(target) {
                keys.formUnion(ProjectionFold.keys(ofRetraction: e, targetType: type))
            } else {
                keys.formUnion(ProjectionFold.keys(of: e))
            }
        }
        return keys
    }
}
