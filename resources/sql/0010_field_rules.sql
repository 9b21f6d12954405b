-- Field-level rules: who may read and write which column (rules.field_policy), which external system is
-- the only source of a column (rules.authoritative_source), and new names from systems kept as aliases.

-- The SSN of a person: legal staff, field officers and connectors read and write it; external users never
-- (the row for them is already seeded in 0005).
INSERT INTO rules.field_policy (table_name, column_name, principal_kind, principal, can_read, can_write) VALUES
    ('core.people', 'ssn', 'role', 'ocms_legal', true, true),
    ('core.people', 'ssn', 'role', 'field_read', true, false),
    ('core.people', 'ssn', 'role', 'field_write', true, true),
    ('core.people', 'ssn', 'role', 'ocms_import', true, true);

-- Whether the signed-in user matches a policy principal: a group role, or a division by code.
CREATE FUNCTION rules.session_matches(p_kind text, p_principal text) RETURNS boolean
    LANGUAGE sql STABLE
    RETURN CASE p_kind
        WHEN 'role' THEN EXISTS (SELECT 1 FROM pg_roles r WHERE r.rolname = p_principal)
                         AND pg_has_role(session_user, p_principal, 'MEMBER')
        ELSE EXISTS (SELECT 1 FROM core.user_divisions ud JOIN core.users u ON u.id = ud.user_id
                     JOIN core.divisions d ON d.id = ud.division_id
                     WHERE u.login = session_user AND d.code = p_principal) END;

-- A column without policy rows is open to whoever may use the table; with rows, only matching principals.
CREATE FUNCTION rules.may_access(p_table text, p_column text, p_write boolean) RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
    RETURN NOT EXISTS (SELECT 1 FROM rules.field_policy WHERE table_name = p_table AND column_name = p_column)
        OR EXISTS (SELECT 1 FROM rules.field_policy
                   WHERE table_name = p_table AND column_name = p_column
                     AND CASE WHEN p_write THEN can_write ELSE can_read END
                     AND rules.session_matches(principal_kind, principal));
CREATE FUNCTION rules.may_read(p_table text, p_column text) RETURNS boolean
    LANGUAGE sql STABLE RETURN rules.may_access(p_table, p_column, false);
CREATE FUNCTION rules.may_write(p_table text, p_column text) RETURNS boolean
    LANGUAGE sql STABLE RETURN rules.may_access(p_table, p_column, true);

