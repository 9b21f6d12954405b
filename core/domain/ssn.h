#pragma once

#include "result.h"

#include <QString>

namespace ocms {

// Social Security number: nine digits (FCMS 1.5), with the never-issued patterns refused
// (area 000 or 666, group 00, serial 0000).
class Ssn
{
public:
    static Result<Ssn> parse(QStringView input);

    const QString& digits() const { return m_digits; }
    QString formatted() const; // 123-45-6789
    QString masked() const;    // ***-**-6789

    friend bool operator==(const Ssn&, const Ssn&) = default;

private:
    explicit Ssn(QString digits) : m_digits(std::move(digits)) {}
    QString m_digits;
};

} // namespace ocms
