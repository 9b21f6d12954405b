#pragma once

#include <QList>
#include <QString>
#include <QStringList>
#include <QUuid>
#include <QVariantList>

namespace ocms {

// A list shown on a tab of a record: column headers, rows of display values, and each row's own key
// (null when the rows have none). Filled by a repository, shown by RecordTableModel.
struct RecordTable
{
    QStringList headers;
    QList<QVariantList> rows;
    QList<QUuid> ids;

    qsizetype size() const { return rows.size(); }
    bool isEmpty() const { return rows.isEmpty(); }
    // The value in a column by its header, for tests and details panes.
    QVariant value(qsizetype row, const QString& header) const
    {
        const qsizetype column = headers.indexOf(header);
        return column < 0 || row < 0 || row >= rows.size() ? QVariant() : rows.at(row).value(column);
    }
};

} // namespace ocms
