-- Row level security: who sees which rows, decided by the server for every role, psql included.
-- Policies apply TO PUBLIC and test the *session* user's roles, so a view or function owned by another
-- role still filters rows for the person who is signed in. Table privileges decide which operations a
-- role may attempt at all; policies decide on which rows.

CREATE FUNCTION core.session_has_role(p_role text) RETURNS boolean
    LANGUAGE sql STABLE PARALLEL SAFE
    RETURN pg_has_role(session_user, p_role, 'MEMBER');

CREATE FUNCTION core.session_user_id() RETURNS uuid
    LANGUAGE sql STABLE PARALLEL SAFE
    RETURN (SELECT id FROM core.users WHERE login = session_user);

CREATE FUNCTION core.session_division_ids() RETURNS uuid[]
    LANGUAGE sql STABLE PARALLEL SAFE
    RETURN (SELECT coalesce(array_agg(ud.division_id), '{}') FROM core.user_divisions ud
            JOIN core.users u ON u.id = ud.user_id WHERE u.login = session_user);

-- The creator of a case or project is whoever inserts it: not a value the client may choose.
CREATE FUNCTION core.stamp_creator() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    IF NOT core.session_has_role('ocms_import') OR NEW.created_by IS NULL THEN
        NEW.created_by := core.session_user_id();
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER cases_stamp_creator BEFORE INSERT ON legal.cases FOR EACH ROW EXECUTE FUNCTION core.stamp_creator();
CREATE TRIGGER projects_stamp_creator BEFORE INSERT ON legal.projects FOR EACH ROW EXECUTE FUNCTION core.stamp_creator();

-- Grants to non-immigration cases and projects are made by their creator through functions; the
-- tables themselves are read-only for users (so nobody grants themselves access).
REVOKE INSERT, UPDATE, DELETE ON legal.case_grants, legal.project_grants FROM ocms_legal;

-- Whether the signed-in user was granted a case or project (the grant tables are not readable by all).
CREATE FUNCTION legal.has_case_grant(p_case uuid) RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
    RETURN EXISTS (SELECT 1 FROM legal.case_grants g WHERE g.case_id = p_case AND g.user_id = core.session_user_id());
CREATE FUNCTION legal.has_project_grant(p_project uuid) RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
    RETURN EXISTS (SELECT 1 FROM legal.project_grants g WHERE g.project_id = p_project AND g.user_id = core.session_user_id());

-- Cases: immigration cases for all legal staff (external users and connectors read them); the others
-- only for the owning division, the creator and users the creator granted. The expressions are written
-- into the policies (not wrapped in functions) so the planner inlines them: each role test runs once per
-- query as an init plan, and the remaining comparisons are leakproof, so indexes stay usable.
ALTER TABLE legal.cases ENABLE ROW LEVEL SECURITY;
ALTER TABLE legal.cases FORCE ROW LEVEL SECURITY;
CREATE POLICY case_read ON legal.cases FOR SELECT USING (
    (category = 'immigration'
        AND ((SELECT core.session_has_role('ocms_legal')) OR (SELECT core.session_has_role('ocms_readonly_external'))
             OR (SELECT core.session_has_role('ocms_import'))))
    OR (category = 'non_immigration' AND (SELECT core.session_has_role('ocms_legal'))
        AND (division_id = ANY ((SELECT core.session_division_ids())::uuid[])
             OR created_by = (SELECT core.session_user_id())
             OR legal.has_case_grant(id))));
-- A new non-immigration case belongs to one of the creator's own divisions.
CREATE POLICY case_insert ON legal.cases FOR INSERT WITH CHECK (
    (category = 'immigration'
        AND ((SELECT core.session_has_role('ocms_legal')) OR (SELECT core.session_has_role('ocms_import'))))
    OR (category = 'non_immigration' AND (SELECT core.session_has_role('ocms_legal'))
        AND division_id = ANY ((SELECT core.session_division_ids())::uuid[])));
CREATE POLICY case_update ON legal.cases FOR UPDATE USING (
    (category = 'immigration'
        AND ((SELECT core.session_has_role('ocms_legal')) OR (SELECT core.session_has_role('ocms_import'))))
    OR (category = 'non_immigration' AND (SELECT core.session_has_role('ocms_legal'))
        AND (division_id = ANY ((SELECT core.session_division_ids())::uuid[])
             OR created_by = (SELECT core.session_user_id())
             OR legal.has_case_grant(id))));
