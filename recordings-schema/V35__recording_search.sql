-- The recording search at scale (issue 7's benchmark, deploy/bench-search.sh: 1,000,000 recordings).
-- GET /api/recordings lists newest first (started_at DESC, id DESC), 50 a page, filtered by any of:
-- start range, part of the caller's number, extension, ticket number, grade. JdbcRecordingIndex
-- first picks the page's ids from these indexes alone (index-only where it can), then reads the
-- 50 rows with their call and ticket.

-- Newest first with no filter, or a range: the whole order, id included.
CREATE INDEX recordings_started ON recordings (started_at, id);
DROP INDEX recordings_started_at;

-- One extension (an agent, the agent's own calls) or one grade, newest first, optionally within a
-- range: read backwards from the range's end, stopping after a page however busy the extension.
CREATE INDEX recordings_extension_started ON recordings (extension, started_at, id);
CREATE INDEX recordings_grade_started ON recordings (grade, started_at, id);

-- Part of the caller's number (caller LIKE '%1234%'). A B-tree cannot find a pattern that does not
-- start at the beginning, and a trigram index over the recordings finds every recording of every
-- matching number (often thousands, each on its own page) before the newest 50 can be chosen.
-- So the numbers are matched on their own, in recording_callers (every caller number the index
-- has ever held, kept by a trigger; ~100,000 for 1,000,000 recordings), and the recordings of the
-- matching numbers come from recordings_caller_started in start order without reading the table.
CREATE TABLE recording_callers (
    caller TEXT PRIMARY KEY
);

INSERT INTO recording_callers (caller)
    SELECT DISTINCT caller FROM recordings WHERE caller IS NOT NULL;

CREATE FUNCTION recording_callers_add() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO recording_callers (caller) VALUES (NEW.caller) ON CONFLICT DO NOTHING;
    RETURN NULL;
END $$;

CREATE TRIGGER recordings_caller_known AFTER INSERT OR UPDATE OF caller ON recordings
    FOR EACH ROW WHEN (NEW.caller IS NOT NULL) EXECUTE FUNCTION recording_callers_add();

CREATE INDEX recordings_caller_started ON recordings (caller, started_at, id) INCLUDE (extension, grade);

-- The numbers' trigram index (pg_trgm): finds the numbers holding every 3-character piece of the
-- pattern ('123', '234'). pg_trgm ships with PostgreSQL (contrib; the embedded PostgreSQL has it) and
-- is a trusted extension from PostgreSQL 13 on, so the database owner may create it. Where it is
-- missing or may not be created, the migration goes on without it: the numbers are then read one by
-- one (a table of numbers, not of recordings), with the same answers.
DO $$
DECLARE
    ext_schema TEXT;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm')
       AND EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm') THEN
        BEGIN
            CREATE EXTENSION pg_trgm;
        EXCEPTION WHEN insufficient_privilege THEN
            RAISE WARNING 'pg_trgm cannot be created here (%): part-of-number searches read every caller number',
                SQLERRM;
        END;
    END IF;
    SELECT n.nspname INTO ext_schema FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
        WHERE e.extname = 'pg_trgm';
    IF ext_schema IS NULL THEN
        RAISE WARNING 'pg_trgm is not available: part-of-number searches read every caller number';
    ELSE
        EXECUTE format('CREATE INDEX recording_callers_trgm ON recording_callers USING gin (caller %I.gin_trgm_ops)',
                       ext_schema);
    END IF;
END $$;

-- The planner picks between reading the matching numbers' recordings (few numbers) and reading the
-- newest recordings until a page matches (a short pattern that most numbers hold) from its estimate
-- of how many numbers match, taken from the column's histogram: with the default 100 entries one
-- entry matching by chance means 1 % of all numbers (the wrong choice, a second instead of
-- milliseconds); 2,000 entries make it 0.05 % and cost ~1 ms of planning.
ALTER TABLE recording_callers ALTER COLUMN caller SET STATISTICS 2000;
ANALYZE recording_callers;