-- What the client shows hidden or read-only for the signed-in user (mirrors the server's rules).
CREATE FUNCTION rules.my_field_access()
    RETURNS TABLE (table_name text, column_name text, can_read boolean, can_write boolean)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
    BEGIN ATOMIC
        SELECT DISTINCT p.table_name, p.column_name, rules.may_read(p.table_name, p.column_name),
               rules.may_write(p.table_name, p.column_name)
        FROM rules.field_policy p
        UNION
        SELECT a.table_name, a.column_name, true, false FROM rules.authoritative_source a
        ORDER BY 1, 2;
    END;
GRANT EXECUTE ON FUNCTION rules.may_access, rules.may_read, rules.may_write, rules.my_field_access TO ocms_user;

CREATE FUNCTION rules.label(p_column text) RETURNS text
    LANGUAGE sql IMMUTABLE
    RETURN upper(left(replace(p_column, '_', ' '), 1)) || substr(replace(p_column, '_', ' '), 2);

-- Writes: a policy column may be set only by those the policy lets write it. On insert, an empty value
-- (NULL or false) is not a write.
CREATE FUNCTION rules.enforce_field_policy() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
    qualified text := TG_TABLE_SCHEMA || '.' || TG_TABLE_NAME;
    new_values hstore := hstore(NEW);
    old_values hstore := CASE WHEN TG_OP = 'UPDATE' THEN hstore(OLD) ELSE ''::hstore END;
    policy record;
BEGIN
    IF (SELECT rolsuper FROM pg_roles WHERE rolname = session_user) THEN
        RETURN NEW; -- the database owner's own maintenance (migrations, seeding)
    END IF;
    FOR policy IN SELECT DISTINCT column_name FROM rules.field_policy WHERE table_name = qualified LOOP
        IF (TG_OP = 'UPDATE' AND (old_values -> policy.column_name) IS DISTINCT FROM (new_values -> policy.column_name))
           OR (TG_OP = 'INSERT' AND coalesce(new_values -> policy.column_name, 'f') <> 'f') THEN
            IF NOT rules.may_write(qualified, policy.column_name) THEN
                RAISE EXCEPTION '% may not be changed by you: the field is restricted (field policy).',
                    rules.label(policy.column_name) USING ERRCODE = 'OC403';
            END IF;
        END IF;
    END LOOP;
    RETURN NEW;
END
$$;

-- Authoritative sources: only the named system (through a connector, source system:<name>) changes the
-- column; an administrator may correct it through rules.correct_value(), audited as a correction.
CREATE FUNCTION rules.enforce_authoritative_source() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
    qualified text := TG_TABLE_SCHEMA || '.' || TG_TABLE_NAME;
    new_values hstore := hstore(NEW);
    old_values hstore := hstore(OLD);
    source text := audit.current_source();
    rule record;
BEGIN
    IF (SELECT rolsuper FROM pg_roles WHERE rolname = session_user) THEN
        RETURN NEW; -- the database owner's own maintenance (migrations, seeding)
    END IF;
    FOR rule IN SELECT column_name, system FROM rules.authoritative_source WHERE table_name = qualified LOOP
        CONTINUE WHEN (old_values -> rule.column_name) IS NOT DISTINCT FROM (new_values -> rule.column_name);
        CONTINUE WHEN source = 'system:' || lower(rule.system) AND pg_has_role(session_user, 'ocms_import', 'MEMBER');
        CONTINUE WHEN source = 'correction' AND current_setting('ocms.correction_by', true) = session_user
                      AND pg_has_role(session_user, 'ocms_admin', 'MEMBER');
        RAISE EXCEPTION '% comes from % and cannot be changed here. Ask an administrator to correct it, or have % corrected.',
            rules.label(rule.column_name), rule.system, rule.system USING ERRCODE = 'OC403';
    END LOOP;
    RETURN NEW;
END
$$;

-- New names from another system become aliases; the name on record stays (PIA 2.4).
CREATE FUNCTION core.keep_name_add_alias() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    IF audit.current_source() LIKE 'system:%'
       AND (NEW.family_name IS DISTINCT FROM OLD.family_name OR NEW.given_name IS DISTINCT FROM OLD.given_name) THEN
        INSERT INTO core.person_aliases (id, person_id, family_name, given_name, source)
        SELECT gen_random_uuid(), NEW.id, NEW.family_name, NEW.given_name, audit.current_source()
        WHERE NOT EXISTS (SELECT 1 FROM core.person_aliases a WHERE a.person_id = NEW.id
                          AND a.family_name = NEW.family_name AND a.given_name IS NOT DISTINCT FROM NEW.given_name);
        NEW.family_name := OLD.family_name;
        NEW.given_name := OLD.given_name;
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER people_names_from_systems BEFORE UPDATE ON core.people
    FOR EACH ROW EXECUTE FUNCTION core.keep_name_add_alias();

DO $$
DECLARE
    target text;
BEGIN
    FOR target IN SELECT DISTINCT table_name FROM rules.field_policy LOOP
        EXECUTE format('CREATE TRIGGER field_policy BEFORE INSERT OR UPDATE ON %s FOR EACH ROW '
                       'EXECUTE FUNCTION rules.enforce_field_policy()', target);
    END LOOP;
    FOR target IN SELECT DISTINCT table_name FROM rules.authoritative_source LOOP
        EXECUTE format('CREATE TRIGGER authoritative_source BEFORE UPDATE ON %s FOR EACH ROW '
                       'EXECUTE FUNCTION rules.enforce_authoritative_source()', target);
    END LOOP;
END
$$;

-- An administrator's correction of an authoritative value, recorded in the audit trail as a correction.
CREATE FUNCTION rules.correct_value(p_table text, p_record uuid, p_column text, p_value text, p_reason text)
    RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    column_type text;
BEGIN
    IF NOT pg_has_role(session_user, 'ocms_admin', 'MEMBER') THEN
        RAISE EXCEPTION 'Only an administrator can correct a value that comes from another system.' USING ERRCODE = 'OC403';
    END IF;
    IF coalesce(btrim(p_reason), '') = '' THEN
        RAISE EXCEPTION 'Give the reason for the correction.' USING ERRCODE = 'OC001';
    END IF;
    IF NOT EXISTS (SELECT 1 FROM rules.authoritative_source WHERE table_name = p_table AND column_name = p_column) THEN
        RAISE EXCEPTION '% of % is not an authoritative value.', p_column, p_table USING ERRCODE = 'OC001';
    END IF;
    SELECT format_type(a.atttypid, a.atttypmod) INTO column_type FROM pg_attribute a
    WHERE a.attrelid = p_table::regclass AND a.attname = p_column AND NOT a.attisdropped;
    PERFORM set_config('ocms.source', 'correction', true);
    PERFORM set_config('ocms.correction_by', session_user, true);
    INSERT INTO audit.events (action, table_name, record_id, changes, source)
    VALUES ('correction', p_table, p_record, jsonb_build_object('reason', p_reason, 'column', p_column)::text, 'correction');
    EXECUTE format('UPDATE %s SET %I = $1::%s WHERE id = $2', p_table::regclass, p_column, column_type)
        USING p_value, p_record;
    PERFORM set_config('ocms.source', '', true);
    PERFORM set_config('ocms.correction_by', '', true);
END
$$;
REVOKE ALL ON FUNCTION rules.correct_value FROM PUBLIC;
GRANT EXECUTE ON FUNCTION rules.correct_value TO ocms_admin;

-- Reads: policy columns are not readable from the table directly; the secure view shows them to those
-- the policy lets read, and NULL to everyone else. The view belongs to a role without privileges of its
-- own beyond reading the table, and row security (which tests the session user) still applies.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'ocms_view_owner') THEN
        CREATE ROLE ocms_view_owner NOLOGIN;
    END IF;
