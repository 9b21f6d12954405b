#pragma once

#include "pgrow.h"
#include "result.h"

#include <QByteArrayList>
#include <QSqlDatabase>

#include <functional>

namespace ocms {

// Runs one statement on a QPSQL connection through libpq itself and hands its rows to row() as they arrive
// (single-row mode): the server keeps producing while the caller works on the rows it has. QPSQL's own
// prepared statements wait for the whole result before the first row. sql takes $1, $2 … for params
// (text, sent apart from the statement). A failure of row() cancels the statement and stops the walk. The
// statement runs in whatever transaction the connection is in.
Result<void> streamPgRows(QSqlDatabase& database, const QByteArray& sql, const QByteArrayList& params,
                          const std::function<Result<void>(const PgRow&)>& row);

} // namespace ocms
