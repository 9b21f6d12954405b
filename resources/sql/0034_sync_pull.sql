-- Offline field mode, the pull side (issue 8): what a user's laptop keeps, and what changed since its last
-- sync. Everything here runs as the user (SECURITY INVOKER): row security and column privileges decide what
-- may be cached, so a user who lost field access pulls an empty scope and the laptop removes what it had.
--
-- The cursor is a transaction id: the client reads, in one REPEATABLE READ snapshot, the rows written by
-- transactions at or after its cursor, and keeps as its next cursor pg_snapshot_xmin of that snapshot. Every
-- transaction below xmin has finished, so its rows were in the snapshot; a transaction still running (one
-- that took its row_version early and commits late) is at or above xmin and is read by the next pull.
-- Rows read twice are harmless: the cache upserts.

-- Whether the user may read field data at all (a user moved to another post pulls an empty scope: what the
-- laptop holds is removed). Checked before any field table is named, which would fail without the privilege.
CREATE FUNCTION sync.may_cache_field() RETURNS boolean
    LANGUAGE sql STABLE SECURITY INVOKER SET search_path = pg_catalog, pg_temp
    RETURN has_table_privilege('field.leads', 'SELECT') AND has_table_privilege('field.fugitives', 'SELECT')
           AND has_table_privilege('field.activities', 'SELECT') AND has_table_privilege('core.people', 'SELECT');

-- The open leads of the teams the user belongs to: a field officer's offline scope.
CREATE FUNCTION sync.scope_leads() RETURNS SETOF uuid
    LANGUAGE sql STABLE SECURITY INVOKER SET search_path = pg_catalog, pg_temp AS $$
    SELECT l.id
    FROM field.leads l
    WHERE l.team_id IN (SELECT m.team_id FROM field.team_members m WHERE m.user_id = core.session_user_id())
      AND l.status NOT IN ('closed', 'invalid')
      AND l.deleted_at IS NULL
$$;

-- Where the next pull starts: every transaction below it has finished.
CREATE FUNCTION sync.pull_horizon() RETURNS xid8
    LANGUAGE sql VOLATILE SECURITY INVOKER
    RETURN pg_snapshot_xmin(pg_current_snapshot());

