#include "deferredindexes.h"

#include "sqlerrortranslator.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace ocms {

Result<DeferredIndexes> DeferredIndexes::drop(QSqlDatabase& database, const QStringList& tables)
{
    DeferredIndexes deferred(database);
    QSqlQuery query(database);
    // Indexes that back no constraint (primary keys and unique constraints stay: foreign keys need them).
    query.prepare(QStringLiteral(
        "SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) FROM pg_index i "
        "WHERE i.indrelid = ANY (?::regclass[]) "
        "  AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid) "
        "ORDER BY 1"));
    query.addBindValue(QString(u'{' + tables.join(u',') + u'}'));
    if (!query.exec()) {
        return fail(SqlErrorTranslator::translate(query.lastError()));
    }
    QStringList names;
    while (query.next()) {
        names.append(query.value(0).toString());
        deferred.m_definitions.append(query.value(1).toString());
    }
    for (const QString& name : names) {
        QSqlQuery dropIndex(database);
        // The name comes from the catalog (regclass text is already quoted as needed).
        if (!dropIndex.exec(QStringLiteral("DROP INDEX ") + name)) {
            return fail(SqlErrorTranslator::translate(dropIndex.lastError()));
        }
    }
    return deferred;
}

Result<void> DeferredIndexes::recreate()
{
    QSqlQuery settings(m_database);
    settings.exec(QStringLiteral("SET LOCAL maintenance_work_mem = '512MB'"));
    for (const QString& definition : std::as_const(m_definitions)) {
        QSqlQuery create(m_database);
        if (!create.exec(definition)) {
            return fail(SqlErrorTranslator::translate(create.lastError()));
        }
    }
    m_definitions.clear();
    return {};
}

} // namespace ocms
