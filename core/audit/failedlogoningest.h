#pragma once

#include "result.h"

#include <QSqlDatabase>
#include <QString>
#include <QStringList>

namespace ocms {

struct LogonIngestReport
{
    int filesRead = 0;
    int failuresFound = 0;
    int failuresRecorded = 0; // new ones (a log read twice records nothing twice)
    QStringList lockedAccounts;
};

// Reads authentication failures from PostgreSQL CSV logs (a file or a folder of *.csv), records them in
// the audit trail and applies the lockout rule.
class FailedLogonIngest
{
public:
    explicit FailedLogonIngest(QSqlDatabase database) : m_database(std::move(database)) {}

    Result<LogonIngestReport> ingest(const QString& path);

private:
    Result<void> ingestFile(const QString& file, LogonIngestReport* report);
    QSqlDatabase m_database;
};

} // namespace ocms
