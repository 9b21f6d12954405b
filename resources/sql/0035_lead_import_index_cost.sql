-- Batch lead import speed (issue 7, `ocmsctl bench leads`): fewer index entries for every imported lead,
-- the lead board's answers unchanged (`ocmsctl bench lead-board`); record numbers made without a
-- function call per row.
--
-- Most of an import's time on the server is writing index entries: field.leads has eleven indexes, and
-- every new lead goes into each of them. Two of the board's indexes lead with the status:
--   leads_board_status_idx       (status, priority …)           headquarters, one status by priority
--   leads_board_team_status_idx  (team_id, status, priority …)  a team, one status by priority
-- They were made for the capped status counts (0029), which now come from the summaries (0031), and for a
-- board of ONE status sorted by priority. For the status most leads have, 'assigned' (every lead routed
-- to a team starts so, and it is what an import writes for 97 % of its lines), the priority indexes
-- (leads_board_priority_idx, leads_board_team_idx: status is in their INCLUDE) find a page of such leads
-- at once, reading little more than the page. The indexes by status are needed only to find the rarer
-- statuses (new, in progress, closed, invalid) without walking past every assigned lead, so they now hold
-- only those: an import writes into them only its new leads for the headquarters queue (status 'new').
-- A board of one status other than 'assigned' reads them as before (its condition implies the indexes'
-- predicate: the status is bound, and each board query is planned with its value).

SET LOCAL maintenance_work_mem = '256MB';

DROP INDEX field.leads_board_status_idx;
CREATE INDEX leads_board_status_idx ON field.leads (status, priority_score DESC NULLS LAST, id DESC)
    INCLUDE (team_id, created_at, address_zip, source_id) WHERE deleted_at IS NULL AND status <> 'assigned';

DROP INDEX field.leads_board_team_status_idx;
CREATE INDEX leads_board_team_status_idx ON field.leads (team_id, status, priority_score DESC NULLS LAST, id DESC)
    INCLUDE (created_at, address_zip, source_id) WHERE deleted_at IS NULL AND status <> 'assigned';

ANALYZE field.leads;

-- core.human_number (0001) was declared IMMUTABLE, but its to_char is only STABLE, so the planner never
-- put its expression in place: each number was a call through the SQL function executor (~10 µs: the
-- lead import's 1,000,000 numbers took 11.7 s; drawn first and formatted inlined, 3.6 s). STABLE is what
-- it is (it is used only in column defaults, where that is enough) and lets it be inlined where its number
-- is not itself volatile (a default's nextval() argument still is: the body uses it three times). Same
-- text for every number as before.
ALTER FUNCTION core.human_number(text, timestamptz, bigint) STABLE;
