-- Workload: per person, the open cases and projects they work on, the hearings on their cases by day and
-- the hours they logged by day, kept as running tallies by triggers, so the workload view reads a few
-- thousand tally rows instead of counting through a million cases.
--
-- Access: every tally is split by who may see the records behind it ("vis"): immigration work (all legal
-- staff) or the division that owns the record. The view adds only the parts the viewer may see, and counts
-- live the few records outside their divisions that they see as creator or grantee. Users never read the
-- tallies directly.

CREATE FUNCTION legal.immigration_vis() RETURNS uuid
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN '00000000-0000-0000-0000-000000000000'::uuid;

CREATE FUNCTION legal.case_vis(p_category text, p_division uuid) RETURNS uuid
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN CASE WHEN p_category = 'immigration' THEN legal.immigration_vis() ELSE p_division END;

-- The day a hearing counts on: fixed to UTC so every session's triggers agree, whatever its time zone.
CREATE FUNCTION legal.hearing_day(p_at timestamptz) RETURNS date
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN (p_at AT TIME ZONE 'UTC')::date;

CREATE TABLE legal.workload_open (
    user_id     uuid NOT NULL,
    kind        text NOT NULL CHECK (kind IN ('case', 'project')),
    vis         uuid NOT NULL,
    open_count  integer NOT NULL DEFAULT 0,
    PRIMARY KEY (user_id, kind, vis)
);
CREATE TABLE legal.workload_days (
    kind        text NOT NULL CHECK (kind IN ('hearing', 'hours')),
    day         date NOT NULL,
    user_id     uuid NOT NULL,
    vis         uuid NOT NULL,
    amount      numeric NOT NULL DEFAULT 0,
    PRIMARY KEY (kind, day, user_id, vis)
);
-- The workload view reads a person's days in a window: by person first, the values in the index itself.
CREATE INDEX workload_days_by_user_idx ON legal.workload_days (user_id, kind, day) INCLUDE (vis, amount);
-- Aggregates only, read through the functions below; row security with no policy closes them to users.
REVOKE ALL ON legal.workload_open, legal.workload_days FROM PUBLIC, ocms_legal, ocms_readonly_external, ocms_import, ocms_field;
ALTER TABLE legal.workload_open ENABLE ROW LEVEL SECURITY;
ALTER TABLE legal.workload_days ENABLE ROW LEVEL SECURITY;

CREATE INDEX cases_created_by_other_idx ON legal.cases (created_by) WHERE category = 'non_immigration';
CREATE INDEX projects_created_by_idx ON legal.projects (created_by);
CREATE INDEX time_entries_work_date_idx ON legal.time_entries (work_date);

CREATE FUNCTION legal.tally_open(p_user uuid, p_kind text, p_vis uuid, p_delta integer) RETURNS void
    LANGUAGE sql
    BEGIN ATOMIC
        INSERT INTO legal.workload_open AS w (user_id, kind, vis, open_count) VALUES (p_user, p_kind, p_vis, p_delta)
        ON CONFLICT (user_id, kind, vis) DO UPDATE SET open_count = w.open_count + excluded.open_count;
    END;

CREATE FUNCTION legal.tally_day(p_kind text, p_day date, p_user uuid, p_vis uuid, p_amount numeric) RETURNS void
    LANGUAGE sql
    BEGIN ATOMIC
        INSERT INTO legal.workload_days AS w (kind, day, user_id, vis, amount) VALUES (p_kind, p_day, p_user, p_vis, p_amount)
        ON CONFLICT (kind, day, user_id, vis) DO UPDATE SET amount = w.amount + excluded.amount;
    END;

-- The tally helpers are the triggers' own (users hold no rights on the tallies anyway).
REVOKE ALL ON FUNCTION legal.tally_open, legal.tally_day FROM PUBLIC;

-- One person's share of one case, added (+1) or taken away (-1): the case if open, its hearings by day.
CREATE FUNCTION legal.tally_case_share(p_case uuid, p_user uuid, p_sign integer, p_vis uuid, p_open boolean,
                                       p_hearings boolean) RETURNS void
    LANGUAGE plpgsql AS $$
BEGIN
    IF p_open THEN
        PERFORM legal.tally_open(p_user, 'case', p_vis, p_sign);
    END IF;
    IF p_hearings THEN
        INSERT INTO legal.workload_days AS w (kind, day, user_id, vis, amount)
        SELECT 'hearing', legal.hearing_day(h.scheduled_at), p_user, p_vis, p_sign * count(*)
        FROM legal.hearings h WHERE h.case_id = p_case AND h.deleted_at IS NULL
        GROUP BY 2
        ON CONFLICT (kind, day, user_id, vis) DO UPDATE SET amount = w.amount + excluded.amount;
    END IF;
