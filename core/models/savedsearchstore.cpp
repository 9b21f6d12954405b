#include "savedsearchstore.h"

#include "db/sqlerrortranslator.h"

#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>

namespace ocms {

SavedSearchStore::SavedSearchStore(QSqlDatabase database, QString screen)
    : m_database(std::move(database)), m_screen(std::move(screen))
{
}

Result<QList<SavedSearch>> SavedSearchStore::list()
{
    QSqlQuery query(m_database);
    query.prepare(QStringLiteral("SELECT name, definition::text FROM core.saved_searches WHERE screen = ? ORDER BY lower(name)"));
    query.addBindValue(m_screen);
    if (!query.exec()) {
        return fail(SqlErrorTranslator::translate(query.lastError()));
    }
    QList<SavedSearch> searches;
    while (query.next()) {
        searches.append({query.value(0).toString(), QJsonDocument::fromJson(query.value(1).toString().toUtf8()).object()});
    }
    return searches;
}

Result<void> SavedSearchStore::save(const QString& name, const QJsonObject& definition)
{
    const QString trimmed = name.trimmed();
    if (trimmed.isEmpty()) {
        return fail(Error::validation(QStringLiteral("Give the search a name.")));
    }
    if (trimmed.size() > kMaxNameLength) {
        return fail(Error::validation(QStringLiteral("A search name has at most %1 characters.").arg(kMaxNameLength)));
    }
    QSqlQuery query(m_database);
    query.prepare(QStringLiteral("INSERT INTO core.saved_searches (screen, name, definition) VALUES (?, ?, CAST(? AS jsonb)) "
                                 "ON CONFLICT (user_id, screen, name) DO UPDATE SET definition = EXCLUDED.definition, updated_at = now()"));
    query.addBindValue(m_screen);
    query.addBindValue(trimmed);
    query.addBindValue(QString::fromUtf8(QJsonDocument(definition).toJson(QJsonDocument::Compact)));
    if (!query.exec()) {
        return fail(SqlErrorTranslator::translate(query.lastError()));
    }
    return {};
}

Result<void> SavedSearchStore::remove(const QString& name)
{
    QSqlQuery query(m_database);
    query.prepare(QStringLiteral("DELETE FROM core.saved_searches WHERE screen = ? AND name = ?"));
    query.addBindValue(m_screen);
    query.addBindValue(name);
    if (!query.exec()) {
        return fail(SqlErrorTranslator::translate(query.lastError()));
    }
    if (query.numRowsAffected() == 0) {
        return fail(Error{ErrorCode::NotFound, QStringLiteral("There is no saved search called \"%1\".").arg(name), {}});
    }
    return {};
}

} // namespace ocms
