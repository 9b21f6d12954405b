#pragma once

#include "calendarentry.h"
#include "result.h"

#include <QSqlDatabase>

namespace ocms {

// Reads the calendar (legal.calendar_entries, migration 0019) as the signed-in user. Blocking: worker thread.
class CalendarRepository
{
public:
    explicit CalendarRepository(QSqlDatabase& database) : m_database(database) {}

    Result<QList<CalendarEntry>> entries(const QDate& from, const QDate& to, const CalendarScope& scope);

private:
    QSqlDatabase& m_database;
};

} // namespace ocms
