#include "anumber.h"

namespace ocms {

Result<ANumber> ANumber::parse(QStringView input)
{
    QString digits;
    bool seenPrefix = false;
    for (qsizetype i = 0; i < input.size(); ++i) {
        const QChar c = input[i];
        if (c.isDigit() && c.unicode() < 128) {
            digits.append(c);
        } else if ((c == u'A' || c == u'a') && digits.isEmpty() && !seenPrefix) {
            seenPrefix = true;
        } else if (c == u'-' || c == u' ' || c == u'.' || c == u'\t') {
            continue;
        } else {
            return fail(Error::validation(
                QStringLiteral("An A-Number holds only digits, optionally written like A-012-345-678.")));
        }
    }
    if (digits.isEmpty()) {
        return fail(Error::validation(QStringLiteral("Enter an A-Number.")));
    }
    if (digits.size() == 8) {
        digits.prepend(u'0');
    }
    if (digits.size() != 9) {
        return fail(Error::validation(
            QStringLiteral("An A-Number has eight or nine digits; %1 has %2.").arg(input.toString()).arg(digits.size())));
    }
    if (!isValidDigits(digits)) {
        return fail(Error::validation(QStringLiteral("%1 is not a valid A-Number.").arg(input.toString())));
    }
    return ANumber(digits);
}

bool ANumber::isValidDigits(QStringView digits)
{
    if (digits.size() != 9) {
        return false;
    }
    bool allZero = true;
    for (QChar c : digits) {
        if (!c.isDigit() || c.unicode() >= 128) {
            return false;
        }
        allZero = allZero && c == u'0';
    }
    return !allZero;
}

QString ANumber::formatted() const
{
    return QStringLiteral("A-%1-%2-%3").arg(m_digits.left(3), m_digits.mid(3, 3), m_digits.right(3));
}

} // namespace ocms
