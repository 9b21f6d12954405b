#pragma once

#include "calendarentry.h"

#include <QByteArray>
#include <QDateTime>

namespace ocms {

// Calendar entries as an iCalendar file (RFC 5545): hearings as timed events in UTC, deadlines as all-day
// events, conflicts and a deadline's working in the description. Lines end in CRLF and are folded at 75
// octets without splitting a UTF-8 character; text is escaped. UIDs are the records' keys, so importing
// the file again updates the events instead of doubling them.
class ICalendarWriter
{
public:
    static QByteArray write(const QList<CalendarEntry>& entries, const QString& calendarName, const QDateTime& stamp);

    // The building blocks, public for tests.
    static QByteArray fold(const QByteArray& line);
    static QString escapeText(const QString& text);
};

} // namespace ocms
