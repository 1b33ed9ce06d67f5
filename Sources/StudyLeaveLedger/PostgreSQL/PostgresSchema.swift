import PostgresNIO
import StudyLeaveDomain

/// The ledger's tables on PostgreSQL: the same columns and the same text as SQLite's (`Schema`),
/// so that the same events give the same hashes and a byte-identical export.
///
/// - Every text column is `text COLLATE "C"`: byte order, as SQLite's BINARY compares, for the
///   tag ranges, the recorded times and the ISO days alike. The payload is text, not jsonb: the
///   chain hashes its bytes.
/// - `ledger_head`, one row: the last position, its hash and recorded time. An append locks it
///   first (`FOR UPDATE`), which orders appends: positions gap-free, in commit order.
/// - `meta`: written once at `init`: the marker that this database holds a studyleave ledger, its
///   schema version, and the policy text.
/// - Triggers refuse UPDATE, DELETE and TRUNCATE on `events`, `event_tags` and `meta`, and
///   DELETE and TRUNCATE on the head row.
enum PostgresSchema {
    /// The schema this tool writes; a ledger with a higher one is refused (`.newerSchema`), so
    /// that an older tool never appends without the rows a newer one keeps. 2: the attendance
    /// rows (`PostgresAttendance`). A ledger of schema 1 keeps its number (`meta` is written once)
    /// and gets the table from its next `rebuild`; until then its hours queries fold the events.
    static let version = 2
    /// The marker in `meta` (key `application`).
    static let marker = "studyleave"
    static let requestIdIndex = "events_request_id"
    static let checkpointName = Projections.checkpointName
    /// Serialises `init` and `import` against each other: `pg_advisory_xact_lock` on this key.
    static let creationLock: Int64 = 0x5354_4C56_0000_0001

    /// The statements that make the tables, in order, without the indexes a bulk load makes after
    /// (`bulkIndexes`).
    static let tables: [PostgresQuery] = [
        """
        CREATE TABLE events (
            position    bigint  NOT NULL,
            type        text    COLLATE "C" NOT NULL,
            version     integer NOT NULL,
            on_day      text    COLLATE "C" NOT NULL,
            recorded_at text    COLLATE "C" NOT NULL,
            actor       text    COLLATE "C" NOT NULL,
            request_id  text    COLLATE "C",
            tags        text    COLLATE "C" NOT NULL,
            payload     text    COLLATE "C" NOT NULL,
            hash        text    COLLATE "C" NOT NULL
        )
        """,
        """
        CREATE TABLE event_tags (
            tag      text   COLLATE "C" NOT NULL,
            position bigint NOT NULL
        )
        """,
        """
        CREATE TABLE ledger_head (
            singleton   boolean PRIMARY KEY DEFAULT true CHECK (singleton),
            position    bigint  NOT NULL,
            hash        text    COLLATE "C" NOT NULL,
            recorded_at text    COLLATE "C" NOT NULL
        )
        """,
        """
        CREATE TABLE meta (
            key   text COLLATE "C" PRIMARY KEY,
            value text COLLATE "C" NOT NULL
        )
        """,
        """
        CREATE TABLE projection_checkpoint (
            name     text   COLLATE "C" PRIMARY KEY,
            position bigint NOT NULL
        )
        """,
        """
        CREATE TABLE proj_agency (
            agency text COLLATE "C" PRIMARY KEY,
            name   text COLLATE "C" NOT NULL,
            parent text COLLATE "C"
        )
        """,
        """
        CREATE TABLE proj_headcount (
            agency   text    COLLATE "C" NOT NULL,
            year     integer NOT NULL,
            budgeted integer NOT NULL,
            PRIMARY KEY (agency, year)
        )
        """,
        """
        CREATE TABLE proj_person (
            person       text COLLATE "C" PRIMARY KEY,
            name         text COLLATE "C" NOT NULL,
            agency       text COLLATE "C" NOT NULL,
            separated_on text COLLATE "C"
        )
        """,
        """
        CREATE TABLE proj_application (
            application     text    COLLATE "C" NOT NULL,
            person          text    COLLATE "C" NOT NULL,
            agency          text    COLLATE "C" NOT NULL,
            mode            text    COLLATE "C" NOT NULL,
            sponsor         text    COLLATE "C" NOT NULL,
            abroad          boolean NOT NULL,
            from_day        text    COLLATE "C" NOT NULL,
            to_day          text    COLLATE "C" NOT NULL,
            approved_on     text    COLLATE "C",
            approved_agency text    COLLATE "C",
            approved_year   integer,
            rejected_on     text    COLLATE "C",
            withdrawn_on    text    COLLATE "C",
            leave_start     text    COLLATE "C",
            leave_end       text    COLLATE "C",
            returned_on     text    COLLATE "C"
        )
        """,
        PostgresAttendance.create,
        """
        CREATE FUNCTION studyleave_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION '%', TG_ARGV[0] USING ERRCODE = 'insufficient_privilege';
        END
        $$
        """,
        """
        CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON events
            FOR EACH STATEMENT EXECUTE FUNCTION studyleave_refuse('the ledger is append-only: events cannot be changed or deleted')
        """,
        """
        CREATE TRIGGER event_tags_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON event_tags
            FOR EACH STATEMENT EXECUTE FUNCTION studyleave_refuse('the ledger is append-only: tags cannot be changed or deleted')
        """,
        """
        CREATE TRIGGER meta_write_once BEFORE UPDATE OR DELETE OR TRUNCATE ON meta
            FOR EACH STATEMENT EXECUTE FUNCTION studyleave_refuse('ledger settings are written once')
        """,
        """
        CREATE TRIGGER ledger_head_kept BEFORE DELETE OR TRUNCATE ON ledger_head
            FOR EACH STATEMENT EXECUTE FUNCTION studyleave_refuse('the ledger head row cannot be deleted')
        """,
        // Others than the owner get no way around the triggers from a grant either.
        "REVOKE UPDATE, DELETE, TRUNCATE ON events, event_tags, meta FROM PUBLIC",
        "REVOKE DELETE, TRUNCATE ON ledger_head FROM PUBLIC",
    ]

