-- Legal work (OCMS): cases with everything around them, projects, tasks, time, disclosures.
CREATE SEQUENCE legal.case_number_seq;
CREATE SEQUENCE legal.project_number_seq;

CREATE TABLE legal.cases (
    id                  uuid PRIMARY KEY,
    created_at          timestamptz NOT NULL DEFAULT now(),
    case_number         text NOT NULL UNIQUE
                            DEFAULT core.human_number('CASE', now(), nextval('legal.case_number_seq')),
    category            text NOT NULL CHECK (category IN ('immigration', 'non_immigration')),
    -- removal, bond, appeal, motion_to_reopen… / tort, foia, privacy_act, contract, employment, eeo, mspb, other
    case_type           text NOT NULL,
    forum               text NOT NULL CHECK (forum IN ('immigration_court', 'bia', 'administrative',
                                                       'federal_district', 'federal_appeals', 'other')),
    court_name          text,
    a_number            text CONSTRAINT cases_a_number_format CHECK (a_number ~ '^[0-9]{9}$' AND a_number <> '000000000'),
    title               text NOT NULL CONSTRAINT cases_title_not_blank CHECK (btrim(title) <> ''),
    status              text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'pending_appeal', 'closed', 'reopened')),
    office_id           uuid NOT NULL REFERENCES core.offices (id),
    division_id         uuid NOT NULL REFERENCES core.divisions (id),
    created_by          uuid REFERENCES core.users (id),
    opened_on           date NOT NULL DEFAULT current_date
                            CONSTRAINT cases_opened_date_range CHECK (opened_on BETWEEN DATE '1900-01-01' AND DATE '2199-12-31'),
    closed_on           date CONSTRAINT cases_closed_date_range CHECK (closed_on BETWEEN DATE '1900-01-01' AND DATE '2199-12-31'),
    last_action_at      timestamptz NOT NULL DEFAULT now(),
    custody_status      text CHECK (custody_status IN ('detained', 'released', 'not_detained', 'removed', 'unknown')),
    -- National-security fields: written only by the National Security Law Section (field policy, issue 3).
    national_security_flag  boolean NOT NULL DEFAULT false,
    national_security_notes text,
    -- Dispositions at the initial and appeal level.
    initial_disposition     text,
    initial_disposition_on  date CONSTRAINT cases_initial_disposition_date_range
                                CHECK (initial_disposition_on BETWEEN DATE '1900-01-01' AND DATE '2199-12-31'),
    appeal_disposition      text,
    appeal_disposition_on   date CONSTRAINT cases_appeal_disposition_date_range
                                CHECK (appeal_disposition_on BETWEEN DATE '1900-01-01' AND DATE '2199-12-31'),
    -- Non-immigration litigation (e.g. an SF-95 tort claim) and retention triggers.
    claim_amount        numeric(14, 2) CHECK (claim_amount >= 0),
    incident_on         date CONSTRAINT cases_incident_date_range CHECK (incident_on BETWEEN DATE '1900-01-01' AND DATE '2199-12-31'),
    incident_summary    text,
    judgment_on         date CONSTRAINT cases_judgment_date_range CHECK (judgment_on BETWEEN DATE '1900-01-01' AND DATE '2199-12-31'),
    appeals_exhausted_on date CONSTRAINT cases_appeals_exhausted_date_range
                                CHECK (appeals_exhausted_on BETWEEN DATE '1900-01-01' AND DATE '2199-12-31'),
    final_order_on      date CONSTRAINT cases_final_order_date_range CHECK (final_order_on BETWEEN DATE '1900-01-01' AND DATE '2199-12-31'),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    deleted_at          timestamptz,
    row_version         bigint NOT NULL DEFAULT nextval('sync.row_version_seq'),
    written_xid         xid8 NOT NULL DEFAULT pg_current_xact_id(),
    CONSTRAINT cases_immigration_needs_a_number CHECK (category <> 'immigration' OR a_number IS NOT NULL),
    CONSTRAINT cases_date_order CHECK (closed_on IS NULL OR closed_on >= opened_on)
);
-- A-Number is unique among open immigration cases (closed ones may share it with a reopened matter).
CREATE UNIQUE INDEX cases_open_a_number_unique ON legal.cases (a_number)
    WHERE category = 'immigration' AND status <> 'closed' AND deleted_at IS NULL;
