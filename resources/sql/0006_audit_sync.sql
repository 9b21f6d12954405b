-- Audit trail tables (triggers, hash chain and readers come with the access-control work) and sync bookkeeping.
CREATE TABLE audit.events (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tx          xid8 NOT NULL DEFAULT pg_current_xact_id(),
    occurred_at timestamptz NOT NULL DEFAULT clock_timestamp(),
    action      text NOT NULL CHECK (action IN ('insert', 'update', 'delete', 'view', 'logon', 'logon_failed',
                                                'correction', 'export', 'purge')),
    table_name  text,
    record_id   uuid,
    changes     jsonb,            -- {"column": [old, new], …}
    db_user     text NOT NULL DEFAULT session_user,
    source      text NOT NULL DEFAULT coalesce(nullif(current_setting('ocms.source', true), ''), 'manual'),
    client_addr inet DEFAULT inet_client_addr(),
    client_host text,
    batch_id    uuid,
    prev_hash   bytea,
    hash        bytea
);
CREATE INDEX ON audit.events (table_name, record_id);
CREATE INDEX ON audit.events (db_user, occurred_at);
CREATE INDEX ON audit.events (occurred_at);

-- Disposition records: what retention destroyed, without personal data.
CREATE TABLE audit.dispositions (
    id              uuid PRIMARY KEY,
    run_at          timestamptz NOT NULL DEFAULT now(),
    approved_by     text NOT NULL,
    record_type     text NOT NULL,
    record_count    integer NOT NULL CHECK (record_count >= 0),
    schedule_rule   text NOT NULL,
    record_ids_sha256 bytea NOT NULL
);

-- Devices that keep an offline cache, and wipes ordered by an administrator.
CREATE TABLE sync.devices (
    id              uuid PRIMARY KEY,
    user_id         uuid NOT NULL REFERENCES core.users (id),
    name            text NOT NULL,
    registered_at   timestamptz NOT NULL DEFAULT now(),
    last_contact_at timestamptz,
    wipe_ordered_at timestamptz,
    wipe_ordered_by text,
    wiped_at        timestamptz
);
CREATE INDEX ON sync.devices (user_id);

-- Each pushed offline change once: the outbox UUID makes a replayed push a no-op.
CREATE TABLE sync.applied_changes (
    change_id   uuid PRIMARY KEY,
    device_id   uuid REFERENCES sync.devices (id),
    applied_at  timestamptz NOT NULL DEFAULT now(),
    table_name  text NOT NULL,
    record_id   uuid NOT NULL,
    outcome     text NOT NULL CHECK (outcome IN ('applied', 'merged', 'conflict', 'rejected'))
);

-- Synthetic data runs (`ocmsctl seed`): a run with the same seed is not repeated; later runs number on.
CREATE TABLE public.ocms_seed_runs (
    seed        numeric(20) PRIMARY KEY,
    cases       bigint NOT NULL,
    fugitives   bigint NOT NULL,
    leads       bigint NOT NULL,
    documents   bigint NOT NULL,
    as_of       date NOT NULL,
    seconds     numeric(10, 2) NOT NULL,
    finished_at timestamptz NOT NULL DEFAULT now()
);
