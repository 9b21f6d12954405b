-- Baseline table privileges per group role. Row and column rules (RLS, field policy) build on these.
REVOKE ALL ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO ocms_user;
GRANT USAGE ON SCHEMA core, rules TO ocms_user;
GRANT USAGE ON SCHEMA legal, docs TO ocms_legal, ocms_readonly_external, ocms_admin;
GRANT USAGE ON SCHEMA field TO ocms_field, ocms_admin, ocms_import;
GRANT USAGE ON SCHEMA legal, docs, core TO ocms_import;
GRANT USAGE ON SCHEMA sync TO ocms_user;
GRANT USAGE ON SCHEMA audit TO ocms_admin;

-- Reference data everyone signed in may read.
GRANT SELECT ON core.offices, core.divisions, core.users, core.user_divisions TO ocms_user;
GRANT SELECT ON ALL TABLES IN SCHEMA rules TO ocms_user;
GRANT SELECT ON public.ocms_migrations TO ocms_user;

-- Legal staff: read and write legal work, documents and the people in it.
GRANT SELECT, INSERT, UPDATE ON ALL TABLES IN SCHEMA legal TO ocms_legal;
GRANT SELECT, INSERT, UPDATE ON ALL TABLES IN SCHEMA docs TO ocms_legal;
GRANT SELECT, INSERT, UPDATE ON core.people, core.person_aliases, core.addresses, core.phones TO ocms_legal;
GRANT DELETE ON legal.case_people, legal.case_staff, legal.case_grants, legal.project_grants,
               legal.project_assignments, legal.project_people TO ocms_legal;
GRANT USAGE ON ALL SEQUENCES IN SCHEMA legal, docs TO ocms_legal;

-- External read-only users (ERO/HSI): immigration case status and hearings, nothing else (rows limited by RLS).
GRANT SELECT ON legal.cases, legal.hearings, legal.case_people TO ocms_readonly_external;
GRANT SELECT ON core.people, core.person_aliases TO ocms_readonly_external;

-- Field roles: read; read/add/update; full (delete); admin (teams and jurisdictions).
GRANT SELECT ON ALL TABLES IN SCHEMA field TO field_read;
GRANT SELECT ON core.people, core.person_aliases, core.addresses, core.phones TO field_read;
GRANT INSERT, UPDATE ON field.fugitives, field.convictions, field.photographs, field.leads, field.lead_assignments,
                        field.activities, field.arrests, field.nonfugitive_arrests, field.operations TO field_write;
GRANT INSERT, UPDATE ON core.people, core.person_aliases, core.addresses, core.phones TO field_write;
GRANT SELECT, INSERT ON docs.contents, docs.content_chunks TO field_write;
GRANT USAGE ON SCHEMA docs TO ocms_field;
GRANT USAGE ON ALL SEQUENCES IN SCHEMA field TO field_write;
GRANT DELETE ON field.leads, field.activities, field.convictions, field.photographs TO field_full;
GRANT INSERT, UPDATE, DELETE ON field.teams, field.team_members, field.jurisdictions, field.lead_sources,
                                field.zip_codes TO field_admin;
SELECT core.ensure_membership('field_write', 'field_read');
SELECT core.ensure_membership('field_full', 'field_write');
SELECT core.ensure_membership('field_admin', 'field_full');

-- Administrators: business rules, organisation, audit review.
GRANT INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA rules TO ocms_admin;
GRANT INSERT, UPDATE ON core.offices, core.divisions, core.users, core.user_divisions TO ocms_admin;
GRANT DELETE ON core.user_divisions TO ocms_admin;
GRANT SELECT ON ALL TABLES IN SCHEMA audit TO ocms_admin;
GRANT SELECT ON ALL TABLES IN SCHEMA sync TO ocms_admin;
GRANT UPDATE ON sync.devices TO ocms_admin;

-- Help desk: accounts only (creating logins goes through functions with their own checks).
GRANT INSERT, UPDATE ON core.users, core.user_divisions TO ocms_helpdesk;

-- Every user registers devices and records applied offline changes.
GRANT SELECT, INSERT ON sync.devices, sync.applied_changes TO ocms_user;
GRANT UPDATE (last_contact_at, wiped_at) ON sync.devices TO ocms_user;

-- Creates (or updates) a login role with its group memberships and its staff record.
-- Used by `ocmsctl seed --demo`; account administration builds on it.
CREATE FUNCTION core.create_login(p_login text, p_password text, p_full_name text, p_groups text[],
                                  p_office_code text, p_division_codes text[], p_title text DEFAULT NULL)
    RETURNS uuid
    LANGUAGE plpgsql AS $$
DECLARE
    group_name text;
    user_id uuid;
BEGIN
    IF p_login !~ '^[a-z][a-z0-9_.]{1,62}$' THEN
        RAISE EXCEPTION 'A login name is 2-63 lower-case letters, digits, dots or underscores, starting with a letter.'
            USING ERRCODE = 'OC001';
    END IF;
    IF length(coalesce(p_password, '')) < 12 THEN
        RAISE EXCEPTION 'A password needs at least 12 characters.' USING ERRCODE = 'OC001';
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = p_login) THEN
        EXECUTE format('CREATE ROLE %I LOGIN PASSWORD %L', p_login, p_password);
    ELSE
        EXECUTE format('ALTER ROLE %I LOGIN PASSWORD %L', p_login, p_password);
    END IF;
    FOREACH group_name IN ARRAY p_groups LOOP
        IF group_name NOT IN ('ocms_attorney', 'ocms_support', 'ocms_readonly_external', 'ocms_admin',
                              'ocms_helpdesk', 'field_read', 'field_write', 'field_full', 'field_admin',
                              'ocms_import') THEN
            RAISE EXCEPTION 'Unknown role %.', group_name USING ERRCODE = 'OC001';
        END IF;
        PERFORM core.ensure_membership(p_login, group_name);
    END LOOP;
    INSERT INTO core.users (id, login, full_name, title, office_id)
    VALUES (gen_random_uuid(), p_login, p_full_name, p_title,
            (SELECT id FROM core.offices WHERE code = p_office_code))
    ON CONFLICT (login) DO UPDATE SET full_name = EXCLUDED.full_name, title = EXCLUDED.title,
                                      office_id = EXCLUDED.office_id, updated_at = now()
    RETURNING id INTO user_id;
    INSERT INTO core.user_divisions (user_id, division_id)
    SELECT user_id, d.id FROM core.divisions d WHERE d.code = ANY (p_division_codes)
    ON CONFLICT DO NOTHING;
    RETURN user_id;
END
$$;
REVOKE ALL ON FUNCTION core.create_login FROM PUBLIC;
