-- Foundation: extensions, schemas, group roles, shared helpers, organisation and people.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS unaccent;

CREATE SCHEMA IF NOT EXISTS core;
CREATE SCHEMA IF NOT EXISTS legal;
CREATE SCHEMA IF NOT EXISTS docs;
CREATE SCHEMA IF NOT EXISTS field;
CREATE SCHEMA IF NOT EXISTS rules;
CREATE SCHEMA IF NOT EXISTS audit;
CREATE SCHEMA IF NOT EXISTS sync;

-- Group roles (cluster-wide, so created only when missing). Users are login roles that are members.
DO $$
DECLARE
    group_name text;
BEGIN
    FOREACH group_name IN ARRAY ARRAY['ocms_legal', 'ocms_attorney', 'ocms_support', 'ocms_readonly_external',
                                      'ocms_admin', 'ocms_helpdesk', 'ocms_field', 'field_read', 'field_write',
                                      'field_full', 'field_admin', 'ocms_import', 'ocms_user']
    LOOP
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = group_name) THEN
            EXECUTE format('CREATE ROLE %I NOLOGIN', group_name);
        END IF;
    END LOOP;
END
$$;

-- Grants a role membership only when missing (roles are cluster-wide; a second database must not re-grant).
CREATE FUNCTION core.ensure_membership(p_member text, p_group text) RETURNS void
    LANGUAGE plpgsql AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_auth_members m
                   JOIN pg_roles g ON g.oid = m.roleid JOIN pg_roles r ON r.oid = m.member
                   WHERE g.rolname = p_group AND r.rolname = p_member) THEN
        EXECUTE format('GRANT %I TO %I', p_group, p_member);
    END IF;
END
$$;
REVOKE ALL ON FUNCTION core.ensure_membership FROM PUBLIC;

-- Umbrella roles keep policies short: every attorney and support user is legal staff, every field role is field.
SELECT core.ensure_membership(member, 'ocms_legal') FROM unnest(ARRAY['ocms_attorney', 'ocms_support']) member;
SELECT core.ensure_membership(member, 'ocms_field')
FROM unnest(ARRAY['field_read', 'field_write', 'field_full', 'field_admin']) member;
SELECT core.ensure_membership(member, 'ocms_user')
FROM unnest(ARRAY['ocms_legal', 'ocms_readonly_external', 'ocms_admin', 'ocms_helpdesk', 'ocms_field', 'ocms_import']) member;

-- Human-readable numbers: CASE-2026-000123. The year is the year of creation, the number a global sequence.
CREATE FUNCTION core.human_number(prefix text, created timestamptz, n bigint) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN prefix || '-' || to_char(created AT TIME ZONE 'UTC', 'YYYY') || '-'
           || CASE WHEN n < 1000000 THEN lpad(n::text, 6, '0') ELSE n::text END;

