-- Least privilege for a StudyLeave ledger on PostgreSQL (Docs/POSTGRES.md).
-- Run as the role that ran `studyleave init` (the ledger's owner), in the ledger's database, after
-- init. The owner alone may init, import and rebuild; offices record and read; the web view reads.
-- A test runs this file as it stands (Tests/StudyLeaveCLITests/PostgresFaultCommandTests.swift).
--
-- Create the login roles first, each with its own password (never in a --db URL; give it to the
-- tool in PGPASSWORD or ~/.pgpass):
--   CREATE ROLE studyleave_office LOGIN PASSWORD '...';
--   CREATE ROLE studyleave_reader LOGIN PASSWORD '...';

-- Everyone the ledger serves reads it.
GRANT USAGE ON SCHEMA public TO studyleave_office, studyleave_reader;
GRANT SELECT ON events, event_tags, ledger_head, meta, projection_checkpoint,
                proj_agency, proj_headcount, proj_person, proj_application, proj_attendance
   TO studyleave_office, studyleave_reader;

-- Offices append: new events and their tags, the head row (its lock orders the appends), and the
-- projection rows that move with each append. Events, tags and settings can never be changed or
-- deleted (the ledger's triggers refuse it even to the owner; PUBLIC holds no such right).
GRANT INSERT ON events, event_tags TO studyleave_office;
GRANT UPDATE ON ledger_head TO studyleave_office;
GRANT INSERT, UPDATE, DELETE ON proj_agency, proj_headcount, proj_person, proj_application, proj_attendance,
                                projection_checkpoint
   TO studyleave_office;
