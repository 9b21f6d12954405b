#include "leadboardview.h"

#include "field/leadboardquery.h"
#include "messagebanner.h"
#include "models/leadboardmodel.h"
#include "recordlisttab.h"
#include "whenready.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QRegularExpressionValidator>
#include <QSet>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace ocms {

namespace {

// Age choices: [minimum, maximum] days, -1 for no bound.
struct AgeChoice
{
    const char* label;
    int minimum;
    int maximum;
};
constexpr AgeChoice kAges[] = {{"Any age", -1, -1},           {"Up to 7 days", -1, 7},       {"8 to 30 days", 8, 30},
                               {"31 to 90 days", 31, 90},      {"Over 90 days", 91, -1}};

QLabel* buddyLabel(const QString& text, QWidget* buddy, QWidget* parent)
{
    auto* label = new QLabel(text, parent);
    label->setBuddy(buddy);
    return label;
}

} // namespace

LeadBoardView::LeadBoardView(const ConnectionSettings& settings, bool headquarters, QWidget* parent)
    : QWidget(parent), m_service(settings), m_headquarters(headquarters), m_model(new LeadBoardModel(this)),
      m_table(new QTableView(this)), m_scope(new QComboBox(this)), m_status(new QComboBox(this)), m_age(new QComboBox(this)),
      m_source(new QComboBox(this)), m_priority(new QDoubleSpinBox(this)), m_zip(new QLineEdit(this)), m_counts(new QLabel(this)),
      m_message(new MessageBanner(this))
{
    m_scope->setObjectName(QStringLiteral("leadScope"));
    m_scope->setAccessibleName(tr("Whose leads"));
    m_scope->addItem(tr("My team's leads"), QStringLiteral("mine"));
    if (m_headquarters) {
        m_scope->addItem(tr("Headquarters queue"), QStringLiteral("queue"));
        m_scope->addItem(tr("All teams"), QStringLiteral("all"));
    }
    m_status->setObjectName(QStringLiteral("leadStatusFilter"));
    m_status->setAccessibleName(tr("Status"));
    m_status->addItem(tr("Open"), QString());
    for (const char* status : {"new", "assigned", "in_progress", "closed", "invalid"}) {
        m_status->addItem(LeadBoardModel::statusLabel(QString::fromLatin1(status)), QString::fromLatin1(status));
    }
    m_status->addItem(tr("All statuses"), QStringLiteral("all"));
    m_age->setObjectName(QStringLiteral("leadAgeFilter"));
    m_age->setAccessibleName(tr("Age"));
    for (const AgeChoice& age : kAges) {
        m_age->addItem(tr(age.label));
    }
    m_source->setObjectName(QStringLiteral("leadSourceFilter"));
    m_source->setAccessibleName(tr("Source"));
    m_source->addItem(tr("Any source"), QString());
    m_priority->setObjectName(QStringLiteral("leadPriorityFilter"));
    m_priority->setRange(0, 1000);
    m_priority->setDecimals(0);
    m_priority->setSingleStep(10);
    m_priority->setSpecialValueText(tr("Any"));
    m_priority->setToolTip(tr("Only leads whose priority score is at least this (gang member 40, violent or sex offence 30, "
                              "criminal 10, relevance up to 10 by default)."));
    m_zip->setObjectName(QStringLiteral("leadZipFilter"));
    m_zip->setPlaceholderText(tr("ZIP or its start"));
    m_zip->setMaxLength(5);
    m_zip->setMaximumWidth(110);
    m_zip->setClearButtonEnabled(true);
    m_zip->setValidator(new QRegularExpressionValidator(QRegularExpression(QStringLiteral("[0-9]{0,5}")), m_zip));

    m_table->setObjectName(QStringLiteral("leadBoardTable"));
    m_table->setModel(m_model);
    RecordListTab::styleTable(m_table);
    if (m_headquarters) { // several leads' fugitives at once, e.g. for an address-search extract
        m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    }
    m_table->setSortingEnabled(true);
    m_table->horizontalHeader()->setSortIndicator(LeadBoardModel::Priority, Qt::DescendingOrder);
    m_counts->setObjectName(QStringLiteral("leadCounts"));
    m_counts->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* filters = new QHBoxLayout;
    filters->addWidget(m_scope);
    filters->addWidget(buddyLabel(tr("&Status:"), m_status, this));
    filters->addWidget(m_status);
    filters->addWidget(buddyLabel(tr("Lowest &priority:"), m_priority, this));
    filters->addWidget(m_priority);
    filters->addWidget(buddyLabel(tr("&Age:"), m_age, this));
    filters->addWidget(m_age);
    filters->addWidget(buddyLabel(tr("&ZIP:"), m_zip, this));
    filters->addWidget(m_zip);
    filters->addWidget(buddyLabel(tr("S&ource:"), m_source, this));
    filters->addWidget(m_source, 1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(filters);
    layout->addWidget(m_counts);
    layout->addWidget(m_message);
    layout->addWidget(m_table, 1);

    // Typing waits for a pause; choices apply at once.
    auto* typing = new QTimer(this);
    typing->setSingleShot(true);
    typing->setInterval(300);
    connect(typing, &QTimer::timeout, this, &LeadBoardView::refresh);
    connect(m_zip, &QLineEdit::textChanged, typing, qOverload<>(&QTimer::start));
    connect(m_priority, &QDoubleSpinBox::valueChanged, typing, qOverload<>(&QTimer::start));
    for (QComboBox* box : {m_scope, m_status, m_age, m_source}) {
        connect(box, &QComboBox::currentIndexChanged, this, &LeadBoardView::refresh);
    }
    connect(m_model, &LeadBoardModel::sortRequested, this, [this](LeadBoardSort sort, Qt::SortOrder order) {
        if (sort != m_sort || order != m_order) {
            m_sort = sort;
            m_order = order;
            refresh();
        }
    });
    connect(m_table, &QTableView::activated, this, [this](const QModelIndex& index) {
        Q_EMIT leadActivated(m_model->data(index, LeadBoardModel::LeadIdRole).toUuid());
    });
}

void LeadBoardView::setCatalog(const DropdownCatalog& catalog)
{
    const QSignalBlocker quietSource(m_source);
    const QSignalBlocker quietScope(m_scope);
    for (const DropdownChoice& source : catalog.choices(QStringLiteral("lead_source"))) {
        m_source->addItem(source.label, source.code);
    }
    if (m_headquarters) {
        for (const DropdownChoice& team : catalog.choices(QStringLiteral("field_team"))) {
            m_scope->addItem(tr("Team %1").arg(team.label), team.code);
        }
    }
}

LeadBoardFilter LeadBoardView::filter() const
{
    LeadBoardFilter filter;
    const QString scope = m_scope->currentData().toString();
    if (scope == u"queue") {
        filter.scope = LeadBoardScope::HeadquartersQueue;
    } else if (scope == u"all") {
        filter.scope = LeadBoardScope::AllTeams;
    } else if (scope != u"mine" && !scope.isEmpty()) {
        filter.scope = LeadBoardScope::Team;
        filter.teamId = QUuid::fromString(scope);
    }
    filter.status = m_status->currentData().toString();
    filter.minimumPriority = m_priority->value();
    const AgeChoice& age = kAges[std::clamp(m_age->currentIndex(), 0, int(std::size(kAges)) - 1)];
    filter.minimumAgeDays = age.minimum;
    filter.maximumAgeDays = age.maximum;
    filter.zipPrefix = m_zip->text().trimmed();
    filter.sourceCode = m_source->currentData().toString();
    filter.sort = m_sort;
    filter.order = m_order;
    return filter;
}

void LeadBoardView::refresh()
{
    const LeadBoardFilter wanted = filter();
    if (const QString problem = wanted.problem(); !problem.isEmpty()) {
        m_message->showMessage(problem, true);
        return;
    }
    ++m_pending;
    const int generation = ++m_generation;
    whenReady(this, m_service.run<LeadBoard>([wanted](LeadRepository& leads) { return leads.board(wanted); }),
              [this, generation, wanted](const Result<LeadBoard>& board) {
                  --m_pending;
                  if (generation != m_generation) {
                      return; // a newer filter is on its way
                  }
                  if (!board) {
                      m_message->showMessage(board.error().userMessage, true);
                      return;
                  }
                  m_model->setBoard(*board);
                  m_table->horizontalHeader()->setSortIndicator(LeadBoardModel::columnFor(wanted.sort), wanted.order);
                  RecordListTab::fitColumns(m_table);
                  showCounts();
              });
}

void LeadBoardView::showCounts()
{
    const LeadBoard& board = m_model->board();
    const QLocale locale;
    const auto count = [&](const QString& status) -> QString {
        const qint64 n = board.statusCounts.value(status);
        return n > LeadBoardQuery::kCountCap ? tr("over %1").arg(locale.toString(LeadBoardQuery::kCountCap)) : locale.toString(n);
    };
    QStringList parts;
    for (const char* status : {"new", "assigned", "in_progress", "closed", "invalid"}) {
        const QString code = QString::fromLatin1(status);
        parts.append(QStringLiteral("%1 %2").arg(LeadBoardModel::statusLabel(code), count(code)));
    }
    m_counts->setText(parts.join(QStringLiteral("  ·  ")));
    const QString statusFilter = m_status->currentData().toString();
    const qint64 matching = board.matching(statusFilter);
    const bool capped = board.countsCapped(statusFilter);
    if (board.rows.isEmpty()) {
        m_message->showMessage(tr("No lead matches these filters."), false);
    } else if (capped || matching > board.rows.size()) {
        m_message->showMessage(tr("The first %1 of %2%3 leads in this order: narrow the filters to see others.")
                                   .arg(locale.toString(board.rows.size()), capped ? tr("more than ") : QString(),
                                        locale.toString(capped ? qint64(LeadBoardQuery::kCountCap) : matching)),
                               false);
    } else {
        m_message->showMessage(matching == 1 ? tr("1 lead.") : tr("%1 leads.").arg(locale.toString(matching)), false);
    }
}

QString LeadBoardView::message() const
{
    return m_message->message();
}

QUuid LeadBoardView::selectedLead() const
{
    const QModelIndex current = m_table->currentIndex();
    return current.isValid() ? m_model->data(current, LeadBoardModel::LeadIdRole).toUuid() : QUuid();
}

QList<QUuid> LeadBoardView::selectedFugitives() const
{
    QList<QUuid> fugitives;
    QSet<QUuid> seen;
    for (const QModelIndex& index : m_table->selectionModel()->selectedRows()) {
        const QUuid fugitive = m_model->data(index, LeadBoardModel::FugitiveIdRole).toUuid();
        if (!seen.contains(fugitive)) {
            seen.insert(fugitive);
            fugitives.append(fugitive);
        }
    }
    return fugitives;
}

} // namespace ocms
