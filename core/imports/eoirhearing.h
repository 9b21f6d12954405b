#pragma once

#include <QDate>
#include <QList>
#include <QString>
#include <QTime>

namespace ocms {

// One immigration-court hearing as the EOIR hearing look-up service reports it (core/imports/FORMATS.md,
// "EOIR hearing look-ups"). Validated by EoirHearingService::parse: the A-Number is nine digits, date and time
// are real, the court and judge are named.
struct EoirHearing
{
    struct Attorney
    {
        QString name;
        QString represents; // "respondent" or "government"
        QString eoirId;     // EOIR practitioner id, may be empty
    };
    struct HistoryEvent
    {
        QDate date;
        QString event;
    };
    struct Disposition
    {
        QDate date;
        QString code;     // EOIR decision code, e.g. "RM" (removal ordered)
        QString decision; // in words
    };

    QString aNumber;     // nine digits
    QString hearingId;   // the service's key for the hearing
    QDate date;
    QTime time;          // local time at the court
    QString court;       // e.g. "Baltimore Immigration Court"
    QString courtroom;   // may be empty
    QString address;     // may be empty
    QString judge;
    QString hearingType; // "master", "individual", "bond"... may be empty
    QList<Attorney> attorneys;
    QList<HistoryEvent> caseHistory; // oldest first
    QList<Disposition> dispositions;
};

} // namespace ocms
