#pragma once

#include <QDateTime>
#include <QString>

namespace ocms {

// An activity logged offline against a cached lead (surveillance, address check, interview, note…).
struct OfflineActivity
{
    QString type;          // field.activities.activity_type, never 'arrest' (see OfflineArrest)
    QDateTime occurredAt;
    QString location;
    QString notes;
};

// An arrest recorded offline: on sync the server records it, sets the fugitive in custody and closes the lead.
struct OfflineArrest
{
    QDateTime arrestedAt;
    QString place;
    bool criminal = false;
    QString notes;
};

} // namespace ocms
