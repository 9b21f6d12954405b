-- Documents (issue 6): a content store whose hashes the server computes, uploads in chunks that only their
-- uploader sees until finished, identical content stored once, check-out / check-in / restore of versions,
-- text extraction state and full-text search over what the user may see.

-- ---------------------------------------------------------------------------------------------------------
-- Content store. Every chunk's SHA-256 is computed here, never taken from the client; the content's hash is
-- the SHA-256 of its chunk hashes in order (a tree hash), so the server can compute it for a 2 GB file
-- without reading it whole, and identical content is recognised by a hash nobody can forge.
ALTER TABLE docs.content_chunks ADD COLUMN sha256 bytea;

CREATE FUNCTION docs.hash_chunk() RETURNS trigger
    LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    NEW.sha256 := sha256(NEW.data);
    RETURN NEW;
END
$$;
CREATE TRIGGER content_chunks_hash BEFORE INSERT OR UPDATE ON docs.content_chunks
    FOR EACH ROW EXECUTE FUNCTION docs.hash_chunk();
UPDATE docs.content_chunks SET sha256 = sha256(data);
ALTER TABLE docs.content_chunks ALTER COLUMN sha256 SET NOT NULL,
    ADD CONSTRAINT content_chunks_sha256_length CHECK (length(sha256) = 32);

CREATE FUNCTION docs.tree_hash(p_content uuid) RETURNS bytea
    LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp
    RETURN (SELECT sha256(coalesce(string_agg(c.sha256, ''::bytea ORDER BY c.chunk_no), ''::bytea))
            FROM docs.content_chunks c WHERE c.content_id = p_content);

-- A content is pending (sha256 and finished_at NULL) while its uploader sends chunks.
ALTER TABLE docs.contents ALTER COLUMN sha256 DROP NOT NULL,
    ADD COLUMN uploaded_by uuid REFERENCES core.users (id),
    ADD COLUMN finished_at timestamptz DEFAULT now(),
    ADD CONSTRAINT contents_finished_has_hash CHECK ((finished_at IS NULL) = (sha256 IS NULL));
UPDATE docs.contents c SET sha256 = docs.tree_hash(c.id);
CREATE INDEX contents_pending_idx ON docs.contents (uploaded_by) WHERE finished_at IS NULL;

-- Whoever writes content directly (seeders, connectors) must state the hash the server will find: checked
-- at commit, once the chunks are in.
CREATE FUNCTION docs.verify_content_hash() RETURNS trigger
    LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    stored_bytes bigint;
BEGIN
    SELECT coalesce(sum(length(data)), 0) INTO stored_bytes FROM docs.content_chunks WHERE content_id = NEW.id;
    IF stored_bytes <> NEW.byte_size OR docs.tree_hash(NEW.id) <> NEW.sha256 THEN
        RAISE EXCEPTION 'The stored content does not match its size or SHA-256.' USING ERRCODE = 'OC422';
    END IF;
    RETURN NULL;
END
$$;
CREATE CONSTRAINT TRIGGER contents_hash_verified AFTER INSERT OR UPDATE OF sha256 ON docs.contents
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (NEW.sha256 IS NOT NULL)
    EXECUTE FUNCTION docs.verify_content_hash();

-- Chunks are written while their content is pending, or in the transaction that created a finished
-- content (a bulk load, verified at commit). Stored content never changes.
CREATE FUNCTION docs.check_chunk_write() RETURNS trigger
    LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    content record;
BEGIN
    SELECT c.finished_at, c.xmin AS written_by, c.chunk_size INTO content
        FROM docs.contents c WHERE c.id = coalesce(NEW.content_id, OLD.content_id);
    IF content.finished_at IS NOT NULL AND content.written_by <> pg_current_xact_id()::xid THEN
        RAISE EXCEPTION 'Stored content cannot be changed.' USING ERRCODE = 'OC409';
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    IF length(NEW.data) > content.chunk_size THEN
        RAISE EXCEPTION 'A chunk is larger than the content''s chunk size.' USING ERRCODE = 'OC422';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER content_chunks_write BEFORE INSERT OR UPDATE ON docs.content_chunks
    FOR EACH ROW EXECUTE FUNCTION docs.check_chunk_write();

