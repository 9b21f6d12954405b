-- The case record: who last changed a case (for conflict messages), dropdown values checked by the server,
-- case history kept by triggers (opening, status, dispositions, transfers), transfers with a reason, and a
-- tracking project linked to its case once the A-Number exists.

-- Who saved a case last: a save that finds a newer row version names them instead of overwriting.
ALTER TABLE legal.cases ADD COLUMN updated_by uuid REFERENCES core.users (id);
GRANT SELECT (updated_by) ON legal.cases TO ocms_legal, ocms_readonly_external, ocms_import, ocms_field;
GRANT SELECT (updated_by) ON legal.cases TO ocms_view_owner;

CREATE FUNCTION legal.stamp_case_updater() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    NEW.updated_by := core.session_user_id();
    RETURN NEW;
END
$$;
CREATE TRIGGER cases_stamp_updater BEFORE INSERT OR UPDATE ON legal.cases
    FOR EACH ROW EXECUTE FUNCTION legal.stamp_case_updater();

-- Dropdown values: a code must be an active value of its list and, where the list has dependent rules,
-- allowed by the parent value chosen (e.g. case type by case category). Retired values stay valid on rows
-- that already hold them: the triggers check only new or changed codes.
CREATE FUNCTION rules.check_choice(p_list text, p_code text, p_parent_list text DEFAULT NULL,
                                   p_parent_code text DEFAULT NULL) RETURNS void
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    list_name text := coalesce((SELECT name FROM rules.dropdown_lists WHERE code = p_list), p_list);
BEGIN
    IF p_code IS NULL THEN
        RETURN;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM rules.dropdown_values WHERE list_code = p_list AND code = p_code AND active) THEN
        RAISE EXCEPTION '"%" is not a value of the list "%". Choose one of the listed values.', p_code, list_name
            USING ERRCODE = 'OC001';
    END IF;
    IF p_parent_list IS NOT NULL
       AND EXISTS (SELECT 1 FROM rules.dropdown_dependencies
                   WHERE list_code = p_list AND code = p_code AND parent_list = p_parent_list)
       AND NOT EXISTS (SELECT 1 FROM rules.dropdown_dependencies
                       WHERE list_code = p_list AND code = p_code AND parent_list = p_parent_list
                         AND parent_code = p_parent_code) THEN
        RAISE EXCEPTION '"%" cannot be chosen when % is "%".',
            (SELECT label FROM rules.dropdown_values WHERE list_code = p_list AND code = p_code),
            lower(coalesce((SELECT name FROM rules.dropdown_lists WHERE code = p_parent_list), p_parent_list)),
            coalesce((SELECT label FROM rules.dropdown_values WHERE list_code = p_parent_list AND code = p_parent_code),
                     p_parent_code)
            USING ERRCODE = 'OC001';
    END IF;
END
$$;
GRANT EXECUTE ON FUNCTION rules.check_choice TO ocms_user;

-- One trigger function for every dropdown column: TG_ARGV holds the list, the column, and optionally the
-- parent list and the column holding the parent value. On update only a changed code (or parent) is checked.
CREATE FUNCTION rules.check_choice_column() RETURNS trigger
    LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
    new_values hstore := hstore(NEW);
    old_values hstore := CASE WHEN TG_OP = 'UPDATE' THEN hstore(OLD) ELSE ''::hstore END;
    code_column text := TG_ARGV[1];
    parent_column text := TG_ARGV[3];
BEGIN
    IF TG_OP = 'INSERT' OR (new_values -> code_column) IS DISTINCT FROM (old_values -> code_column)
       OR (parent_column IS NOT NULL AND (new_values -> parent_column) IS DISTINCT FROM (old_values -> parent_column)) THEN
        PERFORM rules.check_choice(TG_ARGV[0], new_values -> code_column, TG_ARGV[2],
                                   CASE WHEN parent_column IS NULL THEN NULL ELSE new_values -> parent_column END);
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER cases_choices BEFORE INSERT OR UPDATE OF case_type, category ON legal.cases
    FOR EACH ROW EXECUTE FUNCTION rules.check_choice_column('case_type', 'case_type', 'case_category', 'category');
CREATE TRIGGER hearings_choices BEFORE INSERT OR UPDATE OF hearing_type ON legal.hearings
    FOR EACH ROW EXECUTE FUNCTION rules.check_choice_column('hearing_type', 'hearing_type');
CREATE TRIGGER applications_choices BEFORE INSERT OR UPDATE OF application_type ON legal.applications
    FOR EACH ROW EXECUTE FUNCTION rules.check_choice_column('application_type', 'application_type');
CREATE TRIGGER notes_choices BEFORE INSERT OR UPDATE OF phase ON legal.notes
    FOR EACH ROW EXECUTE FUNCTION rules.check_choice_column('note_phase', 'phase');

