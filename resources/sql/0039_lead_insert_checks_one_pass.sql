-- Lead import speed (issue 7, `ocmsctl bench leads`): the checks field.leads_inserted runs after each insert
-- statement (0026, 0030) read the statement's new rows in one pass instead of five.
--
-- The transition table of a million-lead import is ~400 MB and outgrows work_mem, so each read of it is a
-- read of a temporary file. The old function read it once per check (batch id, routing, hand assignment,
-- priority) and once more for the routing history of unbatched leads: 16.4 s of a million-lead insert
-- (track_functions, same minute; the insert itself ~90 s of CPU). The same checks are now one scan with
-- the jurisdiction and the fugitive joined by hash, their answers raised in the same order with the same
-- messages and codes as before; the routing history is written only when some lead has no batch.
-- Behaviour is unchanged: every refusal of 0026/0030 is still refused with the same error.

CREATE OR REPLACE FUNCTION field.leads_inserted() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    batch uuid := audit.current_batch();
    relevance_weight numeric := coalesce((SELECT w.weight FROM rules.lead_priority_weights w WHERE w.factor = 'relevance'), 0);
    found record;
BEGIN
    SELECT coalesce(bool_or(n.import_batch_id IS NOT NULL
                            AND (n.import_batch_id IS DISTINCT FROM batch OR n.assigned_by IS DISTINCT FROM 'routing')), false) AS foreign_batch,
           coalesce(bool_or(n.assigned_by = 'routing' AND n.team_id IS DISTINCT FROM j.team_id), false) AS misrouted,
           coalesce(bool_or(n.assigned_by = 'manual'), false) AS by_hand,
           -- field.lead_score() with the weight read once; leads of an unknown fugitive are the reference check's.
           coalesce(bool_or(f.id IS NOT NULL AND n.priority_score IS DISTINCT FROM
                            round(coalesce(f.threat_score, 0) + coalesce(n.relevance_score, 0) / 100.0 * relevance_weight, 2)), false) AS misscored,
           coalesce(bool_or(n.import_batch_id IS NULL), false) AS unbatched
    INTO found
    FROM new_leads n
    LEFT JOIN field.jurisdictions j ON j.zip = n.address_zip
    LEFT JOIN field.fugitives f ON f.id = n.fugitive_id;
    IF found.foreign_batch THEN
        RAISE EXCEPTION 'A lead carries the batch id of the import that inserts it (ocms.batch_id of its own session) and is routed by the server, or carries none.'
            USING ERRCODE = 'OC422';
    END IF;
    IF found.misrouted THEN
        RAISE EXCEPTION 'A routed lead goes to the team whose jurisdiction covers its ZIP code, or to the headquarters queue.'
            USING ERRCODE = 'OC422';
    END IF;
    IF found.by_hand AND NOT field.may_assign_by_hand() THEN
        RAISE EXCEPTION 'Only headquarters (full field access) assigns a lead to a team by hand.' USING ERRCODE = 'OC403';
    END IF;
    IF found.misscored THEN
        RAISE EXCEPTION 'The priority of a lead is computed by the server (rules.lead_priority_weights); leave it empty.'
            USING ERRCODE = 'OC422';
    END IF;
    IF found.unbatched THEN
        INSERT INTO field.lead_assignments (id, lead_id, from_team_id, to_team_id, assigned_at, assigned_by, reason)
        SELECT gen_random_uuid(), n.id, NULL, n.team_id, coalesce(n.assigned_at, now()),
               CASE WHEN n.assigned_by = 'manual' THEN session_user::text ELSE 'routing' END,
               CASE WHEN n.assigned_by = 'manual'
                    THEN coalesce(nullif(btrim(current_setting('ocms.assignment_reason', true)), ''), 'Assigned by hand when recorded')
                    ELSE field.routing_reason(n.address_zip, n.team_id) END
        FROM new_leads n
        WHERE n.import_batch_id IS NULL;
    END IF;
    RETURN NULL;
END
$$;
