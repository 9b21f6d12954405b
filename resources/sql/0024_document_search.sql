-- Migration 0024: document search ranks narrow rows and checks visibility a batch at a time.
--
-- Ranking the candidates read their tsvectors out of docs.versions, whose rows also carry the extracted
-- text (several per page, some out of line): most of a search's time. The current versions' tsvectors now
-- live in a narrow table of their own, kept by triggers, and the search ranks from there. The user's
-- visibility is asked for a batch of ranked candidates in one statement (the policy's per-user setup runs
-- once, not once per hit).

-- One row per document: its current version's tsvector. Only docs.search (as owner) reads it: it holds the
-- words of every document, so no user role is granted anything on it, and row security without a policy
-- shuts out anyone granted something by mistake.
CREATE TABLE docs.search_vectors (
    document_id    uuid PRIMARY KEY,
    version_id     uuid NOT NULL UNIQUE REFERENCES docs.versions (id) ON DELETE CASCADE,
    checked_in_at  timestamptz NOT NULL,
    search_vector  tsvector NOT NULL
);
REVOKE ALL ON docs.search_vectors FROM PUBLIC;
ALTER TABLE docs.search_vectors ENABLE ROW LEVEL SECURITY;

INSERT INTO docs.search_vectors (document_id, version_id, checked_in_at, search_vector)
    SELECT v.document_id, v.id, v.created_at, v.search_vector FROM docs.versions v WHERE v.is_current;
CREATE INDEX search_vectors_search_idx ON docs.search_vectors USING gin (search_vector);
-- The search no longer reads the versions' own index.
DROP INDEX docs.versions_current_search_idx;