CREATE INDEX cases_a_number_prefix_idx ON legal.cases (a_number COLLATE "C", id);
CREATE INDEX cases_office_idx ON legal.cases (office_id, status);
CREATE INDEX cases_division_idx ON legal.cases (division_id);
CREATE INDEX cases_opened_idx ON legal.cases (opened_on, id);
CREATE INDEX cases_status_idx ON legal.cases (status, case_type);
CREATE INDEX cases_row_version_idx ON legal.cases (row_version);
CREATE TRIGGER cases_touch BEFORE UPDATE ON legal.cases FOR EACH ROW EXECUTE FUNCTION sync.touch_row();

-- People in a case with their role.
CREATE TABLE legal.case_people (
    case_id     uuid NOT NULL REFERENCES legal.cases (id),
    person_id   uuid NOT NULL REFERENCES core.people (id),
    role        text NOT NULL CHECK (role IN ('respondent', 'government_attorney', 'defense_attorney', 'judge',
                                              'witness', 'family_member', 'sponsor', 'employer',
                                              'legal_representative', 'claimant', 'litigant', 'victim', 'other')),
    created_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (case_id, person_id, role)
);
CREATE INDEX ON legal.case_people (person_id);

-- Staff assigned to a case.
CREATE TABLE legal.case_staff (
    case_id     uuid NOT NULL REFERENCES legal.cases (id),
    user_id     uuid NOT NULL REFERENCES core.users (id),
    role        text NOT NULL CHECK (role IN ('attorney', 'support')),
    assigned_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (case_id, user_id, role)
);
CREATE INDEX ON legal.case_staff (user_id);

-- Access to a non-immigration case granted by its creator to users outside the owning division.
CREATE TABLE legal.case_grants (
    case_id     uuid NOT NULL REFERENCES legal.cases (id),
    user_id     uuid NOT NULL REFERENCES core.users (id),
    granted_by  uuid REFERENCES core.users (id),
    granted_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (case_id, user_id)
);
CREATE INDEX ON legal.case_grants (user_id);

CREATE TABLE legal.hearings (
    id              uuid PRIMARY KEY,
    case_id         uuid NOT NULL REFERENCES legal.cases (id),
    hearing_type    text NOT NULL,      -- master_calendar, individual, bond, status, motion, trial…
    scheduled_at    timestamptz NOT NULL CONSTRAINT hearings_scheduled_date_range
                        CHECK (scheduled_at BETWEEN TIMESTAMPTZ '1900-01-01 00:00Z' AND TIMESTAMPTZ '2199-12-31 00:00Z'),
    location        text,
    courtroom       text,
    judge_name      text,
    outcome         text,
    source          text NOT NULL DEFAULT 'manual',
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    deleted_at      timestamptz,
    row_version     bigint NOT NULL DEFAULT nextval('sync.row_version_seq'),
    written_xid     xid8 NOT NULL DEFAULT pg_current_xact_id()
);
CREATE INDEX ON legal.hearings (case_id);
CREATE INDEX hearings_scheduled_idx ON legal.hearings (scheduled_at);
CREATE TRIGGER hearings_touch BEFORE UPDATE ON legal.hearings FOR EACH ROW EXECUTE FUNCTION sync.touch_row();

-- Due dates for pleadings and motions.
CREATE TABLE legal.deadlines (
    id              uuid PRIMARY KEY,
    case_id         uuid NOT NULL REFERENCES legal.cases (id),
    kind            text NOT NULL CHECK (kind IN ('pleading', 'motion', 'brief', 'response', 'filing', 'other')),
    title           text NOT NULL CONSTRAINT deadlines_title_not_blank CHECK (btrim(title) <> ''),
    due_on          date NOT NULL CONSTRAINT deadlines_due_date_range CHECK (due_on BETWEEN DATE '1900-01-01' AND DATE '2199-12-31'),
    assigned_to     uuid REFERENCES core.users (id),
    completed_at    timestamptz,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    deleted_at      timestamptz,
    row_version     bigint NOT NULL DEFAULT nextval('sync.row_version_seq'),
    written_xid     xid8 NOT NULL DEFAULT pg_current_xact_id()
);
CREATE INDEX ON legal.deadlines (case_id);
CREATE INDEX deadlines_due_idx ON legal.deadlines (due_on) WHERE completed_at IS NULL;
CREATE TRIGGER deadlines_touch BEFORE UPDATE ON legal.deadlines FOR EACH ROW EXECUTE FUNCTION sync.touch_row();

