#pragma once

#include "result.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QVariantList>

namespace ocms {

// One statement of an import, its rows ready to read. Statements without values run as they are (utility
// statements such as CREATE and ANALYZE cannot be prepared); every value from a file goes through COPY or
// a bound parameter.
Result<QSqlQuery> runImportStatement(QSqlDatabase& database, const QString& sql, const QVariantList& binds = {});

} // namespace ocms
