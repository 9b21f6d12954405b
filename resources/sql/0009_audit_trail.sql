-- Audit trail: statement-level triggers with transition tables write one set-based INSERT per statement
-- (exact per-row old and new values even for bulk updates). Rows are chained later by audit.seal(),
-- which hashes them in commit-safe order, so no writer ever waits on a chain head.

ALTER TABLE audit.events ADD COLUMN seal_seq bigint UNIQUE;

CREATE FUNCTION audit.current_source() RETURNS text
    LANGUAGE sql STABLE
    RETURN coalesce(nullif(current_setting('ocms.source', true), ''), 'manual');

CREATE FUNCTION audit.current_batch() RETURNS uuid
    LANGUAGE sql STABLE
    RETURN nullif(current_setting('ocms.batch_id', true), '')::uuid;

-- The changed columns as {column: [old, new]}; bookkeeping columns are not changes. A delete (new = {})
-- records every old value.
CREATE FUNCTION audit.diff(p_old jsonb, p_new jsonb) RETURNS jsonb
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN CASE WHEN p_new = '{}'::jsonb
                THEN (SELECT jsonb_object_agg(o.key, jsonb_build_array(o.value, NULL))
                      FROM jsonb_each(p_old) o
                      WHERE o.key NOT IN ('row_version', 'written_xid', 'updated_at', 'search_vector', 'name_key'))
                ELSE (SELECT jsonb_object_agg(n.key, jsonb_build_array(p_old -> n.key, n.value))
                      FROM jsonb_each(p_new) n
                      WHERE n.key NOT IN ('row_version', 'written_xid', 'updated_at', 'search_vector', 'name_key')
                        AND (p_old -> n.key) IS DISTINCT FROM n.value) END;

-- One function for every audited table; TG_ARGV[0] names the column that identifies the record.
CREATE FUNCTION audit.record_changes() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    key_column text := coalesce(TG_ARGV[0], 'id');
    qualified text := TG_TABLE_SCHEMA || '.' || TG_TABLE_NAME;
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO audit.events (action, table_name, record_id, changes, source, batch_id, client_host)
        SELECT 'insert', qualified, (j ->> key_column)::uuid, audit.diff('{}'::jsonb, j), audit.current_source(),
               audit.current_batch(), nullif(current_setting('ocms.client_host', true), '')
        FROM (SELECT to_jsonb(r) AS j FROM new_rows r) rows;
    ELSIF TG_OP = 'UPDATE' THEN
        INSERT INTO audit.events (action, table_name, record_id, changes, source, batch_id, client_host)
        SELECT 'update', qualified, (n.j ->> key_column)::uuid, d.changes, audit.current_source(),
               audit.current_batch(), nullif(current_setting('ocms.client_host', true), '')
        -- Old and new transition rows come in the same order: pair them by position (works without a key).
        FROM (SELECT row_number() OVER () AS position, to_jsonb(r) AS j FROM new_rows r) n
        JOIN (SELECT row_number() OVER () AS position, to_jsonb(r) AS j FROM old_rows r) o USING (position)
        CROSS JOIN LATERAL (SELECT audit.diff(o.j, n.j) AS changes) d
        WHERE d.changes IS NOT NULL;
    ELSE
        INSERT INTO audit.events (action, table_name, record_id, changes, source, batch_id, client_host)
        SELECT 'delete', qualified, (j ->> key_column)::uuid, audit.diff(j, '{}'::jsonb), audit.current_source(),
               audit.current_batch(), nullif(current_setting('ocms.client_host', true), '')
        FROM (SELECT to_jsonb(r) AS j FROM old_rows r) rows;
    END IF;
    RETURN NULL;
END
$$;

DO $$
DECLARE
    audited record;
