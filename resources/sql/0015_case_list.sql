-- The case list: one narrow row per case, kept current by triggers, so every filter and every sort of the
-- case workspace is an indexed column of one table under one row-security predicate (no policy chains
-- through people and case links per row). Names, including aliases, are searchable through
-- legal.case_names. Both tables are derived data: rebuilt from the source tables, never edited, not audited.

-- The user's granted non-immigration cases, once per query (an init plan) instead of a call per row.
CREATE FUNCTION legal.my_granted_case_ids() RETURNS uuid[]
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
    RETURN (SELECT coalesce(array_agg(g.case_id), '{}') FROM legal.case_grants g
            WHERE g.user_id = (SELECT id FROM core.users WHERE login = session_user));
GRANT EXECUTE ON FUNCTION legal.my_granted_case_ids TO ocms_user;

CREATE TABLE legal.case_list (
    case_id         uuid PRIMARY KEY REFERENCES legal.cases (id) ON DELETE CASCADE,
    category        text NOT NULL,
    division_id     uuid NOT NULL,
    created_by      uuid,
    case_number     text NOT NULL,
    a_number        text NOT NULL,     -- '' when the case has none
    title           text NOT NULL,
    case_type       text NOT NULL,
    forum           text NOT NULL,
    court_name      text,
    status          text NOT NULL,
    office_id       uuid NOT NULL,
    opened_on       date NOT NULL,
    last_action_at  timestamptz NOT NULL,
    -- The principal party: the respondent of an immigration case, the claimant or litigant otherwise.
    party_id        uuid,
    party_name      text,
    party_key       text NOT NULL,     -- '' when the case has no party yet
    attorney_ids    uuid[] NOT NULL DEFAULT '{}',
    attorney_names  text,
    -- The earliest hearing without an outcome and the earliest open deadline: state, not clock time, so
    -- the row stays right without a nightly job. 'infinity' when there is none.
    next_hearing_at timestamptz NOT NULL,
    next_deadline_on date NOT NULL
);
-- One index per sort order, each ending in case_id so keyset paging has a unique key. Sort and filter
-- columns are never NULL (placeholders instead) and compared without COALESCE: under row security only
-- leakproof expressions may use an index before the policy runs, and COALESCE does not count as one.
CREATE INDEX case_list_number_idx ON legal.case_list (case_number COLLATE "C", case_id);
CREATE INDEX case_list_a_number_idx ON legal.case_list (a_number COLLATE "C", case_id);
CREATE INDEX case_list_party_idx ON legal.case_list (party_key COLLATE "C", case_id);
CREATE INDEX case_list_opened_idx ON legal.case_list (opened_on, case_id);
CREATE INDEX case_list_last_action_idx ON legal.case_list (last_action_at, case_id);
CREATE INDEX case_list_hearing_idx ON legal.case_list (next_hearing_at, case_id);
CREATE INDEX case_list_deadline_idx ON legal.case_list (next_deadline_on, case_id);
CREATE INDEX case_list_status_idx ON legal.case_list (status, case_id);
CREATE INDEX case_list_type_idx ON legal.case_list (case_type, case_id);
CREATE INDEX case_list_office_idx ON legal.case_list (office_id, status);
CREATE INDEX case_list_court_idx ON legal.case_list (court_name, case_id);
-- No index on attorney_ids: array containment is not leakproof, so under row security the attorney filter
-- walks the sort order instead (an attorney holds a few thousand of a million cases: still fast).

-- Every name a case can be found by: its parties' names and their aliases (attorneys and judges are not
-- parties; searching a judge would find half the docket).
CREATE TABLE legal.case_names (
    case_id     uuid NOT NULL REFERENCES legal.cases (id) ON DELETE CASCADE,
    person_id   uuid NOT NULL,
    name_key    text NOT NULL,
    is_alias    boolean NOT NULL,
    category    text NOT NULL,
    division_id uuid NOT NULL,
    created_by  uuid
);
CREATE INDEX case_names_prefix_idx ON legal.case_names (name_key COLLATE "C", case_id);
CREATE INDEX case_names_trgm_idx ON legal.case_names USING gin (name_key gin_trgm_ops);
CREATE INDEX case_names_case_idx ON legal.case_names (case_id);