END
$$;
GRANT USAGE ON SCHEMA legal, rules, core TO ocms_view_owner;
GRANT SELECT ON legal.cases TO ocms_view_owner;
GRANT EXECUTE ON FUNCTION rules.may_read, rules.may_access TO ocms_view_owner;

CREATE VIEW legal.case_records WITH (security_barrier) AS
SELECT c.id, c.created_at, c.case_number, c.category, c.case_type, c.forum, c.court_name, c.a_number, c.title,
       c.status, c.office_id, c.division_id, c.created_by, c.opened_on, c.closed_on, c.last_action_at,
       c.custody_status,
       CASE WHEN rules.may_read('legal.cases', 'national_security_flag') THEN c.national_security_flag END
           AS national_security_flag,
       CASE WHEN rules.may_read('legal.cases', 'national_security_notes') THEN c.national_security_notes END
           AS national_security_notes,
       c.initial_disposition, c.initial_disposition_on, c.appeal_disposition, c.appeal_disposition_on,
       c.claim_amount, c.incident_on, c.incident_summary, c.judgment_on, c.appeals_exhausted_on, c.final_order_on,
       c.updated_at, c.deleted_at, c.row_version
FROM legal.cases c;
ALTER VIEW legal.case_records OWNER TO ocms_view_owner;
GRANT SELECT ON legal.case_records TO ocms_legal, ocms_readonly_external, ocms_import;

DO $$
DECLARE
    readable text;
BEGIN
    SELECT string_agg(quote_ident(a.attname), ', ' ORDER BY a.attnum) INTO readable
    FROM pg_attribute a
    WHERE a.attrelid = 'legal.cases'::regclass AND a.attnum > 0 AND NOT a.attisdropped
      AND a.attname NOT IN (SELECT column_name FROM rules.field_policy WHERE table_name = 'legal.cases');
    REVOKE SELECT ON legal.cases FROM ocms_legal, ocms_readonly_external, ocms_import, ocms_field;
    EXECUTE format('GRANT SELECT (%s) ON legal.cases TO ocms_legal, ocms_readonly_external, ocms_import, ocms_field',
                   readable);
END
$$;

-- The case record, read through the secure view and its view logged in the same call; row security
-- applies as for any read.
CREATE FUNCTION legal.read_case(p_case uuid) RETURNS SETOF legal.case_records
    LANGUAGE plpgsql AS $$
BEGIN
    RETURN QUERY SELECT * FROM legal.case_records WHERE id = p_case;
    IF FOUND THEN
        PERFORM audit.log_view('legal.cases', p_case);
    END IF;
END
$$;
GRANT EXECUTE ON FUNCTION legal.read_case TO ocms_legal, ocms_readonly_external;

-- External users cannot read the SSN column at all (the policy above); everyone else reads people directly.
DO $$
DECLARE
    readable text;
BEGIN
    SELECT string_agg(quote_ident(a.attname), ', ' ORDER BY a.attnum) INTO readable
    FROM pg_attribute a
    WHERE a.attrelid = 'core.people'::regclass AND a.attnum > 0 AND NOT a.attisdropped AND a.attname <> 'ssn';
    REVOKE SELECT ON core.people FROM ocms_readonly_external;
    EXECUTE format('GRANT SELECT (%s) ON core.people TO ocms_readonly_external', readable);
END
$$;
