#pragma once

#include <QDate>
#include <QString>

namespace ocms {

// One asylum referral from RAPS (an asylum office referring an applicant to immigration court), as read
// from the decrypted referral file (core/imports/FORMATS.md, "RAPS asylum referrals").
struct RapsReferral
{
    qint64 line = 0;       // the file's own line number
    QString aNumber;       // nine digits
    QString familyName;
    QString givenName;     // may be empty (a single name)
    QDate dateOfBirth;
    QString country;       // ISO 3166-1 alpha-2 country of citizenship, upper case
    QDate referralDate;
    QString asylumOffice;  // three letters, e.g. ZNY
    QString reason;
};

} // namespace ocms