BEGIN
    FOR audited IN
        SELECT * FROM (VALUES
            ('core.people', 'id'), ('core.person_aliases', 'id'), ('core.addresses', 'id'), ('core.phones', 'id'),
            ('core.users', 'id'), ('core.user_divisions', 'user_id'), ('core.offices', 'id'), ('core.divisions', 'id'),
            ('legal.cases', 'id'), ('legal.case_people', 'case_id'), ('legal.case_staff', 'case_id'),
            ('legal.case_grants', 'case_id'), ('legal.hearings', 'id'), ('legal.deadlines', 'id'), ('legal.notes', 'id'),
            ('legal.case_events', 'id'), ('legal.case_transfers', 'id'), ('legal.afile_locations', 'id'),
            ('legal.applications', 'id'), ('legal.visas', 'id'), ('legal.disclosures', 'id'), ('legal.projects', 'id'),
            ('legal.project_grants', 'project_id'), ('legal.project_assignments', 'project_id'),
            ('legal.project_people', 'project_id'), ('legal.project_events', 'id'), ('legal.tasks', 'id'),
            ('legal.time_entries', 'id'), ('docs.documents', 'id'), ('docs.versions', 'id'),
            ('field.fugitives', 'id'), ('field.convictions', 'id'), ('field.photographs', 'id'), ('field.leads', 'id'),
            ('field.lead_assignments', 'id'), ('field.activities', 'id'), ('field.arrests', 'id'),
            ('field.nonfugitive_arrests', 'id'), ('field.removals', 'id'), ('field.teams', 'id'),
            ('field.team_members', 'team_id'), ('field.jurisdictions', 'team_id'), ('field.operations', 'id'),
            ('field.provider_extracts', 'id'), ('rules.dropdown_values', NULL), ('rules.field_policy', NULL),
            ('rules.authoritative_source', NULL), ('rules.retention_schedules', NULL), ('rules.legal_holds', 'id'),
            ('rules.settings', NULL), ('sync.devices', 'id')) AS t (table_name, key_column)
    LOOP
        EXECUTE format('CREATE TRIGGER audit_insert AFTER INSERT ON %s REFERENCING NEW TABLE AS new_rows '
                       'FOR EACH STATEMENT EXECUTE FUNCTION audit.record_changes(%L)', audited.table_name,
                       coalesce(audited.key_column, '-'));
        EXECUTE format('CREATE TRIGGER audit_update AFTER UPDATE ON %s REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows '
                       'FOR EACH STATEMENT EXECUTE FUNCTION audit.record_changes(%L)', audited.table_name,
                       coalesce(audited.key_column, '-'));
        EXECUTE format('CREATE TRIGGER audit_delete AFTER DELETE ON %s REFERENCING OLD TABLE AS old_rows '
                       'FOR EACH STATEMENT EXECUTE FUNCTION audit.record_changes(%L)', audited.table_name,
                       coalesce(audited.key_column, '-'));
    END LOOP;
END
$$;

-- Append-only, for every role including the owner: sealing may only fill in the chain columns once;
-- deleting is reserved to the retention purge (issue: retention), which leaves a checkpoint row.
CREATE FUNCTION audit.protect_events() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND OLD.hash IS NULL AND NEW.hash IS NOT NULL
       AND (to_jsonb(OLD) - 'seal_seq' - 'prev_hash' - 'hash') = (to_jsonb(NEW) - 'seal_seq' - 'prev_hash' - 'hash') THEN
        RETURN NEW;
    END IF;
    IF TG_OP = 'DELETE' AND current_setting('audit.purge', true) = 'on' THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'The audit trail is append-only: its rows cannot be changed or deleted.' USING ERRCODE = 'OC403';
END
$$;
CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON audit.events
    FOR EACH ROW EXECUTE FUNCTION audit.protect_events();
CREATE FUNCTION audit.refuse_truncate() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'The audit trail is append-only: it cannot be truncated.' USING ERRCODE = 'OC403';
END
$$;
CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON audit.events
    FOR EACH STATEMENT EXECUTE FUNCTION audit.refuse_truncate();
REVOKE UPDATE, DELETE, TRUNCATE ON audit.events FROM PUBLIC;

