-- Logon control: successful logons recorded by the client, failed ones read from the server's CSV log
-- (`ocmsctl audit ingest-log`, so a modified client cannot hide them); too many failures in the window
-- disable the login role until the help desk or an administrator unlocks it.
ALTER TABLE audit.events DROP CONSTRAINT events_action_check;
ALTER TABLE audit.events ADD CONSTRAINT events_action_check
    CHECK (action IN ('insert', 'update', 'delete', 'view', 'logon', 'logon_failed', 'lockout', 'unlock',
                      'correction', 'export', 'purge', 'account'));

ALTER TABLE core.users ADD COLUMN locked_at timestamptz;
ALTER TABLE core.users ADD COLUMN unlocked_at timestamptz;

-- Log lines already read, so reading a log twice records nothing twice.
CREATE TABLE audit.ingested_log_lines (
    line_key    text PRIMARY KEY,
    ingested_at timestamptz NOT NULL DEFAULT now()
);

CREATE FUNCTION audit.record_failed_logon(p_login text, p_at timestamptz, p_host text, p_line_key text)
    RETURNS boolean
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    INSERT INTO audit.ingested_log_lines (line_key) VALUES (p_line_key) ON CONFLICT DO NOTHING;
    IF NOT FOUND THEN
        RETURN false;
    END IF;
    INSERT INTO audit.events (occurred_at, action, db_user, source, client_host)
    VALUES (p_at, 'logon_failed', p_login, 'system:server-log', p_host);
    RETURN true;
END
$$;

-- Disables every known account with too many recent failures since its last unlock; returns the logins.
CREATE FUNCTION audit.apply_lockouts() RETURNS SETOF text
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    failure_limit integer := coalesce((SELECT value::integer FROM rules.settings WHERE key = 'logon_failure_limit'), 3);
    window_minutes integer := coalesce((SELECT value::integer FROM rules.settings WHERE key = 'logon_failure_window_minutes'), 15);
    account record;
BEGIN
    FOR account IN
        SELECT u.id, u.login FROM core.users u
        WHERE u.locked_at IS NULL
          AND (SELECT count(*) FROM audit.events e
               WHERE e.action = 'logon_failed' AND e.db_user = u.login
                 AND e.occurred_at > greatest(now() - make_interval(mins => window_minutes),
                                              coalesce(u.unlocked_at, '-infinity'))) >= failure_limit
    LOOP
        IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = account.login) THEN
            EXECUTE format('ALTER ROLE %I NOLOGIN', account.login);
        END IF;
        UPDATE core.users SET locked_at = now() WHERE id = account.id;
        INSERT INTO audit.events (action, table_name, record_id, db_user, source, changes)
        VALUES ('lockout', 'core.users', account.id, account.login, 'system:lockout',
                jsonb_build_object('limit', failure_limit, 'window_minutes', window_minutes)::text);
        RETURN NEXT account.login;
    END LOOP;
END
$$;

-- The help desk or an administrator lets a locked account log on again.
CREATE FUNCTION core.unlock_user(p_login text) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    account uuid;
BEGIN
    IF NOT (pg_has_role(session_user, 'ocms_helpdesk', 'MEMBER') OR pg_has_role(session_user, 'ocms_admin', 'MEMBER')) THEN
        RAISE EXCEPTION 'Only the help desk or an administrator can unlock an account.' USING ERRCODE = 'OC403';
    END IF;
    SELECT id INTO account FROM core.users WHERE login = p_login;
    IF account IS NULL THEN
        RAISE EXCEPTION 'There is no user %.', p_login USING ERRCODE = 'OC001';
    END IF;
    EXECUTE format('ALTER ROLE %I LOGIN', p_login);
    UPDATE core.users SET locked_at = NULL, unlocked_at = now() WHERE id = account;
    INSERT INTO audit.events (action, table_name, record_id, source, changes)
    VALUES ('unlock', 'core.users', account, 'manual', jsonb_build_object('login', p_login)::text);
END
$$;

REVOKE ALL ON FUNCTION audit.record_failed_logon, audit.apply_lockouts, core.unlock_user FROM PUBLIC;
GRANT EXECUTE ON FUNCTION audit.record_failed_logon, audit.apply_lockouts TO ocms_admin;
GRANT EXECUTE ON FUNCTION core.unlock_user TO ocms_helpdesk, ocms_admin;
