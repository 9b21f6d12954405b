#pragma once

#include "casereach.h"
#include "models/caserecord.h"
#include "result.h"
#include "sqlsession.h"

namespace ocms {

// Reads everything the case record's tabs show in one visit, as the signed-in user: the summary through the
// audited reader (legal.read_case: the view is logged, masked columns come back NULL), then each child
// list under row security, all in one snapshot. External users get the summary, people's names and hearings only.
class CaseRecordReader
{
public:
    CaseRecordReader(QSqlDatabase& database, CaseReach reach) : m_database(database), m_sql(database), m_reach(reach) {}

    Result<CaseRecord> read(const QUuid& caseId);

private:
    Result<CaseRecord> readStatements(const QUuid& caseId);

    QSqlDatabase& m_database;
    SqlSession m_sql;
    CaseReach m_reach;
};

} // namespace ocms
