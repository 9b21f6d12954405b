-- Projects, tasks and time: the project management component. The server keeps every project's history
-- (whatever client made the change), checks dropdown values and task dependencies, refuses work given to
-- someone who could not see the project, and keeps each person's time their own.

-- Who saved a project last, for a conflict message; the same stamp as cases.
ALTER TABLE legal.projects ADD COLUMN updated_by uuid REFERENCES core.users (id);
CREATE TRIGGER projects_stamp_updater BEFORE INSERT OR UPDATE ON legal.projects
    FOR EACH ROW EXECUTE FUNCTION legal.stamp_case_updater();
CREATE TRIGGER projects_choices BEFORE INSERT OR UPDATE OF project_type ON legal.projects
    FOR EACH ROW EXECUTE FUNCTION rules.check_choice_column('project_type', 'project_type');

-- A closed project carries the date it closed; reopening clears it.
CREATE FUNCTION legal.stamp_project_closing() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.status = 'closed' AND NEW.closed_on IS NULL THEN
        NEW.closed_on := greatest(current_date, NEW.opened_on);
    ELSIF NEW.status <> 'closed' AND TG_OP = 'UPDATE' AND OLD.status = 'closed' THEN
        NEW.closed_on := NULL;
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER projects_stamp_closing BEFORE INSERT OR UPDATE OF status ON legal.projects
    FOR EACH ROW EXECUTE FUNCTION legal.stamp_project_closing();

-- Whether a given user (not the signed-in one) could see a project: a member of its division, its creator,
-- or granted. Used before giving them work on it. (Staff records are division members of legal divisions;
-- whether they hold a login yet does not matter for being given work.)
CREATE FUNCTION legal.user_may_see_project(p_project uuid, p_user uuid) RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
    RETURN EXISTS (SELECT 1 FROM legal.projects p
                   WHERE p.id = p_project
                     AND (p.created_by = p_user
                          OR EXISTS (SELECT 1 FROM core.user_divisions d WHERE d.user_id = p_user AND d.division_id = p.division_id)
                          OR EXISTS (SELECT 1 FROM legal.project_grants g WHERE g.project_id = p.id AND g.user_id = p_user)));

-- Answers for any project, seen or not: only for the server's own checks, never for users to call.
REVOKE ALL ON FUNCTION legal.user_may_see_project FROM PUBLIC;

CREATE FUNCTION legal.check_project_worker() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    worker uuid;
BEGIN
    IF TG_TABLE_NAME = 'tasks' THEN
        worker := NEW.assignee_id;
    ELSE
        worker := NEW.user_id;
    END IF;
    IF worker IS NOT NULL AND NOT legal.user_may_see_project(NEW.project_id, worker) THEN
        RAISE EXCEPTION '% cannot see this project: they are not in its division and were not granted access. Grant access first.',
            (SELECT full_name FROM core.users WHERE id = worker) USING ERRCODE = 'OC001';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER project_assignments_worker BEFORE INSERT OR UPDATE ON legal.project_assignments
    FOR EACH ROW EXECUTE FUNCTION legal.check_project_worker();
CREATE TRIGGER tasks_worker BEFORE INSERT OR UPDATE OF assignee_id, project_id ON legal.tasks
    FOR EACH ROW EXECUTE FUNCTION legal.check_project_worker();

-- Tasks: a dependency is another task of the same project, never a loop; a task is done only after what it
-- waits for is done (or cancelled); completion time kept by the server.
CREATE FUNCTION legal.check_task() RETURNS trigger
    LANGUAGE plpgsql AS $$
DECLARE
    blocker record;
    cursor_id uuid;
    steps int := 0;
