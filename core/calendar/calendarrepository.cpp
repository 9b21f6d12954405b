#include "calendarrepository.h"

#include "db/sqlerrortranslator.h"

#include <QSqlError>
#include <QSqlQuery>

namespace ocms {

QString CalendarScope::code() const
{
    switch (kind) {
    case Kind::Mine: return QStringLiteral("mine");
    case Kind::Attorney: return QStringLiteral("attorney");
    case Kind::Office: return QStringLiteral("office");
    case Kind::Court: return QStringLiteral("court");
    }
    return {};
}

Result<QList<CalendarEntry>> CalendarRepository::entries(const QDate& from, const QDate& to, const CalendarScope& scope)
{
    if (scope.kind != CalendarScope::Kind::Mine && scope.value.isEmpty()) {
        return fail(Error::validation(QStringLiteral("Choose whose calendar to show.")));
    }
    QSqlQuery query(m_database);
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT kind, entry_id, case_id, case_number, party, starts_at, ends_at, all_day, entry_type, title, "
                                 "location, judge, computation, staff, conflict FROM legal.calendar_entries(?, ?, ?, ?)"));
    query.addBindValue(from);
    query.addBindValue(to);
    query.addBindValue(scope.code());
    query.addBindValue(scope.value.isEmpty() ? QVariant() : QVariant(scope.value));
    if (!query.exec()) {
        return fail(SqlErrorTranslator::translate(query.lastError()));
    }
    QList<CalendarEntry> entries;
    while (query.next()) {
        CalendarEntry entry;
        entry.kind = query.value(0).toString() == u"deadline" ? CalendarEntry::Kind::Deadline : CalendarEntry::Kind::Hearing;
        entry.id = QUuid::fromString(query.value(1).toString());
        entry.caseId = QUuid::fromString(query.value(2).toString());
        entry.caseNumber = query.value(3).toString();
        entry.party = query.value(4).toString();
        entry.allDay = query.value(7).toBool();
        if (entry.allDay) {
            // A due date is a date, not a moment: kept on its day whatever the time zone.
            entry.start = QDateTime(query.value(5).toDateTime().date(), QTime(0, 0));
            entry.end = entry.start.addDays(1);
        } else {
            entry.start = query.value(5).toDateTime();
            entry.end = query.value(6).toDateTime();
        }
        entry.type = query.value(8).toString();
        entry.title = query.value(9).toString();
        entry.location = query.value(10).toString();
        entry.judge = query.value(11).toString();
        entry.computation = query.value(12).toString();
        entry.staff = query.value(13).toString();
        entry.conflict = query.value(14).toString();
        entries.append(entry);
    }
    return entries;
}

} // namespace ocms
