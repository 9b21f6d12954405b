#pragma once

#include "result.h"

#include <QByteArray>
#include <QList>
#include <QUuid>

#include <memory>

struct pg_conn;
struct pg_result;

namespace ocms {

// One statement on a libpq connection with binary results (QPSQL sends bytea as hex text, doubling every
// byte; documents go through here instead). Parameters are text unless flagged binary.
class PgResult
{
public:
    static Result<PgResult> exec(pg_conn* connection, const char* sql, const QList<QByteArray>& values = {},
                                 const QList<bool>& binary = {});
    // The Error a failed statement (or a lost connection, when result is null) means for the user.
    static Error errorOf(const pg_result* result, pg_conn* connection);

    int rows() const;
    QByteArray bytes(int row, int column) const;
    QUuid uuid(int row, int column) const;
    qint64 int8(int row, int column) const;
    qint32 int4(int row, int column) const;
    bool boolean(int row, int column) const;

    explicit PgResult(pg_result* result);

private:
    std::shared_ptr<pg_result> m_result;
};

} // namespace ocms
