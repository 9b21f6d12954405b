-- The foreign keys of field.leads checked once per statement instead of once per row (issue 7, batch lead
-- import speed, `ocmsctl bench leads`).
--
-- A foreign key is checked by a row trigger: for 1,000,000 imported leads that is 4,000,000 separate
-- look-ups of a fugitive, a lead source, a team and a user (≈ 50–80 µs a lead, ≈ 75 s of the import).
-- The four foreign keys of field.leads are replaced by triggers doing the same job per statement:
--
-- Child side (field.leads), AFTER INSERT and AFTER UPDATE, FOR EACH STATEMENT with transition tables:
--   for each of fugitive_id, source_id, team_id and poc_user_id, the distinct keys the statement wrote
--   (on UPDATE only those that changed) are looked up in one join, and the parent rows found are locked
--   FOR KEY SHARE, as the foreign key does, so a concurrent delete of a parent either waits for this
--   transaction (and then sees its leads: refused) or has committed first (and then the lock finds no
--   row: this statement is refused; REPEATABLE READ and SERIALIZABLE get a serialization failure).
--   A key that is missing fails the statement with the foreign key's own error: SQLSTATE 23503, message
--   'insert or update on table "leads" violates foreign key constraint "leads_fugitive_id_fkey"', detail
--   'Key (fugitive_id)=(…) is not present in table "fugitives".' (the same constraint names as before, so
--   the client's messages are unchanged). NULL keys are not checked (MATCH SIMPLE, as before).
--
-- Parent side (field.fugitives, field.lead_sources, field.teams, core.users): NO ACTION, as the foreign
-- keys had it. AFTER DELETE per statement (transition table), AFTER UPDATE OF id per changed row, both
-- checked at the end of the statement: refused while a lead still references a key that no parent row
-- has any more, with the foreign key's error ('update or delete on table "fugitives" violates foreign key
-- constraint "leads_fugitive_id_fkey" on table "leads"', 'Key (id)=(…) is still referenced from table
-- "leads".'). TRUNCATE of a parent is refused while leads reference it. The check runs in READ COMMITTED
-- with a fresh snapshot, after the delete has locked the parent row, so it sees every lead committed by
-- a transaction that held that row locked. Under REPEATABLE READ or SERIALIZABLE its snapshot could miss
-- a lead committed concurrently (the foreign key used a second, fresh snapshot for this; PL/pgSQL has
-- none), so deleting or renumbering a parent row there is refused with a serialization failure: OCMS
-- deletes none of these rows in any transaction (people and records are soft-deleted), so this costs
-- nothing in practice.
--
-- Security stays the server's: the checks run as the owner with row security off (the owner has
-- BYPASSRLS, as for 0015; without it they fail loudly rather than miss rows hidden by a policy), so a
-- caller sees no more and no less than before, and cannot skip them (triggers, not client code).

ALTER TABLE field.leads
    DROP CONSTRAINT leads_fugitive_id_fkey,
    DROP CONSTRAINT leads_source_id_fkey,
    DROP CONSTRAINT leads_team_id_fkey,
    DROP CONSTRAINT leads_poc_user_id_fkey;

-- What the four foreign keys were: column of field.leads, parent table, constraint name.
CREATE FUNCTION field.lead_references()
    RETURNS TABLE (column_name text, parent regclass, parent_name text, constraint_name text)
    LANGUAGE sql IMMUTABLE
    BEGIN ATOMIC
        SELECT * FROM (VALUES ('fugitive_id', 'field.fugitives'::regclass, 'fugitives', 'leads_fugitive_id_fkey'),
                              ('source_id', 'field.lead_sources'::regclass, 'lead_sources', 'leads_source_id_fkey'),
                              ('team_id', 'field.teams'::regclass, 'teams', 'leads_team_id_fkey'),
                              ('poc_user_id', 'core.users'::regclass, 'users', 'leads_poc_user_id_fkey')) v;
    END;

-- Child side: every key a statement wrote exists, and its parent row is locked FOR KEY SHARE.
CREATE FUNCTION field.leads_check_references() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp SET row_security = off AS $$
DECLARE
    ref record;
    wanted bigint;
    locked bigint;
    missing text;
    keys text;