CREATE POLICY case_delete ON legal.cases FOR DELETE USING (
    category = 'non_immigration' AND (SELECT core.session_has_role('ocms_legal'))
    AND (division_id = ANY ((SELECT core.session_division_ids())::uuid[]) OR created_by = (SELECT core.session_user_id())));

ALTER TABLE legal.projects ENABLE ROW LEVEL SECURITY;
ALTER TABLE legal.projects FORCE ROW LEVEL SECURITY;
CREATE POLICY project_read ON legal.projects FOR SELECT USING (
    (SELECT core.session_has_role('ocms_legal'))
    AND (division_id = ANY ((SELECT core.session_division_ids())::uuid[])
         OR created_by = (SELECT core.session_user_id())
         OR legal.has_project_grant(id)));
CREATE POLICY project_update ON legal.projects FOR UPDATE USING (
    (SELECT core.session_has_role('ocms_legal'))
    AND (division_id = ANY ((SELECT core.session_division_ids())::uuid[])
         OR created_by = (SELECT core.session_user_id())
         OR legal.has_project_grant(id)));
CREATE POLICY project_insert ON legal.projects FOR INSERT WITH CHECK (
    (SELECT core.session_has_role('ocms_legal')) AND division_id = ANY ((SELECT core.session_division_ids())::uuid[]));
CREATE POLICY project_delete ON legal.projects FOR DELETE USING (
    (SELECT core.session_has_role('ocms_legal'))
    AND (division_id = ANY ((SELECT core.session_division_ids())::uuid[]) OR created_by = (SELECT core.session_user_id())));

-- Children follow their parent: the parent's own policy filters the EXISTS.
DO $$
DECLARE
    child text;
BEGIN
    FOREACH child IN ARRAY ARRAY['legal.hearings', 'legal.deadlines', 'legal.notes', 'legal.case_events',
                                 'legal.case_transfers', 'legal.applications', 'legal.visas', 'legal.case_people',
                                 'legal.case_staff']
    LOOP
        EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', child);
        EXECUTE format('ALTER TABLE %s FORCE ROW LEVEL SECURITY', child);
        EXECUTE format('CREATE POLICY follows_case ON %s USING '
                       '(EXISTS (SELECT 1 FROM legal.cases c WHERE c.id = case_id))', child);
    END LOOP;
    FOREACH child IN ARRAY ARRAY['legal.tasks', 'legal.project_assignments', 'legal.project_people',
                                 'legal.project_events', 'legal.project_history']
    LOOP
        EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', child);
        EXECUTE format('ALTER TABLE %s FORCE ROW LEVEL SECURITY', child);
        EXECUTE format('CREATE POLICY follows_project ON %s USING '
                       '(EXISTS (SELECT 1 FROM legal.projects p WHERE p.id = project_id))', child);
    END LOOP;
END
$$;

-- Rows that belong to a case or a project.
ALTER TABLE legal.time_entries ENABLE ROW LEVEL SECURITY;
ALTER TABLE legal.time_entries FORCE ROW LEVEL SECURITY;
CREATE POLICY follows_parent ON legal.time_entries USING (
    EXISTS (SELECT 1 FROM legal.cases c WHERE c.id = case_id)
    OR EXISTS (SELECT 1 FROM legal.projects p WHERE p.id = project_id));
ALTER TABLE legal.disclosures ENABLE ROW LEVEL SECURITY;
ALTER TABLE legal.disclosures FORCE ROW LEVEL SECURITY;
CREATE POLICY follows_parent ON legal.disclosures USING (
    EXISTS (SELECT 1 FROM legal.cases c WHERE c.id = case_id)
    OR EXISTS (SELECT 1 FROM legal.projects p WHERE p.id = project_id));

-- A-File locations are keyed by A-Number: legal staff and connectors.
ALTER TABLE legal.afile_locations ENABLE ROW LEVEL SECURITY;
ALTER TABLE legal.afile_locations FORCE ROW LEVEL SECURITY;
CREATE POLICY legal_staff ON legal.afile_locations USING (
    (SELECT core.session_has_role('ocms_legal')) OR (SELECT core.session_has_role('ocms_import')));