    /// An index that a bulk load (import) drops and makes again after the rows are in: one sort
    /// instead of millions of inserts at random places.
    struct BulkIndex {
        let create: PostgresQuery
        let drop: PostgresQuery
    }

    /// The primary keys of the events and the tag index, the request-id index, and the
    /// application table's indexes: its key, then one for each kind of `ApplicationQuery`
    /// (`ApplicationQueryPostgres`).
    static let bulkIndexes: [BulkIndex] = [
        BulkIndex(create: "ALTER TABLE events ADD CONSTRAINT events_pkey PRIMARY KEY (position)",
                  drop: "ALTER TABLE events DROP CONSTRAINT IF EXISTS events_pkey"),
        // Most writes carry no request id: a partial index costs them nothing.
        BulkIndex(create: "CREATE UNIQUE INDEX events_request_id ON events (request_id) WHERE request_id IS NOT NULL",
                  drop: "DROP INDEX IF EXISTS events_request_id"),
        BulkIndex(create: "ALTER TABLE event_tags ADD CONSTRAINT event_tags_pkey PRIMARY KEY (tag, position)",
                  drop: "ALTER TABLE event_tags DROP CONSTRAINT IF EXISTS event_tags_pkey"),
        BulkIndex(create: "CREATE UNIQUE INDEX proj_application_key ON proj_application (application)",
                  drop: "DROP INDEX IF EXISTS proj_application_key"),
        // onLeave, leaveStarted: everyone whose leave started by a day (the mode checked on the rows found).
        BulkIndex(create: "CREATE INDEX proj_application_leave ON proj_application (leave_start) WHERE leave_start IS NOT NULL",
                  drop: "DROP INDEX IF EXISTS proj_application_leave"),
        // countedOrPending: the applications approved for a year's quota...
        BulkIndex(create: "CREATE INDEX proj_application_quota ON proj_application (approved_year, approved_agency) WHERE approved_year IS NOT NULL",
                  drop: "DROP INDEX IF EXISTS proj_application_quota"),
        // ...and those still undecided, by their first day.
        BulkIndex(create: """
                  CREATE INDEX proj_application_pending ON proj_application (from_day)
                  WHERE approved_on IS NULL AND rejected_on IS NULL AND withdrawn_on IS NULL
                  """,
                  drop: "DROP INDEX IF EXISTS proj_application_pending"),
        // undecidedOn: the first day any decision was dated.
        BulkIndex(create: "CREATE INDEX proj_application_decided ON proj_application ((\(unescaped: PostgresSchema.firstDecision)))",
                  drop: "DROP INDEX IF EXISTS proj_application_decided"),
        // leaveSpanning: an agency's members' applications that could exempt them from a year's hours.
        BulkIndex(create: "CREATE INDEX proj_application_person ON proj_application (person)",
                  drop: "DROP INDEX IF EXISTS proj_application_person"),
    ] + PostgresAttendance.indexes

