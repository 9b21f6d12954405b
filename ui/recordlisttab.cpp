#include "recordlisttab.h"

#include "models/recordtablemodel.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>

namespace ocms {

RecordListTab::RecordListTab(const QString& name, QWidget* parent)
    : QWidget(parent), m_model(new RecordTableModel(this)), m_view(new QTableView(this)), m_buttons(new QHBoxLayout),
      m_buttonRow(new QWidget(this))
{
    setObjectName(name + QStringLiteral("Tab"));
    m_view->setObjectName(name + QStringLiteral("Table"));
    m_view->setAccessibleName(name);
    m_view->setModel(m_model);
    styleTable(m_view);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_view, 1);
    m_buttons->setContentsMargins(0, 0, 0, 0);
    m_buttons->addStretch(1);
    m_buttonRow->setLayout(m_buttons);
    m_buttonRow->hide();
    layout->addWidget(m_buttonRow);
    connect(m_view, &QTableView::activated, this, [this](const QModelIndex& index) {
        Q_EMIT activated(m_proxy ? m_proxy->mapToSource(index).row() : index.row());
    });
    followCurrentRow();
}

void RecordListTab::followCurrentRow()
{
    // The current row, not the selection: the selection is applied only after the current row changes.
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this](const QModelIndex& current) {
        Q_EMIT selectionChanged(!current.isValid() ? -1 : m_proxy ? m_proxy->mapToSource(current).row() : current.row());
    });
}

void RecordListTab::styleTable(QTableView* view)
{
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->setAlternatingRowColors(true);
    view->setWordWrap(false);
    view->verticalHeader()->hide();
    view->horizontalHeader()->setStretchLastSection(true);
    view->horizontalHeader()->setDefaultSectionSize(130);
    // Titles start where their values do; a centred title of a wide last column ends up out of sight.
    view->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
}

void RecordListTab::fitColumns(QTableView* view)
{
    // Fit columns to what they hold, within reason; the last one takes the rest.
    view->resizeColumnsToContents();
    for (int column = 0; column < view->model()->columnCount(); ++column) {
        view->setColumnWidth(column, std::clamp(view->columnWidth(column), 70, 360));
    }
}

void RecordListTab::setTable(const RecordTable& table)
{
    const QUuid selected = selectedId();
    m_model->setTable(table);
    fitColumns(m_view);
    if (!selected.isNull()) {
        selectRow(int(table.ids.indexOf(selected)));
    }
}

void RecordListTab::enableSorting()
{
    if (m_proxy) {
        return;
    }
    m_proxy = new QSortFilterProxyModel(this);
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(RecordTableModel::kSortRole);
    m_view->setModel(m_proxy);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(-1, Qt::AscendingOrder);
    followCurrentRow();
}

QPushButton* RecordListTab::addButton(const QString& text, const QString& objectName, const std::function<void()>& onClick)
{
    auto* button = new QPushButton(text, m_buttonRow);
    button->setObjectName(objectName);
    connect(button, &QPushButton::clicked, this, onClick);
    m_buttons->insertWidget(m_buttons->count() - 1, button);
    m_buttonRow->show();
    return button;
}

int RecordListTab::selectedRow() const
{
    if (!m_view->selectionModel() || !m_view->selectionModel()->hasSelection()) {
        return -1;
    }
    const QModelIndex index = m_view->selectionModel()->selectedRows().value(0);
    return m_proxy ? m_proxy->mapToSource(index).row() : index.row();
}

QUuid RecordListTab::selectedId() const
{
    return m_model->idAt(selectedRow());
}

QVariant RecordListTab::selectedValue(const QString& header) const
{
    return m_model->table().value(selectedRow(), header);
}

void RecordListTab::selectRow(int modelRow)
{
    if (modelRow < 0 || modelRow >= m_model->rowCount()) {
        return;
    }
    QModelIndex index = m_model->index(modelRow, 0);
    if (m_proxy) {
        index = m_proxy->mapFromSource(index);
    }
    m_view->selectRow(index.row());
}

} // namespace ocms
