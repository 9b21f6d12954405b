#include "icalendarwriter.h"

#include "domain/codewords.h"

namespace ocms {

namespace {

QByteArray utc(const QDateTime& moment)
{
    return moment.toUTC().toString(QStringLiteral("yyyyMMdd'T'HHmmss'Z'")).toLatin1();
}

QByteArray date(const QDate& day)
{
    return day.toString(QStringLiteral("yyyyMMdd")).toLatin1();
}

} // namespace

QString ICalendarWriter::escapeText(const QString& text)
{
    QString escaped;
    escaped.reserve(text.size());
    for (const QChar c : text) {
        switch (c.unicode()) {
        case '\\': escaped += QStringLiteral("\\\\"); break;
        case ';': escaped += QStringLiteral("\\;"); break;
        case ',': escaped += QStringLiteral("\\,"); break;
        case '\n': escaped += QStringLiteral("\\n"); break;
        case '\r': break;
        default: escaped += c;
        }
    }
    return escaped;
}

QByteArray ICalendarWriter::fold(const QByteArray& line)
{
    // 75 octets per physical line; continuation lines start with a space (which counts).
    QByteArray folded;
    qsizetype start = 0;
    qsizetype limit = 75;
    while (line.size() - start > limit) {
        qsizetype cut = start + limit;
        while (cut > start && (static_cast<unsigned char>(line.at(cut)) & 0xC0) == 0x80) {
            --cut; // never inside a UTF-8 sequence
        }
        folded += line.mid(start, cut - start) + "\r\n ";
        start = cut;
        limit = 74;
    }
    folded += line.mid(start) + "\r\n";
    return folded;
}

QByteArray ICalendarWriter::write(const QList<CalendarEntry>& entries, const QString& calendarName, const QDateTime& stamp)
{
    QByteArray out;
    const auto property = [&out](const QByteArray& name, const QString& value) {
        out += fold(name + ':' + escapeText(value).toUtf8());
    };
    out += fold("BEGIN:VCALENDAR");
    out += fold("VERSION:2.0");
    out += fold("PRODID:-//OCMS//Case calendar//EN");
    out += fold("CALSCALE:GREGORIAN");
    property("X-WR-CALNAME", calendarName);
    for (const CalendarEntry& entry : entries) {
        out += fold("BEGIN:VEVENT");
        out += fold("UID:" + entry.id.toString(QUuid::WithoutBraces).toLatin1() + "@ocms");
        out += fold("DTSTAMP:" + utc(stamp));
        if (entry.allDay) {
            out += fold("DTSTART;VALUE=DATE:" + date(entry.start.date()));
            out += fold("DTEND;VALUE=DATE:" + date(entry.start.date().addDays(1)));
        } else {
            out += fold("DTSTART:" + utc(entry.start));
            out += fold("DTEND:" + utc(entry.end));
        }
        const bool hearing = entry.kind == CalendarEntry::Kind::Hearing;
        property("SUMMARY", hearing ? QStringLiteral("%1 hearing: %2 (%3)").arg(codeToWords(entry.type), entry.party, entry.caseNumber)
                                    : QStringLiteral("Due: %1 (%2)").arg(entry.title, entry.caseNumber));
        if (!entry.location.isEmpty()) {
            property("LOCATION", entry.location);
        }
        QStringList description;
        if (!entry.judge.isEmpty()) {
            description.append(QStringLiteral("Judge: ") + entry.judge);
        }
        if (!entry.staff.isEmpty()) {
            description.append(QStringLiteral("Staff: ") + entry.staff);
        }
        if (!entry.computation.isEmpty()) {
            description.append(QStringLiteral("How it was computed: ") + entry.computation);
        }
        if (entry.hasConflict()) {
            description.append(QStringLiteral("CONFLICT: ") + entry.conflict);
        }
        if (!description.isEmpty()) {
            property("DESCRIPTION", description.join(u'\n'));
        }
        property("CATEGORIES", hearing ? QStringLiteral("Hearing") : QStringLiteral("Deadline"));
        if (!hearing) {
            out += fold("TRANSP:TRANSPARENT"); // a due date does not make anyone busy
        }
        out += fold("END:VEVENT");
    }
    out += fold("END:VCALENDAR");
    return out;
}

} // namespace ocms
