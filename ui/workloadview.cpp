#include "workloadview.h"

#include "messagebanner.h"
#include "models/recordtablemodel.h"
#include "recordlisttab.h"
#include "whenready.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSplitter>
#include <QTabWidget>
#include <QVBoxLayout>

namespace ocms {

namespace {

const QString kAllOffices = QStringLiteral("offices");

} // namespace

WorkloadView::WorkloadView(const ConnectionSettings& settings, QWidget* parent)
    : QWidget(parent), m_service(settings), m_scope(new QComboBox(this)), m_summary(new QLabel(this)), m_message(new MessageBanner(this)),
      m_table(new RecordListTab(QStringLiteral("Workload"), this)), m_personHeading(new QLabel(this)), m_detail(new QTabWidget(this))
{
    m_scope->setObjectName(QStringLiteral("workloadScope"));
    m_scope->setAccessibleName(tr("Whose workload"));
    m_summary->setObjectName(QStringLiteral("workloadSummary"));
    auto* refreshButton = new QPushButton(tr("&Refresh"), this);
    connect(refreshButton, &QPushButton::clicked, this, &WorkloadView::refresh);
    auto* top = new QHBoxLayout;
    auto* scopeLabel = new QLabel(tr("&Show:"), this);
    scopeLabel->setBuddy(m_scope);
    top->addWidget(scopeLabel);
    top->addWidget(m_scope, 1);
    top->addWidget(m_summary, 2);
    top->addWidget(refreshButton);

    m_table->enableSorting();
    m_personHeading->setObjectName(QStringLiteral("workloadPerson"));
    m_personHeading->setTextFormat(Qt::RichText);
    for (const auto& [name, title] : {std::pair{QStringLiteral("Cases"), tr("Open cases")}, std::pair{QStringLiteral("Projects"), tr("Open projects")},
                                      std::pair{QStringLiteral("Hearings"), tr("Hearings, next 30 days")},
                                      std::pair{QStringLiteral("Hours"), tr("Hours, last 30 days")}}) {
        auto* list = new RecordListTab(QStringLiteral("Workload") + name, this);
        m_detailLists.insert(name, list);
        m_detail->addTab(list, title);
    }
    connect(m_detailLists.value(QStringLiteral("Cases")), &RecordListTab::activated, this, [this](int row) {
        Q_EMIT openCaseRequested(m_detailLists.value(QStringLiteral("Cases"))->model()->idAt(row));
    });
    connect(m_detailLists.value(QStringLiteral("Hearings")), &RecordListTab::activated, this, [this](int row) {
        Q_EMIT openCaseRequested(m_detailLists.value(QStringLiteral("Hearings"))->model()->idAt(row));
    });
    connect(m_detailLists.value(QStringLiteral("Projects")), &RecordListTab::activated, this, [this](int row) {
        Q_EMIT openProjectRequested(m_detailLists.value(QStringLiteral("Projects"))->model()->idAt(row));
    });
    auto* detailPage = new QWidget(this);
    auto* detailLayout = new QVBoxLayout(detailPage);
    detailLayout->setContentsMargins(0, 0, 0, 0);
    detailLayout->addWidget(m_personHeading);
    detailLayout->addWidget(m_detail, 1);
    auto* split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_table);
    split->addWidget(detailPage);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_message);
    layout->addWidget(split, 1);
    m_personHeading->setText(tr("Select a person (or double-click an office) to see what is behind the numbers."));

    connect(m_scope, &QComboBox::currentIndexChanged, this, &WorkloadView::refresh);
    connect(m_table, &RecordListTab::selectionChanged, this, [this](int row) {
        if (row >= 0 && m_scope->currentData().toString() != kAllOffices) {
            openPerson(m_table->model()->idAt(row));
        }
    });
    connect(m_table, &RecordListTab::activated, this, [this](int row) {
        if (m_scope->currentData().toString() == kAllOffices) {
            // Drill from an office into its people.
            const int index = m_scope->findData(m_table->model()->idAt(row).toString(QUuid::WithoutBraces));
            if (index >= 0) {
                m_scope->setCurrentIndex(index);
            }
        }
    });
    fillScopes();
}

RecordListTab* WorkloadView::detailList(const QString& name) const
{
    return m_detailLists.value(name);
}

void WorkloadView::setToday(const QDate& today)
{
    m_today = today;
    refresh();
}