END
$$;

-- Staff put on or taken off a case (a person holding two roles on it counts once).
CREATE FUNCTION legal.workload_case_staff() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    staff legal.case_staff;
    sign integer;
    c record;
BEGIN
    IF TG_OP = 'INSERT' THEN
        staff := NEW;
        sign := 1;
    ELSE
        staff := OLD;
        sign := -1;
    END IF;
    IF EXISTS (SELECT 1 FROM legal.case_staff s WHERE s.case_id = staff.case_id AND s.user_id = staff.user_id AND s.role <> staff.role) THEN
        RETURN NULL;
    END IF;
    SELECT category, division_id, status <> 'closed' AND deleted_at IS NULL AS open INTO c FROM legal.cases WHERE id = staff.case_id;
    IF FOUND THEN
        PERFORM legal.tally_case_share(staff.case_id, staff.user_id, sign, legal.case_vis(c.category, c.division_id), c.open, true);
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER case_staff_workload AFTER INSERT OR DELETE ON legal.case_staff
    FOR EACH ROW EXECUTE FUNCTION legal.workload_case_staff();

-- A case opened or closed, or moved to another division or category: its staff's shares move with it, and
-- so do the hours logged on it.
CREATE FUNCTION legal.workload_case_change() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    old_vis uuid := legal.case_vis(OLD.category, OLD.division_id);
    new_vis uuid := legal.case_vis(NEW.category, NEW.division_id);
    was_open boolean := OLD.status <> 'closed' AND OLD.deleted_at IS NULL;
    is_open boolean := NEW.status <> 'closed' AND NEW.deleted_at IS NULL;
    moved boolean := old_vis <> new_vis;
    member uuid;
    entry record;
BEGIN
    IF NOT moved AND was_open = is_open THEN
        RETURN NULL;
    END IF;
    FOR member IN SELECT DISTINCT s.user_id FROM legal.case_staff s WHERE s.case_id = NEW.id LOOP
        PERFORM legal.tally_case_share(NEW.id, member, -1, old_vis, was_open, moved);
        PERFORM legal.tally_case_share(NEW.id, member, 1, new_vis, is_open, moved);
    END LOOP;
    IF moved THEN
        FOR entry IN SELECT t.user_id, t.work_date, t.hours FROM legal.time_entries t WHERE t.case_id = NEW.id AND t.deleted_at IS NULL LOOP
            PERFORM legal.tally_day('hours', entry.work_date, entry.user_id, old_vis, -entry.hours);
            PERFORM legal.tally_day('hours', entry.work_date, entry.user_id, new_vis, entry.hours);
        END LOOP;
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER cases_workload AFTER UPDATE OF status, category, division_id, deleted_at ON legal.cases
    FOR EACH ROW EXECUTE FUNCTION legal.workload_case_change();

-- A hearing set, moved, cancelled or removed: every person on the case gains or loses it on its day.
CREATE FUNCTION legal.tally_hearing(p_case uuid, p_day date, p_sign integer) RETURNS void
    LANGUAGE sql
    BEGIN ATOMIC
        INSERT INTO legal.workload_days AS w (kind, day, user_id, vis, amount)
        SELECT DISTINCT 'hearing', p_day, s.user_id, legal.case_vis(c.category, c.division_id), p_sign
        FROM legal.case_staff s JOIN legal.cases c ON c.id = s.case_id
        WHERE s.case_id = p_case
        ON CONFLICT (kind, day, user_id, vis) DO UPDATE SET amount = w.amount + excluded.amount;
    END;
CREATE FUNCTION legal.workload_hearing() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.deleted_at IS NULL THEN
        PERFORM legal.tally_hearing(OLD.case_id, legal.hearing_day(OLD.scheduled_at), -1);
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.deleted_at IS NULL THEN
        PERFORM legal.tally_hearing(NEW.case_id, legal.hearing_day(NEW.scheduled_at), 1);
    END IF;
    RETURN NULL;
END
$$;
REVOKE ALL ON FUNCTION legal.tally_case_share, legal.tally_hearing FROM PUBLIC;
CREATE TRIGGER hearings_workload AFTER INSERT OR DELETE OR UPDATE OF scheduled_at, deleted_at, case_id ON legal.hearings
    FOR EACH ROW EXECUTE FUNCTION legal.workload_hearing();

-- Project staff (a person holding two roles counts once) and projects opened, closed or moved.
CREATE FUNCTION legal.workload_project_staff() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    assignment legal.project_assignments;
    sign integer;
    p record;
