#pragma once

#include "recordtable.h"

#include <QAbstractTableModel>

namespace ocms {

// Shows a RecordTable (a tab of a record) in a view: dates and times in the user's locale, long text on
// one line with the whole text as the tooltip. Read-only; the rows are replaced whenever the record reloads.
class RecordTableModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    // The stored value itself, for sorting (numbers as numbers, dates as dates).
    static constexpr int kSortRole = Qt::UserRole + 1;

    explicit RecordTableModel(QObject* parent = nullptr) : QAbstractTableModel(parent) {}

    void setTable(RecordTable table);
    const RecordTable& table() const { return m_table; }
    QUuid idAt(int row) const { return row >= 0 && row < m_table.ids.size() ? m_table.ids.at(row) : QUuid(); }

    int rowCount(const QModelIndex& parent = {}) const override { return parent.isValid() ? 0 : int(m_table.size()); }
    int columnCount(const QModelIndex& parent = {}) const override { return parent.isValid() ? 0 : int(m_table.headers.size()); }
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // How a stored value reads on screen (also used by detail panes).
    static QString displayText(const QVariant& value);
    static bool isNumber(const QVariant& value);

private:
    RecordTable m_table;
};

} // namespace ocms
