-- The lead board (issue 7): indexes that answer a board's filters and orders a page at a time over
-- millions of leads, the server's bookkeeping when a lead's status changes, and the version functions a
-- save that lost a race reads to say who saved first.

-- Every index is partial on live leads and carries (INCLUDE) the columns the other filters read, so a
-- filter is answered from the index alone and stops as soon as a page of rows is found.
-- A team's board by priority (any status; open ones are most of a team's leads).
CREATE INDEX leads_board_team_idx ON field.leads (team_id, priority_score DESC NULLS LAST, id DESC)
    INCLUDE (status, created_at, address_zip, source_id) WHERE deleted_at IS NULL;
-- A team's leads of one status by priority, and the capped status counts. Supersedes (team_id, status).
CREATE INDEX leads_board_team_status_idx ON field.leads (team_id, status, priority_score DESC NULLS LAST, id DESC)
    INCLUDE (created_at, address_zip, source_id) WHERE deleted_at IS NULL;
DROP INDEX field.leads_team_status_idx;
-- Headquarters over every team: by priority, and one status by priority (with the capped counts).
CREATE INDEX leads_board_priority_idx ON field.leads (priority_score DESC NULLS LAST, id DESC)
    INCLUDE (status, team_id, created_at, address_zip, source_id) WHERE deleted_at IS NULL;
CREATE INDEX leads_board_status_idx ON field.leads (status, priority_score DESC NULLS LAST, id DESC)
    INCLUDE (team_id, created_at, address_zip, source_id) WHERE deleted_at IS NULL;
-- ZIP ranges in ZIP order, and ages (recorded since / before): each its own key. The ZIP one supersedes
-- the plain (address_zip) index.
CREATE INDEX leads_board_zip_idx ON field.leads (address_zip, id) INCLUDE (status, team_id, priority_score)
    WHERE deleted_at IS NULL;
DROP INDEX field.leads_address_zip_idx;
CREATE INDEX leads_board_recorded_idx ON field.leads (created_at, id) INCLUDE (status, team_id, priority_score)
    WHERE deleted_at IS NULL;

-- A lead's status: closing stamps when and needs a reason (so does marking it invalid); reopening clears
-- the stamp. Kept by the server, whoever writes.
CREATE FUNCTION field.lead_status_changed() RETURNS trigger
    LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    IF NEW.status IN ('closed', 'invalid') AND coalesce(btrim(NEW.close_reason), '') = '' THEN
        RAISE EXCEPTION 'Give the reason the lead is % (e.g. subject not at the address).',
            CASE NEW.status WHEN 'closed' THEN 'closed' ELSE 'marked invalid' END USING ERRCODE = 'OC422';
    END IF;
    IF NEW.status = 'closed' THEN
        NEW.closed_at := coalesce(NEW.closed_at, now());
    ELSE
        NEW.closed_at := NULL;
    END IF;
    IF NEW.status NOT IN ('closed', 'invalid') THEN
        NEW.close_reason := NULL;
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER leads_status_changed BEFORE UPDATE OF status ON field.leads
    FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status) EXECUTE FUNCTION field.lead_status_changed();

-- Who changed a fugitive record or a lead last, from the audit trail (the tables keep no "updated by").
CREATE FUNCTION field.record_version(p_table text, p_id uuid)
    RETURNS TABLE (row_version bigint, updated_at timestamptz, updated_by_name text)
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    IF p_table NOT IN ('field.fugitives', 'field.leads') THEN
        RAISE EXCEPTION 'No version for %', p_table USING ERRCODE = 'OC422';
    END IF;
    -- Only for a record the caller can see (row security of the caller, not of this function's owner).
    IF NOT pg_has_role(session_user, 'ocms_field', 'MEMBER') THEN
        RETURN;
    END IF;
    RETURN QUERY EXECUTE format(
        'SELECT r.row_version, r.updated_at, '
        '  (SELECT coalesce(u.full_name, e.db_user) FROM audit.events e LEFT JOIN core.users u ON u.login = e.db_user '
        '   WHERE e.table_name = %L AND e.record_id = r.id ORDER BY e.occurred_at DESC, e.id DESC LIMIT 1) '
        'FROM %s r WHERE r.id = $1 AND r.deleted_at IS NULL', p_table, p_table) USING p_id;
END
$$;
REVOKE ALL ON FUNCTION field.record_version FROM PUBLIC;
GRANT EXECUTE ON FUNCTION field.record_version TO ocms_field;
CREATE FUNCTION field.fugitive_version(p_id uuid)
    RETURNS TABLE (row_version bigint, updated_at timestamptz, updated_by_name text)
    LANGUAGE sql STABLE
    BEGIN ATOMIC
        SELECT * FROM field.record_version('field.fugitives', p_id);
    END;
CREATE FUNCTION field.lead_version(p_id uuid)
    RETURNS TABLE (row_version bigint, updated_at timestamptz, updated_by_name text)
    LANGUAGE sql STABLE
    BEGIN ATOMIC
        SELECT * FROM field.record_version('field.leads', p_id);
    END;
GRANT EXECUTE ON FUNCTION field.fugitive_version, field.lead_version TO ocms_field;

ANALYZE field.leads;
