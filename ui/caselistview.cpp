#include "caselistview.h"

#include "caselistfilterbar.h"
#include "models/caselistmodel.h"
#include "whenready.h"

#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

namespace ocms {

namespace {

const QString kHeaderKey = QStringLiteral("caseList/header");
const QString kHiddenKey = QStringLiteral("caseList/hiddenColumns");

} // namespace

CaseListView::CaseListView(const ConnectionSettings& settings, QWidget* parent)
    : QWidget(parent), m_data(settings), m_model(new CaseListModel(settings, this)), m_filterBar(new CaseListFilterBar(this)),
      m_table(new QTableView(this)), m_status(new QLabel(this)), m_savedButton(new QToolButton(this)),
      m_savedMenu(new QMenu(this)), m_columnsButton(new QToolButton(this))
{
    auto* title = new QLabel(tr("Cases"), this);
    title->setStyleSheet(QStringLiteral("font-size: 16pt; font-weight: 600;"));
    auto* clear = new QPushButton(tr("C&lear"), this);
    m_savedButton->setText(tr("&Saved searches"));
    m_savedButton->setPopupMode(QToolButton::InstantPopup);
    m_savedButton->setMenu(m_savedMenu);
    m_columnsButton->setText(tr("Col&umns"));
    m_columnsButton->setPopupMode(QToolButton::InstantPopup);
    auto* heading = new QHBoxLayout;
    heading->addWidget(title);
    heading->addStretch(1);
    heading->addWidget(clear);
    heading->addWidget(m_savedButton);
    heading->addWidget(m_columnsButton);

    m_table->setModel(m_model);
    m_table->setObjectName(QStringLiteral("caseTable"));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(int(CaseListColumn::CaseNumber), Qt::AscendingOrder);
    // A million rows: fixed row heights, so the view never measures rows it does not show.
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionsMovable(true);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setDefaultSectionSize(120);
    m_status->setObjectName(QStringLiteral("caseListStatus"));

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(heading);
    layout->addWidget(m_filterBar);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_status);

    buildColumnMenu();
    restoreHeader();
    rebuildSavedMenu();

    connect(m_filterBar, &CaseListFilterBar::filterChanged, m_model, &CaseListModel::setFilter);
    connect(clear, &QPushButton::clicked, m_filterBar, &CaseListFilterBar::clear);
    connect(m_table->horizontalHeader(), &QHeaderView::sortIndicatorChanged, this, &CaseListView::keepSortIndicatorOnSortableColumns);
    connect(m_table, &QTableView::activated, this, [this](const QModelIndex& index) {
        const QUuid id = m_model->caseIdAt(index.row());
        if (!id.isNull()) {
            Q_EMIT caseActivated(id);
        }
    });
    connect(m_model, &CaseListModel::loadingChanged, this, &CaseListView::updateStatus);
    connect(m_model, &CaseListModel::countChanged, this, &CaseListView::updateStatus);
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        m_error.clear();
        updateStatus();
    });
    connect(m_model, &CaseListModel::errorOccurred, this, [this](const Error& error) {
        m_error = error.userMessage;
        updateStatus();
    });
    updateStatus();
}

CaseListView::~CaseListView()
{
    saveHeader();
}

void CaseListView::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    start();
}

void CaseListView::start()
{
    if (m_started) {
        return;
    }
    m_started = true;
    whenReady(this, m_data.loadLabels(), [this](const Result<CaseListLabels>& labels) {
        if (!labels) {
            m_error = labels.error().userMessage;
            updateStatus();
            return;
        }
        m_model->setLabels(*labels);
        m_filterBar->setChoices(*labels);
    });
    refreshSavedSearches();
    m_model->refresh();
}

void CaseListView::keepSortIndicatorOnSortableColumns(int section, Qt::SortOrder order)
{
    if (CaseListColumns::isSortable(CaseListColumn(section))) {
        return;
    }
    // Sorting needs an index: the header goes back to the order the list is really in.
    Q_UNUSED(order);
    QHeaderView* header = m_table->horizontalHeader();
    const QSignalBlocker blocker(header);
    header->setSortIndicator(int(m_model->sortColumn()), m_model->sortOrder());
    m_status->setText(tr("“%1” cannot be sorted; the list stays sorted by “%2”.")
                          .arg(m_model->headerData(section, Qt::Horizontal).toString(),
                               m_model->headerData(int(m_model->sortColumn()), Qt::Horizontal).toString()));
}

void CaseListView::buildColumnMenu()
{
    auto* menu = new QMenu(this);
    QHeaderView* header = m_table->horizontalHeader();
    for (const auto& column : CaseListColumns::all()) {
        QAction* action = menu->addAction(tr(column.title));
        action->setCheckable(true);
        action->setChecked(true);
        action->setData(QString::fromLatin1(column.key));
        connect(action, &QAction::toggled, this, [this, header, section = int(column.column)](bool shown) {
            header->setSectionHidden(section, !shown);
            saveHeader();
        });
    }
    m_columnsButton->setMenu(menu);
}

