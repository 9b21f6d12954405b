#include "caselistdataservice.h"

#include "db/threadconnection.h"

#include <QtConcurrent/QtConcurrentRun>

namespace ocms {

namespace {

template <typename T, typename Work>
Result<T> withConnection(const ConnectionSettings& settings, Work work)
{
    return withThreadConnection<T>(settings, QStringLiteral("case-list-data"), work);
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
