#include "pgcopy.h"

#include <libpq-fe.h>

#include <optional>

namespace ocms {

namespace {

constexpr qsizetype kPiece = 1 << 20;

Error copyError(pg_conn* connection, const QString& message)
{
    return Error{ErrorCode::Database, message, QString::fromUtf8(PQerrorMessage(connection)).trimmed()};
}

} // namespace

Result<void> PgCopy::begin(const QByteArray& statement)
{
    PGresult* result = PQexec(m_connection, statement.constData());
    const bool ok = PQresultStatus(result) == PGRES_COPY_IN;
    const QString message = QString::fromUtf8(PQresultErrorMessage(result)).trimmed();
    PQclear(result);
    if (!ok) {
        return fail(Error{ErrorCode::Database, QStringLiteral("The server refused the bulk load."), message});
    }
    return {};
}

Result<void> PgCopy::write(const QByteArray& data)
{
    for (qsizetype offset = 0; offset < data.size(); offset += kPiece) {
        const qsizetype size = std::min(kPiece, data.size() - offset);
        if (PQputCopyData(m_connection, data.constData() + offset, int(size)) != 1) {
            return fail(copyError(m_connection, QStringLiteral("Sending bulk data to the server failed.")));
        }
    }
    return {};
}

Result<qint64> PgCopy::finish()
{
    if (PQputCopyEnd(m_connection, nullptr) != 1) {
        return fail(copyError(m_connection, QStringLiteral("Ending the bulk load failed.")));
    }
    qint64 rows = -1;
    std::optional<Error> error;
    while (PGresult* result = PQgetResult(m_connection)) {
        if (PQresultStatus(result) == PGRES_COMMAND_OK) {
            rows = QByteArray(PQcmdTuples(result)).toLongLong();
        } else if (!error) {
            error = Error{ErrorCode::Database, QStringLiteral("The server rejected the bulk data."),
                          QString::fromUtf8(PQresultErrorMessage(result)).trimmed()};
        }
        PQclear(result);
    }
    if (error) {
        return fail(*error);
    }
    return rows;
}

void PgCopy::abort(const QByteArray& reason)
{
    PQputCopyEnd(m_connection, reason.constData());
    while (PGresult* result = PQgetResult(m_connection)) {
        PQclear(result);
    }
}

Result<qint64> PgCopy::load(const QByteArray& statement, const CopyBuffer& rows)
{
    if (auto started = begin(statement); !started) {
        return fail(started.error());
    }
    if (auto written = write(rows.data()); !written) {
        abort("client failed while sending");
        return fail(written.error());
    }
    return finish();
}

} // namespace ocms
