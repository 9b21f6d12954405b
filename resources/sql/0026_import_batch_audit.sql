-- Batch lead import at bulk speed without weakening the audit (issue 7, `ocmsctl bench leads`).
--
-- Measured before this migration (20,000 new leads, EXPLAIN ANALYZE): per lead the row with its indexes
-- and foreign keys ≈ 165 µs, its audit row ≈ 250 µs, its first routing-history row ≈ 105 µs and that
-- row's audit ≈ 155 µs. Three quarters of the cost was writing, for every imported lead, two more rows
-- that repeat what the lead row itself says.
--
-- 1. Per-batch audit of imported leads.
--    A session that sets `ocms.batch_id` (the lead import does, one fresh UUID per run) and inserts leads
--    carrying that same id in `field.leads.import_batch_id` gets ONE audit.events row per statement for
--    those leads: action 'insert', table 'field.leads', record_id NULL, batch_id the batch, changes a JSON
--    summary (rows, lead sources and counts, file name and SHA-256 when the importer names them, first and
--    last lead number). Every other insert is audited per row as before, in the same statement if mixed.
--    Updates and deletes are ALWAYS audited per row with old and new values, whatever the session sets
--    (a duplicate merged into an open lead is an update: per row).
--
--    Why this is not a way to switch auditing off (enforced here, not by the client):
--    - Neither half works alone. `ocms.batch_id` is a setting any session may set and `import_batch_id`
--      a column any inserter may fill, so the trigger asks for both, and field.leads_inserted refuses a
--      lead whose import_batch_id is not the inserting session's own ocms.batch_id: a row cannot claim a
--      batch, and so an audit event, other than the one written for it in the same statement.
--    - Nothing of the insert is lost. The audit row of a single insert holds the values inserted; for a
--      batch those values ARE the lead row, tied to its event by import_batch_id (indexed below, and
--      immutable: a trigger refuses any change to it, and users have no column privilege on it). Every
--      later change to the lead is audited per row with old and new values, so the values as imported
--      are the current row walked back through its update events; a delete writes the whole old row.
--      Who, when, from which host, with which source, how many and which file are on the batch event.
--    - The summary is an ordinary audit.events row: audit.seal() chains and hashes it like any other,
--      and the append-only protection covers it.
--    - Only inserts into field.leads take this form. The lead import creates no fugitive records or
--      people (a line whose A-Number has no fugitive record is rejected), so those tables keep per-row
--      audit for every insert.
--
-- 2. The first routing of an imported lead is on the lead itself (team_id, assigned_by 'routing',
--    assigned_at = created_at) and is not written again to field.lead_assignments; field.lead_history
--    shows the complete history of any lead either way. Hand assignment and every reassignment still
--    write their history row.
--
-- 3. The checks field.leads_inserted runs after each insert statement compute the documented priority
--    with the relevance weight read once per statement, not through field.lead_score() per row (the
--    same formula, so the same result to the cent).

ALTER TABLE field.leads ADD COLUMN import_batch_id uuid;
COMMENT ON COLUMN field.leads.import_batch_id IS
    'The import batch (audit.events.batch_id of its one insert event) that created the lead; NULL: audited per row';
-- No column privilege for users: 0025 granted UPDATE column by column, and this column is not among them.

CREATE FUNCTION field.refuse_import_batch_change() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'The import batch of a lead is fixed when it is imported: it ties the lead to its audit event.'
        USING ERRCODE = 'OC403';
END
$$;
CREATE TRIGGER leads_import_batch_fixed BEFORE UPDATE OF import_batch_id ON field.leads
    FOR EACH ROW WHEN (OLD.import_batch_id IS DISTINCT FROM NEW.import_batch_id)
    EXECUTE FUNCTION field.refuse_import_batch_change();

-- A lead's import event, found from the lead: batch events are the only insert events without a record.
CREATE INDEX events_batch_idx ON audit.events (batch_id) WHERE record_id IS NULL AND batch_id IS NOT NULL;

-- Inserts into field.leads: per row, except the leads that carry this session's batch id (above).
CREATE FUNCTION audit.record_lead_inserts() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
    source text;
    batch uuid;
    host text;
    summary record;
BEGIN
    IF current_setting('ocms.audit_off', true) = 'on'
       AND (SELECT rolsuper FROM pg_roles WHERE rolname = session_user) THEN
        RETURN NULL;
    END IF;
    source := audit.current_source();
    batch := audit.current_batch();
    host := nullif(current_setting('ocms.client_host', true), '');
    INSERT INTO audit.events (action, table_name, record_id, changes, source, batch_id, client_host)
    SELECT 'insert', 'field.leads', r.id, audit.changes(''::hstore, hstore(r)), source, batch, host
    FROM new_rows r
    WHERE batch IS NULL OR r.import_batch_id IS DISTINCT FROM batch;
    IF batch IS NULL THEN
        RETURN NULL;
    END IF;
    WITH per_source AS (
        SELECT r.source_id, count(*) AS n, min(r.row_version) AS lo, max(r.row_version) AS hi
        FROM new_rows r WHERE r.import_batch_id = batch GROUP BY r.source_id)
    SELECT sum(p.n)::bigint AS n, min(p.lo) AS lo, max(p.hi) AS hi,
           jsonb_object_agg(coalesce(s.code, p.source_id::text), p.n) AS sources
    INTO summary
    FROM per_source p LEFT JOIN field.lead_sources s ON s.id = p.source_id;
    IF coalesce(summary.n, 0) = 0 THEN
        RETURN NULL;
    END IF;
    INSERT INTO audit.events (action, table_name, record_id, changes, source, batch_id, client_host)
    SELECT 'insert', 'field.leads', NULL,
           jsonb_strip_nulls(jsonb_build_object(
               'batch_insert', true, 'rows', summary.n, 'lead_sources', summary.sources,
               'file', nullif(current_setting('ocms.import_file', true), ''),
               'file_sha256', nullif(current_setting('ocms.import_sha256', true), ''),
               'first_lead_number', min(r.lead_number) FILTER (WHERE r.row_version = summary.lo),
               'last_lead_number', min(r.lead_number) FILTER (WHERE r.row_version = summary.hi)))::text,
           source, batch, host
    FROM new_rows r WHERE r.row_version IN (summary.lo, summary.hi) AND r.import_batch_id = batch;
    RETURN NULL;
