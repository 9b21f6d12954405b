-- The lead board's status counts (issue 7) from small summaries kept exact by the server, instead of
-- walking the board indexes: a rare status inside a wide ZIP range or date range walked the whole range.
-- Each summary holds the number of live leads (deleted_at IS NULL) per team and status and one more set
-- of dimensions; a board whose filters fall inside one summary's dimensions reads its counts there, any
-- other board walks the indexes as before (LeadBoardQuery).
--   by ZIP code:                      scope, status, ZIP code or prefix
--   by day recorded (UTC):            scope, status, age (the part days at either end are walked)
--   by source and whole priority:     scope, status, source, lowest priority (a whole number)
-- A lead without a team (the headquarters queue) counts under the nil UUID, one without a ZIP under '',
-- one without a priority under -1 (keys are never NULL).
-- A key's count is the SUM of its rows: writers only add rows (+n, -n), so no writer ever waits for
-- another's counter (an hour-long import does not hold up an officer closing a lead), and each write
-- folds the other rows of the keys it moves, those no one else holds, into its own.
CREATE TABLE field.lead_counts_by_zip (
    team_id     uuid NOT NULL,
    status      text NOT NULL,
    address_zip text NOT NULL,
    leads       bigint NOT NULL
);
CREATE INDEX lead_counts_by_zip_key_idx ON field.lead_counts_by_zip (team_id, status, address_zip);
CREATE TABLE field.lead_counts_by_day (
    team_id     uuid NOT NULL,
    status      text NOT NULL,
    created_day date NOT NULL,
    leads       bigint NOT NULL
);
CREATE INDEX lead_counts_by_day_key_idx ON field.lead_counts_by_day (team_id, status, created_day);
CREATE INDEX lead_counts_by_day_day_idx ON field.lead_counts_by_day (created_day);
CREATE TABLE field.lead_counts_by_source (
    team_id        uuid NOT NULL,
    status         text NOT NULL,
    source_id      uuid NOT NULL,
    priority_floor integer NOT NULL,
    leads          bigint NOT NULL
);
CREATE INDEX lead_counts_by_source_key_idx ON field.lead_counts_by_source (team_id, status, source_id, priority_floor);

-- Seen exactly as field.leads is: by the field roles and imports; written only by the triggers below.
DO $$
DECLARE
    summary text;
BEGIN
    FOREACH summary IN ARRAY ARRAY['field.lead_counts_by_zip', 'field.lead_counts_by_day', 'field.lead_counts_by_source'] LOOP
        EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', summary);
        EXECUTE format('ALTER TABLE %s FORCE ROW LEVEL SECURITY', summary);
        EXECUTE format('CREATE POLICY field_roles ON %s FOR SELECT USING ((SELECT core.session_has_role(''ocms_field'')) '
                       'OR (SELECT core.session_has_role(''ocms_import'')))', summary);
        EXECUTE format('REVOKE ALL ON %s FROM PUBLIC', summary);
        EXECUTE format('GRANT SELECT ON %s TO field_read, ocms_import', summary);
    END LOOP;
END
$$;

-- One grouped pass over a statement's changed rows (transition tables), whatever its size: an import of a
-- million leads pays one aggregate, an edit that moves no count (notes, a touch) writes nothing. For each
-- key it moves, the statement adds one row, folded with that key's rows no other transaction holds
-- (SKIP LOCKED: never a wait, never a deadlock). Runs as the owner (BYPASSRLS): the writer needs no
-- rights on the summaries.
CREATE FUNCTION field.lead_counts_changed() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp SET row_security = off
    SET work_mem = '32MB' AS $$ -- the few thousand groups of a big import hashed in memory, not sorted on disk
