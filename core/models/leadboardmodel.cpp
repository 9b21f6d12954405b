#include "leadboardmodel.h"

#include <QBrush>
#include <QColor>
#include <QLocale>

namespace ocms {

void LeadBoardModel::setBoard(const LeadBoard& board, const QDateTime& now)
{
    beginResetModel();
    m_board = board;
    m_now = now;
    endResetModel();
}

const LeadBoardRow* LeadBoardModel::rowAt(int row) const
{
    return row >= 0 && row < m_board.rows.size() ? &m_board.rows.at(row) : nullptr;
}

int LeadBoardModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_board.rows.size());
}

int LeadBoardModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString LeadBoardModel::statusLabel(const QString& status)
{
    if (status == u"in_progress") {
        return QStringLiteral("In progress");
    }
    QString label = status;
    label.replace(u'_', u' ');
    return label.isEmpty() ? label : label.at(0).toUpper() + label.mid(1);
}

QVariant LeadBoardModel::data(const QModelIndex& index, int role) const
{
    const LeadBoardRow* lead = index.isValid() ? rowAt(index.row()) : nullptr;
    if (!lead) {
        return {};
    }
    if (role == LeadIdRole) {
        return lead->id;
    }
    if (role == FugitiveIdRole) {
        return lead->fugitiveId;
    }
    if (role == Qt::TextAlignmentRole) {
        const bool numeric = index.column() == Priority || index.column() == Relevance || index.column() == Age;
        return QVariant::fromValue(Qt::Alignment(numeric ? Qt::AlignRight | Qt::AlignVCenter : Qt::AlignLeft | Qt::AlignVCenter));
    }
    // Threat first (the score's documented weights): a gang member or violent offender stands out.
    if (role == Qt::BackgroundRole && index.column() == Priority) {
        if (lead->priority >= 40) {
            return QBrush(QColor(0xf4, 0xc7, 0xc3));
        }
        if (lead->priority >= 20) {
            return QBrush(QColor(0xfc, 0xe8, 0xb2));
        }
        return {};
    }
    if (role == Qt::ToolTipRole && index.column() == Team && lead->team.isEmpty()) {
        return QStringLiteral("No team's jurisdiction covers this ZIP code: headquarters assigns it.");
    }
    if (role != Qt::DisplayRole) {
        return {};
    }
    const QLocale locale;
    switch (index.column()) {
    case Priority: return locale.toString(lead->priority, 'f', 1);
    case Lead: return lead->leadNumber;
    case Status: return statusLabel(lead->status);
    case Fugitive: return QStringLiteral("%1 (%2)").arg(lead->fugitiveName, lead->fugitiveNumber);
    case FugitiveStatus: return statusLabel(lead->fugitiveStatus);
    case Address: return lead->address;
    case Zip: return lead->zip;
    case Source: return lead->source;
    case Relevance: return lead->relevance < 0 ? QString() : locale.toString(lead->relevance, 'f', 0);
    case Team: return lead->team.isEmpty() ? QStringLiteral("HQ queue") : lead->team;
    case Age: return lead->recordedAt.isValid() ? QVariant(qMax<qint64>(0, lead->recordedAt.daysTo(m_now))) : QVariant();
    case LastActivity:
        return lead->lastActivityAt.isValid() ? lead->lastActivityAt.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm"))
                                              : QStringLiteral("—");
    default: return {};
    }
}

QVariant LeadBoardModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal) {
        return {};
    }
    if (role == Qt::ToolTipRole) {
        LeadBoardSort sort;
        return sortFor(section, &sort) ? QStringLiteral("Click to sort the board by this column")
                                       : QStringLiteral("The board cannot be sorted by this column");
    }
    if (role != Qt::DisplayRole) {
        return {};
    }
    switch (section) {
    case Priority: return QStringLiteral("Priority");
    case Lead: return QStringLiteral("Lead");
    case Status: return QStringLiteral("Status");
    case Fugitive: return QStringLiteral("Fugitive");
    case FugitiveStatus: return QStringLiteral("Fugitive status");
    case Address: return QStringLiteral("Address");
    case Zip: return QStringLiteral("ZIP");
    case Source: return QStringLiteral("Source");
    case Relevance: return QStringLiteral("Relevance");
    case Team: return QStringLiteral("Team");
    case Age: return QStringLiteral("Age (days)");
    case LastActivity: return QStringLiteral("Last activity");
    default: return {};
    }
}

bool LeadBoardModel::sortFor(int column, LeadBoardSort* sort)
{
    switch (column) {
    case Priority: *sort = LeadBoardSort::Priority; return true;
    case Lead: *sort = LeadBoardSort::LeadNumber; return true;
    case Status: *sort = LeadBoardSort::Status; return true;
    case Zip: *sort = LeadBoardSort::Zip; return true;
    case Age: *sort = LeadBoardSort::Age; return true;
    default: return false;
    }
}

int LeadBoardModel::columnFor(LeadBoardSort sort)
{
    switch (sort) {
    case LeadBoardSort::Priority: return Priority;
    case LeadBoardSort::LeadNumber: return Lead;
    case LeadBoardSort::Status: return Status;
    case LeadBoardSort::Zip: return Zip;
    case LeadBoardSort::Age: return Age;
    }
    return Priority;
}

void LeadBoardModel::sort(int column, Qt::SortOrder order)
{
    LeadBoardSort sort;
    if (sortFor(column, &sort)) {
        Q_EMIT sortRequested(sort, order);
    }
}

} // namespace ocms