BEGIN
    IF TG_OP = 'INSERT' THEN
        assignment := NEW;
        sign := 1;
    ELSE
        assignment := OLD;
        sign := -1;
    END IF;
    IF EXISTS (SELECT 1 FROM legal.project_assignments a WHERE a.project_id = assignment.project_id
               AND a.user_id = assignment.user_id AND a.role <> assignment.role) THEN
        RETURN NULL;
    END IF;
    SELECT division_id, status <> 'closed' AND deleted_at IS NULL AS open INTO p FROM legal.projects WHERE id = assignment.project_id;
    IF FOUND AND p.open THEN
        PERFORM legal.tally_open(assignment.user_id, 'project', p.division_id, sign);
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER project_assignments_workload AFTER INSERT OR DELETE ON legal.project_assignments
    FOR EACH ROW EXECUTE FUNCTION legal.workload_project_staff();

CREATE FUNCTION legal.workload_project_change() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    was_open boolean := OLD.status <> 'closed' AND OLD.deleted_at IS NULL;
    is_open boolean := NEW.status <> 'closed' AND NEW.deleted_at IS NULL;
    member uuid;
    entry record;
BEGIN
    FOR member IN SELECT DISTINCT a.user_id FROM legal.project_assignments a WHERE a.project_id = NEW.id LOOP
        IF was_open THEN
            PERFORM legal.tally_open(member, 'project', OLD.division_id, -1);
        END IF;
        IF is_open THEN
            PERFORM legal.tally_open(member, 'project', NEW.division_id, 1);
        END IF;
    END LOOP;
    IF NEW.division_id <> OLD.division_id THEN
        FOR entry IN SELECT t.user_id, t.work_date, t.hours FROM legal.time_entries t WHERE t.project_id = NEW.id AND t.deleted_at IS NULL LOOP
            PERFORM legal.tally_day('hours', entry.work_date, entry.user_id, OLD.division_id, -entry.hours);
            PERFORM legal.tally_day('hours', entry.work_date, entry.user_id, NEW.division_id, entry.hours);
        END LOOP;
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER projects_workload AFTER UPDATE OF status, division_id, deleted_at ON legal.projects
    FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.division_id IS DISTINCT FROM NEW.division_id
                       OR OLD.deleted_at IS DISTINCT FROM NEW.deleted_at)
    EXECUTE FUNCTION legal.workload_project_change();

-- Hours logged, corrected or withdrawn.
CREATE FUNCTION legal.time_entry_vis(p_case uuid, p_project uuid) RETURNS uuid
    LANGUAGE sql STABLE
    RETURN CASE WHEN p_case IS NOT NULL THEN (SELECT legal.case_vis(c.category, c.division_id) FROM legal.cases c WHERE c.id = p_case)
                ELSE (SELECT p.division_id FROM legal.projects p WHERE p.id = p_project) END;
CREATE FUNCTION legal.workload_time_entry() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.deleted_at IS NULL THEN
        PERFORM legal.tally_day('hours', OLD.work_date, OLD.user_id, legal.time_entry_vis(OLD.case_id, OLD.project_id), -OLD.hours);
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.deleted_at IS NULL THEN
        PERFORM legal.tally_day('hours', NEW.work_date, NEW.user_id, legal.time_entry_vis(NEW.case_id, NEW.project_id), NEW.hours);
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER time_entries_workload AFTER INSERT OR DELETE OR UPDATE ON legal.time_entries
    FOR EACH ROW EXECUTE FUNCTION legal.workload_time_entry();

-- Recounts every tally from the records: after a bulk load (which runs without triggers) and to check them.
CREATE FUNCTION legal.rebuild_workload() RETURNS void
    LANGUAGE plpgsql SET work_mem = '256MB' AS $$
