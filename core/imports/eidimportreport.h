#pragma once

#include "importrejection.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace ocms {

// What an EID extract import did (EidImport::run).
struct EidImportReport
{
    QString sha256;              // of the whole file, recorded so it is imported once
    qint64 linesRead = 0;        // data lines, the header and blank lines not counted
    qint64 staged = 0;           // lines that passed the checks and were merged
    QList<ImportRejection> rejected;
    QStringList ignoredColumns;
    qint64 matched = 0;          // subjects matched to a person OCMS knows
    qint64 unmatched = 0;        // subjects whose A-Number OCMS does not know (kept for create-from-import)
    qint64 casesChanged = 0;     // open immigration cases whose custody status changed
    qint64 aliasesAdded = 0;     // new names kept as aliases
    qint64 peopleFilled = 0;     // people given a value OCMS did not hold (date of birth, nationality, sex)
    qint64 conflicts = 0;        // values offered and not taken, logged in imports.source_conflicts
    bool committed = false;      // false: a dry run, nothing kept
    double readMs = 0;           // read, check and COPY to staging
    double mergeMs = 0;          // the server's merge
};

} // namespace ocms