-- Notes are appended, never edited in place (sync treats them as append-only).
CREATE TABLE legal.notes (
    id          uuid PRIMARY KEY,
    case_id     uuid NOT NULL REFERENCES legal.cases (id),
    phase       text NOT NULL CHECK (phase IN ('pre_trial', 'trial', 'post_trial', 'investigator', 'general')),
    body        text NOT NULL CONSTRAINT notes_body_not_blank CHECK (btrim(body) <> ''),
    author_id   uuid REFERENCES core.users (id),
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    deleted_at  timestamptz,
    row_version bigint NOT NULL DEFAULT nextval('sync.row_version_seq'),
    written_xid xid8 NOT NULL DEFAULT pg_current_xact_id()
);
CREATE INDEX ON legal.notes (case_id, created_at);
CREATE TRIGGER notes_touch BEFORE UPDATE ON legal.notes FOR EACH ROW EXECUTE FUNCTION sync.touch_row();

-- Case history: actions taken and dispositions, at the initial and appeal level.
CREATE TABLE legal.case_events (
    id          uuid PRIMARY KEY,
    case_id     uuid NOT NULL REFERENCES legal.cases (id),
    event_type  text NOT NULL,     -- created, hearing_held, motion_filed, transferred, disposition, appeal_filed…
    level       text CHECK (level IN ('initial', 'appeal')),
    occurred_at timestamptz NOT NULL DEFAULT now(),
    summary     text NOT NULL,
    actor_id    uuid REFERENCES core.users (id),
    source      text NOT NULL DEFAULT 'manual',
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ON legal.case_events (case_id, occurred_at);

-- Transfers of a case between offices.
CREATE TABLE legal.case_transfers (
    id              uuid PRIMARY KEY,
    case_id         uuid NOT NULL REFERENCES legal.cases (id),
    from_office_id  uuid NOT NULL REFERENCES core.offices (id),
    to_office_id    uuid NOT NULL REFERENCES core.offices (id),
    transferred_at  timestamptz NOT NULL DEFAULT now(),
    transferred_by  uuid REFERENCES core.users (id),
    reason          text
);
CREATE INDEX ON legal.case_transfers (case_id);

-- Paper A-File locations and their transfer history, keyed by A-Number.
CREATE TABLE legal.afile_locations (
    id              uuid PRIMARY KEY,
    a_number        text NOT NULL CONSTRAINT afile_locations_a_number_format CHECK (a_number ~ '^[0-9]{9}$'),
    location        text NOT NULL,
    previous_location text,
    recorded_on     date NOT NULL DEFAULT current_date
                        CONSTRAINT afile_locations_recorded_date_range CHECK (recorded_on BETWEEN DATE '1900-01-01' AND DATE '2199-12-31'),
    recorded_by     uuid REFERENCES core.users (id),
    source          text NOT NULL DEFAULT 'manual'
);
CREATE INDEX ON legal.afile_locations (a_number, recorded_on);

-- Immigration applications (e.g. N-400, I-589) and work authorisation.
CREATE TABLE legal.applications (
    id                  uuid PRIMARY KEY,
    case_id             uuid NOT NULL REFERENCES legal.cases (id),
    person_id           uuid REFERENCES core.people (id),
    application_type    text NOT NULL,
    received_on         date CONSTRAINT applications_received_date_range CHECK (received_on BETWEEN DATE '1900-01-01' AND DATE '2199-12-31'),
    filed_on            date CONSTRAINT applications_filed_date_range CHECK (filed_on BETWEEN DATE '1900-01-01' AND DATE '2199-12-31'),
    status              text,
    work_authorization  boolean NOT NULL DEFAULT false,
    work_authorization_on date,
    created_at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ON legal.applications (case_id);

CREATE TABLE legal.visas (
    id              uuid PRIMARY KEY,
    case_id         uuid NOT NULL REFERENCES legal.cases (id),
    person_id       uuid REFERENCES core.people (id),
    visa_class      text NOT NULL,
    applied_on      date CONSTRAINT visas_applied_date_range CHECK (applied_on BETWEEN DATE '1900-01-01' AND DATE '2199-12-31'),
    issued_on       date CONSTRAINT visas_issued_date_range CHECK (issued_on BETWEEN DATE '1900-01-01' AND DATE '2199-12-31'),
    expires_on      date CONSTRAINT visas_expires_date_range CHECK (expires_on BETWEEN DATE '1900-01-01' AND DATE '2199-12-31'),
    issuing_post    text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT visas_date_order CHECK (expires_on IS NULL OR issued_on IS NULL OR expires_on >= issued_on)
);
CREATE INDEX ON legal.visas (case_id);

-- Projects: any work that is not a court case. Also the temporary home of an immigration matter
-- without an A-Number until its case exists (PIA footnote 6).
CREATE TABLE legal.projects (
    id                  uuid PRIMARY KEY,
    created_at          timestamptz NOT NULL DEFAULT now(),
    project_number      text NOT NULL UNIQUE
                            DEFAULT core.human_number('PRJ', now(), nextval('legal.project_number_seq')),
    project_type        text NOT NULL,     -- from rules.dropdown_values list 'project_type'
    title               text NOT NULL CONSTRAINT projects_title_not_blank CHECK (btrim(title) <> ''),
    description         text,
    client_office       text,              -- the program office supported
    office_id           uuid NOT NULL REFERENCES core.offices (id),
    division_id         uuid NOT NULL REFERENCES core.divisions (id),
    status              text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'on_hold', 'closed')),
    retention_category  text NOT NULL DEFAULT 'informal_advice',
    opened_on           date NOT NULL DEFAULT current_date
                            CONSTRAINT projects_opened_date_range CHECK (opened_on BETWEEN DATE '1900-01-01' AND DATE '2199-12-31'),
    closed_on           date CONSTRAINT projects_closed_date_range CHECK (closed_on BETWEEN DATE '1900-01-01' AND DATE '2199-12-31'),
    immigration_matter  boolean NOT NULL DEFAULT false,
    linked_case_id      uuid REFERENCES legal.cases (id),
    created_by          uuid REFERENCES core.users (id),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    deleted_at          timestamptz,
    row_version         bigint NOT NULL DEFAULT nextval('sync.row_version_seq'),
    written_xid         xid8 NOT NULL DEFAULT pg_current_xact_id(),
    CONSTRAINT projects_date_order CHECK (closed_on IS NULL OR closed_on >= opened_on)
);
CREATE INDEX ON legal.projects (division_id, status);
CREATE INDEX ON legal.projects (linked_case_id);
CREATE TRIGGER projects_touch BEFORE UPDATE ON legal.projects FOR EACH ROW EXECUTE FUNCTION sync.touch_row();