void CaseListView::restoreHeader()
{
    QSettings settings;
    // Widths that fit typical values; the user's own widths and order win once they have any.
    const int widths[] = {150, 110, 200, 220, 150, 190, 200, 150, 100, 130, 110, 95, 130};
    static_assert(std::size(widths) == std::size_t(CaseListColumn::LastAction) + 1);
    for (int section = 0; section < int(std::size(widths)); ++section) {
        m_table->setColumnWidth(section, widths[section]);
    }
    m_table->horizontalHeader()->restoreState(settings.value(kHeaderKey).toByteArray());
    const QStringList hidden = settings.value(kHiddenKey).toStringList();
    for (QAction* action : m_columnsButton->menu()->actions()) {
        action->setChecked(!hidden.contains(action->data().toString()));
    }
    // The list always starts sorted by case number (the saved header may remember another indicator).
    m_table->horizontalHeader()->setSortIndicator(int(CaseListColumn::CaseNumber), Qt::AscendingOrder);
}

void CaseListView::saveHeader() const
{
    QSettings settings;
    settings.setValue(kHeaderKey, m_table->horizontalHeader()->saveState());
    QStringList hidden;
    for (QAction* action : m_columnsButton->menu()->actions()) {
        if (!action->isChecked()) {
            hidden << action->data().toString();
        }
    }
    settings.setValue(kHiddenKey, hidden);
}

void CaseListView::refreshSavedSearches()
{
    whenReady(this, m_data.savedSearches(), [this](const Result<QList<SavedSearch>>& searches) {
        if (!searches) {
            m_error = searches.error().userMessage;
            updateStatus();
            return;
        }
        m_saved = *searches;
        m_savedNames.clear();
        for (const SavedSearch& search : m_saved) {
            m_savedNames << search.name;
        }
        rebuildSavedMenu();
        Q_EMIT savedSearchesChanged();
    });
}

void CaseListView::rebuildSavedMenu()
{
    m_savedMenu->clear();
    for (const SavedSearch& search : m_saved) {
        m_savedMenu->addAction(search.name, this, [this, name = search.name] { applySavedSearch(name); });
    }
    if (!m_saved.isEmpty()) {
        m_savedMenu->addSeparator();
    }
    m_savedMenu->addAction(tr("Save current search…"), this, [this] {
        bool ok = false;
        const QString name = QInputDialog::getText(this, tr("Save search"), tr("Name of this search:"), QLineEdit::Normal, {}, &ok);
        if (ok) {
            saveCurrentSearch(name);
        }
    });
    QMenu* remove = m_savedMenu->addMenu(tr("Delete"));
    remove->setEnabled(!m_saved.isEmpty());
    for (const SavedSearch& search : m_saved) {
        remove->addAction(search.name, this, [this, name = search.name] {
            whenReady(this, m_data.removeSearch(name), [this](const Result<void>& removed) {
                if (!removed) {
                    QMessageBox::warning(this, tr("Delete search"), removed.error().userMessage);
                }
                refreshSavedSearches();
            });
        });
    }
}

void CaseListView::saveCurrentSearch(const QString& name)
{
    whenReady(this, m_data.saveSearch(name, m_filterBar->filter().toJson()), [this](const Result<void>& saved) {
        if (!saved) {
            QMessageBox::warning(this, tr("Save search"), saved.error().userMessage);
            return;
        }
        refreshSavedSearches();
    });
}

void CaseListView::applySavedSearch(const QString& name)
{
    for (const SavedSearch& search : m_saved) {
        if (search.name == name) {
            m_filterBar->setFilter(CaseListFilter::fromJson(search.definition));
            return;
        }
    }
}

QString CaseListView::statusText() const
{
    return m_status->text();
}

void CaseListView::updateStatus()
{
    if (!m_error.isEmpty()) {
        m_status->setText(m_error);
        m_status->setStyleSheet(QStringLiteral("color: #b00020;"));
        return;
    }
    m_status->setStyleSheet(QString());
    if (m_model->isLoading()) {
        m_status->setText(tr("Loading…"));
    } else if (!m_model->isCountKnown()) {
        m_status->setText(tr("Counting…"));
    } else if (m_model->rowCount() == 0) {
        m_status->setText(m_model->filter().isEmpty() ? tr("No cases.") : tr("No case matches this search."));
    } else {
        m_status->setText(m_model->rowCount() == 1 ? tr("1 case") : tr("%1 cases").arg(QLocale().toString(m_model->rowCount())));
    }
}

} // namespace ocms
