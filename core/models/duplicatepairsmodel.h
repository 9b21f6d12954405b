#pragma once

#include "duplicatepair.h"

#include <QAbstractTableModel>
#include <QList>

namespace ocms {

// The review list of likely duplicates: one row per pair, both names side by side, most certain first
// (the server's order). Filled with setPairs(); QtCore only.
class DuplicatePairsModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { FirstName, SecondName, DateOfBirth, ANumber, Reason, Score, ColumnCount };

    explicit DuplicatePairsModel(QObject* parent = nullptr) : QAbstractTableModel(parent) {}

    void setPairs(QList<DuplicatePair> pairs);
    const DuplicatePair& pairAt(int row) const { return m_pairs.at(row); }

    int rowCount(const QModelIndex& parent = {}) const override { return parent.isValid() ? 0 : int(m_pairs.size()); }
    int columnCount(const QModelIndex& parent = {}) const override { return parent.isValid() ? 0 : ColumnCount; }
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<DuplicatePair> m_pairs;
};

} // namespace ocms
