#pragma once

#include "models/recordtable.h"

#include <QUuid>
#include <QVariantMap>

namespace ocms {

// One lead as its screen shows it: the lead's columns with its fugitive, team and source named
// ("fugitive_number", "fugitive_name", "team_code"…), what officers did on it and where it was assigned.
struct LeadRecord
{
    QUuid id;
    QUuid fugitiveId;
    qint64 rowVersion = 0;
    QVariantMap values;
    RecordTable activities; // When, Activity, Officer, Location, Operation, Notes, Corrects (newest first)
    RecordTable history;    // When, From, To, By, Reason (oldest first)
};

// A fugitive record: biography, immigration case history, criminal history and status in one map of
// column -> value, and its lists.
struct FugitiveRecord
{
    QUuid id;
    QUuid personId;
    qint64 rowVersion = 0;
    QVariantMap values;
    RecordTable aliases;     // Family name, Given name, Source
    RecordTable addresses;   // Kind, Address, City, State, ZIP, Source
    RecordTable convictions; // Date, Offence, Jurisdiction
    RecordTable leads;       // Lead, Status, Priority, ZIP, Team, Recorded
    RecordTable arrests;     // Arrested, Place, Office, Criminal
};

} // namespace ocms
