#include "duplicatepairsmodel.h"

namespace ocms {

namespace {

// Both sides' values, shown once when they agree.
QString both(const QString& first, const QString& second)
{
    if (first == second) {
        return first;
    }
    return (first.isEmpty() ? QStringLiteral("—") : first) + QStringLiteral(" / ") + (second.isEmpty() ? QStringLiteral("—") : second);
}

} // namespace

void DuplicatePairsModel::setPairs(QList<DuplicatePair> pairs)
{
    beginResetModel();
    m_pairs = std::move(pairs);
    endResetModel();
}

QVariant DuplicatePairsModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= m_pairs.size()) {
        return {};
    }
    const DuplicatePair& pair = m_pairs.at(index.row());
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case FirstName: return pair.first.name;
        case SecondName: return pair.second.name;
        case DateOfBirth:
            return both(pair.first.dateOfBirth.toString(Qt::ISODate), pair.second.dateOfBirth.toString(Qt::ISODate));
        case ANumber: return both(pair.first.aNumber, pair.second.aNumber);
        case Reason: return pair.reason;
        case Score: return QStringLiteral("%1 %").arg(qRound(pair.score * 100));
        default: return {};
        }
    }
    if (role == Qt::TextAlignmentRole && index.column() == Score) {
        return int(Qt::AlignRight | Qt::AlignVCenter);
    }
    return {};
}

QVariant DuplicatePairsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    switch (section) {
    case FirstName: return tr("Record");
    case SecondName: return tr("Possibly the same as");
    case DateOfBirth: return tr("Born");
    case ANumber: return tr("A-Number");
    case Reason: return tr("Why");
    case Score: return tr("Match");
    default: return {};
    }
}

} // namespace ocms
