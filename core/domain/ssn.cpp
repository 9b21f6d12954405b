#include "ssn.h"

namespace ocms {

Result<Ssn> Ssn::parse(QStringView input)
{
    QString digits;
    for (QChar c : input) {
        if (c.isDigit() && c.unicode() < 128) {
            digits.append(c);
        } else if (c != u'-' && c != u' ') {
            return fail(Error::validation(QStringLiteral("A Social Security number holds nine digits, like 123-45-6789.")));
        }
    }
    if (digits.size() != 9) {
        return fail(Error::validation(
            QStringLiteral("A Social Security number has nine digits; this one has %1.").arg(digits.size())));
    }
    const QStringView area = QStringView(digits).left(3);
    if (area == u"000" || area == u"666" || QStringView(digits).mid(3, 2) == u"00" ||
        QStringView(digits).right(4) == u"0000") {
        return fail(Error::validation(
            QStringLiteral("%1 is not a valid Social Security number.").arg(Ssn(digits).formatted())));
    }
    return Ssn(digits);
}

QString Ssn::formatted() const
{
    return m_digits.left(3) + u'-' + m_digits.mid(3, 2) + u'-' + m_digits.right(4);
}

QString Ssn::masked() const
{
    return QStringLiteral("***-**-") + m_digits.right(4);
}

} // namespace ocms
