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

-- A statement's changes, grouped by each summary's key (grouping_set 3: by ZIP, 5: by day, 6: by source).
CREATE TYPE field.lead_count_delta AS (
    team_id uuid, status text, address_zip text, created_day date, source_id uuid, priority_floor integer,
    grouping_set integer, delta bigint);

-- Adds a statement's changes: for each key it moves, one row, folded with that key's rows no other
-- transaction holds (SKIP LOCKED: never a wait, never a deadlock). Called by the trigger below only.
CREATE FUNCTION field.lead_counts_fold(p_deltas field.lead_count_delta[]) RETURNS void
    LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp SET row_security = off AS $$
BEGIN
    WITH grouped AS (
        SELECT * FROM unnest(p_deltas)
    ), zip_folded AS (
        DELETE FROM field.lead_counts_by_zip c WHERE c.ctid = ANY (ARRAY(
            SELECT k.ctid FROM field.lead_counts_by_zip k JOIN grouped g ON g.grouping_set = 3
                AND k.team_id = g.team_id AND k.status = g.status AND k.address_zip = g.address_zip
            FOR UPDATE OF k SKIP LOCKED))
        RETURNING c.team_id, c.status, c.address_zip, c.leads
    ), by_zip AS (
        INSERT INTO field.lead_counts_by_zip (team_id, status, address_zip, leads)
        SELECT k.team_id, k.status, k.address_zip, sum(k.leads) FROM (
            SELECT z.team_id, z.status, z.address_zip, z.leads FROM zip_folded z
            UNION ALL SELECT g.team_id, g.status, g.address_zip, g.delta FROM grouped g WHERE g.grouping_set = 3) k
        GROUP BY k.team_id, k.status, k.address_zip HAVING sum(k.leads) <> 0
    ), day_folded AS (
        DELETE FROM field.lead_counts_by_day c WHERE c.ctid = ANY (ARRAY(
            SELECT k.ctid FROM field.lead_counts_by_day k JOIN grouped g ON g.grouping_set = 5
                AND k.team_id = g.team_id AND k.status = g.status AND k.created_day = g.created_day
            FOR UPDATE OF k SKIP LOCKED))
        RETURNING c.team_id, c.status, c.created_day, c.leads
    ), by_day AS (
        INSERT INTO field.lead_counts_by_day (team_id, status, created_day, leads)
        SELECT k.team_id, k.status, k.created_day, sum(k.leads) FROM (
            SELECT d.team_id, d.status, d.created_day, d.leads FROM day_folded d
            UNION ALL SELECT g.team_id, g.status, g.created_day, g.delta FROM grouped g WHERE g.grouping_set = 5) k
        GROUP BY k.team_id, k.status, k.created_day HAVING sum(k.leads) <> 0
    ), source_folded AS (
        DELETE FROM field.lead_counts_by_source c WHERE c.ctid = ANY (ARRAY(
            SELECT k.ctid FROM field.lead_counts_by_source k JOIN grouped g ON g.grouping_set = 6
                AND k.team_id = g.team_id AND k.status = g.status AND k.source_id = g.source_id
                AND k.priority_floor = g.priority_floor
            FOR UPDATE OF k SKIP LOCKED))
        RETURNING c.team_id, c.status, c.source_id, c.priority_floor, c.leads
    )
    INSERT INTO field.lead_counts_by_source (team_id, status, source_id, priority_floor, leads)
    SELECT k.team_id, k.status, k.source_id, k.priority_floor, sum(k.leads) FROM (
        SELECT s.team_id, s.status, s.source_id, s.priority_floor, s.leads FROM source_folded s
        UNION ALL SELECT g.team_id, g.status, g.source_id, g.priority_floor, g.delta FROM grouped g WHERE g.grouping_set = 6) k
    GROUP BY k.team_id, k.status, k.source_id, k.priority_floor HAVING sum(k.leads) <> 0;
END
$$;
REVOKE ALL ON FUNCTION field.lead_counts_fold FROM PUBLIC;

