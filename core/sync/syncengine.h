#pragma once

#include "fieldcache.h"
#include "syncreport.h"

#include <QHash>
#include <QJsonObject>
#include <QSqlDatabase>

#include <functional>

namespace ocms {

// One sync of a field officer's offline copy with the server, as the user (row security decides what may be
// cached): check in the device (an ordered wipe is reported, not done here), push the outbox in the order the
// changes were made, then pull what changed since the cursor. Safe to cut at any instant: the server applies
// each change id once, the outbox forgets a change only after the server has answered it, and the cursor
// moves only with the pull's last rows.
class SyncEngine
{
public:
    static constexpr int kChangesPerPush = 500;

    SyncEngine(QSqlDatabase& server, FieldCache& cache) : m_server(server), m_cache(cache) {}

    void onProgress(std::function<void(const SyncProgress&)> progress) { m_progress = std::move(progress); }

    // The whole sync; deviceId names this laptop's cache to the server (sync.devices).
    Result<SyncReport> run(const QUuid& deviceId, const QString& deviceName);
    // Sends the outbox; the answers are counted into report.
    Result<void> push(SyncReport& report);
    // Brings what changed since the cursor (everything, the first time).
    Result<void> pull(SyncReport& report);

private:
    void progress(const QString& phase, qint64 done) const;
    // Saves the server's answers to one batch: the outbox forgets what was applied, keeps conflicts and refusals.
    Result<void> settle(const QList<OutboxChange>& batch, const QHash<QString, QJsonObject>& answers, SyncReport& report);

    QSqlDatabase& m_server;
    FieldCache& m_cache;
    std::function<void(const SyncProgress&)> m_progress;
};

} // namespace ocms