-- Case history written by the server, whatever client made the change. Transfers carry the reason the
-- transfer function put in the transaction's settings.
CREATE FUNCTION legal.record_case_history() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    actor uuid := core.session_user_id();
    source text := audit.current_source();
    reason text := nullif(btrim(current_setting('ocms.transfer_reason', true)), '');
BEGIN
    IF source = 'system:seed' THEN
        RETURN NULL; -- the synthetic-data seeder writes a whole made-up history of its own
    END IF;
    IF TG_OP = 'INSERT' THEN
        INSERT INTO legal.case_events (id, case_id, event_type, level, summary, actor_id, source)
        VALUES (gen_random_uuid(), NEW.id, 'created', 'initial',
                format('Case opened (%s) at %s', NEW.case_type, (SELECT name FROM core.offices WHERE id = NEW.office_id)),
                actor, source);
        RETURN NULL;
    END IF;
    IF NEW.office_id IS DISTINCT FROM OLD.office_id THEN
        INSERT INTO legal.case_transfers (id, case_id, from_office_id, to_office_id, transferred_by, reason)
        VALUES (gen_random_uuid(), NEW.id, OLD.office_id, NEW.office_id, actor, reason);
        INSERT INTO legal.case_events (id, case_id, event_type, summary, actor_id, source)
        VALUES (gen_random_uuid(), NEW.id, 'transferred',
                format('Transferred from %s to %s%s', (SELECT name FROM core.offices WHERE id = OLD.office_id),
                       (SELECT name FROM core.offices WHERE id = NEW.office_id),
                       CASE WHEN reason IS NULL THEN '' ELSE ': ' || reason END),
                actor, source);
    END IF;
    IF NEW.status IS DISTINCT FROM OLD.status THEN
        INSERT INTO legal.case_events (id, case_id, event_type, summary, actor_id, source)
        VALUES (gen_random_uuid(), NEW.id, 'status_changed',
                format('Status changed from %s to %s', replace(OLD.status, '_', ' '), replace(NEW.status, '_', ' ')),
                actor, source);
    END IF;
    IF NEW.initial_disposition IS DISTINCT FROM OLD.initial_disposition AND NEW.initial_disposition IS NOT NULL THEN
        INSERT INTO legal.case_events (id, case_id, event_type, level, summary, actor_id, source)
        VALUES (gen_random_uuid(), NEW.id, 'disposition', 'initial',
                format('Initial disposition: %s%s', NEW.initial_disposition,
                       CASE WHEN NEW.initial_disposition_on IS NULL THEN '' ELSE ' (' || NEW.initial_disposition_on || ')' END),
                actor, source);
    END IF;
    IF NEW.appeal_disposition IS DISTINCT FROM OLD.appeal_disposition AND NEW.appeal_disposition IS NOT NULL THEN
        INSERT INTO legal.case_events (id, case_id, event_type, level, summary, actor_id, source)
        VALUES (gen_random_uuid(), NEW.id, 'disposition', 'appeal',
                format('Appeal disposition: %s%s', NEW.appeal_disposition,
                       CASE WHEN NEW.appeal_disposition_on IS NULL THEN '' ELSE ' (' || NEW.appeal_disposition_on || ')' END),
                actor, source);
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER cases_history_insert AFTER INSERT ON legal.cases
    FOR EACH ROW EXECUTE FUNCTION legal.record_case_history();
CREATE TRIGGER cases_history_update AFTER UPDATE ON legal.cases
    FOR EACH ROW WHEN (OLD.office_id IS DISTINCT FROM NEW.office_id OR OLD.status IS DISTINCT FROM NEW.status
                       OR OLD.initial_disposition IS DISTINCT FROM NEW.initial_disposition
                       OR OLD.appeal_disposition IS DISTINCT FROM NEW.appeal_disposition)
    EXECUTE FUNCTION legal.record_case_history();

-- A case's last change, for a conflict message: when, by whom, and the row version now on the server.
CREATE FUNCTION legal.case_version(p_case uuid)
    RETURNS TABLE (row_version bigint, updated_at timestamptz, updated_by_name text)
    LANGUAGE sql STABLE
    BEGIN ATOMIC
        SELECT c.row_version, c.updated_at, u.full_name
        FROM legal.cases c LEFT JOIN core.users u ON u.id = c.updated_by
        WHERE c.id = p_case;
    END;
GRANT EXECUTE ON FUNCTION legal.case_version TO ocms_legal, ocms_readonly_external;

-- Transfers a case to another office, refusing a stale row version. The history trigger records it.
CREATE FUNCTION legal.transfer_case(p_case uuid, p_to_office uuid, p_reason text, p_row_version bigint)
    RETURNS bigint
    LANGUAGE plpgsql AS $$
DECLARE
    current_office uuid;
    new_version bigint;
    changed record;
