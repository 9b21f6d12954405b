#pragma once

#include "pgrow.h"
#include "result.h"

#include <QByteArrayList>
#include <QSqlDatabase>

#include <functional>

struct pg_conn;

namespace ocms {

// One statement sent to the server through libpq and not yet read back: the caller works locally while the
// server runs it (e.g. the offline push saves the answers of one batch while the server applies the next),
// then collects its rows as they arrive (single-row mode). sql takes $1, $2 … for params (text, sent apart
// from the statement); it runs in whatever transaction the connection is in. Until it is collected the
// connection takes no other statement; one dropped uncollected is cancelled and drained.
class PgStatementInFlight
{
public:
    static Result<PgStatementInFlight> send(QSqlDatabase& database, const QByteArray& sql, const QByteArrayList& params);

    PgStatementInFlight(PgStatementInFlight&& other) noexcept;
    PgStatementInFlight& operator=(PgStatementInFlight&& other) noexcept;
    PgStatementInFlight(const PgStatementInFlight&) = delete;
    PgStatementInFlight& operator=(const PgStatementInFlight&) = delete;
    ~PgStatementInFlight();

    // Hands each row to row() as it arrives. A failure of row() cancels the statement and stops the walk.
    Result<void> collect(const std::function<Result<void>(const PgRow&)>& row);

    // Asks the server to stop the statement running on connection (it answers with an error, read as usual).
    static void cancel(pg_conn* connection);

private:
    explicit PgStatementInFlight(pg_conn* connection) : m_connection(connection) {}
    void abandon();

    pg_conn* m_connection = nullptr; // null once collected
};

} // namespace ocms
