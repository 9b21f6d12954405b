#pragma once

#include "db/sqlsession.h"
#include "result.h"

#include <QSqlDatabase>

namespace ocms {

// Non-fugitive arrests: a statistical record only (A-Number, date, place, office, criminal or not), never
// changed afterwards (the server refuses updates). Blocking: use it on a worker thread.
class NonFugitiveArrestRepository
{
public:
    explicit NonFugitiveArrestRepository(QSqlDatabase& database) : m_sql(database) {}

    // Values: FieldForms::nonFugitiveArrest() keys.
    Result<void> record(const QVariantMap& values);

private:
    SqlSession m_sql;
};

} // namespace ocms
