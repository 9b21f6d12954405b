-- Address-search extracts (issue 7 item 6; FCMS PIA 2.3, 5.1, 5.3): headquarters sends a commercial
-- address provider the minimum it needs to search (name, aliases, date of birth, last known addresses),
-- OpenPGP-encrypted to the provider's key; every extract is a disclosure, accounted for here.
--
-- field.provider_extracts (0004) is the disclosure: what (fields, record count, SHA-256 of the file sent
-- and of its plaintext), to whom (provider: a commercial lead source code, so the results come back
-- under that source), when and by whom. field.provider_extract_subjects says which fugitives went in
-- which extract, under which per-extract reference (the file carries no A-Number, SSN or internal
-- number: the provider answers with the reference). field.extract_disclosures answers a person's
-- accounting of disclosures. Both tables are append-only; the only writers are the two functions below.

ALTER TABLE field.provider_extracts
    ADD COLUMN content_sha256 bytea CONSTRAINT provider_extracts_content_sha256_length CHECK (length(content_sha256) = 32),
    ADD COLUMN key_fingerprint text CONSTRAINT provider_extracts_key_fingerprint_format CHECK (key_fingerprint ~ '^[0-9A-F]{40,64}$'),
    ADD COLUMN fields text[] NOT NULL DEFAULT '{}',
    ADD COLUMN selection text,
    ADD COLUMN results_imported_by uuid REFERENCES core.users (id);
COMMENT ON TABLE field.provider_extracts IS 'Address-search extracts sent to commercial providers: each is a disclosure (what, to whom, when, by whom)';
COMMENT ON COLUMN field.provider_extracts.provider IS 'The provider: code of a commercial field.lead_sources row (its results come back under it)';
COMMENT ON COLUMN field.provider_extracts.sha256 IS 'SHA-256 of the encrypted file as delivered';
COMMENT ON COLUMN field.provider_extracts.content_sha256 IS 'SHA-256 of the plaintext CSV inside it (never stored)';
COMMENT ON COLUMN field.provider_extracts.key_fingerprint IS 'OpenPGP fingerprint of the provider key it was encrypted to';
COMMENT ON COLUMN field.provider_extracts.fields IS 'The columns that went out (FORMATS.md, address-search extract)';
COMMENT ON COLUMN field.provider_extracts.selection IS 'How the subjects were chosen (office, status, or by hand)';

CREATE TABLE field.provider_extract_subjects (
    extract_id      uuid NOT NULL REFERENCES field.provider_extracts (id),
    fugitive_id     uuid NOT NULL REFERENCES field.fugitives (id),
    subject_ref     text NOT NULL CONSTRAINT provider_extract_subjects_ref_format CHECK (subject_ref ~ '^[A-Z0-9]{8,32}$'),
    PRIMARY KEY (extract_id, fugitive_id),
    CONSTRAINT provider_extract_subjects_ref_unique UNIQUE (extract_id, subject_ref)
);
CREATE INDEX ON field.provider_extract_subjects (fugitive_id);
COMMENT ON TABLE field.provider_extract_subjects IS 'Which fugitives went in which address-search extract, under which reference';

ALTER TABLE field.provider_extract_subjects ENABLE ROW LEVEL SECURITY;
ALTER TABLE field.provider_extract_subjects FORCE ROW LEVEL SECURITY;
CREATE POLICY field_roles ON field.provider_extract_subjects
    USING ((SELECT core.session_has_role('ocms_field')) OR (SELECT core.session_has_role('ocms_import')));
GRANT SELECT ON field.provider_extract_subjects TO field_read, ocms_import;
GRANT SELECT ON field.provider_extracts TO ocms_import;
-- Nobody writes either table directly: the functions below do, with their checks.
REVOKE INSERT, UPDATE, DELETE ON field.provider_extracts, field.provider_extract_subjects
    FROM field_read, field_write, field_full, field_admin, ocms_import;

CREATE TRIGGER audit_insert AFTER INSERT ON field.provider_extract_subjects REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION audit.record_changes('extract_id');
CREATE TRIGGER audit_update AFTER UPDATE ON field.provider_extract_subjects REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION audit.record_changes('extract_id');
CREATE TRIGGER audit_delete AFTER DELETE ON field.provider_extract_subjects REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION audit.record_changes('extract_id');

-- Append-only: a disclosure stays as it was recorded. The one change allowed is marking the extract
-- answered once (results_imported_at/by, from NULL). The database owner's retention disposal may delete.
CREATE FUNCTION field.refuse_extract_change() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    IF (SELECT rolsuper FROM pg_roles WHERE rolname = session_user) THEN
        IF TG_OP = 'DELETE' THEN
            RETURN OLD;
        END IF;
        RETURN NEW;
    END IF;
    IF TG_OP = 'UPDATE' AND TG_TABLE_NAME = 'provider_extracts' AND OLD.results_imported_at IS NULL
       AND NEW.results_imported_at IS NOT NULL
       AND (to_jsonb(NEW) - ARRAY['results_imported_at', 'results_imported_by'])
           = (to_jsonb(OLD) - ARRAY['results_imported_at', 'results_imported_by']) THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'An address-search extract is a record of a disclosure and cannot be changed or removed.'
        USING ERRCODE = 'OC403';
END
$$;
CREATE TRIGGER provider_extracts_append_only BEFORE UPDATE OR DELETE ON field.provider_extracts
    FOR EACH ROW EXECUTE FUNCTION field.refuse_extract_change();
CREATE TRIGGER provider_extract_subjects_append_only BEFORE UPDATE OR DELETE ON field.provider_extract_subjects
    FOR EACH ROW EXECUTE FUNCTION field.refuse_extract_change();

