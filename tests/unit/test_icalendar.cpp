#include "calendar/icalendarwriter.h"
#include "models/calendarmodel.h"

#include "catchqt.h"

using namespace ocms;

namespace {

CalendarEntry hearing()
{
    CalendarEntry entry;
    entry.kind = CalendarEntry::Kind::Hearing;
    entry.id = QUuid::fromString(QStringLiteral("{6f1c1d2e-0000-4000-8000-000000000001}"));
    entry.caseNumber = QStringLiteral("CASE-2026-000123");
    entry.party = QStringLiteral("Ibáñez, Lucía");
    entry.start = QDateTime(QDate(2027, 1, 5), QTime(14, 0), Qt::UTC);
    entry.end = entry.start.addSecs(3600);
    entry.type = QStringLiteral("master_calendar");
    entry.location = QStringLiteral("Atlanta Immigration Court, courtroom 4B");
    entry.judge = QStringLiteral("Park");
    entry.conflict = QStringLiteral("Alma also has a hearing at 14:30 (CASE-2026-000124)");
    return entry;
}

// Unfolds physical lines back into logical ones (RFC 5545 3.1).
QStringList unfold(const QByteArray& text)
{
    QStringList lines;
    for (const QByteArray& physical : text.split('\n')) {
        if (physical.isEmpty()) {
            continue;
        }
        QByteArray line = physical;
        REQUIRE(line.endsWith('\r'));
        line.chop(1);
        if (line.startsWith(' ')) {
            REQUIRE_FALSE(lines.isEmpty());
            lines.last() += QString::fromUtf8(line.mid(1));
        } else {
            lines.append(QString::fromUtf8(line));
        }
    }
    return lines;
}

} // namespace

TEST_CASE("iCalendar text is escaped and long lines fold at 75 octets without splitting a character", "[calendar][icalendar]")
{
    CHECK(ICalendarWriter::escapeText(QStringLiteral("a,b;c\\d\ne")) == QStringLiteral("a\\,b\\;c\\\\d\\ne"));
    const QByteArray longLine = "DESCRIPTION:" + QString(QStringLiteral("é")).repeated(80).toUtf8();
    const QByteArray folded = ICalendarWriter::fold(longLine);
    for (const QByteArray& physical : folded.split('\n')) {
        CHECK(physical.size() <= 76); // 75 octets + the CR
        CHECK(QString::fromUtf8(physical).toUtf8() == physical); // no broken UTF-8 sequence
    }
    CHECK(unfold(folded) == QStringList{QString::fromUtf8(longLine)});
}

TEST_CASE("A calendar exports hearings in UTC and deadlines as all-day events, with conflicts and working", "[calendar][icalendar]")
{
    CalendarEntry due;
    due.kind = CalendarEntry::Kind::Deadline;
    due.id = QUuid::fromString(QStringLiteral("{6f1c1d2e-0000-4000-8000-000000000002}"));
    due.caseNumber = QStringLiteral("CASE-2026-000123");
    due.allDay = true;
    due.start = QDateTime(QDate(2027, 1, 4), QTime(0, 0));
    due.title = QStringLiteral("Pre-hearing statement due");
    due.computation = QStringLiteral("Hearing set for 2027-01-05 (Tue). Rule IC-PREHEARING: 15 calendar days before");
    const QStringList lines = unfold(ICalendarWriter::write({hearing(), due}, QStringLiteral("OCMS week"),
                                                           QDateTime(QDate(2026, 11, 22), QTime(16, 0), Qt::UTC)));
    CHECK(lines.first() == QStringLiteral("BEGIN:VCALENDAR"));
    CHECK(lines.last() == QStringLiteral("END:VCALENDAR"));
    CHECK(lines.count(QStringLiteral("BEGIN:VEVENT")) == 2);
    CHECK(lines.count(QStringLiteral("END:VEVENT")) == 2);
    CHECK(lines.contains(QStringLiteral("VERSION:2.0")));
    CHECK(lines.contains(QStringLiteral("UID:6f1c1d2e-0000-4000-8000-000000000001@ocms")));
    CHECK(lines.contains(QStringLiteral("DTSTART:20270105T140000Z")));
    CHECK(lines.contains(QStringLiteral("DTEND:20270105T150000Z")));
    CHECK(lines.contains(QStringLiteral("DTSTAMP:20261122T160000Z")));
    CHECK(lines.contains(QStringLiteral("SUMMARY:Master calendar hearing: Ibáñez\\, Lucía (CASE-2026-000123)")));
    CHECK(lines.contains(QStringLiteral("LOCATION:Atlanta Immigration Court\\, courtroom 4B")));
    CHECK(lines.contains(QStringLiteral("DTSTART;VALUE=DATE:20270104")));
    CHECK(lines.contains(QStringLiteral("DTEND;VALUE=DATE:20270105")));
    CHECK(lines.contains(QStringLiteral("TRANSP:TRANSPARENT")));
    const QString description = lines.filter(QStringLiteral("DESCRIPTION:Judge: Park")).value(0);
    CHECK(description.contains(QStringLiteral("\\nCONFLICT: Alma also has a hearing at 14:30 (CASE-2026-000124)")));
    CHECK(lines.filter(QStringLiteral("How it was computed: Hearing set for 2027-01-05")).size() == 1);
}

TEST_CASE("The agenda puts a day's deadlines first and marks conflicts", "[calendar][models]")
{
    CalendarModel model;
    CalendarEntry due;
    due.kind = CalendarEntry::Kind::Deadline;
    due.allDay = true;
    due.start = QDateTime(QDate(2027, 1, 5), QTime(0, 0));
    due.title = QStringLiteral("Brief due");
    CalendarEntry later = hearing();
    later.conflict.clear();
    later.start = later.start.addDays(1);
    model.setEntries({later, hearing(), due});
    REQUIRE(model.rowCount() == 3);
    CHECK(model.entries().at(0).title == QStringLiteral("Brief due"));
    CHECK(model.entries().at(1).hasConflict());
    CHECK(model.conflictCount() == 1);
    CHECK(model.entriesOn(QDate(2027, 1, 5)).size() == 2);
    CHECK(model.data(model.index(1, CalendarModel::Conflict)).toString().contains(QStringLiteral("14:30")));
    CHECK(model.data(model.index(1, CalendarModel::When), Qt::BackgroundRole).isValid());
    CHECK_FALSE(model.data(model.index(2, CalendarModel::When), Qt::BackgroundRole).isValid());
    CHECK(CalendarModel::shortText(model.entries().at(1)).startsWith(QStringLiteral("⚠ ")));
}
