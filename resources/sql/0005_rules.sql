-- Business rules administrators maintain: dropdown lists (with dependent values), field policy,
-- authoritative sources, retention schedules, legal holds, settings.
CREATE TABLE rules.dropdown_lists (
    code        text PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9_]{1,40}$'),
    name        text NOT NULL,
    description text
);

CREATE TABLE rules.dropdown_values (
    list_code   text NOT NULL REFERENCES rules.dropdown_lists (code),
    code        text NOT NULL CHECK (code ~ '^[a-z0-9][a-z0-9_-]{0,40}$'),
    label       text NOT NULL,
    sort_order  integer NOT NULL DEFAULT 0,
    active      boolean NOT NULL DEFAULT true,
    PRIMARY KEY (list_code, code)
);

-- A dependent rule: value `code` of `list_code` may be chosen only when `parent_list` holds `parent_code`.
CREATE TABLE rules.dropdown_dependencies (
    list_code   text NOT NULL,
    code        text NOT NULL,
    parent_list text NOT NULL,
    parent_code text NOT NULL,
    PRIMARY KEY (list_code, code, parent_list, parent_code),
    FOREIGN KEY (list_code, code) REFERENCES rules.dropdown_values (list_code, code),
    FOREIGN KEY (parent_list, parent_code) REFERENCES rules.dropdown_values (list_code, code)
);

-- Who may read and write a column: a role (principal_kind 'role') or a division ('division', by code).
CREATE TABLE rules.field_policy (
    table_name      text NOT NULL CHECK (table_name ~ '^[a-z_]+\.[a-z_]+$'),
    column_name     text NOT NULL,
    principal_kind  text NOT NULL CHECK (principal_kind IN ('role', 'division')),
    principal       text NOT NULL,
    can_read        boolean NOT NULL,
    can_write       boolean NOT NULL,
    PRIMARY KEY (table_name, column_name, principal_kind, principal),
    CHECK (can_read OR NOT can_write)
);

-- The one external system allowed to set a column; users cannot change it (admins correct, audited).
CREATE TABLE rules.authoritative_source (
    table_name  text NOT NULL CHECK (table_name ~ '^[a-z_]+\.[a-z_]+$'),
    column_name text NOT NULL,
    system      text NOT NULL,
    PRIMARY KEY (table_name, column_name)
);