BEGIN
    FOR ref IN SELECT * FROM field.lead_references() LOOP
        -- The distinct keys written (on UPDATE: only those that changed).
        keys := CASE WHEN TG_OP = 'UPDATE'
                     THEN format('SELECT DISTINCT n.%1$I AS key FROM new_leads n JOIN old_leads o ON o.id = n.id '
                                 'WHERE n.%1$I IS NOT NULL AND n.%1$I IS DISTINCT FROM o.%1$I', ref.column_name)
                     ELSE format('SELECT DISTINCT n.%1$I AS key FROM new_leads n WHERE n.%1$I IS NOT NULL', ref.column_name) END;
        EXECUTE format('WITH keys AS MATERIALIZED (%1$s) '
                       'SELECT (SELECT count(*) FROM keys), '
                       '       (SELECT count(*) FROM (SELECT 1 FROM %2$s p WHERE p.id IN (SELECT key FROM keys) FOR KEY SHARE OF p) l)',
                       keys, ref.parent)
            INTO wanted, locked;
        IF locked < wanted THEN
            EXECUTE format('SELECT k.key::text FROM (%1$s) k WHERE NOT EXISTS (SELECT 1 FROM %2$s p WHERE p.id = k.key) '
                           'ORDER BY 1 LIMIT 1', keys, ref.parent)
                INTO missing;
            RAISE EXCEPTION 'insert or update on table "leads" violates foreign key constraint "%"', ref.constraint_name
                USING ERRCODE = 'foreign_key_violation', CONSTRAINT = ref.constraint_name, SCHEMA = 'field', TABLE = 'leads',
                      DETAIL = format('Key (%s)=(%s) is not present in table "%s".%s', ref.column_name, missing, ref.parent_name,
                                      CASE WHEN wanted - locked > 1 THEN format(' %s keys of this statement are missing.', wanted - locked) ELSE '' END);
        END IF;
    END LOOP;
    RETURN NULL;
END
$$;
-- Named to fire before field.leads' other statement triggers (leads_inserted writes history rows that
-- would otherwise meet a missing team first), as the foreign keys' row triggers did.
CREATE TRIGGER lead_references_insert AFTER INSERT ON field.leads REFERENCING NEW TABLE AS new_leads
    FOR EACH STATEMENT EXECUTE FUNCTION field.leads_check_references();
CREATE TRIGGER lead_references_update AFTER UPDATE ON field.leads REFERENCING OLD TABLE AS old_leads NEW TABLE AS new_leads
    FOR EACH STATEMENT EXECUTE FUNCTION field.leads_check_references();

-- Parent side: a key gone (deleted, or its id changed) while leads still reference it is refused.
CREATE FUNCTION field.refuse_referenced_lead_parent(p_parent regclass, p_keys uuid[]) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp SET row_security = off AS $$
DECLARE
    ref record;
    referenced text;
BEGIN
    IF p_keys IS NULL OR cardinality(p_keys) = 0 THEN
        RETURN;
    END IF;
    SELECT * INTO ref FROM field.lead_references() r WHERE r.parent = p_parent;
    IF current_setting('transaction_isolation') <> 'read committed' THEN
        RAISE EXCEPTION 'Deleting or renumbering rows of % is checked against field.leads only in READ COMMITTED transactions.', p_parent
            USING ERRCODE = 'serialization_failure',
                  HINT = 'Leads committed concurrently would not be seen under this isolation level; retry in READ COMMITTED.';
    END IF;
    EXECUTE format('SELECT k.key::text FROM unnest($1) k(key) '
                   'WHERE EXISTS (SELECT 1 FROM field.leads l WHERE l.%1$I = k.key) '
                   '  AND NOT EXISTS (SELECT 1 FROM %2$s p WHERE p.id = k.key) ORDER BY 1 LIMIT 1', ref.column_name, p_parent)
        USING p_keys INTO referenced;
    IF referenced IS NOT NULL THEN
        RAISE EXCEPTION 'update or delete on table "%" violates foreign key constraint "%" on table "leads"',
                        ref.parent_name, ref.constraint_name
            USING ERRCODE = 'foreign_key_violation', CONSTRAINT = ref.constraint_name, SCHEMA = 'field', TABLE = 'leads',
                  DETAIL = format('Key (id)=(%s) is still referenced from table "leads".', referenced);
    END IF;
END
$$;
REVOKE ALL ON FUNCTION field.refuse_referenced_lead_parent FROM PUBLIC;

CREATE FUNCTION field.lead_parent_deleted() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    PERFORM field.refuse_referenced_lead_parent(TG_RELID, (SELECT array_agg(o.id) FROM old_parents o));
    RETURN NULL;
END
$$;
CREATE FUNCTION field.lead_parent_renumbered() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    PERFORM field.refuse_referenced_lead_parent(TG_RELID, ARRAY[OLD.id]);
    RETURN NULL;
END
$$;
CREATE FUNCTION field.lead_parent_truncated() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp SET row_security = off AS $$
DECLARE
    ref record;
    referenced boolean;
