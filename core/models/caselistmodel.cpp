#include "caselistmodel.h"

#include "caselistfetcher.h"

#include <QDateTime>
#include <QThread>

#include <climits>

namespace ocms {

namespace {

QThread* startWorker(CaseListFetcher* fetcher, QObject* parent, const char* name)
{
    auto* thread = new QThread(parent);
    thread->setObjectName(QLatin1StringView(name));
    fetcher->moveToThread(thread);
    // The fetcher closes its connection in its own thread, as QSqlDatabase requires.
    QObject::connect(thread, &QThread::finished, fetcher, &QObject::deleteLater);
    thread->start();
    return thread;
}

} // namespace

CaseListModel::CaseListModel(const ConnectionSettings& settings, QObject* parent) : QAbstractTableModel(parent)
{
    qRegisterMetaType<CaseListPage>();
    qRegisterMetaType<CaseListKey>();
    qRegisterMetaType<QList<CaseListKey>>();
    qRegisterMetaType<Error>();
    const QString id = QString::asprintf("%p", static_cast<void*>(this));
    m_pageFetcher = new CaseListFetcher(settings, QStringLiteral("case-list-pages-") + id);
    m_countFetcher = new CaseListFetcher(settings, QStringLiteral("case-list-count-") + id);
    m_pageThread = startWorker(m_pageFetcher, this, "case-list-pages");
    m_countThread = startWorker(m_countFetcher, this, "case-list-count");
    for (CaseListFetcher* fetcher : {m_pageFetcher, m_countFetcher}) {
        connect(fetcher, &CaseListFetcher::pageReady, this, &CaseListModel::onPage);
        connect(fetcher, &CaseListFetcher::countReady, this, &CaseListModel::onCount);
        connect(fetcher, &CaseListFetcher::pivotsReady, this, &CaseListModel::onPivots);
        connect(fetcher, &CaseListFetcher::failed, this, &CaseListModel::onFailed);
    }
    // Pages asked for while painting are gathered and requested once the paint is over.
    m_wantedTimer.setSingleShot(true);
    m_wantedTimer.setInterval(0);
    connect(&m_wantedTimer, &QTimer::timeout, this, &CaseListModel::requestWantedPages);
}

CaseListModel::~CaseListModel()
{
    m_pageFetcher->startGeneration(INT_MAX);
    m_countFetcher->startGeneration(INT_MAX);
    m_pageThread->quit();
    m_countThread->quit();
    m_pageThread->wait();
    m_countThread->wait();
}

void CaseListModel::setLabels(const CaseListLabels& labels)
{
    m_labels = labels;
    if (m_rows > 0) {
        Q_EMIT dataChanged(index(0, 0), index(int(m_rows) - 1, columnCount() - 1), {Qt::DisplayRole});
    }
}

void CaseListModel::setFilter(const CaseListFilter& filter)
{
    m_query = CaseListQuery(filter, m_query.sortColumn(), m_query.sortOrder());
    restart();
}

void CaseListModel::sort(int column, Qt::SortOrder order)
{
    if (column < 0 || column >= columnCount() || !CaseListColumns::isSortable(CaseListColumn(column))) {
        return;
    }
    m_query = CaseListQuery(m_query.filter(), CaseListColumn(column), order);
    restart();
}

void CaseListModel::restart()
{
    ++m_generation;
    m_pageFetcher->startGeneration(m_generation);
    m_countFetcher->startGeneration(m_generation);
    m_wantedTimer.stop();
    beginResetModel();
    m_pages.clear();
    m_pending.clear();
    m_wanted.clear();
    m_pivots.clear();
    m_rows = 0;
    m_total = 0;
    m_countKnown = false;
    endResetModel();
    setLoading(true);
    Q_EMIT countChanged(-1);

    const int generation = m_generation;
    const CaseListQuery query = m_query;
    m_pending.insert(0);
    QMetaObject::invokeMethod(m_pageFetcher, [fetcher = m_pageFetcher, query, generation] {
        fetcher->fetchFirst(query, generation, kPageSize);
    });
}

void CaseListModel::setLoading(bool loading)
{
    if (m_loading != loading) {
        m_loading = loading;
        Q_EMIT loadingChanged(loading);
    }
}

void CaseListModel::setRowCount(qint64 rows)
{
    rows = std::min<qint64>(rows, INT_MAX);
    if (rows > m_rows) {
        beginInsertRows({}, int(m_rows), int(rows - 1));
        m_rows = rows;
        endInsertRows();
    } else if (rows < m_rows) {
        beginRemoveRows({}, int(rows), int(m_rows - 1));
        m_rows = rows;
        endRemoveRows();
    }
}

void CaseListModel::onPage(const CaseListPage& page)
{
    if (page.generation != m_generation) {
        return;
    }
    const qint64 pageIndex = page.firstRow / kPageSize;
    m_pending.remove(pageIndex);
    m_pages.insert(pageIndex, new QList<CaseListRow>(page.rows));
    if (pageIndex == 0) {
        setLoading(false);
        if (!m_countKnown && page.rows.size() < kPageSize) {
            // A short first page is the whole list: the count is known without asking.
            m_total = page.rows.size();
            m_countKnown = true;
            Q_EMIT countChanged(m_total);
        }
        if (!m_countKnown) {
            setRowCount(std::max<qint64>(m_rows, page.rows.size()));
            // Count and pivots only once the first rows are shown, so the scans never delay them (two cores).
            QMetaObject::invokeMethod(m_countFetcher, [fetcher = m_countFetcher, query = m_query, generation = m_generation] {
                fetcher->fetchCount(query, generation);
                fetcher->fetchPivots(query, generation, kPivotStep);
            });
        } else {
            setRowCount(m_total);
        }
    }
    if (!page.rows.isEmpty() && page.firstRow < m_rows) {
        const int last = int(std::min<qint64>(m_rows, page.firstRow + page.rows.size()) - 1);
        Q_EMIT dataChanged(index(int(page.firstRow), 0), index(last, columnCount() - 1));
    }
    Q_EMIT pageLoaded(page.firstRow, int(page.rows.size()), page.milliseconds);
}

void CaseListModel::onCount(int generation, qint64 count, double /*milliseconds*/)
{
    if (generation != m_generation) {
        return;
    }
    m_total = count;
    m_countKnown = true;
    setRowCount(count);
    Q_EMIT countChanged(count);
}

void CaseListModel::onPivots(int generation, const QList<CaseListKey>& pivots, double milliseconds)
{
    if (generation != m_generation) {
        return;
    }
    m_pivots = pivots;
    Q_EMIT pivotsLoaded(milliseconds);
}

void CaseListModel::onFailed(int generation, const Error& error)
{
    if (generation != m_generation || error.code == ErrorCode::Cancelled) {
        return;
    }
    m_pending.clear();
    setLoading(false);
    Q_EMIT errorOccurred(error);
}

int CaseListModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows);
}

int CaseListModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : CaseListColumns::count();
}

const CaseListRow* CaseListModel::rowAt(int row) const
{
    const QList<CaseListRow>* page = m_pages.object(row / kPageSize);
    if (!page || row % kPageSize >= page->size()) {
        return nullptr;
    }
    return &(*page)[row % kPageSize];
}

bool CaseListModel::isRowLoaded(int row) const
{
    return rowAt(row) != nullptr;
}

QUuid CaseListModel::caseIdAt(int row) const
{
    const CaseListRow* loaded = rowAt(row);
    return loaded ? loaded->key.caseId : QUuid();
}

void CaseListModel::requestRow(int row) const
{
    const qint64 page = row / kPageSize;
    if (m_pending.contains(page) || m_wanted.contains(page)) {
        return;
    }
    m_wanted.insert(page);
    m_wantedTimer.start();
}

void CaseListModel::requestWantedPages()
{
    const QSet<qint64> wanted = std::exchange(m_wanted, {});
    for (qint64 page : wanted) {
        if (!m_pending.contains(page) && !m_pages.contains(page) && page * kPageSize < m_rows) {
            requestPage(page);
        }
    }
}

void CaseListModel::requestPage(qint64 page)
{
    const qint64 firstRow = page * kPageSize;
    const int generation = m_generation;
    const CaseListQuery query = m_query;
    m_pending.insert(page);
    auto* fetcher = m_pageFetcher;
    // From the nearest pivot before the row; else right after the page before, if that is loaded; else by offset.
    const qint64 pivot = firstRow / kPivotStep;
    if (pivot < m_pivots.size()) {
        const CaseListKey key = m_pivots.at(pivot);
        const int skip = int(firstRow % kPivotStep);
        QMetaObject::invokeMethod(fetcher, [=] { fetcher->fetchFromKey(query, generation, firstRow, key, true, skip, kPageSize); });
        return;
    }
    if (const QList<CaseListRow>* previous = m_pages.object(page - 1); previous && previous->size() == kPageSize) {
        const CaseListKey key = previous->last().key;
        QMetaObject::invokeMethod(fetcher, [=] { fetcher->fetchFromKey(query, generation, firstRow, key, false, 0, kPageSize); });
        return;
    }
    QMetaObject::invokeMethod(fetcher, [=] { fetcher->fetchAtOffset(query, generation, firstRow, kPageSize); });
}

QVariant CaseListModel::displayValue(CaseListColumn column, const QVariant& value) const
{
    if (value.isNull()) {
        return {};
    }
    switch (column) {
    case CaseListColumn::ANumber: {
        const QString digits = value.toString();
        return digits.size() == 9 ? QStringLiteral("A-%1-%2-%3").arg(digits.left(3), digits.mid(3, 3), digits.mid(6)) : digits;
    }
    case CaseListColumn::CaseType:
        return m_labels.caseTypeLabel(value.toString());
    case CaseListColumn::Status:
        return m_labels.statusLabel(value.toString());
    case CaseListColumn::Office:
        return m_labels.officeName(value.toString());
    case CaseListColumn::NextHearing:
    case CaseListColumn::LastAction:
        return value.toDateTime().toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm"));
    case CaseListColumn::NextDeadline:
    case CaseListColumn::Opened:
        return value.toDate().toString(Qt::ISODate);
    default:
        return value;
    }
}

QVariant CaseListModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows || index.column() >= columnCount()) {
        return {};
    }
    const CaseListRow* row = rowAt(index.row());
    if (!row) {
        if (role == Qt::DisplayRole) {
            requestRow(index.row());
        }
        return {};
    }
    const auto column = CaseListColumn(index.column());
    const QVariant& value = row->values.value(index.column());
    switch (role) {
    case Qt::DisplayRole:
        return displayValue(column, value);
    case Qt::ToolTipRole:
        return column == CaseListColumn::Title || column == CaseListColumn::Attorneys || column == CaseListColumn::Court ? value
                                                                                                                         : QVariant();
    case CaseIdRole:
        return row->key.caseId;
    case SortKeyRole:
        return row->key.sortKey;
    case RawValueRole:
        return value;
    default:
        return {};
    }
}

QVariant CaseListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= columnCount()) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    if (role == Qt::DisplayRole) {
        return tr(CaseListColumns::all()[std::size_t(section)].title);
    }
    if (role == Qt::ToolTipRole && !CaseListColumns::isSortable(CaseListColumn(section))) {
        return tr("This column cannot be sorted.");
    }
    return {};
}

} // namespace ocms
