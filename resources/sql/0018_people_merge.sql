-- People without duplicates: likely duplicates found as people are written (same A-Number, or a similar name
-- or alias with the same date of birth), reviewed by legal staff, merged with every link kept, and every
-- merge undoable exactly from what it recorded.

ALTER TABLE core.people ADD COLUMN merged_into uuid REFERENCES core.people (id);
GRANT SELECT (merged_into) ON core.people TO ocms_readonly_external;
CREATE INDEX people_birth_idx ON core.people (date_of_birth) WHERE date_of_birth IS NOT NULL AND deleted_at IS NULL;

-- A pair of records that may be one person (person_id < other_id), kept until merged or dismissed.
CREATE TABLE core.person_duplicate_candidates (
    person_id       uuid NOT NULL REFERENCES core.people (id),
    other_id        uuid NOT NULL REFERENCES core.people (id),
    reason          text NOT NULL,
    score           real NOT NULL CHECK (score BETWEEN 0 AND 1),
    found_at        timestamptz NOT NULL DEFAULT now(),
    dismissed_by    uuid REFERENCES core.users (id),
    dismissed_at    timestamptz,
    PRIMARY KEY (person_id, other_id),
    CHECK (person_id < other_id)
);
CREATE INDEX ON core.person_duplicate_candidates (other_id);

