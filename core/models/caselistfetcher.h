#pragma once

#include "caselistrow.h"
#include "db/connectionsettings.h"
#include "error.h"
#include "result.h"

#include <QMutex>
#include <QObject>
#include <QSqlDatabase>
#include <QSqlQuery>

#include <atomic>
#include <memory>

struct pg_cancel;

namespace ocms {

// Runs the case list's queries on a connection of its own, in the thread it was moved to. Requests are
// tagged with a generation (one per filter and sort); requests of an older generation are skipped, and
// the query running when a newer generation starts is cancelled on the server.
class CaseListFetcher : public QObject
{
    Q_OBJECT
public:
    explicit CaseListFetcher(ConnectionSettings settings, QString purpose);
    ~CaseListFetcher() override;

    // Thread-safe: from now on only requests of this generation (or newer) count.
    void startGeneration(int generation);

public Q_SLOTS:
    // Rows: from the start, from a key (skipping some), or at an offset when no key is known.
    void fetchFirst(const ocms::CaseListQuery& query, int generation, int limit);
    void fetchFromKey(const ocms::CaseListQuery& query, int generation, qint64 firstRow, const ocms::CaseListKey& key,
                      bool inclusive, int skip, int limit);
    void fetchAtOffset(const ocms::CaseListQuery& query, int generation, qint64 firstRow, int limit);
    void fetchCount(const ocms::CaseListQuery& query, int generation);
    void fetchPivots(const ocms::CaseListQuery& query, int generation, int step);
    void close();

Q_SIGNALS:
    void pageReady(const ocms::CaseListPage& page);
    void countReady(int generation, qint64 count, double milliseconds);
    void pivotsReady(int generation, const QList<ocms::CaseListKey>& pivots, double milliseconds);
    void failed(int generation, const ocms::Error& error);

private:
    bool ensureOpen(int generation);
    bool isCurrent(int generation) const { return generation >= m_generation.load(); }
    // Runs a statement; one of the current generation stopped by a late cancel (meant for an older query) runs again.
    Result<QSqlQuery> runCurrent(const SqlStatement& statement, int generation);
    void fetchRows(const SqlStatement& statement, int generation, qint64 firstRow);

    ConnectionSettings m_settings;
    QString m_connectionName;
    QSqlDatabase m_database;
    std::atomic<int> m_generation{0};
    std::atomic<bool> m_busy{false}; // a query is on the server now
    QMutex m_cancelLock;
    std::shared_ptr<pg_cancel> m_cancel; // shared with a cancel request still on its way
};

} // namespace ocms

Q_DECLARE_METATYPE(ocms::CaseListQuery)
Q_DECLARE_METATYPE(ocms::CaseListKey)
Q_DECLARE_METATYPE(ocms::Error)
