#include "fieldaccess.h"

#include "db/sqlerrortranslator.h"

#include <QSqlError>
#include <QSqlQuery>

namespace ocms {

Result<FieldAccess> FieldAccess::load(QSqlDatabase& database)
{
    QSqlQuery query(database);
    query.setForwardOnly(true);
    if (!query.exec(QStringLiteral("SELECT table_name, column_name, bool_and(can_read), bool_and(can_write) "
                                   "FROM rules.my_field_access() GROUP BY 1, 2"))) {
        return fail(SqlErrorTranslator::translate(query.lastError()));
    }
    FieldAccess access;
    while (query.next()) {
        const Level level = !query.value(2).toBool() ? Level::Hidden
                            : query.value(3).toBool() ? Level::Editable
                                                      : Level::ReadOnly;
        access.set(query.value(0).toString(), query.value(1).toString(), level);
    }
    return access;
}

FieldAccess::Level FieldAccess::level(const QString& table, const QString& column) const
{
    return m_levels.value(table + u'.' + column, Level::Editable);
}

} // namespace ocms
