#pragma once

#include "recordtable.h"

#include <QAbstractTableModel>
#include <QDate>

namespace ocms {

// A week of the user's time as a grid: one row per case or project charged, one column per day and a
// total, and a last row of day totals. Built from the week's entries (TimesheetRepository::week()).
class TimesheetWeekModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    explicit TimesheetWeekModel(QObject* parent = nullptr) : QAbstractTableModel(parent) {}

    void setWeek(const QDate& monday, const RecordTable& entries);
    const QDate& monday() const { return m_monday; }
    double hours(int row, int day) const; // day 0..6; row == rowCount() - 1 is the totals row
    double rowTotal(int row) const;
    double weekTotal() const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override { return parent.isValid() ? 0 : 9; }
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Line
    {
        QString label;
        double days[7] = {};
    };
    QDate m_monday;
    QList<Line> m_lines;
    Line m_totals;
};

} // namespace ocms
