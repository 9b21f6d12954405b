#include "myworkrepository.h"

namespace ocms {

Result<MyWork> MyWorkRepository::load(const QDate& today)
{
    MyWork work;
    auto tasks = m_sql.table(
        QStringLiteral("SELECT t.project_id, t.due_on, t.title, p.project_number, p.title, t.status, b.title "
                       "FROM legal.tasks t JOIN legal.projects p ON p.id = t.project_id "
                       "LEFT JOIN legal.tasks b ON b.id = t.depends_on_id AND b.status NOT IN ('done', 'cancelled') "
                       "WHERE t.assignee_id = core.session_user_id() AND t.status IN ('open', 'in_progress') "
                       "  AND t.deleted_at IS NULL AND p.deleted_at IS NULL "
                       "ORDER BY t.due_on NULLS LAST, t.created_at"),
        {QStringLiteral("Due"), QStringLiteral("Task"), QStringLiteral("Project"), QStringLiteral("Project title"),
         QStringLiteral("Status"), QStringLiteral("Waiting for")},
        {}, true);
    if (!tasks) {
        return fail(tasks.error());
    }
    work.tasks = *tasks;
    auto hearings = m_sql.table(
        QStringLiteral("SELECT h.case_id, h.scheduled_at, l.case_number, l.party_name, h.hearing_type, h.location, h.courtroom "
                       "FROM legal.hearings h JOIN legal.case_list l ON l.case_id = h.case_id "
                       "WHERE h.deleted_at IS NULL AND h.outcome IS NULL "
                       "  AND h.case_id IN (SELECT case_id FROM legal.case_staff WHERE user_id = core.session_user_id()) "
                       "  AND h.scheduled_at >= ?::date AND h.scheduled_at < ?::date + 14 "
                       "ORDER BY h.scheduled_at"),
        {QStringLiteral("When"), QStringLiteral("Case"), QStringLiteral("Party"), QStringLiteral("Hearing"),
         QStringLiteral("Where"), QStringLiteral("Courtroom")},
        {today, today}, true);
    if (!hearings) {
        return fail(hearings.error());
    }
    work.hearings = *hearings;
    auto deadlines = m_sql.table(
        QStringLiteral("SELECT d.case_id, d.due_on, l.case_number, d.title, d.kind, d.due_on < ?::date "
                       "FROM legal.deadlines d JOIN legal.case_list l ON l.case_id = d.case_id "
                       "WHERE d.completed_at IS NULL AND d.deleted_at IS NULL "
                       "  AND d.case_id IN (SELECT case_id FROM legal.case_staff WHERE user_id = core.session_user_id()) "
                       "  AND d.due_on < ?::date + 7 "
                       "ORDER BY d.due_on"),
        {QStringLiteral("Due"), QStringLiteral("Case"), QStringLiteral("Deadline"), QStringLiteral("Kind"), QStringLiteral("Overdue")},
        {today, today}, true);
    if (!deadlines) {
        return fail(deadlines.error());
    }
    work.deadlines = *deadlines;
    return work;
}

} // namespace ocms