END
$$;
DROP TRIGGER audit_insert ON field.leads;
CREATE TRIGGER audit_insert AFTER INSERT ON field.leads REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION audit.record_lead_inserts();

-- After each insert statement, set-based (as in 0025, plus the batch rules): a lead carries its own
-- session's batch id or none, and an imported lead is routed by the server (its first routing is on the
-- lead); routing and priority are checked; history rows for leads not imported in a batch.
CREATE OR REPLACE FUNCTION field.leads_inserted() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    batch uuid := audit.current_batch();
    relevance_weight numeric := coalesce((SELECT w.weight FROM rules.lead_priority_weights w WHERE w.factor = 'relevance'), 0);
BEGIN
    IF EXISTS (SELECT 1 FROM new_leads n WHERE n.import_batch_id IS NOT NULL
               AND (n.import_batch_id IS DISTINCT FROM batch OR n.assigned_by IS DISTINCT FROM 'routing')) THEN
        RAISE EXCEPTION 'A lead carries the batch id of the import that inserts it (ocms.batch_id of its own session) and is routed by the server, or carries none.'
            USING ERRCODE = 'OC422';
    END IF;
    IF EXISTS (SELECT 1 FROM new_leads n LEFT JOIN field.jurisdictions j ON j.zip = n.address_zip
               WHERE n.assigned_by = 'routing' AND n.team_id IS DISTINCT FROM j.team_id) THEN
        RAISE EXCEPTION 'A routed lead goes to the team whose jurisdiction covers its ZIP code, or to the headquarters queue.'
            USING ERRCODE = 'OC422';
    END IF;
    IF EXISTS (SELECT 1 FROM new_leads WHERE assigned_by = 'manual') AND NOT field.may_assign_by_hand() THEN
        RAISE EXCEPTION 'Only headquarters (full field access) assigns a lead to a team by hand.' USING ERRCODE = 'OC403';
    END IF;
    -- field.lead_score() with the weight read once.
    IF EXISTS (SELECT 1 FROM new_leads n JOIN field.fugitives f ON f.id = n.fugitive_id
               WHERE n.priority_score IS DISTINCT FROM
                     round(coalesce(f.threat_score, 0) + coalesce(n.relevance_score, 0) / 100.0 * relevance_weight, 2)) THEN
        RAISE EXCEPTION 'The priority of a lead is computed by the server (rules.lead_priority_weights); leave it empty.'
            USING ERRCODE = 'OC422';
    END IF;
    INSERT INTO field.lead_assignments (id, lead_id, from_team_id, to_team_id, assigned_at, assigned_by, reason)
    SELECT gen_random_uuid(), n.id, NULL, n.team_id, coalesce(n.assigned_at, now()),
           CASE WHEN n.assigned_by = 'manual' THEN session_user::text ELSE 'routing' END,
           CASE WHEN n.assigned_by = 'manual'
                THEN coalesce(nullif(btrim(current_setting('ocms.assignment_reason', true)), ''), 'Assigned by hand when recorded')
                ELSE field.routing_reason(n.address_zip, n.team_id) END
    FROM new_leads n
    WHERE n.import_batch_id IS NULL;
    RETURN NULL;
END
$$;

-- The complete assignment history of a lead: the first routing of an imported lead (from the lead: the
-- team it was routed to is its team now, or, once it was reassigned, the team the first reassignment
-- took it from), then every row of field.lead_assignments. Row security and privileges are the reader's.
CREATE VIEW field.lead_history WITH (security_invoker = true) AS
SELECT NULL::uuid AS assignment_id, l.id AS lead_id, NULL::uuid AS from_team_id,
       CASE WHEN first_change.lead_id IS NULL THEN l.team_id ELSE first_change.from_team_id END AS to_team_id,
       l.created_at AS assigned_at, 'routing'::text AS assigned_by,
       CASE WHEN first_change.lead_id IS NULL THEN field.routing_reason(l.address_zip, l.team_id)
            WHEN first_change.from_team_id IS NULL THEN 'Imported: headquarters queue'
            ELSE 'Imported: ZIP jurisdiction' END AS reason,
       l.import_batch_id
FROM field.leads l
LEFT JOIN LATERAL (SELECT a.lead_id, a.from_team_id FROM field.lead_assignments a
                   WHERE a.lead_id = l.id ORDER BY a.assigned_at, a.id LIMIT 1) first_change ON true
WHERE l.import_batch_id IS NOT NULL
UNION ALL
SELECT a.id, a.lead_id, a.from_team_id, a.to_team_id, a.assigned_at, a.assigned_by, a.reason, NULL::uuid
FROM field.lead_assignments a;
COMMENT ON VIEW field.lead_history IS
    'Assignment history of every lead: an imported lead''s first routing (kept on the lead) and field.lead_assignments';
GRANT SELECT ON field.lead_history TO field_read, ocms_import;
