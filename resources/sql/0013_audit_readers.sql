-- Audit reader for the administrators' audit viewer: filters by user, table, record, time, source and
-- action, newest first, with old and new values; a record's full history is the record filter alone.
CREATE FUNCTION audit.find_events(p_user text DEFAULT NULL, p_table text DEFAULT NULL, p_record uuid DEFAULT NULL,
                                  p_from timestamptz DEFAULT NULL, p_to timestamptz DEFAULT NULL,
                                  p_source text DEFAULT NULL, p_action text DEFAULT NULL, p_limit integer DEFAULT 500)
    RETURNS TABLE (id bigint, occurred_at timestamptz, action text, table_name text, record_id uuid, db_user text,
                   source text, client_host text, changes jsonb, sealed boolean)
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    IF NOT pg_has_role(session_user, 'ocms_admin', 'MEMBER') THEN
        RAISE EXCEPTION 'Only an administrator can read the audit trail.' USING ERRCODE = 'OC403';
    END IF;
    RETURN QUERY
        SELECT e.id, e.occurred_at, e.action, e.table_name, e.record_id, e.db_user, e.source, e.client_host,
               e.changes::jsonb, e.hash IS NOT NULL
        FROM audit.events e
        WHERE (p_user IS NULL OR e.db_user = p_user)
          AND (p_table IS NULL OR e.table_name = p_table)
          AND (p_record IS NULL OR e.record_id = p_record)
          AND (p_from IS NULL OR e.occurred_at >= p_from)
          AND (p_to IS NULL OR e.occurred_at < p_to)
          AND (p_source IS NULL OR e.source = p_source)
          AND (p_action IS NULL OR e.action = p_action)
        ORDER BY e.id DESC
        LIMIT least(greatest(p_limit, 1), 10000);
END
$$;
REVOKE ALL ON FUNCTION audit.find_events FROM PUBLIC;
GRANT EXECUTE ON FUNCTION audit.find_events TO ocms_admin;