-- Content a user uploaded and was handed (their own, or identical content already stored): theirs to file
-- as a version. Without a claim nobody can file someone else's content by guessing its id.
CREATE TABLE docs.content_claims (
    content_id  uuid NOT NULL REFERENCES docs.contents (id) ON DELETE CASCADE,
    user_id     uuid NOT NULL REFERENCES core.users (id) ON DELETE CASCADE,
    claimed_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (content_id, user_id)
);
CREATE INDEX ON docs.content_claims (user_id);
ALTER TABLE docs.content_claims ENABLE ROW LEVEL SECURITY;
ALTER TABLE docs.content_claims FORCE ROW LEVEL SECURITY;
CREATE POLICY own_claims ON docs.content_claims USING (user_id = (SELECT core.session_user_id()));
REVOKE INSERT, UPDATE, DELETE ON docs.content_claims FROM ocms_legal;
-- Every role whose queries reach content reads the claims the contents policy consults (its own only).
GRANT SELECT ON docs.content_claims TO ocms_user;

DROP POLICY reachable ON docs.contents;
CREATE POLICY reachable ON docs.contents USING (
    (finished_at IS NULL AND uploaded_by = (SELECT core.session_user_id()))
    OR (finished_at IS NOT NULL AND (
        EXISTS (SELECT 1 FROM docs.versions v WHERE v.content_id = contents.id)
        OR EXISTS (SELECT 1 FROM field.photographs p WHERE p.content_id = contents.id)
        OR EXISTS (SELECT 1 FROM docs.content_claims k
                   WHERE k.content_id = contents.id AND k.user_id = (SELECT core.session_user_id())))))
    WITH CHECK ((SELECT core.session_has_role('ocms_legal')) OR (SELECT core.session_has_role('ocms_field'))
                OR (SELECT core.session_has_role('ocms_import')));

-- Legal users write content only through the functions below.
REVOKE INSERT, UPDATE, DELETE ON docs.contents, docs.content_chunks FROM ocms_legal;

CREATE FUNCTION docs.begin_upload(p_byte_size bigint) RETURNS uuid
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    uploader uuid := core.session_user_id();
    content uuid := gen_random_uuid();
BEGIN
    IF uploader IS NULL OR NOT (core.session_has_role('ocms_legal') OR core.session_has_role('ocms_field')
                                OR core.session_has_role('ocms_import')) THEN
        RAISE EXCEPTION 'You may not upload documents.' USING ERRCODE = 'OC403';
    END IF;
    IF p_byte_size IS NULL OR p_byte_size < 0 THEN
        RAISE EXCEPTION 'The size of the upload is missing or negative.' USING ERRCODE = 'OC422';
    END IF;
    INSERT INTO docs.contents (id, sha256, byte_size, uploaded_by, finished_at)
        VALUES (content, NULL, p_byte_size, uploader, NULL);
    RETURN content;
END
$$;

-- Stores one chunk (again, if a retry) and returns the server's SHA-256 of it for the client to compare.
CREATE FUNCTION docs.put_chunk(p_content uuid, p_chunk_no integer, p_data bytea) RETURNS bytea
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    upload record;
    chunks integer;
    expected integer;
    hash bytea;
BEGIN
    SELECT c.byte_size, c.chunk_size INTO upload FROM docs.contents c
        WHERE c.id = p_content AND c.finished_at IS NULL AND c.uploaded_by = core.session_user_id();
    IF NOT FOUND THEN
        RAISE EXCEPTION 'This upload does not exist, is finished, or is not yours.' USING ERRCODE = 'OC403';
    END IF;
    chunks := ((upload.byte_size + upload.chunk_size - 1) / upload.chunk_size)::integer;
    IF p_chunk_no IS NULL OR p_chunk_no < 0 OR p_chunk_no >= chunks THEN
        RAISE EXCEPTION 'Chunk % is outside this upload of % chunks.', p_chunk_no, chunks USING ERRCODE = 'OC422';
    END IF;
    expected := CASE WHEN p_chunk_no < chunks - 1 THEN upload.chunk_size
                     ELSE (upload.byte_size - upload.chunk_size::bigint * (chunks - 1))::integer END;
    IF p_data IS NULL OR length(p_data) <> expected THEN
        RAISE EXCEPTION 'Chunk % has % bytes; this upload needs %.', p_chunk_no, length(p_data), expected
            USING ERRCODE = 'OC422';
    END IF;
    INSERT INTO docs.content_chunks (content_id, chunk_no, data) VALUES (p_content, p_chunk_no, p_data)
        ON CONFLICT (content_id, chunk_no) DO UPDATE SET data = EXCLUDED.data
        RETURNING sha256 INTO hash;
    RETURN hash;
