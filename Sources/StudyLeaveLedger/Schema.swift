/// The ledger's tables. One append-only table of events; tags in an indexed side table; a
/// write-once table of settings (the policy). Triggers refuse UPDATE and DELETE on all three.
enum Schema {
    /// `PRAGMA application_id`: marks the file as a studyleave ledger ("STLV").
    static let applicationID: Int32 = 0x53544C56
    /// `PRAGMA user_version`: the schema this tool writes. A higher one is refused.
    static let version = 1

    /// The report indexes on the application table: dropped for a rebuild and made again after
    /// (one sort is far cheaper than a million inserts at random places).
    static let projectionIndexes: [(name: String, definition: String)] = [
        ("proj_application_leave", "proj_application(mode, leave_start)"),
        ("proj_application_quota", "proj_application(approved_year, approved_agency)"),
        ("proj_application_pending", "proj_application(agency, from_day)"),
    ]

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
        CREATE TABLE proj_application (
            application     TEXT PRIMARY KEY,
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
        );
        \(projectionIndexes.map { "CREATE INDEX \($0.name) ON \($0.definition);" }.joined(separator: "\n"))
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
