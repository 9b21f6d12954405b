#pragma once

#include "models/recordtable.h"
#include "result.h"
#include "sqlsession.h"

#include <QDate>
#include <QSqlDatabase>

namespace ocms {

// "My work": what the signed-in user has on their plate across cases and projects.
struct MyWork
{
    RecordTable tasks;     // open tasks assigned to them (ids: project ids)
    RecordTable hearings;  // on their cases, today and the next 13 days (ids: case ids)
    RecordTable deadlines; // open, overdue or due within 7 days, on their cases (ids: case ids)
};

// Reads the user's own work as themselves (row security applies). Blocking: use on a worker thread.
class MyWorkRepository
{
public:
    explicit MyWorkRepository(QSqlDatabase& database) : m_sql(database) {}

    Result<MyWork> load(const QDate& today = QDate::currentDate());

private:
    SqlSession m_sql;
};

} // namespace ocms
