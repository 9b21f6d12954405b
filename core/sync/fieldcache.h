#pragma once

#include "cachedphotograph.h"
#include "encryptedcache.h"
#include "field/leaddetail.h"
#include "models/recordtable.h"
#include "offlinechanges.h"
#include "outbox.h"

#include <QDateTime>
#include <QJsonObject>

namespace ocms {

// What the laptop holds, for the sync screen.
struct OfflineStatus
{
    qint64 leads = 0;
    qint64 fugitives = 0;
    qint64 activities = 0;
    qint64 cases = 0;      // an attorney's pinned cases
    qint64 documents = 0;
    qint64 waiting = 0;    // changes in the outbox
    qint64 problems = 0;   // changes the server kept without applying (conflicts, refusals)
    QDateTime lastSynced;  // invalid: never synced
};

// A change the server did not apply as it was: a conflict kept for the user to resolve, or a refusal (lost
// access, a rule). Kept on the laptop, named on the sync screen, and kept on the server with its payload.
struct SyncProblem
{
    QUuid changeId;
    QString kind;
    QString record;        // the lead number (or the target's id when the lead is no longer cached)
    QString outcome;       // conflict | rejected
    QString message;
    QDateTime reportedAt;
};

// A field officer's offline copy: the team's open leads with their fugitive records and activities, read by
// the offline screens and changed offline. Each change is applied to the copy and queued in the outbox in
// one local transaction, so the two never disagree, even when the laptop dies between them.
class FieldCache
{
public:
    FieldCache(EncryptedCache& cache, Outbox& outbox) : m_cache(cache), m_outbox(outbox) {}

    // Creates the tables when the cache is new (the outbox's too).
    Result<void> ensureSchema();

    // Lead, Fugitive, Status, Priority, ZIP, City, Team, Waiting (changes not yet sent), highest priority first.
    Result<RecordTable> leadList();
    // One lead as the lead screen shows it (its values carry the same keys as online).
    Result<LeadDetail> lead(const QUuid& leadId);
    // A fugitive record's values, with "aliases", "addresses", "convictions" and "arrests" as arrays.
    Result<QJsonObject> fugitive(const QUuid& fugitiveId);
    // Its photographs, newest first, each scaled to fit within longestSide pixels.
    Result<QList<CachedPhotograph>> photographs(const QUuid& fugitiveId, int longestSide = 240);
    Result<OfflineStatus> status();
    Result<QList<SyncProblem>> problems();

    // Offline changes (checked here as the server will check them; the server checks again).
    Result<QUuid> addActivity(const QUuid& leadId, const OfflineActivity& activity);
    Result<QUuid> setLeadStatus(const QUuid& leadId, const QString& status, const QString& closeReason);
    Result<QUuid> recordArrest(const QUuid& leadId, const OfflineArrest& arrest);

    // The name offline activities are logged under until the server's copy arrives.
    Result<void> setOfficerName(const QString& name);

    // Sync bookkeeping.
    Result<QString> state(const QString& key);
    Result<void> setState(const QString& key, const QString& value);
    // The server answered a pushed change: it leaves the outbox; a conflict or a refusal is kept as a problem,
    // and the record it aimed at is fetched afresh by the next pull. Call inside a transaction of the cache (a
    // whole pushed batch settles at once).
    Result<void> settle(const OutboxChange& change, const QString& outcome, const QString& message);

    EncryptedCache& cache() { return m_cache; }
    Outbox& outbox() { return m_outbox; }

private:
    Result<QJsonObject> leadValues(const QUuid& leadId);
    Result<void> writeLeadValues(const QUuid& leadId, const QJsonObject& values);

    EncryptedCache& m_cache;
    Outbox& m_outbox;
};

} // namespace ocms
