#pragma once

#include <QDate>
#include <QString>

namespace ocms {

// One checked line of an EID daily extract (FORMATS.md, "EID daily extract"): EID's subject with their
// biographic data and the latest arrest, booking, detention, removal and custody status.
struct EidRecord
{
    qint64 line = 0;
    QString subjectId;  // EID's own key for the subject (digits)
    QString aNumber;    // nine digits
    QString familyName;
    QString givenName;
    QDate dateOfBirth;
    QString country;    // ISO 3166 two letters, upper case
    QString sex;        // F, M, X or U
    QDate arrestDate;
    QString arrestLocation;
    QDate bookingDate;
    QString detentionFacility;
    QDate releaseDate;
    QDate removalDate;
    QString custodyStatus; // detained, released, not_detained, removed, unknown
};

} // namespace ocms
