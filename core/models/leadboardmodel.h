#pragma once

#include "field/leadboard.h"
#include "field/leadboardfilter.h"

#include <QAbstractTableModel>

namespace ocms {

// A lead board's rows for a table view. Sorting is the server's: a click on a sortable header asks for the
// board again in that order (sortRequested); the rows shown are always the first of the server's order.
class LeadBoardModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Priority, Lead, Status, Fugitive, FugitiveStatus, Address, Zip, Source, Relevance, Team, Age, LastActivity, ColumnCount };
    enum Role { LeadIdRole = Qt::UserRole + 1, FugitiveIdRole };

    explicit LeadBoardModel(QObject* parent = nullptr) : QAbstractTableModel(parent) {}

    void setBoard(const LeadBoard& board, const QDateTime& now = QDateTime::currentDateTimeUtc());
    const LeadBoard& board() const { return m_board; }
    const LeadBoardRow* rowAt(int row) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

    // The server order a column sorts by; false for columns the board cannot sort by.
    static bool sortFor(int column, LeadBoardSort* sort);
    static int columnFor(LeadBoardSort sort);
    static QString statusLabel(const QString& status);

Q_SIGNALS:
    void sortRequested(ocms::LeadBoardSort sort, Qt::SortOrder order);

private:
    LeadBoard m_board;
    QDateTime m_now;
};

} // namespace ocms
