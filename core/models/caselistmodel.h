#pragma once

#include "caselistlabels.h"
#include "caselistquery.h"
#include "caselistrow.h"
#include "db/connectionsettings.h"
#include "error.h"

#include <QAbstractTableModel>
#include <QCache>
#include <QSet>
#include <QTimer>

class QThread;

namespace ocms {

class CaseListFetcher;

// The case list over the server: never the whole table. Rows arrive a page at a time from a worker
// connection (keyset paging); once the first page is in, the total count and every 500th key ("pivots")
// are read on a second connection, after which any position is one short query away. Filtering and sorting are SQL. A newer
// filter or sort cancels the queries of the older one.
class CaseListModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    static constexpr int kPageSize = 100;
    static constexpr int kPivotStep = 500;
    static constexpr int kCachedPages = 200;
    enum Role { CaseIdRole = Qt::UserRole + 1, SortKeyRole, RawValueRole };

    explicit CaseListModel(const ConnectionSettings& settings, QObject* parent = nullptr);
    ~CaseListModel() override;

    void setLabels(const CaseListLabels& labels);
    const CaseListLabels& labels() const { return m_labels; }
    // Starts a new generation: the list empties, then fills from the server.
    void setFilter(const CaseListFilter& filter);
    // Reads the list again with the same filter and sort (nothing loads before the first call of
    // refresh, setFilter or sort).
    void refresh() { restart(); }
    const CaseListFilter& filter() const { return m_query.filter(); }
    CaseListColumn sortColumn() const { return m_query.sortColumn(); }
    Qt::SortOrder sortOrder() const { return m_query.sortOrder(); }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

    bool isLoading() const { return m_loading; }
    bool isCountKnown() const { return m_countKnown; }
    // True once any position is one key-paged query away (a list of one page needs no pivots).
    bool hasPivots() const { return !m_pivots.isEmpty() || (m_countKnown && m_total <= kPageSize); }
    bool isRowLoaded(int row) const;
    QUuid caseIdAt(int row) const;
    // Asks for the page holding row now (the view does it by painting; the benchmark calls it directly).
    void requestRow(int row) const;

Q_SIGNALS:
    void loadingChanged(bool loading);
    void countChanged(qint64 count);
    void pageLoaded(qint64 firstRow, int rows, double milliseconds);
    void pivotsLoaded(double milliseconds);
    void errorOccurred(const ocms::Error& error);

private:
    void restart();
    void onPage(const CaseListPage& page);
    void onCount(int generation, qint64 count, double milliseconds);
    void onPivots(int generation, const QList<CaseListKey>& pivots, double milliseconds);
    void onFailed(int generation, const Error& error);
    void requestWantedPages();
    void requestPage(qint64 page);
    void setLoading(bool loading);
    void setRowCount(qint64 rows);
    const CaseListRow* rowAt(int row) const;
    QVariant displayValue(CaseListColumn column, const QVariant& value) const;

    QThread* m_pageThread = nullptr;
    QThread* m_countThread = nullptr;
    CaseListFetcher* m_pageFetcher = nullptr;
    CaseListFetcher* m_countFetcher = nullptr;
    CaseListQuery m_query;
    CaseListLabels m_labels;
    int m_generation = 0;
    qint64 m_rows = 0;
    qint64 m_total = 0;
    bool m_countKnown = false;
    bool m_loading = false;
    QList<CaseListKey> m_pivots;
    mutable QCache<qint64, QList<CaseListRow>> m_pages{kCachedPages};
    mutable QSet<qint64> m_pending;
    mutable QSet<qint64> m_wanted;
    mutable QTimer m_wantedTimer;
};

} // namespace ocms
