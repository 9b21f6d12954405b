-- The lead board's status counts (issue 7) from small summaries kept exact by the server, instead of
-- walking the board indexes: a rare status inside a wide ZIP range or date range walked the whole range.
-- Each summary holds the number of live leads (deleted_at IS NULL) per team and status and one more set
-- of dimensions; a board whose filters fall inside one summary's dimensions reads its counts there, any
-- other board walks the indexes as before (LeadBoardQuery).
--   by ZIP code:                      scope, status, ZIP code or prefix
--   by day recorded (UTC):            scope, status, age (the part days at either end are walked)
--   by source and whole priority:     scope, status, source, lowest priority (a whole number)
-- A lead without a team (the headquarters queue) or without a ZIP or priority is counted under NULL.
CREATE TABLE field.lead_counts_by_zip (
    team_id     uuid,
    status      text NOT NULL,
    address_zip text,
    leads       bigint NOT NULL,
    CONSTRAINT lead_counts_by_zip_key UNIQUE NULLS NOT DISTINCT (team_id, status, address_zip)
);
CREATE TABLE field.lead_counts_by_day (
    team_id     uuid,
    status      text NOT NULL,
    created_day date NOT NULL,
    leads       bigint NOT NULL,
    CONSTRAINT lead_counts_by_day_key UNIQUE NULLS NOT DISTINCT (team_id, status, created_day)
);
CREATE INDEX lead_counts_by_day_day_idx ON field.lead_counts_by_day (created_day);
CREATE TABLE field.lead_counts_by_source (
    team_id        uuid,
    status         text NOT NULL,
    source_id      uuid NOT NULL,
    priority_floor integer,
    leads          bigint NOT NULL,
    CONSTRAINT lead_counts_by_source_key UNIQUE NULLS NOT DISTINCT (team_id, status, source_id, priority_floor)
);

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
-- million leads pays one aggregate, an edit that moves no count (notes, a touch) writes nothing. Rows are
-- upserted in key order so two writers never wait on each other in opposite orders. Runs as the owner
-- (BYPASSRLS): the writer needs no rights on the summaries.
CREATE FUNCTION field.lead_counts_changed() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp SET row_security = off
    SET work_mem = '32MB' AS $$ -- the few thousand groups of a big import hashed in memory, not sorted on disk
DECLARE
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
        CASE WHEN TG_OP IN ('INSERT', 'UPDATE') THEN
            'SELECT team_id, status, address_zip, (created_at AT TIME ZONE ''UTC'')::date AS created_day, source_id, '
            '  floor(priority_score)::integer AS priority_floor, 1 AS delta FROM new_rows WHERE deleted_at IS NULL' END,
        CASE WHEN TG_OP IN ('UPDATE', 'DELETE') THEN
            'SELECT team_id, status, address_zip, (created_at AT TIME ZONE ''UTC'')::date AS created_day, source_id, '
            '  floor(priority_score)::integer AS priority_floor, -1 AS delta FROM old_rows WHERE deleted_at IS NULL' END);
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
    ), by_zip AS (
        INSERT INTO field.lead_counts_by_zip AS c (team_id, status, address_zip, leads)
        SELECT team_id, status, address_zip, delta FROM grouped WHERE grouping_set = 3
        ORDER BY team_id, status, address_zip
        ON CONFLICT (team_id, status, address_zip) DO UPDATE SET leads = c.leads + excluded.leads
    ), by_day AS (
        INSERT INTO field.lead_counts_by_day AS c (team_id, status, created_day, leads)
        SELECT team_id, status, created_day, delta FROM grouped WHERE grouping_set = 5
        ORDER BY team_id, status, created_day
        ON CONFLICT (team_id, status, created_day) DO UPDATE SET leads = c.leads + excluded.leads
    )
    INSERT INTO field.lead_counts_by_source AS c (team_id, status, source_id, priority_floor, leads)
    SELECT team_id, status, source_id, priority_floor, delta FROM grouped WHERE grouping_set = 6
    ORDER BY team_id, status, source_id, priority_floor
    ON CONFLICT (team_id, status, source_id, priority_floor) DO UPDATE SET leads = c.leads + excluded.leads
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

-- The leads there are now (as the owner: row security does not hide any).
INSERT INTO field.lead_counts_by_zip (team_id, status, address_zip, leads)
SELECT team_id, status, address_zip, count(*) FROM field.leads WHERE deleted_at IS NULL GROUP BY 1, 2, 3;
INSERT INTO field.lead_counts_by_day (team_id, status, created_day, leads)
SELECT team_id, status, (created_at AT TIME ZONE 'UTC')::date, count(*) FROM field.leads WHERE deleted_at IS NULL GROUP BY 1, 2, 3;
INSERT INTO field.lead_counts_by_source (team_id, status, source_id, priority_floor, leads)
SELECT team_id, status, source_id, floor(priority_score)::integer, count(*) FROM field.leads WHERE deleted_at IS NULL GROUP BY 1, 2, 3, 4;
ANALYZE field.lead_counts_by_zip, field.lead_counts_by_day, field.lead_counts_by_source;