BEGIN
    IF NEW.depends_on_id IS NOT NULL THEN
        SELECT id, project_id, title, status INTO blocker FROM legal.tasks WHERE id = NEW.depends_on_id;
        IF blocker.id IS NULL OR blocker.project_id <> NEW.project_id THEN
            RAISE EXCEPTION 'A task can only wait for another task of the same project.' USING ERRCODE = 'OC001';
        END IF;
        cursor_id := blocker.id;
        WHILE cursor_id IS NOT NULL AND steps < 1000 LOOP
            IF cursor_id = NEW.id THEN
                RAISE EXCEPTION 'Task "%" already waits, directly or not, for this one: that would be a loop.', blocker.title
                    USING ERRCODE = 'OC001';
            END IF;
            SELECT depends_on_id INTO cursor_id FROM legal.tasks WHERE id = cursor_id;
            steps := steps + 1;
        END LOOP;
        IF NEW.status = 'done' AND blocker.status NOT IN ('done', 'cancelled')
           AND (TG_OP = 'INSERT' OR OLD.status IS DISTINCT FROM 'done') THEN
            RAISE EXCEPTION 'Task "%" must be done first: this task waits for it.', blocker.title USING ERRCODE = 'OC001';
        END IF;
    END IF;
    IF NEW.status = 'done' AND (TG_OP = 'INSERT' OR OLD.status IS DISTINCT FROM 'done') THEN
        NEW.completed_at := now();
    ELSIF NEW.status <> 'done' THEN
        NEW.completed_at := NULL;
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER tasks_check BEFORE INSERT OR UPDATE ON legal.tasks FOR EACH ROW EXECUTE FUNCTION legal.check_task();
CREATE INDEX tasks_depends_on_idx ON legal.tasks (depends_on_id) WHERE depends_on_id IS NOT NULL;
CREATE INDEX tasks_open_by_assignee_idx ON legal.tasks (assignee_id, due_on)
    WHERE status IN ('open', 'in_progress') AND deleted_at IS NULL;