BEGIN
    SELECT * INTO ref FROM field.lead_references() r WHERE r.parent = TG_RELID;
    EXECUTE format('SELECT EXISTS (SELECT 1 FROM field.leads l WHERE l.%I IS NOT NULL)', ref.column_name) INTO referenced;
    IF referenced THEN
        RAISE EXCEPTION 'cannot truncate a table referenced in a foreign key constraint'
            USING ERRCODE = 'feature_not_supported', DETAIL = format('Table "leads" references "%s".', ref.parent_name);
    END IF;
    RETURN NULL;
END
$$;

DO $$
DECLARE
    ref record;
BEGIN
    FOR ref IN SELECT * FROM field.lead_references() LOOP
        EXECUTE format('CREATE TRIGGER lead_references_delete AFTER DELETE ON %s REFERENCING OLD TABLE AS old_parents '
                       'FOR EACH STATEMENT EXECUTE FUNCTION field.lead_parent_deleted()', ref.parent);
        EXECUTE format('CREATE TRIGGER lead_references_renumber AFTER UPDATE OF id ON %s '
                       'FOR EACH ROW WHEN (OLD.id IS DISTINCT FROM NEW.id) EXECUTE FUNCTION field.lead_parent_renumbered()', ref.parent);
        EXECUTE format('CREATE TRIGGER lead_references_truncate BEFORE TRUNCATE ON %s '
                       'FOR EACH STATEMENT EXECUTE FUNCTION field.lead_parent_truncated()', ref.parent);
    END LOOP;
END
$$;

-- No new indexes: a parent-side check looks leads up as the foreign keys did (fugitive_id is indexed;
-- deleting a lead source, team or user, which OCMS never does, scans the leads as it did before).

-- The checks field.leads_inserted runs after each insert statement (0026): the priority check reads
-- each fugitive's threat once and hashes it, instead of one index look-up per lead (the planner, not
-- knowing a transition table's size, chose per-row look-ups: ≈ 5 µs a lead). Unchanged otherwise.
CREATE OR REPLACE FUNCTION field.leads_inserted() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    batch uuid := audit.current_batch();
    relevance_weight numeric := coalesce((SELECT w.weight FROM rules.lead_priority_weights w WHERE w.factor = 'relevance'), 0);
BEGIN
    IF EXISTS (SELECT 1 FROM new_leads n WHERE n.import_batch_id IS NOT NULL
               AND (n.import_batch_id IS DISTINCT FROM batch OR n.assigned_by IS DISTINCT FROM 'routing')) THEN
        RAISE EXCEPTION 'A lead carries the batch id of the import that inserts it (ocms.batch_id of its own session) and is routed by the server, or carries none.'
            USING ERRCODE = 'OC422';
    END IF;
    IF EXISTS (SELECT 1 FROM new_leads n LEFT JOIN field.jurisdictions j ON j.zip = n.address_zip
               WHERE n.assigned_by = 'routing' AND n.team_id IS DISTINCT FROM j.team_id) THEN
        RAISE EXCEPTION 'A routed lead goes to the team whose jurisdiction covers its ZIP code, or to the headquarters queue.'
            USING ERRCODE = 'OC422';
    END IF;
    IF EXISTS (SELECT 1 FROM new_leads WHERE assigned_by = 'manual') AND NOT field.may_assign_by_hand() THEN
        RAISE EXCEPTION 'Only headquarters (full field access) assigns a lead to a team by hand.' USING ERRCODE = 'OC403';
    END IF;
    -- field.lead_score() with the weight read once.
    IF EXISTS (WITH threat AS MATERIALIZED (SELECT f.id, f.threat_score
                                            FROM (SELECT DISTINCT n.fugitive_id FROM new_leads n) k
                                            JOIN field.fugitives f ON f.id = k.fugitive_id)
               SELECT 1 FROM new_leads n JOIN threat f ON f.id = n.fugitive_id
               WHERE n.priority_score IS DISTINCT FROM
                     round(coalesce(f.threat_score, 0) + coalesce(n.relevance_score, 0) / 100.0 * relevance_weight, 2)) THEN
        RAISE EXCEPTION 'The priority of a lead is computed by the server (rules.lead_priority_weights); leave it empty.'
            USING ERRCODE = 'OC422';
    END IF;
    INSERT INTO field.lead_assignments (id, lead_id, from_team_id, to_team_id, assigned_at, assigned_by, reason)
    SELECT gen_random_uuid(), n.id, NULL, n.team_id, coalesce(n.assigned_at, now()),
           CASE WHEN n.assigned_by = 'manual' THEN session_user::text ELSE 'routing' END,
           CASE WHEN n.assigned_by = 'manual'
                THEN coalesce(nullif(btrim(current_setting('ocms.assignment_reason', true)), ''), 'Assigned by hand when recorded')
                ELSE field.routing_reason(n.address_zip, n.team_id) END
    FROM new_leads n
    WHERE n.import_batch_id IS NULL;
    RETURN NULL;
END
$$;
