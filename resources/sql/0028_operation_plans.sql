-- Operations plans and reports of investigation (FCMS 2.1; issue 7 item 4).
--
-- An operations plan is field.operations with its scope, the teams taking part, the fugitives and leads it
-- targets and its points of contact (the teams' own, local police, emergency services, hospital), approved
-- by a supervisor (full field access). A changed plan needs approval again.
-- A report of investigation summarises in writing an officer's activity on a fugitive: the leads, what was
-- done (the activities, read from field.activities when printed) and the outcome. A draft is its author's to
-- change; once submitted it is never changed: a correction is a new report that refers to it.
CREATE SEQUENCE field.operation_number_seq;
CREATE SEQUENCE field.report_number_seq;

ALTER TABLE field.operations
    ADD COLUMN operation_number text UNIQUE DEFAULT core.human_number('OPN', now(), nextval('field.operation_number_seq')),
    ADD COLUMN scope        text,
    ADD COLUMN created_by   uuid REFERENCES core.users (id) DEFAULT core.session_user_id(),
    ADD COLUMN approved_by  uuid REFERENCES core.users (id),
    ADD COLUMN approved_at  timestamptz,
    ADD COLUMN updated_at   timestamptz NOT NULL DEFAULT now(),
    ADD CONSTRAINT operations_approval_complete CHECK ((approved_by IS NULL) = (approved_at IS NULL));
ALTER TABLE field.operations ALTER COLUMN operation_number SET NOT NULL;
COMMENT ON COLUMN field.operations.scope IS 'What the operation sets out to do: area, targets, method, limits';
COMMENT ON COLUMN field.operations.plan_summary IS 'Briefing notes: staging, communications, risks';
CREATE INDEX operations_office_idx ON field.operations (office_id, starts_on DESC);

CREATE TABLE field.operation_teams (
    operation_id uuid NOT NULL REFERENCES field.operations (id) ON DELETE CASCADE,
    team_id      uuid NOT NULL REFERENCES field.teams (id),
    PRIMARY KEY (operation_id, team_id)
);

CREATE TABLE field.operation_targets (
    id           uuid PRIMARY KEY,
    operation_id uuid NOT NULL REFERENCES field.operations (id) ON DELETE CASCADE,
    fugitive_id  uuid NOT NULL REFERENCES field.fugitives (id),
    lead_id      uuid REFERENCES field.leads (id),
    CONSTRAINT operation_targets_once UNIQUE NULLS NOT DISTINCT (operation_id, fugitive_id, lead_id)
);
CREATE INDEX ON field.operation_targets (operation_id);

CREATE TABLE field.operation_contacts (
    id           uuid PRIMARY KEY,
    operation_id uuid NOT NULL REFERENCES field.operations (id) ON DELETE CASCADE,
    kind         text NOT NULL CHECK (kind IN ('team', 'local_police', 'emergency_services', 'hospital', 'other')),
    name         text NOT NULL CONSTRAINT operation_contacts_name_not_blank CHECK (btrim(name) <> ''),
    agency       text NOT NULL CONSTRAINT operation_contacts_agency_not_blank CHECK (btrim(agency) <> ''),
    phone        text NOT NULL CONSTRAINT operation_contacts_phone_format CHECK (phone ~ '^\+?[0-9 ()./-]{7,20}$'),
    notes        text,
    position     smallint NOT NULL DEFAULT 0
);
CREATE INDEX ON field.operation_contacts (operation_id, position);

-- ---------------------------------------------------------------------------------------------------
CREATE TABLE field.investigation_reports (
    id                 uuid PRIMARY KEY,
    report_number      text NOT NULL UNIQUE DEFAULT core.human_number('ROI', now(), nextval('field.report_number_seq')),
    fugitive_id        uuid NOT NULL REFERENCES field.fugitives (id),
    operation_id       uuid REFERENCES field.operations (id),
    summary            text NOT NULL CONSTRAINT investigation_reports_summary_not_blank CHECK (btrim(summary) <> ''),
    outcome            text NOT NULL CHECK (outcome IN ('arrested', 'located_not_arrested', 'not_located', 'left_area',
                                                        'referred', 'continuing', 'closed_other')),
    outcome_detail     text,
    report_date        date NOT NULL DEFAULT current_date
                           CONSTRAINT investigation_reports_date_range CHECK (report_date BETWEEN DATE '1990-01-01' AND DATE '2199-12-31'),
    author_id          uuid REFERENCES core.users (id) DEFAULT core.session_user_id(),
    author_name        text NOT NULL,           -- filled in by the server from the signed-in user
    author_title       text,
    author_office_id   uuid REFERENCES core.offices (id),
    status             text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted')),
    submitted_at       timestamptz,
    corrects_report_id uuid REFERENCES field.investigation_reports (id),
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now(),
    row_version        bigint NOT NULL DEFAULT nextval('sync.row_version_seq'),
    written_xid        xid8 NOT NULL DEFAULT pg_current_xact_id(),
    CONSTRAINT investigation_reports_submitted_complete CHECK ((status = 'submitted') = (submitted_at IS NOT NULL))
);
CREATE INDEX ON field.investigation_reports (fugitive_id, created_at);
CREATE INDEX investigation_reports_corrections_idx ON field.investigation_reports (corrects_report_id)
    WHERE corrects_report_id IS NOT NULL;
CREATE TRIGGER investigation_reports_touch BEFORE UPDATE ON field.investigation_reports
    FOR EACH ROW EXECUTE FUNCTION sync.touch_row();

CREATE TABLE field.investigation_report_leads (
    report_id uuid NOT NULL REFERENCES field.investigation_reports (id) ON DELETE CASCADE,
    lead_id   uuid NOT NULL REFERENCES field.leads (id),
    PRIMARY KEY (report_id, lead_id)
);
CREATE INDEX ON field.investigation_report_leads (lead_id);

-- ---------------------------------------------------------------------------------------------------
-- Plans: approval only through field.approve_operation_plan; any change to an approved plan (its own
-- columns, teams, targets or contacts) withdraws the approval.
CREATE FUNCTION field.operation_before_update() RETURNS trigger
    LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    IF current_setting('ocms.approving_operation', true) = NEW.id::text THEN
        RETURN NEW;
    END IF;
    IF (NEW.approved_by, NEW.approved_at) IS DISTINCT FROM (OLD.approved_by, OLD.approved_at)
       AND NOT (NEW.approved_by IS NULL AND NEW.approved_at IS NULL) THEN
        RAISE EXCEPTION 'A plan is approved by a supervisor through its approval, not by editing it.' USING ERRCODE = 'OC403';
    END IF;
    NEW.approved_by := NULL;
    NEW.approved_at := NULL;
    NEW.updated_at := now();
    RETURN NEW;
END
$$;
CREATE TRIGGER operations_before_update BEFORE UPDATE ON field.operations
    FOR EACH ROW EXECUTE FUNCTION field.operation_before_update();

CREATE FUNCTION field.operation_insert_check() RETURNS trigger
    LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    IF NEW.approved_by IS NOT NULL OR NEW.approved_at IS NOT NULL THEN
        RAISE EXCEPTION 'A new plan starts unapproved; a supervisor approves it afterwards.' USING ERRCODE = 'OC403';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER operations_insert_check BEFORE INSERT ON field.operations
    FOR EACH ROW EXECUTE FUNCTION field.operation_insert_check();

-- A change to a plan's parts: the plan is touched (approval withdrawn, updated_at moved).
CREATE FUNCTION field.operation_part_changed() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    UPDATE field.operations o SET updated_at = now()
    WHERE o.id IN (SELECT operation_id FROM changed_rows) AND (o.approved_at IS NOT NULL OR o.updated_at < now());
    RETURN NULL;
END
$$;
DO $$
DECLARE
    part text;
BEGIN
    FOREACH part IN ARRAY ARRAY['field.operation_teams', 'field.operation_targets', 'field.operation_contacts'] LOOP
        EXECUTE format('CREATE TRIGGER part_inserted AFTER INSERT ON %s REFERENCING NEW TABLE AS changed_rows '
                       'FOR EACH STATEMENT EXECUTE FUNCTION field.operation_part_changed()', part);
        EXECUTE format('CREATE TRIGGER part_updated AFTER UPDATE ON %s REFERENCING NEW TABLE AS changed_rows '
                       'FOR EACH STATEMENT EXECUTE FUNCTION field.operation_part_changed()', part);
        EXECUTE format('CREATE TRIGGER part_deleted AFTER DELETE ON %s REFERENCING OLD TABLE AS changed_rows '
                       'FOR EACH STATEMENT EXECUTE FUNCTION field.operation_part_changed()', part);
    END LOOP;
END
$$;

-- A supervisor (full field access) approves a plan as it stands.
CREATE FUNCTION field.approve_operation_plan(p_operation uuid) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    approver uuid := core.session_user_id();
BEGIN
    IF NOT (pg_has_role(session_user, 'field_full', 'MEMBER')
            OR coalesce((SELECT rolsuper FROM pg_roles WHERE rolname = session_user), false)) THEN
        RAISE EXCEPTION 'Only a supervisor (full field access) approves an operations plan.' USING ERRCODE = 'OC403';
    END IF;
    IF NOT EXISTS (SELECT 1 FROM field.operations WHERE id = p_operation) THEN
        RAISE EXCEPTION 'The operations plan does not exist.' USING ERRCODE = 'OC404';
    END IF;
    IF NOT EXISTS (SELECT 1 FROM field.operation_contacts c WHERE c.operation_id = p_operation AND c.kind = 'local_police')
       OR NOT EXISTS (SELECT 1 FROM field.operation_contacts c WHERE c.operation_id = p_operation AND c.kind = 'emergency_services') THEN
        RAISE EXCEPTION 'A plan is approved only with a local police and an emergency services point of contact.'
            USING ERRCODE = 'OC422';
    END IF;
    PERFORM set_config('ocms.approving_operation', p_operation::text, true);
    UPDATE field.operations SET approved_by = approver, approved_at = now() WHERE id = p_operation;
    PERFORM set_config('ocms.approving_operation', '', true);
END
$$;
REVOKE ALL ON FUNCTION field.approve_operation_plan FROM PUBLIC;
GRANT EXECUTE ON FUNCTION field.approve_operation_plan TO ocms_field;

-- ---------------------------------------------------------------------------------------------------
-- Reports of investigation: a draft is its author's (or a supervisor's) to change; a submitted report is
-- never changed or removed. A correction refers to a submitted report of the same fugitive.
CREATE FUNCTION field.investigation_report_before_write() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    superuser boolean := coalesce((SELECT rolsuper FROM pg_roles WHERE rolname = session_user), false);
BEGIN
    IF TG_OP = 'INSERT' THEN
        IF NEW.corrects_report_id IS NOT NULL AND NOT EXISTS (
               SELECT 1 FROM field.investigation_reports r
               WHERE r.id = NEW.corrects_report_id AND r.fugitive_id = NEW.fugitive_id AND r.status = 'submitted') THEN
            RAISE EXCEPTION 'A correction refers to a submitted report of investigation of the same fugitive.' USING ERRCODE = 'OC422';
        END IF;
        IF NOT superuser OR NEW.author_id IS NULL THEN
            SELECT u.id, u.full_name, u.title, u.office_id INTO NEW.author_id, NEW.author_name, NEW.author_title, NEW.author_office_id
            FROM core.users u WHERE u.login = session_user;
            NEW.author_name := coalesce(NEW.author_name, session_user::text);
        END IF;
        NEW.submitted_at := CASE WHEN NEW.status = 'submitted' THEN now() END;
        NEW.created_at := now();
        RETURN NEW;
    END IF;
    IF superuser THEN
        RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END; -- the database owner's retention disposal
    END IF;
    IF OLD.status = 'submitted' THEN
        RAISE EXCEPTION 'A submitted report of investigation is never changed: write a correction that refers to it.'
            USING ERRCODE = 'OC403';
    END IF;
    IF OLD.author_id IS DISTINCT FROM core.session_user_id() AND NOT pg_has_role(session_user, 'field_full', 'MEMBER') THEN
        RAISE EXCEPTION 'Only its author or a supervisor changes a draft report of investigation.' USING ERRCODE = 'OC403';
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    IF NEW.author_id IS DISTINCT FROM OLD.author_id OR NEW.fugitive_id IS DISTINCT FROM OLD.fugitive_id
       OR NEW.corrects_report_id IS DISTINCT FROM OLD.corrects_report_id OR NEW.created_at IS DISTINCT FROM OLD.created_at
       OR NEW.report_number IS DISTINCT FROM OLD.report_number THEN
        RAISE EXCEPTION 'The author, fugitive and number of a report of investigation stay as recorded.' USING ERRCODE = 'OC403';
    END IF;
    NEW.submitted_at := CASE WHEN NEW.status = 'submitted' THEN now() END;
    RETURN NEW;
