#include "pgresult.h"

#include "sqlerrortranslator.h"

#include <QSqlError>

#include <libpq-fe.h>

#include <vector>

namespace ocms {

namespace {

quint64 bigEndian(const char* data, int size)
{
    quint64 value = 0;
    for (int i = 0; i < size; ++i) {
        value = (value << 8) | quint8(data[i]);
    }
    return value;
}

} // namespace

PgResult::PgResult(pg_result* result) : m_result(result, &PQclear) {}

Error PgResult::errorOf(const pg_result* result, pg_conn* connection)
{
    const char* state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
    const QString text = QString::fromUtf8(result ? PQresultErrorMessage(result) : PQerrorMessage(connection)).trimmed();
    const QSqlError error(QString(), text, state ? QSqlError::StatementError : QSqlError::ConnectionError,
                          QString::fromLatin1(state ? state : ""));
    return SqlErrorTranslator::translate(error);
}

Result<PgResult> PgResult::exec(pg_conn* connection, const char* sql, const QList<QByteArray>& values,
                                const QList<bool>& binary)
{
    if (!connection) {
        return fail(Error{ErrorCode::Connection, QStringLiteral("There is no connection to the server."), {}});
    }
    std::vector<const char*> pointers;
    std::vector<int> lengths;
    std::vector<int> formats;
    for (qsizetype i = 0; i < values.size(); ++i) {
        pointers.push_back(values[i].constData());
        lengths.push_back(int(values[i].size()));
        formats.push_back(binary.value(i) ? 1 : 0);
    }
    PgResult result(PQexecParams(connection, sql, int(values.size()), nullptr, pointers.data(), lengths.data(),
                                 formats.data(), 1));
    const ExecStatusType status = PQresultStatus(result.m_result.get());
    if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
        return fail(errorOf(result.m_result.get(), connection));
    }
    return result;
}

int PgResult::rows() const
{
    return PQntuples(m_result.get());
}

QByteArray PgResult::bytes(int row, int column) const
{
    return QByteArray(PQgetvalue(m_result.get(), row, column), PQgetlength(m_result.get(), row, column));
}

QUuid PgResult::uuid(int row, int column) const
{
    return QUuid::fromRfc4122(QByteArrayView(PQgetvalue(m_result.get(), row, column), 16));
}

qint64 PgResult::int8(int row, int column) const
{
    return qint64(bigEndian(PQgetvalue(m_result.get(), row, column), 8));
}

qint32 PgResult::int4(int row, int column) const
{
    return qint32(quint32(bigEndian(PQgetvalue(m_result.get(), row, column), 4)));
}

bool PgResult::boolean(int row, int column) const
{
    return *PQgetvalue(m_result.get(), row, column) != 0;
}

} // namespace ocms
