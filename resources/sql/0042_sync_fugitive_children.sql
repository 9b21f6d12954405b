-- Offline copies (issue 8): a conviction or photograph added, corrected or removed reaches the laptops that
-- hold its fugitive record, and photographs travel to the laptops at all.
--
-- Convictions. The record's detail carries the conviction summaries, but convictions have no
-- written_xid of their own (and a deleted row leaves none to find), so the incremental pull never saw such a
-- change. Each statement on field.convictions now touches its fugitive records (touch_row moves their
-- written_xid and row_version), which sync.fugitive_candidates already follows. The touch changes only
-- bookkeeping columns, so it writes no audit row of its own; the conviction's own audit row says what changed.
CREATE FUNCTION field.convictions_touch_fugitives() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp SET row_security = off AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        UPDATE field.fugitives f SET written_xid = pg_current_xact_id()
        WHERE f.id IN (SELECT n.fugitive_id FROM new_rows n);
    ELSIF TG_OP = 'UPDATE' THEN
        UPDATE field.fugitives f SET written_xid = pg_current_xact_id()
        WHERE f.id IN (SELECT n.fugitive_id FROM new_rows n UNION SELECT o.fugitive_id FROM old_rows o);
    ELSE
        UPDATE field.fugitives f SET written_xid = pg_current_xact_id()
        WHERE f.id IN (SELECT o.fugitive_id FROM old_rows o);
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER convictions_touch_insert AFTER INSERT ON field.convictions REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION field.convictions_touch_fugitives();
CREATE TRIGGER convictions_touch_update AFTER UPDATE ON field.convictions REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION field.convictions_touch_fugitives();
CREATE TRIGGER convictions_touch_delete AFTER DELETE ON field.convictions REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION field.convictions_touch_fugitives();

-- Photographs: the same touch, and their pull. A laptop keeps a fugitive record's photographs beside it (for
-- identification in the field). Every fugitive record the pull brings comes with all its photographs, one row
-- each, or — for a record the laptop already holds — one row with no photograph when it has none left: the
-- laptop replaces what it held for that record, so a photograph removed on the server leaves the copy too. Read as the user (row security);
-- the bytes are the stored content's chunks joined (photographs are at most 10 MiB on upload).
CREATE TRIGGER photographs_touch_insert AFTER INSERT ON field.photographs REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION field.convictions_touch_fugitives();
CREATE TRIGGER photographs_touch_update AFTER UPDATE ON field.photographs REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION field.convictions_touch_fugitives();
CREATE TRIGGER photographs_touch_delete AFTER DELETE ON field.photographs REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION field.convictions_touch_fugitives();
COMMENT ON FUNCTION field.convictions_touch_fugitives() IS
    'Moves the written_xid of the fugitive records whose convictions or photographs a statement changed.';

CREATE FUNCTION sync.pull_photographs(p_since xid8, p_known uuid[])
    RETURNS TABLE (fugitive_id uuid, id uuid, taken_on date, caption text, image bytea)
    LANGUAGE sql STABLE
BEGIN ATOMIC
    SELECT c.id, ph.id, ph.taken_on, ph.caption,
           (SELECT string_agg(ch.data, ''::bytea ORDER BY ch.chunk_no) FROM docs.content_chunks ch WHERE ch.content_id = ph.content_id)
    FROM sync.fugitive_candidates(p_since, p_known) AS c(id)
    LEFT JOIN field.photographs ph ON ph.fugitive_id = c.id
    WHERE ph.id IS NOT NULL OR c.id = ANY (p_known)
    ORDER BY c.id, ph.taken_on DESC NULLS LAST, ph.created_at DESC;
END;
GRANT EXECUTE ON FUNCTION sync.pull_photographs TO ocms_user;
