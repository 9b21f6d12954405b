#pragma once

#include "caselistcolumn.h"
#include "caselistfilter.h"

#include <QString>
#include <QUuid>
#include <QVariantList>

namespace ocms {

// One parameterised statement: the SQL with ? placeholders and the values, in order.
struct SqlStatement
{
    QString sql;
    QVariantList values;
};

// Where a row sits in a sort order: its sort key as the server printed it, and its case id.
struct CaseListKey
{
    QString sortKey;
    QUuid caseId;
    bool operator==(const CaseListKey&) const = default;
};

// The SQL of the case list for one filter and sort. Nothing from the user is ever spliced into the text:
// columns and sort expressions come from the fixed column table, every value is bound.
class CaseListQuery
{
public:
    CaseListQuery() = default;
    CaseListQuery(CaseListFilter filter, CaseListColumn sortColumn, Qt::SortOrder order);

    const CaseListFilter& filter() const { return m_filter; }
    CaseListColumn sortColumn() const { return m_sortColumn; }
    Qt::SortOrder sortOrder() const { return m_order; }

    // Rows from the start of the order.
    SqlStatement firstRows(int limit) const;
    // Rows after (or from, when inclusive) a key, skipping `skip` rows first: paging by key from a pivot.
    SqlStatement rowsFrom(const CaseListKey& key, bool inclusive, int skip, int limit) const;
    // Rows at a position without any key (slow for far positions; only until pivots are known).
    SqlStatement rowsAtOffset(qint64 offset, int limit) const;
    SqlStatement count() const;
    // Every step-th row's key (rows 0, step, 2·step…): after one ordered scan any position is one short
    // key-paged query away.
    SqlStatement pivots(int step) const;

    // The columns of a row returned by the row queries: case id, sort key, then one per CaseListColumn.
    static constexpr int kIdField = 0;
    static constexpr int kSortKeyField = 1;
    static constexpr int kFirstColumnField = 2;

private:
    QString whereClause(QVariantList& values) const;
    QString selectList() const;
    QLatin1StringView sortKey() const; // the indexed key of this column and direction
    QString orderBy() const;

    CaseListFilter m_filter;
    CaseListColumn m_sortColumn = CaseListColumn::CaseNumber;
    Qt::SortOrder m_order = Qt::AscendingOrder;
};

} // namespace ocms
