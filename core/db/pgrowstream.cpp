#include "pgrowstream.h"

#include "pgstatementinflight.h"

namespace ocms {

Result<void> streamPgRows(QSqlDatabase& database, const QByteArray& sql, const QByteArrayList& params,
                          const std::function<Result<void>(const PgRow&)>& row)
{
    auto statement = PgStatementInFlight::send(database, sql, params);
    if (!statement) {
        return fail(statement.error());
    }
    return statement->collect(row);
}

} // namespace ocms
