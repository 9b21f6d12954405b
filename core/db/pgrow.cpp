#include "pgrow.h"

#include <libpq-fe.h>

namespace ocms {

PgRow::PgRow(const pg_result* result) : m_result(result) {}

int PgRow::columns() const
{
    return PQnfields(m_result);
}

bool PgRow::isNull(int column) const
{
    return PQgetisnull(m_result, 0, column) != 0;
}

QByteArrayView PgRow::text(int column) const
{
    return {PQgetvalue(m_result, 0, column), qsizetype(PQgetlength(m_result, 0, column))};
}

qint64 PgRow::integer(int column) const
{
    return QByteArray::fromRawData(PQgetvalue(m_result, 0, column), PQgetlength(m_result, 0, column)).toLongLong();
}

QByteArray PgRow::bytes(int column) const
{
    std::size_t length = 0;
    unsigned char* raw = PQunescapeBytea(reinterpret_cast<const unsigned char*>(PQgetvalue(m_result, 0, column)), &length);
    if (!raw) {
        return {};
    }
    QByteArray bytes(reinterpret_cast<const char*>(raw), qsizetype(length));
    PQfreemem(raw);
    return bytes;
}

bool PgRow::boolean(int column) const
{
    return PQgetlength(m_result, 0, column) > 0 && PQgetvalue(m_result, 0, column)[0] == 't';
}

} // namespace ocms
