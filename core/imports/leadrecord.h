#pragma once

#include <QDate>
#include <QString>

#include <optional>

namespace ocms {

// One lead line of an import file after validation: values normalised, ready for the staging table.
struct LeadRecord
{
    qint64 line = 0;
    QString aNumber;             // nine digits
    QDate dateOfBirth;           // invalid: not given
    QString ssn;                 // nine digits, or empty
    QString addressLine1;
    QString city;                // as given; replaced from the ZIP table when the ZIP is known
    QString state;               // two upper-case letters, or empty
    QString zip;                 // five digits
    std::optional<double> relevanceScore; // 0–100
    QString sourceCode;          // the line's own source, else the import's
    QString sourceDetail;
    QString notes;               // the line's notes, with the reported name and date
};

} // namespace ocms
