#include "caselistfetcher.h"

#include "db/database.h"
#include "db/sqlerrortranslator.h"

#include <QElapsedTimer>
#include <QMutexLocker>
#include <QThreadPool>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>

#include <libpq-fe.h>

namespace ocms {

CaseListFetcher::CaseListFetcher(ConnectionSettings settings, QString purpose)
    : m_settings(std::move(settings)), m_connectionName(std::move(purpose))
{
}

CaseListFetcher::~CaseListFetcher()
{
    close();
}

void CaseListFetcher::startGeneration(int generation)
{
    m_generation.store(generation);
    // Whatever runs now belongs to an older generation: ask the server to stop it. Only when something
    // runs: a cancel request is a connection of its own, milliseconds the GUI thread should not wait.
    if (!m_busy.load()) {
        return;
    }
    std::shared_ptr<pg_cancel> cancel;
    {
        QMutexLocker locker(&m_cancelLock);
        cancel = m_cancel;
    }
    if (cancel) {
        // PQcancel connects to the server: on a pool thread, never the caller's (the GUI thread).
        QThreadPool::globalInstance()->start([cancel] {
            char message[256];
            PQcancel(cancel.get(), message, sizeof message);
        });
    }
}

void CaseListFetcher::close()
{
    {
        QMutexLocker locker(&m_cancelLock);
        m_cancel.reset();
    }
    if (m_database.isValid()) {
        m_database = QSqlDatabase();
        Database::close(m_connectionName);
    }
}

bool CaseListFetcher::ensureOpen(int generation)
{
    if (m_database.isValid() && m_database.isOpen()) {
        return true;
    }
    auto opened = Database::open(m_settings, m_connectionName);
    if (!opened) {
        Q_EMIT failed(generation, opened.error());
        return false;
    }
    m_database = *opened;
    QMutexLocker locker(&m_cancelLock);
    m_cancel = std::shared_ptr<pg_cancel>(PQgetCancel(Database::pgHandle(m_database)), [](pg_cancel* cancel) {
        if (cancel) {
            PQfreeCancel(cancel);
        }
    });
    return true;
}

namespace {

// A statement run to the end, or the reason it was not; a cancelled query comes back as Cancelled.
Result<QSqlQuery> run(QSqlDatabase& database, const SqlStatement& statement)
{
    QSqlQuery query(database);
    query.setForwardOnly(true);
    if (!query.prepare(statement.sql)) {
        return fail(SqlErrorTranslator::translate(query.lastError()));
    }
    for (const QVariant& value : statement.values) {
        query.addBindValue(value);
    }
    if (!query.exec()) {
        return fail(SqlErrorTranslator::translate(query.lastError()));
    }
    return query;
}

// Marks the fetcher busy for the length of a query, so only a running query is cancelled.
class BusyScope
{
public:
    explicit BusyScope(std::atomic<bool>& busy) : m_busy(busy) { m_busy.store(true); }
    ~BusyScope() { m_busy.store(false); }
    BusyScope(const BusyScope&) = delete;
    BusyScope& operator=(const BusyScope&) = delete;

private:
    std::atomic<bool>& m_busy;
};

} // namespace

Result<QSqlQuery> CaseListFetcher::runCurrent(const SqlStatement& statement, int generation)
{
    auto result = run(m_database, statement);
    // A cancel is sent from a pool thread and can reach the server after the query it was meant for has
    // ended, stopping the next one instead: a query of the current generation cancelled that way runs again.
    for (int attempt = 0; attempt < 3 && !result && result.error().code == ErrorCode::Cancelled && isCurrent(generation); ++attempt) {
        result = run(m_database, statement);
    }
    return result;
}

void CaseListFetcher::fetchRows(const SqlStatement& statement, int generation, qint64 firstRow)
{
    if (!isCurrent(generation) || !ensureOpen(generation)) {
        return;
    }
    QElapsedTimer timer;
    timer.start();
    const BusyScope busy(m_busy);
    auto query = runCurrent(statement, generation);
    if (!query) {
        if (isCurrent(generation)) {
            Q_EMIT failed(generation, query.error());
        }
        return;
    }
    CaseListPage page;
    page.generation = generation;
    page.firstRow = firstRow;
    const int fields = query->record().count();
    while (query->next()) {
        CaseListRow row;
        row.key = {query->value(CaseListQuery::kSortKeyField).toString(), QUuid::fromString(query->value(CaseListQuery::kIdField).toString())};
        row.values.reserve(fields - CaseListQuery::kFirstColumnField);
        for (int field = CaseListQuery::kFirstColumnField; field < fields; ++field) {
            row.values.append(query->value(field));
        }
        page.rows.append(std::move(row));
    }
    page.milliseconds = double(timer.nsecsElapsed()) / 1e6;
    if (isCurrent(generation)) {
        Q_EMIT pageReady(page);
    }
}

void CaseListFetcher::fetchFirst(const CaseListQuery& query, int generation, int limit)
{
    fetchRows(query.firstRows(limit), generation, 0);
}

void CaseListFetcher::fetchFromKey(const CaseListQuery& query, int generation, qint64 firstRow, const CaseListKey& key,
                                   bool inclusive, int skip, int limit)
{
    fetchRows(query.rowsFrom(key, inclusive, skip, limit), generation, firstRow);
}

void CaseListFetcher::fetchAtOffset(const CaseListQuery& query, int generation, qint64 firstRow, int limit)
{
    fetchRows(query.rowsAtOffset(firstRow, limit), generation, firstRow);
}

void CaseListFetcher::fetchCount(const CaseListQuery& query, int generation)
{
    if (!isCurrent(generation) || !ensureOpen(generation)) {
        return;
    }
    QElapsedTimer timer;
    timer.start();
    const BusyScope busy(m_busy);
    auto result = runCurrent(query.count(), generation);
    if (!result) {
        if (isCurrent(generation)) {
            Q_EMIT failed(generation, result.error());
        }
        return;
    }
    const qint64 count = result->next() ? result->value(0).toLongLong() : 0;
    if (isCurrent(generation)) {
        Q_EMIT countReady(generation, count, double(timer.nsecsElapsed()) / 1e6);
    }
}

void CaseListFetcher::fetchPivots(const CaseListQuery& query, int generation, int step)
{
    if (!isCurrent(generation) || !ensureOpen(generation)) {
        return;
    }
    QElapsedTimer timer;
    timer.start();
    const BusyScope busy(m_busy);
    auto result = runCurrent(query.pivots(step), generation);
    if (!result) {
        if (isCurrent(generation)) {
            Q_EMIT failed(generation, result.error());
        }
        return;
    }
    QList<CaseListKey> pivots;
    while (result->next()) {
        pivots.append({result->value(0).toString(), QUuid::fromString(result->value(1).toString())});
    }
    if (isCurrent(generation)) {
        Q_EMIT pivotsReady(generation, pivots, double(timer.nsecsElapsed()) / 1e6);
    }
}

} // namespace ocms