END
$$;
CREATE TRIGGER investigation_reports_rules BEFORE INSERT OR UPDATE OR DELETE ON field.investigation_reports
    FOR EACH ROW EXECUTE FUNCTION field.investigation_report_before_write();

-- The leads of a submitted report are as fixed as the report.
CREATE FUNCTION field.investigation_report_leads_check() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    affected field.investigation_report_leads := CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
BEGIN
    IF coalesce((SELECT rolsuper FROM pg_roles WHERE rolname = session_user), false) OR pg_trigger_depth() > 1 THEN
        RETURN affected;
    END IF;
    IF EXISTS (SELECT 1 FROM field.investigation_reports r WHERE r.id = affected.report_id AND r.status = 'submitted') THEN
        RAISE EXCEPTION 'A submitted report of investigation is never changed: write a correction that refers to it.'
            USING ERRCODE = 'OC403';
    END IF;
    IF NOT EXISTS (SELECT 1 FROM field.investigation_reports r JOIN field.leads l ON l.id = affected.lead_id
                   WHERE r.id = affected.report_id AND l.fugitive_id = r.fugitive_id) THEN
        RAISE EXCEPTION 'A report of investigation lists only leads of its own fugitive.' USING ERRCODE = 'OC422';
    END IF;
    RETURN affected;
