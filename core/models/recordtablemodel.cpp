#include "recordtablemodel.h"

#include "domain/codewords.h"

#include <QDateTime>
#include <QLocale>
#include <QRegularExpression>

namespace ocms {

void RecordTableModel::setTable(RecordTable table)
{
    beginResetModel();
    m_table = std::move(table);
    endResetModel();
}

QString RecordTableModel::displayText(const QVariant& value)
{
    if (!value.isValid() || value.isNull()) {
        return {};
    }
    switch (value.typeId()) {
    case QMetaType::QDate:
        return value.toDate().toString(Qt::ISODate);
    case QMetaType::QDateTime:
        return value.toDateTime().toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm"));
    case QMetaType::Bool:
        return value.toBool() ? QStringLiteral("Yes") : QStringLiteral("No");
    case QMetaType::Double:
        return QLocale().toString(value.toDouble(), 'f', 2);
    default: {
        // Codes (hearing_type…) read as words; anything else as written, first line only.
        static const QRegularExpression code(QStringLiteral("^[a-z]+(_[a-z]+)*$"));
        const QString text = value.toString();
        return (code.match(text).hasMatch() ? codeToWords(text) : text).section(u'\n', 0, 0);
    }
    }
}

bool RecordTableModel::isNumber(const QVariant& value)
{
    switch (value.typeId()) {
    case QMetaType::Int:
    case QMetaType::UInt:
    case QMetaType::LongLong:
    case QMetaType::ULongLong:
    case QMetaType::Double:
        return true;
    default:
        return false;
    }
}

QVariant RecordTableModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= m_table.size()) {
        return {};
    }
    const QVariant value = m_table.rows.at(index.row()).value(index.column());
    if (role == Qt::DisplayRole) {
        return displayText(value);
    }
    if (role == Qt::ToolTipRole && value.typeId() == QMetaType::QString && value.toString().size() > 40) {
        return value.toString();
    }
    if (role == kSortRole) {
        return value;
    }
    if (role == Qt::TextAlignmentRole && isNumber(value)) {
        return int(Qt::AlignRight | Qt::AlignVCenter);
    }
    return {};
}

QVariant RecordTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && role == Qt::DisplayRole && section < m_table.headers.size()) {
        return m_table.headers.at(section);
    }
    return {};
}

} // namespace ocms
