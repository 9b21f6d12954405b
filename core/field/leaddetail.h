#pragma once

#include "models/recordtable.h"

#include <QUuid>
#include <QVariantMap>

namespace ocms {

// One lead as its screen shows it: the lead's columns with its fugitive, team and source named
// ("fugitive_number", "fugitive_name", "team_code"…), what officers did on it and where it was assigned.
struct LeadDetail
{
    QUuid id;
    QUuid fugitiveId;
    qint64 rowVersion = 0;
    QVariantMap values;
    RecordTable activities; // When, Activity, Officer, Location, Operation, Notes, Corrects (newest first)
    RecordTable history;    // When, From, To, By, Reason (oldest first)
};

} // namespace ocms
