-- Account administration as server functions: the settings panel and `ocmsctl user` call the same ones.
-- The help desk creates accounts, resets passwords, unlocks and assigns divisions, but never grants or
-- touches administrator accounts; only administrators grant the administrator and help desk roles.

CREATE FUNCTION core.require_account_manager(p_groups text[] DEFAULT '{}', p_target text DEFAULT NULL) RETURNS void
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    is_admin boolean := pg_has_role(session_user, 'ocms_admin', 'MEMBER');
BEGIN
    IF NOT is_admin AND NOT pg_has_role(session_user, 'ocms_helpdesk', 'MEMBER') THEN
        RAISE EXCEPTION 'Only the help desk or an administrator can manage accounts.' USING ERRCODE = 'OC403';
    END IF;
    IF NOT is_admin AND p_groups && ARRAY['ocms_admin', 'ocms_helpdesk'] THEN
        RAISE EXCEPTION 'Only an administrator can grant the administrator or help desk role.' USING ERRCODE = 'OC403';
    END IF;
    IF NOT is_admin AND p_target IS NOT NULL AND EXISTS (SELECT 1 FROM pg_roles WHERE rolname = p_target)
       AND (pg_has_role(p_target, 'ocms_admin', 'MEMBER') OR pg_has_role(p_target, 'ocms_helpdesk', 'MEMBER')) THEN
        RAISE EXCEPTION 'Only an administrator can change an administrator or help desk account.' USING ERRCODE = 'OC403';
    END IF;
END
$$;

CREATE FUNCTION core.account_event(p_login text, p_what text) RETURNS void
    LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
    BEGIN ATOMIC
        INSERT INTO audit.events (action, table_name, record_id, source, changes)
        SELECT 'account', 'core.users', (SELECT id FROM core.users WHERE login = p_login), audit.current_source(),
               jsonb_build_object('login', p_login, 'change', p_what)::text;
    END;

CREATE FUNCTION core.create_user(p_login text, p_password text, p_full_name text, p_groups text[],
                                 p_office_code text, p_division_codes text[], p_title text DEFAULT NULL) RETURNS uuid
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    created uuid;
BEGIN
    PERFORM core.require_account_manager(p_groups);
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = p_login) THEN
        RAISE EXCEPTION 'The user name % is taken.', p_login USING ERRCODE = 'OC001';
    END IF;
    IF cardinality(p_groups) = 0 THEN
        RAISE EXCEPTION 'Give the new account at least one role.' USING ERRCODE = 'OC001';
    END IF;
    IF p_office_code IS NOT NULL AND NOT EXISTS (SELECT 1 FROM core.offices WHERE code = p_office_code) THEN
        RAISE EXCEPTION 'There is no office %.', p_office_code USING ERRCODE = 'OC001';
    END IF;
    created := core.create_login(p_login, p_password, p_full_name, p_groups, p_office_code, p_division_codes, p_title);
    PERFORM core.account_event(p_login, 'created with roles ' || array_to_string(p_groups, ', '));
    RETURN created;
END
$$;

CREATE FUNCTION core.set_user_active(p_login text, p_active boolean) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    PERFORM core.require_account_manager('{}', p_login);
    IF NOT EXISTS (SELECT 1 FROM core.users WHERE login = p_login) THEN
        RAISE EXCEPTION 'There is no user %.', p_login USING ERRCODE = 'OC001';
    END IF;
    EXECUTE format('ALTER ROLE %I %s', p_login, CASE WHEN p_active THEN 'LOGIN' ELSE 'NOLOGIN' END);
    UPDATE core.users SET active = p_active, updated_at = now() WHERE login = p_login;
    PERFORM core.account_event(p_login, CASE WHEN p_active THEN 'enabled' ELSE 'disabled' END);
END
$$;

CREATE FUNCTION core.reset_password(p_login text, p_password text) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    PERFORM core.require_account_manager('{}', p_login);
    IF NOT EXISTS (SELECT 1 FROM core.users WHERE login = p_login) THEN
        RAISE EXCEPTION 'There is no user %.', p_login USING ERRCODE = 'OC001';
    END IF;
    IF length(coalesce(p_password, '')) < 12 THEN
        RAISE EXCEPTION 'A password needs at least 12 characters.' USING ERRCODE = 'OC001';
    END IF;
    EXECUTE format('ALTER ROLE %I PASSWORD %L', p_login, p_password);
    PERFORM core.account_event(p_login, 'password reset');
END
$$;

CREATE FUNCTION core.set_user_role(p_login text, p_group text, p_granted boolean) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    PERFORM core.require_account_manager(ARRAY[p_group], p_login);
    IF p_group NOT IN ('ocms_attorney', 'ocms_support', 'ocms_readonly_external', 'ocms_admin', 'ocms_helpdesk',
                       'field_read', 'field_write', 'field_full', 'field_admin', 'ocms_import') THEN
        RAISE EXCEPTION 'Unknown role %.', p_group USING ERRCODE = 'OC001';
    END IF;
    IF NOT EXISTS (SELECT 1 FROM core.users WHERE login = p_login) THEN
        RAISE EXCEPTION 'There is no user %.', p_login USING ERRCODE = 'OC001';
    END IF;
    IF p_granted THEN
        PERFORM core.ensure_membership(p_login, p_group);
    ELSE
        EXECUTE format('REVOKE %I FROM %I', p_group, p_login);
    END IF;
    PERFORM core.account_event(p_login, CASE WHEN p_granted THEN 'granted ' ELSE 'revoked ' END || p_group);
END
$$;

CREATE FUNCTION core.set_user_divisions(p_login text, p_division_codes text[]) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    account uuid;
    unknown text;
BEGIN
    PERFORM core.require_account_manager('{}', p_login);
    SELECT id INTO account FROM core.users WHERE login = p_login;
    IF account IS NULL THEN
        RAISE EXCEPTION 'There is no user %.', p_login USING ERRCODE = 'OC001';
    END IF;
    SELECT string_agg(wanted.division_code, ', ') INTO unknown FROM unnest(p_division_codes) AS wanted (division_code)
    WHERE NOT EXISTS (SELECT 1 FROM core.divisions d WHERE d.code = wanted.division_code);
    IF unknown IS NOT NULL THEN
        RAISE EXCEPTION 'There is no division %.', unknown USING ERRCODE = 'OC001';
    END IF;
    DELETE FROM core.user_divisions WHERE user_id = account;
    INSERT INTO core.user_divisions (user_id, division_id)
    SELECT account, id FROM core.divisions WHERE code = ANY (p_division_codes);
END
$$;

REVOKE ALL ON FUNCTION core.require_account_manager, core.account_event, core.create_user, core.set_user_active,
                       core.reset_password, core.set_user_role, core.set_user_divisions FROM PUBLIC;
GRANT EXECUTE ON FUNCTION core.create_user, core.set_user_active, core.reset_password, core.set_user_role,
                          core.set_user_divisions TO ocms_admin, ocms_helpdesk;
