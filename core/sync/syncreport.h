#pragma once

#include <QDateTime>
#include <QString>

namespace ocms {

// What one sync did, for the sync screen, the log and the benchmark.
struct SyncReport
{
    int sent = 0;           // outbox changes the server answered
    int applied = 0;
    int conflicts = 0;      // kept on the server for the user to resolve
    int rejected = 0;       // kept on the server and reported (lost access, a rule refused it)
    qint64 activities = 0;  // rows the pull wrote or removed
    qint64 fugitives = 0;
    qint64 leads = 0;
    qint64 photographs = 0; // of the fugitive records brought
    qint64 cases = 0;       // pinned cases
    qint64 documents = 0;   // their documents
    qint64 removed = 0;     // leads, fugitive records, cases and documents the user may keep no longer
    bool wipeOrdered = false;
    QDateTime finishedAt;
};

// Where a sync is, for a progress bar: phase in words, rows done so far.
struct SyncProgress
{
    QString phase;
    qint64 done = 0;
};

} // namespace ocms
