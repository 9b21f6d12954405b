-- Deadlines computed by rules that show their working: a trigger event (hearing set, motion served,
-- decision issued…) plus a rules table give due dates; days are counted (calendar or court days),
-- service-method days added, and a date on a closed day rolled to the next (or previous) open day.
-- Each deadline keeps the rule and the arithmetic as text. Holidays are computed, never typed in.

-- Federal holidays (5 U.S.C. § 6103) -------------------------------------------------------------------

-- The fixed-date federal holiday falling on a day, if any. Juneteenth counts from 2021, its first year.
CREATE FUNCTION rules.fixed_holiday(p_day date) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN CASE extract(month FROM p_day) * 100 + extract(day FROM p_day)
        WHEN 101 THEN 'New Year''s Day'
        WHEN 619 THEN CASE WHEN extract(year FROM p_day) >= 2021 THEN 'Juneteenth National Independence Day' END
        WHEN 704 THEN 'Independence Day'
        WHEN 1111 THEN 'Veterans Day'
        WHEN 1225 THEN 'Christmas Day' END;

-- The federal holiday (5 U.S.C. § 6103) observed on a day, NULL if none. Pure date arithmetic, no query,
-- so counting court days one by one stays cheap. A fixed-date holiday on a Saturday is observed the
-- Friday before (New Year's Day then on Friday, December 31 of the year before), on a Sunday the Monday after.
CREATE FUNCTION rules.federal_holiday_on(p_day date) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN CASE
        WHEN extract(isodow FROM p_day) >= 6 THEN NULL
        WHEN extract(isodow FROM p_day) = 1 AND extract(month FROM p_day) = 1 AND extract(day FROM p_day) BETWEEN 15 AND 21
            THEN 'Birthday of Martin Luther King, Jr.'
        WHEN extract(isodow FROM p_day) = 1 AND extract(month FROM p_day) = 2 AND extract(day FROM p_day) BETWEEN 15 AND 21
            THEN 'Washington''s Birthday'
        WHEN extract(isodow FROM p_day) = 1 AND extract(month FROM p_day) = 5 AND extract(day FROM p_day) >= 25
            THEN 'Memorial Day'
        WHEN extract(isodow FROM p_day) = 1 AND extract(month FROM p_day) = 9 AND extract(day FROM p_day) <= 7
            THEN 'Labor Day'
        WHEN extract(isodow FROM p_day) = 1 AND extract(month FROM p_day) = 10 AND extract(day FROM p_day) BETWEEN 8 AND 14
            THEN 'Columbus Day'
        WHEN extract(isodow FROM p_day) = 4 AND extract(month FROM p_day) = 11 AND extract(day FROM p_day) BETWEEN 22 AND 28
            THEN 'Thanksgiving Day'
        ELSE coalesce(rules.fixed_holiday(p_day),
                      CASE WHEN extract(isodow FROM p_day) = 5 THEN rules.fixed_holiday(p_day + 1) || ' (observed)' END,
                      CASE WHEN extract(isodow FROM p_day) = 1 THEN rules.fixed_holiday(p_day - 1) || ' (observed)' END)
        END;

-- The federal holidays of a year (5 U.S.C. § 6103), on the days they are observed. The observed New
-- Year's Day of year Y can fall on December 31 of Y-1: that row belongs to Y.
CREATE FUNCTION rules.federal_holidays(p_year integer) RETURNS TABLE (holiday date, name text)
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    BEGIN ATOMIC
        -- Days as integers (date + n): a timestamp series would depend on the session's time zone.
        SELECT d.day, rules.federal_holiday_on(d.day)
        FROM generate_series(0, 365) AS g (n)
        CROSS JOIN LATERAL (SELECT make_date(p_year, 1, 1) - 1 + g.n AS day) AS d
        WHERE d.day <= make_date(p_year, 12, 30) AND rules.federal_holiday_on(d.day) IS NOT NULL
        ORDER BY 1;
    END;

-- Extra days the courts are closed (a day of mourning, a weather closure), entered by administrators.
CREATE TABLE rules.court_closures (
    closed_on   date PRIMARY KEY CONSTRAINT court_closures_closed_date_range
                    CHECK (closed_on BETWEEN DATE '1900-01-01' AND DATE '2199-12-31'),
    reason      text NOT NULL CONSTRAINT court_closures_reason_not_blank CHECK (btrim(reason) <> ''),
    created_at  timestamptz NOT NULL DEFAULT now()
);

-- Why a day is closed, given the closures (loaded once by a caller that checks many days): an
-- administrator's closure, an observed federal holiday, or the weekend; NULL when the courts are open.
CREATE FUNCTION rules.closed_reason(p_day date, p_closed_on date[], p_reasons text[]) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN coalesce('court closed: ' || p_reasons[array_position(p_closed_on, p_day)],
                    replace(rules.federal_holiday_on(p_day), ' (observed)', ' observed'),
                    CASE WHEN extract(isodow FROM p_day) >= 6 THEN 'weekend' END);

CREATE FUNCTION rules.closed_reason(p_day date) RETURNS text
    LANGUAGE sql STABLE PARALLEL SAFE
    RETURN (SELECT rules.closed_reason(p_day, array_agg(c.closed_on), array_agg(c.reason))
            FROM rules.court_closures c WHERE c.closed_on = p_day);

CREATE FUNCTION rules.is_court_closed(d date) RETURNS boolean
    LANGUAGE sql STABLE PARALLEL SAFE
    RETURN rules.closed_reason(d) IS NOT NULL;

-- Rules ------------------------------------------------------------------------------------------------

-- Extra days a service method adds to a response period. forum NULL is the default for every forum; a
-- row for a forum overrides it: mail adds 5 days in immigration proceedings but 3 in federal court
-- (Fed. R. Civ. P. 6(d), Fed. R. App. P. 26(c)), so one method has a row per forum where they differ.
CREATE TABLE rules.service_methods (
    method      text NOT NULL CONSTRAINT service_methods_method_format CHECK (method ~ '^[a-z][a-z0-9_]{1,30}$'),
    forum       text CHECK (forum IN ('immigration_court', 'bia', 'administrative', 'federal_district',
                                      'federal_appeals', 'other')),
    extra_days  integer NOT NULL CONSTRAINT service_methods_extra_days_range CHECK (extra_days BETWEEN 0 AND 30),
    label       text NOT NULL CONSTRAINT service_methods_label_not_blank CHECK (btrim(label) <> ''),
    citation    text,
    CONSTRAINT service_methods_method_forum_key UNIQUE NULLS NOT DISTINCT (method, forum)
);

INSERT INTO rules.service_methods (method, forum, extra_days, label, citation) VALUES
    ('personal', NULL, 0, 'Personal service', NULL),
    ('electronic', NULL, 0, 'Electronic service', NULL),
    ('mail', NULL, 5, 'Service by mail', 'Immigration Court Practice Manual ch. 3.1(c)(2)'),
    ('mail', 'federal_district', 3, 'Service by mail', 'Fed. R. Civ. P. 6(d)'),
    ('mail', 'federal_appeals', 3, 'Service by mail', 'Fed. R. App. P. 26(c)');

-- The row that applies to a method in a forum: the forum's own, else the default.
CREATE FUNCTION rules.service_method_for(p_method text, p_forum text) RETURNS rules.service_methods
    LANGUAGE sql STABLE
    RETURN (SELECT s FROM rules.service_methods s
            WHERE s.method = p_method AND (s.forum = p_forum OR s.forum IS NULL)
            ORDER BY s.forum NULLS LAST LIMIT 1);

CREATE TABLE rules.deadline_rules (
    id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    code                text NOT NULL CONSTRAINT deadline_rules_code_key UNIQUE
                            CONSTRAINT deadline_rules_code_format CHECK (code ~ '^[A-Z][A-Z0-9-]{1,23}$'),
    trigger_event       text NOT NULL CHECK (trigger_event IN ('hearing_set', 'motion_served', 'decision_issued',
                                                               'complaint_served', 'judgment_entered')),
    -- NULL: every forum.
    forum               text CHECK (forum IN ('immigration_court', 'bia', 'administrative', 'federal_district',
                                              'federal_appeals', 'other')),
    deadline_kind       text NOT NULL CHECK (deadline_kind IN ('pleading', 'motion', 'brief', 'response', 'filing', 'other')),
    title               text NOT NULL CONSTRAINT deadline_rules_title_not_blank CHECK (btrim(title) <> ''),
    -- Negative: before the trigger date (filings due before a hearing).
    days                integer NOT NULL CONSTRAINT deadline_rules_days_range CHECK (days BETWEEN -730 AND 730),
    counting            text NOT NULL DEFAULT 'calendar' CHECK (counting IN ('calendar', 'court_days')),
    adds_service_days   boolean NOT NULL DEFAULT false,
    roll                text NOT NULL DEFAULT 'forward' CHECK (roll IN ('forward', 'backward')),
    citation            text NOT NULL CONSTRAINT deadline_rules_citation_not_blank CHECK (btrim(citation) <> ''),
    active              boolean NOT NULL DEFAULT true,
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    -- Service days lengthen a period that runs from service; a period counted back from an event has none.
    CONSTRAINT deadline_rules_service_days_forward CHECK (NOT adds_service_days OR days >= 0)
);

CREATE FUNCTION rules.touch_updated_at() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    NEW.updated_at := now();
    RETURN NEW;
END
$$;
CREATE TRIGGER deadline_rules_touch BEFORE UPDATE ON rules.deadline_rules
    FOR EACH ROW EXECUTE FUNCTION rules.touch_updated_at();

-- Synthetic but plausible authorities.
INSERT INTO rules.deadline_rules (code, trigger_event, forum, deadline_kind, title, days, counting, adds_service_days,
                                  roll, citation) VALUES
    ('IC-FILINGS', 'hearing_set', 'immigration_court', 'filing', 'Pre-hearing filings and evidence due',
        -15, 'calendar', false, 'backward', 'Immigration Court Practice Manual ch. 3.1(b)(1)(A)'),
    ('RESP-MOTION', 'motion_served', 'immigration_court', 'response', 'Response to motion due',
        10, 'calendar', true, 'forward', 'Immigration Court Practice Manual ch. 3.1(b)'),
    ('IC-APPEAL', 'decision_issued', 'immigration_court', 'filing', 'Notice of appeal to the BIA (Form EOIR-26) due',
        30, 'calendar', false, 'forward', '8 C.F.R. § 1003.38(b)'),
    ('BIA-RESP-MOTION', 'motion_served', 'bia', 'response', 'Response to motion due at the BIA',
        13, 'calendar', false, 'forward', '8 C.F.R. § 1003.2(g)(3)'),
    ('BIA-PFR', 'decision_issued', 'bia', 'filing', 'Petition for review due in the court of appeals',
        30, 'calendar', false, 'forward', '8 U.S.C. § 1252(b)(1)'),
    ('FRCP-ANSWER', 'complaint_served', 'federal_district', 'pleading',
        'Answer or Rule 12 motion due (United States or its agency)',
        60, 'calendar', false, 'forward', 'Fed. R. Civ. P. 12(a)(2)'),
    ('FRCP-RESP-MOTION', 'motion_served', 'federal_district', 'response', 'Opposition to motion due',
        14, 'calendar', true, 'forward', 'Local Civil Rule 7(b)'),
    ('FRCP-PRETRIAL', 'hearing_set', 'federal_district', 'filing', 'Pretrial disclosures due',
        -30, 'calendar', false, 'backward', 'Fed. R. Civ. P. 26(a)(3)(B)'),
    ('DIST-EXHIBITS', 'hearing_set', 'federal_district', 'filing', 'Exhibit and witness lists exchanged',
        -7, 'court_days', false, 'backward', 'Local Civil Rule 16.1(d)'),
    ('FRAP-APPEAL', 'judgment_entered', 'federal_district', 'filing', 'Notice of appeal due (United States a party)',
        60, 'calendar', false, 'forward', 'Fed. R. App. P. 4(a)(1)(B)'),
    ('FRAP-REHEARING', 'judgment_entered', 'federal_appeals', 'filing',
        'Petition for rehearing due (United States a party)',
        45, 'calendar', false, 'forward', 'Fed. R. App. P. 40(d)(1)');

-- Deadlines remember the rule and the working ------------------------------------------------------------

ALTER TABLE legal.deadlines
    ADD COLUMN rule_id uuid REFERENCES rules.deadline_rules (id),
    ADD COLUMN trigger_event text CHECK (trigger_event IN ('hearing_set', 'motion_served', 'decision_issued',
                                                           'complaint_served', 'judgment_entered')),
    ADD COLUMN trigger_on date CONSTRAINT deadlines_trigger_date_range
        CHECK (trigger_on BETWEEN DATE '1900-01-01' AND DATE '2199-12-31'),
    ADD COLUMN service_method text,
    ADD COLUMN computation text,
    ADD CONSTRAINT deadlines_rule_shows_working
        CHECK (rule_id IS NULL OR (trigger_event IS NOT NULL AND trigger_on IS NOT NULL AND computation IS NOT NULL));
-- One live deadline per case, rule and trigger date: applying rules twice adds nothing.
CREATE UNIQUE INDEX deadlines_rule_trigger_unique ON legal.deadlines (case_id, rule_id, trigger_on)
    WHERE rule_id IS NOT NULL AND deleted_at IS NULL;
-- Lets a rule be deleted (foreign-key check) without scanning every deadline.
CREATE INDEX deadlines_rule_idx ON legal.deadlines (rule_id) WHERE rule_id IS NOT NULL;

-- The arithmetic ---------------------------------------------------------------------------------------

CREATE FUNCTION rules.day_label(p_day date, p_note text DEFAULT NULL) RETURNS text
    LANGUAGE sql STABLE PARALLEL SAFE
    -- 'Dy' without the TM prefix is always English: the text does not depend on the server's locale.
    RETURN to_char(p_day, 'YYYY-MM-DD') || ' (' || to_char(p_day, 'Dy') || coalesce(', ' || p_note, '') || ')';

CREATE FUNCTION rules.trigger_event_label(p_event text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN CASE p_event WHEN 'hearing_set' THEN 'Hearing set for' WHEN 'motion_served' THEN 'Motion served'
                        WHEN 'decision_issued' THEN 'Decision issued' WHEN 'complaint_served' THEN 'Complaint served'
                        WHEN 'judgment_entered' THEN 'Judgment entered' END;

-- One rule applied to one event: the due date and the working, step by step. Days are counted from the
-- day after the event (calendar days, or open court days only); service days are added to the result;
-- a result on a closed day rolls in the rule's direction to the nearest open day. p_service may be NULL
-- (no service, e.g. a hearing being set).
CREATE FUNCTION rules.compute_deadline(p_rule rules.deadline_rules, p_event_on date, p_service rules.service_methods,
                                       OUT due_on date, OUT computation text)
    LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    step integer := CASE WHEN p_rule.days < 0 THEN -1 ELSE 1 END;
    remaining integer := abs(p_rule.days);
    day date := p_event_on;
    reason text;
    next_reason text;
    landed date;
    skipped text[] := '{}';
    working text;
    plural text := CASE WHEN abs(p_rule.days) = 1 THEN 'day' ELSE 'days' END;
    direction text := CASE WHEN p_rule.days < 0 THEN ' before' ELSE '' END;
    closure_days date[];
    closure_reasons text[];
BEGIN
    -- The closures a computation can reach (rules span at most 730 days), once; every day is then
    -- checked without a query.
    SELECT array_agg(c.closed_on), array_agg(c.reason) INTO closure_days, closure_reasons FROM rules.court_closures c
    WHERE c.closed_on BETWEEN p_event_on - 1500 AND p_event_on + 1500;
    working := rules.trigger_event_label(p_rule.trigger_event) || ' ' || rules.day_label(p_event_on);
    IF p_service.method IS NOT NULL AND (p_rule.trigger_event LIKE '%\_served' OR p_rule.adds_service_days) THEN
        working := working || ' ' || CASE WHEN lower(p_service.label) LIKE 'service %' THEN substr(lower(p_service.label), 9)
                                          ELSE 'by ' || lower(p_service.label) END;
    END IF;
    working := working || format('. Rule %s (%s): ', p_rule.code, p_rule.citation);

    IF p_rule.counting = 'calendar' THEN
        day := p_event_on + p_rule.days;
        working := working || format('%s calendar %s%s → %s', remaining, plural, direction, rules.day_label(day));
    ELSE
        WHILE remaining > 0 LOOP
            day := day + step;
            reason := rules.closed_reason(day, closure_days, closure_reasons);
            IF reason IS NULL THEN
                remaining := remaining - 1;
            ELSIF reason <> 'weekend' THEN
                skipped := skipped || rules.day_label(day, reason);
            END IF;
        END LOOP;
        working := working || format('%s court %s%s, skipping weekends%s → %s', abs(p_rule.days), plural, direction,
                                     CASE WHEN cardinality(skipped) > 0 THEN ' and ' || array_to_string(skipped, ', ') ELSE '' END,
                                     rules.day_label(day));
    END IF;

    IF p_rule.adds_service_days AND p_service.method IS NOT NULL THEN
        IF p_service.extra_days = 0 THEN
            working := working || format('; no days added for %s', lower(p_service.label));
        ELSE
            day := day + p_service.extra_days;
            working := working || format('; +%s %s for %s%s → %s', p_service.extra_days,
                                         CASE WHEN p_service.extra_days = 1 THEN 'day' ELSE 'days' END,
                                         lower(p_service.label), coalesce(' (' || p_service.citation || ')', ''),
                                         rules.day_label(day));
        END IF;
    END IF;

    reason := rules.closed_reason(day, closure_days, closure_reasons);
    IF reason IS NOT NULL THEN
        landed := day;
        skipped := '{}';
        LOOP
            day := day + CASE WHEN p_rule.roll = 'forward' THEN 1 ELSE -1 END;
            next_reason := rules.closed_reason(day, closure_days, closure_reasons);
            EXIT WHEN next_reason IS NULL;
            IF next_reason <> 'weekend' THEN
                skipped := skipped || rules.day_label(day, next_reason);
            END IF;
            IF abs(day - landed) > 366 THEN
                RAISE EXCEPTION 'No open court day within a year of %: check the court closures.', landed
                    USING ERRCODE = 'P0001';
            END IF;
        END LOOP;
        working := working || format('; lands on %s: rolled %s%s to %s', rules.day_label(landed, reason), p_rule.roll,
                                     CASE WHEN cardinality(skipped) > 0 THEN ' past ' || array_to_string(skipped, ', ') ELSE '' END,
                                     rules.day_label(day));
    END IF;

    due_on := day;
    computation := working || format('. Due %s.', to_char(day, 'YYYY-MM-DD'));
END
$$;

-- The deadlines the active rules give for an event in a forum, with their working; writes nothing.
-- Checks the event, its date and the service method, with messages a user can read.
CREATE FUNCTION rules.deadlines_for(p_forum text, p_event text, p_event_on date, p_service_method text DEFAULT 'personal')
    RETURNS TABLE (rule_id uuid, code text, deadline_kind text, title text, due_on date, computation text)
    LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp AS $$
#variable_conflict use_column
DECLARE
    service rules.service_methods;
BEGIN
    IF rules.trigger_event_label(p_event) IS NULL THEN
        RAISE EXCEPTION 'There is no trigger event "%"; the events are hearing_set, motion_served, decision_issued, '
                        'complaint_served and judgment_entered.', coalesce(p_event, '') USING ERRCODE = 'P0001';
    END IF;
    IF p_event_on IS NULL THEN
        RAISE EXCEPTION 'Give the date of the event.' USING ERRCODE = 'P0001';
    END IF;
    service := rules.service_method_for(p_service_method, p_forum);
    IF service.method IS NULL THEN
        RAISE EXCEPTION 'There is no service method "%"; the methods are %.', coalesce(p_service_method, '(none)'),
            (SELECT string_agg(DISTINCT s.method, ', ' ORDER BY s.method) FROM rules.service_methods s)
            USING ERRCODE = 'P0001';
    END IF;
    RETURN QUERY
        SELECT r.id, r.code, r.deadline_kind, r.title, d.due_on, d.computation
        FROM rules.deadline_rules r
        CROSS JOIN LATERAL rules.compute_deadline(r, p_event_on, service) d
        WHERE r.active AND r.trigger_event = p_event AND (r.forum IS NULL OR r.forum = p_forum)
        ORDER BY d.due_on, r.code;
END
$$;

-- The same for a case (its forum), as the signed-in user: a case they may not see is not found.
CREATE FUNCTION rules.preview_deadlines(p_case uuid, p_event text, p_event_on date, p_service_method text DEFAULT 'personal')
    RETURNS TABLE (rule_id uuid, code text, deadline_kind text, title text, due_on date, computation text)
    LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp AS $$
#variable_conflict use_column
DECLARE
    case_forum text;
BEGIN
    -- Roles without access to cases at all (help desk, administrators) get the same answer as for a hidden case.
    IF has_schema_privilege('legal', 'USAGE') THEN
        IF has_column_privilege('legal.cases', 'forum', 'SELECT') THEN
            SELECT c.forum INTO case_forum FROM legal.cases c WHERE c.id = p_case AND c.deleted_at IS NULL;
        END IF;
    END IF;
    IF case_forum IS NULL THEN
        RAISE EXCEPTION 'The case was not found, or you may not see it.' USING ERRCODE = 'P0001';
    END IF;
    RETURN QUERY SELECT * FROM rules.deadlines_for(case_forum, p_event, p_event_on, p_service_method);
END
$$;

-- Inserts the deadlines the rules give for an event in a case and returns those it inserted. Runs as the
-- caller, so row security decides (a case the caller may not see is not found). A deadline for the same
-- case, rule and trigger date that already exists is skipped: applying twice adds nothing.
CREATE FUNCTION legal.apply_deadline_rules(p_case uuid, p_event text, p_event_on date, p_service_method text DEFAULT 'personal')
    RETURNS SETOF legal.deadlines
    LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    RETURN QUERY
        WITH inserted AS (
            INSERT INTO legal.deadlines (id, case_id, kind, title, due_on, rule_id, trigger_event, trigger_on,
                                         service_method, computation)
            SELECT gen_random_uuid(), p_case, p.deadline_kind, p.title, p.due_on, p.rule_id, p_event, p_event_on,
                   p_service_method, p.computation
            FROM rules.preview_deadlines(p_case, p_event, p_event_on, p_service_method) p
            WHERE NOT EXISTS (SELECT 1 FROM legal.deadlines x
                              WHERE x.case_id = p_case AND x.rule_id = p.rule_id AND x.trigger_on = p_event_on
                                AND x.deleted_at IS NULL)
            ON CONFLICT DO NOTHING
            RETURNING *)
        SELECT * FROM inserted ORDER BY inserted.due_on, inserted.title;
END
$$;

-- A new hearing brings its 'hearing_set' deadlines. One set-based insert per statement (imports insert many
-- hearings at once). The hearing's day is scheduled_at::date in the session's time zone (the server's,
-- unless the client sets another). Hearings already past get none: recording history sets no deadlines.
-- SECURITY DEFINER because connectors insert hearings without writing deadlines themselves; row security
-- let the hearing in, so its case is one the user may write to.
CREATE FUNCTION legal.hearing_set_deadlines() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM rules.deadline_rules WHERE active AND trigger_event = 'hearing_set') THEN
        RETURN NULL;
    END IF;
    INSERT INTO legal.deadlines (id, case_id, kind, title, due_on, rule_id, trigger_event, trigger_on, computation)
    SELECT gen_random_uuid(), h.case_id, r.deadline_kind, r.title, d.due_on, r.id, 'hearing_set', h.held_on,
           d.computation
    FROM (SELECT DISTINCT n.case_id, n.scheduled_at::date AS held_on FROM new_rows n
          WHERE n.deleted_at IS NULL AND n.scheduled_at::date >= current_date) h
    JOIN legal.cases c ON c.id = h.case_id AND c.deleted_at IS NULL
    JOIN rules.deadline_rules r ON r.active AND r.trigger_event = 'hearing_set' AND (r.forum IS NULL OR r.forum = c.forum)
    CROSS JOIN LATERAL rules.compute_deadline(r, h.held_on, NULL::rules.service_methods) d
    WHERE NOT EXISTS (SELECT 1 FROM legal.deadlines x
                      WHERE x.case_id = h.case_id AND x.rule_id = r.id AND x.trigger_on = h.held_on AND x.deleted_at IS NULL)
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END
$$;
CREATE TRIGGER hearing_set_deadlines AFTER INSERT ON legal.hearings REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION legal.hearing_set_deadlines();

-- Privileges -------------------------------------------------------------------------------------------

-- The rules are reference data every signed-in user reads (as all of schema rules, 0007): the preview
-- is open to everyone and runs as the caller. Administrators maintain them.
GRANT SELECT ON rules.deadline_rules, rules.service_methods, rules.court_closures TO ocms_user;
GRANT INSERT, UPDATE, DELETE ON rules.deadline_rules, rules.service_methods, rules.court_closures TO ocms_admin;

REVOKE ALL ON FUNCTION rules.fixed_holiday, rules.federal_holiday_on, rules.federal_holidays, rules.closed_reason(date),
                       rules.closed_reason(date, date[], text[]),
                       rules.is_court_closed, rules.service_method_for, rules.day_label, rules.trigger_event_label,
                       rules.compute_deadline, rules.deadlines_for, rules.preview_deadlines,
                       legal.apply_deadline_rules, legal.hearing_set_deadlines, rules.touch_updated_at FROM PUBLIC;
GRANT EXECUTE ON FUNCTION rules.fixed_holiday, rules.federal_holiday_on, rules.federal_holidays, rules.closed_reason(date),
                          rules.closed_reason(date, date[], text[]),
                          rules.is_court_closed, rules.service_method_for, rules.day_label, rules.trigger_event_label,
                          rules.compute_deadline, rules.deadlines_for, rules.preview_deadlines TO ocms_user;
GRANT EXECUTE ON FUNCTION legal.apply_deadline_rules TO ocms_legal;

-- Audit: who changed which rule, closure or service method, old and new values.
DO $$
DECLARE
    audited record;
BEGIN
    FOR audited IN
        SELECT * FROM (VALUES ('rules.deadline_rules', 'id'), ('rules.service_methods', '-'),
                              ('rules.court_closures', '-')) AS t (table_name, key_column)
    LOOP
        EXECUTE format('CREATE TRIGGER audit_insert AFTER INSERT ON %s REFERENCING NEW TABLE AS new_rows '
                       'FOR EACH STATEMENT EXECUTE FUNCTION audit.record_changes(%L)', audited.table_name,
                       audited.key_column);
        EXECUTE format('CREATE TRIGGER audit_update AFTER UPDATE ON %s REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows '
                       'FOR EACH STATEMENT EXECUTE FUNCTION audit.record_changes(%L)', audited.table_name,
                       audited.key_column);
        EXECUTE format('CREATE TRIGGER audit_delete AFTER DELETE ON %s REFERENCING OLD TABLE AS old_rows '
                       'FOR EACH STATEMENT EXECUTE FUNCTION audit.record_changes(%L)', audited.table_name,
                       audited.key_column);
    END LOOP;
END
$$;
