-- Offline changes pushed by the client (issue 8). Each change carries the UUID the client gave it when the
-- user made it; the server applies it once, as the user — row security, column privileges, triggers and
-- the audit trail all apply as for any other write — and keeps the outcome, so a change sent again (a sync
-- cut after the server committed) answers the same without a second effect. Field edits merge per field;
-- a field changed on both sides is kept as a conflict for the user to resolve; a change the user may no
-- longer make (lost access) is rejected and kept with its payload, never dropped.

-- The table of 0006 (one row per change id) gains who pushed it, what it was, the answer and, when the
-- change was not (wholly) applied, its payload: nothing the user did is lost.
ALTER TABLE sync.applied_changes
    ADD COLUMN user_id uuid REFERENCES core.users (id),
    ADD COLUMN login text NOT NULL DEFAULT session_user,
    ADD COLUMN kind text NOT NULL DEFAULT 'update_fields',
    ADD COLUMN detail jsonb,
    ADD COLUMN payload jsonb;
ALTER TABLE sync.applied_changes ALTER COLUMN kind DROP DEFAULT;
CREATE INDEX applied_changes_kept_idx ON sync.applied_changes (applied_at) WHERE outcome IN ('conflict', 'rejected');
ALTER TABLE sync.applied_changes ENABLE ROW LEVEL SECURITY;
ALTER TABLE sync.applied_changes FORCE ROW LEVEL SECURITY;
CREATE POLICY own_changes ON sync.applied_changes
    USING (login = session_user) WITH CHECK (login = session_user);

-- A field changed offline and on the server since the user's copy: both values kept until the user chooses.
CREATE TABLE sync.conflicts (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    change_id    uuid NOT NULL REFERENCES sync.applied_changes (change_id),
    login        text NOT NULL DEFAULT session_user,
    target_table text NOT NULL,
    target_id    uuid NOT NULL,
    field        text NOT NULL,
    base_value   jsonb,   -- what the user's copy had
    local_value  jsonb,   -- what the user wrote offline
    server_value jsonb,   -- what the server had when the change arrived
    created_at   timestamptz NOT NULL DEFAULT now(),
    resolved_at  timestamptz,
    resolution   text CHECK (resolution IN ('local', 'server')),
    CHECK ((resolved_at IS NULL) = (resolution IS NULL))
);
CREATE INDEX conflicts_open_idx ON sync.conflicts (login) WHERE resolved_at IS NULL;
ALTER TABLE sync.conflicts ENABLE ROW LEVEL SECURITY;
ALTER TABLE sync.conflicts FORCE ROW LEVEL SECURITY;
CREATE POLICY own_conflicts ON sync.conflicts USING (login = session_user) WITH CHECK (login = session_user);
GRANT SELECT, INSERT ON sync.conflicts TO ocms_user;
GRANT UPDATE (resolved_at, resolution) ON sync.conflicts TO ocms_user;
-- Every resolution is audited (who chose which value, when).
CREATE TRIGGER audit_insert AFTER INSERT ON sync.conflicts REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION audit.record_changes('id');
CREATE TRIGGER audit_update AFTER UPDATE ON sync.conflicts REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION audit.record_changes('id');

