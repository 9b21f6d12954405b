#include "importstatement.h"

#include "db/sqlerrortranslator.h"

#include <QSqlError>

namespace ocms {

Result<QSqlQuery> runImportStatement(QSqlDatabase& database, const QString& sql, const QVariantList& binds)
{
    QSqlQuery query(database);
    query.setForwardOnly(true);
    bool ok = false;
    if (binds.isEmpty()) {
        ok = query.exec(sql);
    } else if (query.prepare(sql)) {
        for (const QVariant& bind : binds) {
            query.addBindValue(bind);
        }
        ok = query.exec();
    }
    if (!ok) {
        return fail(SqlErrorTranslator::translate(query.lastError()));
    }
    return query;
}

} // namespace ocms
