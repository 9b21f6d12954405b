#pragma once

#include "importrejection.h"

#include <QList>
#include <QStringList>

namespace ocms {

// What a lead import did. Every line of the file is accounted for:
// linesRead = rejected + loaded + mergedIntoExisting + mergedInFile (blank lines are not counted).
struct LeadImportReport
{
    qint64 linesRead = 0;          // data lines (after the header)
    qint64 loaded = 0;             // new leads
    qint64 mergedIntoExisting = 0; // lines that matched an open lead (same fugitive and address)
    qint64 mergedInFile = 0;       // lines repeating an earlier line of the file (same fugitive and address)
    qint64 headquartersQueue = 0;  // new leads no team's jurisdiction covers
    qint64 zipUnknown = 0;         // accepted lines whose ZIP the ZIP table does not know (city/state kept as given)
    QList<ImportRejection> rejected; // by line number
    QStringList ignoredColumns;
    bool committed = false;        // false: a dry run, or --strict with rejected lines: nothing loaded
    // Phases, for the benchmark: reading, validating and sending to staging; resolving; merging.
    double readMs = 0, resolveMs = 0, mergeMs = 0;
};

} // namespace ocms