-- Documents follow their case or project; documents filed only under an A-Number are immigration work.
ALTER TABLE docs.documents ENABLE ROW LEVEL SECURITY;
ALTER TABLE docs.documents FORCE ROW LEVEL SECURITY;
CREATE POLICY follows_parent ON docs.documents USING (
    EXISTS (SELECT 1 FROM legal.cases c WHERE c.id = case_id)
    OR EXISTS (SELECT 1 FROM legal.projects p WHERE p.id = project_id)
    OR (case_id IS NULL AND project_id IS NULL
        AND ((SELECT core.session_has_role('ocms_legal')) OR (SELECT core.session_has_role('ocms_import')))));
ALTER TABLE docs.versions ENABLE ROW LEVEL SECURITY;
ALTER TABLE docs.versions FORCE ROW LEVEL SECURITY;
CREATE POLICY follows_document ON docs.versions USING (EXISTS (SELECT 1 FROM docs.documents d WHERE d.id = document_id));

-- Field data: field roles only (and connectors).
DO $$
DECLARE
    field_table text;
BEGIN
    FOREACH field_table IN ARRAY ARRAY['field.fugitives', 'field.convictions', 'field.photographs', 'field.leads',
                                       'field.lead_assignments', 'field.activities', 'field.arrests',
                                       'field.nonfugitive_arrests', 'field.removals', 'field.provider_extracts',
                                       'field.operations']
    LOOP
        EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', field_table);
        EXECUTE format('ALTER TABLE %s FORCE ROW LEVEL SECURITY', field_table);
        EXECUTE format('CREATE POLICY field_roles ON %s USING ((SELECT core.session_has_role(''ocms_field'')) '
                       'OR (SELECT core.session_has_role(''ocms_import'')))', field_table);
    END LOOP;
END
$$;

-- Stored content: visible through a version or a photograph the user may see.
ALTER TABLE docs.contents ENABLE ROW LEVEL SECURITY;
ALTER TABLE docs.contents FORCE ROW LEVEL SECURITY;
CREATE POLICY reachable ON docs.contents USING (
    EXISTS (SELECT 1 FROM docs.versions v WHERE v.content_id = contents.id)
    OR EXISTS (SELECT 1 FROM field.photographs p WHERE p.content_id = contents.id))
    WITH CHECK ((SELECT core.session_has_role('ocms_legal')) OR (SELECT core.session_has_role('ocms_field'))
                OR (SELECT core.session_has_role('ocms_import')));
ALTER TABLE docs.content_chunks ENABLE ROW LEVEL SECURITY;
ALTER TABLE docs.content_chunks FORCE ROW LEVEL SECURITY;
CREATE POLICY reachable ON docs.content_chunks USING (EXISTS (SELECT 1 FROM docs.contents c WHERE c.id = content_id))
    WITH CHECK ((SELECT core.session_has_role('ocms_legal')) OR (SELECT core.session_has_role('ocms_field'))
                OR (SELECT core.session_has_role('ocms_import')));

-- People: visible through a case, a project or a fugitive record the user may see.
DO $$
BEGIN
    ALTER TABLE core.people ENABLE ROW LEVEL SECURITY;
    ALTER TABLE core.people FORCE ROW LEVEL SECURITY;
END
$$;
CREATE POLICY through_records ON core.people
    USING ((SELECT core.session_has_role('ocms_import'))
           OR EXISTS (SELECT 1 FROM legal.case_people cp WHERE cp.person_id = people.id)
           OR EXISTS (SELECT 1 FROM legal.project_people pp WHERE pp.person_id = people.id)
           OR EXISTS (SELECT 1 FROM field.fugitives f WHERE f.person_id = people.id))
    WITH CHECK ((SELECT core.session_has_role('ocms_legal')) OR (SELECT core.session_has_role('field_write'))
                OR (SELECT core.session_has_role('ocms_import')));
DO $$
DECLARE
    detail text;
BEGIN
    FOREACH detail IN ARRAY ARRAY['core.person_aliases', 'core.addresses', 'core.phones']
    LOOP
        EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', detail);
        EXECUTE format('ALTER TABLE %s FORCE ROW LEVEL SECURITY', detail);
        EXECUTE format('CREATE POLICY follows_person ON %s USING '
                       '(EXISTS (SELECT 1 FROM core.people p WHERE p.id = person_id))', detail);
    END LOOP;
END
$$;

-- Non-fugitive arrests: a statistical record; users see A-Number, date and place only (the office and the
-- criminal flag feed the statistical reports through their own functions).
REVOKE SELECT ON field.nonfugitive_arrests FROM field_read;
GRANT SELECT (id, a_number, arrested_on, place, created_at) ON field.nonfugitive_arrests TO field_read;
REVOKE UPDATE ON field.nonfugitive_arrests FROM field_write;

