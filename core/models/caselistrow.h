#pragma once

#include "caselistquery.h"

#include <QList>
#include <QMetaType>
#include <QVariantList>

namespace ocms {

// One case as the list shows it: its key in the current order and one value per CaseListColumn.
struct CaseListRow
{
    CaseListKey key;
    QVariantList values;
};

// A run of consecutive rows starting at a position, for one generation of filter and sort.
struct CaseListPage
{
    int generation = 0;
    qint64 firstRow = 0;
    QList<CaseListRow> rows;
    double milliseconds = 0; // server round trip, for the benchmark
};

} // namespace ocms

Q_DECLARE_METATYPE(ocms::CaseListPage)