-- Leads in scope written since p_since (by the lead, its fugitive or the person), and every lead in scope the
-- laptop does not have yet (a lead reassigned to the user's team, a new team member). detail carries the
-- keys the lead screen shows (LeadRepository's record values).
CREATE FUNCTION sync.pull_leads(p_since xid8, p_known uuid[])
    RETURNS TABLE (id uuid, fugitive_id uuid, lead_number text, status text, priority_score float8, team_code text,
                   address_zip text, address_city text, fugitive_name text, created_at timestamptz, row_version bigint,
                   detail jsonb)
    LANGUAGE plpgsql STABLE SECURITY INVOKER SET search_path = pg_catalog, pg_temp AS $$
#variable_conflict use_column
BEGIN
    IF NOT sync.may_cache_field() THEN
        RETURN;
    END IF;
    RETURN QUERY
        SELECT l.id, l.fugitive_id, l.lead_number, l.status, l.priority_score::float8, t.code, l.address_zip, l.address_city,
               p.family_name || coalesce(', ' || p.given_name, ''), l.created_at, l.row_version,
               jsonb_build_object(
                   'id', l.id, 'lead_number', l.lead_number, 'status', l.status, 'priority_score', l.priority_score::float8,
                   'relevance_score', l.relevance_score::float8, 'source_code', s.code, 'source_name', s.name,
                   'source_kind', s.kind, 'source_detail', l.source_detail, 'poc_name', poc.full_name,
                   'poc_user_id', l.poc_user_id, 'address_line1', l.address_line1, 'address_city', l.address_city,
                   'address_state', l.address_state, 'address_zip', l.address_zip, 'team_id', l.team_id,
                   'team_code', t.code, 'team_name', t.name, 'assigned_by', l.assigned_by, 'assigned_at', l.assigned_at,
                   'notes', l.notes, 'created_at', l.created_at, 'closed_at', l.closed_at, 'close_reason', l.close_reason,
                   'row_version', l.row_version, 'fugitive_id', f.id, 'fugitive_number', f.fugitive_number,
                   'fugitive_name', p.family_name || coalesce(', ' || p.given_name, ''), 'fugitive_status', f.status,
                   'threat_score', f.threat_score::float8, 'date_of_birth', p.date_of_birth,
                   'gang_affiliation', f.gang_affiliation, 'criminal', f.criminal, 'fugitive_office_id', f.office_id)
        FROM field.leads l
        JOIN field.fugitives f ON f.id = l.fugitive_id
        JOIN core.people p ON p.id = f.person_id
        JOIN field.lead_sources s ON s.id = l.source_id
        LEFT JOIN field.teams t ON t.id = l.team_id
        LEFT JOIN core.users poc ON poc.id = l.poc_user_id
        WHERE l.id IN (SELECT sync.scope_leads())
          AND (l.written_xid >= p_since OR f.written_xid >= p_since OR p.written_xid >= p_since
               OR NOT EXISTS (SELECT 1 FROM unnest(p_known) k WHERE k = l.id));
END
$$;

-- The fugitive records of the leads in scope, written since p_since or not on the laptop yet. detail has the
-- record's values (FugitiveRepository's keys) with its aliases, addresses, convictions and arrests.
CREATE FUNCTION sync.pull_fugitives(p_since xid8, p_known uuid[])
    RETURNS TABLE (id uuid, fugitive_number text, name text, status text, row_version bigint, detail jsonb)
    LANGUAGE plpgsql STABLE SECURITY INVOKER SET search_path = pg_catalog, pg_temp AS $$
#variable_conflict use_column
BEGIN
    IF NOT sync.may_cache_field() THEN
        RETURN;
    END IF;
    RETURN QUERY
        SELECT f.id, f.fugitive_number, p.family_name || coalesce(', ' || p.given_name, ''), f.status, f.row_version,
               jsonb_build_object(
                   'id', f.id, 'fugitive_number', f.fugitive_number, 'person_id', f.person_id, 'family_name', p.family_name,
                   'given_name', p.given_name, 'middle_name', p.middle_name, 'date_of_birth', p.date_of_birth,
                   'place_of_birth', p.place_of_birth, 'sex', p.sex, 'nationality', p.nationality, 'a_number', p.a_number,
                   'ssn', p.ssn, 'gang_affiliation', f.gang_affiliation, 'status', f.status, 'status_reason', f.status_reason,
                   'status_changed_at', f.status_changed_at, 'criminal', f.criminal, 'threat_score', f.threat_score::float8,
                   'last_entry_on', f.last_entry_on, 'last_entry_place', f.last_entry_place,
                   'removal_charges', f.removal_charges, 'entry_class', f.entry_class,
                   'prior_apprehensions', array_to_string(f.prior_apprehensions, ', '),
                   'removal_case_category', f.removal_case_category, 'tecs_number', f.tecs_number,
                   'custody_on', f.custody_on, 'final_order_on', f.final_order_on, 'removed_on', f.removed_on,
                   'fbi_number', f.fbi_number, 'fin', f.fin, 'sid', f.sid, 'office_id', f.office_id, 'office_name', o.name,
                   'created_at', f.created_at, 'row_version', f.row_version)
               || jsonb_build_object(
                   'aliases', (SELECT coalesce(jsonb_agg(jsonb_build_array(a.family_name, a.given_name, a.source)
                                                         ORDER BY a.family_name, a.given_name), '[]')
                               FROM core.person_aliases a WHERE a.person_id = p.id AND a.deleted_at IS NULL),
                   'addresses', (SELECT coalesce(jsonb_agg(jsonb_build_array(initcap(replace(d.kind, '_', ' ')),
                                                                             concat_ws(', ', d.line1, d.line2), d.city, d.state,
                                                                             d.zip, d.source) ORDER BY d.created_at DESC), '[]')
                                 FROM core.addresses d WHERE d.person_id = p.id AND d.deleted_at IS NULL),
                   'convictions', (SELECT coalesce(jsonb_agg(jsonb_build_array(c.convicted_on, c.offense, c.jurisdiction)
                                                             ORDER BY c.convicted_on DESC NULLS LAST), '[]')
                                   FROM field.convictions c WHERE c.fugitive_id = f.id),
                   'arrests', (SELECT coalesce(jsonb_agg(jsonb_build_array(r.arrested_at, r.place, ao.name, r.criminal)
                                                         ORDER BY r.arrested_at DESC), '[]')
                               FROM field.arrests r JOIN core.offices ao ON ao.id = r.office_id
                               WHERE r.fugitive_id = f.id AND r.deleted_at IS NULL))
        FROM field.fugitives f
        JOIN core.people p ON p.id = f.person_id
        LEFT JOIN core.offices o ON o.id = f.office_id
        WHERE f.id IN (SELECT l.fugitive_id FROM field.leads l WHERE l.id IN (SELECT sync.scope_leads()))
          AND f.deleted_at IS NULL
          AND (f.written_xid >= p_since OR p.written_xid >= p_since
               OR EXISTS (SELECT 1 FROM core.person_aliases a WHERE a.person_id = p.id AND a.written_xid >= p_since)
               OR EXISTS (SELECT 1 FROM core.addresses d WHERE d.person_id = p.id AND d.written_xid >= p_since)
               OR EXISTS (SELECT 1 FROM field.arrests r WHERE r.fugitive_id = f.id AND r.written_xid >= p_since)
               OR NOT EXISTS (SELECT 1 FROM unnest(p_known) k WHERE k = f.id));
END
$$;

-- Activities on the leads in scope written since p_since, or on leads the laptop does not have yet. A
-- withdrawn activity (deleted_at) comes back with gone = true so the laptop drops it.
CREATE FUNCTION sync.pull_activities(p_since xid8, p_known_leads uuid[])
    RETURNS TABLE (id uuid, lead_id uuid, occurred_at timestamptz, activity_type text, officer_name text,
                   location text, operation_name text, notes text, corrects text, created_at timestamptz,
                   row_version bigint, gone boolean)
    LANGUAGE plpgsql STABLE SECURITY INVOKER SET search_path = pg_catalog, pg_temp AS $$
#variable_conflict use_column
BEGIN
    IF NOT sync.may_cache_field() THEN
        RETURN;
    END IF;
    RETURN QUERY
        SELECT a.id, a.lead_id, a.occurred_at, a.activity_type, a.officer_name, a.location, o.name, a.notes,
               CASE WHEN c.id IS NULL THEN NULL
                    ELSE initcap(replace(c.activity_type, '_', ' ')) || ' of ' || to_char(c.occurred_at, 'YYYY-MM-DD HH24:MI') END,
               a.created_at, a.row_version, a.deleted_at IS NOT NULL
        FROM field.activities a
        LEFT JOIN field.operations o ON o.id = a.operation_id
        LEFT JOIN field.activities c ON c.id = a.corrects_activity_id
        WHERE a.lead_id IN (SELECT sync.scope_leads())
          AND (a.written_xid >= p_since OR NOT EXISTS (SELECT 1 FROM unnest(p_known_leads) k WHERE k = a.lead_id));
END
$$;

-- What the laptop has that it may keep no longer: leads closed, reassigned, deleted or hidden from the user,
-- and fugitive records no lead in scope needs.
CREATE FUNCTION sync.pull_gone(p_known_leads uuid[], p_known_fugitives uuid[])
    RETURNS TABLE (kind text, id uuid)
    LANGUAGE plpgsql STABLE SECURITY INVOKER SET search_path = pg_catalog, pg_temp AS $$
#variable_conflict use_column
BEGIN
    IF NOT sync.may_cache_field() THEN
        RETURN QUERY SELECT 'lead'::text, k FROM unnest(p_known_leads) k
                     UNION ALL SELECT 'fugitive'::text, k FROM unnest(p_known_fugitives) k;
        RETURN;
    END IF;
    RETURN QUERY
    WITH scope AS (SELECT s AS id FROM sync.scope_leads() s)
    SELECT 'lead'::text, k FROM unnest(p_known_leads) k WHERE NOT EXISTS (SELECT 1 FROM scope WHERE scope.id = k)
    UNION ALL
    SELECT 'fugitive'::text, k FROM unnest(p_known_fugitives) k
    WHERE NOT EXISTS (SELECT 1 FROM field.leads l JOIN scope ON scope.id = l.id WHERE l.fugitive_id = k);
END
$$;
GRANT EXECUTE ON FUNCTION sync.may_cache_field, sync.scope_leads, sync.pull_horizon, sync.pull_leads, sync.pull_fugitives,
    sync.pull_activities, sync.pull_gone TO ocms_user;

-- ---------------------------------------------------------------------------------------------------
-- Push: an arrest recorded offline. Added to the kinds of 0033 (same rules: once per change id, as the user).
--   record_arrest  payload {arrested_at, place, criminal?, notes?, office_id?} (target: the lead): arrest,
--                  custody and the lead closed in one call (field.record_arrest);
--   add_time_entry payload {id, work_date, hours, note} (target: a case, table legal.cases): appended.
CREATE OR REPLACE FUNCTION sync.apply_change(p_change jsonb) RETURNS jsonb
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
    -- The same change may arrive twice at once (a laptop killed mid-push still has its statement running on
    -- the server when it pushes again): the second waits for the first and then reads its answer.
    PERFORM pg_advisory_xact_lock(hashtextextended(v_id::text, 8));
    SELECT a.outcome, a.detail INTO previous FROM sync.applied_changes a WHERE a.change_id = v_id;
    IF FOUND THEN
        RETURN jsonb_build_object('id', v_id, 'outcome', previous.outcome, 'detail', previous.detail, 'again', true);
    END IF;
    BEGIN
        IF v_kind IN ('add_activity', 'record_arrest') AND v_table = 'field.leads' THEN
            SELECT l.fugitive_id, f.criminal INTO lead
            FROM field.leads l JOIN field.fugitives f ON f.id = l.fugitive_id
            WHERE l.id = v_target AND l.deleted_at IS NULL;
            IF NOT FOUND THEN
                RAISE EXCEPTION 'The lead no longer exists or you may no longer see it.' USING ERRCODE = 'OC404';
            END IF;
            IF v_kind = 'add_activity' THEN
                INSERT INTO field.activities (id, lead_id, fugitive_id, activity_type, officer_id, officer_name, officer_title,
                                              officer_office_id, location, operation_id, occurred_at, notes, corrects_activity_id)
                SELECT (v_payload->>'id')::uuid, v_target, lead.fugitive_id, v_payload->>'activity_type', u.id,
                       coalesce(u.full_name, session_user::text), u.title, u.office_id, v_payload->>'location',
                       (v_payload->>'operation_id')::uuid, (v_payload->>'occurred_at')::timestamptz, v_payload->>'notes',
                       (v_payload->>'corrects_activity_id')::uuid
                FROM (SELECT 1) one LEFT JOIN core.users u ON u.login = session_user;
                UPDATE field.leads SET status = 'in_progress' WHERE id = v_target AND status IN ('new', 'assigned');
            ELSE
                PERFORM field.record_arrest(
                    lead.fugitive_id, v_target, (v_payload->>'arrested_at')::timestamptz, v_payload->>'place',
                    coalesce((v_payload->>'office_id')::uuid, (SELECT u.office_id FROM core.users u WHERE u.login = session_user)),
                    coalesce((v_payload->>'criminal')::boolean, lead.criminal), v_payload->>'notes');
            END IF;
        ELSIF v_kind = 'add_time_entry' AND v_table = 'legal.cases' THEN
            IF NOT EXISTS (SELECT 1 FROM legal.case_records c WHERE c.id = v_target AND c.deleted_at IS NULL) THEN
                RAISE EXCEPTION 'The case no longer exists or you may no longer see it.' USING ERRCODE = 'OC404';
            END IF;
            INSERT INTO legal.time_entries (id, user_id, case_id, work_date, hours, note)
            VALUES ((v_payload->>'id')::uuid, core.session_user_id(), v_target, (v_payload->>'work_date')::date,
                    (v_payload->>'hours')::numeric, v_payload->>'note');
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
        WHEN insufficient_privilege THEN
            v_outcome := 'rejected';
            v_detail := jsonb_build_object('message', 'You may no longer make this change: your access to the record has changed.',
                                           'sqlstate', SQLSTATE, 'server_message', SQLERRM);
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

-- Changes the server kept without applying (rejected: lost access, a rule refused it) are reported to the
-- field supervisors and administrators too, never only to the officer.
CREATE POLICY supervisors_see_kept ON sync.applied_changes FOR SELECT
    USING (outcome IN ('rejected', 'conflict')
           AND ((SELECT core.session_has_role('field_admin')) OR (SELECT core.session_has_role('ocms_admin'))));

-- The user chooses a value for a conflict: 'local' writes the offline value, 'server' keeps the server's.
-- Both the choice (sync.conflicts) and the write (the record's own audit) are audited.
CREATE FUNCTION sync.resolve_conflict(p_conflict uuid, p_choice text) RETURNS void
    LANGUAGE plpgsql SECURITY INVOKER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    conflict record;
    seen bigint;
BEGIN
    IF p_choice IS NULL OR p_choice NOT IN ('local', 'server') THEN
        RAISE EXCEPTION 'Choose the offline value or the server''s value.' USING ERRCODE = 'OC422';
    END IF;
    SELECT c.* INTO conflict FROM sync.conflicts c WHERE c.id = p_conflict FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'The conflict does not exist or is not yours.' USING ERRCODE = 'OC404';
    END IF;
    IF conflict.resolved_at IS NOT NULL THEN
        RAISE EXCEPTION 'The conflict was resolved already (% value kept).', conflict.resolution USING ERRCODE = 'OC409';
    END IF;
    IF p_choice = 'local' THEN
        IF NOT EXISTS (SELECT 1 FROM sync.editable_columns e
                       WHERE e.table_name = conflict.target_table AND e.column_name = conflict.field) THEN
            RAISE EXCEPTION '%.% cannot be changed offline.', conflict.target_table, conflict.field USING ERRCODE = 'OC403';
        END IF;
        EXECUTE format('UPDATE %1$s t SET %2$I = r.%2$I FROM jsonb_populate_record(NULL::%1$s, $1) r WHERE t.id = $2',
                       conflict.target_table::regclass, conflict.field)
            USING jsonb_build_object(conflict.field, conflict.local_value), conflict.target_id;
        GET DIAGNOSTICS seen = ROW_COUNT;
        IF seen = 0 THEN
            RAISE EXCEPTION 'The record no longer exists or you may no longer change it.' USING ERRCODE = 'OC404';
        END IF;
    END IF;
    UPDATE sync.conflicts SET resolved_at = now(), resolution = p_choice WHERE id = p_conflict;
END
$$;
GRANT EXECUTE ON FUNCTION sync.resolve_conflict TO ocms_user;

-- ---------------------------------------------------------------------------------------------------
-- Devices: each laptop's cache checks in at every contact; a wipe an administrator ordered runs then.
ALTER TABLE sync.devices ADD COLUMN login text NOT NULL DEFAULT session_user;
ALTER TABLE sync.devices ENABLE ROW LEVEL SECURITY;
ALTER TABLE sync.devices FORCE ROW LEVEL SECURITY;
CREATE POLICY own_devices ON sync.devices USING (login = session_user) WITH CHECK (login = session_user);
CREATE POLICY administrators ON sync.devices
    USING ((SELECT core.session_has_role('ocms_admin')) OR (SELECT core.session_has_role('field_admin')));
GRANT UPDATE (name) ON sync.devices TO ocms_user;

-- Returns true when the device must wipe its cache now.
CREATE FUNCTION sync.check_in(p_device uuid, p_name text) RETURNS boolean
    LANGUAGE plpgsql SECURITY INVOKER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    device record;
BEGIN
    SELECT d.* INTO device FROM sync.devices d WHERE d.id = p_device AND d.login = session_user;
    IF NOT FOUND THEN
        INSERT INTO sync.devices (id, user_id, name, last_contact_at)
        VALUES (p_device, core.session_user_id(), coalesce(nullif(btrim(p_name), ''), 'laptop'), now());
        RETURN false;
    END IF;
    UPDATE sync.devices SET last_contact_at = now() WHERE id = p_device;
    RETURN device.wipe_ordered_at IS NOT NULL AND device.wiped_at IS NULL;
END
$$;

-- The device wiped its cache (the key file is gone): the order is done.
CREATE FUNCTION sync.confirm_wipe(p_device uuid) RETURNS void
    LANGUAGE sql SECURITY INVOKER SET search_path = pg_catalog, pg_temp
    BEGIN ATOMIC
        UPDATE sync.devices SET wiped_at = now() WHERE id = p_device AND login = session_user AND wipe_ordered_at IS NOT NULL;
    END;

-- An administrator orders a device's cache wiped at its next contact.
CREATE FUNCTION sync.order_wipe(p_device uuid) RETURNS void
    LANGUAGE plpgsql SECURITY INVOKER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    seen bigint;
BEGIN
    IF NOT (core.session_has_role('ocms_admin') OR core.session_has_role('field_admin')) THEN
        RAISE EXCEPTION 'Only an administrator can order a cache wiped.' USING ERRCODE = 'OC403';
    END IF;
    UPDATE sync.devices SET wipe_ordered_at = now(), wipe_ordered_by = session_user, wiped_at = NULL WHERE id = p_device;
    GET DIAGNOSTICS seen = ROW_COUNT;
    IF seen = 0 THEN
        RAISE EXCEPTION 'No such device.' USING ERRCODE = 'OC404';
    END IF;
END
$$;
GRANT UPDATE (wipe_ordered_at, wipe_ordered_by, wiped_at) ON sync.devices TO field_admin;
GRANT EXECUTE ON FUNCTION sync.check_in, sync.confirm_wipe TO ocms_user;
GRANT EXECUTE ON FUNCTION sync.order_wipe TO ocms_admin, field_admin;

-- ---------------------------------------------------------------------------------------------------
-- An attorney's pinned cases: the cases a user chose to carry, copied to the laptop with their documents
-- (latest version of each, content included up to sync.max_cached_document_bytes()).
CREATE TABLE legal.case_pins (
    user_id   uuid NOT NULL DEFAULT core.session_user_id() REFERENCES core.users (id),
    case_id   uuid NOT NULL REFERENCES legal.cases (id),
    pinned_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, case_id)
);
CREATE INDEX ON legal.case_pins (case_id);
ALTER TABLE legal.case_pins ENABLE ROW LEVEL SECURITY;
ALTER TABLE legal.case_pins FORCE ROW LEVEL SECURITY;
-- Own pins only, and only of a case the user may see.
CREATE POLICY own_pins ON legal.case_pins
    USING (user_id = (SELECT core.session_user_id()))
    WITH CHECK (user_id = (SELECT core.session_user_id()) AND EXISTS (SELECT 1 FROM legal.case_records c WHERE c.id = case_id));
GRANT SELECT, INSERT, DELETE ON legal.case_pins TO ocms_legal;

CREATE FUNCTION sync.max_cached_document_bytes() RETURNS bigint
    LANGUAGE sql IMMUTABLE RETURN 25 * 1024 * 1024;

CREATE FUNCTION sync.may_cache_cases() RETURNS boolean
    LANGUAGE sql STABLE SECURITY INVOKER SET search_path = pg_catalog, pg_temp
    RETURN has_table_privilege('legal.case_pins', 'SELECT') AND has_table_privilege('legal.case_records', 'SELECT')
           AND has_table_privilege('docs.documents', 'SELECT');

-- The user's pinned cases that still exist and that the user may still see.
CREATE FUNCTION sync.scope_cases() RETURNS SETOF uuid
    LANGUAGE sql STABLE SECURITY INVOKER SET search_path = pg_catalog, pg_temp AS $$
    SELECT p.case_id FROM legal.case_pins p JOIN legal.case_records c ON c.id = p.case_id
    WHERE p.user_id = core.session_user_id() AND c.deleted_at IS NULL
$$;

-- Pinned cases written since p_since (the case, its hearings or deadlines) or not on the laptop yet. detail
-- is the case record as the user may read it (legal.case_records: field rules applied) with hearings and
-- open deadlines.
CREATE FUNCTION sync.pull_cases(p_since xid8, p_known uuid[])
    RETURNS TABLE (id uuid, case_number text, title text, status text, row_version bigint, detail jsonb)
    LANGUAGE plpgsql STABLE SECURITY INVOKER SET search_path = pg_catalog, pg_temp SET plan_cache_mode = force_custom_plan AS $$
#variable_conflict use_column
BEGIN
    IF NOT sync.may_cache_cases() THEN
        RETURN;
    END IF;
    RETURN QUERY
        SELECT r.id, r.case_number, r.title, r.status, r.row_version,
               to_jsonb(r) || jsonb_build_object(
                   'hearings', (SELECT coalesce(jsonb_agg(jsonb_build_array(h.scheduled_at, h.hearing_type, h.location, h.judge_name,
                                                                            h.outcome) ORDER BY h.scheduled_at), '[]')
                                FROM legal.hearings h WHERE h.case_id = r.id AND h.deleted_at IS NULL),
                   'deadlines', (SELECT coalesce(jsonb_agg(jsonb_build_array(d.due_on, d.kind, d.title, d.completed_at IS NOT NULL)
                                                           ORDER BY d.due_on), '[]')
                                 FROM legal.deadlines d WHERE d.case_id = r.id AND d.deleted_at IS NULL))
        FROM legal.case_records r
        JOIN legal.cases c ON c.id = r.id
        LEFT JOIN (SELECT DISTINCT k AS id FROM unnest(p_known) k) known ON known.id = r.id -- one hashed anti-join (see 0036)
        WHERE r.id IN (SELECT sync.scope_cases())
          AND (c.written_xid >= p_since
               OR EXISTS (SELECT 1 FROM legal.hearings h WHERE h.case_id = r.id AND h.written_xid >= p_since)
               OR EXISTS (SELECT 1 FROM legal.deadlines d WHERE d.case_id = r.id AND d.written_xid >= p_since)
               OR known.id IS NULL);
END
$$;

-- The documents of the pinned cases written since p_since or not on the laptop yet: the latest version, its
-- content when it is no larger than sync.max_cached_document_bytes() (else content is NULL: too large to
-- carry, listed all the same).
CREATE FUNCTION sync.pull_case_documents(p_since xid8, p_known uuid[])
    RETURNS TABLE (id uuid, case_id uuid, document_number text, title text, document_type text, version_no integer,
                   file_name text, mime_type text, byte_size bigint, updated_at timestamptz, row_version bigint, content bytea)
    LANGUAGE plpgsql STABLE SECURITY INVOKER SET search_path = pg_catalog, pg_temp SET plan_cache_mode = force_custom_plan AS $$
#variable_conflict use_column
BEGIN
    IF NOT sync.may_cache_cases() THEN
        RETURN;
    END IF;
    RETURN QUERY
        SELECT d.id, d.case_id, d.document_number, d.title, d.document_type, v.version_no, v.file_name, v.mime_type,
               s.byte_size, d.updated_at, d.row_version,
               CASE WHEN s.byte_size <= sync.max_cached_document_bytes()
                    THEN (SELECT string_agg(ch.data, ''::bytea ORDER BY ch.chunk_no) FROM docs.content_chunks ch
                          WHERE ch.content_id = v.content_id) END
        FROM docs.documents d
        JOIN LATERAL (SELECT v.* FROM docs.versions v WHERE v.document_id = d.id ORDER BY v.version_no DESC LIMIT 1) v ON true
        JOIN docs.contents s ON s.id = v.content_id
        LEFT JOIN (SELECT DISTINCT k AS id FROM unnest(p_known) k) known ON known.id = d.id
        WHERE d.case_id IN (SELECT sync.scope_cases())
          AND d.deleted_at IS NULL
          AND (d.written_xid >= p_since OR known.id IS NULL);
END
$$;

-- Pinned cases and documents the laptop may keep no longer (unpinned, closed to the user, deleted).
CREATE FUNCTION sync.pull_gone_cases(p_known_cases uuid[], p_known_documents uuid[])
    RETURNS TABLE (kind text, id uuid)
    LANGUAGE plpgsql STABLE SECURITY INVOKER SET search_path = pg_catalog, pg_temp AS $$
#variable_conflict use_column
BEGIN
    IF NOT sync.may_cache_cases() THEN
        RETURN QUERY SELECT 'case'::text, k FROM unnest(p_known_cases) k
                     UNION ALL SELECT 'document'::text, k FROM unnest(p_known_documents) k;
        RETURN;
    END IF;
    RETURN QUERY
    WITH scope AS (SELECT s AS id FROM sync.scope_cases() s)
    SELECT 'case'::text, k FROM unnest(p_known_cases) k WHERE NOT EXISTS (SELECT 1 FROM scope WHERE scope.id = k)
    UNION ALL
    SELECT 'document'::text, k FROM unnest(p_known_documents) k
    WHERE NOT EXISTS (SELECT 1 FROM docs.documents d JOIN scope ON scope.id = d.case_id WHERE d.id = k AND d.deleted_at IS NULL);
END
$$;
GRANT EXECUTE ON FUNCTION sync.max_cached_document_bytes, sync.may_cache_cases, sync.scope_cases, sync.pull_cases,
    sync.pull_case_documents, sync.pull_gone_cases TO ocms_user;
