#pragma once

#include <QDateTime>
#include <QString>
#include <QUuid>

namespace ocms {

// A field changed offline and on the server, kept on the server until the user chooses (sync.conflicts).
struct SyncConflict
{
    QUuid id;
    QString record;       // the lead number, or the record's id when the lead is gone
    QString field;        // the column, e.g. status
    QString localValue;   // what the user wrote offline
    QString serverValue;  // what the server had when the change arrived
    QDateTime createdAt;
};

} // namespace ocms
