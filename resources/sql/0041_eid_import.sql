-- EID daily extract (issue 9 items 1, 2, 6; format in core/imports/FORMATS.md): the client checks every
-- line, COPYs the good ones into a temporary table shaped like imports.eid_line, and calls
-- imports.merge_eid() in the same transaction, which merges them set-based under the authoritative-source
-- rules (rules.authoritative_source):
--   - a column whose authoritative source is EID (custody status of immigration cases) takes EID's value;
--   - a column whose authoritative source is another system (the A-Number: EOIR) is never written by EID;
--     a different value offered is logged in imports.source_conflicts;
--   - a column without an authoritative source (date of birth, nationality, sex) is filled when OCMS holds
--     nothing; a different value offered is logged as a conflict and the value held stays;
--   - a name OCMS does not know for the person becomes an alias (core.person_aliases), the name stays.
-- Every change is audited by the usual triggers with source 'system:EID'. The file's SHA-256 is recorded
-- in imports.imported_files: the same file is refused the second time. Any error rolls back the file.

CREATE SCHEMA IF NOT EXISTS imports;
GRANT USAGE ON SCHEMA imports TO ocms_import, ocms_legal, ocms_admin;

-- Files imported from other systems, once each (by content).
CREATE TABLE imports.imported_files (
    sha256      text PRIMARY KEY CONSTRAINT imported_files_sha256_format CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    system      text NOT NULL,
    file_name   text NOT NULL,
    lines       bigint NOT NULL,
    rejected    bigint NOT NULL,
    loaded      bigint,
    batch_id    uuid,
    imported_by text NOT NULL DEFAULT session_user,
    imported_at timestamptz NOT NULL DEFAULT now()
);

-- A value another system offered that OCMS did not take (the value held stays).
CREATE TABLE imports.source_conflicts (
    id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    occurred_at          timestamptz NOT NULL DEFAULT now(),
    source               text NOT NULL,          -- the system that offered the value (EID)
    table_name           text NOT NULL,
    column_name          text NOT NULL,
    record_id            uuid NOT NULL,
    held_value           text,
    offered_value        text,
    authoritative_source text,                   -- the column's own system, NULL when it has none
    file_sha256          text,
    line                 bigint
);
CREATE INDEX source_conflicts_record_idx ON imports.source_conflicts (table_name, record_id);
CREATE INDEX source_conflicts_time_brin ON imports.source_conflicts USING brin (occurred_at);

-- The shape of one checked line of an EID extract: the client's staging table is CREATE TEMP TABLE … (LIKE
-- imports.eid_line). Never holds rows itself.
CREATE TABLE imports.eid_line (
    line               bigint NOT NULL,
    subject_id         text COLLATE "C" NOT NULL,
    a_number           text NOT NULL,
    family_name        text NOT NULL,
    given_name         text,
    date_of_birth      date,
    country            text,
    sex                text,
    arrest_date        date,
    arrest_location    text,
    booking_date       date,
    detention_facility text,
    release_date       date,
    removal_date       date,
    custody_status     text NOT NULL
);

-- What EID last sent for each of its subjects, as received (the live fetch page and create-from-import read
-- it), with the OCMS person it was matched to (NULL: A-Number unknown to OCMS when received).
CREATE TABLE imports.eid_subjects (
    subject_id         text COLLATE "C" PRIMARY KEY, -- digits: byte order is their order, and cheaper to compare
    a_number           text NOT NULL,
    person_id          uuid,
    family_name        text NOT NULL,
    given_name         text,
    date_of_birth      date,
    country            text,
    sex                text,
    arrest_date        date,
    arrest_location    text,
    booking_date       date,
    detention_facility text,
    release_date       date,
    removal_date       date,
    custody_status     text NOT NULL,
    received_at        timestamptz NOT NULL,
    file_sha256        text NOT NULL,
    line               bigint NOT NULL
);
CREATE INDEX eid_subjects_a_number_idx ON imports.eid_subjects (a_number);

GRANT SELECT ON imports.eid_line TO ocms_import;
GRANT SELECT, INSERT, UPDATE ON imports.imported_files, imports.eid_subjects TO ocms_import;
GRANT SELECT, INSERT ON imports.source_conflicts TO ocms_import;
GRANT SELECT ON imports.imported_files, imports.source_conflicts, imports.eid_subjects TO ocms_legal, ocms_admin;

-- Whether EID may write a column: it is EID's, or it has no authoritative source and OCMS holds nothing.
CREATE FUNCTION imports.eid_writes(p_authority text, p_held text, p_offered text) RETURNS boolean
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN p_offered IS NOT NULL AND p_held IS DISTINCT FROM p_offered
           AND (coalesce(upper(p_authority) = 'EID', false) OR (p_authority IS NULL AND p_held IS NULL));