END
$$;
CREATE TRIGGER investigation_report_leads_rules BEFORE INSERT OR UPDATE OR DELETE ON field.investigation_report_leads
    FOR EACH ROW EXECUTE FUNCTION field.investigation_report_leads_check();

-- ---------------------------------------------------------------------------------------------------
-- Access: field roles only (row security as the other field tables); read-only officers read, read/add/
-- update officers write plans and reports; full access also removes a plan. Everything is audited.
DO $$
DECLARE
    field_table text;
BEGIN
    FOREACH field_table IN ARRAY ARRAY['field.operation_teams', 'field.operation_targets', 'field.operation_contacts',
                                       'field.investigation_reports', 'field.investigation_report_leads']
    LOOP
        EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', field_table);
        EXECUTE format('ALTER TABLE %s FORCE ROW LEVEL SECURITY', field_table);
        EXECUTE format('CREATE POLICY field_roles ON %s USING ((SELECT core.session_has_role(''ocms_field'')) '
                       'OR (SELECT core.session_has_role(''ocms_import'')))', field_table);
        EXECUTE format('GRANT SELECT ON %s TO field_read', field_table);
        EXECUTE format('GRANT INSERT, UPDATE ON %s TO field_write', field_table);
    END LOOP;
END
$$;
-- The parts of a plan are edited by replacing them; a draft report's leads likewise.
GRANT DELETE ON field.operation_teams, field.operation_targets, field.operation_contacts,
                field.investigation_report_leads TO field_write;