END
$$;

-- Chunks the server still needs: a broken upload resumes where it stopped.
CREATE FUNCTION docs.missing_chunks(p_content uuid) RETURNS SETOF integer
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
    BEGIN ATOMIC
        SELECT n FROM docs.contents c,
               generate_series(0, ((c.byte_size + c.chunk_size - 1) / c.chunk_size)::integer - 1) AS n
        WHERE c.id = p_content AND c.finished_at IS NULL AND c.uploaded_by = core.session_user_id()
          AND NOT EXISTS (SELECT 1 FROM docs.content_chunks k WHERE k.content_id = c.id AND k.chunk_no = n)
        ORDER BY n;
    END;

-- Finishes an upload: every chunk there, the hash computed here; identical content already stored is
-- kept once (this upload's chunks are dropped) and handed to the uploader as a claim. Returns the content.
CREATE FUNCTION docs.finish_upload(p_content uuid) RETURNS uuid
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    upload record;
    stored record;
    hash bytea;
    existing uuid;
    uploader uuid := core.session_user_id();
BEGIN
    SELECT c.byte_size, c.chunk_size INTO upload FROM docs.contents c
        WHERE c.id = p_content AND c.finished_at IS NULL AND c.uploaded_by = uploader FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'This upload does not exist, is finished, or is not yours.' USING ERRCODE = 'OC403';
    END IF;
    SELECT count(*) AS chunks, coalesce(sum(length(data)), 0) AS bytes INTO stored
        FROM docs.content_chunks WHERE content_id = p_content;
    IF stored.bytes <> upload.byte_size
       OR stored.chunks <> (upload.byte_size + upload.chunk_size - 1) / upload.chunk_size THEN
        RAISE EXCEPTION 'The upload is incomplete: % of % bytes arrived.', stored.bytes, upload.byte_size
            USING ERRCODE = 'OC422';
    END IF;
    hash := docs.tree_hash(p_content);
    PERFORM pg_advisory_xact_lock(hashtextextended(encode(hash, 'hex'), 0));
    SELECT id INTO existing FROM docs.contents WHERE sha256 = hash;
    IF existing IS NOT NULL THEN
        DELETE FROM docs.contents WHERE id = p_content;
    ELSE
        UPDATE docs.contents SET sha256 = hash, finished_at = now() WHERE id = p_content;
        existing := p_content;
    END IF;
    INSERT INTO docs.content_claims (content_id, user_id) VALUES (existing, uploader) ON CONFLICT DO NOTHING;
    RETURN existing;
END
$$;

-- Drops a pending upload of the caller (cancelled by the user).
CREATE FUNCTION docs.abandon_upload(p_content uuid) RETURNS void
    LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
    BEGIN ATOMIC
        DELETE FROM docs.contents WHERE id = p_content AND finished_at IS NULL AND uploaded_by = core.session_user_id();
    END;

-- Housekeeping (owner, from ocmsctl): pending uploads nobody finished and claims never filed.
CREATE FUNCTION docs.purge_stale_uploads(p_older_than interval) RETURNS bigint
    LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    dropped bigint;
BEGIN
    DELETE FROM docs.contents c WHERE c.finished_at IS NULL AND c.created_at < now() - p_older_than;
    GET DIAGNOSTICS dropped = ROW_COUNT;
    DELETE FROM docs.content_claims k WHERE k.claimed_at < now() - p_older_than;
    DELETE FROM docs.contents c WHERE c.finished_at < now() - p_older_than
        AND NOT EXISTS (SELECT 1 FROM docs.versions v WHERE v.content_id = c.id)
        AND NOT EXISTS (SELECT 1 FROM field.photographs p WHERE p.content_id = c.id)
        AND NOT EXISTS (SELECT 1 FROM docs.content_claims k WHERE k.content_id = c.id);
    RETURN dropped;
END
$$;
REVOKE ALL ON FUNCTION docs.purge_stale_uploads(interval) FROM PUBLIC;

-- ---------------------------------------------------------------------------------------------------------
-- Documents and versions.
CREATE TRIGGER documents_choices BEFORE INSERT OR UPDATE OF document_type ON docs.documents
    FOR EACH ROW EXECUTE FUNCTION rules.check_choice_column('document_type', 'document_type');

ALTER TABLE docs.documents ADD COLUMN created_by uuid REFERENCES core.users (id);
CREATE TRIGGER documents_stamp_creator BEFORE INSERT ON docs.documents FOR EACH ROW EXECUTE FUNCTION core.stamp_creator();

ALTER TABLE docs.versions
    ADD COLUMN is_current boolean NOT NULL DEFAULT true,
    ADD COLUMN restored_from integer,
    -- pending: waits for the extraction job; done; ocr: scanned, waits for OCR; none: no text in this format;
    -- failed: the job gave up (text_note says why).
    ADD COLUMN text_state text NOT NULL DEFAULT 'pending'
        CONSTRAINT versions_text_state CHECK (text_state IN ('pending', 'ocr', 'done', 'none', 'failed')),
    ADD COLUMN text_method text,
    ADD COLUMN text_note text,
    ADD COLUMN page_count integer;
UPDATE docs.versions v SET is_current = (v.version_no = (SELECT max(o.version_no) FROM docs.versions o
                                                         WHERE o.document_id = v.document_id)),
                           text_state = CASE WHEN v.extracted_text IS NULL THEN 'pending' ELSE 'done' END,
                           text_method = CASE WHEN v.extracted_text IS NULL THEN NULL ELSE 'pdf-text' END;
CREATE UNIQUE INDEX versions_current_idx ON docs.versions (document_id) WHERE is_current;
CREATE INDEX versions_text_pending_idx ON docs.versions (created_by, created_at) WHERE text_state IN ('pending', 'ocr');
-- Search reads the current versions only.
DROP INDEX docs.versions_search_idx;
CREATE INDEX versions_current_search_idx ON docs.versions USING gin (search_vector) WHERE is_current;

-- Who holds a document checked out, and since when, changes only through check-out / check-in: a user
-- takes a free document or gives back their own; an administrator may break a stale check-out; the
-- check-in trigger (running as owner) releases it.
CREATE FUNCTION docs.check_document_change() RETURNS trigger
    LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    me uuid := core.session_user_id();
BEGIN
    IF NEW.checked_out_by IS DISTINCT FROM OLD.checked_out_by THEN
        IF current_user <> session_user AND NEW.checked_out_by IS NULL THEN
            NULL; -- released by the check-in trigger (runs as owner)
        ELSIF NOT (NEW.checked_out_by = me AND OLD.checked_out_by IS NULL)
           AND NOT (NEW.checked_out_by IS NULL AND (OLD.checked_out_by = me OR core.session_has_role('ocms_admin'))) THEN
            RAISE EXCEPTION 'This document is checked out by % since %.', legal.user_name(OLD.checked_out_by),
                to_char(OLD.checked_out_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI "UTC"') USING ERRCODE = 'OC409';
        END IF;
        NEW.checked_out_at := CASE WHEN NEW.checked_out_by IS NULL THEN NULL ELSE now() END;
    ELSIF NEW.checked_out_at IS DISTINCT FROM OLD.checked_out_at THEN
        NEW.checked_out_at := OLD.checked_out_at;
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER documents_check_change BEFORE UPDATE ON docs.documents
    FOR EACH ROW EXECUTE FUNCTION docs.check_document_change();

-- Retires the current version of a document (as owner: users cannot update versions); only from the
-- version trigger, never called on its own.
CREATE FUNCTION docs.retire_current_version(p_document uuid) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    IF pg_trigger_depth() = 0 THEN
        RAISE EXCEPTION 'Versions are retired by checking in a new one.' USING ERRCODE = 'OC403';
    END IF;
    UPDATE docs.versions SET is_current = false WHERE document_id = p_document AND is_current;
END
$$;

-- A version filed by a person: numbered by the server, stamped with its author, of content the author may
-- file (claimed or already reachable); after the first, only by whoever holds the document checked out.
-- Its text comes from the extraction job (or, for a restore, from the version restored), never from the
-- client. Bulk loads by the owner (no person signed in) number and flag their own versions.
CREATE FUNCTION docs.check_version() RETURNS trigger
    LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    me uuid := core.session_user_id();
    document record;
    source record;
BEGIN
    IF TG_OP = 'UPDATE' THEN
        -- Versions are history: only the text extraction fields and the "current" flag ever change.
        IF (NEW.document_id, NEW.version_no, NEW.content_id, NEW.file_name, NEW.mime_type, NEW.comment,
            NEW.created_by, NEW.created_at, NEW.restored_from)
           IS DISTINCT FROM
           (OLD.document_id, OLD.version_no, OLD.content_id, OLD.file_name, OLD.mime_type, OLD.comment,
            OLD.created_by, OLD.created_at, OLD.restored_from) THEN
            RAISE EXCEPTION 'A version cannot be changed; check in a new one.' USING ERRCODE = 'OC409';
        END IF;
        RETURN NEW;
    END IF;
    IF me IS NULL THEN
        RETURN NEW;
    END IF;
    SELECT d.checked_out_by, d.checked_out_at, d.deleted_at INTO document
        FROM docs.documents d WHERE d.id = NEW.document_id FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'The document does not exist or you may not see it.' USING ERRCODE = 'OC403';
    END IF;
    IF document.deleted_at IS NOT NULL THEN
        RAISE EXCEPTION 'The document was deleted.' USING ERRCODE = 'OC409';
    END IF;
    IF NOT EXISTS (SELECT 1 FROM docs.contents c WHERE c.id = NEW.content_id AND c.finished_at IS NOT NULL) THEN
        RAISE EXCEPTION 'The content of this version was not uploaded (or is not yours to file).' USING ERRCODE = 'OC403';
    END IF;
    NEW.version_no := coalesce((SELECT max(v.version_no) FROM docs.versions v WHERE v.document_id = NEW.document_id), 0) + 1;
    IF NEW.version_no > 1 AND document.checked_out_by IS DISTINCT FROM me THEN
        IF document.checked_out_by IS NULL THEN
            RAISE EXCEPTION 'Check the document out before checking in a new version.' USING ERRCODE = 'OC409';
        END IF;
        RAISE EXCEPTION 'This document is checked out by % since %.', legal.user_name(document.checked_out_by),
            to_char(document.checked_out_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI "UTC"') USING ERRCODE = 'OC409';
    END IF;
    NEW.created_by := me;
    NEW.created_at := now();
    SELECT v.extracted_text, v.text_state, v.text_method, v.page_count, v.text_note INTO source
        FROM docs.versions v
        WHERE v.document_id = NEW.document_id AND v.version_no = NEW.restored_from AND v.content_id = NEW.content_id;
    IF NEW.restored_from IS NOT NULL AND NOT FOUND THEN
        RAISE EXCEPTION 'Version % of this document, with this content, does not exist.', NEW.restored_from
            USING ERRCODE = 'OC422';
    END IF;
    NEW.extracted_text := source.extracted_text;
    NEW.text_state := coalesce(source.text_state, 'pending');
    NEW.text_method := source.text_method;
    NEW.page_count := source.page_count;
    NEW.text_note := source.text_note;
    NEW.is_current := true;
    PERFORM docs.retire_current_version(NEW.document_id);
    RETURN NEW;
END
$$;
CREATE TRIGGER versions_check BEFORE INSERT OR UPDATE ON docs.versions FOR EACH ROW EXECUTE FUNCTION docs.check_version();

-- Check-in closes the check-out, touches the document and uses up the claim on the content.
CREATE FUNCTION docs.after_version() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    IF NEW.created_by IS NULL THEN
        RETURN NULL; -- a bulk load
    END IF;
    UPDATE docs.documents SET checked_out_by = NULL, updated_at = now()
        WHERE id = NEW.document_id AND (checked_out_by IS NOT NULL OR updated_at < now());
    DELETE FROM docs.content_claims WHERE content_id = NEW.content_id AND user_id = NEW.created_by;
    RETURN NULL;
END
$$;
CREATE TRIGGER versions_after AFTER INSERT ON docs.versions FOR EACH ROW EXECUTE FUNCTION docs.after_version();

CREATE FUNCTION docs.check_out(p_document uuid) RETURNS timestamptz
    LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    since timestamptz;
BEGIN
    UPDATE docs.documents SET checked_out_by = core.session_user_id()
        WHERE id = p_document AND deleted_at IS NULL RETURNING checked_out_at INTO since;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'The document does not exist or you may not see it.' USING ERRCODE = 'OC403';
    END IF;
    RETURN since;
END
$$;

CREATE FUNCTION docs.cancel_check_out(p_document uuid) RETURNS void
    LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    UPDATE docs.documents SET checked_out_by = NULL WHERE id = p_document AND checked_out_by IS NOT NULL;
END
$$;

-- Restores an earlier version as a new one (same content, stored once, same text), for whoever may check
-- the document out; takes the check-out itself when the document was free (check-in releases it).
CREATE FUNCTION docs.restore_version(p_version uuid, p_comment text) RETURNS uuid
    LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    source record;
    holder uuid;
    restored uuid := gen_random_uuid();
BEGIN
    SELECT v.document_id, v.version_no, v.content_id, v.file_name, v.mime_type INTO source
        FROM docs.versions v WHERE v.id = p_version;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'The version does not exist or you may not see it.' USING ERRCODE = 'OC403';
    END IF;
    SELECT checked_out_by INTO holder FROM docs.documents WHERE id = source.document_id FOR UPDATE;
    IF holder IS NULL THEN
        PERFORM docs.check_out(source.document_id);
    END IF;
    INSERT INTO docs.versions (id, document_id, version_no, content_id, file_name, mime_type, comment, restored_from)
        VALUES (restored, source.document_id, 1, source.content_id, source.file_name, source.mime_type,
                coalesce(nullif(btrim(p_comment), ''), format('Restored version %s', source.version_no)),
                source.version_no);
    RETURN restored;
END
$$;

-- The extraction job (the uploader's client, or `ocmsctl documents extract` as owner) files the text.
CREATE FUNCTION docs.set_version_text(p_version uuid, p_state text, p_method text, p_text text, p_pages integer,
                                      p_note text) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    UPDATE docs.versions SET text_state = p_state, text_method = p_method, extracted_text = p_text,
                             page_count = p_pages, text_note = p_note
        WHERE id = p_version AND text_state IN ('pending', 'ocr')
          AND (created_by = core.session_user_id() OR current_user = session_user);
    IF NOT FOUND THEN
        RAISE EXCEPTION 'This version''s text is not yours to set, or was set already.' USING ERRCODE = 'OC403';
    END IF;
END
$$;
REVOKE UPDATE ON docs.versions FROM ocms_legal;

-- What the signed-in user's extraction job still has to do.
CREATE FUNCTION docs.my_pending_text(p_limit integer)
    RETURNS TABLE (version_id uuid, content_id uuid, file_name text, mime_type text, text_state text)
    LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp
    BEGIN ATOMIC
        SELECT v.id, v.content_id, v.file_name, v.mime_type, v.text_state FROM docs.versions v
        WHERE v.created_by = core.session_user_id() AND v.text_state IN ('pending', 'ocr')
        ORDER BY v.created_at LIMIT p_limit;
    END;

-- ---------------------------------------------------------------------------------------------------------
-- Full-text search over the current versions the user may see.
--
-- Row security cannot let an index answer a text match (the match operator is not leakproof, so the planner
-- checks every row's policy first: seconds over 200,000 documents). So the search runs as the owner: the GIN
-- index gives the candidates (at most 3,000; filters apply before that cap), only they are ranked, and in
-- rank order it keeps those the signed-in user may see, asking a function owned by a role without
-- BYPASSRLS, where the documents' own policy decides, until the page is full. Snippets are cut for the page
-- only. "partial" says the cap was reached: add words or filters for an exact ranking.
GRANT USAGE ON SCHEMA docs TO ocms_view_owner;
GRANT SELECT ON docs.documents, core.users, core.user_divisions TO ocms_view_owner;
GRANT EXECUTE ON FUNCTION legal.has_case_grant(uuid), legal.has_project_grant(uuid) TO ocms_view_owner;
CREATE FUNCTION docs.document_visible(p_document uuid) RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
    RETURN EXISTS (SELECT 1 FROM docs.documents WHERE id = p_document AND deleted_at IS NULL);
ALTER FUNCTION docs.document_visible(uuid) OWNER TO ocms_view_owner;

-- The part of a long text a snippet is cut from: ts_headline reads all it is given (a 3 MB text takes tens
-- of seconds), so a long text gives the 8,000 characters around the first place a searched word appears.
CREATE FUNCTION docs.headline_window(p_text text, p_query tsquery) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp
    RETURN CASE WHEN length(p_text) <= 8000 THEN p_text
                ELSE substr(p_text, greatest(coalesce(
                         (SELECT min(nullif(strpos(lower(p_text), m[1]), 0))
                          FROM regexp_matches(p_query::text, '''([^'']+)''', 'g') AS m), 1) - 3000, 1), 8000) END;

CREATE FUNCTION docs.search(p_query text, p_document_type text, p_case_number text, p_a_number text,
                            p_project_number text, p_office uuid, p_author text, p_tag text,
                            p_from date, p_to date, p_limit integer)
    RETURNS TABLE (document_id uuid, version_id uuid, document_number text, title text, document_type text,
                   parent text, author_name text, updated_at timestamptz, version_no integer, file_name text,
                   mime_type text, rank real, snippet text, partial boolean)
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp SET max_parallel_workers_per_gather = 0 AS $$
DECLARE
    q tsquery := websearch_to_tsquery('english', coalesce(p_query, ''));
    page integer := least(greatest(coalesce(p_limit, 50), 1), 500);
    filters text := '';
BEGIN
    IF numnode(q) = 0 THEN
        RETURN; -- nothing to look for (only stop words)
    END IF;
    -- Only the filters asked for are in the statement (planned for them): without any, candidates come from
    -- the index and the versions alone.
    IF p_document_type IS NOT NULL THEN filters := filters || ' AND d.document_type = $2'; END IF;
    IF p_case_number IS NOT NULL THEN
        filters := filters || ' AND d.case_id = (SELECT c.id FROM legal.cases c WHERE c.case_number = $3)';
    END IF;
    IF p_a_number IS NOT NULL THEN
        filters := filters || ' AND (d.a_number = $4 OR d.case_id IN (SELECT c.id FROM legal.cases c WHERE c.a_number = $4))';
    END IF;
    IF p_project_number IS NOT NULL THEN
        filters := filters || ' AND d.project_id = (SELECT p.id FROM legal.projects p WHERE p.project_number = $5)';
    END IF;
    IF p_office IS NOT NULL THEN filters := filters || ' AND d.office_id = $6'; END IF;
    IF p_author IS NOT NULL THEN filters := filters || $f$ AND d.author_name ILIKE '%' || $7 || '%'$f$; END IF;
    IF p_tag IS NOT NULL THEN filters := filters || ' AND d.tags @> ARRAY[$8]'; END IF;
    IF p_from IS NOT NULL THEN filters := filters || ' AND d.updated_at >= $9'; END IF;
    IF p_to IS NOT NULL THEN filters := filters || ' AND d.updated_at < $10 + 1'; END IF;
    IF filters <> '' THEN
        filters := ' AND EXISTS (SELECT 1 FROM docs.documents d WHERE d.id = v.document_id' || filters || ')';
    END IF;
    -- In rank order the user's own visibility decides, until the page is full (the OFFSET 0 fence keeps the
    -- check after the sort: it runs for about a page of rows, not for every candidate).
    RETURN QUERY EXECUTE $q$
        WITH candidates AS MATERIALIZED (
            SELECT v.id, v.document_id, ts_rank_cd(v.search_vector, $1, 32) AS score FROM docs.versions v
            WHERE v.is_current AND v.search_vector @@ $1 $q$ || filters || $q$ LIMIT 3000),
        visible AS (
            SELECT s.* FROM (SELECT * FROM candidates ORDER BY score DESC, document_id OFFSET 0) s
            WHERE docs.document_visible(s.document_id) LIMIT $11)
        SELECT d.id, v.id, d.document_number, d.title, d.document_type,
               coalesce(c.case_number, pr.project_number, d.a_number), d.author_name, d.updated_at, v.version_no,
               v.file_name, v.mime_type, h.score,
               ts_headline('english', docs.headline_window(coalesce(v.extracted_text, ''), $1), $1,
                           'StartSel=[[, StopSel=]], MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "'),
               (SELECT count(*) FROM candidates) >= 3000
        FROM visible h JOIN docs.versions v ON v.id = h.id JOIN docs.documents d ON d.id = h.document_id
        LEFT JOIN legal.cases c ON c.id = d.case_id LEFT JOIN legal.projects pr ON pr.id = d.project_id
        ORDER BY h.score DESC, d.id $q$
        USING q, p_document_type, p_case_number, p_a_number, p_project_number, p_office, p_author, p_tag, p_from,
              p_to, page;
END
$$;