CREATE TABLE legal.project_grants (
    project_id  uuid NOT NULL REFERENCES legal.projects (id),
    user_id     uuid NOT NULL REFERENCES core.users (id),
    granted_by  uuid REFERENCES core.users (id),
    granted_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (project_id, user_id)
);
CREATE INDEX ON legal.project_grants (user_id);

CREATE TABLE legal.project_assignments (
    project_id  uuid NOT NULL REFERENCES legal.projects (id),
    user_id     uuid NOT NULL REFERENCES core.users (id),
    role        text NOT NULL CHECK (role IN ('attorney', 'support', 'lead')),
    assigned_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (project_id, user_id, role)
);
CREATE INDEX ON legal.project_assignments (user_id);

-- Individuals involved in a project (PII kept only as needed).
CREATE TABLE legal.project_people (
    project_id  uuid NOT NULL REFERENCES legal.projects (id),
    person_id   uuid NOT NULL REFERENCES core.people (id),
    role        text NOT NULL,
    PRIMARY KEY (project_id, person_id, role)
);

-- Related events (meetings, briefings, congressional deadlines…).
CREATE TABLE legal.project_events (
    id          uuid PRIMARY KEY,
    project_id  uuid NOT NULL REFERENCES legal.projects (id),
    title       text NOT NULL,
    occurs_at   timestamptz NOT NULL,
    notes       text,
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ON legal.project_events (project_id);

-- Project history: every action on the project, appended.
CREATE TABLE legal.project_history (
    id          uuid PRIMARY KEY,
    project_id  uuid NOT NULL REFERENCES legal.projects (id),
    occurred_at timestamptz NOT NULL DEFAULT now(),
    actor_id    uuid REFERENCES core.users (id),
    action      text NOT NULL,
    detail      text
);
CREATE INDEX ON legal.project_history (project_id, occurred_at);

CREATE TABLE legal.tasks (
    id              uuid PRIMARY KEY,
    project_id      uuid NOT NULL REFERENCES legal.projects (id),
    title           text NOT NULL CONSTRAINT tasks_title_not_blank CHECK (btrim(title) <> ''),
    assignee_id     uuid REFERENCES core.users (id),
    due_on          date CONSTRAINT tasks_due_date_range CHECK (due_on BETWEEN DATE '1900-01-01' AND DATE '2199-12-31'),
    status          text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'in_progress', 'done', 'cancelled')),
    depends_on_id   uuid REFERENCES legal.tasks (id),
    completed_at    timestamptz,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    deleted_at      timestamptz,
    row_version     bigint NOT NULL DEFAULT nextval('sync.row_version_seq'),
    written_xid     xid8 NOT NULL DEFAULT pg_current_xact_id(),
    CONSTRAINT tasks_no_self_dependency CHECK (depends_on_id IS NULL OR depends_on_id <> id)
);
CREATE INDEX ON legal.tasks (project_id);
CREATE INDEX ON legal.tasks (assignee_id, status);
CREATE TRIGGER tasks_touch BEFORE UPDATE ON legal.tasks FOR EACH ROW EXECUTE FUNCTION sync.touch_row();

