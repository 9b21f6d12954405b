#include "workloadrepository.h"

namespace ocms {

namespace {

const QStringList kCounts = {QStringLiteral("Open cases"), QStringLiteral("Open projects"),
                             QStringLiteral("Hearings (next 30 days)"), QStringLiteral("Hours (last 30 days)")};

QString key(const QUuid& id)
{
    return id.toString(QUuid::WithoutBraces);
}

} // namespace

Result<RecordTable> WorkloadRepository::byPerson(const QUuid& officeId, const QDate& today)
{
    return m_sql.table(QStringLiteral("SELECT user_id, full_name, title, office_name, open_cases, open_projects, hearings_next_30, "
                                      "hours_last_30::float8 FROM legal.workload(?::uuid, ?::date)"),
                       QStringList{QStringLiteral("Name"), QStringLiteral("Title"), QStringLiteral("Office")} + kCounts,
                       {officeId.isNull() ? QVariant() : QVariant(key(officeId)), today}, true);
}

Result<RecordTable> WorkloadRepository::byOffice(const QDate& today)
{
    return m_sql.table(QStringLiteral("SELECT office_id, office_name, staff, open_cases, open_projects, hearings_next_30, "
                                      "hours_last_30::float8 FROM legal.workload_by_office(?::date)"),
                       QStringList{QStringLiteral("Office"), QStringLiteral("Staff")} + kCounts, {today}, true);
}

Result<WorkloadDetail> WorkloadRepository::detail(const QUuid& userId, const QDate& today)
{
    WorkloadDetail detail;
    const QVariantList who = {key(userId)};
    // The same rules as the tallies: open = not closed and not withdrawn; hearing days in UTC. (Most of the
    // time goes to row security checking each of the person's assignments, as it must.)
    auto cases = m_sql.table(
        QStringLiteral("SELECT c.case_id, c.case_number, c.title, c.status, c.office_name, nullif(c.next_hearing_at, 'infinity') "
                       "FROM (SELECT DISTINCT case_id FROM legal.case_staff WHERE user_id = ?) s "
                       "JOIN (SELECT l.*, o.name AS office_name FROM legal.case_list l JOIN core.offices o ON o.id = l.office_id) c "
                       "  ON c.case_id = s.case_id "
                       "WHERE c.status <> 'closed' ORDER BY c.next_hearing_at, c.case_number"),
        {QStringLiteral("Case"), QStringLiteral("Title"), QStringLiteral("Status"), QStringLiteral("Office"), QStringLiteral("Next hearing")},
        who, true);
    if (!cases) {
        return fail(cases.error());
    }
    detail.cases = *cases;
    auto projects = m_sql.table(
        QStringLiteral("SELECT p.id, p.project_number, p.title, p.project_type, p.status, "
                       "  (SELECT count(*) FROM legal.tasks t WHERE t.project_id = p.id AND t.assignee_id = ? "
                       "   AND t.status IN ('open', 'in_progress') AND t.deleted_at IS NULL) "
                       "FROM legal.projects p WHERE p.status <> 'closed' AND p.deleted_at IS NULL "
                       "  AND p.id IN (SELECT project_id FROM legal.project_assignments WHERE user_id = ?) "
                       "ORDER BY p.opened_on DESC"),
        {QStringLiteral("Project"), QStringLiteral("Title"), QStringLiteral("Type"), QStringLiteral("Status"),
         QStringLiteral("Their open tasks")},
        {key(userId), key(userId)}, true);
    if (!projects) {
        return fail(projects.error());
    }
    detail.projects = *projects;
    auto hearings = m_sql.table(
        QStringLiteral("SELECT h.case_id, h.scheduled_at, l.case_number, h.hearing_type, h.location, h.judge_name "
                       "FROM legal.hearings h JOIN legal.case_list l ON l.case_id = h.case_id "
                       "WHERE h.deleted_at IS NULL AND h.case_id IN (SELECT case_id FROM legal.case_staff WHERE user_id = ?) "
                       "  AND h.scheduled_at >= (?::date)::timestamp AT TIME ZONE 'UTC' "
                       "  AND h.scheduled_at < (?::date + 30)::timestamp AT TIME ZONE 'UTC' "
                       "ORDER BY h.scheduled_at"),
        {QStringLiteral("When"), QStringLiteral("Case"), QStringLiteral("Hearing"), QStringLiteral("Where"), QStringLiteral("Judge")},
        {key(userId), today, today}, true);
    if (!hearings) {
        return fail(hearings.error());
    }
    detail.hearings = *hearings;
    auto hours = m_sql.table(
        QStringLiteral("SELECT t.id, t.work_date, t.hours::float8, coalesce(c.case_number, p.project_number), "
                       "  coalesce(c.title, p.title), t.note "
                       "FROM legal.time_entries t LEFT JOIN legal.case_list c ON c.case_id = t.case_id "
                       "LEFT JOIN legal.projects p ON p.id = t.project_id "
                       "WHERE t.user_id = ? AND t.deleted_at IS NULL AND t.work_date > ?::date - 30 AND t.work_date <= ?::date "
                       "ORDER BY t.work_date DESC"),
        {QStringLiteral("Date"), QStringLiteral("Hours"), QStringLiteral("On"), QStringLiteral("Title"), QStringLiteral("What was done")},
        {key(userId), today, today}, true);
    if (!hours) {
        return fail(hours.error());
    }
    detail.hours = *hours;
    return detail;
}

Result<QUuid> WorkloadRepository::myOffice()
{
    auto table = m_sql.table(QStringLiteral("SELECT office_id FROM core.users WHERE login = session_user"), {}, {}, true);
    if (!table) {
        return fail(table.error());
    }
    return table->ids.value(0);
}

} // namespace ocms
