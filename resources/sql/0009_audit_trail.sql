-- Audit trail: statement-level triggers with transition tables write one set-based INSERT per statement
-- (exact per-row old and new values even for bulk updates). Rows are chained later by audit.seal(),
-- which hashes them in commit-safe order, so no writer ever waits on a chain head.

-- Sealing order. Unique among sealed rows; a fresh row (NULL) costs no index entry until it is sealed.
ALTER TABLE audit.events ADD COLUMN seal_seq bigint;
CREATE UNIQUE INDEX events_seal_seq_idx ON audit.events (seal_seq) WHERE seal_seq IS NOT NULL;
CREATE INDEX events_unsealed_idx ON audit.events (id) WHERE seal_seq IS NULL;
-- The trail is appended in time order: a BRIN index answers time ranges at almost no insert cost.
DROP INDEX audit.events_occurred_at_idx;
CREATE INDEX events_occurred_at_brin ON audit.events USING brin (occurred_at);
-- Changes are kept as the JSON text the trigger wrote: hashed as stored bytes, they stay stable whatever
-- a later server's jsonb output looks like (readers cast to jsonb).
ALTER TABLE audit.events ALTER COLUMN changes TYPE text;

CREATE FUNCTION audit.current_source() RETURNS text
    LANGUAGE sql STABLE
    RETURN coalesce(nullif(current_setting('ocms.source', true), ''), 'manual');

CREATE FUNCTION audit.current_batch() RETURNS uuid
    LANGUAGE sql STABLE
    RETURN nullif(current_setting('ocms.batch_id', true), '')::uuid;

CREATE EXTENSION IF NOT EXISTS hstore;

-- The changed columns as {"column": [old, new]} (values as text). hstore's row difference is one C
-- operation, far cheaper than comparing jsonb key by key; bookkeeping columns are not changes.
-- PL/pgSQL, so its query is planned once per session rather than once per calling statement.
CREATE FUNCTION audit.changes(p_old public.hstore, p_new public.hstore) RETURNS text
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE SET search_path = pg_catalog, public AS $$
DECLARE
    changed hstore := delete(p_new - p_old, ARRAY['row_version', 'written_xid', 'updated_at', 'search_vector', 'name_key']);
    result text;
BEGIN
    IF changed = ''::hstore THEN
        RETURN NULL;
    END IF;
    SELECT jsonb_object_agg(k, jsonb_build_array(p_old -> k, p_new -> k) ORDER BY k)::text INTO result
    FROM unnest(akeys(changed)) k
    WHERE (p_old -> k) IS NOT NULL OR (p_new -> k) IS NOT NULL;
    RETURN result;
END
$$;

