#include "timesheetweekmodel.h"

#include <QFont>
#include <QLocale>

#include <numeric>

namespace ocms {

void TimesheetWeekModel::setWeek(const QDate& monday, const RecordTable& entries)
{
    beginResetModel();
    m_monday = monday;
    m_lines.clear();
    m_totals = Line{tr("Total"), {}};
    QHash<QString, qsizetype> lineOf;
    for (qsizetype row = 0; row < entries.size(); ++row) {
        const qint64 day = monday.daysTo(entries.value(row, QStringLiteral("Date")).toDate());
        if (day < 0 || day > 6) {
            continue;
        }
        const QString target = entries.value(row, QStringLiteral("Target")).toString();
        auto it = lineOf.constFind(target);
        if (it == lineOf.cend()) {
            it = lineOf.insert(target, m_lines.size());
            m_lines.append(Line{entries.value(row, QStringLiteral("On")).toString() + QStringLiteral(" — ") +
                                    entries.value(row, QStringLiteral("Title")).toString(),
                                {}});
        }
        const double hours = entries.value(row, QStringLiteral("Hours")).toDouble();
        m_lines[*it].days[day] += hours;
        m_totals.days[day] += hours;
    }
    endResetModel();
}

int TimesheetWeekModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_lines.size()) + 1;
}

double TimesheetWeekModel::hours(int row, int day) const
{
    if (day < 0 || day > 6 || row < 0 || row > m_lines.size()) {
        return 0;
    }
    return row == m_lines.size() ? m_totals.days[day] : m_lines.at(row).days[day];
}

double TimesheetWeekModel::rowTotal(int row) const
{
    double total = 0;
    for (int day = 0; day < 7; ++day) {
        total += hours(row, day);
    }
    return total;
}

double TimesheetWeekModel::weekTotal() const
{
    return rowTotal(int(m_lines.size()));
}

QVariant TimesheetWeekModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() > m_lines.size()) {
        return {};
    }
    const bool totals = index.row() == m_lines.size();
    if (role == Qt::DisplayRole) {
        if (index.column() == 0) {
            return totals ? m_totals.label : m_lines.at(index.row()).label;
        }
        const double value = index.column() == 8 ? rowTotal(index.row()) : hours(index.row(), index.column() - 1);
        return value == 0 ? QString() : QLocale().toString(value, 'f', 2);
    }
    if (role == Qt::TextAlignmentRole && index.column() > 0) {
        return int(Qt::AlignRight | Qt::AlignVCenter);
    }
    if (role == Qt::FontRole && (totals || index.column() == 8)) {
        QFont bold;
        bold.setBold(true);
        return bold;
    }
    return {};
}

QVariant TimesheetWeekModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    if (section == 0) {
        return tr("Case or project");
    }
    if (section == 8) {
        return tr("Total");
    }
    const QDate day = m_monday.addDays(section - 1);
    return QLocale().toString(day, QStringLiteral("ddd d MMM"));
}

} // namespace ocms
