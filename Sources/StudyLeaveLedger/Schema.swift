/// The ledger's tables. One append-only table of events; tags in an indexed side table; a
/// write-once table of settings (the policy). Triggers refuse UPDATE and DELETE on all three.
enum Schema {
    /// `PRAGMA application_id`: marks the file as a studyleave ledger ("STLV").
    static let applicationID: Int32 = 0x53544C56
    /// `PRAGMA user_version`: the schema this tool writes. A higher one is refused.
    static let version = 1

    static let create = """
        CREATE TABLE events (
            position    INTEGER PRIMARY KEY,
            type        TEXT    NOT NULL,
            version     INTEGER NOT NULL,
            on_day      TEXT    NOT NULL,
            recorded_at TEXT    NOT NULL,
            actor       TEXT    NOT NULL,
            request_id  TEXT    UNIQUE,
            tags        TEXT    NOT NULL,
            payload     TEXT    NOT NULL,
            hash        TEXT    NOT NULL
        );
        CREATE TABLE event_tags (
            tag      TEXT    NOT NULL,
            position INTEGER NOT NULL,
            PRIMARY KEY (tag, position)
        ) WITHOUT ROWID;
        CREATE INDEX events_recorded_at ON events(recorded_at);
        CREATE TABLE meta (
            key   TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );
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