-- One function for every audited table; TG_ARGV[0] names the column that identifies the record.
-- A superuser may switch auditing off for their own session only (ocms.audit_off; benchmarks measure
-- the audit's cost against exactly that); nobody else can, and nothing persists.
CREATE FUNCTION audit.record_changes() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
    key_column text := TG_ARGV[0];
    qualified text := TG_TABLE_SCHEMA || '.' || TG_TABLE_NAME;
    source text;
    batch uuid;
    host text;
BEGIN
    IF current_setting('ocms.audit_off', true) = 'on'
       AND (SELECT rolsuper FROM pg_roles WHERE rolname = session_user) THEN
        RETURN NULL;
    END IF;
    source := audit.current_source();
    batch := audit.current_batch();
    host := nullif(current_setting('ocms.client_host', true), '');
    IF TG_OP = 'INSERT' THEN
        INSERT INTO audit.events (action, table_name, record_id, changes, source, batch_id, client_host)
        SELECT 'insert', qualified, (h -> key_column)::uuid, audit.changes(''::hstore, h), source, batch, host
        FROM (SELECT hstore(r) AS h FROM new_rows r) rows;
    ELSIF TG_OP = 'UPDATE' THEN
        -- Old and new transition rows come in the same order: pair them by position (works without a key).
        INSERT INTO audit.events (action, table_name, record_id, changes, source, batch_id, client_host)
        SELECT 'update', qualified, (n.h -> key_column)::uuid, d.changes, source, batch, host
        FROM (SELECT row_number() OVER () AS position, hstore(r) AS h FROM new_rows r) n
        JOIN (SELECT row_number() OVER () AS position, hstore(r) AS h FROM old_rows r) o USING (position)
        CROSS JOIN LATERAL (SELECT audit.changes(o.h, n.h) AS changes) d
        WHERE d.changes IS NOT NULL;
    ELSE
        INSERT INTO audit.events (action, table_name, record_id, changes, source, batch_id, client_host)
        SELECT 'delete', qualified, (h -> key_column)::uuid, audit.changes(h, ''::hstore), source, batch, host
        FROM (SELECT hstore(r) AS h FROM old_rows r) rows;
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
-- deleting is reserved to the retention purge, which leaves a checkpoint row.
CREATE FUNCTION audit.protect_events() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND OLD.hash IS NULL AND NEW.hash IS NOT NULL
       AND (NEW.id, NEW.tx, NEW.occurred_at, NEW.action, NEW.table_name, NEW.record_id, NEW.changes, NEW.db_user,
            NEW.source, NEW.client_addr, NEW.client_host, NEW.batch_id)
           IS NOT DISTINCT FROM
           (OLD.id, OLD.tx, OLD.occurred_at, OLD.action, OLD.table_name, OLD.record_id, OLD.changes, OLD.db_user,
            OLD.source, OLD.client_addr, OLD.client_host, OLD.batch_id) THEN
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

-- The bytes a row's hash covers: each column in PostgreSQL's binary wire format, length-prefixed (-1 for
-- NULL) exactly as binary COPY frames it. The verifier hashes what COPY sends, with no formatting on
-- either side, and the formats are fixed across server versions.
CREATE FUNCTION audit.frame(p_value bytea) RETURNS bytea
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN CASE WHEN p_value IS NULL THEN '\xffffffff'::bytea ELSE int4send(length(p_value)) || p_value END;

CREATE FUNCTION audit.row_bytes(e audit.events) RETURNS bytea
    LANGUAGE sql IMMUTABLE
    RETURN audit.frame(int8send(e.seal_seq)) || audit.frame(int8send(e.id)) || audit.frame(xid8send(e.tx))
        || audit.frame(timestamptz_send(e.occurred_at)) || audit.frame(textsend(e.action))
        || audit.frame(textsend(e.table_name)) || audit.frame(uuid_send(e.record_id))
        || audit.frame(textsend(e.changes)) || audit.frame(textsend(e.db_user)) || audit.frame(textsend(e.source))
        || audit.frame(inet_send(e.client_addr)) || audit.frame(textsend(e.client_host))
        || audit.frame(uuid_send(e.batch_id));

CREATE SEQUENCE audit.seal_seq;
-- The chain link and the sealing lock.
CREATE TABLE audit.chain_head (
    singleton   boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    seal_seq    bigint NOT NULL,
    hash        bytea NOT NULL
);
INSERT INTO audit.chain_head VALUES (true, 0, sha256(''::bytea));

-- Chains every row whose transaction has ended, in id order within each call: rows committed late (by a
-- long transaction) are sealed by a later call, never skipped. Returns the number sealed.
CREATE FUNCTION audit.seal(p_limit integer DEFAULT 200000) RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    head audit.chain_head;
    horizon xid8 := pg_snapshot_xmin(pg_current_snapshot());
    event audit.events;
    ids bigint[] := '{}';
    seals bigint[] := '{}';
    previous bytea[] := '{}';
    hashes bytea[] := '{}';
BEGIN
    SELECT * INTO head FROM audit.chain_head FOR UPDATE;
    FOR event IN
        SELECT * FROM audit.events WHERE seal_seq IS NULL AND tx < horizon ORDER BY id LIMIT p_limit
    LOOP
        event.seal_seq := head.seal_seq + 1;
        ids := array_append(ids, event.id);
        seals := array_append(seals, event.seal_seq);
        previous := array_append(previous, head.hash);
        head.hash := sha256(head.hash || audit.row_bytes(event));
        hashes := array_append(hashes, head.hash);
        head.seal_seq := event.seal_seq;
    END LOOP;
    UPDATE audit.events e SET seal_seq = u.seal, prev_hash = u.previous, hash = u.hash
    FROM unnest(ids, seals, previous, hashes) AS u (id, seal, previous, hash)
    WHERE e.id = u.id;
    UPDATE audit.chain_head SET seal_seq = head.seal_seq, hash = head.hash;
    RETURN cardinality(ids);
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
