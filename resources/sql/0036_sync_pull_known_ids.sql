-- Offline sync (issue 8): the pull functions of 0034 compared every row in scope with every id the laptop
-- already holds (NOT EXISTS over unnest(p_known) inside an OR is a subplan run per row): time grew with
-- the square of the copy's size — an incremental pull of a 20,000-lead copy ran for minutes. The known ids
-- are now one hashed anti-join (LEFT JOIN … IS NULL). Same signatures, same rows. Planned afresh at each
-- call (force_custom_plan): after five calls PL/pgSQL may keep a generic plan, which knows neither the size
-- of the known ids nor the cursor — `ocmsctl bench sync` saw the same incremental pull take 7 s, then 70 s.

CREATE OR REPLACE FUNCTION sync.pull_leads(p_since xid8, p_known uuid[])
    RETURNS TABLE (id uuid, fugitive_id uuid, lead_number text, status text, priority_score float8, team_code text,
                   address_zip text, address_city text, fugitive_name text, created_at timestamptz, row_version bigint,
                   detail jsonb)
    LANGUAGE plpgsql STABLE SECURITY INVOKER SET search_path = pg_catalog, pg_temp SET plan_cache_mode = force_custom_plan AS $$
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
        LEFT JOIN (SELECT DISTINCT k AS id FROM unnest(p_known) k) known ON known.id = l.id
        WHERE l.id IN (SELECT sync.scope_leads())
          AND (l.written_xid >= p_since OR f.written_xid >= p_since OR p.written_xid >= p_since
               OR known.id IS NULL);
END
$$;

CREATE OR REPLACE FUNCTION sync.pull_fugitives(p_since xid8, p_known uuid[])
    RETURNS TABLE (id uuid, fugitive_number text, name text, status text, row_version bigint, detail jsonb)
    LANGUAGE plpgsql STABLE SECURITY INVOKER SET search_path = pg_catalog, pg_temp SET plan_cache_mode = force_custom_plan AS $$
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
        LEFT JOIN (SELECT DISTINCT k AS id FROM unnest(p_known) k) known ON known.id = f.id
        WHERE f.id IN (SELECT l.fugitive_id FROM field.leads l WHERE l.id IN (SELECT sync.scope_leads()))
          AND f.deleted_at IS NULL
          AND (f.written_xid >= p_since OR p.written_xid >= p_since
               OR EXISTS (SELECT 1 FROM core.person_aliases a WHERE a.person_id = p.id AND a.written_xid >= p_since)
               OR EXISTS (SELECT 1 FROM core.addresses d WHERE d.person_id = p.id AND d.written_xid >= p_since)
               OR EXISTS (SELECT 1 FROM field.arrests r WHERE r.fugitive_id = f.id AND r.written_xid >= p_since)
               OR known.id IS NULL);
END
$$;

CREATE OR REPLACE FUNCTION sync.pull_activities(p_since xid8, p_known_leads uuid[])
    RETURNS TABLE (id uuid, lead_id uuid, occurred_at timestamptz, activity_type text, officer_name text,
                   location text, operation_name text, notes text, corrects text, created_at timestamptz,
                   row_version bigint, gone boolean)
    LANGUAGE plpgsql STABLE SECURITY INVOKER SET search_path = pg_catalog, pg_temp SET plan_cache_mode = force_custom_plan AS $$
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
        LEFT JOIN (SELECT DISTINCT k AS id FROM unnest(p_known_leads) k) known ON known.id = a.lead_id
        WHERE a.lead_id IN (SELECT sync.scope_leads())
          AND (a.written_xid >= p_since OR known.id IS NULL);
END
$$;
