#pragma once

#include "connectionsettings.h"
#include "threadconnection.h"

#include <QFuture>
#include <QtConcurrent/QtConcurrentRun>

#include <functional>

namespace ocms {

// Runs a repository's work on a pool thread, on a connection of that thread signed in as the user: one
// short visit per call, so a widget never blocks and never holds SQL. Repository(QSqlDatabase&) builds it.
template <class Repository>
class BackgroundService
{
public:
    explicit BackgroundService(ConnectionSettings settings) : m_settings(std::move(settings)) {}

    template <class T>
    QFuture<Result<T>> run(std::function<Result<T>(Repository&)> work) const
    {
        return QtConcurrent::run([settings = m_settings, work = std::move(work)]() {
            return withThreadConnection<T>(settings, QStringLiteral("background"), [&](QSqlDatabase& database) {
                Repository repository(database);
                return work(repository);
            });
        });
    }

    const ConnectionSettings& settings() const { return m_settings; }

private:
    ConnectionSettings m_settings;
};

} // namespace ocms