BEGIN
    TRUNCATE legal.workload_open, legal.workload_days;
    -- A million rows load faster into a bare table, with the indexes built once after (sorted, not row by row).
    DROP INDEX legal.workload_days_by_user_idx;
    ALTER TABLE legal.workload_days DROP CONSTRAINT workload_days_pkey;
    INSERT INTO legal.workload_open (user_id, kind, vis, open_count)
    SELECT s.user_id, 'case', legal.case_vis(c.category, c.division_id), count(*)
    FROM (SELECT DISTINCT case_id, user_id FROM legal.case_staff) s JOIN legal.cases c ON c.id = s.case_id
    WHERE c.status <> 'closed' AND c.deleted_at IS NULL
    GROUP BY 1, 3;
    INSERT INTO legal.workload_open (user_id, kind, vis, open_count)
    SELECT a.user_id, 'project', p.division_id, count(*)
    FROM (SELECT DISTINCT project_id, user_id FROM legal.project_assignments) a JOIN legal.projects p ON p.id = a.project_id
    WHERE p.status <> 'closed' AND p.deleted_at IS NULL
    GROUP BY 1, 3;
    INSERT INTO legal.workload_days (kind, day, user_id, vis, amount)
    SELECT 'hearing', legal.hearing_day(h.scheduled_at), s.user_id, legal.case_vis(c.category, c.division_id), count(*)
    FROM legal.hearings h
    JOIN (SELECT DISTINCT case_id, user_id FROM legal.case_staff) s ON s.case_id = h.case_id
    JOIN legal.cases c ON c.id = h.case_id
    WHERE h.deleted_at IS NULL
    GROUP BY 2, 3, 4;
    INSERT INTO legal.workload_days (kind, day, user_id, vis, amount)
    SELECT 'hours', t.work_date, t.user_id, coalesce(legal.case_vis(c.category, c.division_id), p.division_id), sum(t.hours)
    FROM legal.time_entries t
    LEFT JOIN legal.cases c ON c.id = t.case_id
    LEFT JOIN legal.projects p ON p.id = t.project_id
    WHERE t.deleted_at IS NULL
    GROUP BY 1, 2, 3, 4;
    ALTER TABLE legal.workload_days ADD CONSTRAINT workload_days_pkey PRIMARY KEY (kind, day, user_id, vis);
    CREATE INDEX workload_days_by_user_idx ON legal.workload_days (user_id, kind, day) INCLUDE (vis, amount);
END
$$;
REVOKE ALL ON FUNCTION legal.rebuild_workload FROM PUBLIC;
SELECT legal.rebuild_workload();

-- The workload of the legal staff of one office (or of all, p_office NULL) as the signed-in user may see
-- it: open cases and projects they work on, hearings on their cases from p_today for 30 days, hours they
-- logged in the 30 days up to p_today.
CREATE FUNCTION legal.workload(p_office uuid, p_today date DEFAULT current_date)
    RETURNS TABLE (user_id uuid, full_name text, title text, office_id uuid, office_name text,
                   open_cases bigint, open_projects bigint, hearings_next_30 bigint, hours_last_30 numeric)
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
#variable_conflict use_column
DECLARE
    me uuid := core.session_user_id();
    mine uuid[] := core.session_division_ids();
    visible uuid[];
