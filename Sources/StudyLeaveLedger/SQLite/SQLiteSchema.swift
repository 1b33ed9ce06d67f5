import GRDB
import StudyLeaveDomain

/// The ledger's tables. One append-only table of events; tags in an indexed side table; a
/// write-once table of settings (the policy). Triggers refuse UPDATE and DELETE on all three.
enum Schema {
    /// `PRAGMA application_id`: marks the file as a studyleave ledger ("STLV").
    static let applicationID: Int32 = 0x53544C56
    /// `PRAGMA user_version`: the schema this tool writes. A higher one is refused; a lower one
    /// is brought up to this one when opened for writing (`SchemaUpgrade`).
    /// 2: the attendance rows (`proj_attendance`).
    static let version = 2

    struct ProjectionIndex {
        let name: String
        let definition: String
        var unique = false
        var create: String { "CREATE \(unique ? "UNIQUE " : "")INDEX \(name) ON \(definition)" }
    }

    /// The indexes on the application table: dropped for a bulk write (rebuild, import) and made
    /// again after (one sort is far cheaper than millions of inserts at random places). The key
    /// first; then the reports', partial where the reports allow: everyone whose leave started
    /// (`onLeave`, `obligations`; the mode is checked on the rows found), and the applications approved in a year or waiting to be
    /// decided (`quotaAll`, which SQLite answers from both at once). A ledger made by an earlier
    /// version gets these definitions at its next rebuild or import.
    static let projectionIndexes: [ProjectionIndex] = [
        ProjectionIndex(name: "proj_application_key", definition: "proj_application(application)", unique: true),
        ProjectionIndex(name: "proj_application_leave", definition: "proj_application(leave_start) WHERE leave_start IS NOT NULL"),
        ProjectionIndex(name: "proj_application_quota", definition: "proj_application(approved_year, approved_agency) WHERE approved_year IS NOT NULL"),
        ProjectionIndex(name: "proj_application_pending",
                        definition: "proj_application(from_day) WHERE approved_on IS NULL AND rejected_on IS NULL AND withdrawn_on IS NULL"),
        // undecidedOn: the first day any decision was dated (the day after all days when none).
        ProjectionIndex(name: "proj_application_decided", definition: "proj_application(\(ApplicationQuerySQL.firstDecision))"),
        // people: an agency's members' applications; leaveSpanning: theirs that could exempt
        // them from a year's hours, found in the index before any row is read.
        ProjectionIndex(name: "proj_application_person", definition: "proj_application(person, mode, leave_start, leave_end)"),
        // The hours queries: a year's attendances of some people.
        AttendanceTable.index,
    ]

    /// The application table as this version makes it (earlier versions declared the key a
    /// PRIMARY KEY, which SQLite keeps in an index that cannot be dropped for a bulk write).
    static let applicationTable = """
        CREATE TABLE proj_application (
            application     TEXT NOT NULL,
            person          TEXT NOT NULL,
            agency          TEXT NOT NULL,
            mode            TEXT NOT NULL,
            sponsor         TEXT NOT NULL,
            abroad          INTEGER NOT NULL,
            from_day        TEXT NOT NULL,
            to_day          TEXT NOT NULL,
            approved_on     TEXT,
            approved_agency TEXT,
            approved_year   INTEGER,
            rejected_on     TEXT,
            withdrawn_on    TEXT,
            leave_start     TEXT,
            leave_end       TEXT,
            returned_on     TEXT
        )
        """

