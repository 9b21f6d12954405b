-- Photographs (mug shots) of fugitive records and a lead's field office point of contact (FCMS PIA: criminal
-- history "mug shots"; lead information "DRO Field Office point of contact").

-- A photograph shows stored content: a JPEG or PNG of at most 10 MiB that its adder uploaded (holds the
-- claim the upload handed them), so nobody can expose someone else's content by naming its id.
CREATE FUNCTION field.check_photograph() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    content record;
    head bytea;
BEGIN
    IF TG_OP = 'INSERT' THEN
        IF NOT EXISTS (SELECT 1 FROM docs.content_claims k
                       WHERE k.content_id = NEW.content_id AND k.user_id = core.session_user_id()) THEN
            RAISE EXCEPTION 'Only a picture you have just uploaded can be added as a photograph.' USING ERRCODE = 'OC403';
        END IF;
        SELECT c.byte_size, c.finished_at INTO content FROM docs.contents c WHERE c.id = NEW.content_id;
        IF content.finished_at IS NULL THEN
            RAISE EXCEPTION 'The picture''s upload is not finished.' USING ERRCODE = 'OC422';
        END IF;
        IF content.byte_size > 10 * 1024 * 1024 THEN
            RAISE EXCEPTION 'A photograph may be at most 10 MiB; this one is % MiB.', round(content.byte_size / 1048576.0, 1)
                USING ERRCODE = 'OC422';
        END IF;
        SELECT substring(k.data FROM 1 FOR 8) INTO head FROM docs.content_chunks k
            WHERE k.content_id = NEW.content_id AND k.chunk_no = 0;
        IF head IS NULL OR NOT (substring(head FROM 1 FOR 3) = '\xffd8ff'::bytea OR head = '\x89504e470d0a1a0a'::bytea) THEN
            RAISE EXCEPTION 'A photograph must be a JPEG or PNG image.' USING ERRCODE = 'OC422';
        END IF;
    END IF;
    IF NEW.taken_on IS NOT NULL AND (NEW.taken_on < DATE '1900-01-01' OR NEW.taken_on > current_date) THEN
        RAISE EXCEPTION 'The date a photograph was taken cannot be in the future or before 1900.' USING ERRCODE = 'OC422';
    END IF;
    NEW.caption := nullif(btrim(NEW.caption), '');
    RETURN NEW;
END
$$;
CREATE TRIGGER photographs_checked BEFORE INSERT OR UPDATE OF taken_on, caption ON field.photographs
    FOR EACH ROW EXECUTE FUNCTION field.check_photograph();

-- A photograph stays what it showed: its content and fugitive never change (captions and dates may be corrected;
-- headquarters may delete one entered in error, and the audit trail keeps both).
CREATE FUNCTION field.refuse_photograph_move() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'A photograph''s picture and fugitive cannot be changed; add a new photograph instead.' USING ERRCODE = 'OC403';
END
$$;
CREATE TRIGGER photographs_fixed BEFORE UPDATE OF content_id, fugitive_id ON field.photographs
    FOR EACH ROW WHEN (NEW.content_id IS DISTINCT FROM OLD.content_id OR NEW.fugitive_id IS DISTINCT FROM OLD.fugitive_id)
    EXECUTE FUNCTION field.refuse_photograph_move();
CREATE INDEX photographs_content_idx ON field.photographs (content_id);

-- A lead's point of contact is an active field officer: a member of a fugitive operations team, or a user
-- with field access (anyone else would not see the lead).
CREATE FUNCTION field.is_field_officer(p_user uuid) RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
    RETURN EXISTS (SELECT 1 FROM core.users u WHERE u.id = p_user AND u.active
                   AND (EXISTS (SELECT 1 FROM field.team_members m WHERE m.user_id = u.id)
                        OR EXISTS (SELECT 1 FROM pg_roles r WHERE r.rolname = u.login
                                   AND pg_has_role(r.oid, 'ocms_field', 'MEMBER'))));
GRANT EXECUTE ON FUNCTION field.is_field_officer TO ocms_user;

CREATE FUNCTION field.check_point_of_contact() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    IF NOT field.is_field_officer(NEW.poc_user_id) THEN
        RAISE EXCEPTION 'The point of contact of a lead must be an active field officer.' USING ERRCODE = 'OC422';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER leads_point_of_contact BEFORE INSERT OR UPDATE OF poc_user_id ON field.leads
    FOR EACH ROW WHEN (NEW.poc_user_id IS NOT NULL) EXECUTE FUNCTION field.check_point_of_contact();

-- Every field role sees the pictures of the photographs it may see (read-only analysts included; the
-- contents policy lets a picture through only by a photograph, version or claim the reader can see).
GRANT SELECT ON docs.contents, docs.content_chunks TO ocms_field;

-- Routing never sends a lead to an inactive team: a jurisdiction names an active team, and a team keeps
-- its ZIP codes until they are given to another team, so it cannot be deactivated while it still has any.
CREATE FUNCTION field.check_jurisdiction_team() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM field.teams t WHERE t.id = NEW.team_id AND t.active) THEN
        RAISE EXCEPTION 'ZIP code % cannot go to an inactive team: leads routed there would reach nobody.', NEW.zip
            USING ERRCODE = 'OC422';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER jurisdictions_active_team BEFORE INSERT OR UPDATE OF team_id ON field.jurisdictions
    FOR EACH ROW EXECUTE FUNCTION field.check_jurisdiction_team();

CREATE FUNCTION field.check_team_deactivation() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    zips bigint;
BEGIN
    SELECT count(*) INTO zips FROM field.jurisdictions j WHERE j.team_id = NEW.id;
    IF zips > 0 THEN
        RAISE EXCEPTION 'Team % still covers % ZIP code%: give them to another team before deactivating it.',
            NEW.code, zips, CASE WHEN zips = 1 THEN '' ELSE 's' END USING ERRCODE = 'OC422';
    END IF;
    RETURN NEW;
END
$$;
-- ZIP codes still given to a team deactivated before this rule go to the headquarters queue.
DELETE FROM field.jurisdictions j USING field.teams t WHERE t.id = j.team_id AND NOT t.active;
CREATE TRIGGER teams_deactivation BEFORE UPDATE OF active ON field.teams
    FOR EACH ROW WHEN (OLD.active AND NOT NEW.active) EXECUTE FUNCTION field.check_team_deactivation();