GRANT DELETE ON field.operations, field.investigation_reports TO field_full;
-- The approval columns are the approval function's (the trigger clears them on any other change).
DO $$
DECLARE
    writable text;
BEGIN
    SELECT string_agg(quote_ident(a.attname), ', ' ORDER BY a.attnum) INTO writable
    FROM pg_attribute a WHERE a.attrelid = 'field.operations'::regclass AND a.attnum > 0 AND NOT a.attisdropped
      AND a.attname NOT IN ('approved_by', 'approved_at', 'operation_number', 'created_by');
    REVOKE UPDATE ON field.operations FROM field_write;
    EXECUTE format('GRANT UPDATE (%s) ON field.operations TO field_write', writable);
END
$$;
GRANT USAGE ON SEQUENCE field.operation_number_seq, field.report_number_seq TO field_write;

DO $$
DECLARE
    audited record;
BEGIN
    FOR audited IN
        SELECT * FROM (VALUES ('field.operation_teams', 'operation_id'), ('field.operation_targets', 'id'),
                              ('field.operation_contacts', 'id'), ('field.investigation_reports', 'id'),
                              ('field.investigation_report_leads', 'report_id')) AS t (table_name, key_column)
    LOOP
        EXECUTE format('CREATE TRIGGER audit_insert AFTER INSERT ON %s REFERENCING NEW TABLE AS new_rows '
                       'FOR EACH STATEMENT EXECUTE FUNCTION audit.record_changes(%L)', audited.table_name, audited.key_column);
        EXECUTE format('CREATE TRIGGER audit_update AFTER UPDATE ON %s REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows '
                       'FOR EACH STATEMENT EXECUTE FUNCTION audit.record_changes(%L)', audited.table_name, audited.key_column);
        EXECUTE format('CREATE TRIGGER audit_delete AFTER DELETE ON %s REFERENCING OLD TABLE AS old_rows '
                       'FOR EACH STATEMENT EXECUTE FUNCTION audit.record_changes(%L)', audited.table_name, audited.key_column);
    END LOOP;
END
$$;
