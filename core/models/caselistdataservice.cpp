#include "caselistdataservice.h"

#include "db/database.h"

#include <QtConcurrent/QtConcurrentRun>

namespace ocms {

namespace {

// Opens a connection for this pool thread, runs work on it, and closes it again.
template <typename T, typename Work>
Result<T> withConnection(const ConnectionSettings& settings, Work work)
{
    const QString name = Database::threadConnectionName(QStringLiteral("case-list-data"));
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

} // namespace

QFuture<Result<CaseListLabels>> CaseListDataService::loadLabels() const
{
    return QtConcurrent::run([settings = m_settings] {
        return withConnection<CaseListLabels>(settings, [](QSqlDatabase& database) { return CaseListLabels::load(database); });
    });
}

QFuture<Result<QList<SavedSearch>>> CaseListDataService::savedSearches() const
{
    return QtConcurrent::run([settings = m_settings] {
        return withConnection<QList<SavedSearch>>(settings, [](QSqlDatabase& database) {
            return SavedSearchStore(database, QLatin1StringView(kScreen)).list();
        });
    });
}

QFuture<Result<void>> CaseListDataService::saveSearch(const QString& name, const QJsonObject& definition) const
{
    return QtConcurrent::run([settings = m_settings, name, definition] {
        return withConnection<void>(settings, [&](QSqlDatabase& database) {
            return SavedSearchStore(database, QLatin1StringView(kScreen)).save(name, definition);
        });
    });
}

QFuture<Result<void>> CaseListDataService::removeSearch(const QString& name) const
{
    return QtConcurrent::run([settings = m_settings, name] {
        return withConnection<void>(settings, [&](QSqlDatabase& database) {
            return SavedSearchStore(database, QLatin1StringView(kScreen)).remove(name);
        });
    });
}

} // namespace ocms
