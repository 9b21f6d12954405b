#include "comparerowmodel.h"

namespace ocms {

CompareRowModel::CompareRowModel(QObject* parent) : QAbstractListModel(parent) {}

void CompareRowModel::setComparison(QStringList oldLines, QStringList newLines, QList<SideBySideRow> rows,
                                    QList<Entry> entries)
{
    beginResetModel();
    m_oldLines = std::move(oldLines);
    m_newLines = std::move(newLines);
    m_rows = std::move(rows);
    m_entries = std::move(entries);
    endResetModel();
}

int CompareRowModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_entries.size());
}

const SideBySideRow* CompareRowModel::rowAt(int displayedRow) const
{
    if (displayedRow < 0 || displayedRow >= m_entries.size() || m_entries[displayedRow].row < 0) {
        return nullptr;
    }
    return &m_rows[m_entries[displayedRow].row];
}

QString CompareRowModel::foldText(qsizetype folded)
{
    return folded == 1 ? tr("⋯ 1 unchanged paragraph ⋯") : tr("⋯ %1 unchanged paragraphs ⋯").arg(folded);
}

QVariant CompareRowModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= m_entries.size() || (role != Qt::DisplayRole && role != Qt::AccessibleTextRole)) {
        return {};
    }
    const SideBySideRow* row = rowAt(index.row());
    if (row == nullptr) {
        return foldText(m_entries[index.row()].folded);
    }
    // Copy and screen readers get both sides, old first.
    switch (row->kind) {
    case SideBySideRow::Kind::Same:
        return oldText(*row);
    case SideBySideRow::Kind::Deleted:
        return tr("Removed: %1").arg(oldText(*row));
    case SideBySideRow::Kind::Inserted:
        return tr("Added: %1").arg(newText(*row));
    case SideBySideRow::Kind::Changed:
        return tr("Changed: %1 → %2").arg(oldText(*row), newText(*row));
    }
    return {};
}

} // namespace ocms
