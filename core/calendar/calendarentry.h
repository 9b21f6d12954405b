#pragma once

#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QUuid>

namespace ocms {

// A hearing (with a time) or an open deadline (all day) on the calendar, with what it clashes with.
struct CalendarEntry
{
    enum class Kind { Hearing, Deadline };

    Kind kind = Kind::Hearing;
    QUuid id;
    QUuid caseId;
    QString caseNumber;
    QString party;
    QDateTime start;
    QDateTime end;
    bool allDay = false;
    QString type;        // hearing type or deadline kind (code)
    QString title;       // what is due (deadlines)
    QString location;
    QString judge;
    QString computation; // the rule and arithmetic behind a deadline
    QString staff;
    QString conflict;    // empty: none

    bool hasConflict() const { return !conflict.isEmpty(); }
    QDate day() const { return allDay ? start.date() : start.toLocalTime().date(); }
};

// Whose calendar: the signed-in user's, an attorney's (user id), an office's (office id) or a court's (name).
struct CalendarScope
{
    enum class Kind { Mine, Attorney, Office, Court };
    Kind kind = Kind::Mine;
    QString value;

    QString code() const;
};

} // namespace ocms

Q_DECLARE_METATYPE(ocms::CalendarEntry)
