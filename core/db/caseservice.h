#pragma once

#include "caserepository.h"
#include "connectionsettings.h"
#include "threadconnection.h"
#include "formcontext.h"

#include <QFuture>
#include <QtConcurrent/QtConcurrentRun>

#include <functional>

namespace ocms {

// Runs case repository work on a pool thread, on a connection of that thread signed in as the user, so
// a widget never blocks and never holds SQL. Each call is one short visit: open, work, close.
class CaseService
{
public:
    CaseService(ConnectionSettings settings, CaseRepository::Reach reach) : m_settings(std::move(settings)), m_reach(reach) {}

    template <class T>
    QFuture<Result<T>> run(std::function<Result<T>(CaseRepository&)> work) const
    {
        return QtConcurrent::run([settings = m_settings, reach = m_reach, work = std::move(work)]() {
            return withThreadConnection<T>(settings, QStringLiteral("case-record"), [&](QSqlDatabase& database) {
                CaseRepository repository(database, reach);
                return work(repository);
            });
        });
    }

    using FormContext = ocms::FormContext;
    QFuture<Result<FormContext>> loadFormContext() const { return FormContext::load(m_settings); }

    const ConnectionSettings& settings() const { return m_settings; }
    CaseRepository::Reach reach() const { return m_reach; }

private:
    ConnectionSettings m_settings;
    CaseRepository::Reach m_reach;
};

} // namespace ocms