-- The columns an offline change may edit, per table (the server's privileges and rules still decide).
CREATE TABLE sync.editable_columns (
    table_name  text NOT NULL,
    column_name text NOT NULL,
    PRIMARY KEY (table_name, column_name)
);
INSERT INTO sync.editable_columns VALUES
    ('field.leads', 'status'), ('field.leads', 'close_reason'), ('field.leads', 'poc_user_id'),
    ('field.leads', 'address_line1'), ('field.leads', 'address_city'), ('field.leads', 'address_state'),
    ('field.leads', 'address_zip');
GRANT SELECT ON sync.editable_columns TO ocms_user;

-- One change: {id, kind, table, target, payload}. Returns {id, outcome, detail, again}.
--   add_activity   payload {id, activity_type, occurred_at, location, notes, operation_id, corrects_activity_id}
--                  (target: the lead) — appended, never conflicts;
--   update_fields  payload {fields: {column: {old, new}}} (target: the record) — merged per field.
CREATE FUNCTION sync.apply_change(p_change jsonb) RETURNS jsonb
    LANGUAGE plpgsql SECURITY INVOKER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    v_id uuid := (p_change->>'id')::uuid;
    v_kind text := p_change->>'kind';
    v_table text := p_change->>'table';
    v_target uuid := (p_change->>'target')::uuid;
    v_payload jsonb := coalesce(p_change->'payload', '{}'::jsonb);
    v_outcome text := 'applied';
    v_detail jsonb;
    v_conflicts jsonb := '[]'::jsonb;
    previous record;
    lead record;
    field_name text;
    field_change jsonb;
    current_value jsonb;
    changes jsonb := '{}'::jsonb;
    assignments text;
    seen bigint;
BEGIN
    IF v_id IS NULL OR v_kind IS NULL OR v_table IS NULL OR v_target IS NULL THEN
        RAISE EXCEPTION 'An offline change needs an id, a kind, a table and a target.' USING ERRCODE = 'OC422';
    END IF;
    SELECT a.outcome, a.detail INTO previous FROM sync.applied_changes a WHERE a.change_id = v_id;
    IF FOUND THEN
        RETURN jsonb_build_object('id', v_id, 'outcome', previous.outcome, 'detail', previous.detail, 'again', true);
    END IF;
    BEGIN
        IF v_kind = 'add_activity' AND v_table = 'field.leads' THEN
            SELECT l.fugitive_id INTO lead FROM field.leads l WHERE l.id = v_target AND l.deleted_at IS NULL;
            IF NOT FOUND THEN
                RAISE EXCEPTION 'The lead no longer exists or you may no longer see it.' USING ERRCODE = 'OC404';
            END IF;
            INSERT INTO field.activities (id, lead_id, fugitive_id, activity_type, officer_id, officer_name, officer_title,
                                          officer_office_id, location, operation_id, occurred_at, notes, corrects_activity_id)
            SELECT (v_payload->>'id')::uuid, v_target, lead.fugitive_id, v_payload->>'activity_type', u.id,
                   coalesce(u.full_name, session_user::text), u.title, u.office_id, v_payload->>'location',
                   (v_payload->>'operation_id')::uuid, (v_payload->>'occurred_at')::timestamptz, v_payload->>'notes',
                   (v_payload->>'corrects_activity_id')::uuid
            FROM (SELECT 1) one LEFT JOIN core.users u ON u.login = session_user;
            UPDATE field.leads SET status = 'in_progress' WHERE id = v_target AND status IN ('new', 'assigned');
        ELSIF v_kind = 'update_fields' THEN
            FOR field_name, field_change IN SELECT key, value FROM jsonb_each(coalesce(v_payload->'fields', '{}'::jsonb)) LOOP
                IF NOT EXISTS (SELECT 1 FROM sync.editable_columns e WHERE e.table_name = v_table AND e.column_name = field_name) THEN
                    RAISE EXCEPTION '%.% cannot be changed offline.', v_table, field_name USING ERRCODE = 'OC403';
                END IF;
                EXECUTE format('SELECT to_jsonb(t.%I) FROM %s t WHERE t.id = $1', field_name, v_table::regclass)
                    INTO current_value USING v_target;
                GET DIAGNOSTICS seen = ROW_COUNT; -- EXECUTE leaves FOUND alone
                IF seen = 0 THEN
                    RAISE EXCEPTION 'The record no longer exists or you may no longer see it.' USING ERRCODE = 'OC404';
                END IF;
                current_value := coalesce(current_value, 'null'::jsonb);
                IF current_value = coalesce(field_change->'new', 'null'::jsonb) THEN
                    CONTINUE; -- already as the user wants it
                ELSIF current_value = coalesce(field_change->'old', 'null'::jsonb) THEN
                    changes := changes || jsonb_build_object(field_name, field_change->'new');
                ELSE
                    v_conflicts := v_conflicts || jsonb_build_array(jsonb_build_object(
                        'field', field_name, 'base', field_change->'old', 'local', field_change->'new', 'server', current_value));
                END IF;
            END LOOP;
            IF changes <> '{}'::jsonb THEN
                SELECT string_agg(format('%I = r.%I', key, key), ', ') INTO assignments FROM jsonb_object_keys(changes) AS key;
                EXECUTE format('UPDATE %1$s t SET %2$s FROM jsonb_populate_record(NULL::%1$s, $1) r WHERE t.id = $2',
                               v_table::regclass, assignments)
                    USING changes, v_target;
            END IF;
            IF jsonb_array_length(v_conflicts) > 0 THEN
                v_outcome := 'conflict';
                v_detail := jsonb_build_object('conflicts', v_conflicts, 'applied', changes);
            END IF;
        ELSE
            RAISE EXCEPTION 'Unknown kind of offline change: %.', v_kind USING ERRCODE = 'OC422';
        END IF;
    EXCEPTION
        -- Passing trouble (a deadlock, a lock wait cut short, a cancelled statement) is not an answer: the whole
        -- push fails and the client sends the change again later.
        WHEN serialization_failure OR deadlock_detected OR lock_not_available OR query_canceled THEN
            RAISE;
        WHEN OTHERS THEN
            v_outcome := 'rejected';
            v_detail := jsonb_build_object('message', SQLERRM, 'sqlstate', SQLSTATE);
    END;
    INSERT INTO sync.applied_changes (change_id, user_id, kind, table_name, record_id, outcome, detail, payload)
    VALUES (v_id, (SELECT u.id FROM core.users u WHERE u.login = session_user), v_kind, v_table, v_target, v_outcome, v_detail,
            CASE WHEN v_outcome = 'applied' THEN NULL ELSE v_payload END);
    IF v_outcome = 'conflict' THEN
        INSERT INTO sync.conflicts (change_id, target_table, target_id, field, base_value, local_value, server_value)
        SELECT v_id, v_table, v_target, c->>'field', c->'base', c->'local', c->'server'
        FROM jsonb_array_elements(v_conflicts) c;
    END IF;
    RETURN jsonb_build_object('id', v_id, 'outcome', v_outcome, 'detail', v_detail, 'again', false);
END
$$;

-- A batch of changes in the order the user made them; one answer per change, in the same order.
CREATE FUNCTION sync.apply_changes(p_changes jsonb) RETURNS SETOF jsonb
    LANGUAGE plpgsql SECURITY INVOKER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    change jsonb;
BEGIN
    FOR change IN SELECT c.value FROM jsonb_array_elements(p_changes) WITH ORDINALITY AS c(value, n) ORDER BY c.n LOOP
        RETURN NEXT sync.apply_change(change);
    END LOOP;
END
$$;
GRANT EXECUTE ON FUNCTION sync.apply_change, sync.apply_changes TO ocms_user;
