-- Field operations rules (issue 7): leads routed by ZIP jurisdiction or to the headquarters queue, hand
-- reassignment with history, append-only activities, arrests that set the fugitive in custody, and a
-- configurable priority score. Security is the server's; the client only mirrors it.
--
-- The headquarters queue: a lead with team_id NULL (no team's jurisdiction covers its ZIP, or it has no
-- ZIP) waits for headquarters to assign it by hand. History rows may therefore go "to" NULL as well.
ALTER TABLE field.lead_assignments ALTER COLUMN to_team_id DROP NOT NULL;
COMMENT ON COLUMN field.lead_assignments.to_team_id IS 'NULL: the headquarters queue';
COMMENT ON COLUMN field.lead_assignments.assigned_by IS '''routing'' (the server, by ZIP jurisdiction) or the login who assigned by hand';
COMMENT ON COLUMN field.leads.team_id IS 'NULL: the headquarters queue (no team covers the ZIP)';
CREATE INDEX leads_headquarters_queue_idx ON field.leads (created_at)
    WHERE team_id IS NULL AND status IN ('new', 'assigned', 'in_progress') AND deleted_at IS NULL;

-- ---------------------------------------------------------------------------------------------------
-- Priority: threat to national security and community safety first (FCMS; issue 7 item 7).
--   fugitive threat score = sum of the weights of the factors that hold for the fugitive:
--     gang_member         the record names a gang affiliation
--     violent_conviction  a conviction whose offence matches a 'violent' pattern of rules.offence_categories
--     sex_offence         a conviction whose offence matches a 'sex' pattern
--     criminal            the fugitive is a criminal alien (any conviction on record)
--   lead priority score = fugitive threat score + relevance_score / 100 × weight of 'relevance'
-- With the default weights a gang member outranks any lead relevance, and a violent or sex offender
-- any non-violent criminal. Administrators change weights and patterns; scores follow at once.
CREATE TABLE rules.lead_priority_weights (
    factor      text PRIMARY KEY CHECK (factor IN ('gang_member', 'violent_conviction', 'sex_offence', 'criminal', 'relevance')),
    weight      numeric(6, 2) NOT NULL CONSTRAINT lead_priority_weights_weight_range CHECK (weight BETWEEN 0 AND 1000),
    description text NOT NULL
);
INSERT INTO rules.lead_priority_weights (factor, weight, description) VALUES
    ('gang_member', 40, 'Gang membership or affiliation on record'),
    ('violent_conviction', 30, 'At least one conviction for a violent offence'),
    ('sex_offence', 30, 'At least one conviction for a sex offence'),
    ('criminal', 10, 'Criminal alien: any conviction on record'),
    ('relevance', 10, 'Lead relevance score (0–100, e.g. a commercial provider''s), scaled to this weight');

CREATE TABLE rules.offence_categories (
    pattern     text PRIMARY KEY CONSTRAINT offence_categories_pattern_not_blank CHECK (btrim(pattern) <> ''),
    category    text NOT NULL CHECK (category IN ('violent', 'sex'))
);
COMMENT ON TABLE rules.offence_categories IS 'Offence text patterns (ILIKE) that make a conviction violent or a sex offence';
INSERT INTO rules.offence_categories (pattern, category) VALUES
    ('%assault%', 'violent'), ('%battery%', 'violent'), ('%domestic violence%', 'violent'), ('%homicide%', 'violent'),
    ('%murder%', 'violent'), ('%manslaughter%', 'violent'), ('%robbery%', 'violent'), ('%kidnap%', 'violent'),
    ('%weapon%', 'violent'), ('%firearm%', 'violent'), ('%arson%', 'violent'),
    ('%sexual%', 'sex'), ('%rape%', 'sex'), ('%indecen%', 'sex'), ('%child porn%', 'sex'), ('%sex offen%', 'sex');

GRANT SELECT ON rules.lead_priority_weights, rules.offence_categories TO ocms_user;
GRANT INSERT, UPDATE, DELETE ON rules.lead_priority_weights, rules.offence_categories TO ocms_admin, field_admin;
DO $$
DECLARE
    ruled text;
BEGIN
    FOREACH ruled IN ARRAY ARRAY['rules.lead_priority_weights', 'rules.offence_categories'] LOOP
        EXECUTE format('CREATE TRIGGER audit_insert AFTER INSERT ON %s REFERENCING NEW TABLE AS new_rows '
                       'FOR EACH STATEMENT EXECUTE FUNCTION audit.record_changes(''-'')', ruled);
        EXECUTE format('CREATE TRIGGER audit_update AFTER UPDATE ON %s REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows '
                       'FOR EACH STATEMENT EXECUTE FUNCTION audit.record_changes(''-'')', ruled);
        EXECUTE format('CREATE TRIGGER audit_delete AFTER DELETE ON %s REFERENCING OLD TABLE AS old_rows '
                       'FOR EACH STATEMENT EXECUTE FUNCTION audit.record_changes(''-'')', ruled);
    END LOOP;
END
$$;

ALTER TABLE field.fugitives ADD COLUMN threat_score numeric(7, 2) NOT NULL DEFAULT 0;
ALTER TABLE field.leads ADD COLUMN priority_score numeric(7, 2);
COMMENT ON COLUMN field.fugitives.threat_score IS 'Derived (rules.lead_priority_weights); kept by the server';
COMMENT ON COLUMN field.leads.priority_score IS 'Derived: fugitive threat + weighted relevance; kept by the server; the lead board sorts by it';

-- The threat score of a fugitive from its factors.
CREATE FUNCTION field.threat_of(p_gang text, p_criminal boolean, p_violent boolean, p_sex boolean) RETURNS numeric
    LANGUAGE sql STABLE
    RETURN (SELECT coalesce(sum(w.weight), 0) FROM rules.lead_priority_weights w
            WHERE (w.factor = 'gang_member' AND coalesce(btrim(p_gang), '') <> '')
               OR (w.factor = 'violent_conviction' AND p_violent)
               OR (w.factor = 'sex_offence' AND p_sex)
               OR (w.factor = 'criminal' AND p_criminal));

-- The priority score of a lead from its fugitive's threat score and its relevance.
CREATE FUNCTION field.lead_score(p_threat numeric, p_relevance numeric) RETURNS numeric
    LANGUAGE sql STABLE
    RETURN round(coalesce(p_threat, 0) + coalesce(p_relevance, 0) / 100.0
                 * coalesce((SELECT w.weight FROM rules.lead_priority_weights w WHERE w.factor = 'relevance'), 0), 2);

-- Recomputes the threat scores of the given fugitives (all when NULL) and the priority of their leads.
-- Also what a bulk load without triggers (session_replication_role = replica) runs afterwards.
CREATE FUNCTION field.refresh_priority_scores(p_fugitives uuid[] DEFAULT NULL) RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    changed bigint;
BEGIN
    WITH offences AS (
        SELECT c.fugitive_id, bool_or(oc.category = 'violent') AS violent, bool_or(oc.category = 'sex') AS sex
        FROM field.convictions c JOIN rules.offence_categories oc ON c.offense ILIKE oc.pattern
        WHERE p_fugitives IS NULL OR c.fugitive_id = ANY (p_fugitives)
        GROUP BY c.fugitive_id),
    scores AS (
        SELECT f.id, field.threat_of(f.gang_affiliation, f.criminal, coalesce(o.violent, false), coalesce(o.sex, false)) AS score
        FROM field.fugitives f LEFT JOIN offences o ON o.fugitive_id = f.id
        WHERE p_fugitives IS NULL OR f.id = ANY (p_fugitives))
    UPDATE field.fugitives f SET threat_score = s.score
    FROM scores s WHERE f.id = s.id AND f.threat_score IS DISTINCT FROM s.score;
    UPDATE field.leads l SET priority_score = field.lead_score(f.threat_score, l.relevance_score)
    FROM field.fugitives f
    WHERE f.id = l.fugitive_id AND (p_fugitives IS NULL OR l.fugitive_id = ANY (p_fugitives))
      AND l.priority_score IS DISTINCT FROM field.lead_score(f.threat_score, l.relevance_score);
    GET DIAGNOSTICS changed = ROW_COUNT;
    RETURN changed;
END
$$;
REVOKE ALL ON FUNCTION field.refresh_priority_scores FROM PUBLIC;
GRANT EXECUTE ON FUNCTION field.refresh_priority_scores TO ocms_admin, field_admin;

-- A new fugitive starts from its own factors (convictions come after it and refresh it).
CREATE FUNCTION field.fugitive_initial_threat() RETURNS trigger
    LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    NEW.threat_score := field.threat_of(NEW.gang_affiliation, NEW.criminal, false, false);
    RETURN NEW;
END
$$;
CREATE TRIGGER fugitives_initial_threat BEFORE INSERT ON field.fugitives
    FOR EACH ROW EXECUTE FUNCTION field.fugitive_initial_threat();

CREATE FUNCTION field.fugitive_factors_changed() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    PERFORM field.refresh_priority_scores(ARRAY[NEW.id]);
    RETURN NULL;
END
$$;
CREATE TRIGGER fugitives_factors_changed AFTER UPDATE OF gang_affiliation, criminal ON field.fugitives
    FOR EACH ROW WHEN (OLD.gang_affiliation IS DISTINCT FROM NEW.gang_affiliation OR OLD.criminal IS DISTINCT FROM NEW.criminal)
    EXECUTE FUNCTION field.fugitive_factors_changed();

CREATE FUNCTION field.convictions_changed() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM field.refresh_priority_scores(ARRAY(SELECT DISTINCT fugitive_id FROM new_rows));
    ELSIF TG_OP = 'UPDATE' THEN
        PERFORM field.refresh_priority_scores(ARRAY(SELECT fugitive_id FROM new_rows UNION SELECT fugitive_id FROM old_rows));
    ELSE
        PERFORM field.refresh_priority_scores(ARRAY(SELECT DISTINCT fugitive_id FROM old_rows));
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER convictions_scores_insert AFTER INSERT ON field.convictions REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION field.convictions_changed();
CREATE TRIGGER convictions_scores_update AFTER UPDATE ON field.convictions REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION field.convictions_changed();
CREATE TRIGGER convictions_scores_delete AFTER DELETE ON field.convictions REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION field.convictions_changed();

CREATE FUNCTION rules.priority_rules_changed() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    PERFORM field.refresh_priority_scores(NULL);
    RETURN NULL;
END
$$;
CREATE TRIGGER priority_rules_changed AFTER INSERT OR UPDATE OR DELETE ON rules.lead_priority_weights
    FOR EACH STATEMENT EXECUTE FUNCTION rules.priority_rules_changed();
CREATE TRIGGER priority_rules_changed AFTER INSERT OR UPDATE OR DELETE ON rules.offence_categories
    FOR EACH STATEMENT EXECUTE FUNCTION rules.priority_rules_changed();

-- ---------------------------------------------------------------------------------------------------
-- Routing and assignment.

-- Whether the signed-in user may assign leads by hand: headquarters, i.e. full field access (FCMS 8.1),
-- or the database owner's own maintenance.
CREATE FUNCTION field.may_assign_by_hand() RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
    RETURN pg_has_role(session_user, 'field_full', 'MEMBER')
        OR coalesce((SELECT rolsuper FROM pg_roles WHERE rolname = session_user), false);
GRANT EXECUTE ON FUNCTION field.may_assign_by_hand TO ocms_user;

-- The team whose jurisdiction covers a ZIP code; NULL: the headquarters queue.
CREATE FUNCTION field.team_for_zip(p_zip text) RETURNS uuid
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
    RETURN (SELECT j.team_id FROM field.jurisdictions j WHERE j.zip = p_zip);
GRANT EXECUTE ON FUNCTION field.team_for_zip TO ocms_field, ocms_import;

-- The reason written to the history for a routed lead.
CREATE FUNCTION field.routing_reason(p_zip text, p_team uuid) RETURNS text
    LANGUAGE sql IMMUTABLE
    RETURN CASE WHEN p_zip IS NULL THEN 'No ZIP code: headquarters queue'
                WHEN p_team IS NULL THEN 'No team covers ZIP ' || p_zip || ': headquarters queue'
                ELSE 'ZIP ' || p_zip || ' jurisdiction' END;

-- A new lead: routed by its ZIP unless the writer says otherwise (assigned_by 'manual', checked after the
-- statement), and scored. A bulk writer that routes and scores set-based gives both and skips this.
CREATE FUNCTION field.lead_before_insert() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    IF NEW.assigned_by IS NULL THEN
        NEW.team_id := field.team_for_zip(NEW.address_zip);
        NEW.assigned_by := 'routing';
        NEW.assigned_at := coalesce(NEW.assigned_at, now());
        IF NEW.team_id IS NOT NULL AND NEW.status = 'new' THEN
            NEW.status := 'assigned';
        END IF;
    END IF;
    IF NEW.priority_score IS NULL THEN
        NEW.priority_score := field.lead_score((SELECT f.threat_score FROM field.fugitives f WHERE f.id = NEW.fugitive_id),
                                               NEW.relevance_score);
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER leads_route_and_score BEFORE INSERT ON field.leads
    FOR EACH ROW WHEN (NEW.assigned_by IS NULL OR NEW.priority_score IS NULL)
    EXECUTE FUNCTION field.lead_before_insert();

-- After each insert statement, set-based: whatever the writer claimed is checked (routing matches the
-- jurisdictions, a hand assignment comes from headquarters, the priority is the documented score), and
-- the assignment history is written.
CREATE FUNCTION field.leads_inserted() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM new_leads n LEFT JOIN field.jurisdictions j ON j.zip = n.address_zip
               WHERE n.assigned_by = 'routing' AND n.team_id IS DISTINCT FROM j.team_id) THEN
        RAISE EXCEPTION 'A routed lead goes to the team whose jurisdiction covers its ZIP code, or to the headquarters queue.'
            USING ERRCODE = 'OC422';
    END IF;
    IF EXISTS (SELECT 1 FROM new_leads WHERE assigned_by = 'manual') AND NOT field.may_assign_by_hand() THEN
        RAISE EXCEPTION 'Only headquarters (full field access) assigns a lead to a team by hand.' USING ERRCODE = 'OC403';
    END IF;
    IF EXISTS (SELECT 1 FROM new_leads n JOIN field.fugitives f ON f.id = n.fugitive_id
               WHERE n.priority_score IS DISTINCT FROM field.lead_score(f.threat_score, n.relevance_score)) THEN
        RAISE EXCEPTION 'The priority of a lead is computed by the server (rules.lead_priority_weights); leave it empty.'
            USING ERRCODE = 'OC422';
    END IF;
    INSERT INTO field.lead_assignments (id, lead_id, from_team_id, to_team_id, assigned_at, assigned_by, reason)
    SELECT gen_random_uuid(), n.id, NULL, n.team_id, coalesce(n.assigned_at, now()),
           CASE WHEN n.assigned_by = 'manual' THEN session_user::text ELSE 'routing' END,
           CASE WHEN n.assigned_by = 'manual'
                THEN coalesce(nullif(btrim(current_setting('ocms.assignment_reason', true)), ''), 'Assigned by hand when recorded')
                ELSE field.routing_reason(n.address_zip, n.team_id) END
    FROM new_leads n;
    RETURN NULL;
END
$$;
CREATE TRIGGER leads_inserted AFTER INSERT ON field.leads REFERENCING NEW TABLE AS new_leads
    FOR EACH STATEMENT EXECUTE FUNCTION field.leads_inserted();

-- A lead's team changes only by headquarters, with a reason, and every change is in the history; a
-- routed lead whose address moves to another ZIP is routed again. Relevance changes re-score the lead
-- (users cannot write the score itself: column privileges below).
CREATE FUNCTION field.lead_before_update() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    reason text;
    who text := 'routing';
BEGIN
    IF NEW.team_id IS DISTINCT FROM OLD.team_id THEN
        IF NOT field.may_assign_by_hand() THEN
            RAISE EXCEPTION 'Only headquarters (full field access) reassigns a lead to another team.' USING ERRCODE = 'OC403';
        END IF;
        reason := nullif(btrim(current_setting('ocms.assignment_reason', true)), '');
        IF reason IS NULL THEN
            RAISE EXCEPTION 'Give the reason for the reassignment (field.reassign_lead).' USING ERRCODE = 'OC422';
        END IF;
        who := session_user;
        NEW.assigned_by := 'manual';
        NEW.assigned_at := now();
        IF NEW.team_id IS NOT NULL AND NEW.status = 'new' THEN
            NEW.status := 'assigned';
        END IF;
    ELSIF NEW.address_zip IS DISTINCT FROM OLD.address_zip AND OLD.assigned_by = 'routing' THEN
        NEW.team_id := field.team_for_zip(NEW.address_zip);
        IF NEW.team_id IS DISTINCT FROM OLD.team_id THEN
            NEW.assigned_at := now();
            reason := 'Address moved: ' || field.routing_reason(NEW.address_zip, NEW.team_id);
        END IF;
    END IF;
    IF reason IS NOT NULL THEN
        INSERT INTO field.lead_assignments (id, lead_id, from_team_id, to_team_id, assigned_at, assigned_by, reason)
        VALUES (gen_random_uuid(), NEW.id, OLD.team_id, NEW.team_id, now(), who, reason);
    END IF;
    IF NEW.relevance_score IS DISTINCT FROM OLD.relevance_score OR NEW.fugitive_id IS DISTINCT FROM OLD.fugitive_id THEN
        NEW.priority_score := field.lead_score((SELECT f.threat_score FROM field.fugitives f WHERE f.id = NEW.fugitive_id),
                                               NEW.relevance_score);
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER leads_assignment_and_score BEFORE UPDATE ON field.leads
    FOR EACH ROW WHEN (NEW.team_id IS DISTINCT FROM OLD.team_id OR NEW.address_zip IS DISTINCT FROM OLD.address_zip
                       OR NEW.relevance_score IS DISTINCT FROM OLD.relevance_score OR NEW.fugitive_id IS DISTINCT FROM OLD.fugitive_id)
    EXECUTE FUNCTION field.lead_before_update();

-- Hand (re)assignment by headquarters: to a team, or back to the headquarters queue (p_team NULL).
CREATE FUNCTION field.reassign_lead(p_lead uuid, p_team uuid, p_reason text) RETURNS void
    LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    current_team uuid;
BEGIN
    IF NOT field.may_assign_by_hand() THEN
        RAISE EXCEPTION 'Only headquarters (full field access) reassigns a lead to another team.' USING ERRCODE = 'OC403';
    END IF;
    IF coalesce(btrim(p_reason), '') = '' THEN
        RAISE EXCEPTION 'Give the reason for the reassignment.' USING ERRCODE = 'OC422';
    END IF;
    IF p_team IS NOT NULL AND NOT EXISTS (SELECT 1 FROM field.teams t WHERE t.id = p_team AND t.active) THEN
        RAISE EXCEPTION 'The team does not exist or is no longer active.' USING ERRCODE = 'OC422';
    END IF;
    SELECT l.team_id INTO current_team FROM field.leads l WHERE l.id = p_lead AND l.deleted_at IS NULL FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'The lead does not exist or you may not see it.' USING ERRCODE = 'OC404';
    END IF;
    IF current_team IS NOT DISTINCT FROM p_team THEN
        RAISE EXCEPTION 'The lead is already assigned there.' USING ERRCODE = 'OC409';
    END IF;
    PERFORM set_config('ocms.assignment_reason', p_reason, true);
    UPDATE field.leads SET team_id = p_team WHERE id = p_lead;
    PERFORM set_config('ocms.assignment_reason', '', true);
END
$$;
GRANT EXECUTE ON FUNCTION field.reassign_lead TO ocms_field;

-- The history is the server's: users read it, only the triggers above write it. It goes with its lead
-- when full field access deletes the lead (the cascade, one trigger level down, is the only delete).
REVOKE INSERT, UPDATE ON field.lead_assignments FROM field_write, ocms_import;
ALTER TABLE field.lead_assignments DROP CONSTRAINT lead_assignments_lead_id_fkey,
    ADD CONSTRAINT lead_assignments_lead_id_fkey FOREIGN KEY (lead_id) REFERENCES field.leads (id) ON DELETE CASCADE;
CREATE FUNCTION field.refuse_history_change() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    IF (SELECT rolsuper FROM pg_roles WHERE rolname = session_user) OR (TG_OP = 'DELETE' AND pg_trigger_depth() > 1) THEN
        IF TG_OP = 'DELETE' THEN
            RETURN OLD; -- the database owner's retention disposal
        END IF;
        RETURN NEW;
    END IF;
    RAISE EXCEPTION '% is a history record and cannot be changed or removed.', initcap(replace(TG_ARGV[0], '_', ' '))
        USING ERRCODE = 'OC403';
END
$$;
CREATE TRIGGER lead_assignments_append_only BEFORE UPDATE OR DELETE ON field.lead_assignments
    FOR EACH ROW EXECUTE FUNCTION field.refuse_history_change('lead_assignment');

-- Who may set the derived scores: nobody but the server (column privileges: all columns but the score).
DO $$
DECLARE
    writable text;
BEGIN
    SELECT string_agg(quote_ident(a.attname), ', ' ORDER BY a.attnum) INTO writable
    FROM pg_attribute a WHERE a.attrelid = 'field.leads'::regclass AND a.attnum > 0 AND NOT a.attisdropped
      AND a.attname <> 'priority_score';
    REVOKE UPDATE ON field.leads FROM field_write, ocms_import;
    EXECUTE format('GRANT UPDATE (%s) ON field.leads TO field_write, ocms_import', writable);
    SELECT string_agg(quote_ident(a.attname), ', ' ORDER BY a.attnum) INTO writable
    FROM pg_attribute a WHERE a.attrelid = 'field.fugitives'::regclass AND a.attnum > 0 AND NOT a.attisdropped
      AND a.attname <> 'threat_score';
    REVOKE UPDATE ON field.fugitives FROM field_write, ocms_import;
    EXECUTE format('GRANT UPDATE (%s) ON field.fugitives TO field_write, ocms_import', writable);
END
$$;

-- ---------------------------------------------------------------------------------------------------
-- Activities: appended, never edited silently. A correction is a new activity that refers to the one it
-- corrects (same fugitive); the original stays as it was.
ALTER TABLE field.activities ADD COLUMN corrects_activity_id uuid REFERENCES field.activities (id);
CREATE INDEX activities_corrections_idx ON field.activities (corrects_activity_id) WHERE corrects_activity_id IS NOT NULL;

CREATE FUNCTION field.activity_correction_check() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM field.activities a WHERE a.id = NEW.corrects_activity_id AND a.fugitive_id = NEW.fugitive_id) THEN
        RAISE EXCEPTION 'A correction refers to an earlier activity of the same fugitive.' USING ERRCODE = 'OC422';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER activities_correction_check BEFORE INSERT ON field.activities
    FOR EACH ROW WHEN (NEW.corrects_activity_id IS NOT NULL) EXECUTE FUNCTION field.activity_correction_check();

CREATE FUNCTION field.refuse_activity_change() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    IF (SELECT rolsuper FROM pg_roles WHERE rolname = session_user) THEN
        IF TG_OP = 'DELETE' THEN
            RETURN OLD; -- the database owner's retention disposal
        END IF;
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'An activity is never changed once recorded: record a correction that refers to it.'
        USING ERRCODE = 'OC403';
END
$$;
CREATE TRIGGER activities_append_only BEFORE UPDATE OR DELETE ON field.activities
    FOR EACH ROW EXECUTE FUNCTION field.refuse_activity_change();

-- ---------------------------------------------------------------------------------------------------
-- Arrests: recorded with place and date in one call that also logs the arrest activity, sets the
-- fugitive in custody and closes the lead. The only way in for users (the table's INSERT is revoked).
CREATE FUNCTION field.record_arrest(p_fugitive uuid, p_lead uuid, p_arrested_at timestamptz, p_place text,
                                    p_office uuid, p_criminal boolean, p_notes text DEFAULT NULL,
                                    p_operation uuid DEFAULT NULL) RETURNS uuid
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    fugitive record;
    officer record;
    activity uuid := gen_random_uuid();
    arrest uuid := gen_random_uuid();
BEGIN
    IF NOT (pg_has_role(session_user, 'field_write', 'MEMBER')
            OR coalesce((SELECT rolsuper FROM pg_roles WHERE rolname = session_user), false)) THEN
        RAISE EXCEPTION 'Recording an arrest needs read/add/update field access.' USING ERRCODE = 'OC403';
    END IF;
    IF coalesce(btrim(p_place), '') = '' THEN
        RAISE EXCEPTION 'Give the place of the arrest.' USING ERRCODE = 'OC422';
    END IF;
    IF p_arrested_at IS NULL OR p_arrested_at > now() + interval '1 hour' THEN
        RAISE EXCEPTION 'Give the date and time of the arrest (not in the future).' USING ERRCODE = 'OC422';
    END IF;
    SELECT f.id, f.fugitive_number, f.status INTO fugitive FROM field.fugitives f
    WHERE f.id = p_fugitive AND f.deleted_at IS NULL FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'The fugitive record does not exist.' USING ERRCODE = 'OC404';
    END IF;
    IF fugitive.status IN ('in_custody', 'removed', 'closed') THEN
        RAISE EXCEPTION '% is % already; an arrest cannot be recorded.', fugitive.fugitive_number,
            replace(fugitive.status, '_', ' ') USING ERRCODE = 'OC409';
    END IF;
    IF p_lead IS NOT NULL AND NOT EXISTS (SELECT 1 FROM field.leads l WHERE l.id = p_lead AND l.fugitive_id = p_fugitive) THEN
        RAISE EXCEPTION 'The lead is not one of this fugitive''s.' USING ERRCODE = 'OC422';
    END IF;
    SELECT u.id, u.full_name, u.title, u.office_id INTO officer FROM core.users u WHERE u.login = session_user;
    INSERT INTO field.activities (id, lead_id, fugitive_id, activity_type, officer_id, officer_name, officer_title,
                                  officer_office_id, location, operation_id, occurred_at, notes)
    VALUES (activity, p_lead, p_fugitive, 'arrest', officer.id, coalesce(officer.full_name, session_user::text),
            officer.title, officer.office_id, p_place, p_operation, p_arrested_at, p_notes);
    INSERT INTO field.arrests (id, fugitive_id, lead_id, activity_id, arrested_at, place, office_id, criminal, officer_id)
    VALUES (arrest, p_fugitive, p_lead, activity, p_arrested_at, p_place, p_office, p_criminal, officer.id);
    UPDATE field.fugitives
    SET status = 'in_custody', custody_on = (p_arrested_at AT TIME ZONE 'UTC')::date, status_changed_at = now(),
        status_reason = 'Arrested at ' || p_place || ' on ' || to_char(p_arrested_at AT TIME ZONE 'UTC', 'YYYY-MM-DD')
    WHERE id = p_fugitive;
    UPDATE field.leads SET status = 'closed', closed_at = now(), close_reason = 'Subject arrested'
    WHERE id = p_lead AND status NOT IN ('closed', 'invalid');
    RETURN arrest;
END
$$;
REVOKE ALL ON FUNCTION field.record_arrest FROM PUBLIC;
GRANT EXECUTE ON FUNCTION field.record_arrest TO ocms_field;
REVOKE INSERT, UPDATE ON field.arrests FROM field_write;

-- ---------------------------------------------------------------------------------------------------
-- Lead import (core/imports/leadimport.cpp): what makes two leads the same address. Upper case, every
-- run of non-alphanumerics one space, with the ZIP: "12 Main St." and "12  MAIN ST" are one address.
CREATE FUNCTION field.address_key(p_line1 text, p_zip text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN btrim(regexp_replace(upper(coalesce(p_line1, '')), '[^A-Z0-9]+', ' ', 'g')) || '|' || coalesce(p_zip, '');

-- Scores for what is already there (an existing database migrating now).
SELECT field.refresh_priority_scores(NULL);
