#pragma once

#include "models/recordtable.h"

#include <QUuid>
#include <QVariantMap>

namespace ocms {

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
    RecordTable photographs; // Taken, Caption, Added, Content (the stored picture's id), newest first
};

} // namespace ocms
