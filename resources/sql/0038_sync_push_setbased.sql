-- Offline sync (issue 8), the push made fast enough for `ocmsctl bench sync` (10,000 outbox changes with
-- the server's checks and audit ≤ 3 s). sync.apply_changes of 0033 called sync.apply_change once per change:
-- an advisory lock, a look-up, a subtransaction, a read, an INSERT, an UPDATE of the lead (whose statement
-- triggers — audit with transition tables, lead counts, reference checks — run even when it matches nothing)
-- and an INSERT of the answer, about 2.4 ms a change. The triggers on field.activities and field.leads are
-- per statement, so the same work done for many changes in one statement costs little more than for one.
--
-- Same signature, same answers in the same order, same effects; still SECURITY INVOKER (row security,
-- column privileges, triggers and the audit trail apply as the user; nothing the client says is trusted):
--
-- 1. Every change id of the batch is locked at once, in the order of the lock keys (two pushes sharing ids
--    cannot deadlock on them), then the ids already answered are read once: those answer again with the
--    stored outcome, as sync.apply_change would.
-- 2. The batch is walked in order, in runs of consecutive new changes of one kind:
--    - add_activity on field.leads (not corrections): one INSERT … SELECT of all the run's activities (the
--      user looked up once), the leads put in progress by one UPDATE — skipped when no lead of the run is
--      new or assigned and the user may update the status column anyway — and one INSERT of the answers;
--    - update_fields on field.leads, no lead twice in a run (a second edit of a lead starts a new run, so it
--      sees the first): the current values of the named columns read in one statement, merged per field as
--      sync.apply_change does (the value wanted already → nothing; the value the user's copy had → written;
--      anything else → a conflict kept with the three values), one UPDATE per set of written columns, one
--      INSERT of the answers and one of the conflicts.
--    A run is one subtransaction. Anything wrong in it (an error, a lead not there or not visible, a row
--    not written) rolls it back and its changes go through sync.apply_change one by one, which answers and
--    keeps each refusal exactly as before. A run of activities some of whose leads are gone or hidden is
--    first tried once more without those changes, which alone then go one by one (refused, nothing written).
--    Passing trouble (serialization failure, deadlock, lock wait cut short, cancelled statement) is not an
--    answer and fails the push, as in sync.apply_change.
--    Leads are always found by their key (= ANY of the run's ids), never by a join the planner may turn
--    into a scan of all leads: it did, for a run of 500 (110 ms on 121,000 leads, and per row for the UPDATE).
-- 3. Every other change (arrests, time entries, corrections, other tables, a change repeated within the
--    batch, a change missing its id, kind, table or target) goes through sync.apply_change, unchanged.
CREATE OR REPLACE FUNCTION sync.apply_changes(p_changes jsonb) RETURNS SETOF jsonb
    LANGUAGE plpgsql SECURITY INVOKER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    v_changes jsonb[];
    v_ids uuid[];
    v_targets uuid[];
    v_class text[];        -- per change: 'again', 'single', 'activity' or 'fields'
    v_done jsonb;          -- change id -> {outcome, detail} of the changes answered before this batch
    v_count int;
    i int := 1;
    j int;
    k int;
    v_run jsonb;
    v_run_targets uuid[];
    v_run_ok boolean;
    v_failure text;        -- the SQLSTATE that rolled a run back
    v_user record;
    v_group jsonb;
    v_group_targets uuid[];
    v_skip bigint[];       -- positions in the run of activities whose lead is gone or hidden
    v_part jsonb;          -- the run without them
    v_part_targets uuid[];
    v_rows bigint;
    v_columns text[];
    v_current jsonb;
    v_merged jsonb;
    v_signature text[];
BEGIN
    SELECT coalesce(array_agg(c.value ORDER BY c.n), '{}'),
           coalesce(array_agg((c.value->>'id')::uuid ORDER BY c.n), '{}'),
           coalesce(array_agg((c.value->>'target')::uuid ORDER BY c.n), '{}')
    INTO v_changes, v_ids, v_targets
    FROM jsonb_array_elements(p_changes) WITH ORDINALITY AS c(value, n);
    v_count := cardinality(v_changes);
    IF v_count = 0 THEN
        RETURN;
    END IF;

    -- The same change may arrive twice at once (a laptop killed mid-push still has its statement running on
    -- the server when it pushes again): the second push waits for the first, then reads its answers.
    PERFORM count(pg_advisory_xact_lock(s.key))
    FROM (SELECT DISTINCT hashtextextended(x::text, 8) AS key FROM unnest(v_ids) x WHERE x IS NOT NULL ORDER BY 1) s;
    SELECT coalesce(jsonb_object_agg(a.change_id, jsonb_build_object('outcome', a.outcome, 'detail', a.detail)), '{}')
    INTO v_done FROM sync.applied_changes a WHERE a.change_id = ANY (v_ids);

    SELECT array_agg(CASE
               WHEN c.id IS NULL OR c.value->>'kind' IS NULL OR c.value->>'table' IS NULL OR c.target IS NULL THEN 'single'
               WHEN v_done ? c.id::text THEN 'again'
               WHEN c.nth > 1 THEN 'single' -- sent twice in one batch: the second answers 'again' from apply_change
               WHEN c.value->>'kind' = 'add_activity' AND c.value->>'table' = 'field.leads'
                    AND c.value->'payload'->>'corrects_activity_id' IS NULL THEN 'activity'
               WHEN c.value->>'kind' = 'update_fields' AND c.value->>'table' = 'field.leads' THEN 'fields'
               ELSE 'single' END ORDER BY c.n)
    INTO v_class
    FROM (SELECT b.value, b.n, b.id, b.target, row_number() OVER (PARTITION BY b.id ORDER BY b.n) AS nth
          FROM unnest(v_changes, v_ids, v_targets) WITH ORDINALITY AS b(value, id, target, n)) c;

    -- The user, once (as sync.apply_change looks it up for each change).
    SELECT u.id, u.full_name, u.title, u.office_id INTO v_user FROM (SELECT 1) one LEFT JOIN core.users u ON u.login = session_user;

    WHILE i <= v_count LOOP
        IF v_class[i] = 'again' THEN
            RETURN NEXT jsonb_build_object('id', v_ids[i], 'outcome', v_done->(v_ids[i]::text)->>'outcome',
                                           'detail', v_done->(v_ids[i]::text)->'detail', 'again', true);
            i := i + 1;
            CONTINUE;
        END IF;
        -- The run: changes i .. j - 1.
        j := i + 1;
        IF v_class[i] IN ('activity', 'fields') THEN
            v_run_targets := ARRAY[v_targets[i]];
            WHILE j <= v_count AND v_class[j] = v_class[i]
                  AND (v_class[i] = 'activity' OR v_targets[j] <> ALL (v_run_targets)) LOOP
                v_run_targets := v_run_targets || v_targets[j];
                j := j + 1;
            END LOOP;
        END IF;
        IF j - i < 2 THEN
            RETURN NEXT sync.apply_change(v_changes[i]);
            i := j;
            CONTINUE;
        END IF;
        v_run := to_jsonb(v_changes[i:j - 1]);
        v_skip := '{}';
        <<attempt>>
        LOOP
            v_run_ok := true;
            v_part := v_run;
            v_part_targets := v_run_targets;
            IF cardinality(v_skip) > 0 THEN
                SELECT jsonb_agg(c.value ORDER BY c.n), array_agg((c.value->>'target')::uuid ORDER BY c.n) INTO v_part, v_part_targets
                FROM jsonb_array_elements(v_run) WITH ORDINALITY AS c(value, n) WHERE c.n <> ALL (v_skip);
            END IF;
            BEGIN
                IF v_class[i] = 'activity' THEN
                    INSERT INTO field.activities (id, lead_id, fugitive_id, activity_type, officer_id, officer_name, officer_title,
                                                  officer_office_id, location, operation_id, occurred_at, notes, corrects_activity_id)
                    SELECT (p.payload->>'id')::uuid, l.id, l.fugitive_id, p.payload->>'activity_type', v_user.id,
                           coalesce(v_user.full_name, session_user::text), v_user.title, v_user.office_id, p.payload->>'location',
                           (p.payload->>'operation_id')::uuid, (p.payload->>'occurred_at')::timestamptz, p.payload->>'notes',
                           (p.payload->>'corrects_activity_id')::uuid
                    FROM jsonb_array_elements(v_part) WITH ORDINALITY AS c(value, n)
                    CROSS JOIN LATERAL (SELECT coalesce(c.value->'payload', '{}'::jsonb) AS payload) p
                    -- (l.id = ANY: the leads by their key, never a scan of all leads for a few hundred rows)
                    JOIN field.leads l ON l.id = (c.value->>'target')::uuid AND l.id = ANY (v_part_targets) AND l.deleted_at IS NULL
                    JOIN field.fugitives f ON f.id = l.fugitive_id
                    ORDER BY c.n;
                    GET DIAGNOSTICS v_rows = ROW_COUNT;
                    IF v_rows <> jsonb_array_length(v_part) THEN
                        RAISE EXCEPTION 'A lead of the run no longer exists or is not visible.' USING ERRCODE = 'OC404';
                    END IF;
                    -- Work on a new or assigned lead puts it in progress. An UPDATE that matches nothing still runs
                    -- the leads' statement triggers, so it is skipped when it would match nothing — unless the user
                    -- may not update the status at all, which sync.apply_change refuses whatever the lead.
                    IF NOT has_column_privilege('field.leads', 'status', 'UPDATE')
                       OR EXISTS (SELECT 1 FROM field.leads l WHERE l.id = ANY (v_part_targets) AND l.status IN ('new', 'assigned')) THEN
                        UPDATE field.leads SET status = 'in_progress' WHERE id = ANY (v_part_targets) AND status IN ('new', 'assigned');
                    END IF;
                    INSERT INTO sync.applied_changes (change_id, user_id, kind, table_name, record_id, outcome, detail, payload)
                    SELECT (c.value->>'id')::uuid, v_user.id, c.value->>'kind',
                           c.value->>'table', (c.value->>'target')::uuid, 'applied', NULL, NULL
                    FROM jsonb_array_elements(v_part) WITH ORDINALITY AS c(value, n)
                    ORDER BY c.n;
                    v_merged := NULL;
                ELSE
                    -- Only columns an offline change may edit; any other sends the run one by one (refused there).
                    IF EXISTS (SELECT 1 FROM jsonb_array_elements(v_run) c,
                                             jsonb_object_keys(coalesce(c.value->'payload'->'fields', '{}'::jsonb)) f(key)
                               WHERE NOT EXISTS (SELECT 1 FROM sync.editable_columns e
                                                 WHERE e.table_name = 'field.leads' AND e.column_name = f.key)) THEN
                        RAISE EXCEPTION 'A column of the run cannot be changed offline.' USING ERRCODE = 'OC403';
                    END IF;
                    SELECT array_agg(DISTINCT f.key) INTO v_columns
                    FROM jsonb_array_elements(v_run) c, jsonb_object_keys(coalesce(c.value->'payload'->'fields', '{}'::jsonb)) f(key);
                    v_current := '{}'::jsonb;
                    IF v_columns IS NOT NULL THEN
                        -- The current values of the named columns only (column privileges as for one change).
                        EXECUTE format('SELECT coalesce(jsonb_object_agg(t.id, jsonb_build_object(%s)), ''{}'') FROM field.leads t WHERE t.id = ANY ($1)',
                                       (SELECT string_agg(format('%L, t.%I', col, col), ', ') FROM unnest(v_columns) col))
                            INTO v_current USING v_run_targets;
                        IF EXISTS (SELECT 1 FROM jsonb_array_elements(v_run) c
                                   WHERE coalesce(c.value->'payload'->'fields', '{}'::jsonb) <> '{}'::jsonb
                                     AND NOT v_current ? ((c.value->>'target')::uuid)::text) THEN
                            RAISE EXCEPTION 'A record of the run no longer exists or is not visible.' USING ERRCODE = 'OC404';
                        END IF;
                    END IF;
                    -- Per change: the fields to write and the conflicts, as sync.apply_change merges them.
                    SELECT jsonb_agg(jsonb_build_object('id', m.id, 'kind', m.kind, 'target', m.target, 'payload', m.payload,
                                                        'changes', m.changes, 'conflicts', m.conflicts) ORDER BY m.n)
                    INTO v_merged
                    FROM (SELECT c.n, (c.value->>'id')::uuid AS id, c.value->>'kind' AS kind, (c.value->>'target')::uuid AS target,
                                 coalesce(c.value->'payload', '{}'::jsonb) AS payload,
                                 coalesce(jsonb_object_agg(f.key, f.value->'new') FILTER (WHERE f.verdict = 'write'), '{}'::jsonb) AS changes,
                                 coalesce(jsonb_agg(jsonb_build_object('field', f.key, 'base', f.value->'old', 'local', f.value->'new',
                                                                       'server', f.current_value) ORDER BY f.o)
                                              FILTER (WHERE f.verdict = 'conflict'), '[]'::jsonb) AS conflicts
                          FROM jsonb_array_elements(v_run) WITH ORDINALITY AS c(value, n)
                          LEFT JOIN LATERAL (
                              SELECT e.key, e.value, e.o, v.current_value,
                                     CASE WHEN v.current_value = coalesce(e.value->'new', 'null'::jsonb) THEN 'same'
                                          WHEN v.current_value = coalesce(e.value->'old', 'null'::jsonb) THEN 'write'
                                          ELSE 'conflict' END AS verdict
                              FROM jsonb_each(coalesce(c.value->'payload'->'fields', '{}'::jsonb)) WITH ORDINALITY AS e(key, value, o)
                              CROSS JOIN LATERAL (SELECT coalesce(v_current->((c.value->>'target')::uuid::text)->e.key, 'null'::jsonb)
                                                         AS current_value) v) f ON true
                          GROUP BY c.n, c.value) m;
                    -- One UPDATE per set of written columns.
                    FOR v_signature IN
                        SELECT DISTINCT ARRAY(SELECT jsonb_object_keys(m.value->'changes') ORDER BY 1)
                        FROM jsonb_array_elements(v_merged) m WHERE m.value->'changes' <> '{}'::jsonb
                    LOOP
                        SELECT jsonb_object_agg(m.value->>'target', m.value->'changes'), array_agg((m.value->>'target')::uuid)
                        INTO v_group, v_group_targets
                        FROM jsonb_array_elements(v_merged) m
                        WHERE ARRAY(SELECT jsonb_object_keys(m.value->'changes') ORDER BY 1) = v_signature;
                        -- The leads by their key (no join: a join here was planned as a scan of the leads per row).
                        EXECUTE format('UPDATE field.leads t SET (%s) = (SELECT %s FROM jsonb_populate_record(NULL::field.leads, $1->(t.id::text)) r) '
                                       'WHERE t.id = ANY ($2)',
                                       (SELECT string_agg(format('%I', col), ', ') FROM unnest(v_signature) col),
                                       (SELECT string_agg(format('r.%I', col), ', ') FROM unnest(v_signature) col))
                            USING v_group, v_group_targets;
                        GET DIAGNOSTICS v_rows = ROW_COUNT;
                        IF v_rows <> cardinality(v_group_targets) THEN
                            RAISE EXCEPTION 'A record of the run was not written.' USING ERRCODE = 'OC404';
                        END IF;
                    END LOOP;
                    INSERT INTO sync.applied_changes (change_id, user_id, kind, table_name, record_id, outcome, detail, payload)
                    SELECT (m.value->>'id')::uuid, v_user.id, m.value->>'kind',
                           'field.leads', (m.value->>'target')::uuid,
                           CASE WHEN m.value->'conflicts' = '[]'::jsonb THEN 'applied' ELSE 'conflict' END,
                           CASE WHEN m.value->'conflicts' <> '[]'::jsonb
                                THEN jsonb_build_object('conflicts', m.value->'conflicts', 'applied', m.value->'changes') END,
                           CASE WHEN m.value->'conflicts' <> '[]'::jsonb THEN m.value->'payload' END
                    FROM jsonb_array_elements(v_merged) WITH ORDINALITY AS m(value, n)
                    ORDER BY m.n;
                    IF EXISTS (SELECT 1 FROM jsonb_array_elements(v_merged) m WHERE m.value->'conflicts' <> '[]'::jsonb) THEN
                        INSERT INTO sync.conflicts (change_id, target_table, target_id, field, base_value, local_value, server_value)
                        SELECT (m.value->>'id')::uuid, 'field.leads', (m.value->>'target')::uuid, x.value->>'field', x.value->'base',
                               x.value->'local', x.value->'server'
                        FROM jsonb_array_elements(v_merged) WITH ORDINALITY AS m(value, n)
                        CROSS JOIN LATERAL jsonb_array_elements(m.value->'conflicts') WITH ORDINALITY AS x(value, o)
                        ORDER BY m.n, x.o;
                    END IF;
                END IF;
            EXCEPTION
                WHEN serialization_failure OR deadlock_detected OR lock_not_available OR query_canceled THEN
                    RAISE;
                WHEN OTHERS THEN
                    v_run_ok := false;
                    v_failure := SQLSTATE;
            END;
            -- A run of activities that failed: if some of its leads are gone or hidden, those changes go one by
            -- one (refused there, nothing written) and the rest of the run is tried once more as a whole.
            EXIT attempt WHEN v_run_ok OR v_class[i] <> 'activity' OR v_failure <> 'OC404' OR cardinality(v_skip) > 0;
            BEGIN
                SELECT coalesce(array_agg(c.n), '{}') INTO v_skip
                FROM jsonb_array_elements(v_run) WITH ORDINALITY AS c(value, n)
                WHERE (c.value->>'target')::uuid <> ALL (coalesce(
                    (SELECT array_agg(l.id) FROM field.leads l JOIN field.fugitives f ON f.id = l.fugitive_id
                     WHERE l.id = ANY (v_run_targets) AND l.deleted_at IS NULL), '{}'));
            EXCEPTION
                WHEN serialization_failure OR deadlock_detected OR lock_not_available OR query_canceled THEN
                    RAISE;
                WHEN OTHERS THEN
                    v_skip := '{}';
            END;
            EXIT attempt WHEN cardinality(v_skip) = 0 OR cardinality(v_skip) = j - i;
        END LOOP attempt;
        IF NOT v_run_ok THEN
            FOR k IN i .. j - 1 LOOP
                RETURN NEXT sync.apply_change(v_changes[k]);
            END LOOP;
        ELSIF v_merged IS NULL THEN
            FOR k IN i .. j - 1 LOOP
                IF k - i + 1 = ANY (v_skip) THEN
                    RETURN NEXT sync.apply_change(v_changes[k]);
                ELSE
                    RETURN NEXT jsonb_build_object('id', v_ids[k], 'outcome', 'applied', 'detail', NULL::jsonb, 'again', false);
                END IF;
            END LOOP;
        ELSE
            RETURN QUERY SELECT jsonb_build_object('id', (m.value->>'id')::uuid,
                                                   'outcome', CASE WHEN m.value->'conflicts' = '[]'::jsonb THEN 'applied' ELSE 'conflict' END,
                                                   'detail', CASE WHEN m.value->'conflicts' <> '[]'::jsonb
                                                                  THEN jsonb_build_object('conflicts', m.value->'conflicts',
                                                                                          'applied', m.value->'changes') END,
                                                   'again', false)
                         FROM jsonb_array_elements(v_merged) WITH ORDINALITY AS m(value, n) ORDER BY m.n;
        END IF;
        i := j;
    END LOOP;
END
$$;
