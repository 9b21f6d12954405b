-- Document repository: content stored once per SHA-256 in 1 MiB chunks, documents with metadata, versions.
CREATE SEQUENCE docs.document_number_seq;

CREATE TABLE docs.contents (
    id          uuid PRIMARY KEY,
    sha256      bytea NOT NULL UNIQUE CHECK (length(sha256) = 32),
    byte_size   bigint NOT NULL CHECK (byte_size >= 0),
    chunk_size  integer NOT NULL DEFAULT 1048576 CHECK (chunk_size > 0),
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE docs.content_chunks (
    content_id  uuid NOT NULL REFERENCES docs.contents (id) ON DELETE CASCADE,
    chunk_no    integer NOT NULL CHECK (chunk_no >= 0),
    data        bytea NOT NULL,
    PRIMARY KEY (content_id, chunk_no)
);
ALTER TABLE docs.content_chunks ALTER COLUMN data SET STORAGE EXTERNAL; -- already compressed formats: skip pglz

CREATE TABLE docs.documents (
    id              uuid PRIMARY KEY,
    created_at      timestamptz NOT NULL DEFAULT now(),
    document_number text NOT NULL UNIQUE
                        DEFAULT core.human_number('DOC', now(), nextval('docs.document_number_seq')),
    title           text NOT NULL CONSTRAINT documents_title_not_blank CHECK (btrim(title) <> ''),
    document_type   text NOT NULL,          -- from rules list 'document_type'
    author_name     text,
    author_id       uuid REFERENCES core.users (id),
    office_id       uuid REFERENCES core.offices (id),
    case_id         uuid REFERENCES legal.cases (id),
    project_id      uuid REFERENCES legal.projects (id),
    a_number        text CONSTRAINT documents_a_number_format CHECK (a_number ~ '^[0-9]{9}$'),
    tags            text[] NOT NULL DEFAULT '{}',
    checked_out_by  uuid REFERENCES core.users (id),
    checked_out_at  timestamptz,
    updated_at      timestamptz NOT NULL DEFAULT now(),
    deleted_at      timestamptz,
    row_version     bigint NOT NULL DEFAULT nextval('sync.row_version_seq'),
    written_xid     xid8 NOT NULL DEFAULT pg_current_xact_id(),
    CONSTRAINT documents_has_parent CHECK (case_id IS NOT NULL OR project_id IS NOT NULL OR a_number IS NOT NULL),
    CONSTRAINT documents_checkout_complete CHECK ((checked_out_by IS NULL) = (checked_out_at IS NULL))
);
CREATE INDEX ON docs.documents (case_id);
CREATE INDEX ON docs.documents (project_id);
CREATE INDEX ON docs.documents (a_number);
CREATE INDEX documents_tags_idx ON docs.documents USING gin (tags);
CREATE TRIGGER documents_touch BEFORE UPDATE ON docs.documents FOR EACH ROW EXECUTE FUNCTION sync.touch_row();

-- Every check-in is a version; the text extracted from it feeds full-text search.
CREATE TABLE docs.versions (
    id              uuid PRIMARY KEY,
    document_id     uuid NOT NULL REFERENCES docs.documents (id),
    version_no      integer NOT NULL CHECK (version_no >= 1),
    content_id      uuid NOT NULL REFERENCES docs.contents (id),
    file_name       text NOT NULL,
    mime_type       text NOT NULL,
    comment         text,
    created_by      uuid REFERENCES core.users (id),
    created_at      timestamptz NOT NULL DEFAULT now(),
    extracted_text  text,
    search_vector   tsvector GENERATED ALWAYS AS (to_tsvector('english', coalesce(extracted_text, ''))) STORED,
    UNIQUE (document_id, version_no)
);
CREATE INDEX ON docs.versions (content_id);
CREATE INDEX versions_search_idx ON docs.versions USING gin (search_vector);
