#pragma once

#include "connectionsettings.h"
#include "personrepository.h"
#include "threadconnection.h"

#include <QFuture>
#include <QtConcurrent/QtConcurrentRun>

#include <functional>

namespace ocms {

// Runs person repository work (duplicates, merges) on a pool thread with that thread's connection.
class PersonService
{
public:
    explicit PersonService(ConnectionSettings settings) : m_settings(std::move(settings)) {}

    template <class T>
    QFuture<Result<T>> run(std::function<Result<T>(PersonRepository&)> work) const
    {
        return QtConcurrent::run([settings = m_settings, work = std::move(work)]() {
            return withThreadConnection<T>(settings, QStringLiteral("people"), [&](QSqlDatabase& database) {
                PersonRepository repository(database);
                return work(repository);
            });
        });
    }

private:
    ConnectionSettings m_settings;
};

} // namespace ocms
