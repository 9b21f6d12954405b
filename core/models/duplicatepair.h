#pragma once

#include <QDate>
#include <QDateTime>
#include <QString>
#include <QUuid>

namespace ocms {

// One side of a likely duplicate, as the review list shows it.
struct PersonSummary
{
    QUuid id;
    QString name;
    QDate dateOfBirth;
    QString aNumber;
    QString nationality;
};

// Two records that may be one person, with why they were paired and how sure the match is (0–1).
struct DuplicatePair
{
    PersonSummary first;
    PersonSummary second;
    QString reason;
    double score = 0;
    QDateTime foundAt;
};

} // namespace ocms