-- One grouped pass over a statement's changed rows (transition tables), whatever its size: an import of a
-- million leads pays one aggregate, an edit that moves no count (notes, a touch) writes nothing. Static
-- SQL, so each session plans it once. Runs as the owner (BYPASSRLS): the writer needs no rights on the
-- summaries. An insert's or a delete's rows are changed_rows; an update's old_rows and new_rows.
CREATE FUNCTION field.lead_counts_changed() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp SET row_security = off
    SET work_mem = '32MB' AS $$ -- the few thousand groups of a big import hashed in memory, not sorted on disk
DECLARE
    deltas field.lead_count_delta[];
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        DELETE FROM field.lead_counts_by_zip;
        DELETE FROM field.lead_counts_by_day;
        DELETE FROM field.lead_counts_by_source;
        RETURN NULL;
    END IF;
    IF TG_OP = 'UPDATE' THEN
        SELECT array_agg(ROW(g.team_id, g.status, g.address_zip, g.created_day, g.source_id, g.priority_floor,
                             g.grouping_set, g.delta)::field.lead_count_delta) INTO deltas
        FROM (SELECT c.team_id, c.status, c.address_zip, c.created_day, c.source_id, c.priority_floor,
                     GROUPING(c.address_zip, c.created_day, c.source_id) AS grouping_set, sum(c.delta) AS delta
              FROM (SELECT coalesce(n.team_id, '00000000-0000-0000-0000-000000000000') AS team_id, n.status,
                           coalesce(n.address_zip, '') AS address_zip, (n.created_at AT TIME ZONE 'UTC')::date AS created_day,
                           n.source_id, coalesce(floor(n.priority_score)::integer, -1) AS priority_floor, 1 AS delta
                    FROM new_rows n WHERE n.deleted_at IS NULL
                    UNION ALL
                    SELECT coalesce(o.team_id, '00000000-0000-0000-0000-000000000000'), o.status,
                           coalesce(o.address_zip, ''), (o.created_at AT TIME ZONE 'UTC')::date,
                           o.source_id, coalesce(floor(o.priority_score)::integer, -1), -1
                    FROM old_rows o WHERE o.deleted_at IS NULL) c
              GROUP BY GROUPING SETS ((c.team_id, c.status, c.address_zip), (c.team_id, c.status, c.created_day),
                                      (c.team_id, c.status, c.source_id, c.priority_floor))
              HAVING sum(c.delta) <> 0) g;
    ELSE
        SELECT array_agg(ROW(g.team_id, g.status, g.address_zip, g.created_day, g.source_id, g.priority_floor,
                             g.grouping_set, g.delta)::field.lead_count_delta) INTO deltas
        FROM (SELECT c.team_id, c.status, c.address_zip, c.created_day, c.source_id, c.priority_floor,
                     GROUPING(c.address_zip, c.created_day, c.source_id) AS grouping_set,
                     count(*) * CASE TG_OP WHEN 'INSERT' THEN 1 ELSE -1 END AS delta
              FROM (SELECT coalesce(r.team_id, '00000000-0000-0000-0000-000000000000') AS team_id, r.status,
                           coalesce(r.address_zip, '') AS address_zip, (r.created_at AT TIME ZONE 'UTC')::date AS created_day,
                           r.source_id, coalesce(floor(r.priority_score)::integer, -1) AS priority_floor
                    FROM changed_rows r WHERE r.deleted_at IS NULL) c
              GROUP BY GROUPING SETS ((c.team_id, c.status, c.address_zip), (c.team_id, c.status, c.created_day),
                                      (c.team_id, c.status, c.source_id, c.priority_floor))) g;
    END IF;
    IF deltas IS NOT NULL THEN
        PERFORM field.lead_counts_fold(deltas);
    END IF;
    RETURN NULL;
END
$$;
REVOKE ALL ON FUNCTION field.lead_counts_changed FROM PUBLIC;

CREATE TRIGGER lead_counts_insert AFTER INSERT ON field.leads REFERENCING NEW TABLE AS changed_rows
    FOR EACH STATEMENT EXECUTE FUNCTION field.lead_counts_changed();
CREATE TRIGGER lead_counts_update AFTER UPDATE ON field.leads REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION field.lead_counts_changed();
CREATE TRIGGER lead_counts_delete AFTER DELETE ON field.leads REFERENCING OLD TABLE AS changed_rows
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
