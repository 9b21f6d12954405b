-- The calendar of hearings and open deadlines for a date range, per attorney, office or court, read as the
-- caller (row security decides which cases count), with double bookings flagged: two hearings of the same
-- staff member that overlap, and a deadline due on a day its staff member is in a hearing.

-- How long a hearing holds its people, by type (the court's docket gives none): an assumption shown to
-- users as such, used only to find overlaps.
CREATE FUNCTION legal.hearing_duration(p_type text) RETURNS interval
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN CASE p_type WHEN 'master_calendar' THEN interval '1 hour' WHEN 'individual' THEN interval '3 hours'
                       WHEN 'bond' THEN interval '1 hour' WHEN 'status' THEN interval '30 minutes'
                       WHEN 'motion' THEN interval '1 hour' WHEN 'trial' THEN interval '6 hours'
                       ELSE interval '1 hour' END;

CREATE INDEX hearings_open_scheduled_idx ON legal.hearings (scheduled_at) WHERE deleted_at IS NULL;
CREATE INDEX deadlines_assigned_due_idx ON legal.deadlines (assigned_to, due_on) WHERE completed_at IS NULL AND deleted_at IS NULL;

-- p_scope: 'mine' (the caller), 'attorney' (p_value: a user id), 'office' (an office id), 'court' (a court name).
CREATE FUNCTION legal.calendar_entries(p_from date, p_to date, p_scope text, p_value text DEFAULT NULL)
    RETURNS TABLE (kind text, entry_id uuid, case_id uuid, case_number text, party text, starts_at timestamptz,
                   ends_at timestamptz, all_day boolean, entry_type text, title text, location text, judge text, computation text,
                   staff text, conflict text)
    LANGUAGE plpgsql STABLE SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
    person uuid;
BEGIN
    IF p_to < p_from OR p_to - p_from > 62 THEN
        RAISE EXCEPTION 'A calendar shows at most two months at a time.' USING ERRCODE = 'OC001';
    END IF;
    IF p_scope NOT IN ('mine', 'attorney', 'office', 'court') THEN
        RAISE EXCEPTION 'Choose whose calendar to show: yours, an attorney''s, an office''s or a court''s.' USING ERRCODE = 'OC001';
    END IF;
    person := CASE p_scope WHEN 'mine' THEN core.session_user_id() WHEN 'attorney' THEN p_value::uuid END;
    RETURN QUERY
    WITH scoped_hearings AS (
        SELECT h.id, h.case_id, h.scheduled_at, h.scheduled_at + legal.hearing_duration(h.hearing_type) AS ends_at,
               h.hearing_type, concat_ws(', ', h.location, nullif('courtroom ' || h.courtroom, 'courtroom ')) AS location,
               h.judge_name
        FROM legal.hearings h JOIN legal.cases c ON c.id = h.case_id
        WHERE h.deleted_at IS NULL AND h.scheduled_at >= p_from AND h.scheduled_at < p_to + 1
          AND CASE p_scope
                  WHEN 'office' THEN c.office_id = p_value::uuid
                  WHEN 'court' THEN c.court_name = p_value
                  ELSE EXISTS (SELECT 1 FROM legal.case_staff s WHERE s.case_id = h.case_id AND s.user_id = person) END),
    scoped_deadlines AS (
        SELECT d.id, d.case_id, d.due_on, d.kind, d.title, d.computation, d.assigned_to
        FROM legal.deadlines d JOIN legal.cases c ON c.id = d.case_id
        WHERE d.deleted_at IS NULL AND d.completed_at IS NULL AND d.due_on BETWEEN p_from AND p_to
          AND CASE p_scope
                  WHEN 'office' THEN c.office_id = p_value::uuid
                  WHEN 'court' THEN c.court_name = p_value
                  ELSE d.assigned_to = person
                       OR EXISTS (SELECT 1 FROM legal.case_staff s WHERE s.case_id = d.case_id AND s.user_id = person) END),
    -- Everyone working the shown cases, and every hearing of theirs in the range (shown or not).
    people AS (
        SELECT DISTINCT s.user_id FROM legal.case_staff s
        WHERE s.case_id IN (SELECT sh.case_id FROM scoped_hearings sh UNION SELECT sd.case_id FROM scoped_deadlines sd)),
    busy AS (
        SELECT h.id, h.case_id, s.user_id, h.scheduled_at,
               h.scheduled_at + legal.hearing_duration(h.hearing_type) AS ends_at
        FROM legal.hearings h JOIN legal.case_staff s ON s.case_id = h.case_id
        WHERE h.deleted_at IS NULL AND h.scheduled_at >= p_from AND h.scheduled_at < p_to + 1
          AND s.user_id IN (SELECT user_id FROM people)),
    hearing_conflicts AS (
        SELECT sh.id, string_agg(DISTINCT format('%s also has a hearing at %s (%s)', u.full_name,
                                                 to_char(b.scheduled_at, 'HH24:MI'), c2.case_number), '; ') AS conflict
        FROM scoped_hearings sh
        JOIN legal.case_staff s ON s.case_id = sh.case_id
        JOIN busy b ON b.user_id = s.user_id AND b.id <> sh.id
                   AND tstzrange(b.scheduled_at, b.ends_at) && tstzrange(sh.scheduled_at, sh.ends_at)
        JOIN core.users u ON u.id = s.user_id
        JOIN legal.cases c2 ON c2.id = b.case_id
        GROUP BY sh.id),
    deadline_conflicts AS (
        SELECT sd.id, string_agg(DISTINCT format('%s is in a hearing that day (%s at %s)', u.full_name, c2.case_number,
                                                 to_char(b.scheduled_at, 'HH24:MI')), '; ') AS conflict
        FROM scoped_deadlines sd
        JOIN legal.case_staff s ON s.case_id = sd.case_id AND (sd.assigned_to IS NULL OR s.user_id = sd.assigned_to)
        JOIN busy b ON b.user_id = s.user_id AND b.scheduled_at::date = sd.due_on
        JOIN core.users u ON u.id = s.user_id
        JOIN legal.cases c2 ON c2.id = b.case_id
        GROUP BY sd.id),
    parties AS (
        SELECT cl.case_id, cl.party_name FROM legal.case_list cl
        WHERE cl.case_id IN (SELECT sh.case_id FROM scoped_hearings sh UNION SELECT sd.case_id FROM scoped_deadlines sd)),
    staff_names AS (
        SELECT s.case_id, string_agg(u.full_name, ', ' ORDER BY s.role, u.full_name) AS names
        FROM legal.case_staff s JOIN core.users u ON u.id = s.user_id
        WHERE s.case_id IN (SELECT sh.case_id FROM scoped_hearings sh UNION SELECT sd.case_id FROM scoped_deadlines sd)
        GROUP BY s.case_id)
    SELECT 'hearing'::text, sh.id, sh.case_id, c.case_number, p.party_name, sh.scheduled_at, sh.ends_at, false,
           sh.hearing_type, NULL::text, nullif(sh.location, ''), sh.judge_name, NULL::text, sn.names, hc.conflict
    FROM scoped_hearings sh JOIN legal.cases c ON c.id = sh.case_id
    LEFT JOIN parties p ON p.case_id = sh.case_id LEFT JOIN staff_names sn ON sn.case_id = sh.case_id
    LEFT JOIN hearing_conflicts hc ON hc.id = sh.id
    UNION ALL
    SELECT 'deadline'::text, sd.id, sd.case_id, c.case_number, p.party_name, sd.due_on::timestamptz,
           (sd.due_on + 1)::timestamptz, true, sd.kind, sd.title, NULL::text, NULL::text, sd.computation,
           coalesce((SELECT full_name FROM core.users WHERE id = sd.assigned_to), sn.names), dc.conflict
    FROM scoped_deadlines sd JOIN legal.cases c ON c.id = sd.case_id
    LEFT JOIN parties p ON p.case_id = sd.case_id LEFT JOIN staff_names sn ON sn.case_id = sd.case_id
    LEFT JOIN deadline_conflicts dc ON dc.id = sd.id
    ORDER BY 6, 1 DESC, 4;
END
$$;
GRANT EXECUTE ON FUNCTION legal.calendar_entries TO ocms_legal;

-- A hearing moved or cancelled takes its 'hearing_set' deadlines with it: the open ones computed from the
-- old day are retired (unless another hearing of the case is still on that day) and the rules run again for
-- the new day; completed deadlines stay as they were. The case history says so.
CREATE FUNCTION legal.hearing_moved_deadlines() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    retired integer;
    added integer;
BEGIN
    UPDATE legal.deadlines d SET deleted_at = now()
    WHERE d.case_id = OLD.case_id AND d.trigger_event = 'hearing_set' AND d.trigger_on = OLD.scheduled_at::date
      AND d.completed_at IS NULL AND d.deleted_at IS NULL
      AND NOT EXISTS (SELECT 1 FROM legal.hearings h WHERE h.case_id = OLD.case_id AND h.id <> OLD.id AND h.deleted_at IS NULL
                      AND h.scheduled_at::date = OLD.scheduled_at::date);
    GET DIAGNOSTICS retired = ROW_COUNT;
    IF NEW.deleted_at IS NULL AND NEW.scheduled_at::date >= current_date THEN
        INSERT INTO legal.deadlines (id, case_id, kind, title, due_on, rule_id, trigger_event, trigger_on, computation)
        SELECT gen_random_uuid(), NEW.case_id, r.deadline_kind, r.title, d.due_on, r.id, 'hearing_set', NEW.scheduled_at::date,
               d.computation
        FROM legal.cases c
        JOIN rules.deadline_rules r ON r.active AND r.trigger_event = 'hearing_set' AND (r.forum IS NULL OR r.forum = c.forum)
        CROSS JOIN LATERAL rules.compute_deadline(r, NEW.scheduled_at::date, NULL::rules.service_methods) d
        WHERE c.id = NEW.case_id AND c.deleted_at IS NULL
          AND NOT EXISTS (SELECT 1 FROM legal.deadlines x WHERE x.case_id = NEW.case_id AND x.rule_id = r.id
                          AND x.trigger_on = NEW.scheduled_at::date AND x.deleted_at IS NULL)
        ON CONFLICT DO NOTHING;
        GET DIAGNOSTICS added = ROW_COUNT;
    END IF;
    IF retired > 0 OR coalesce(added, 0) > 0 THEN
        INSERT INTO legal.case_events (id, case_id, event_type, summary, actor_id, source)
        VALUES (gen_random_uuid(), NEW.case_id, 'deadlines_recomputed',
                format('Hearing %s: %s deadline(s) from %s retired, %s computed%s',
                       CASE WHEN NEW.deleted_at IS NOT NULL THEN 'cancelled' ELSE 'moved' END, retired,
                       to_char(OLD.scheduled_at, 'YYYY-MM-DD'), coalesce(added, 0),
                       CASE WHEN NEW.deleted_at IS NULL THEN ' for ' || to_char(NEW.scheduled_at, 'YYYY-MM-DD') ELSE '' END),
                core.session_user_id(), audit.current_source());
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER hearing_moved_deadlines AFTER UPDATE OF scheduled_at, deleted_at ON legal.hearings
    FOR EACH ROW WHEN (OLD.scheduled_at::date IS DISTINCT FROM NEW.scheduled_at::date OR OLD.deleted_at IS DISTINCT FROM NEW.deleted_at)
    EXECUTE FUNCTION legal.hearing_moved_deadlines();
