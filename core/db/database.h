#pragma once

#include "connectionsettings.h"
#include "result.h"

#include <QSqlDatabase>
#include <QString>

struct pg_conn;

namespace ocms {

// Opens QPSQL connections from ConnectionSettings and reaches the libpq handle beneath them.
// One connection per thread: callers pick a connection name unique to their thread.
class Database
{
public:
    static Result<QSqlDatabase> open(const ConnectionSettings& settings, const QString& connectionName);
    static void close(const QString& connectionName);
    // The PGconn* under a QPSQL connection, for COPY, large objects and cancel.
    static pg_conn* pgHandle(const QSqlDatabase& database);
    // A name unique to the calling thread and purpose, e.g. "seed-0x7f…".
    static QString threadConnectionName(const QString& purpose);
    // Sets the audit source (manual or system:<name>) on this connection.
    static Result<void> setSource(QSqlDatabase& database, const QString& source);
};

} // namespace ocms
