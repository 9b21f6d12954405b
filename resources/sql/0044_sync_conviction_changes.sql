-- Offline copies (issue 8): a conviction added, corrected or removed reaches the laptops that hold its
-- fugitive record. The record's detail carries the conviction summaries, but convictions have no
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
