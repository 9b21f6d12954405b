#pragma once

#include "result.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QVariantList>

#include <functional>

namespace ocms {

// Runs one statement and hands its rows to row() one at a time, values by position (query.value(i)): for
// large reads, where a map per row would cost more than the row. A failure of row() stops the walk.
Result<void> streamRows(QSqlDatabase& database, const QString& sql, const QVariantList& binds,
                        const std::function<Result<void>(const QSqlQuery&)>& row);

} // namespace ocms