CREATE TABLE rules.retention_schedules (
    record_type     text PRIMARY KEY,
    description     text NOT NULL,
    years           integer CHECK (years BETWEEN 0 AND 200),
    trigger_event   text NOT NULL CHECK (trigger_event IN ('last_action', 'judgment_or_appeals', 'final_order',
                                                           'creation', 'closure', 'removal', 'age_70',
                                                           'legal_status', 'arrest', 'event', 'when_no_longer_needed')),
    action          text NOT NULL DEFAULT 'destroy' CHECK (action IN ('destroy', 'transfer_nara')),
    updated_at      timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE rules.legal_holds (
    id          uuid PRIMARY KEY,
    table_name  text NOT NULL,
    record_id   uuid NOT NULL,
    reason      text NOT NULL CONSTRAINT legal_holds_reason_not_blank CHECK (btrim(reason) <> ''),
    placed_by   text NOT NULL DEFAULT current_user,
    placed_at   timestamptz NOT NULL DEFAULT now(),
    released_by text,
    released_at timestamptz
);
CREATE INDEX ON rules.legal_holds (table_name, record_id) WHERE released_at IS NULL;

-- System settings admins change at run time (clients listen for changes).
CREATE TABLE rules.settings (
    key         text PRIMARY KEY,
    value       text NOT NULL,
    description text,
    updated_at  timestamptz NOT NULL DEFAULT now()
);

INSERT INTO rules.settings (key, value, description) VALUES
    ('inactivity_lock_minutes', '15', 'Minutes without input before the window locks (1-60).'),
    ('logon_failure_limit', '3', 'Failed logons within the window that disable an account.'),
    ('logon_failure_window_minutes', '15', 'Window for counting failed logons.'),
    ('report_small_cell_threshold', '5', 'Statistical report cells below this count are suppressed.'),
    ('offline_unlock_attempts', '10', 'Failed offline unlocks before a laptop cache is wiped.');

INSERT INTO rules.dropdown_lists (code, name, description) VALUES
    ('case_category', 'Case category', 'Immigration or non-immigration'),
    ('case_type', 'Case type', 'Depends on the case category'),
    ('hearing_type', 'Hearing type', NULL),
    ('project_type', 'Project type', 'Open-ended; administrators add values'),
    ('document_type', 'Document type', NULL),
    ('note_phase', 'Note phase', NULL),
    ('activity_type', 'Activity type', NULL),
    ('application_type', 'Application type', NULL),
    ('custody_status', 'Custody status', NULL);

INSERT INTO rules.dropdown_values (list_code, code, label, sort_order) VALUES
    ('case_category', 'immigration', 'Immigration', 1),
    ('case_category', 'non_immigration', 'Non-immigration', 2),
    ('case_type', 'removal', 'Removal proceedings', 1),
    ('case_type', 'bond', 'Bond redetermination', 2),
    ('case_type', 'appeal', 'Appeal to the BIA', 3),
    ('case_type', 'motion_to_reopen', 'Motion to reopen', 4),
    ('case_type', 'credible_fear_review', 'Credible fear review', 5),
    ('case_type', 'tort', 'Tort claim (FTCA)', 10),
    ('case_type', 'foia', 'FOIA litigation', 11),
    ('case_type', 'privacy_act', 'Privacy Act claim', 12),
    ('case_type', 'contract', 'Contract claim', 13),
    ('case_type', 'employment', 'Employment', 14),
    ('case_type', 'eeo', 'EEO complaint', 15),
    ('case_type', 'mspb', 'MSPB appeal', 16),
    ('case_type', 'other_litigation', 'Other litigation', 17),
    ('hearing_type', 'master_calendar', 'Master calendar', 1),
    ('hearing_type', 'individual', 'Individual (merits)', 2),
    ('hearing_type', 'bond', 'Bond', 3),
    ('hearing_type', 'status', 'Status conference', 4),
    ('hearing_type', 'motion', 'Motion hearing', 5),
    ('hearing_type', 'trial', 'Trial', 6),
    ('project_type', 'legal_advice', 'Legal advice', 1),
    ('project_type', 'policy_review', 'Policy review', 2),
    ('project_type', 'budget', 'Budget', 3),
    ('project_type', 'tasking', 'Tasking', 4),
    ('project_type', 'congressional_inquiry', 'Congressional inquiry', 5),
    ('project_type', 'ethics', 'Ethics program', 6),
    ('project_type', 'regulatory', 'Regulatory action', 7),
    ('project_type', 'legislation', 'Draft legislation or testimony', 8),
    ('project_type', 'international_law', 'International law advice', 9),
    ('project_type', 'immigration_tracking', 'Immigration matter awaiting A-Number', 10),
    ('document_type', 'memorandum', 'Legal memorandum', 1),
    ('document_type', 'brief', 'Brief', 2),
    ('document_type', 'motion', 'Motion', 3),
    ('document_type', 'pleading', 'Pleading', 4),
    ('document_type', 'application', 'Application', 5),
    ('document_type', 'evidence', 'Evidence', 6),
    ('document_type', 'correspondence', 'Correspondence', 7),
    ('document_type', 'court_filing', 'Court filing', 8),
    ('document_type', 'report_of_investigation', 'Report of investigation', 9),
    ('document_type', 'notice_to_appear', 'Notice to Appear', 10),
    ('document_type', 'research', 'Research', 11),
    ('note_phase', 'pre_trial', 'Pre-trial', 1),
    ('note_phase', 'trial', 'Trial', 2),
    ('note_phase', 'post_trial', 'Post-trial', 3),
    ('note_phase', 'investigator', 'Note to investigators', 4),
    ('note_phase', 'general', 'General', 5),
    ('activity_type', 'surveillance', 'Surveillance', 1),
    ('activity_type', 'address_check', 'Address check', 2),
    ('activity_type', 'systems_check', 'Systems check', 3),
    ('activity_type', 'interview', 'Interview', 4),
    ('activity_type', 'arrest', 'Arrest', 5),
    ('activity_type', 'note', 'Note', 6),
    ('application_type', 'n400', 'N-400 Application for Naturalization', 1),
    ('application_type', 'i589', 'I-589 Asylum and Withholding', 2),
    ('application_type', 'i485', 'I-485 Adjustment of Status', 3),
    ('application_type', 'i765', 'I-765 Employment Authorization', 4),
    ('custody_status', 'detained', 'Detained', 1),
    ('custody_status', 'released', 'Released', 2),
    ('custody_status', 'not_detained', 'Not detained', 3),
    ('custody_status', 'removed', 'Removed', 4),
    ('custody_status', 'unknown', 'Unknown', 5);

-- Case types depend on the category chosen.
INSERT INTO rules.dropdown_dependencies (list_code, code, parent_list, parent_code)
SELECT 'case_type', code, 'case_category',
       CASE WHEN sort_order < 10 THEN 'immigration' ELSE 'non_immigration' END
FROM rules.dropdown_values WHERE list_code = 'case_type';

-- PIA example: only the National Security Law Section writes national-security fields of immigration cases.
INSERT INTO rules.field_policy (table_name, column_name, principal_kind, principal, can_read, can_write) VALUES
    ('legal.cases', 'national_security_flag', 'division', 'NSLS', true, true),
    ('legal.cases', 'national_security_notes', 'division', 'NSLS', true, true),
    ('legal.cases', 'national_security_flag', 'role', 'ocms_legal', true, false),
    ('legal.cases', 'national_security_notes', 'role', 'ocms_legal', true, false),
    ('legal.cases', 'national_security_notes', 'role', 'ocms_readonly_external', false, false),
    ('core.people', 'ssn', 'role', 'ocms_readonly_external', false, false);

-- PIA 2.4: custody status only from EID, A-Number only from EOIR (IRIES).
INSERT INTO rules.authoritative_source (table_name, column_name, system) VALUES
    ('legal.cases', 'custody_status', 'EID'),
    ('legal.cases', 'a_number', 'EOIR'),
    ('core.people', 'a_number', 'EOIR');

-- PIA 5.1 and FCMS 3.2 defaults.
INSERT INTO rules.retention_schedules (record_type, description, years, trigger_event, action) VALUES
    ('immigration_case', 'Immigration-related case: 75 years after the last administrative action', 75, 'last_action', 'destroy'),
    ('litigation_case', 'Non-immigration litigation: 10 years after judgment or exhausted appeals, whichever is later', 10, 'judgment_or_appeals', 'destroy'),
    ('administrative_case', 'Non-immigration administrative case: 10 years after the final order', 10, 'final_order', 'destroy'),
    ('project_informal_advice', 'Informal opinions, advice or analysis: 3 years', 3, 'closure', 'destroy'),
    ('project_potential_claim', 'Potential liability, no claim filed: 3 years', 3, 'closure', 'destroy'),
    ('project_legislation', 'Draft legislation or testimony: 15 years', 15, 'closure', 'destroy'),
    ('project_international_law', 'International law advice: 15 years', 15, 'closure', 'destroy'),
    ('project_regulatory', 'Regulatory actions: 20 years', 20, 'closure', 'destroy'),
    ('project_formal_opinion', 'Formal opinions on significant policy: transfer to NARA after 20 years', 20, 'closure', 'transfer_nara'),
    ('project_reference', 'Reference material: when no longer needed', NULL, 'when_no_longer_needed', 'destroy'),
    ('project_congressional', 'Congressional requests: when no longer needed', NULL, 'when_no_longer_needed', 'destroy'),
    ('fugitive_removed', 'Fugitive arrested and removed: 10 years after removal', 10, 'removal', 'destroy'),
    ('fugitive_criminal_not_removed', 'Criminal fugitive not removed: 75 years from creation', 75, 'creation', 'destroy'),
    ('fugitive_noncriminal_not_removed', 'Non-criminal fugitive not removed: 10 years after age 70', 10, 'age_70', 'destroy'),
    ('fugitive_legal_status', 'Fugitive who obtained legal status: 10 years after', 10, 'legal_status', 'destroy'),
    ('nonfugitive_arrest', 'Non-fugitive arrest: 10 years after arrest', 10, 'arrest', 'destroy'),
    ('field_audit_log', 'Field audit logs: 90 days', 0, 'event', 'destroy');