-- Accent- and case-insensitive search key for names (unaccent's dictionary is fixed here, so immutable).
CREATE FUNCTION core.name_key(value text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    RETURN lower(public.unaccent('public.unaccent'::regdictionary, value));

-- Every synced row carries row_version (change feed order) and the writing transaction id: a pull cursor
-- uses pg_snapshot_xmin so a row committed late by a long transaction is never skipped.
CREATE SEQUENCE sync.row_version_seq;

CREATE FUNCTION sync.touch_row() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    NEW.row_version := nextval('sync.row_version_seq');
    NEW.written_xid := pg_current_xact_id();
    NEW.updated_at := now();
    RETURN NEW;
END
$$;

-- Offices: OPLA headquarters and Offices of Chief Counsel; ERO field offices and sub-offices.
CREATE TABLE core.offices (
    id          uuid PRIMARY KEY,
    code        text NOT NULL UNIQUE CONSTRAINT offices_code_not_blank CHECK (code ~ '^[A-Z0-9_-]{2,16}$'),
    name        text NOT NULL CONSTRAINT offices_name_not_blank CHECK (btrim(name) <> ''),
    kind        text NOT NULL CHECK (kind IN ('headquarters', 'chief_counsel', 'field_office', 'sub_office')),
    parent_id   uuid REFERENCES core.offices (id),
    city        text,
    state       text CONSTRAINT offices_state_format CHECK (state ~ '^[A-Z]{2}$'),
    active      boolean NOT NULL DEFAULT true,
    created_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT offices_sub_office_has_parent CHECK (kind <> 'sub_office' OR parent_id IS NOT NULL)
);

CREATE TABLE core.divisions (
    id          uuid PRIMARY KEY,
    code        text NOT NULL UNIQUE CONSTRAINT divisions_code_not_blank CHECK (code ~ '^[A-Z0-9_-]{2,16}$'),
    name        text NOT NULL CONSTRAINT divisions_name_not_blank CHECK (btrim(name) <> ''),
    active      boolean NOT NULL DEFAULT true,
    created_at  timestamptz NOT NULL DEFAULT now()
);

-- Staff accounts: one row per PostgreSQL login role (login = role name).
CREATE TABLE core.users (
    id          uuid PRIMARY KEY,
    login       text NOT NULL UNIQUE CONSTRAINT users_login_format CHECK (login ~ '^[a-z][a-z0-9_.]{1,62}$'),
    full_name   text NOT NULL CONSTRAINT users_full_name_not_blank CHECK (btrim(full_name) <> ''),
    title       text,
    email       text CONSTRAINT users_email_format CHECK (email IS NULL OR email ~ '^[^@\s]+@[^@\s]+$'),
    phone       text,
    office_id   uuid REFERENCES core.offices (id),
    active      boolean NOT NULL DEFAULT true,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE core.user_divisions (
    user_id     uuid NOT NULL REFERENCES core.users (id) ON DELETE CASCADE,
    division_id uuid NOT NULL REFERENCES core.divisions (id),
    PRIMARY KEY (user_id, division_id)
);
CREATE INDEX ON core.user_divisions (division_id);

-- People: respondents/aliens, claimants, attorneys, judges, witnesses, fugitives… one row per individual.
CREATE TABLE core.people (
    id              uuid PRIMARY KEY,
    family_name     text NOT NULL CONSTRAINT people_family_name_not_blank CHECK (btrim(family_name) <> ''),
    given_name      text,
    middle_name     text,
    name_key        text GENERATED ALWAYS AS (core.name_key(family_name || ' ' || coalesce(given_name, ''))) STORED,
    date_of_birth   date CONSTRAINT people_birth_date_range
                        CHECK (date_of_birth BETWEEN DATE '1900-01-01' AND current_date),
    place_of_birth  text,
    sex             text CHECK (sex IN ('F', 'M', 'X', 'U')),
    nationality     text CONSTRAINT people_nationality_format CHECK (nationality ~ '^[A-Z]{2}$'),
    language        text,
    a_number        text CONSTRAINT people_a_number_format CHECK (a_number ~ '^[0-9]{9}$' AND a_number <> '000000000'),
    ssn             text CONSTRAINT people_ssn_format
                        CHECK (ssn ~ '^[0-9]{9}$' AND left(ssn, 3) NOT IN ('000', '666')
                               AND substr(ssn, 4, 2) <> '00' AND right(ssn, 4) <> '0000'),
    -- Business contact, for attorneys, judges, representatives, employers.
    title           text,
    employer        text,
    business_phone  text,
    business_fax    text,
    business_email  text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    deleted_at      timestamptz,
    row_version     bigint NOT NULL DEFAULT nextval('sync.row_version_seq'),
    written_xid     xid8 NOT NULL DEFAULT pg_current_xact_id()
);
CREATE INDEX people_a_number_idx ON core.people (a_number) WHERE a_number IS NOT NULL;
CREATE INDEX people_name_key_prefix_idx ON core.people (name_key COLLATE "C");
CREATE INDEX people_name_key_trgm_idx ON core.people USING gin (name_key gin_trgm_ops);
CREATE INDEX people_row_version_idx ON core.people (row_version);
CREATE TRIGGER people_touch BEFORE UPDATE ON core.people FOR EACH ROW EXECUTE FUNCTION sync.touch_row();

-- Also-known-as list: an imported new name is added here, never written over the name.
CREATE TABLE core.person_aliases (
    id          uuid PRIMARY KEY,
    person_id   uuid NOT NULL REFERENCES core.people (id),
    family_name text NOT NULL CONSTRAINT person_aliases_family_name_not_blank CHECK (btrim(family_name) <> ''),
    given_name  text,
    name_key    text GENERATED ALWAYS AS (core.name_key(family_name || ' ' || coalesce(given_name, ''))) STORED,
    source      text NOT NULL DEFAULT 'manual',
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    deleted_at  timestamptz,
    row_version bigint NOT NULL DEFAULT nextval('sync.row_version_seq'),
    written_xid xid8 NOT NULL DEFAULT pg_current_xact_id()
);
CREATE INDEX ON core.person_aliases (person_id);
CREATE INDEX person_aliases_name_key_prefix_idx ON core.person_aliases (name_key COLLATE "C");
CREATE INDEX person_aliases_name_key_trgm_idx ON core.person_aliases USING gin (name_key gin_trgm_ops);
CREATE TRIGGER person_aliases_touch BEFORE UPDATE ON core.person_aliases FOR EACH ROW EXECUTE FUNCTION sync.touch_row();

CREATE TABLE core.addresses (
    id          uuid PRIMARY KEY,
    person_id   uuid NOT NULL REFERENCES core.people (id),
    kind        text NOT NULL CHECK (kind IN ('residence', 'last_known', 'mailing', 'business', 'possible')),
    line1       text NOT NULL CONSTRAINT addresses_line1_not_blank CHECK (btrim(line1) <> ''),
    line2       text,
    city        text,
    state       text CONSTRAINT addresses_state_format CHECK (state ~ '^[A-Z]{2}$'),
    zip         text CONSTRAINT addresses_zip_format CHECK (zip ~ '^[0-9]{5}$'),
    country     text NOT NULL DEFAULT 'US' CONSTRAINT addresses_country_format CHECK (country ~ '^[A-Z]{2}$'),
    valid_from  date,
    valid_to    date,
    source      text NOT NULL DEFAULT 'manual',
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    deleted_at  timestamptz,
    row_version bigint NOT NULL DEFAULT nextval('sync.row_version_seq'),
    written_xid xid8 NOT NULL DEFAULT pg_current_xact_id(),
    CONSTRAINT addresses_date_order CHECK (valid_to IS NULL OR valid_from IS NULL OR valid_to >= valid_from)
);
CREATE INDEX ON core.addresses (person_id);
CREATE INDEX ON core.addresses (zip);
CREATE TRIGGER addresses_touch BEFORE UPDATE ON core.addresses FOR EACH ROW EXECUTE FUNCTION sync.touch_row();

CREATE TABLE core.phones (
    id          uuid PRIMARY KEY,
    person_id   uuid NOT NULL REFERENCES core.people (id),
    kind        text NOT NULL CHECK (kind IN ('home', 'mobile', 'work', 'fax')),
    number      text NOT NULL CONSTRAINT phones_number_format CHECK (number ~ '^\+?[0-9 ()./-]{7,20}$'),
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ON core.phones (person_id);