    static let create = """
        CREATE TABLE events (
            position    INTEGER PRIMARY KEY,
            type        TEXT    NOT NULL,
            version     INTEGER NOT NULL,
            on_day      TEXT    NOT NULL,
            recorded_at TEXT    NOT NULL,
            actor       TEXT    NOT NULL,
            request_id  TEXT,
            tags        TEXT    NOT NULL,
            payload     TEXT    NOT NULL,
            hash        TEXT    NOT NULL
        );
        CREATE TABLE event_tags (
            tag      TEXT    NOT NULL,
            position INTEGER NOT NULL,
            PRIMARY KEY (tag, position)
        ) WITHOUT ROWID;
        -- Most writes carry no request id: a partial index costs them nothing.
        CREATE UNIQUE INDEX events_request_id ON events(request_id) WHERE request_id IS NOT NULL;
        CREATE TABLE meta (
            key   TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );
        CREATE TABLE projection_checkpoint (
            name     TEXT PRIMARY KEY,
            position INTEGER NOT NULL
        );
        CREATE TABLE proj_agency (
            agency TEXT PRIMARY KEY,
            name   TEXT NOT NULL,
            parent TEXT
        );
        CREATE TABLE proj_headcount (
            agency   TEXT    NOT NULL,
            year     INTEGER NOT NULL,
            budgeted INTEGER NOT NULL,
            PRIMARY KEY (agency, year)
        ) WITHOUT ROWID;
        CREATE TABLE proj_person (
            person       TEXT PRIMARY KEY,
            name         TEXT NOT NULL,
            agency       TEXT NOT NULL,
            separated_on TEXT
        );
        \(applicationTable);
        \(AttendanceTable.create);
        \(projectionIndexes.map { "\($0.create);" }.joined(separator: "\n"))
        CREATE TRIGGER events_append_only_update BEFORE UPDATE ON events
            BEGIN SELECT RAISE(ABORT, 'the ledger is append-only: events cannot be changed'); END;
        CREATE TRIGGER events_append_only_delete BEFORE DELETE ON events
            BEGIN SELECT RAISE(ABORT, 'the ledger is append-only: events cannot be deleted'); END;
        CREATE TRIGGER event_tags_append_only_update BEFORE UPDATE ON event_tags
            BEGIN SELECT RAISE(ABORT, 'the ledger is append-only: tags cannot be changed'); END;
        CREATE TRIGGER event_tags_append_only_delete BEFORE DELETE ON event_tags
            BEGIN SELECT RAISE(ABORT, 'the ledger is append-only: tags cannot be deleted'); END;
        CREATE TRIGGER meta_write_once_update BEFORE UPDATE ON meta
            BEGIN SELECT RAISE(ABORT, 'ledger settings are written once'); END;
        CREATE TRIGGER meta_write_once_delete BEFORE DELETE ON meta
            BEGIN SELECT RAISE(ABORT, 'ledger settings are written once'); END;
        """
}

/// The reports' questions (`ApplicationQuery`) as SQLite conditions on the application table,
/// each served by an index of `Schema.projectionIndexes` (a test reads SQLite's plans). The modes
/// come with the question, from the domain; only storage is said here.
enum ApplicationQuerySQL {
    static func condition(_ query: ApplicationQuery) -> (sql: String, arguments: StatementArguments) {
        switch query {
        case let .onLeave(day, modes):
            return ("leave_start IS NOT NULL AND leave_start <= ? AND (leave_end IS NULL OR leave_end >= ?) AND withdrawn_on IS NULL AND mode IN (\(marks(modes.count)))",
                    StatementArguments([day.iso, day.iso] + modes.map(\.rawValue).sorted()))
        case let .leaveStarted(day, modes):
            return ("leave_start IS NOT NULL AND leave_start <= ? AND withdrawn_on IS NULL AND mode IN (\(marks(modes.count)))",
                    StatementArguments([day.iso] + modes.map(\.rawValue).sorted()))
        case let .countedOrPending(year):
            let first = CivilDate(year: year, month: 1, day: 1)!.iso, last = CivilDate(year: year, month: 12, day: 31)!.iso
            return ("approved_year = ? OR (from_day BETWEEN ? AND ? AND approved_on IS NULL AND rejected_on IS NULL AND withdrawn_on IS NULL)",
                    [year, first, last])
        case let .undecidedOn(day):
            return ("\(firstDecision) > ?", [day.iso])
        case let .application(x):
            return ("application = ?", [x])
        case let .leaveSpanning(p, modes, startedBy, notEndedBefore):
            return ("person IN (\(marks(p.count))) AND mode IN (\(marks(modes.count))) AND leave_start IS NOT NULL AND leave_start <= ? AND (leave_end IS NULL OR leave_end >= ?)",
                    StatementArguments(p.sorted()) + StatementArguments(modes.map(\.rawValue).sorted()) + StatementArguments([startedBy.iso, notEndedBefore.iso]))
        case .all:
            return ("1", [])
        }
    }

    /// The day of an application's first decision, or a day after every day when it has none.
    static let firstDecision = "min(ifnull(approved_on, '9999-12-31'), ifnull(rejected_on, '9999-12-31'), ifnull(withdrawn_on, '9999-12-31'))"

    static func marks(_ n: Int) -> String { Array(repeating: "?", count: max(n, 1)).joined(separator: ",") }
}