BEGIN
    IF NOT core.session_has_role('ocms_legal') THEN
        RAISE EXCEPTION 'The workload view is for legal staff.' USING ERRCODE = 'OC403';
    END IF;
    visible := mine || legal.immigration_vis();
    RETURN QUERY
    WITH staff AS (
        SELECT u.id, u.full_name, u.title, u.office_id FROM core.users u
        WHERE u.active AND (p_office IS NULL OR u.office_id = p_office)
          AND EXISTS (SELECT 1 FROM core.user_divisions d WHERE d.user_id = u.id)
    ),
    -- Records outside the viewer's divisions that they see as creator or grantee: few, counted live. Each
    -- way in is its own branch, so each uses its index (an OR would read every non-immigration case).
    extra_cases AS (
        SELECT c.id, c.status <> 'closed' AND c.deleted_at IS NULL AS open FROM legal.cases c
        WHERE c.category = 'non_immigration' AND c.created_by = me AND NOT (c.division_id = ANY (mine))
        UNION
        SELECT c.id, c.status <> 'closed' AND c.deleted_at IS NULL FROM legal.case_grants g JOIN legal.cases c ON c.id = g.case_id
        WHERE g.user_id = me AND c.category = 'non_immigration' AND NOT (c.division_id = ANY (mine))
    ),
    extra_projects AS (
        SELECT p.id, p.status <> 'closed' AND p.deleted_at IS NULL AS open FROM legal.projects p
        WHERE p.created_by = me AND NOT (p.division_id = ANY (mine))
        UNION
        SELECT p.id, p.status <> 'closed' AND p.deleted_at IS NULL FROM legal.project_grants g JOIN legal.projects p ON p.id = g.project_id
        WHERE g.user_id = me AND NOT (p.division_id = ANY (mine))
    ),
    extra AS (
        SELECT s.user_id, count(*) FILTER (WHERE e.open) AS cases, 0::bigint AS projects, 0::bigint AS hearings, 0::numeric AS hours
        FROM (SELECT DISTINCT case_id, user_id FROM legal.case_staff WHERE case_id IN (SELECT id FROM extra_cases)) s
        JOIN extra_cases e ON e.id = s.case_id GROUP BY s.user_id
        UNION ALL
        SELECT a.user_id, 0, count(*) FILTER (WHERE e.open), 0, 0
        FROM (SELECT DISTINCT project_id, user_id FROM legal.project_assignments WHERE project_id IN (SELECT id FROM extra_projects)) a
        JOIN extra_projects e ON e.id = a.project_id GROUP BY a.user_id
        UNION ALL
        SELECT s.user_id, 0, 0, count(*), 0
        FROM legal.hearings h JOIN (SELECT DISTINCT case_id, user_id FROM legal.case_staff WHERE case_id IN (SELECT id FROM extra_cases)) s
             ON s.case_id = h.case_id
        WHERE h.deleted_at IS NULL AND legal.hearing_day(h.scheduled_at) >= p_today AND legal.hearing_day(h.scheduled_at) < p_today + 30
        GROUP BY s.user_id
        UNION ALL
        SELECT t.user_id, 0, 0, 0, sum(t.hours)
        FROM legal.time_entries t
        WHERE t.case_id IN (SELECT id FROM extra_cases)
          AND t.deleted_at IS NULL AND t.work_date > p_today - 30 AND t.work_date <= p_today
        GROUP BY t.user_id
        UNION ALL
        SELECT t.user_id, 0, 0, 0, sum(t.hours)
        FROM legal.time_entries t
        WHERE t.project_id IN (SELECT id FROM extra_projects)
          AND t.deleted_at IS NULL AND t.work_date > p_today - 30 AND t.work_date <= p_today
        GROUP BY t.user_id
    ),
    extras AS (
        SELECT x.user_id, sum(x.cases) AS cases, sum(x.projects) AS projects, sum(x.hearings) AS hearings, sum(x.hours) AS hours
        FROM extra x GROUP BY x.user_id
    )
    -- Each person's tallies by their own index (a handful of rows each), whatever the office.
    SELECT s.id, s.full_name, s.title, s.office_id, o.name,
           (coalesce((SELECT sum(w.open_count) FROM legal.workload_open w
                      WHERE w.user_id = s.id AND w.kind = 'case' AND w.vis = ANY (visible)), 0) + coalesce(x.cases, 0))::bigint,
           (coalesce((SELECT sum(w.open_count) FROM legal.workload_open w
                      WHERE w.user_id = s.id AND w.kind = 'project' AND w.vis = ANY (visible)), 0) + coalesce(x.projects, 0))::bigint,
           (coalesce((SELECT sum(w.amount) FROM legal.workload_days w
                      WHERE w.user_id = s.id AND w.kind = 'hearing' AND w.day >= p_today AND w.day < p_today + 30
                        AND w.vis = ANY (visible)), 0) + coalesce(x.hearings, 0))::bigint,
           coalesce((SELECT sum(w.amount) FROM legal.workload_days w
                     WHERE w.user_id = s.id AND w.kind = 'hours' AND w.day > p_today - 30 AND w.day <= p_today
                       AND w.vis = ANY (visible)), 0) + coalesce(x.hours, 0)
    FROM staff s
    LEFT JOIN core.offices o ON o.id = s.office_id
    LEFT JOIN extras x ON x.user_id = s.id
    ORDER BY s.full_name;
END
$$;
REVOKE ALL ON FUNCTION legal.workload FROM PUBLIC;
GRANT EXECUTE ON FUNCTION legal.workload TO ocms_legal;

-- Per office: the sum of its staff's workloads (a case two of its people work on counts for both).
CREATE FUNCTION legal.workload_by_office(p_today date DEFAULT current_date)
    RETURNS TABLE (office_id uuid, office_name text, staff bigint, open_cases bigint, open_projects bigint,
                   hearings_next_30 bigint, hours_last_30 numeric)
    LANGUAGE sql STABLE
    BEGIN ATOMIC
        SELECT w.office_id, w.office_name, count(*), sum(w.open_cases)::bigint, sum(w.open_projects)::bigint,
               sum(w.hearings_next_30)::bigint, sum(w.hours_last_30)
        FROM legal.workload(NULL, p_today) w
        GROUP BY w.office_id, w.office_name
        ORDER BY w.office_name;
    END;
GRANT EXECUTE ON FUNCTION legal.workload_by_office TO ocms_legal;

-- Synthetic data runs now also load projects and time entries: later runs number their projects on.
ALTER TABLE public.ocms_seed_runs ADD COLUMN projects bigint NOT NULL DEFAULT 0,
                                  ADD COLUMN time_entries bigint NOT NULL DEFAULT 0;