-- Kept by statement triggers (a bulk load is one set-based statement, like the audit's). A check-in retires
-- the old version (an UPDATE, which removes its row) and inserts the new one (which replaces it); the
-- extraction job's text arrives by UPDATE. Deleted versions go by the foreign key.
CREATE FUNCTION docs.search_vectors_after_insert() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    INSERT INTO docs.search_vectors (document_id, version_id, checked_in_at, search_vector)
        SELECT n.document_id, n.id, n.created_at, n.search_vector FROM new_rows n WHERE n.is_current
        ON CONFLICT (document_id) DO UPDATE
            SET version_id = EXCLUDED.version_id, checked_in_at = EXCLUDED.checked_in_at,
                search_vector = EXCLUDED.search_vector;
    RETURN NULL;
END
$$;
CREATE TRIGGER versions_search_insert AFTER INSERT ON docs.versions REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION docs.search_vectors_after_insert();

CREATE FUNCTION docs.search_vectors_after_update() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    DELETE FROM docs.search_vectors s USING new_rows n
        WHERE s.version_id = n.id AND NOT n.is_current;
    INSERT INTO docs.search_vectors (document_id, version_id, checked_in_at, search_vector)
        SELECT n.document_id, n.id, n.created_at, n.search_vector
        FROM new_rows n JOIN old_rows o ON o.id = n.id
        WHERE n.is_current AND (NOT o.is_current OR n.search_vector IS DISTINCT FROM o.search_vector)
        ON CONFLICT (document_id) DO UPDATE
            SET version_id = EXCLUDED.version_id, checked_in_at = EXCLUDED.checked_in_at,
                search_vector = EXCLUDED.search_vector;
    RETURN NULL;
END
$$;
CREATE TRIGGER versions_search_update AFTER UPDATE ON docs.versions
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION docs.search_vectors_after_update();

-- The whole table again from the current versions, in one statement: after a bulk load that ran without
-- triggers (a seeded knowledge base), like legal.rebuild_case_list.
CREATE FUNCTION docs.rebuild_search_vectors() RETURNS void
    LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
    INSERT INTO docs.search_vectors (document_id, version_id, checked_in_at, search_vector)
        SELECT v.document_id, v.id, v.created_at, v.search_vector FROM docs.versions v WHERE v.is_current
        ON CONFLICT (document_id) DO UPDATE
            SET version_id = EXCLUDED.version_id, checked_in_at = EXCLUDED.checked_in_at,
                search_vector = EXCLUDED.search_vector;
$$;
REVOKE EXECUTE ON FUNCTION docs.rebuild_search_vectors() FROM PUBLIC;

-- Which of these documents the signed-in user may see, in one statement: the documents' own policy decides
-- (the owner has no BYPASSRLS), its per-user parts evaluated once for the whole batch. PL/pgSQL keeps the
-- planned statement for the session (a SQL function would plan the policy again on every call).
CREATE FUNCTION docs.visible_documents(p_documents uuid[]) RETURNS SETOF uuid
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    RETURN QUERY SELECT d.id FROM docs.documents d WHERE d.id = ANY (p_documents) AND d.deleted_at IS NULL;
END
$$;
ALTER FUNCTION docs.visible_documents(uuid[]) OWNER TO ocms_view_owner;
REVOKE EXECUTE ON FUNCTION docs.visible_documents(uuid[]) FROM PUBLIC;

-- Full-text search over the current versions the user may see (see 0023 for why it runs as the owner).
-- The GIN index gives at most 3,000 candidates (filters apply before that cap), ranked from the narrow rows
-- by ts_rank (it weighs frequency and, for several words, their nearness; ts_rank_cd took twice as long
-- over 3,000 candidates); equal ranks put the latest check-in first. In rank order, batches of candidates (a page and a quarter,
-- then doubling) go to docs.visible_documents until the page is full. Snippets are cut for the page only.
-- "partial" says the cap was reached: add words or filters for an exact ranking.
CREATE OR REPLACE FUNCTION docs.search(p_query text, p_document_type text, p_case_number text, p_a_number text,
                                       p_project_number text, p_office uuid, p_author text, p_tag text,
                                       p_from date, p_to date, p_limit integer)
    RETURNS TABLE (document_id uuid, version_id uuid, document_number text, title text, document_type text,
                   parent text, author_name text, updated_at timestamptz, version_no integer, file_name text,
                   mime_type text, rank real, snippet text, partial boolean)
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp SET max_parallel_workers_per_gather = 0 AS $$
DECLARE
    cap constant integer := 3000;
    q tsquery := websearch_to_tsquery('english', coalesce(p_query, ''));
    page integer := least(greatest(coalesce(p_limit, 50), 1), 500);
    filters text := '';
    ranked_documents uuid[];
    ranked_versions uuid[];
    ranked_scores real[];
    candidates integer;
    shown integer[] := '{}'; -- positions in the ranking
    shown_versions uuid[];
    shown_scores real[];
    checked integer := 0;
    batch integer;
BEGIN
    IF numnode(q) = 0 THEN
        RETURN; -- nothing to look for (only stop words)
    END IF;
    -- Only the filters asked for are in the statement (planned for them): without any, candidates come from
    -- the index and the narrow rows alone.
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
        filters := ' AND EXISTS (SELECT 1 FROM docs.documents d WHERE d.id = s.document_id' || filters || ')';
    END IF;
    EXECUTE $q$
        SELECT array_agg(c.document_id ORDER BY c.score DESC, c.checked_in_at DESC, c.document_id),
               array_agg(c.version_id ORDER BY c.score DESC, c.checked_in_at DESC, c.document_id),
               array_agg(c.score ORDER BY c.score DESC, c.checked_in_at DESC, c.document_id),
               count(*)
        FROM (SELECT s.document_id, s.version_id, s.checked_in_at, ts_rank(s.search_vector, $1, 32) AS score
              FROM docs.search_vectors s
              WHERE s.search_vector @@ $1 $q$ || filters || $q$ LIMIT $q$ || cap || $q$) c $q$
        INTO ranked_documents, ranked_versions, ranked_scores, candidates
        USING q, p_document_type, p_case_number, p_a_number, p_project_number, p_office, p_author, p_tag, p_from, p_to;

    -- Most users see most of what matches: a page and a quarter usually fills the page in one round.
    batch := page + page / 4 + 4;
    WHILE checked < candidates AND cardinality(shown) < page LOOP
        shown := shown || ARRAY(
            SELECT checked + r.n FROM unnest(ranked_documents[checked + 1 : checked + batch]) WITH ORDINALITY AS r (id, n)
            WHERE r.id IN (SELECT docs.visible_documents(ranked_documents[checked + 1 : checked + batch]))
            ORDER BY r.n);
        checked := checked + batch;
        batch := batch * 2;
    END LOOP;

    shown := shown[1:page];
    shown_versions := ARRAY(SELECT ranked_versions[p] FROM unnest(shown) WITH ORDINALITY AS h (p, n) ORDER BY h.n);
    shown_scores := ARRAY(SELECT ranked_scores[p] FROM unnest(shown) WITH ORDINALITY AS h (p, n) ORDER BY h.n);
    RETURN QUERY
        SELECT d.id, v.id, d.document_number, d.title, d.document_type,
               coalesce(c.case_number, pr.project_number, d.a_number), d.author_name, d.updated_at, v.version_no,
               v.file_name, v.mime_type, h.score,
               ts_headline('english', docs.headline_window(coalesce(v.extracted_text, ''), q), q,
                           'StartSel=[[, StopSel=]], MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "'),
               candidates >= cap
        FROM unnest(shown_versions, shown_scores) WITH ORDINALITY AS h (version_id, score, n)
        JOIN docs.versions v ON v.id = h.version_id
        JOIN docs.documents d ON d.id = v.document_id
        LEFT JOIN legal.cases c ON c.id = d.case_id LEFT JOIN legal.projects pr ON pr.id = d.project_id
        ORDER BY h.n;
END
$$;

-- Replaced by docs.visible_documents.
DROP FUNCTION docs.document_visible(uuid);
