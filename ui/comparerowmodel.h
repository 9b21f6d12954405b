#pragma once

#include "documents/textdiff.h"

#include <QAbstractListModel>

namespace ocms {

// The rows a version comparison shows: side-by-side rows of the diff, and "folds" standing for a stretch of
// unchanged paragraphs. One list row per entry, so both sides scroll as one.
class CompareRowModel final : public QAbstractListModel
{
    Q_OBJECT
public:
    struct Entry
    {
        qsizetype row = -1;    // index into rows(), -1 for a fold
        qsizetype folded = 0;  // paragraphs a fold stands for
    };

    explicit CompareRowModel(QObject* parent = nullptr);

    void setComparison(QStringList oldLines, QStringList newLines, QList<SideBySideRow> rows, QList<Entry> entries);

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;

    const Entry& entry(int displayedRow) const { return m_entries[displayedRow]; }
    // The diff row shown at displayedRow, or nullptr for a fold.
    const SideBySideRow* rowAt(int displayedRow) const;
    QString oldText(const SideBySideRow& row) const { return row.oldLine >= 0 ? m_oldLines[row.oldLine] : QString(); }
    QString newText(const SideBySideRow& row) const { return row.newLine >= 0 ? m_newLines[row.newLine] : QString(); }
    static QString foldText(qsizetype folded);

private:
    QStringList m_oldLines;
    QStringList m_newLines;
    QList<SideBySideRow> m_rows;
    QList<Entry> m_entries;
};

} // namespace ocms
