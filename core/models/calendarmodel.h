#pragma once

#include "calendar/calendarentry.h"

#include <QAbstractTableModel>

namespace ocms {

// Calendar entries as an agenda, in time order: deadlines first on their day, then hearings by time.
// Conflicts are marked (background, tooltip saying with what); a deadline's tooltip shows its working.
class CalendarModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { When, What, Case, Party, Where, People, Conflict, ColumnCount };
    static constexpr int EntryRole = Qt::UserRole + 1;

    explicit CalendarModel(QObject* parent = nullptr) : QAbstractTableModel(parent) {}

    void setEntries(QList<CalendarEntry> entries);
    const QList<CalendarEntry>& entries() const { return m_entries; }
    QList<CalendarEntry> entriesOn(const QDate& day) const;
    int conflictCount() const;

    int rowCount(const QModelIndex& parent = {}) const override { return parent.isValid() ? 0 : int(m_entries.size()); }
    int columnCount(const QModelIndex& parent = {}) const override { return parent.isValid() ? 0 : ColumnCount; }
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // One line for an entry in a day cell: "09:00 Master calendar · CASE-… Party" or "Due: …".
    static QString shortText(const CalendarEntry& entry);
    static QString tooltip(const CalendarEntry& entry);

private:
    QList<CalendarEntry> m_entries;
};

} // namespace ocms