    /// The day of an application's first decision, or a day after every day when it has none.
    static let firstDecision = "LEAST(COALESCE(approved_on, '9999-12-31'), COALESCE(rejected_on, '9999-12-31'), COALESCE(withdrawn_on, '9999-12-31'))"

    /// What a database holds, as far as a ledger goes.
    enum Found {
        case nothing
        /// Tables with the ledger's names, without its marker.
        case foreign
        case ledger(schema: Int, policyText: String?)
    }

    /// Looks for the ledger's tables and reads its marker.
    /// `outsideTransaction`: the settings are read first, and a missing table answered after,
    /// so that on a ledger (every command's case) one round trip answers; inside a transaction
    /// that failed statement would abort it, so there the tables are looked up first.
    static func inspect(_ connection: PostgresConnection, outsideTransaction: Bool = false) async throws -> Found {
        func settings() async throws -> [String: String] {
            var values: [String: String] = [:]
            for row in try await connection.rows("SELECT key, value FROM meta WHERE key IN ('application', 'schema', 'policy')") {
                let (key, value) = try row.decode((String, String).self)
                values[key] = value
            }
            return values
        }
        let values: [String: String]
        if outsideTransaction {
            do { values = try await settings() } catch where PostgresFailure.sqlState(error) == "42P01" {
                // No table `meta`: an empty database, or someone else's tables.
                let rows = try await connection.rows("SELECT to_regclass('events') IS NOT NULL")
                return try rows[0].decode(Bool.self) ? .foreign : .nothing
            }
        } else {
            let rows = try await connection.rows("SELECT to_regclass('meta') IS NOT NULL, to_regclass('events') IS NOT NULL")
            let (hasMeta, hasEvents) = try rows[0].decode((Bool, Bool).self)
            guard hasMeta else { return hasEvents ? .foreign : .nothing }
            values = try await settings()
        }
        guard values["application"] == marker, let schema = values["schema"].flatMap(Int.init) else { return .foreign }
        return .ledger(schema: schema, policyText: values["policy"])
    }

    /// Makes every table, with or without the bulk indexes, and writes the marker and the policy.
    static func create(_ connection: PostgresConnection, policies: PolicySet, withBulkIndexes: Bool) async throws {
        for statement in tables { try await connection.run(statement) }
        if withBulkIndexes { for index in bulkIndexes { try await connection.run(index.create) } }
        let policy = PolicyFile.write(policies)
        let createdBy = "studyleave schema \(version)"
        try await connection.run("""
            INSERT INTO meta(key, value) VALUES ('application', \(marker)), ('schema', \(String(version))),
              ('policy', \(policy)), ('created_by', \(createdBy))
            """)
        try await connection.run("INSERT INTO ledger_head(position, hash, recorded_at) VALUES (0, \(HashChain.genesis), '')")
        try await connection.run("INSERT INTO projection_checkpoint(name, position) VALUES (\(checkpointName), 0)")
    }

    /// The policies recorded in `meta`; unreadable text is corruption.
    static func policies(_ text: String?) throws(LedgerError) -> PolicySet {
        guard let text else { return .standard }
        do { return try PolicyFile.parse(text) } catch {
            throw .corrupt(position: nil, detail: "the stored policy cannot be read: \(error.message)")
        }
    }
}