-- The text a row's hash covers: fixed field order, times as integer microseconds, jsonb's own canonical
-- text for the changes, so the same row hashes the same on any server version.
CREATE FUNCTION audit.canonical(e audit.events) RETURNS text
    LANGUAGE sql IMMUTABLE
    RETURN concat_ws(chr(31), e.id::text, e.tx::text,
                     (extract(epoch FROM e.occurred_at) * 1000000)::bigint::text, e.action,
                     coalesce(e.table_name, ''), coalesce(e.record_id::text, ''), coalesce(e.changes::text, ''),
                     e.db_user, e.source, coalesce(host(e.client_addr), ''), coalesce(e.client_host, ''),
                     coalesce(e.batch_id::text, ''), e.seal_seq::text);

CREATE SEQUENCE audit.seal_seq;
-- The chain link and the sealing lock.
CREATE TABLE audit.chain_head (
    singleton   boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    seal_seq    bigint NOT NULL,
    hash        bytea NOT NULL
);
INSERT INTO audit.chain_head VALUES (true, 0, sha256(''::bytea));

-- Chains every row whose transaction has ended, in id order within each batch: rows committed late
-- (by a long transaction) are sealed by a later call, never skipped. Returns the number sealed.
CREATE FUNCTION audit.seal(p_limit integer DEFAULT 1000000) RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    head audit.chain_head;
    horizon xid8 := pg_snapshot_xmin(pg_current_snapshot());
    sealed bigint := 0;
    event audit.events;
BEGIN
    SELECT * INTO head FROM audit.chain_head FOR UPDATE;
    FOR event IN
        SELECT * FROM audit.events WHERE seal_seq IS NULL AND tx < horizon ORDER BY id LIMIT p_limit
    LOOP
        event.seal_seq := head.seal_seq + 1;
        event.prev_hash := head.hash;
        event.hash := sha256(head.hash || convert_to(audit.canonical(event), 'UTF8'));
        UPDATE audit.events SET seal_seq = event.seal_seq, prev_hash = event.prev_hash, hash = event.hash
        WHERE id = event.id;
        head.seal_seq := event.seal_seq;
        head.hash := event.hash;
        sealed := sealed + 1;
    END LOOP;
    UPDATE audit.chain_head SET seal_seq = head.seal_seq, hash = head.hash;
    RETURN sealed;
END
$$;
REVOKE ALL ON FUNCTION audit.seal FROM PUBLIC;
GRANT EXECUTE ON FUNCTION audit.seal TO ocms_admin;

-- Users reach the audit functions (never the tables) through the schema.
GRANT USAGE ON SCHEMA audit TO ocms_user;

-- Record views: a detail read goes through a function that logs the view in the same call.
CREATE FUNCTION audit.log_view(p_table text, p_record uuid) RETURNS void
    LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
    BEGIN ATOMIC
        INSERT INTO audit.events (action, table_name, record_id, source, client_host)
        VALUES ('view', p_table, p_record, audit.current_source(), nullif(current_setting('ocms.client_host', true), ''));
    END;
REVOKE ALL ON FUNCTION audit.log_view FROM PUBLIC;
GRANT EXECUTE ON FUNCTION audit.log_view TO ocms_user;

-- A successful logon, recorded by the client right after it connects.
CREATE FUNCTION audit.record_logon() RETURNS void
    LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
    BEGIN ATOMIC
        INSERT INTO audit.events (action, table_name, source, client_host)
        VALUES ('logon', NULL, audit.current_source(), nullif(current_setting('ocms.client_host', true), ''));
    END;
REVOKE ALL ON FUNCTION audit.record_logon FROM PUBLIC;
GRANT EXECUTE ON FUNCTION audit.record_logon TO ocms_user;

-- The case record, read and logged in one call; row security applies as for any read.
CREATE FUNCTION legal.read_case(p_case uuid) RETURNS SETOF legal.cases
    LANGUAGE plpgsql AS $$
BEGIN
    RETURN QUERY SELECT * FROM legal.cases WHERE id = p_case;
    IF FOUND THEN
        PERFORM audit.log_view('legal.cases', p_case);
    END IF;
END
$$;
GRANT EXECUTE ON FUNCTION legal.read_case TO ocms_legal, ocms_readonly_external;
