#pragma once

#include "result.h"

#include <QString>

namespace ocms {

// Alien Registration Number: nine digits. Accepts "A-012-345-678", "A12345678", "12345678";
// older eight-digit numbers are left-padded with a zero.
class ANumber
{
public:
    static Result<ANumber> parse(QStringView input);
    static bool isValidDigits(QStringView digits);

    const QString& digits() const { return m_digits; }
    QString formatted() const; // A-012-345-678

    friend bool operator==(const ANumber&, const ANumber&) = default;

private:
    explicit ANumber(QString digits) : m_digits(std::move(digits)) {}
    QString m_digits;
};

} // namespace ocms
