import StudyLeaveDomain

/// The projection fold of a rebuild or an import, in position order. A closed application's row
/// (rejected, withdrawn, back at work) is handed back at once, to be written and forgotten, so
/// memory holds only agencies, people and open applications, however long the history.
/// Retractions are kept apart: the rows they touch are recomputed from their own events at the end.
struct ClosingFold: Sendable {
    var fold = ProjectionFold()
    /// Applications already handed back.
    private var closed = Set<String>()
    /// Closed rows not yet handed back.
    var closedRows: [ApplicationRow] = []
    /// Rows to recompute from their own events at the end.
    private var stale = Set<ProjectionKey>()
    var retractions: [Event] = []

    init(people: Int = 0) { fold.people.reserveCapacity(people) }

    mutating func apply(_ data: EventData, on day: CivilDate) {
        // A payment or a waiver after the return changes no row.
        guard ProjectionFold.changesRows(data) else { return }
        if let x = data.application, fold.applications[x] == nil, closed.contains(x) {
            // An event after the row was handed back: only a retraction's aftermath can do that.
            stale.insert(.application(x))
            return
        }
        fold.apply(data, on: day)
        if let x = data.application, let row = fold.applications[x], Self.settled(row) {
            closedRows.append(row)
            fold.applications[x] = nil
            closed.insert(x)
        }
    }

    /// Handed back once closed, or once approved for off-hours study: such a study takes no leave
    /// (§1), so nothing but a rare withdrawal follows, and that one is caught as stale above.
    /// (Most of a national ledger's open applications are of this kind.)
    static func settled(_ row: ApplicationRow) -> Bool {
        row.isClosed || (row.mode == .offHours && row.approvedOn != nil)
    }

    /// The rows to recompute once every event is in.
    var keysToRefresh: Set<ProjectionKey> {
        var keys = stale
        for e in retractions { keys.formUnion(ProjectionFold.keys(of: e)) }
        return keys
    }
}
