#include "demoworkseeder.h"

#include "database.h"
#include "sqlerrortranslator.h"

#include <QSqlError>
#include <QSqlQuery>

namespace ocms {

namespace {

// Fixed ids, so a second run finds what the first planted and adds nothing.
const char* const kStatements[] = {
    // Her cases: open immigration cases, her office's first; the paralegal supports about half.
    "INSERT INTO legal.case_staff (case_id, user_id, role) "
    "SELECT c.id, u.id, 'attorney' FROM core.users u CROSS JOIN LATERAL ("
    "  SELECT c.id FROM legal.cases c WHERE c.category = 'immigration' AND c.status <> 'closed' "
    "  ORDER BY c.office_id = u.office_id DESC, c.case_number LIMIT 12) c WHERE u.login = 'attorney.demo' ON CONFLICT DO NOTHING",
    "INSERT INTO legal.case_staff (case_id, user_id, role) "
    "SELECT s.case_id, p.id, 'support' FROM legal.case_staff s JOIN core.users a ON a.id = s.user_id AND a.login = 'attorney.demo' "
    "CROSS JOIN core.users p WHERE p.login = 'support.demo' AND get_byte(uuid_send(s.case_id), 15) % 2 = 0 ON CONFLICT DO NOTHING",
    // A hearing on one of her cases later this week, so Home has one to show whatever day the demo starts.
    "INSERT INTO legal.hearings (id, case_id, hearing_type, scheduled_at, location, courtroom, judge_name) "
    "SELECT 'd0000000-0000-4000-8000-000000000101', s.case_id, 'master_calendar', "
    "       (current_date + 2 + time '09:30') AT TIME ZONE 'America/New_York', 'Atlanta Immigration Court', '3', 'Hon. R. Castellano' "
    "FROM legal.case_staff s JOIN core.users u ON u.id = s.user_id AND u.login = 'attorney.demo' ORDER BY s.case_id LIMIT 1 "
    "ON CONFLICT DO NOTHING",
    // Two projects she leads and one of the litigator's division.
    "INSERT INTO legal.projects (id, project_type, title, description, client_office, office_id, division_id, opened_on, created_by) "
    "SELECT v.id::uuid, v.kind, v.title, v.about, v.client, u.office_id, ud.division_id, current_date - v.age, u.id "
    "FROM (VALUES ('d0000000-0000-4000-8000-000000000001', 'attorney.demo', 'congressional_inquiry', "
    "              'Inquiry from Senator Vale on detention conditions', 'Reply on behalf of the agency', 'Office of Congressional Relations', 12), "
    "             ('d0000000-0000-4000-8000-000000000002', 'attorney.demo', 'legal_advice', "
    "              'Advice on parole authority for medical cases', 'Field guidance question', 'ERO Field Operations', 30), "
    "             ('d0000000-0000-4000-8000-000000000003', 'litigator.demo', 'ethics', "
    "              'Outside activity request: teaching appointment', 'Ethics opinion', 'Office of Professional Responsibility', 5)) "
    "     v (id, login, kind, title, about, client, age) "
    "JOIN core.users u ON u.login = v.login "
    "JOIN LATERAL (SELECT division_id FROM core.user_divisions WHERE user_id = u.id ORDER BY division_id LIMIT 1) ud ON true "
    "ON CONFLICT DO NOTHING",
    "INSERT INTO legal.project_assignments (project_id, user_id, role) "
    "SELECT p.id, p.created_by, 'lead' FROM legal.projects p WHERE p.id::text LIKE 'd0000000-%' ON CONFLICT DO NOTHING",
    "INSERT INTO legal.project_assignments (project_id, user_id, role) "
    "SELECT 'd0000000-0000-4000-8000-000000000001', id, 'support' FROM core.users WHERE login = 'support.demo' ON CONFLICT DO NOTHING",
    // Tasks, what others wait for first (a task may only wait for one that exists).
    "INSERT INTO legal.tasks (id, project_id, title, assignee_id, due_on, status) "
    "SELECT v.id::uuid, v.project::uuid, v.title, u.id, current_date + v.due, v.status "
    "FROM (VALUES ('d0000000-0000-4000-8000-000000000011', 'd0000000-0000-4000-8000-000000000001', 'Gather detention statistics', "
    "              'support.demo', 1, 'in_progress'), "
    "             ('d0000000-0000-4000-8000-000000000013', 'd0000000-0000-4000-8000-000000000002', 'Research parole regulations', "
    "              'attorney.demo', 2, 'open'), "
    "             ('d0000000-0000-4000-8000-000000000014', 'd0000000-0000-4000-8000-000000000003', 'Review the appointment letter', "
    "              'litigator.demo', 3, 'open')) v (id, project, title, login, due, status) "
    "JOIN core.users u ON u.login = v.login ON CONFLICT DO NOTHING",
    "INSERT INTO legal.tasks (id, project_id, title, assignee_id, due_on, status, depends_on_id) "
    "SELECT 'd0000000-0000-4000-8000-000000000012', 'd0000000-0000-4000-8000-000000000001', 'Draft the reply letter', u.id, "
    "       current_date + 4, 'open', 'd0000000-0000-4000-8000-000000000011' "
    "FROM core.users u WHERE u.login = 'attorney.demo' ON CONFLICT DO NOTHING",
    // Time she logged this week and last, on her cases and projects.
    "INSERT INTO legal.time_entries (id, user_id, case_id, project_id, work_date, hours, note) "
    "SELECT ('d0000000-0000-4000-8000-' || lpad((200 + n)::text, 12, '0'))::uuid, u.id, pick.case_id, "
    "       CASE WHEN pick.case_id IS NULL THEN 'd0000000-0000-4000-8000-000000000001'::uuid END, "
    "       days.day, (1 + n % 4) * 0.75, (ARRAY['Hearing preparation', 'Research', 'Drafting', 'Client meeting'])[1 + n % 4] "
    "FROM core.users u CROSS JOIN generate_series(0, 9) n "
    "CROSS JOIN LATERAL (SELECT d::date AS day FROM generate_series(current_date - 13, current_date, interval '1 day') d "
    "                    WHERE extract(isodow FROM d) < 6 ORDER BY d OFFSET n LIMIT 1) days "
    "CROSS JOIN LATERAL (SELECT CASE WHEN n % 3 = 0 THEN NULL ELSE "
    "                      (SELECT s.case_id FROM legal.case_staff s WHERE s.user_id = u.id ORDER BY s.case_id LIMIT 1 OFFSET n % 5) "
    "                    END AS case_id) pick "
    "WHERE u.login = 'attorney.demo' ON CONFLICT DO NOTHING",
    // The demo officer's office has an operations plan (team, a target lead, points of contact; all synthetic,
    // 555 numbers) and the officer's submitted report of investigation on the lead with the most activity.
    "INSERT INTO field.operations (id, name, office_id, starts_on, ends_on, scope, plan_summary, created_by) "
    "SELECT 'd0000000-0000-4000-8000-000000000301', 'Operation Early Light', u.office_id, current_date + 7, current_date + 8, "
    "       'Arrest of priority fugitives at their last known addresses in the team''s ZIP codes, 05:00 to 09:00; "
    "no entry without consent or a warrant.', 'Staging at the field office at 04:15; radio channel 3.', u.id "
    "FROM core.users u WHERE u.login = 'officer.demo' ON CONFLICT DO NOTHING",
    "INSERT INTO field.operation_teams (operation_id, team_id) SELECT 'd0000000-0000-4000-8000-000000000301', t.id "
    "FROM field.teams t WHERE t.code = 'FOT-ATL-1' ON CONFLICT DO NOTHING",
    "INSERT INTO field.operation_contacts (id, operation_id, kind, name, agency, phone, notes, position) VALUES "
    "('d0000000-0000-4000-8000-000000000311', 'd0000000-0000-4000-8000-000000000301', 'local_police', 'Lt. Renata Osei', "
    " 'City Police Department, Zone 3', '(404) 555-0142', 'Shift commander', 0), "
    "('d0000000-0000-4000-8000-000000000312', 'd0000000-0000-4000-8000-000000000301', 'emergency_services', 'Dispatch supervisor', "
    " 'City Fire Rescue', '404-555-0143', NULL, 1), "
    "('d0000000-0000-4000-8000-000000000313', 'd0000000-0000-4000-8000-000000000301', 'hospital', 'Emergency department', "
    " 'County Memorial Hospital', '404-555-0144', NULL, 2) ON CONFLICT DO NOTHING",
    "INSERT INTO field.operation_targets (id, operation_id, fugitive_id, lead_id) "
    "SELECT 'd0000000-0000-4000-8000-000000000321', 'd0000000-0000-4000-8000-000000000301', l.fugitive_id, l.id "
    "FROM field.leads l JOIN field.teams t ON t.id = l.team_id AND t.code = 'FOT-ATL-1' "
    "WHERE l.status IN ('new', 'assigned', 'in_progress') ORDER BY l.priority_score DESC NULLS LAST, l.id LIMIT 1 "
    "ON CONFLICT DO NOTHING",
    "INSERT INTO field.investigation_reports (id, fugitive_id, summary, outcome, report_date, author_id, author_name, author_title, "
    "                                         author_office_id, status) "
    "SELECT 'd0000000-0000-4000-8000-000000000331', l.fugitive_id, "
    "       'Address checks and surveillance at the lead address; a neighbour was interviewed.', 'continuing', current_date - 1, "
    "       u.id, u.full_name, u.title, u.office_id, 'submitted' "
    "FROM core.users u, LATERAL (SELECT a.lead_id, a.fugitive_id FROM field.activities a WHERE a.lead_id IS NOT NULL "
    "                            GROUP BY a.lead_id, a.fugitive_id ORDER BY count(*) DESC, a.lead_id LIMIT 1) l "
    "WHERE u.login = 'officer.demo' ON CONFLICT DO NOTHING",
    "INSERT INTO field.investigation_report_leads (report_id, lead_id) "
    "SELECT 'd0000000-0000-4000-8000-000000000331', a.lead_id FROM field.activities a "
    "JOIN field.investigation_reports r ON r.id = 'd0000000-0000-4000-8000-000000000331' AND r.fugitive_id = a.fugitive_id "
    "WHERE a.lead_id IS NOT NULL GROUP BY a.lead_id ORDER BY count(*) DESC, a.lead_id LIMIT 1 ON CONFLICT DO NOTHING",
};

} // namespace

Result<void> DemoWorkSeeder::plant(QSqlDatabase& database)
{
    // Not the bulk seeder's source: the server writes these records' histories as for any user's work.
    if (auto source = Database::setSource(database, QStringLiteral("system:demo")); !source) {
        return fail(source.error());
    }
    QSqlQuery query(database);
    for (const char* statement : kStatements) {
        if (!query.exec(QString::fromUtf8(statement))) {
            return fail(SqlErrorTranslator::translate(query.lastError()));
        }
    }
    return {};
}

} // namespace ocms
