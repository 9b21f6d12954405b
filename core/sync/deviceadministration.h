#pragma once

#include "models/recordtable.h"
#include "result.h"

#include <QSqlDatabase>
#include <QUuid>

namespace ocms {

// What administrators and field supervisors see of offline copies: the laptops that hold one, a wipe
// ordered at a laptop's next contact, and the offline changes the server kept without applying (conflicts
// and refusals, with the officer and the reason) — reported to them, never only to the officer.
class DeviceAdministration
{
public:
    explicit DeviceAdministration(QSqlDatabase& database) : m_database(database) {}

    // Device, Login, Name, Registered, Last contact, Wipe ordered, Wiped (newest contact first).
    Result<RecordTable> devices();
    // The laptop deletes its copy at its next contact (sync.order_wipe: administrators only).
    Result<void> orderWipe(const QUuid& deviceId);
    // When, Login, Kind, Record, Outcome, Why — changes kept as conflicts or refused, newest first.
    Result<RecordTable> keptChanges(int limit = 500);

private:
    QSqlDatabase& m_database;
};

} // namespace ocms
