#pragma once

#include "eidimportreport.h"
#include "result.h"

#include <QDate>
#include <QSqlDatabase>
#include <QString>

#include <functional>

class QIODevice;

namespace ocms {

struct EidImportOptions
{
    QString fileName;      // recorded with the file's SHA-256 (imports.imported_files)
    bool dryRun = false;   // do everything, then roll back
    QDate today = QDate::currentDate();
    std::function<void(const QString&)> progress;
};

// EID daily extract import (issue 9; format in FORMATS.md, checks in EidExtractParser). Every line is
// checked here; rejected lines are reported with their line number and reason and never loaded in part.
// The good lines go with COPY into a staging table, then the server merges them in the same transaction
// (imports.merge_eid, migration 0041) under the authoritative-source rules, audited as system:EID. A file
// whose bytes were imported before is refused with the date and who imported it; any server error rolls
// the whole file back. Runs as the connection's user, who must hold the import role.
class EidImport
{
public:
    EidImport(QSqlDatabase database, EidImportOptions options);

    Result<EidImportReport> run(QIODevice* input);

private:
    QSqlDatabase m_database;
    EidImportOptions m_options;
};

} // namespace ocms
