#pragma once

#include "connectionsettings.h"
#include "error.h"
#include "result.h"

#include <QSqlDatabase>
#include <QStringList>

namespace ocms {

// A connection for the length of one piece of work (a benchmark step, a batch), closed on every path.
class ScopedConnection
{
public:
    ScopedConnection(const ConnectionSettings& settings, const QString& name);
    ~ScopedConnection();
    ScopedConnection(const ScopedConnection&) = delete;
    ScopedConnection& operator=(const ScopedConnection&) = delete;

    bool ok() const { return m_database.isOpen(); }
    const Error& error() const { return m_error; }
    QSqlDatabase& database() { return m_database; }
    // The first column of every row of a query.
    Result<QStringList> column(const QString& sql);

private:
    QString m_name;
    QSqlDatabase m_database;
    Error m_error;
};

} // namespace ocms