-- Connectors (imports) write the records they are the source of.
GRANT SELECT, INSERT, UPDATE ON legal.cases, legal.hearings, legal.case_events, legal.case_people,
                                legal.applications, legal.afile_locations TO ocms_import;
GRANT SELECT, INSERT, UPDATE ON core.people, core.person_aliases, core.addresses, core.phones TO ocms_import;
GRANT SELECT, INSERT, UPDATE ON field.fugitives, field.leads, field.lead_assignments, field.removals,
                                field.zip_codes TO ocms_import;
GRANT SELECT ON field.jurisdictions, field.teams, field.lead_sources, core.offices TO ocms_import;
GRANT USAGE ON ALL SEQUENCES IN SCHEMA legal, field TO ocms_import;

-- Creators grant and withdraw access to their non-immigration cases and projects.
CREATE FUNCTION legal.grant_case_access(p_case uuid, p_login text) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    creator uuid;
    grantee uuid;
BEGIN
    SELECT created_by INTO creator FROM legal.cases WHERE id = p_case AND category = 'non_immigration';
    IF creator IS NULL OR creator IS DISTINCT FROM core.session_user_id() THEN
        RAISE EXCEPTION 'Only the creator of a non-immigration case can grant access to it.' USING ERRCODE = 'OC403';
    END IF;
    SELECT id INTO grantee FROM core.users WHERE login = p_login AND active;
    IF grantee IS NULL THEN
        RAISE EXCEPTION 'There is no active user %.', p_login USING ERRCODE = 'OC001';
    END IF;
    INSERT INTO legal.case_grants (case_id, user_id, granted_by) VALUES (p_case, grantee, creator)
    ON CONFLICT DO NOTHING;
END
$$;
CREATE FUNCTION legal.revoke_case_access(p_case uuid, p_login text) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    IF (SELECT created_by FROM legal.cases WHERE id = p_case) IS DISTINCT FROM core.session_user_id() THEN
        RAISE EXCEPTION 'Only the creator of a case can withdraw access to it.' USING ERRCODE = 'OC403';
    END IF;
    DELETE FROM legal.case_grants WHERE case_id = p_case AND user_id = (SELECT id FROM core.users WHERE login = p_login);
END
$$;
CREATE FUNCTION legal.grant_project_access(p_project uuid, p_login text) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    creator uuid;
    grantee uuid;
BEGIN
    SELECT created_by INTO creator FROM legal.projects WHERE id = p_project;
    IF creator IS NULL OR creator IS DISTINCT FROM core.session_user_id() THEN
        RAISE EXCEPTION 'Only the creator of a project can grant access to it.' USING ERRCODE = 'OC403';
    END IF;
    SELECT id INTO grantee FROM core.users WHERE login = p_login AND active;
    IF grantee IS NULL THEN
        RAISE EXCEPTION 'There is no active user %.', p_login USING ERRCODE = 'OC001';
    END IF;
    INSERT INTO legal.project_grants (project_id, user_id, granted_by) VALUES (p_project, grantee, creator)
    ON CONFLICT DO NOTHING;
END
$$;
REVOKE ALL ON FUNCTION legal.grant_case_access, legal.revoke_case_access, legal.grant_project_access FROM PUBLIC;
GRANT EXECUTE ON FUNCTION legal.grant_case_access, legal.revoke_case_access, legal.grant_project_access TO ocms_legal;

-- Every writer stamps row versions for the change feed.
GRANT USAGE ON SEQUENCE sync.row_version_seq TO ocms_legal, ocms_field, ocms_import;

-- Policies look across areas (a person is visible through a case or a fugitive record; stored content
-- through a document or a photograph). The reader needs the privilege to look; row security then returns
-- nothing from the other area, so these grants reveal no rows.
GRANT USAGE ON SCHEMA field TO ocms_legal, ocms_readonly_external;
GRANT SELECT ON field.fugitives, field.photographs TO ocms_legal, ocms_readonly_external;
GRANT USAGE ON SCHEMA legal TO ocms_field;
GRANT SELECT ON legal.cases, legal.case_people, legal.projects, legal.project_people TO ocms_field;
GRANT SELECT ON legal.projects, legal.project_people TO ocms_readonly_external;
GRANT SELECT ON docs.versions, docs.documents TO ocms_field;
GRANT SELECT ON legal.projects, legal.project_people, docs.versions, docs.documents, field.photographs TO ocms_import;
