#include "timesheetrepository.h"

#include "sqlerrortranslator.h"

#include <QSqlError>
#include <QSqlQuery>

namespace ocms {

namespace {

QString key(const QUuid& id)
{
    return id.toString(QUuid::WithoutBraces);
}

// "case:<uuid>" or "project:<uuid>" → the column and the id; anything else is refused.
Result<std::pair<QString, QString>> parseTarget(const QString& target)
{
    const QString kind = target.section(u':', 0, 0);
    const QUuid id = QUuid::fromString(target.section(u':', 1));
    if ((kind != u"case" && kind != u"project") || id.isNull()) {
        return fail(Error::validation(QStringLiteral("Choose the case or project the time was spent on.")));
    }
    return std::pair{kind == u"case" ? QStringLiteral("case_id") : QStringLiteral("project_id"), key(id)};
}

} // namespace

Result<RecordTable> TimesheetRepository::week(const QDate& monday)
{
    return m_sql.table(
        QStringLiteral("SELECT t.id, t.work_date, t.hours::float8, coalesce(c.case_number, p.project_number), "
                       "  coalesce(c.title, p.title), t.note, "
                       "  CASE WHEN t.case_id IS NOT NULL THEN 'case:' || t.case_id ELSE 'project:' || t.project_id END "
                       "FROM legal.time_entries t LEFT JOIN legal.case_list c ON c.case_id = t.case_id "
                       "LEFT JOIN legal.projects p ON p.id = t.project_id "
                       "WHERE t.user_id = core.session_user_id() AND t.deleted_at IS NULL "
                       "  AND t.work_date >= ?::date AND t.work_date < ?::date + 7 "
                       "ORDER BY t.work_date, t.created_at"),
        {QStringLiteral("Date"), QStringLiteral("Hours"), QStringLiteral("On"), QStringLiteral("Title"),
         QStringLiteral("What was done"), QStringLiteral("Target")},
        {monday, monday}, true);
}

Result<QList<DropdownChoice>> TimesheetRepository::chargeTargets()
{
    QSqlQuery query(m_database);
    query.setForwardOnly(true);
    // Open work first by when time was last charged to it, then the rest by number; closed work too, for late entries.
    if (!query.exec(QStringLiteral(
            "WITH mine AS ("
            "  SELECT 'case:' || l.case_id AS target, l.case_number || ' — ' || l.title AS label, l.status <> 'closed' AS open, "
            "         (SELECT max(t.work_date) FROM legal.time_entries t WHERE t.case_id = l.case_id "
            "          AND t.user_id = core.session_user_id()) AS last_charged "
            "  FROM legal.case_list l WHERE l.case_id IN (SELECT case_id FROM legal.case_staff WHERE user_id = core.session_user_id()) "
            "  UNION ALL "
            "  SELECT 'project:' || p.id, p.project_number || ' — ' || p.title, p.status <> 'closed', "
            "         (SELECT max(t.work_date) FROM legal.time_entries t WHERE t.project_id = p.id "
            "          AND t.user_id = core.session_user_id()) "
            "  FROM legal.projects p WHERE p.deleted_at IS NULL AND p.id IN "
            "       (SELECT project_id FROM legal.project_assignments WHERE user_id = core.session_user_id())) "
            "SELECT target, label FROM mine ORDER BY open DESC, last_charged DESC NULLS LAST, label LIMIT 2000"))) {
        return fail(SqlErrorTranslator::translate(query.lastError()));
    }
    QList<DropdownChoice> targets;
    while (query.next()) {
        targets.append({query.value(0).toString(), query.value(1).toString()});
    }
    return targets;
}

Result<void> TimesheetRepository::log(const QVariantMap& values)
{
    auto target = parseTarget(values.value(QStringLiteral("target")).toString());
    if (!target) {
        return fail(target.error());
    }
    const QVariant note = values.value(QStringLiteral("note")).toString().isEmpty() ? QVariant() : values.value(QStringLiteral("note"));
    return m_sql.exec(QStringLiteral("INSERT INTO legal.time_entries (id, user_id, %1, work_date, hours, note) "
                                     "VALUES (?, core.session_user_id(), ?, ?, ?::numeric, ?)")
                          .arg(target->first),
                      {key(QUuid::createUuid()), target->second, values.value(QStringLiteral("work_date")),
                       values.value(QStringLiteral("hours")), note});
}

Result<QVariantMap> TimesheetRepository::entry(const QUuid& entryId)
{
    QSqlQuery query(m_database);
    query.prepare(QStringLiteral("SELECT work_date, hours::float8, note, "
                                 "  CASE WHEN case_id IS NOT NULL THEN 'case:' || case_id ELSE 'project:' || project_id END "
                                 "FROM legal.time_entries WHERE id = ? AND deleted_at IS NULL AND user_id = core.session_user_id()"));
    query.addBindValue(key(entryId));
    if (!query.exec()) {
        return fail(SqlErrorTranslator::translate(query.lastError()));
    }
    if (!query.next()) {
        return fail(Error{ErrorCode::NotFound, QStringLiteral("That entry is not one of yours, or it was withdrawn."), {}});
    }
    return QVariantMap{{QStringLiteral("work_date"), query.value(0)},
                       {QStringLiteral("hours"), query.value(1)},
                       {QStringLiteral("note"), query.value(2)},
                       {QStringLiteral("target"), query.value(3)}};
}

Result<void> TimesheetRepository::correct(const QUuid& entryId, const QVariantMap& values)
{
    auto target = parseTarget(values.value(QStringLiteral("target")).toString());
    if (!target) {
        return fail(target.error());
    }
    const bool onCase = target->first == u"case_id";
    const QVariant note = values.value(QStringLiteral("note")).toString().isEmpty() ? QVariant() : values.value(QStringLiteral("note"));
    QSqlQuery query(m_database);
    query.prepare(QStringLiteral("UPDATE legal.time_entries SET case_id = ?::uuid, project_id = ?::uuid, work_date = ?, "
                                 "hours = ?::numeric, note = ? WHERE id = ? AND deleted_at IS NULL RETURNING id"));
    query.addBindValue(onCase ? QVariant(target->second) : QVariant());
    query.addBindValue(onCase ? QVariant() : QVariant(target->second));
    query.addBindValue(values.value(QStringLiteral("work_date")));
    query.addBindValue(values.value(QStringLiteral("hours")));
    query.addBindValue(note);
    query.addBindValue(key(entryId));
    if (!query.exec()) {
        return fail(SqlErrorTranslator::translate(query.lastError()));
    }
    if (!query.next()) {
        return fail(Error{ErrorCode::NotFound, QStringLiteral("That entry was withdrawn meanwhile."), {}});
    }
    return {};
}

Result<void> TimesheetRepository::withdraw(const QUuid& entryId)
{
    QSqlQuery query(m_database);
    query.prepare(QStringLiteral("UPDATE legal.time_entries SET deleted_at = now() WHERE id = ? AND deleted_at IS NULL RETURNING id"));
    query.addBindValue(key(entryId));
    if (!query.exec()) {
        return fail(SqlErrorTranslator::translate(query.lastError()));
    }
    if (!query.next()) {
        return fail(Error{ErrorCode::NotFound, QStringLiteral("That entry was already withdrawn."), {}});
    }
    return {};
}

} // namespace ocms
