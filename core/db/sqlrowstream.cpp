#include "sqlrowstream.h"

#include "sqlerrortranslator.h"

#include <QSqlError>

namespace ocms {

Result<void> streamRows(QSqlDatabase& database, const QString& sql, const QVariantList& binds,
                        const std::function<Result<void>(const QSqlQuery&)>& row)
{
    QSqlQuery query(database);
    query.setForwardOnly(true);
    if (!query.prepare(sql)) {
        return fail(SqlErrorTranslator::translate(query.lastError()));
    }
    for (const QVariant& value : binds) {
        query.addBindValue(value);
    }
    if (!query.exec()) {
        return fail(SqlErrorTranslator::translate(query.lastError()));
    }
    while (query.next()) {
        if (auto handled = row(query); !handled) {
            return handled;
        }
    }
    if (query.lastError().isValid()) {
        return fail(SqlErrorTranslator::translate(query.lastError()));
    }
    return {};
}

} // namespace ocms
