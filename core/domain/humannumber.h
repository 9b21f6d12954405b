#pragma once

#include <QDateTime>
#include <QString>

namespace ocms {

// Human-readable record numbers, PREFIX-YEAR-NNNNNN (at least six digits), exactly as the server's
// core.human_number() writes them.
class HumanNumber
{
public:
    static QString format(QStringView prefix, const QDateTime& created, qint64 number)
    {
        const QString digits =
            number < 1000000 ? QStringLiteral("%1").arg(number, 6, 10, QChar(u'0')) : QString::number(number);
        return prefix.toString() + u'-' + QString::number(created.toUTC().date().year()) + u'-' + digits;
    }
};

} // namespace ocms