DECLARE
    leads_of constant text := 'SELECT coalesce(team_id, ''00000000-0000-0000-0000-000000000000'') AS team_id, status, '
        'coalesce(address_zip, '''') AS address_zip, (created_at AT TIME ZONE ''UTC'')::date AS created_day, source_id, '
        'coalesce(floor(priority_score)::integer, -1) AS priority_floor, %s AS delta FROM %s WHERE deleted_at IS NULL';
    changed text;
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        DELETE FROM field.lead_counts_by_zip;
        DELETE FROM field.lead_counts_by_day;
        DELETE FROM field.lead_counts_by_source;
        RETURN NULL;
    END IF;
    -- The rows a statement added (+1) and took away (-1); only the transition tables the operation has.
    changed := concat_ws(' UNION ALL ',
        CASE WHEN TG_OP IN ('INSERT', 'UPDATE') THEN format(leads_of, '1', 'new_rows') END,
        CASE WHEN TG_OP IN ('UPDATE', 'DELETE') THEN format(leads_of, '-1', 'old_rows') END);
    EXECUTE format($sql$
    WITH changed AS (%s
    ), grouped AS MATERIALIZED (
        -- GROUPING(...) names the set: 3 by ZIP, 5 by day, 6 by source and priority.
        SELECT team_id, status, address_zip, created_day, source_id, priority_floor,
               GROUPING(address_zip, created_day, source_id) AS grouping_set, sum(delta) AS delta
        FROM changed
        GROUP BY GROUPING SETS ((team_id, status, address_zip), (team_id, status, created_day),
                                (team_id, status, source_id, priority_floor))
        HAVING sum(delta) <> 0
    ), zip_folded AS (
        DELETE FROM field.lead_counts_by_zip c WHERE c.ctid = ANY (ARRAY(
            SELECT k.ctid FROM field.lead_counts_by_zip k JOIN grouped g ON g.grouping_set = 3
                AND k.team_id = g.team_id AND k.status = g.status AND k.address_zip = g.address_zip
            FOR UPDATE OF k SKIP LOCKED))
        RETURNING c.team_id, c.status, c.address_zip, c.leads
    ), by_zip AS (
        INSERT INTO field.lead_counts_by_zip (team_id, status, address_zip, leads)
        SELECT team_id, status, address_zip, sum(leads) FROM (
            SELECT team_id, status, address_zip, leads FROM zip_folded
            UNION ALL SELECT team_id, status, address_zip, delta FROM grouped WHERE grouping_set = 3) k
        GROUP BY team_id, status, address_zip HAVING sum(leads) <> 0
    ), day_folded AS (
        DELETE FROM field.lead_counts_by_day c WHERE c.ctid = ANY (ARRAY(
            SELECT k.ctid FROM field.lead_counts_by_day k JOIN grouped g ON g.grouping_set = 5
                AND k.team_id = g.team_id AND k.status = g.status AND k.created_day = g.created_day
            FOR UPDATE OF k SKIP LOCKED))
        RETURNING c.team_id, c.status, c.created_day, c.leads
    ), by_day AS (
        INSERT INTO field.lead_counts_by_day (team_id, status, created_day, leads)
        SELECT team_id, status, created_day, sum(leads) FROM (
            SELECT team_id, status, created_day, leads FROM day_folded
            UNION ALL SELECT team_id, status, created_day, delta FROM grouped WHERE grouping_set = 5) k
        GROUP BY team_id, status, created_day HAVING sum(leads) <> 0
    ), source_folded AS (
        DELETE FROM field.lead_counts_by_source c WHERE c.ctid = ANY (ARRAY(
            SELECT k.ctid FROM field.lead_counts_by_source k JOIN grouped g ON g.grouping_set = 6
                AND k.team_id = g.team_id AND k.status = g.status AND k.source_id = g.source_id
                AND k.priority_floor = g.priority_floor
            FOR UPDATE OF k SKIP LOCKED))
        RETURNING c.team_id, c.status, c.source_id, c.priority_floor, c.leads
    )
    INSERT INTO field.lead_counts_by_source (team_id, status, source_id, priority_floor, leads)
    SELECT team_id, status, source_id, priority_floor, sum(leads) FROM (
        SELECT team_id, status, source_id, priority_floor, leads FROM source_folded
        UNION ALL SELECT team_id, status, source_id, priority_floor, delta FROM grouped WHERE grouping_set = 6) k
    GROUP BY team_id, status, source_id, priority_floor HAVING sum(leads) <> 0
    $sql$, changed);
    RETURN NULL;
END
$$;
REVOKE ALL ON FUNCTION field.lead_counts_changed FROM PUBLIC;

CREATE TRIGGER lead_counts_insert AFTER INSERT ON field.leads REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION field.lead_counts_changed();
CREATE TRIGGER lead_counts_update AFTER UPDATE ON field.leads REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION field.lead_counts_changed();
CREATE TRIGGER lead_counts_delete AFTER DELETE ON field.leads REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION field.lead_counts_changed();
CREATE TRIGGER lead_counts_truncate AFTER TRUNCATE ON field.leads
    FOR EACH STATEMENT EXECUTE FUNCTION field.lead_counts_changed();

-- A team's board by age (oldest or newest first, any status): walked in order instead of the recorded
-- index of every team (a team's closed leads oldest first walked ~19,000 entries for a page of 200).
CREATE INDEX leads_board_team_recorded_idx ON field.leads (team_id, created_at, id)
    INCLUDE (status, priority_score, address_zip, source_id) WHERE deleted_at IS NULL;

-- The leads there are now (as the owner: row security does not hide any).
INSERT INTO field.lead_counts_by_zip (team_id, status, address_zip, leads)
SELECT coalesce(team_id, '00000000-0000-0000-0000-000000000000'), status, coalesce(address_zip, ''), count(*)
FROM field.leads WHERE deleted_at IS NULL GROUP BY 1, 2, 3;
-- (Stored day by day, as new days' rows will be: "the last N days" reads a few pages.)
INSERT INTO field.lead_counts_by_day (team_id, status, created_day, leads)
SELECT coalesce(team_id, '00000000-0000-0000-0000-000000000000'), status, (created_at AT TIME ZONE 'UTC')::date, count(*)
FROM field.leads WHERE deleted_at IS NULL GROUP BY 1, 2, 3 ORDER BY 3;
INSERT INTO field.lead_counts_by_source (team_id, status, source_id, priority_floor, leads)
SELECT coalesce(team_id, '00000000-0000-0000-0000-000000000000'), status, source_id,
       coalesce(floor(priority_score)::integer, -1), count(*)
FROM field.leads WHERE deleted_at IS NULL GROUP BY 1, 2, 3, 4;
ANALYZE field.leads, field.lead_counts_by_zip, field.lead_counts_by_day, field.lead_counts_by_source;
