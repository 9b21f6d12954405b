#include "snapshotsidequery.h"

#include "database.h"
#include "pgrowstream.h"
#include "sqlerrortranslator.h"
#include "sqlsession.h"

#include <QAtomicInteger>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>

#include <libpq-fe.h>

namespace ocms {

namespace {

QString uniqueConnectionName()
{
    static QAtomicInteger<quint64> counter;
    return QStringLiteral("snapshot-side-%1").arg(counter.fetchAndAddRelaxed(1));
}

} // namespace

SnapshotSideQuery::SnapshotSideQuery(const QSqlDatabase& database, const QString& snapshot, QByteArray sql, QByteArrayList params)
{
    // The clone is made on the side thread: a connection belongs to the thread that adds it (Qt's clone by
    // name is meant for that).
    m_thread = std::thread([this, source = database.connectionName(), snapshot, sql = std::move(sql), params = std::move(params)] {
        run(source, snapshot, sql, params);
    });
}

SnapshotSideQuery::~SnapshotSideQuery()
{
    m_stop = true;
    {
        // Still waiting for the server (before its first row): ask it to stop.
        std::lock_guard lock(m_mutex);
        if (m_cancel) {
            char reason[256];
            PQcancel(m_cancel, reason, int(sizeof reason));
        }
    }
    if (m_thread.joinable()) {
        m_thread.join();
    }
}

void SnapshotSideQuery::run(QString source, QString snapshot, QByteArray sql, QByteArrayList params)
{
    const QString connectionName = uniqueConnectionName();
    Result<void> outcome = [&]() -> Result<void> {
        QSqlDatabase database = QSqlDatabase::cloneDatabase(source, connectionName);
        if (!database.open()) {
            return fail(Error{ErrorCode::Connection, QStringLiteral("A second connection to the server could not be opened."),
                              database.lastError().text()});
        }
        SqlSession session(database);
        return session.inTransaction([&]() -> Result<void> {
            // Only characters of an exported snapshot id ([0-9A-F-]) reach the statement.
            static const QRegularExpression kSnapshotId(QStringLiteral("^[0-9A-Fa-f-]+$"));
            if (!kSnapshotId.match(snapshot).hasMatch()) {
                return fail(Error{ErrorCode::Internal, QStringLiteral("The pull could not share its snapshot."), snapshot});
            }
            // Not prepared: PostgreSQL prepares no SET TRANSACTION.
            QSqlQuery setting(database);
            for (const QString& statement : {QStringLiteral("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ"),
                                             QStringLiteral("SET TRANSACTION SNAPSHOT '%1'").arg(snapshot)}) {
                if (!setting.exec(statement)) {
                    return fail(SqlErrorTranslator::translate(setting.lastError()));
                }
            }
            {
                std::lock_guard lock(m_mutex);
                if (m_stop) {
                    return fail(Error{ErrorCode::Internal, QStringLiteral("Stopped."), {}});
                }
                m_cancel = PQgetCancel(Database::pgHandle(database));
            }
            auto streamed = streamPgRows(database, sql, params, [&](const PgRow& row) -> Result<void> {
                if (m_stop) {
                    return fail(Error{ErrorCode::Internal, QStringLiteral("Stopped."), {}});
                }
                Row values(std::size_t(row.columns()));
                for (int column = 0; column < row.columns(); ++column) {
                    if (!row.isNull(column)) {
                        values[std::size_t(column)] = row.text(column).toByteArray();
                    }
                }
                {
                    std::lock_guard lock(m_mutex);
                    m_rows.push_back(std::move(values));
                }
                m_arrived.notify_one();
                return {};
            });
            {
                std::lock_guard lock(m_mutex);
                PQfreeCancel(m_cancel);
                m_cancel = nullptr;
            }
            return streamed;
        });
    }();
    QSqlDatabase::removeDatabase(connectionName);
    {
        std::lock_guard lock(m_mutex);
        m_outcome = std::move(outcome);
        m_finished = true;
    }
    m_arrived.notify_all();
}

std::vector<SnapshotSideQuery::Row> SnapshotSideQuery::take()
{
    std::lock_guard lock(m_mutex);
    std::vector<Row> rows(std::make_move_iterator(m_rows.begin()), std::make_move_iterator(m_rows.end()));
    m_rows.clear();
    return rows;
}

bool SnapshotSideQuery::waitForMore(std::vector<Row>& rows)
{
    std::unique_lock lock(m_mutex);
    m_arrived.wait(lock, [this] { return m_finished || !m_rows.empty(); });
    rows.assign(std::make_move_iterator(m_rows.begin()), std::make_move_iterator(m_rows.end()));
    m_rows.clear();
    return !rows.empty() || !m_finished;
}

Result<void> SnapshotSideQuery::outcome() const
{
    std::lock_guard lock(m_mutex);
    return m_outcome;
}

} // namespace ocms
