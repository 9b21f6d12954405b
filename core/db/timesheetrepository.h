#pragma once

#include "dropdowncatalog.h"
#include "models/recordtable.h"
#include "result.h"
#include "sqlsession.h"

#include <QDate>
#include <QSqlDatabase>
#include <QVariantMap>

namespace ocms {

// The signed-in user's own time: a week of entries, what they can charge time to (cases they staff,
// projects they work on), logging, correcting and withdrawing an entry. The server keeps the time theirs
// (only its author corrects it) and a day within 24 hours. Blocking: use on a worker thread.
class TimesheetRepository
{
public:
    explicit TimesheetRepository(QSqlDatabase& database) : m_database(database), m_sql(database) {}

    // Entries of the seven days from monday: Date, Hours, On (case or project number), Title, What was done.
    Result<RecordTable> week(const QDate& monday);
    // "case:<id>" / "project:<id>" with a label, most recently charged first.
    Result<QList<DropdownChoice>> chargeTargets();
    // Values: "target" (as chargeTargets() gives), work_date, hours, note.
    Result<void> log(const QVariantMap& values);
    Result<QVariantMap> entry(const QUuid& entryId); // work_date, hours, note, target
    Result<void> correct(const QUuid& entryId, const QVariantMap& values);
    Result<void> withdraw(const QUuid& entryId);

private:
    QSqlDatabase& m_database;
    SqlSession m_sql;
};

} // namespace ocms
