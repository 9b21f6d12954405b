#pragma once

#include <QByteArrayView>
#include <QString>

struct pg_result;

namespace ocms {

// One row of a streamed libpq result, read as the server sent it (text format): no QVariant, no QString,
// no date parsing per value. Valid only during the callback that receives it.
class PgRow
{
public:
    explicit PgRow(const pg_result* result);

    int columns() const;
    bool isNull(int column) const;
    // The value's UTF-8 text; empty for null.
    QByteArrayView text(int column) const;
    QString string(int column) const { return QString::fromUtf8(text(column)); }
    qint64 integer(int column) const;
    // A bytea column's bytes, whichever text form the connection sends (QPSQL asks for 'escape').
    QByteArray bytes(int column) const;
    // A boolean column: the server sends 't' or 'f'.
    bool boolean(int column) const;

private:
    const pg_result* m_result;
};

} // namespace ocms
