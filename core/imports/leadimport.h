#pragma once

#include "leadimportreport.h"
#include "result.h"

#include <QDate>
#include <QSqlDatabase>
#include <QString>

#include <functional>

class QIODevice;

namespace ocms {

struct LeadImportOptions
{
    QString source;          // lead source code for lines without their own (ocmsctl --source)
    QString fileName;        // recorded in each lead's source detail when the line has none
    bool strict = false;     // any rejected line: load nothing
    bool dryRun = false;     // validate everything (server checks too), load nothing
    QDate today = QDate::currentDate();
    std::function<void(const QString&)> progress;
};

// Batch lead import (issue 7; format in leadcsvparser.h and FORMATS.md). Every line is checked here
// (A-Number, SSN, dates, ZIP…) and then by the server (known source, a fugitive record with that
// A-Number, date of birth and SSN matching it); rejected lines are reported with their line number and
// reason, and never loaded in part. The accepted lines are loaded in ONE transaction: COPY into a
// staging table, then set-based: city/state from the ZIP table, lines repeating an open lead of the same
// fugitive at the same address merged into it (higher relevance kept, the new report noted), new leads
// routed by the server's jurisdiction rules and scored. Runs as the connection's user: its privileges
// and row security apply (read-only officers are refused by the server).
class LeadImport
{
public:
    LeadImport(QSqlDatabase database, LeadImportOptions options);

    Result<LeadImportReport> run(QIODevice* input);

private:
    QSqlDatabase m_database;
    LeadImportOptions m_options;
};

} // namespace ocms
