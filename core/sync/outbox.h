#pragma once

#include "encryptedcache.h"

#include <QDateTime>
#include <QJsonObject>
#include <QUuid>

namespace ocms {

// One change made while offline, waiting to be sent. Its id travels with it to the server, which applies
// each id once: a change sent twice (a sync cut after the server applied it) has the effect of once.
struct OutboxChange
{
    QUuid id;
    qint64 sequence = 0;      // the order the user made the changes in; sent in this order
    QString kind;             // e.g. add_activity, set_lead_status, record_arrest, add_time_entry
    QString targetTable;      // e.g. field.leads
    QUuid targetId;
    qint64 baseVersion = 0;   // the record's row_version the user saw (0: a new record)
    QJsonObject payload;      // the changed fields
    QDateTime createdAt;
    int attempts = 0;
    QString lastError;        // why the last attempt failed, for the sync screen
};

// The offline changes in the encrypted cache, in the order they were made. A change stays until the server
// has applied it (or kept it as a conflict for the user): nothing is dropped on the way.
class Outbox
{
public:
    explicit Outbox(EncryptedCache& cache) : m_cache(cache) {}

    // Creates the outbox table when the cache is new.
    Result<void> ensureSchema();
    Result<QUuid> add(const QString& kind, const QString& targetTable, const QUuid& targetId, qint64 baseVersion,
                      const QJsonObject& payload);
    // The oldest changes not yet applied, at most limit.
    // The oldest changes waiting, after the change numbered afterSequence (0: from the first).
    Result<QList<OutboxChange>> pending(int limit = 1000, qint64 afterSequence = 0);
    Result<qint64> size();
    // The server applied it (now or on an earlier attempt): it leaves the outbox.
    Result<void> remove(const QUuid& changeId);
    // The attempt failed (network, server refusal): counted and kept with the reason.
    Result<void> noteFailure(const QUuid& changeId, const QString& reason);

private:
    EncryptedCache& m_cache;
};

} // namespace ocms
