#pragma once

#include "copybuffer.h"
#include "result.h"

#include <QByteArray>

struct pg_conn;

namespace ocms {

// COPY … FROM STDIN on a libpq connection (QPSQL has no COPY API; its PGconn does).
class PgCopy
{
public:
    explicit PgCopy(pg_conn* connection) : m_connection(connection) {}

    // Sends a whole buffer: statement is "COPY schema.table (col, …) FROM STDIN". Returns rows loaded.
    Result<qint64> load(const QByteArray& statement, const CopyBuffer& rows);

    // Streaming form, for inputs larger than memory.
    Result<void> begin(const QByteArray& statement);
    Result<void> write(const QByteArray& data);
    Result<qint64> finish();
    void abort(const QByteArray& reason);

private:
    pg_conn* m_connection;
};

} // namespace ocms