-- Time spent, per user per case or project; feeds the level-of-effort report. Append-only in sync.
CREATE TABLE legal.time_entries (
    id          uuid PRIMARY KEY,
    user_id     uuid NOT NULL REFERENCES core.users (id),
    case_id     uuid REFERENCES legal.cases (id),
    project_id  uuid REFERENCES legal.projects (id),
    work_date   date NOT NULL CONSTRAINT time_entries_work_date_range CHECK (work_date BETWEEN DATE '1900-01-01' AND DATE '2199-12-31'),
    hours       numeric(5, 2) NOT NULL CONSTRAINT time_entries_hours_range CHECK (hours > 0 AND hours <= 24),
    note        text,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    deleted_at  timestamptz,
    row_version bigint NOT NULL DEFAULT nextval('sync.row_version_seq'),
    written_xid xid8 NOT NULL DEFAULT pg_current_xact_id(),
    CONSTRAINT time_entries_one_parent CHECK ((case_id IS NULL) <> (project_id IS NULL))
);
CREATE INDEX ON legal.time_entries (user_id, work_date);
CREATE INDEX ON legal.time_entries (case_id);
CREATE INDEX ON legal.time_entries (project_id);
CREATE TRIGGER time_entries_touch BEFORE UPDATE ON legal.time_entries FOR EACH ROW EXECUTE FUNCTION sync.touch_row();

-- Accounting of disclosures outside DHS (PIA 6.4): what, to whom, their contact, when.
CREATE TABLE legal.disclosures (
    id                  uuid PRIMARY KEY,
    case_id             uuid REFERENCES legal.cases (id),
    project_id          uuid REFERENCES legal.projects (id),
    what_disclosed      text NOT NULL CONSTRAINT disclosures_what_not_blank CHECK (btrim(what_disclosed) <> ''),
    recipient_name      text NOT NULL CONSTRAINT disclosures_recipient_not_blank CHECK (btrim(recipient_name) <> ''),
    recipient_organization text,
    recipient_contact   text,
    disclosed_at        timestamptz NOT NULL,
    legal_basis         text,
    request_document_id uuid,            -- the request letter or e-mail, in docs
    recorded_by         uuid REFERENCES core.users (id),
    created_at          timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT disclosures_one_parent CHECK ((case_id IS NULL) <> (project_id IS NULL))
);
CREATE INDEX ON legal.disclosures (case_id);
CREATE INDEX ON legal.disclosures (project_id);