-- The likely duplicates of one person among all records (the caller's visibility is applied by readers).
-- Same A-Number: certain. Same date of birth and a similar name (or alias): scored by trigram similarity.
CREATE FUNCTION core.duplicates_of(p_person uuid)
    RETURNS TABLE (other_id uuid, reason text, score real)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp
    BEGIN ATOMIC
        WITH me AS (SELECT id, a_number, date_of_birth, name_key FROM core.people WHERE id = p_person AND deleted_at IS NULL),
        by_number AS (
            SELECT o.id, 'same A-Number'::text AS reason, 1.0::real AS score
            FROM me JOIN core.people o ON o.a_number = me.a_number AND o.id <> me.id AND o.deleted_at IS NULL
            WHERE me.a_number IS NOT NULL),
        by_name AS (
            SELECT o.id, 'similar name, same date of birth'::text AS reason,
                   greatest(similarity(o.name_key, me.name_key),
                            coalesce((SELECT max(similarity(a.name_key, me.name_key)) FROM core.person_aliases a
                                      WHERE a.person_id = o.id AND a.deleted_at IS NULL), 0))::real AS score
            FROM me JOIN core.people o ON o.date_of_birth = me.date_of_birth AND o.id <> me.id AND o.deleted_at IS NULL
            WHERE me.date_of_birth IS NOT NULL)
        SELECT DISTINCT ON (id) id, reason, score
        FROM (SELECT * FROM by_number UNION ALL SELECT * FROM by_name WHERE score >= 0.45) found
        ORDER BY id, score DESC;
    END;
REVOKE ALL ON FUNCTION core.duplicates_of FROM PUBLIC;

-- Records the pairs for a person as it is written; a pair once dismissed stays dismissed.
CREATE FUNCTION core.note_duplicate_candidates(p_person uuid) RETURNS void
    LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp
    BEGIN ATOMIC
        INSERT INTO core.person_duplicate_candidates (person_id, other_id, reason, score)
        SELECT least(p_person, d.other_id), greatest(p_person, d.other_id), d.reason, d.score
        FROM core.duplicates_of(p_person) d
        ON CONFLICT (person_id, other_id) DO UPDATE SET reason = EXCLUDED.reason, score = EXCLUDED.score
            WHERE core.person_duplicate_candidates.dismissed_at IS NULL;
    END;
REVOKE ALL ON FUNCTION core.note_duplicate_candidates FROM PUBLIC;

CREATE FUNCTION core.people_find_duplicates() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
    IF NEW.deleted_at IS NULL THEN
        PERFORM core.note_duplicate_candidates(NEW.id);
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER people_find_duplicates AFTER INSERT OR UPDATE OF family_name, given_name, date_of_birth, a_number
    ON core.people FOR EACH ROW EXECUTE FUNCTION core.people_find_duplicates();

-- For data loaded with triggers off (bulk seeding, restores): finds the pairs of every person written since.
CREATE FUNCTION core.find_person_duplicates(p_since timestamptz DEFAULT '-infinity') RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
    person uuid;
    checked bigint := 0;
BEGIN
    FOR person IN SELECT id FROM core.people WHERE deleted_at IS NULL AND updated_at >= p_since LOOP
        PERFORM core.note_duplicate_candidates(person);
        checked := checked + 1;
    END LOOP;
    RETURN checked;
END
$$;
REVOKE ALL ON FUNCTION core.find_person_duplicates FROM PUBLIC;
GRANT EXECUTE ON FUNCTION core.find_person_duplicates TO ocms_admin;

-- Whether the signed-in user may see a person. Owned by a role without BYPASSRLS, so the people policy
-- (which tests the session user) decides, even when called from a function that runs as its owner.
GRANT SELECT ON core.people, legal.case_people, legal.project_people, legal.projects TO ocms_view_owner;
GRANT USAGE ON SCHEMA field TO ocms_view_owner;
GRANT SELECT ON field.fugitives TO ocms_view_owner;
CREATE FUNCTION core.person_visible(p_person uuid) RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
    RETURN EXISTS (SELECT 1 FROM core.people WHERE id = p_person AND deleted_at IS NULL);
ALTER FUNCTION core.person_visible OWNER TO ocms_view_owner;
GRANT EXECUTE ON FUNCTION core.person_visible TO ocms_user;

-- The review list: pairs where the caller may see both records, most certain first.
CREATE FUNCTION core.duplicate_candidates(p_limit integer DEFAULT 200)
    RETURNS TABLE (person_id uuid, other_id uuid, reason text, score real, found_at timestamptz)
    LANGUAGE sql STABLE
    BEGIN ATOMIC
        SELECT c.person_id, c.other_id, c.reason, c.score, c.found_at
        FROM core.person_duplicate_candidates c
        JOIN core.people a ON a.id = c.person_id AND a.deleted_at IS NULL
        JOIN core.people b ON b.id = c.other_id AND b.deleted_at IS NULL
        WHERE c.dismissed_at IS NULL
        ORDER BY c.score DESC, c.found_at DESC, c.person_id
        LIMIT least(greatest(p_limit, 1), 1000);
    END;
GRANT SELECT ON core.person_duplicate_candidates TO ocms_legal;
GRANT EXECUTE ON FUNCTION core.duplicate_candidates TO ocms_legal;

-- Whether a person the caller sees has a likely duplicate the caller sees too (flag on a case's People tab).
CREATE FUNCTION core.has_likely_duplicate(p_person uuid) RETURNS boolean
    LANGUAGE sql STABLE
    RETURN EXISTS (SELECT 1 FROM core.person_duplicate_candidates c
                   JOIN core.people o ON o.id = CASE WHEN c.person_id = p_person THEN c.other_id ELSE c.person_id END
                                     AND o.deleted_at IS NULL
                   WHERE (c.person_id = p_person OR c.other_id = p_person) AND c.dismissed_at IS NULL);
GRANT EXECUTE ON FUNCTION core.has_likely_duplicate TO ocms_legal;

-- "Not the same person": the pair leaves the list for good.
CREATE FUNCTION core.dismiss_duplicate(p_person uuid, p_other uuid) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    IF NOT pg_has_role(session_user, 'ocms_legal', 'MEMBER') OR NOT core.person_visible(p_person)
       OR NOT core.person_visible(p_other) THEN
        RAISE EXCEPTION 'You may not review these records.' USING ERRCODE = 'OC403';
    END IF;
    UPDATE core.person_duplicate_candidates SET dismissed_by = core.session_user_id(), dismissed_at = now()
    WHERE person_id = least(p_person, p_other) AND other_id = greatest(p_person, p_other);
END
$$;
GRANT EXECUTE ON FUNCTION core.dismiss_duplicate TO ocms_legal;

-- Every merge and exactly what it moved, so that it can be undone.
CREATE TABLE core.person_merges (
    id          uuid PRIMARY KEY,
    kept_id     uuid NOT NULL REFERENCES core.people (id),
    merged_id   uuid NOT NULL REFERENCES core.people (id),
    reason      text NOT NULL CONSTRAINT person_merges_reason_not_blank CHECK (btrim(reason) <> ''),
    merged_by   uuid REFERENCES core.users (id),
    merged_at   timestamptz NOT NULL DEFAULT now(),
    kept_name   text NOT NULL,   -- names as they were, for the list of merges (the merged record is hidden once merged)
    merged_name text NOT NULL,
    moved       jsonb NOT NULL,
    undone_by   uuid REFERENCES core.users (id),
    undone_at   timestamptz
);
CREATE INDEX ON core.person_merges (kept_id);
CREATE INDEX ON core.person_merges (merged_id);
ALTER TABLE core.person_merges ENABLE ROW LEVEL SECURITY;
ALTER TABLE core.person_merges FORCE ROW LEVEL SECURITY;
CREATE POLICY follows_kept_person ON core.person_merges FOR SELECT
    USING (EXISTS (SELECT 1 FROM core.people p WHERE p.id = kept_id));
GRANT SELECT ON core.person_merges TO ocms_legal, ocms_admin;

DO $$
DECLARE
    audited record;
BEGIN
    -- Audited like every other table (0009's trigger function, one row per statement).
    FOR audited IN SELECT * FROM (VALUES ('core.person_merges', 'id'), ('core.person_duplicate_candidates', 'person_id'))
                                 AS t (table_name, key_column) LOOP
        EXECUTE format('CREATE TRIGGER audit_insert AFTER INSERT ON %s REFERENCING NEW TABLE AS new_rows '
                       'FOR EACH STATEMENT EXECUTE FUNCTION audit.record_changes(%L)', audited.table_name, audited.key_column);
        EXECUTE format('CREATE TRIGGER audit_update AFTER UPDATE ON %s REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows '
                       'FOR EACH STATEMENT EXECUTE FUNCTION audit.record_changes(%L)', audited.table_name, audited.key_column);
        EXECUTE format('CREATE TRIGGER audit_delete AFTER DELETE ON %s REFERENCING OLD TABLE AS old_rows '
                       'FOR EACH STATEMENT EXECUTE FUNCTION audit.record_changes(%L)', audited.table_name, audited.key_column);
    END LOOP;
END
$$;

-- Columns filled on the kept record from the merged one where the kept one is empty. Never an
-- authoritative column (the A-Number is EOIR's to set) and never a name (the merged name becomes an alias).
CREATE FUNCTION core.mergeable_person_columns() RETURNS text[]
    LANGUAGE sql IMMUTABLE
    RETURN ARRAY['given_name', 'middle_name', 'date_of_birth', 'place_of_birth', 'sex', 'nationality', 'language',
                 'ssn', 'title', 'employer', 'business_phone', 'business_fax', 'business_email'];

-- Merges p_merged into p_keep: every link moves (a link the kept record already has is dropped and
-- recorded), the merged name becomes an alias, empty fields are filled, the merged record is tombstoned.
CREATE FUNCTION core.merge_people(p_keep uuid, p_merged uuid, p_reason text) RETURNS uuid
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
    merge_id uuid := gen_random_uuid();
    kept core.people;
    merged core.people;
    moved jsonb := '{}';
    filled jsonb := '{}';
    alias_id uuid;
    column_name text;
    link record;
BEGIN
    IF NOT pg_has_role(session_user, 'ocms_legal', 'MEMBER') THEN
        RAISE EXCEPTION 'Only legal staff merge people.' USING ERRCODE = 'OC403';
    END IF;
    IF coalesce(btrim(p_reason), '') = '' THEN
        RAISE EXCEPTION 'Say why the two records are the same person.' USING ERRCODE = 'OC001';
    END IF;
    IF p_keep = p_merged THEN
        RAISE EXCEPTION 'A record cannot be merged into itself.' USING ERRCODE = 'OC001';
    END IF;
    IF NOT core.person_visible(p_keep) OR NOT core.person_visible(p_merged) THEN
        RAISE EXCEPTION 'One of the records does not exist, was merged already, or you may not see it.' USING ERRCODE = 'OC403';
    END IF;
    SELECT * INTO kept FROM core.people WHERE id = p_keep FOR UPDATE;
    SELECT * INTO merged FROM core.people WHERE id = p_merged FOR UPDATE;
    IF kept.a_number IS NOT NULL AND merged.a_number IS NOT NULL AND kept.a_number <> merged.a_number THEN
        RAISE EXCEPTION 'The records have different A-Numbers (% and %): they are not merged.', kept.a_number, merged.a_number
            USING ERRCODE = 'OC001';
    END IF;
    PERFORM set_config('ocms.source', 'merge', true);

    -- Rows that belong to the person by their own key move as they are.
    moved := jsonb_build_object(
        'core.person_aliases', (SELECT coalesce(jsonb_agg(id), '[]') FROM core.person_aliases WHERE person_id = p_merged),
        'core.addresses', (SELECT coalesce(jsonb_agg(id), '[]') FROM core.addresses WHERE person_id = p_merged),
        'core.phones', (SELECT coalesce(jsonb_agg(id), '[]') FROM core.phones WHERE person_id = p_merged),
        'legal.applications', (SELECT coalesce(jsonb_agg(id), '[]') FROM legal.applications WHERE person_id = p_merged),
        'legal.visas', (SELECT coalesce(jsonb_agg(id), '[]') FROM legal.visas WHERE person_id = p_merged),
        'field.fugitives', (SELECT coalesce(jsonb_agg(id), '[]') FROM field.fugitives WHERE person_id = p_merged));
    UPDATE core.person_aliases SET person_id = p_keep WHERE person_id = p_merged;
    UPDATE core.addresses SET person_id = p_keep WHERE person_id = p_merged;
    UPDATE core.phones SET person_id = p_keep WHERE person_id = p_merged;
    UPDATE legal.applications SET person_id = p_keep WHERE person_id = p_merged;
    UPDATE legal.visas SET person_id = p_keep WHERE person_id = p_merged;
    UPDATE field.fugitives SET person_id = p_keep WHERE person_id = p_merged;

    -- Links keyed by (parent, person, role): one the kept record already has is dropped, and recorded.
    moved := moved || jsonb_build_object(
        'legal.case_people', (SELECT coalesce(jsonb_agg(jsonb_build_object('parent', l.case_id, 'role', l.role,
                                  'dropped', EXISTS (SELECT 1 FROM legal.case_people k WHERE k.case_id = l.case_id
                                                     AND k.person_id = p_keep AND k.role = l.role))), '[]')
                              FROM legal.case_people l WHERE l.person_id = p_merged),
        'legal.project_people', (SELECT coalesce(jsonb_agg(jsonb_build_object('parent', l.project_id, 'role', l.role,
                                  'dropped', EXISTS (SELECT 1 FROM legal.project_people k WHERE k.project_id = l.project_id
                                                     AND k.person_id = p_keep AND k.role = l.role))), '[]')
                                 FROM legal.project_people l WHERE l.person_id = p_merged));
    DELETE FROM legal.case_people l WHERE l.person_id = p_merged
        AND EXISTS (SELECT 1 FROM legal.case_people k WHERE k.case_id = l.case_id AND k.person_id = p_keep AND k.role = l.role);
    UPDATE legal.case_people SET person_id = p_keep WHERE person_id = p_merged;
    DELETE FROM legal.project_people l WHERE l.person_id = p_merged
        AND EXISTS (SELECT 1 FROM legal.project_people k WHERE k.project_id = l.project_id AND k.person_id = p_keep AND k.role = l.role);
    UPDATE legal.project_people SET person_id = p_keep WHERE person_id = p_merged;

    -- The merged name is kept as an alias (spelling as typed), unless the kept record already bears it.
    IF (merged.family_name, merged.given_name) IS DISTINCT FROM (kept.family_name, kept.given_name)
       AND NOT EXISTS (SELECT 1 FROM core.person_aliases a WHERE a.person_id = p_keep AND a.deleted_at IS NULL
                       AND a.family_name = merged.family_name AND a.given_name IS NOT DISTINCT FROM merged.given_name) THEN
        alias_id := gen_random_uuid();
        INSERT INTO core.person_aliases (id, person_id, family_name, given_name, source)
        VALUES (alias_id, p_keep, merged.family_name, merged.given_name, 'merge');
    END IF;

    -- Empty fields of the kept record take the merged record's values; the old (empty) values are recorded.
    FOREACH column_name IN ARRAY core.mergeable_person_columns() LOOP
        IF (to_jsonb(kept) -> column_name) = 'null'::jsonb AND (to_jsonb(merged) -> column_name) <> 'null'::jsonb THEN
            EXECUTE format('UPDATE core.people SET %I = $1.%I WHERE id = $2', column_name, column_name) USING merged, p_keep;
            filled := filled || jsonb_build_object(column_name, to_jsonb(merged) -> column_name);
        END IF;
    END LOOP;

    UPDATE core.people SET deleted_at = now(), merged_into = p_keep WHERE id = p_merged;
    DELETE FROM core.person_duplicate_candidates
    WHERE (person_id, other_id) = (least(p_keep, p_merged), greatest(p_keep, p_merged));
    INSERT INTO core.person_merges (id, kept_id, merged_id, reason, merged_by, kept_name, merged_name, moved)
    VALUES (merge_id, p_keep, p_merged, btrim(p_reason), core.session_user_id(),
            concat_ws(', ', kept.family_name, kept.given_name), concat_ws(', ', merged.family_name, merged.given_name),
            moved || jsonb_build_object('alias', alias_id, 'filled', filled));
    PERFORM set_config('ocms.source', '', true);
    RETURN merge_id;
END
$$;
GRANT EXECUTE ON FUNCTION core.merge_people TO ocms_legal;

-- Undoes a merge from its record: links go back (dropped ones are restored), the added alias goes, filled
-- fields are emptied again where nobody changed them since, and the merged record returns.
CREATE FUNCTION core.unmerge_people(p_merge uuid) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
    recorded core.person_merges;
    link jsonb;
    row_id jsonb;
    source_table text;
    column_name text;
BEGIN
    IF NOT pg_has_role(session_user, 'ocms_legal', 'MEMBER') THEN
        RAISE EXCEPTION 'Only legal staff undo merges.' USING ERRCODE = 'OC403';
    END IF;
    SELECT * INTO recorded FROM core.person_merges WHERE id = p_merge FOR UPDATE;
    IF NOT FOUND OR NOT core.person_visible(recorded.kept_id) THEN
        RAISE EXCEPTION 'The merge does not exist or you may not see the person.' USING ERRCODE = 'OC403';
    END IF;
    IF recorded.undone_at IS NOT NULL THEN
        RAISE EXCEPTION 'This merge was undone already.' USING ERRCODE = 'OC001';
    END IF;
    IF NOT EXISTS (SELECT 1 FROM core.people WHERE id = recorded.merged_id AND merged_into = recorded.kept_id) THEN
        RAISE EXCEPTION 'The merged record has changed since; the merge cannot be undone automatically.' USING ERRCODE = 'OC409';
    END IF;
    PERFORM set_config('ocms.source', 'merge_undone', true);

    FOREACH source_table IN ARRAY ARRAY['core.person_aliases', 'core.addresses', 'core.phones', 'legal.applications',
                                         'legal.visas', 'field.fugitives'] LOOP
        EXECUTE format('UPDATE %s SET person_id = $1 WHERE person_id = $2 AND id IN (SELECT jsonb_array_elements_text($3)::uuid)',
                       source_table)
            USING recorded.merged_id, recorded.kept_id, recorded.moved -> source_table;
    END LOOP;
    FOR link IN SELECT * FROM jsonb_array_elements(recorded.moved -> 'legal.case_people') LOOP
        IF (link ->> 'dropped')::boolean THEN
            INSERT INTO legal.case_people (case_id, person_id, role)
            VALUES ((link ->> 'parent')::uuid, recorded.merged_id, link ->> 'role') ON CONFLICT DO NOTHING;
        ELSE
            UPDATE legal.case_people SET person_id = recorded.merged_id
            WHERE case_id = (link ->> 'parent')::uuid AND person_id = recorded.kept_id AND role = link ->> 'role';
        END IF;
    END LOOP;
    FOR link IN SELECT * FROM jsonb_array_elements(recorded.moved -> 'legal.project_people') LOOP
        IF (link ->> 'dropped')::boolean THEN
            INSERT INTO legal.project_people (project_id, person_id, role)
            VALUES ((link ->> 'parent')::uuid, recorded.merged_id, link ->> 'role') ON CONFLICT DO NOTHING;
        ELSE
            UPDATE legal.project_people SET person_id = recorded.merged_id
            WHERE project_id = (link ->> 'parent')::uuid AND person_id = recorded.kept_id AND role = link ->> 'role';
        END IF;
    END LOOP;
    IF recorded.moved ->> 'alias' IS NOT NULL THEN
        DELETE FROM core.person_aliases WHERE id = (recorded.moved ->> 'alias')::uuid;
    END IF;
    FOR column_name IN SELECT jsonb_object_keys(recorded.moved -> 'filled') LOOP
        EXECUTE format('UPDATE core.people SET %I = NULL WHERE id = $1 AND to_jsonb(%I) = $2', column_name, column_name)
            USING recorded.kept_id, recorded.moved -> 'filled' -> column_name;
    END LOOP;
    UPDATE core.people SET deleted_at = NULL, merged_into = NULL WHERE id = recorded.merged_id;
    UPDATE core.person_merges SET undone_by = core.session_user_id(), undone_at = now() WHERE id = p_merge;
    PERFORM set_config('ocms.source', '', true);
END
$$;
GRANT EXECUTE ON FUNCTION core.unmerge_people TO ocms_legal;
