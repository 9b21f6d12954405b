#pragma once

#include "connectionsettings.h"
#include "database.h"
#include "result.h"

#include <QSqlDatabase>

namespace ocms {

// Opens a connection for the calling (pool) thread, runs work on it, and closes it on every path: the
// shape of every short background visit to the server (one connection per thread, never shared).
template <class T, class Work>
Result<T> withThreadConnection(const ConnectionSettings& settings, const QString& purpose, Work work)
{
    const QString name = Database::threadConnectionName(purpose);
    Result<T> result = [&]() -> Result<T> {
        auto database = Database::open(settings, name);
        if (!database) {
            return fail(database.error());
        }
        return work(*database);
    }();
    Database::close(name);
    return result;
}

} // namespace ocms
