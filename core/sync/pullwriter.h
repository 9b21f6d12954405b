#pragma once

#include "cacheupsert.h"
#include "db/pgrow.h"
#include "encryptedcache.h"

#include <QElapsedTimer>
#include <QSet>
#include <QSqlQuery>

#include <optional>

namespace ocms {

// Writes what a pull brings into the offline copy in local transactions of at most a quarter of a second: the
// copy is in WAL mode, so readers (the lead list, a lead screen) never wait for the pull, and an offline
// change the user saves meanwhile waits at most that long for the write lock. Fewer, larger transactions
// matter: each commit writes (and encrypts) again every index page the transaction touched — a thousand rows
// per transaction made a 100,000-row pull three times slower. A pull cut off leaves whole transactions behind. The cursor moves only in finish(), with the last rows, so a cut pull starts again
// from the old cursor and the rows it brings twice are upserted, not doubled.
class PullWriter
{
public:
    static constexpr int kMostRowsPerTransaction = 20'000;
    static constexpr qint64 kLongestTransactionMs = 250;

    explicit PullWriter(EncryptedCache& cache) : m_cache(cache) {}

    // Prepares the statements and opens the first transaction.
    Result<void> begin();
    // Rows of sync.pull_activities, pull_fugitives and pull_leads, columns in their order.
    Result<void> activity(const PgRow& row);
    Result<void> fugitive(const PgRow& row);
    Result<void> fugitive(const QList<CacheText>& values); // the same columns, read elsewhere
    Result<void> lead(const PgRow& row);
    Result<void> lead(const QList<CacheText>& values); // the same columns, read elsewhere
    // Rows of sync.pull_cases and pull_case_documents (an attorney's pinned cases), columns in their order.
    Result<void> pinnedCase(const QSqlQuery& row);
    Result<void> caseDocument(const QSqlQuery& row);
    // A row of sync.pull_gone or pull_gone_cases: a lead (with its activities), a fugitive record, a case (with
    // its documents) or a document the user may keep no longer.
    Result<void> gone(const QString& kind, const QString& id);
    // Moves the cursor and commits the last rows.
    Result<void> finish(const QString& cursor);
    // Rolls back the open transaction (a pull that failed half way).
    void abandon();

    qint64 written() const { return m_written; }

private:
    Result<void> counted();
    Result<void> reapplyWaitingEdits(const QString& leadId);

    EncryptedCache& m_cache;
    std::optional<CacheUpsert> m_upsertActivity;
    std::optional<CacheStatement> m_dropActivity;
    std::optional<CacheUpsert> m_upsertFugitive;
    std::optional<CacheUpsert> m_upsertLead;
    std::optional<CacheUpsert> m_upsertCase;
    std::optional<CacheUpsert> m_upsertDocument;
    QSet<QString> m_leadsWithWaitingEdits;  // offline edits still in the outbox win over the server's copy
    bool m_open = false;
    int m_inTransaction = 0;
    QElapsedTimer m_transactionAge;
    qint64 m_written = 0;
};

} // namespace ocms