BEGIN
    IF coalesce(btrim(p_reason), '') = '' THEN
        RAISE EXCEPTION 'Give the reason for the transfer.' USING ERRCODE = 'OC001';
    END IF;
    IF NOT EXISTS (SELECT 1 FROM core.offices WHERE id = p_to_office AND active) THEN
        RAISE EXCEPTION 'Choose an active office to transfer the case to.' USING ERRCODE = 'OC001';
    END IF;
    SELECT office_id INTO current_office FROM legal.cases WHERE id = p_case;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'The case does not exist or you may not see it.' USING ERRCODE = 'OC403';
    END IF;
    IF current_office = p_to_office THEN
        RAISE EXCEPTION 'The case is already at that office.' USING ERRCODE = 'OC001';
    END IF;
    PERFORM set_config('ocms.transfer_reason', btrim(p_reason), true);
    UPDATE legal.cases SET office_id = p_to_office, last_action_at = now()
    WHERE id = p_case AND row_version = p_row_version
    RETURNING row_version INTO new_version;
    PERFORM set_config('ocms.transfer_reason', '', true);
    IF new_version IS NULL THEN
        SELECT * INTO changed FROM legal.case_version(p_case);
        IF changed.row_version IS NULL THEN
            RAISE EXCEPTION 'You may not change this case.' USING ERRCODE = 'OC403';
        END IF;
        RAISE EXCEPTION '% saved changes to this case at % after you opened it. Reload the case, then transfer it.',
            coalesce(changed.updated_by_name, 'Someone else'), to_char(changed.updated_at, 'YYYY-MM-DD HH24:MI')
            USING ERRCODE = 'OC409';
    END IF;
    RETURN new_version;
END
$$;
GRANT EXECUTE ON FUNCTION legal.transfer_case TO ocms_legal;

-- Links an immigration tracking project to the case opened for it once the A-Number exists: the project
-- keeps its tasks, time and documents, its people join the case, and both histories say so.
CREATE FUNCTION legal.link_project_to_case(p_project uuid, p_case uuid) RETURNS void
    LANGUAGE plpgsql AS $$
DECLARE
    project record;
    case_number text;
BEGIN
    SELECT id, project_number, linked_case_id, immigration_matter INTO project FROM legal.projects WHERE id = p_project;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'The project does not exist or you may not see it.' USING ERRCODE = 'OC403';
    END IF;
    SELECT c.case_number INTO case_number FROM legal.cases c WHERE c.id = p_case AND c.category = 'immigration';
    IF NOT FOUND THEN
        RAISE EXCEPTION 'Only an immigration case you may see can take over a tracking project.' USING ERRCODE = 'OC001';
    END IF;
    IF project.linked_case_id IS NOT NULL THEN
        IF project.linked_case_id = p_case THEN
            RETURN;
        END IF;
        RAISE EXCEPTION 'Project % is already linked to another case.', project.project_number USING ERRCODE = 'OC001';
    END IF;
    UPDATE legal.projects SET linked_case_id = p_case WHERE id = p_project;
    INSERT INTO legal.case_people (case_id, person_id, role)
    SELECT p_case, pp.person_id,
           CASE WHEN pp.role IN ('respondent', 'government_attorney', 'defense_attorney', 'judge', 'witness',
                                 'family_member', 'sponsor', 'employer', 'legal_representative')
                THEN pp.role ELSE 'other' END
    FROM legal.project_people pp WHERE pp.project_id = p_project
    ON CONFLICT DO NOTHING;
    INSERT INTO legal.project_history (id, project_id, actor_id, action, detail)
    VALUES (gen_random_uuid(), p_project, core.session_user_id(), 'linked_to_case', 'Linked to case ' || case_number);
    INSERT INTO legal.case_events (id, case_id, event_type, occurred_at, summary, actor_id)
    VALUES (gen_random_uuid(), p_case, 'project_linked', clock_timestamp(),
            'Tracking project ' || project.project_number || ' linked to this case', core.session_user_id());
END
$$;
GRANT EXECUTE ON FUNCTION legal.link_project_to_case TO ocms_legal;

-- Who has been granted a non-immigration case: its creator and the people it shares the division with
-- see the list; the grant table itself stays closed.
CREATE FUNCTION legal.case_grantees(p_case uuid)
    RETURNS TABLE (login text, full_name text, granted_at timestamptz, granted_by_name text)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
    BEGIN ATOMIC
        SELECT u.login, u.full_name, g.granted_at, gb.full_name
        FROM legal.case_grants g
        JOIN core.users u ON u.id = g.user_id
        LEFT JOIN core.users gb ON gb.id = g.granted_by
        JOIN legal.cases c ON c.id = g.case_id
        WHERE g.case_id = p_case
          AND (c.created_by = core.session_user_id() OR c.division_id = ANY (core.session_division_ids()))
        ORDER BY u.full_name;
    END;
GRANT EXECUTE ON FUNCTION legal.case_grantees TO ocms_legal;
