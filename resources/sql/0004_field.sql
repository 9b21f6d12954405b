-- Fugitive operations (FCMS): teams, ZIP jurisdictions, fugitive records, leads, activities, arrests.
CREATE SEQUENCE field.fugitive_number_seq;
CREATE SEQUENCE field.lead_number_seq;

CREATE TABLE field.teams (
    id          uuid PRIMARY KEY,
    code        text NOT NULL UNIQUE CONSTRAINT teams_code_not_blank CHECK (code ~ '^[A-Z0-9_-]{2,16}$'),
    name        text NOT NULL,
    office_id   uuid NOT NULL REFERENCES core.offices (id),   -- field office or sub-office
    active      boolean NOT NULL DEFAULT true,
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE field.team_members (
    team_id     uuid NOT NULL REFERENCES field.teams (id),
    user_id     uuid NOT NULL REFERENCES core.users (id),
    PRIMARY KEY (team_id, user_id)
);
CREATE INDEX ON field.team_members (user_id);

-- USPS City State data: city and state by ZIP code, refreshed monthly. No personal data.
CREATE TABLE field.zip_codes (
    zip         text PRIMARY KEY CONSTRAINT zip_codes_zip_format CHECK (zip ~ '^[0-9]{5}$'),
    city        text NOT NULL,
    state       text NOT NULL CONSTRAINT zip_codes_state_format CHECK (state ~ '^[A-Z]{2}$'),
    county      text,
    updated_on  date NOT NULL DEFAULT current_date
);

-- Which team has jurisdiction over a ZIP code; leads are routed by it.
CREATE TABLE field.jurisdictions (
    zip         text PRIMARY KEY CONSTRAINT jurisdictions_zip_format CHECK (zip ~ '^[0-9]{5}$'),
    team_id     uuid NOT NULL REFERENCES field.teams (id),
    updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ON field.jurisdictions (team_id);

CREATE TABLE field.operations (
    id              uuid PRIMARY KEY,
    name            text NOT NULL CONSTRAINT operations_name_not_blank CHECK (btrim(name) <> ''),
    office_id       uuid NOT NULL REFERENCES core.offices (id),
    starts_on       date NOT NULL CONSTRAINT operations_starts_date_range CHECK (starts_on BETWEEN DATE '1900-01-01' AND DATE '2199-12-31'),
    ends_on         date CONSTRAINT operations_ends_date_range CHECK (ends_on BETWEEN DATE '1900-01-01' AND DATE '2199-12-31'),
    plan_summary    text,      -- scope and points of contact (team, local police, emergency services)
    created_at      timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT operations_date_order CHECK (ends_on IS NULL OR ends_on >= starts_on)
);

-- A fugitive record: biography in core.people (name, aliases, birth, SSN, A-Number, sex, addresses);
-- immigration case history, criminal history and status here.
CREATE TABLE field.fugitives (
    id                      uuid PRIMARY KEY,
    created_at              timestamptz NOT NULL DEFAULT now(),
    fugitive_number         text NOT NULL UNIQUE
                                DEFAULT core.human_number('FUG', now(), nextval('field.fugitive_number_seq')),
    person_id               uuid NOT NULL REFERENCES core.people (id),
    status                  text NOT NULL DEFAULT 'at_large'
                                CHECK (status IN ('at_large', 'in_custody', 'removed', 'departed_voluntarily',
                                                  'adjusted_status', 'incarcerated', 'closed')),
    status_reason           text,
    status_changed_at       timestamptz NOT NULL DEFAULT now(),
    priority                smallint NOT NULL DEFAULT 3 CHECK (priority BETWEEN 1 AND 5),
    criminal                boolean NOT NULL DEFAULT false,
    gang_affiliation        text,
    -- Immigration case history.
    last_entry_on           date CONSTRAINT fugitives_last_entry_date_range CHECK (last_entry_on BETWEEN DATE '1900-01-01' AND DATE '2199-12-31'),
    last_entry_place        text,
    removal_charges         text,
    entry_class             text,
    prior_apprehensions     date[] NOT NULL DEFAULT '{}',
    removal_case_category   text,
    docket_office_id        uuid REFERENCES core.offices (id),
    tecs_number             text,
    custody_on              date CONSTRAINT fugitives_custody_date_range CHECK (custody_on BETWEEN DATE '1900-01-01' AND DATE '2199-12-31'),
    final_order_on          date CONSTRAINT fugitives_final_order_date_range CHECK (final_order_on BETWEEN DATE '1900-01-01' AND DATE '2199-12-31'),
    removed_on              date CONSTRAINT fugitives_removed_date_range CHECK (removed_on BETWEEN DATE '1900-01-01' AND DATE '2199-12-31'),
    legal_status_on         date CONSTRAINT fugitives_legal_status_date_range CHECK (legal_status_on BETWEEN DATE '1900-01-01' AND DATE '2199-12-31'),
    -- Criminal history.
    fbi_number              text CONSTRAINT fugitives_fbi_number_format CHECK (fbi_number ~ '^[0-9A-Z]{1,9}$'),
    fin                     text CONSTRAINT fugitives_fin_format CHECK (fin ~ '^[0-9]{1,10}$'),
    sid                     text CONSTRAINT fugitives_sid_format CHECK (sid ~ '^[A-Z]{2}[0-9A-Z]{1,10}$'),
    office_id               uuid REFERENCES core.offices (id),  -- responsible field office
    updated_at              timestamptz NOT NULL DEFAULT now(),
    deleted_at              timestamptz,
    row_version             bigint NOT NULL DEFAULT nextval('sync.row_version_seq'),
    written_xid             xid8 NOT NULL DEFAULT pg_current_xact_id()
);
CREATE INDEX ON field.fugitives (person_id);
CREATE INDEX ON field.fugitives (status, office_id);
CREATE INDEX fugitives_row_version_idx ON field.fugitives (row_version);
CREATE TRIGGER fugitives_touch BEFORE UPDATE ON field.fugitives FOR EACH ROW EXECUTE FUNCTION sync.touch_row();

CREATE TABLE field.convictions (
    id              uuid PRIMARY KEY,
    fugitive_id     uuid NOT NULL REFERENCES field.fugitives (id),
    convicted_on    date CONSTRAINT convictions_convicted_date_range CHECK (convicted_on BETWEEN DATE '1900-01-01' AND DATE '2199-12-31'),
    offense         text NOT NULL,
    jurisdiction    text,
    created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ON field.convictions (fugitive_id);

-- Photographs (mug shots) are stored as document contents.
CREATE TABLE field.photographs (
    id              uuid PRIMARY KEY,
    fugitive_id     uuid NOT NULL REFERENCES field.fugitives (id),
    content_id      uuid NOT NULL REFERENCES docs.contents (id),
    taken_on        date,
    caption         text,
    created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ON field.photographs (fugitive_id);

CREATE TABLE field.lead_sources (
    id          uuid PRIMARY KEY,
    code        text NOT NULL UNIQUE,
    name        text NOT NULL,
    kind        text NOT NULL CHECK (kind IN ('agency', 'officer', 'commercial', 'correctional', 'government', 'tip'))
);

CREATE TABLE field.leads (
    id              uuid PRIMARY KEY,
    created_at      timestamptz NOT NULL DEFAULT now(),
    lead_number     text NOT NULL UNIQUE
                        DEFAULT core.human_number('LEAD', now(), nextval('field.lead_number_seq')),
    fugitive_id     uuid NOT NULL REFERENCES field.fugitives (id),
    source_id       uuid NOT NULL REFERENCES field.lead_sources (id),
    source_detail   text,             -- agency or officer name, provider batch
    relevance_score numeric(5, 2) CONSTRAINT leads_score_range CHECK (relevance_score BETWEEN 0 AND 100),
    poc_user_id     uuid REFERENCES core.users (id),   -- field office point of contact
    address_line1   text,
    address_city    text,
    address_state   text CONSTRAINT leads_state_format CHECK (address_state ~ '^[A-Z]{2}$'),
    address_zip     text CONSTRAINT leads_zip_format CHECK (address_zip ~ '^[0-9]{5}$'),
    team_id         uuid REFERENCES field.teams (id),
    assigned_by     text CHECK (assigned_by IN ('routing', 'manual')),
    assigned_at     timestamptz,
    status          text NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'assigned', 'in_progress', 'closed', 'invalid')),
    priority        smallint NOT NULL DEFAULT 3 CHECK (priority BETWEEN 1 AND 5),
    notes           text,
    closed_at       timestamptz,
    close_reason    text,
    updated_at      timestamptz NOT NULL DEFAULT now(),
    deleted_at      timestamptz,
    row_version     bigint NOT NULL DEFAULT nextval('sync.row_version_seq'),
    written_xid     xid8 NOT NULL DEFAULT pg_current_xact_id(),
    CONSTRAINT leads_closed_complete CHECK ((status = 'closed') = (closed_at IS NOT NULL))
);
CREATE INDEX ON field.leads (fugitive_id);
CREATE INDEX leads_team_status_idx ON field.leads (team_id, status);
CREATE INDEX ON field.leads (address_zip);
CREATE INDEX leads_row_version_idx ON field.leads (row_version);
CREATE TRIGGER leads_touch BEFORE UPDATE ON field.leads FOR EACH ROW EXECUTE FUNCTION sync.touch_row();

-- Assignment history of a lead (routing, manual assignment, reassignment).
CREATE TABLE field.lead_assignments (
    id              uuid PRIMARY KEY,
    lead_id         uuid NOT NULL REFERENCES field.leads (id),
    from_team_id    uuid REFERENCES field.teams (id),
    to_team_id      uuid NOT NULL REFERENCES field.teams (id),
    assigned_at     timestamptz NOT NULL DEFAULT now(),
    assigned_by     text NOT NULL,
    reason          text
);
CREATE INDEX ON field.lead_assignments (lead_id);

-- What officers did on a lead; appended, never edited.
CREATE TABLE field.activities (
    id              uuid PRIMARY KEY,
    lead_id         uuid REFERENCES field.leads (id),
    fugitive_id     uuid NOT NULL REFERENCES field.fugitives (id),
    activity_type   text NOT NULL CHECK (activity_type IN ('surveillance', 'address_check', 'systems_check',
                                                             'interview', 'arrest', 'note', 'other')),
    officer_id      uuid REFERENCES core.users (id),
    officer_name    text NOT NULL,
    officer_title   text,
    officer_office_id uuid REFERENCES core.offices (id),
    location        text,
    operation_id    uuid REFERENCES field.operations (id),
    occurred_at     timestamptz NOT NULL CONSTRAINT activities_occurred_date_range
                        CHECK (occurred_at BETWEEN TIMESTAMPTZ '1990-01-01 00:00Z' AND TIMESTAMPTZ '2199-12-31 00:00Z'),
    notes           text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    deleted_at      timestamptz,
    row_version     bigint NOT NULL DEFAULT nextval('sync.row_version_seq'),
    written_xid     xid8 NOT NULL DEFAULT pg_current_xact_id()
);
CREATE INDEX ON field.activities (lead_id, occurred_at);
CREATE INDEX ON field.activities (fugitive_id);
CREATE TRIGGER activities_touch BEFORE UPDATE ON field.activities FOR EACH ROW EXECUTE FUNCTION sync.touch_row();

-- Arrest of a fugitive: place and date; the fugitive's status becomes in custody.
CREATE TABLE field.arrests (
    id              uuid PRIMARY KEY,
    fugitive_id     uuid NOT NULL REFERENCES field.fugitives (id),
    lead_id         uuid REFERENCES field.leads (id),
    activity_id     uuid REFERENCES field.activities (id),
    arrested_at     timestamptz NOT NULL CONSTRAINT arrests_arrested_date_range
                        CHECK (arrested_at BETWEEN TIMESTAMPTZ '1990-01-01 00:00Z' AND TIMESTAMPTZ '2199-12-31 00:00Z'),
    place           text NOT NULL CONSTRAINT arrests_place_not_blank CHECK (btrim(place) <> ''),
    office_id       uuid NOT NULL REFERENCES core.offices (id),
    criminal        boolean NOT NULL,
    officer_id      uuid REFERENCES core.users (id),
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    deleted_at      timestamptz,
    row_version     bigint NOT NULL DEFAULT nextval('sync.row_version_seq'),
    written_xid     xid8 NOT NULL DEFAULT pg_current_xact_id()
);
CREATE INDEX ON field.arrests (fugitive_id);
CREATE INDEX ON field.arrests (office_id, arrested_at);
CREATE TRIGGER arrests_touch BEFORE UPDATE ON field.arrests FOR EACH ROW EXECUTE FUNCTION sync.touch_row();

-- Non-fugitive arrests: a statistical record only — A-Number, date, place (plus the office and the
-- criminal flag the Enforcement Activity Report counts by). Never updated afterwards.
CREATE TABLE field.nonfugitive_arrests (
    id          uuid PRIMARY KEY,
    a_number    text NOT NULL CONSTRAINT nonfugitive_arrests_a_number_format CHECK (a_number ~ '^[0-9]{9}$' AND a_number <> '000000000'),
    arrested_on date NOT NULL CONSTRAINT nonfugitive_arrests_arrested_date_range
                    CHECK (arrested_on BETWEEN DATE '1990-01-01' AND DATE '2199-12-31'),
    place       text NOT NULL CONSTRAINT nonfugitive_arrests_place_not_blank CHECK (btrim(place) <> ''),
    office_id   uuid NOT NULL REFERENCES core.offices (id),
    criminal    boolean NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    row_version bigint NOT NULL DEFAULT nextval('sync.row_version_seq'),
    written_xid xid8 NOT NULL DEFAULT pg_current_xact_id()
);
CREATE INDEX ON field.nonfugitive_arrests (office_id, arrested_on);

CREATE FUNCTION field.refuse_nonfugitive_update() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'A non-fugitive arrest is a statistical record and cannot be changed.'
        USING ERRCODE = 'OC001';
END
$$;
CREATE TRIGGER nonfugitive_arrests_frozen BEFORE UPDATE ON field.nonfugitive_arrests
    FOR EACH ROW EXECUTE FUNCTION field.refuse_nonfugitive_update();

-- Removals, fugitive and non-fugitive, as counted by the Enforcement Activity Report (from EID).
CREATE TABLE field.removals (
    id          uuid PRIMARY KEY,
    fugitive_id uuid REFERENCES field.fugitives (id),
    nonfugitive_arrest_id uuid REFERENCES field.nonfugitive_arrests (id),
    removed_on  date NOT NULL CONSTRAINT removals_removed_date_range CHECK (removed_on BETWEEN DATE '1990-01-01' AND DATE '2199-12-31'),
    office_id   uuid NOT NULL REFERENCES core.offices (id),
    criminal    boolean NOT NULL,
    source      text NOT NULL DEFAULT 'manual',
    created_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT removals_one_subject CHECK ((fugitive_id IS NULL) <> (nonfugitive_arrest_id IS NULL))
);
CREATE INDEX ON field.removals (office_id, removed_on);

-- Address-search extracts sent to a commercial provider (a disclosure) and the batch that came back.
CREATE TABLE field.provider_extracts (
    id              uuid PRIMARY KEY,
    provider        text NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    created_by      uuid REFERENCES core.users (id),
    record_count    integer NOT NULL CHECK (record_count >= 0),
    sha256          bytea NOT NULL CHECK (length(sha256) = 32),
    results_imported_at timestamptz
);