-- The source a connector sets is 'system:' and the system's name as rules.authoritative_source spells it
-- (system:EID); 0010 compared it with the lower-case name only. Otherwise as in 0010.
CREATE OR REPLACE FUNCTION rules.enforce_authoritative_source() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
    qualified text := TG_TABLE_SCHEMA || '.' || TG_TABLE_NAME;
    new_values hstore := hstore(NEW);
    old_values hstore := hstore(OLD);
    source text := audit.current_source();
    rule record;
BEGIN
    IF (SELECT rolsuper FROM pg_roles WHERE rolname = session_user) THEN
        RETURN NEW; -- the database owner's own maintenance (migrations, seeding)
    END IF;
    FOR rule IN SELECT column_name, system FROM rules.authoritative_source WHERE table_name = qualified LOOP
        CONTINUE WHEN (old_values -> rule.column_name) IS NOT DISTINCT FROM (new_values -> rule.column_name);
        CONTINUE WHEN lower(source) = 'system:' || lower(rule.system) AND pg_has_role(session_user, 'ocms_import', 'MEMBER');
        CONTINUE WHEN source = 'correction' AND current_setting('ocms.correction_by', true) = session_user
                      AND pg_has_role(session_user, 'ocms_admin', 'MEMBER');
        RAISE EXCEPTION '% comes from % and cannot be changed here. Ask an administrator to correct it, or have % corrected.',
            rules.label(rule.column_name), rule.system, rule.system USING ERRCODE = 'OC403';
    END LOOP;
    RETURN NEW;
END
$$;

-- The merge of the lines in pg_temp.eid_import (LIKE imports.eid_line), in the caller's transaction.
-- Runs with the caller's privileges and row security; only the import role may call it.
CREATE FUNCTION imports.merge_eid(p_sha256 text, p_file_name text, p_lines bigint, p_rejected bigint)
    RETURNS TABLE (subjects bigint, matched bigint, unmatched bigint, cases_changed bigint, aliases_added bigint,
                   people_filled bigint, conflicts bigint)
    LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
    earlier record;
    batch uuid := gen_random_uuid();
    auth_a_number text;
    auth_birth text;
    auth_nationality text;
    auth_sex text;
    auth_custody text;
    v_subjects bigint;
    v_matched bigint;
    v_cases bigint;
    v_aliases bigint;
    v_filled bigint;
    v_conflicts bigint;
    v_case_conflicts bigint;
