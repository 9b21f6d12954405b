#pragma once

#include "models/recordtable.h"
#include "result.h"
#include "sqlsession.h"

#include <QDate>
#include <QSqlDatabase>

namespace ocms {

// One person's workload opened up: the open cases and projects behind their numbers, hearings ahead,
// hours logged. Each list holds only what the signed-in user may see, like the numbers.
struct WorkloadDetail
{
    RecordTable cases;
    RecordTable projects;
    RecordTable hearings;
    RecordTable hours;
};

// The workload view's numbers, read through the server's legal.workload functions (migration 0022):
// kept as tallies, split by who may see the records behind them, so a manager gets them at once and
// never counts what she may not see. Blocking: use on a worker thread (WorkloadService).
class WorkloadRepository
{
public:
    explicit WorkloadRepository(QSqlDatabase& database) : m_sql(database) {}

    // Per person of one office (or every office when officeId is null): Name, Title, Office, Open cases,
    // Open projects, Hearings (next 30 days), Hours (last 30 days); ids are user ids.
    Result<RecordTable> byPerson(const QUuid& officeId, const QDate& today = QDate::currentDate());
    // Per office: Office, Staff, and the same sums; ids are office ids.
    Result<RecordTable> byOffice(const QDate& today = QDate::currentDate());
    Result<WorkloadDetail> detail(const QUuid& userId, const QDate& today = QDate::currentDate());
    // The signed-in user's own office (the view opens on it).
    Result<QUuid> myOffice();

private:
    SqlSession m_sql;
};

} // namespace ocms