void WorkloadView::fillScopes()
{
    ++m_pending;
    struct Scopes
    {
        QUuid myOffice;
        RecordTable offices;
    };
    whenReady(this, m_service.run<Scopes>([today = m_today](WorkloadRepository& repository) -> Result<Scopes> {
                  auto mine = repository.myOffice();
                  if (!mine) {
                      return fail(mine.error());
                  }
                  auto offices = repository.byOffice(today);
                  if (!offices) {
                      return fail(offices.error());
                  }
                  return Scopes{*mine, *offices};
              }),
              [this](const Result<Scopes>& scopes) {
                  --m_pending;
                  if (!scopes) {
                      m_message->showMessage(scopes.error().userMessage, true);
                      return;
                  }
                  m_myOffice = scopes->myOffice;
                  const QSignalBlocker quiet(m_scope);
                  m_scope->clear();
                  m_scope->addItem(tr("Every office (per office)"), kAllOffices);
                  for (qsizetype row = 0; row < scopes->offices.size(); ++row) {
                      m_scope->addItem(tr("People of %1").arg(scopes->offices.value(row, QStringLiteral("Office")).toString()),
                                       scopes->offices.ids.at(row).toString(QUuid::WithoutBraces));
                  }
                  const int mine = m_scope->findData(m_myOffice.toString(QUuid::WithoutBraces));
                  m_scope->setCurrentIndex(mine >= 0 ? mine : 0);
                  refresh();
              });
}

void WorkloadView::refresh()
{
    if (m_scope->count() == 0) {
        return;
    }
    const QString scope = m_scope->currentData().toString();
    ++m_pending;
    whenReady(this,
              m_service.run<RecordTable>([scope, today = m_today](WorkloadRepository& repository) {
                  return scope == kAllOffices ? repository.byOffice(today) : repository.byPerson(QUuid(scope), today);
              }),
              [this, scope](const Result<RecordTable>& rows) {
                  --m_pending;
                  if (scope != m_scope->currentData().toString()) {
                      return; // a later choice is on its way
                  }
                  if (!rows) {
                      m_message->showMessage(rows.error().userMessage, true);
                      return;
                  }
                  m_message->hide();
                  m_table->setTable(*rows);
                  double hours = 0;
                  qint64 cases = 0;
                  for (qsizetype row = 0; row < rows->size(); ++row) {
                      cases += rows->value(row, QStringLiteral("Open cases")).toLongLong();
                      hours += rows->value(row, QStringLiteral("Hours (last 30 days)")).toDouble();
                  }
                  m_summary->setText(tr("%1 rows · %2 open case assignments · %3 hours in the last 30 days · as of %4")
                                         .arg(rows->size())
                                         .arg(QLocale().toString(cases), QLocale().toString(hours, 'f', 2),
                                              m_today.toString(Qt::ISODate)));
                  if (!m_person.isNull() && scope != kAllOffices && rows->ids.contains(m_person)) {
                      m_table->selectRow(int(rows->ids.indexOf(m_person)));
                  }
              });
}

void WorkloadView::openPerson(const QUuid& userId)
{
    if (userId.isNull()) {
        return;
    }
    m_person = userId;
    const int row = int(m_table->model()->table().ids.indexOf(userId));
    const QString name = m_table->model()->table().value(row, QStringLiteral("Name")).toString();
    m_personHeading->setText(tr("<b>%1</b>: what is behind the numbers").arg(name.toHtmlEscaped()));
    ++m_pending;
    whenReady(this, m_service.run<WorkloadDetail>([userId, today = m_today](WorkloadRepository& repository) { return repository.detail(userId, today); }),
              [this, userId](const Result<WorkloadDetail>& detail) {
                  --m_pending;
                  if (userId != m_person) {
                      return;
                  }
                  if (!detail) {
                      m_message->showMessage(detail.error().userMessage, true);
                      return;
                  }
                  m_detailLists.value(QStringLiteral("Cases"))->setTable(detail->cases);
                  m_detailLists.value(QStringLiteral("Projects"))->setTable(detail->projects);
                  m_detailLists.value(QStringLiteral("Hearings"))->setTable(detail->hearings);
                  m_detailLists.value(QStringLiteral("Hours"))->setTable(detail->hours);
              });
}

} // namespace ocms