BEGIN
    IF NOT pg_has_role(session_user, 'ocms_import', 'MEMBER') THEN
        RAISE EXCEPTION 'Importing an EID extract needs the import role (ocms_import).' USING ERRCODE = 'OC403';
    END IF;
    IF p_sha256 IS NULL OR p_sha256 !~ '^[0-9a-f]{64}$' THEN
        RAISE EXCEPTION 'The file''s SHA-256 is missing or malformed.' USING ERRCODE = 'OC001';
    END IF;
    -- Exactly once: a second import of the same bytes is refused (concurrent ones wait here for the first).
    INSERT INTO imports.imported_files (sha256, system, file_name, lines, rejected, batch_id)
    VALUES (p_sha256, 'EID', coalesce(nullif(p_file_name, ''), '(standard input)'), p_lines, p_rejected, batch)
    ON CONFLICT (sha256) DO NOTHING;
    IF NOT FOUND THEN
        SELECT * INTO earlier FROM imports.imported_files WHERE sha256 = p_sha256;
        RAISE EXCEPTION 'This file was imported before, on % by % (as %). A file is imported only once; nothing was loaded.',
            to_char(earlier.imported_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI "UTC"'), earlier.imported_by, earlier.file_name
            USING ERRCODE = 'OC409';
    END IF;
    PERFORM set_config('ocms.source', 'system:EID', true);
    PERFORM set_config('ocms.batch_id', batch::text, true);

    SELECT a.system INTO auth_a_number FROM rules.authoritative_source a WHERE a.table_name = 'core.people' AND a.column_name = 'a_number';
    SELECT a.system INTO auth_birth FROM rules.authoritative_source a WHERE a.table_name = 'core.people' AND a.column_name = 'date_of_birth';
    SELECT a.system INTO auth_nationality FROM rules.authoritative_source a WHERE a.table_name = 'core.people' AND a.column_name = 'nationality';
    SELECT a.system INTO auth_sex FROM rules.authoritative_source a WHERE a.table_name = 'core.people' AND a.column_name = 'sex';
    SELECT a.system INTO auth_custody FROM rules.authoritative_source a WHERE a.table_name = 'legal.cases' AND a.column_name = 'custody_status';

    -- One EID import at a time (a second waits here): subjects are inserted or updated without racing.
    LOCK TABLE imports.eid_subjects IN SHARE ROW EXCLUSIVE MODE;

    -- Each line with its person: the one EID's subject was matched to before, else the person holding the
    -- line's A-Number (the earliest record when several share it), and what OCMS holds for them. The name
    -- key (lower case, no accents) is computed only when lower case alone does not already match the
    -- person's: unaccent() is the most expensive call here. `fills` and `differs` flag the lines the
    -- people update and the conflict log need, so those statements skip the rest.
    CREATE TEMP TABLE eid_resolved ON COMMIT DROP AS
    SELECT m.*,
           imports.eid_writes(auth_birth, m.held_date_of_birth::text, m.date_of_birth::text)
           OR imports.eid_writes(auth_nationality, m.held_nationality, m.country)
           OR imports.eid_writes(auth_sex, m.held_sex, m.sex)
           OR imports.eid_writes(auth_a_number, m.held_a_number, m.a_number) AS fills,
           (m.a_number IS DISTINCT FROM m.held_a_number OR m.date_of_birth IS DISTINCT FROM m.held_date_of_birth
            OR m.country IS DISTINCT FROM m.held_nationality OR m.sex IS DISTINCT FROM m.held_sex) AS differs
    FROM (
        SELECT s.*, k.subject_id IS NOT NULL AS known_subject, p.id AS person_id, p.a_number AS held_a_number,
               p.date_of_birth AS held_date_of_birth, p.nationality AS held_nationality, p.sex AS held_sex,
               p.name_key AS held_name_key,
               CASE WHEN p.id IS NULL THEN NULL
                    WHEN lower(s.family_name || ' ' || coalesce(s.given_name, '')) = p.name_key THEN p.name_key
                    ELSE core.name_key(s.family_name || ' ' || coalesce(s.given_name, '')) END AS name_key
        FROM pg_temp.eid_import s
        LEFT JOIN imports.eid_subjects k ON k.subject_id = s.subject_id
        LEFT JOIN (SELECT DISTINCT ON (p.a_number COLLATE "C") p.a_number, p.id
                   FROM core.people p
                   WHERE p.deleted_at IS NULL AND p.a_number IN (SELECT s.a_number FROM pg_temp.eid_import s)
                   ORDER BY p.a_number COLLATE "C", p.created_at, p.id) b ON b.a_number = s.a_number
        LEFT JOIN core.people p ON p.id = coalesce(k.person_id, b.id) AND p.deleted_at IS NULL) m;
    ANALYZE pg_temp.eid_resolved;
    SELECT count(*), count(person_id) INTO v_subjects, v_matched FROM pg_temp.eid_resolved;

    -- Offered values OCMS does not take, logged before anything changes.
    INSERT INTO imports.source_conflicts (source, table_name, column_name, record_id, held_value, offered_value,
                                          authoritative_source, file_sha256, line)
    SELECT 'EID', 'core.people', c.column_name, r.person_id, c.held, c.offered, c.authority, p_sha256, r.line
    FROM pg_temp.eid_resolved r
    CROSS JOIN LATERAL (VALUES ('a_number', r.held_a_number, r.a_number, auth_a_number),
                               ('date_of_birth', r.held_date_of_birth::text, r.date_of_birth::text, auth_birth),
                               ('nationality', r.held_nationality, r.country, auth_nationality),
                               ('sex', r.held_sex, r.sex, auth_sex)) c (column_name, held, offered, authority)
    WHERE r.person_id IS NOT NULL AND r.differs AND c.offered IS NOT NULL AND c.held IS DISTINCT FROM c.offered
      AND NOT imports.eid_writes(c.authority, c.held, c.offered);
    GET DIAGNOSTICS v_conflicts = ROW_COUNT;

    -- Biographic values OCMS may take from EID (see eid_writes).
    UPDATE core.people p
    SET date_of_birth = CASE WHEN imports.eid_writes(auth_birth, p.date_of_birth::text, r.date_of_birth::text)
                             THEN r.date_of_birth ELSE p.date_of_birth END,
        nationality = CASE WHEN imports.eid_writes(auth_nationality, p.nationality, r.country) THEN r.country ELSE p.nationality END,
        sex = CASE WHEN imports.eid_writes(auth_sex, p.sex, r.sex) THEN r.sex ELSE p.sex END,
        a_number = CASE WHEN imports.eid_writes(auth_a_number, p.a_number, r.a_number) THEN r.a_number ELSE p.a_number END,
        updated_at = now()
    FROM pg_temp.eid_resolved r
    WHERE p.id = r.person_id AND r.fills
      AND (imports.eid_writes(auth_birth, p.date_of_birth::text, r.date_of_birth::text)
           OR imports.eid_writes(auth_nationality, p.nationality, r.country)
           OR imports.eid_writes(auth_sex, p.sex, r.sex)
           OR imports.eid_writes(auth_a_number, p.a_number, r.a_number));
    GET DIAGNOSTICS v_filled = ROW_COUNT;

    -- A name OCMS does not know for the person (neither the name nor an alias): a new alias.
    INSERT INTO core.person_aliases (id, person_id, family_name, given_name, source)
    SELECT DISTINCT ON (r.person_id, r.name_key) gen_random_uuid(), r.person_id, r.family_name, r.given_name, 'system:EID'
    FROM pg_temp.eid_resolved r
    WHERE r.person_id IS NOT NULL AND r.name_key IS DISTINCT FROM r.held_name_key
      AND NOT EXISTS (SELECT 1 FROM core.person_aliases a
                      WHERE a.person_id = r.person_id AND a.name_key = r.name_key AND a.deleted_at IS NULL)
    ORDER BY r.person_id, r.name_key, r.line;
    GET DIAGNOSTICS v_aliases = ROW_COUNT;

    -- Custody status of the person's open immigration cases (by the A-Number OCMS holds for them).
    UPDATE legal.cases c
    SET custody_status = r.custody_status
    FROM pg_temp.eid_resolved r
    WHERE c.a_number = coalesce(r.held_a_number, r.a_number) AND c.category = 'immigration'
      AND c.deleted_at IS NULL AND c.status <> 'closed'
      AND imports.eid_writes(auth_custody, c.custody_status, r.custody_status);
    GET DIAGNOSTICS v_cases = ROW_COUNT;
    -- Where custody status is not (or no longer) EID's to set, the differences are logged instead.
    v_case_conflicts := 0;
    IF upper(coalesce(auth_custody, '')) <> 'EID' THEN
    INSERT INTO imports.source_conflicts (source, table_name, column_name, record_id, held_value, offered_value,
                                          authoritative_source, file_sha256, line)
    SELECT 'EID', 'legal.cases', 'custody_status', c.id, c.custody_status, r.custody_status, auth_custody, p_sha256, r.line
    FROM pg_temp.eid_resolved r
    JOIN legal.cases c ON c.a_number = coalesce(r.held_a_number, r.a_number)
    WHERE c.category = 'immigration' AND c.deleted_at IS NULL AND c.status <> 'closed'
      AND c.custody_status IS DISTINCT FROM r.custody_status
      AND NOT imports.eid_writes(auth_custody, c.custody_status, r.custody_status);
    GET DIAGNOSTICS v_case_conflicts = ROW_COUNT;
    END IF;

    -- What EID sent, as received, for the live fetch page and create-from-import: known subjects updated
    -- (the person kept when this line matched none), new ones inserted (the table is locked above).
    UPDATE imports.eid_subjects e
    SET a_number = r.a_number, person_id = coalesce(r.person_id, e.person_id), family_name = r.family_name,
        given_name = r.given_name, date_of_birth = r.date_of_birth, country = r.country, sex = r.sex,
        arrest_date = r.arrest_date, arrest_location = r.arrest_location, booking_date = r.booking_date,
        detention_facility = r.detention_facility, release_date = r.release_date, removal_date = r.removal_date,
        custody_status = r.custody_status, received_at = now(), file_sha256 = p_sha256, line = r.line
    FROM pg_temp.eid_resolved r
    WHERE r.known_subject AND e.subject_id = r.subject_id;
    INSERT INTO imports.eid_subjects (subject_id, a_number, person_id, family_name, given_name, date_of_birth, country, sex,
                                      arrest_date, arrest_location, booking_date, detention_facility, release_date,
                                      removal_date, custody_status, received_at, file_sha256, line)
    SELECT r.subject_id, r.a_number, r.person_id, r.family_name, r.given_name, r.date_of_birth, r.country, r.sex,
           r.arrest_date, r.arrest_location, r.booking_date, r.detention_facility, r.release_date, r.removal_date,
           r.custody_status, now(), p_sha256, r.line
    FROM pg_temp.eid_resolved r
    WHERE NOT r.known_subject
    ORDER BY r.subject_id;

    UPDATE imports.imported_files SET loaded = v_subjects WHERE sha256 = p_sha256;
    DROP TABLE pg_temp.eid_resolved;
    RETURN QUERY SELECT v_subjects, v_matched, v_subjects - v_matched, v_cases, v_aliases, v_filled,
                        v_conflicts + v_case_conflicts;
END
$$;
REVOKE ALL ON FUNCTION imports.merge_eid FROM PUBLIC;
GRANT EXECUTE ON FUNCTION imports.merge_eid TO ocms_import;
GRANT EXECUTE ON FUNCTION imports.eid_writes TO ocms_import;
