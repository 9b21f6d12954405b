#pragma once

#include "result.h"

#include <QDate>
#include <QJsonObject>
#include <QString>
#include <QUuid>

#include <optional>

namespace ocms {

// What the case list is narrowed to. Every field is optional; an empty filter lists every case the user
// may see. Stored as JSON in saved searches, so fields are only ever added, never renamed.
struct CaseListFilter
{
    QString aNumber;          // digits: nine = that A-Number, fewer = A-Numbers starting with them
    QString name;             // a party's name or alias, accent- and case-insensitive
    bool similarNames = false; // trigram similarity instead of a prefix
    QString caseType;         // rules list 'case_type'
    QString court;            // court name as listed
    QUuid officeId;
    QUuid attorneyId;
    QString status;           // open, pending_appeal, closed, reopened
    QDate hearingFrom;        // next hearing between these days (inclusive)
    QDate hearingTo;
    QDate deadlineFrom;       // next open deadline between these days (inclusive)
    QDate deadlineTo;

    bool operator==(const CaseListFilter&) const = default;
    bool isEmpty() const { return *this == CaseListFilter{}; }

    // The A-Number digits to search for ("A-012-345" → "012345"); empty when no A-Number is given.
    QString aNumberDigits() const;
    // The name as the server's name key compares it: commas and repeated spaces removed.
    QString nameSearchText() const;
    enum class Field { ANumber, Name, HearingRange, DeadlineRange };
    struct Problem
    {
        Field field; // where the form shows the message
        QString message;
    };
    // The first input that cannot be searched (letters in an A-Number, a range ending before it starts).
    std::optional<Problem> problem() const;
    // The same as an Error, for callers outside a form.
    Result<void> validate() const;

    QJsonObject toJson() const;
    static CaseListFilter fromJson(const QJsonObject& json);
};

} // namespace ocms
