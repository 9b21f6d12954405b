#include "scopedconnection.h"

#include "database.h"
#include "sqlerrortranslator.h"

#include <QSqlError>
#include <QSqlQuery>

namespace ocms {

ScopedConnection::ScopedConnection(const ConnectionSettings& settings, const QString& name) : m_name(name)
{
    auto opened = Database::open(settings, name);
    if (opened) {
        m_database = *opened;
    } else {
        m_error = opened.error();
    }
}

ScopedConnection::~ScopedConnection()
{
    m_database = QSqlDatabase();
    Database::close(m_name);
}

Result<QStringList> ScopedConnection::column(const QString& sql)
{
    QSqlQuery query(m_database);
    if (!query.exec(sql)) {
        return fail(SqlErrorTranslator::translate(query.lastError()));
    }
    QStringList values;
    while (query.next()) {
        values.append(query.value(0).toString());
    }
    return values;
}

} // namespace ocms
