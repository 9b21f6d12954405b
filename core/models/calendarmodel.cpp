#include "calendarmodel.h"

#include "domain/codewords.h"

#include <QColor>

#include <algorithm>

namespace ocms {

void CalendarModel::setEntries(QList<CalendarEntry> entries)
{
    std::stable_sort(entries.begin(), entries.end(), [](const CalendarEntry& a, const CalendarEntry& b) {
        if (a.day() != b.day()) {
            return a.day() < b.day();
        }
        if (a.allDay != b.allDay) {
            return a.allDay; // the day's deadlines first
        }
        return a.start < b.start;
    });
    beginResetModel();
    m_entries = std::move(entries);
    endResetModel();
}

QList<CalendarEntry> CalendarModel::entriesOn(const QDate& day) const
{
    QList<CalendarEntry> found;
    for (const CalendarEntry& entry : m_entries) {
        if (entry.day() == day) {
            found.append(entry);
        }
    }
    return found;
}

int CalendarModel::conflictCount() const
{
    return int(std::count_if(m_entries.begin(), m_entries.end(), [](const CalendarEntry& entry) { return entry.hasConflict(); }));
}

QString CalendarModel::shortText(const CalendarEntry& entry)
{
    const QString mark = entry.hasConflict() ? QStringLiteral("⚠ ") : QString();
    if (entry.allDay) {
        return mark + QStringLiteral("Due: %1 · %2").arg(entry.title, entry.caseNumber);
    }
    return mark + QStringLiteral("%1 %2 · %3 %4")
                      .arg(entry.start.toLocalTime().toString(QStringLiteral("HH:mm")), codeToWords(entry.type), entry.caseNumber, entry.party);
}

QString CalendarModel::tooltip(const CalendarEntry& entry)
{
    QStringList lines;
    if (entry.allDay) {
        lines.append(QStringLiteral("%1 due %2 — %3").arg(codeToWords(entry.type), entry.start.date().toString(Qt::ISODate), entry.title));
    } else {
        lines.append(QStringLiteral("%1 hearing %2–%3 (length assumed by type)")
                         .arg(codeToWords(entry.type), entry.start.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm")),
                              entry.end.toLocalTime().toString(QStringLiteral("HH:mm"))));
    }
    lines.append(QStringLiteral("%1 — %2").arg(entry.caseNumber, entry.party));
    if (!entry.location.isEmpty()) {
        lines.append(QStringLiteral("Where: ") + entry.location);
    }
    if (!entry.judge.isEmpty()) {
        lines.append(QStringLiteral("Judge: ") + entry.judge);
    }
    if (!entry.staff.isEmpty()) {
        lines.append(QStringLiteral("Staff: ") + entry.staff);
    }
    if (!entry.computation.isEmpty()) {
        lines.append(QStringLiteral("How it was computed: ") + entry.computation);
    }
    if (entry.hasConflict()) {
        lines.append(QStringLiteral("Conflict: ") + entry.conflict);
    }
    return lines.join(u'\n');
}

QVariant CalendarModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= m_entries.size()) {
        return {};
    }
    const CalendarEntry& entry = m_entries.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case When:
            return entry.allDay ? entry.start.date().toString(Qt::ISODate) + QStringLiteral(" (all day)")
                                : entry.start.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm"));
        case What: return entry.allDay ? QString(QStringLiteral("Due: ") + entry.title) : QString(codeToWords(entry.type) + QStringLiteral(" hearing"));
        case Case: return entry.caseNumber;
        case Party: return entry.party;
        case Where: return entry.location;
        case People: return entry.judge.isEmpty() ? entry.staff : QStringLiteral("Judge %1; %2").arg(entry.judge, entry.staff);
        case Conflict: return entry.conflict;
        default: return {};
        }
    case Qt::ToolTipRole: return tooltip(entry);
    case Qt::BackgroundRole: return entry.hasConflict() ? QVariant(QColor(0xfd, 0xec, 0xea)) : QVariant();
    case EntryRole: return QVariant::fromValue(entry);
    default: return {};
    }
}

QVariant CalendarModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    switch (section) {
    case When: return tr("When");
    case What: return tr("What");
    case Case: return tr("Case");
    case Party: return tr("Party");
    case Where: return tr("Where");
    case People: return tr("Who");
    case Conflict: return tr("Conflict");
    default: return {};
    }
}

} // namespace ocms