-- Rows visible exactly as their case is (legal.cases' case_read policy, on copied columns).
DO $$
DECLARE
    derived text;
BEGIN
    FOREACH derived IN ARRAY ARRAY['legal.case_list', 'legal.case_names'] LOOP
        EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', derived);
        EXECUTE format('ALTER TABLE %s FORCE ROW LEVEL SECURITY', derived);
        EXECUTE format($policy$CREATE POLICY as_case ON %s FOR SELECT USING (
            (category = 'immigration'
                AND ((SELECT core.session_has_role('ocms_legal')) OR (SELECT core.session_has_role('ocms_readonly_external'))
                     OR (SELECT core.session_has_role('ocms_import'))))
            OR (category = 'non_immigration' AND (SELECT core.session_has_role('ocms_legal'))
                AND (division_id = ANY ((SELECT core.session_division_ids())::uuid[])
                     OR created_by = (SELECT core.session_user_id())
                     OR case_id = ANY ((SELECT legal.my_granted_case_ids())::uuid[]))))$policy$, derived);
        EXECUTE format('REVOKE ALL ON %s FROM PUBLIC', derived);
        EXECUTE format('GRANT SELECT ON %s TO ocms_legal, ocms_readonly_external', derived);
    END LOOP;
END
$$;

-- Recomputes the list rows of the given cases from the source tables. Runs as the owner with row security
-- off: a user who renames a person must update every case of that person, also those they cannot see.
-- (The owner therefore needs BYPASSRLS; without it this fails loudly instead of leaving rows stale.)
CREATE FUNCTION legal.refresh_case_list(p_cases uuid[]) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp SET row_security = off AS $$
BEGIN
    IF p_cases IS NULL OR cardinality(p_cases) = 0 THEN
        RETURN;
    END IF;
    DELETE FROM legal.case_list WHERE case_id = ANY (p_cases);
    DELETE FROM legal.case_names WHERE case_id = ANY (p_cases);
    INSERT INTO legal.case_list
    SELECT c.id, c.category, c.division_id, c.created_by, c.case_number, coalesce(c.a_number, ''), c.title, c.case_type, c.forum,
           c.court_name, c.status, c.office_id, c.opened_on, c.last_action_at,
           party.id, party.display_name, coalesce(party.name_key, ''),
           coalesce(staff.ids, '{}'), staff.names, coalesce(hearing.next_at, 'infinity'),
           coalesce(deadline.next_on, 'infinity')
    FROM legal.cases c
    LEFT JOIN LATERAL (
        SELECT p.id, p.name_key,
               upper(p.family_name) || coalesce(', ' || p.given_name, '') AS display_name
        FROM legal.case_people cp JOIN core.people p ON p.id = cp.person_id
        WHERE cp.case_id = c.id AND cp.role IN ('respondent', 'claimant', 'litigant') AND p.deleted_at IS NULL
        ORDER BY array_position(ARRAY['respondent', 'claimant', 'litigant'], cp.role), cp.created_at
        LIMIT 1) party ON true
    LEFT JOIN LATERAL (
        SELECT array_agg(s.user_id ORDER BY u.full_name) AS ids,
               string_agg(u.full_name, '; ' ORDER BY u.full_name) AS names
        FROM legal.case_staff s JOIN core.users u ON u.id = s.user_id
        WHERE s.case_id = c.id AND s.role = 'attorney') staff ON true
    LEFT JOIN LATERAL (
        SELECT min(h.scheduled_at) AS next_at FROM legal.hearings h
        WHERE h.case_id = c.id AND h.outcome IS NULL AND h.deleted_at IS NULL) hearing ON true
    LEFT JOIN LATERAL (
        SELECT min(d.due_on) AS next_on FROM legal.deadlines d
        WHERE d.case_id = c.id AND d.completed_at IS NULL AND d.deleted_at IS NULL) deadline ON true
    WHERE c.id = ANY (p_cases) AND c.deleted_at IS NULL;
    INSERT INTO legal.case_names
    SELECT DISTINCT cp.case_id, n.person_id, n.name_key, n.is_alias, c.category, c.division_id, c.created_by
    FROM legal.cases c
    JOIN legal.case_people cp ON cp.case_id = c.id
    CROSS JOIN LATERAL (
        SELECT p.id AS person_id, p.name_key, false AS is_alias FROM core.people p
        WHERE p.id = cp.person_id AND p.deleted_at IS NULL
        UNION ALL
        SELECT a.person_id, a.name_key, true FROM core.person_aliases a
        WHERE a.person_id = cp.person_id AND a.deleted_at IS NULL) n
    WHERE c.id = ANY (p_cases) AND c.deleted_at IS NULL
      AND cp.role NOT IN ('judge', 'government_attorney', 'defense_attorney', 'legal_representative');
END
$$;
REVOKE ALL ON FUNCTION legal.refresh_case_list FROM PUBLIC;

-- The whole list at once, set-based (hash joins over whole tables), for bulk loads and repairs.
CREATE FUNCTION legal.rebuild_case_list() RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp SET row_security = off AS $$
DECLARE
    listed bigint;
BEGIN
    TRUNCATE legal.case_list, legal.case_names;
    INSERT INTO legal.case_list
    SELECT c.id, c.category, c.division_id, c.created_by, c.case_number, coalesce(c.a_number, ''), c.title, c.case_type, c.forum,
           c.court_name, c.status, c.office_id, c.opened_on, c.last_action_at,
           party.person_id, party.display_name, coalesce(party.name_key, ''),
           coalesce(staff.ids, '{}'), staff.names, coalesce(hearing.next_at, 'infinity'),
           coalesce(deadline.next_on, 'infinity')
    FROM legal.cases c
    LEFT JOIN (
        SELECT DISTINCT ON (cp.case_id) cp.case_id, p.id AS person_id, p.name_key,
               upper(p.family_name) || coalesce(', ' || p.given_name, '') AS display_name
        FROM legal.case_people cp JOIN core.people p ON p.id = cp.person_id
        WHERE cp.role IN ('respondent', 'claimant', 'litigant') AND p.deleted_at IS NULL
        ORDER BY cp.case_id, array_position(ARRAY['respondent', 'claimant', 'litigant'], cp.role), cp.created_at) party
        ON party.case_id = c.id
    LEFT JOIN (
        SELECT s.case_id, array_agg(s.user_id ORDER BY u.full_name) AS ids,
               string_agg(u.full_name, '; ' ORDER BY u.full_name) AS names
        FROM legal.case_staff s JOIN core.users u ON u.id = s.user_id
        WHERE s.role = 'attorney' GROUP BY s.case_id) staff ON staff.case_id = c.id
    LEFT JOIN (
        SELECT h.case_id, min(h.scheduled_at) AS next_at FROM legal.hearings h
        WHERE h.outcome IS NULL AND h.deleted_at IS NULL GROUP BY h.case_id) hearing ON hearing.case_id = c.id
    LEFT JOIN (
        SELECT d.case_id, min(d.due_on) AS next_on FROM legal.deadlines d
        WHERE d.completed_at IS NULL AND d.deleted_at IS NULL GROUP BY d.case_id) deadline ON deadline.case_id = c.id
    WHERE c.deleted_at IS NULL;
    GET DIAGNOSTICS listed = ROW_COUNT;
    INSERT INTO legal.case_names
    SELECT DISTINCT cp.case_id, n.person_id, n.name_key, n.is_alias, c.category, c.division_id, c.created_by
    FROM legal.cases c
    JOIN legal.case_people cp ON cp.case_id = c.id
    JOIN (SELECT p.id AS person_id, p.name_key, false AS is_alias FROM core.people p WHERE p.deleted_at IS NULL
          UNION ALL
          SELECT a.person_id, a.name_key, true FROM core.person_aliases a WHERE a.deleted_at IS NULL) n
        ON n.person_id = cp.person_id
    WHERE c.deleted_at IS NULL
      AND cp.role NOT IN ('judge', 'government_attorney', 'defense_attorney', 'legal_representative');
    RETURN listed;
END
$$;
REVOKE ALL ON FUNCTION legal.rebuild_case_list FROM PUBLIC;

-- Statement-level triggers: one refresh per statement for all the cases it touched, however many rows.
CREATE FUNCTION legal.case_list_follow() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp SET row_security = off AS $$
DECLARE
    touched uuid[];
BEGIN
    -- TG_ARGV[0] says how a changed row leads to its case: it is the case (insert), or it names it in case_id.
    IF TG_ARGV[0] = 'case' THEN
        SELECT array_agg(id) INTO touched FROM new_rows;
    ELSIF TG_ARGV[0] = 'case_id' THEN
        IF TG_OP = 'INSERT' THEN
            SELECT array_agg(DISTINCT case_id) INTO touched FROM new_rows;
        ELSIF TG_OP = 'DELETE' THEN
            SELECT array_agg(DISTINCT case_id) INTO touched FROM old_rows;
        ELSE
            SELECT array_agg(DISTINCT case_id) INTO touched
            FROM (SELECT case_id FROM new_rows UNION SELECT case_id FROM old_rows) changed;
        END IF;
    END IF;
    PERFORM legal.refresh_case_list(touched);
    RETURN NULL;
END
$$;

-- People and aliases lead to their cases through the person's case links.
CREATE FUNCTION legal.case_list_follow_person() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp SET row_security = off AS $$
DECLARE
    touched uuid[];
BEGIN
    IF TG_TABLE_NAME = 'people' THEN
        SELECT array_agg(DISTINCT cp.case_id) INTO touched
        FROM new_rows n JOIN old_rows o ON o.id = n.id JOIN legal.case_people cp ON cp.person_id = n.id
        WHERE (n.family_name, n.given_name, n.name_key, n.deleted_at)
              IS DISTINCT FROM (o.family_name, o.given_name, o.name_key, o.deleted_at);
    ELSIF TG_OP = 'INSERT' THEN
        SELECT array_agg(DISTINCT cp.case_id) INTO touched FROM new_rows n JOIN legal.case_people cp ON cp.person_id = n.person_id;
    ELSIF TG_OP = 'DELETE' THEN
        SELECT array_agg(DISTINCT cp.case_id) INTO touched FROM old_rows o JOIN legal.case_people cp ON cp.person_id = o.person_id;
    ELSE
        SELECT array_agg(DISTINCT cp.case_id) INTO touched
        FROM (SELECT person_id FROM new_rows UNION SELECT person_id FROM old_rows) changed
        JOIN legal.case_people cp ON cp.person_id = changed.person_id;
    END IF;
    PERFORM legal.refresh_case_list(touched);
    RETURN NULL;
END
$$;

CREATE TRIGGER case_list_insert AFTER INSERT ON legal.cases REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION legal.case_list_follow('case');
-- An edit of a case updates its list row in place, per row and only when a listed column changed: for the
-- one-row edits users make this costs a quarter of a statement-level trigger (measured), and a bulk update
-- stays linear. Soft deletes and restores recompute the row.
CREATE FUNCTION legal.case_list_follow_case_edit() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp SET row_security = off AS $$
BEGIN
    IF NEW.deleted_at IS DISTINCT FROM OLD.deleted_at THEN
        PERFORM legal.refresh_case_list(ARRAY[NEW.id]);
        RETURN NULL;
    END IF;
    UPDATE legal.case_list
    SET category = NEW.category, division_id = NEW.division_id, created_by = NEW.created_by,
        case_number = NEW.case_number, a_number = coalesce(NEW.a_number, ''), title = NEW.title, case_type = NEW.case_type,
        forum = NEW.forum, court_name = NEW.court_name, status = NEW.status, office_id = NEW.office_id,
        opened_on = NEW.opened_on, last_action_at = NEW.last_action_at
    WHERE case_id = NEW.id;
    IF (NEW.category, NEW.division_id, NEW.created_by) IS DISTINCT FROM (OLD.category, OLD.division_id, OLD.created_by) THEN
        UPDATE legal.case_names SET category = NEW.category, division_id = NEW.division_id, created_by = NEW.created_by
        WHERE case_id = NEW.id;
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER case_list_update AFTER UPDATE ON legal.cases FOR EACH ROW
    WHEN ((NEW.category, NEW.division_id, NEW.created_by, NEW.case_number, NEW.a_number, NEW.title, NEW.case_type,
           NEW.forum, NEW.court_name, NEW.status, NEW.office_id, NEW.opened_on, NEW.last_action_at, NEW.deleted_at)
          IS DISTINCT FROM
          (OLD.category, OLD.division_id, OLD.created_by, OLD.case_number, OLD.a_number, OLD.title, OLD.case_type,
           OLD.forum, OLD.court_name, OLD.status, OLD.office_id, OLD.opened_on, OLD.last_action_at, OLD.deleted_at))
    EXECUTE FUNCTION legal.case_list_follow_case_edit();
DO $$
DECLARE
    child text;
BEGIN
    FOREACH child IN ARRAY ARRAY['legal.case_people', 'legal.case_staff', 'legal.hearings', 'legal.deadlines'] LOOP
        EXECUTE format('CREATE TRIGGER case_list_insert AFTER INSERT ON %s REFERENCING NEW TABLE AS new_rows '
                       'FOR EACH STATEMENT EXECUTE FUNCTION legal.case_list_follow(''case_id'')', child);
        EXECUTE format('CREATE TRIGGER case_list_update AFTER UPDATE ON %s REFERENCING OLD TABLE AS old_rows '
                       'NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION legal.case_list_follow(''case_id'')', child);
        EXECUTE format('CREATE TRIGGER case_list_delete AFTER DELETE ON %s REFERENCING OLD TABLE AS old_rows '
                       'FOR EACH STATEMENT EXECUTE FUNCTION legal.case_list_follow(''case_id'')', child);
    END LOOP;
END
$$;
CREATE TRIGGER case_list_update AFTER UPDATE ON core.people REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION legal.case_list_follow_person();
CREATE TRIGGER case_list_insert AFTER INSERT ON core.person_aliases REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION legal.case_list_follow_person();
CREATE TRIGGER case_list_update AFTER UPDATE ON core.person_aliases REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION legal.case_list_follow_person();
CREATE TRIGGER case_list_delete AFTER DELETE ON core.person_aliases REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION legal.case_list_follow_person();
-- A user's name shows in the attorney column.
CREATE FUNCTION legal.case_list_follow_user() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp SET row_security = off AS $$
BEGIN
    PERFORM legal.refresh_case_list((
        SELECT array_agg(DISTINCT s.case_id) FROM new_rows n JOIN old_rows o ON o.id = n.id
        JOIN legal.case_staff s ON s.user_id = n.id WHERE n.full_name IS DISTINCT FROM o.full_name));
    RETURN NULL;
END
$$;
CREATE TRIGGER case_list_update AFTER UPDATE ON core.users REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION legal.case_list_follow_user();

SELECT legal.rebuild_case_list();

-- Searches a user saved on a screen (filter definitions as JSON, read back by the client's filter type).
CREATE TABLE core.saved_searches (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id     uuid NOT NULL REFERENCES core.users (id) ON DELETE CASCADE,
    screen      text NOT NULL CHECK (screen IN ('case_list', 'project_list', 'lead_list', 'document_search')),
    name        text NOT NULL CONSTRAINT saved_searches_name_not_blank CHECK (btrim(name) <> '' AND length(name) <= 80),
    definition  jsonb NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT saved_searches_unique_name UNIQUE (user_id, screen, name)
);
ALTER TABLE core.saved_searches ENABLE ROW LEVEL SECURITY;
ALTER TABLE core.saved_searches FORCE ROW LEVEL SECURITY;
CREATE POLICY own_searches ON core.saved_searches
    USING (user_id = (SELECT core.session_user_id()))
    WITH CHECK (user_id = (SELECT core.session_user_id()));
ALTER TABLE core.saved_searches ALTER COLUMN user_id SET DEFAULT core.session_user_id();
REVOKE ALL ON core.saved_searches FROM PUBLIC;
GRANT SELECT, INSERT, UPDATE, DELETE ON core.saved_searches TO ocms_user;