-- Time entries belong to whoever logs them (connectors may load others'), only their author corrects or
-- withdraws one, and nobody logs more than 24 hours on one day.
CREATE FUNCTION legal.check_time_entry() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    logged numeric;
BEGIN
    IF TG_OP = 'INSERT' THEN
        IF NOT core.session_has_role('ocms_import') OR NEW.user_id IS NULL THEN
            NEW.user_id := core.session_user_id();
        END IF;
    ELSE
        IF OLD.user_id IS DISTINCT FROM core.session_user_id() AND NOT core.session_has_role('ocms_import') THEN
            RAISE EXCEPTION 'Only the person who logged the time can correct it.' USING ERRCODE = 'OC403';
        END IF;
        IF NEW.user_id IS DISTINCT FROM OLD.user_id THEN
            RAISE EXCEPTION 'Time stays with the person who logged it.' USING ERRCODE = 'OC001';
        END IF;
    END IF;
    -- (A single entry out of range is the CHECK constraint's to refuse, with its own message.)
    IF NEW.deleted_at IS NULL AND NEW.hours > 0 AND NEW.hours <= 24 THEN
        SELECT coalesce(sum(hours), 0) INTO logged FROM legal.time_entries
        WHERE user_id = NEW.user_id AND work_date = NEW.work_date AND deleted_at IS NULL AND id <> NEW.id;
        IF logged + NEW.hours > 24 THEN
            RAISE EXCEPTION 'That would make % hours on %: a day has 24.', logged + NEW.hours, NEW.work_date
                USING ERRCODE = 'OC001';
        END IF;
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER time_entries_check BEFORE INSERT OR UPDATE ON legal.time_entries
    FOR EACH ROW EXECUTE FUNCTION legal.check_time_entry();
ALTER TABLE legal.time_entries ADD CONSTRAINT time_entries_quarter_hours CHECK (hours * 4 = trunc(hours * 4)) NOT VALID;

-- Project history: written by the server for every change to the project and what hangs off it. The
-- table is append-only for users: only these triggers write it.
REVOKE INSERT, UPDATE, DELETE ON legal.project_history FROM ocms_legal;

CREATE FUNCTION legal.add_project_history(p_project uuid, p_action text, p_detail text) RETURNS void
    LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
    BEGIN ATOMIC
        INSERT INTO legal.project_history (id, project_id, actor_id, action, detail)
        VALUES (gen_random_uuid(), p_project, core.session_user_id(), p_action, p_detail);
    END;
REVOKE ALL ON FUNCTION legal.add_project_history FROM PUBLIC;

CREATE FUNCTION legal.user_name(p_user uuid) RETURNS text
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
    RETURN coalesce((SELECT full_name FROM core.users WHERE id = p_user), '(nobody)');

CREATE FUNCTION legal.record_project_history() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
    changes text[] := '{}';
    col text;
    old_values hstore;
    new_values hstore;
    labels constant hstore := hstore(ARRAY['title', 'Title', 'project_type', 'Type', 'description', 'Description',
                                           'client_office', 'Client office', 'status', 'Status', 'opened_on', 'Opened',
                                           'closed_on', 'Closed', 'office_id', 'Office', 'division_id', 'Division',
                                           'immigration_matter', 'Immigration matter', 'retention_category', 'Retention']);
BEGIN
    IF audit.current_source() = 'system:seed' THEN
        RETURN NULL;
    END IF;
    IF TG_OP = 'INSERT' THEN
        PERFORM legal.add_project_history(NEW.id, 'created',
            CASE WHEN NEW.immigration_matter THEN 'Immigration matter tracked until an A-Number is assigned: ' || NEW.title
                 ELSE format('Project opened: %s (%s)', NEW.title, NEW.project_type) END);
        RETURN NULL;
    END IF;
    IF NEW.deleted_at IS NOT NULL AND OLD.deleted_at IS NULL THEN
        PERFORM legal.add_project_history(NEW.id, 'deleted', 'Project withdrawn');
    END IF;
    IF NEW.linked_case_id IS DISTINCT FROM OLD.linked_case_id THEN
        PERFORM legal.add_project_history(NEW.id, 'linked_to_case',
            'Linked to case ' || coalesce((SELECT case_number FROM legal.cases WHERE id = NEW.linked_case_id), '(none)'));
    END IF;
    old_values := hstore(OLD);
    new_values := hstore(NEW);
    FOREACH col IN ARRAY akeys(labels) LOOP
        IF (old_values -> col) IS DISTINCT FROM (new_values -> col) THEN
            changes := changes || format('%s: %s → %s', labels -> col,
                CASE col WHEN 'office_id' THEN (SELECT name FROM core.offices WHERE id = OLD.office_id)
                         WHEN 'division_id' THEN (SELECT name FROM core.divisions WHERE id = OLD.division_id)
                         ELSE coalesce(old_values -> col, '—') END,
                CASE col WHEN 'office_id' THEN (SELECT name FROM core.offices WHERE id = NEW.office_id)
                         WHEN 'division_id' THEN (SELECT name FROM core.divisions WHERE id = NEW.division_id)
                         ELSE coalesce(new_values -> col, '—') END);
        END IF;
    END LOOP;
    IF cardinality(changes) > 0 THEN
        PERFORM legal.add_project_history(NEW.id, CASE WHEN NEW.status IS DISTINCT FROM OLD.status THEN 'status_changed'
                                                       ELSE 'changed' END,
                                          array_to_string(changes, '; '));
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER projects_history AFTER INSERT OR UPDATE ON legal.projects
    FOR EACH ROW EXECUTE FUNCTION legal.record_project_history();

-- What happens around a project: tasks, staff, people, events, time, grants.
CREATE FUNCTION legal.record_project_child_history() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    project uuid := CASE WHEN TG_OP = 'DELETE' THEN OLD.project_id ELSE NEW.project_id END;
    detail text;
    action text;
BEGIN
    IF project IS NULL OR audit.current_source() = 'system:seed' THEN
        RETURN NULL;
    END IF;
    CASE TG_TABLE_NAME
    WHEN 'tasks' THEN
        IF TG_OP = 'INSERT' THEN
            action := 'task_added';
            detail := format('Task "%s" for %s%s', NEW.title, legal.user_name(NEW.assignee_id),
                             CASE WHEN NEW.due_on IS NULL THEN '' ELSE ', due ' || NEW.due_on END);
        ELSE
            action := 'task_changed';
            detail := concat_ws('; ',
                CASE WHEN NEW.status IS DISTINCT FROM OLD.status THEN format('status %s → %s', OLD.status, NEW.status) END,
                CASE WHEN NEW.assignee_id IS DISTINCT FROM OLD.assignee_id
                     THEN format('assigned to %s (was %s)', legal.user_name(NEW.assignee_id), legal.user_name(OLD.assignee_id)) END,
                CASE WHEN NEW.due_on IS DISTINCT FROM OLD.due_on THEN format('due %s (was %s)', coalesce(NEW.due_on::text, '—'), coalesce(OLD.due_on::text, '—')) END,
                CASE WHEN NEW.title IS DISTINCT FROM OLD.title THEN format('renamed from "%s"', OLD.title) END,
                CASE WHEN NEW.depends_on_id IS DISTINCT FROM OLD.depends_on_id THEN 'dependency changed' END,
                CASE WHEN NEW.deleted_at IS NOT NULL AND OLD.deleted_at IS NULL THEN 'withdrawn' END);
            IF detail = '' THEN
                RETURN NULL;
            END IF;
            detail := format('Task "%s": %s', NEW.title, detail);
        END IF;
    WHEN 'project_assignments' THEN
        action := CASE TG_OP WHEN 'INSERT' THEN 'assigned' ELSE 'unassigned' END;
        detail := format('%s %s as %s', legal.user_name(CASE WHEN TG_OP = 'DELETE' THEN OLD.user_id ELSE NEW.user_id END),
                         CASE TG_OP WHEN 'INSERT' THEN 'assigned' ELSE 'taken off the project' END,
                         CASE WHEN TG_OP = 'DELETE' THEN OLD.role ELSE NEW.role END);
    WHEN 'project_people' THEN
        action := CASE TG_OP WHEN 'INSERT' THEN 'person_added' ELSE 'person_removed' END;
        detail := format('%s %s (%s)',
                         (SELECT concat_ws(', ', family_name, given_name) FROM core.people WHERE id = CASE WHEN TG_OP = 'DELETE' THEN OLD.person_id ELSE NEW.person_id END),
                         CASE TG_OP WHEN 'INSERT' THEN 'involved' ELSE 'no longer involved' END,
                         CASE WHEN TG_OP = 'DELETE' THEN OLD.role ELSE NEW.role END);
    WHEN 'project_events' THEN
        action := CASE TG_OP WHEN 'INSERT' THEN 'event_added' WHEN 'UPDATE' THEN 'event_changed' ELSE 'event_removed' END;
        detail := format('Event "%s" on %s', CASE WHEN TG_OP = 'DELETE' THEN OLD.title ELSE NEW.title END,
                         to_char(CASE WHEN TG_OP = 'DELETE' THEN OLD.occurs_at ELSE NEW.occurs_at END AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI "UTC"'));
    WHEN 'time_entries' THEN
        IF TG_OP = 'INSERT' THEN
            action := 'time_logged';
            detail := format('%s h on %s by %s', NEW.hours, NEW.work_date, legal.user_name(NEW.user_id));
        ELSIF NEW.deleted_at IS NOT NULL AND OLD.deleted_at IS NULL THEN
            action := 'time_withdrawn';
            detail := format('%s h on %s by %s withdrawn', OLD.hours, OLD.work_date, legal.user_name(OLD.user_id));
        ELSE
            action := 'time_corrected';
            detail := format('%s h on %s → %s h on %s by %s', OLD.hours, OLD.work_date, NEW.hours, NEW.work_date,
                             legal.user_name(NEW.user_id));
        END IF;
    WHEN 'project_grants' THEN
        action := CASE TG_OP WHEN 'INSERT' THEN 'access_granted' ELSE 'access_withdrawn' END;
        detail := format('Access %s %s', CASE TG_OP WHEN 'INSERT' THEN 'granted to' ELSE 'withdrawn from' END,
                         legal.user_name(CASE WHEN TG_OP = 'DELETE' THEN OLD.user_id ELSE NEW.user_id END));
    END CASE;
    PERFORM legal.add_project_history(project, action, detail);
    RETURN NULL;
END
$$;
CREATE TRIGGER tasks_history AFTER INSERT OR UPDATE ON legal.tasks
    FOR EACH ROW EXECUTE FUNCTION legal.record_project_child_history();
CREATE TRIGGER project_assignments_history AFTER INSERT OR DELETE ON legal.project_assignments
    FOR EACH ROW EXECUTE FUNCTION legal.record_project_child_history();
CREATE TRIGGER project_people_history AFTER INSERT OR DELETE ON legal.project_people
    FOR EACH ROW EXECUTE FUNCTION legal.record_project_child_history();
CREATE TRIGGER project_events_history AFTER INSERT OR UPDATE OR DELETE ON legal.project_events
    FOR EACH ROW EXECUTE FUNCTION legal.record_project_child_history();
CREATE TRIGGER time_entries_history AFTER INSERT OR UPDATE ON legal.time_entries
    FOR EACH ROW WHEN (NEW.project_id IS NOT NULL) EXECUTE FUNCTION legal.record_project_child_history();
CREATE TRIGGER project_grants_history AFTER INSERT OR DELETE ON legal.project_grants
    FOR EACH ROW EXECUTE FUNCTION legal.record_project_child_history();
GRANT DELETE ON legal.project_events TO ocms_legal;

-- Linking a tracking project to its case: the projects trigger now writes the project's side of the history.
CREATE OR REPLACE FUNCTION legal.link_project_to_case(p_project uuid, p_case uuid) RETURNS void
    LANGUAGE plpgsql AS $$
DECLARE
    project record;
    case_number text;
BEGIN
    SELECT id, project_number, linked_case_id, immigration_matter INTO project FROM legal.projects WHERE id = p_project;
    IF project.id IS NULL THEN
        RAISE EXCEPTION 'The project does not exist or you may not see it.' USING ERRCODE = 'OC403';
    END IF;
    SELECT c.case_number INTO case_number FROM legal.cases c WHERE c.id = p_case AND c.category = 'immigration';
    IF case_number IS NULL THEN
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
    SELECT p_case, pp.person_id, pp.role
    FROM legal.project_people pp WHERE pp.project_id = p_project
    ON CONFLICT DO NOTHING;
    INSERT INTO legal.case_events (id, case_id, event_type, occurred_at, summary, actor_id)
    VALUES (gen_random_uuid(), p_case, 'project_linked', clock_timestamp(),
            'Tracking project ' || project.project_number || ' linked to this case', core.session_user_id());
END
$$;

-- A project's last change, for a conflict message.
CREATE FUNCTION legal.project_version(p_project uuid)
    RETURNS TABLE (row_version bigint, updated_at timestamptz, updated_by_name text)
    LANGUAGE sql STABLE
    BEGIN ATOMIC
        SELECT p.row_version, p.updated_at, u.full_name
        FROM legal.projects p LEFT JOIN core.users u ON u.id = p.updated_by
        WHERE p.id = p_project;
    END;
GRANT EXECUTE ON FUNCTION legal.project_version TO ocms_legal;

-- Grants on a project: withdrawn by its creator; the list is shown to the creator and the division.
CREATE FUNCTION legal.revoke_project_access(p_project uuid, p_login text) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    IF (SELECT created_by FROM legal.projects WHERE id = p_project) IS DISTINCT FROM core.session_user_id() THEN
        RAISE EXCEPTION 'Only the creator of a project can withdraw access to it.' USING ERRCODE = 'OC403';
    END IF;
    DELETE FROM legal.project_grants WHERE project_id = p_project AND user_id = (SELECT id FROM core.users WHERE login = p_login);
END
$$;
CREATE FUNCTION legal.project_grantees(p_project uuid)
    RETURNS TABLE (login text, full_name text, granted_at timestamptz, granted_by_name text)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
    BEGIN ATOMIC
        SELECT u.login, u.full_name, g.granted_at, gb.full_name
        FROM legal.project_grants g
        JOIN core.users u ON u.id = g.user_id
        LEFT JOIN core.users gb ON gb.id = g.granted_by
        JOIN legal.projects p ON p.id = g.project_id
        WHERE g.project_id = p_project
          AND (p.created_by = core.session_user_id() OR p.division_id = ANY (core.session_division_ids()))
        ORDER BY u.full_name;
    END;
REVOKE ALL ON FUNCTION legal.revoke_project_access, legal.project_grantees FROM PUBLIC;
GRANT EXECUTE ON FUNCTION legal.revoke_project_access, legal.project_grantees TO ocms_legal;

-- The legal staff a project's work may be given to, for the assignee pickers: members of its division,
-- its creator and grantees (who could see it).
CREATE FUNCTION legal.project_staff_choices(p_project uuid)
    RETURNS TABLE (user_id uuid, full_name text, title text)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
    BEGIN ATOMIC
        SELECT u.id, u.full_name, u.title
        FROM core.users u
        WHERE u.active AND EXISTS (SELECT 1 FROM legal.projects p WHERE p.id = p_project
                                   AND (p.created_by = core.session_user_id() OR p.division_id = ANY (core.session_division_ids())
                                        OR EXISTS (SELECT 1 FROM legal.project_grants g WHERE g.project_id = p.id
                                                   AND g.user_id = core.session_user_id())))
          AND legal.user_may_see_project(p_project, u.id)
        ORDER BY u.full_name;
    END;
REVOKE ALL ON FUNCTION legal.project_staff_choices FROM PUBLIC;
GRANT EXECUTE ON FUNCTION legal.project_staff_choices TO ocms_legal;

-- Cases a project relates to (an ethics review of an employment case, a congressional inquiry about a
-- removal case…): a link is visible only to someone who may see both sides.
CREATE TABLE legal.project_cases (
    project_id  uuid NOT NULL REFERENCES legal.projects (id),
    case_id     uuid NOT NULL REFERENCES legal.cases (id),
    linked_by   uuid REFERENCES core.users (id) DEFAULT core.session_user_id(),
    linked_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (project_id, case_id)
);
CREATE INDEX ON legal.project_cases (case_id);
ALTER TABLE legal.project_cases ENABLE ROW LEVEL SECURITY;
ALTER TABLE legal.project_cases FORCE ROW LEVEL SECURITY;
CREATE POLICY follows_both ON legal.project_cases USING (
    EXISTS (SELECT 1 FROM legal.projects p WHERE p.id = project_id) AND EXISTS (SELECT 1 FROM legal.cases c WHERE c.id = case_id));
GRANT SELECT, INSERT, DELETE ON legal.project_cases TO ocms_legal;

CREATE FUNCTION legal.record_project_case_history() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    link legal.project_cases := CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
BEGIN
    PERFORM legal.add_project_history(link.project_id, CASE TG_OP WHEN 'INSERT' THEN 'case_linked' ELSE 'case_unlinked' END,
        format('Case %s %s', (SELECT case_number FROM legal.cases WHERE id = link.case_id),
               CASE TG_OP WHEN 'INSERT' THEN 'linked' ELSE 'no longer linked' END));
    RETURN NULL;
END
$$;
CREATE TRIGGER project_cases_history AFTER INSERT OR DELETE ON legal.project_cases
    FOR EACH ROW EXECUTE FUNCTION legal.record_project_case_history();
CREATE TRIGGER audit_insert AFTER INSERT ON legal.project_cases REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION audit.record_changes('project_id');
CREATE TRIGGER audit_delete AFTER DELETE ON legal.project_cases REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION audit.record_changes('project_id');