-- Whether the signed-in user may send fugitive data to a provider: headquarters (full field access, FCMS
-- 8.1), or the database owner's own maintenance.
CREATE FUNCTION field.may_disclose_to_provider() RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
    RETURN pg_has_role(session_user, 'field_full', 'MEMBER')
        OR coalesce((SELECT rolsuper FROM pg_roles WHERE rolname = session_user), false);
GRANT EXECUTE ON FUNCTION field.may_disclose_to_provider TO ocms_user;

-- Records an extract and its subjects in one call (the client calls it in the transaction that then
-- writes the file, and commits only once the file is in place). Who and when are the server's.
CREATE FUNCTION field.record_provider_extract(p_id uuid, p_provider text, p_fugitives uuid[], p_refs text[],
                                              p_sha256 bytea, p_content_sha256 bytea, p_key_fingerprint text,
                                              p_fields text[], p_selection text) RETURNS timestamptz
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    recorded timestamptz := now();
    subjects integer := coalesce(cardinality(p_fugitives), 0);
BEGIN
    IF NOT field.may_disclose_to_provider() THEN
        RAISE EXCEPTION 'Only headquarters (full field access) sends fugitive data to an address provider.'
            USING ERRCODE = 'OC403';
    END IF;
    IF NOT EXISTS (SELECT 1 FROM field.lead_sources s WHERE s.code = p_provider AND s.kind = 'commercial') THEN
        RAISE EXCEPTION 'The provider must be a commercial lead source (field.lead_sources), so its results come back under it.'
            USING ERRCODE = 'OC422';
    END IF;
    IF subjects = 0 THEN
        RAISE EXCEPTION 'An extract holds at least one fugitive.' USING ERRCODE = 'OC422';
    END IF;
    IF coalesce(cardinality(p_refs), 0) <> subjects THEN
        RAISE EXCEPTION 'Each fugitive of the extract needs its reference.' USING ERRCODE = 'OC422';
    END IF;
    IF coalesce(cardinality(p_fields), 0) = 0 OR p_sha256 IS NULL OR p_content_sha256 IS NULL OR p_key_fingerprint IS NULL THEN
        RAISE EXCEPTION 'Say which fields went out, the SHA-256 of the file and of its content, and the key''s fingerprint.'
            USING ERRCODE = 'OC422';
    END IF;
    IF (SELECT count(*) FROM field.fugitives f WHERE f.id = ANY (p_fugitives) AND f.deleted_at IS NULL)
       <> (SELECT count(DISTINCT x) FROM unnest(p_fugitives) x) OR (SELECT count(DISTINCT x) FROM unnest(p_fugitives) x) <> subjects THEN
        RAISE EXCEPTION 'The extract names a fugitive record that does not exist, or one twice.' USING ERRCODE = 'OC422';
    END IF;
    INSERT INTO field.provider_extracts (id, provider, created_at, created_by, record_count, sha256, content_sha256,
                                         key_fingerprint, fields, selection)
    VALUES (p_id, p_provider, recorded, core.session_user_id(), subjects, p_sha256, p_content_sha256,
            upper(p_key_fingerprint), p_fields, nullif(btrim(p_selection), ''));
    INSERT INTO field.provider_extract_subjects (extract_id, fugitive_id, subject_ref)
    SELECT p_id, s.fugitive, s.ref FROM unnest(p_fugitives, p_refs) AS s (fugitive, ref);
    RETURN recorded;
END
$$;
REVOKE ALL ON FUNCTION field.record_provider_extract FROM PUBLIC;
GRANT EXECUTE ON FUNCTION field.record_provider_extract TO ocms_field;

-- The provider's results came back through the lead import: the extract is answered (once).
-- Headquarters or the import role.
CREATE FUNCTION field.mark_extract_answered(p_extract uuid) RETURNS timestamptz
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    answered timestamptz;
BEGIN
    IF NOT (field.may_disclose_to_provider() OR pg_has_role(session_user, 'ocms_import', 'MEMBER')) THEN
        RAISE EXCEPTION 'Only headquarters (full field access) or the import role marks an extract answered.'
            USING ERRCODE = 'OC403';
    END IF;
    SELECT e.results_imported_at INTO answered FROM field.provider_extracts e WHERE e.id = p_extract FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'No address-search extract has that id.' USING ERRCODE = 'OC404';
    END IF;
    IF answered IS NOT NULL THEN
        RETURN answered; -- the first answer stands; importing the results again doubles nothing
    END IF;
    UPDATE field.provider_extracts SET results_imported_at = now(), results_imported_by = core.session_user_id()
    WHERE id = p_extract;
    RETURN now();
END
$$;
REVOKE ALL ON FUNCTION field.mark_extract_answered FROM PUBLIC;
GRANT EXECUTE ON FUNCTION field.mark_extract_answered TO ocms_field, ocms_import;

-- A person's accounting of disclosures to address providers: one row per extract the person was in.
CREATE VIEW field.extract_disclosures WITH (security_invoker = true) AS
SELECT f.person_id, s.fugitive_id, e.id AS extract_id, e.provider, src.name AS provider_name, e.created_at AS disclosed_at,
       e.created_by, u.login AS disclosed_by_login, u.full_name AS disclosed_by, e.fields, e.record_count,
       e.results_imported_at
FROM field.provider_extract_subjects s
JOIN field.provider_extracts e ON e.id = s.extract_id
JOIN field.fugitives f ON f.id = s.fugitive_id
LEFT JOIN field.lead_sources src ON src.code = e.provider
LEFT JOIN core.users u ON u.id = e.created_by;
COMMENT ON VIEW field.extract_disclosures IS 'Accounting of disclosures to address providers, per person (PIA 5.1; who, what, to whom, when)';
GRANT SELECT ON field.extract_disclosures TO field_read;
