#include "pgstatementinflight.h"

#include "database.h"
#include "sqlerrortranslator.h"

#include <QSqlError>

#include <libpq-fe.h>

#include <memory>
#include <utility>
#include <vector>

namespace ocms {

namespace {

using ResultHandle = std::unique_ptr<PGresult, decltype(&PQclear)>;

Error serverError(const PGresult* result, PGconn* connection)
{
    const char* state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
    const char* primary = result ? PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY) : nullptr;
    const QString text = QString::fromUtf8(primary ? primary : PQerrorMessage(connection)).trimmed();
    return SqlErrorTranslator::translate(QSqlError(text, text, QSqlError::StatementError, QString::fromLatin1(state ? state : "")));
}

// Reads what is left of a statement's results so the connection is free for the next one.
void drain(PGconn* connection)
{
    while (PGresult* rest = PQgetResult(connection)) {
        PQclear(rest);
    }
}

} // namespace

Result<PgStatementInFlight> PgStatementInFlight::send(QSqlDatabase& database, const QByteArray& sql, const QByteArrayList& params)
{
    PGconn* connection = Database::pgHandle(database);
    if (!connection) {
        return fail(Error{ErrorCode::Database, QStringLiteral("The server connection cannot stream rows."), QStringLiteral("not a QPSQL connection")});
    }
    std::vector<const char*> values;
    std::vector<int> lengths;
    values.reserve(std::size_t(params.size()));
    lengths.reserve(std::size_t(params.size()));
    for (const QByteArray& param : params) {
        values.push_back(param.isNull() ? nullptr : param.constData());
        lengths.push_back(int(param.size()));
    }
    if (PQsendQueryParams(connection, sql.constData(), int(params.size()), nullptr, values.data(), lengths.data(), nullptr, 0) != 1) {
        return fail(serverError(nullptr, connection));
    }
    if (PQsetSingleRowMode(connection) != 1) {
        drain(connection);
        return fail(Error{ErrorCode::Database, QStringLiteral("The server connection cannot stream rows."), QStringLiteral("single-row mode refused")});
    }
    return PgStatementInFlight(connection);
}

PgStatementInFlight::PgStatementInFlight(PgStatementInFlight&& other) noexcept
    : m_connection(std::exchange(other.m_connection, nullptr))
{
}

PgStatementInFlight& PgStatementInFlight::operator=(PgStatementInFlight&& other) noexcept
{
    if (this != &other) {
        abandon();
        m_connection = std::exchange(other.m_connection, nullptr);
    }
    return *this;
}

PgStatementInFlight::~PgStatementInFlight()
{
    abandon();
}

void PgStatementInFlight::abandon()
{
    if (m_connection) {
        cancel(m_connection);
        drain(std::exchange(m_connection, nullptr));
    }
}

void PgStatementInFlight::cancel(pg_conn* connection)
{
    if (PGcancel* request = PQgetCancel(connection)) {
        char reason[256];
        PQcancel(request, reason, int(sizeof reason));
        PQfreeCancel(request);
    }
}

Result<void> PgStatementInFlight::collect(const std::function<Result<void>(const PgRow&)>& row)
{
    PGconn* connection = std::exchange(m_connection, nullptr);
    if (!connection) {
        return fail(Error{ErrorCode::Database, QStringLiteral("The statement's rows were already read."), QStringLiteral("collected twice")});
    }
    Result<void> outcome;
    while (PGresult* raw = PQgetResult(connection)) {
        ResultHandle result(raw, &PQclear);
        switch (PQresultStatus(raw)) {
        case PGRES_SINGLE_TUPLE:
            if (outcome) {
                outcome = row(PgRow(raw));
                if (!outcome) {
                    // Stop the server's work rather than read the rest of a large result for nothing.
                    cancel(connection);
                }
            }
            break;
        case PGRES_TUPLES_OK:
        case PGRES_COMMAND_OK:
            break;
        default:
            if (outcome) {
                outcome = fail(serverError(raw, connection));
            }
            break;
        }
    }
    return outcome;
}

} // namespace ocms
