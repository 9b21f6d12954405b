#include "deadlineeventdialog.h"

#include "domain/caseforms.h"
#include "messagebanner.h"
#include "models/recordtablemodel.h"
#include "recordform.h"
#include "whenready.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>

namespace ocms {

DeadlineEventDialog::DeadlineEventDialog(CaseService service, QUuid caseId, const DropdownCatalog& catalog, QWidget* parent)
    : QDialog(parent), m_service(std::move(service)), m_caseId(caseId), m_form(new RecordForm(CaseForms::deadlineEvent(), this)),
      m_preview(new RecordTableModel(this)), m_message(new MessageBanner(this)), m_add(new QPushButton(tr("&Add these deadlines"), this))
{
    setWindowTitle(tr("Compute deadlines from an event"));
    m_form->setCatalog(catalog);
    m_form->setValues({{QStringLiteral("event_on"), QDate::currentDate()}, {QStringLiteral("service_method"), QStringLiteral("personal")}});
    auto* previewButton = new QPushButton(tr("&Show the deadlines"), this);
    previewButton->setObjectName(QStringLiteral("previewDeadlinesButton"));
    m_add->setObjectName(QStringLiteral("addDeadlinesButton"));
    m_add->setEnabled(false);
    auto* table = new QTableView(this);
    table->setModel(m_preview);
    table->setAccessibleName(tr("Deadlines the rules give"));
    table->verticalHeader()->hide();
    table->horizontalHeader()->setStretchLastSection(true);
    table->setWordWrap(true);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    // The working is long: rows grow to show all of it.
    connect(m_preview, &QAbstractItemModel::modelReset, table, [table] {
        table->resizeColumnsToContents();
        table->setColumnWidth(1, std::min(table->columnWidth(1), 260));
        table->resizeRowsToContents();
    });
    auto* close = new QDialogButtonBox(QDialogButtonBox::Close, this);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(previewButton);
    buttons->addStretch(1);
    buttons->addWidget(m_add);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_form);
    layout->addLayout(buttons);
    layout->addWidget(m_message);
    layout->addWidget(table, 1);
    layout->addWidget(close);
    connect(previewButton, &QPushButton::clicked, this, &DeadlineEventDialog::showPreview);
    connect(m_add, &QPushButton::clicked, this, &DeadlineEventDialog::addDeadlines);
    connect(close, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_form, &RecordForm::edited, this, [this] { m_add->setEnabled(false); }); // preview again first
    resize(900, 560);
}

QString DeadlineEventDialog::message() const
{
    return m_message->message();
}

void DeadlineEventDialog::setMessage(const QString& text, bool problem)
{
    m_message->showMessage(text, problem);
}

void DeadlineEventDialog::showPreview()
{
    if (!m_form->validate()) {
        return;
    }
    whenReady(this,
              m_service.run<RecordTable>([id = m_caseId, event = m_form->normalisedValues()](CaseRepository& repository) {
                  return repository.previewDeadlines(id, event);
              }),
              [this](const Result<RecordTable>& deadlines) {
                  if (!deadlines) {
                      setMessage(deadlines.error().userMessage, true);
                      return;
                  }
                  m_preview->setTable(*deadlines);
                  m_add->setEnabled(!deadlines->isEmpty());
                  const qsizetype count = deadlines->size();
                  setMessage(count == 0   ? tr("No rule gives a deadline for this event in this forum.")
                             : count == 1 ? tr("The rules give one deadline; it is not added yet.")
                                          : tr("The rules give %1 deadlines; they are not added yet.").arg(count),
                             false);
              });
}

void DeadlineEventDialog::addDeadlines()
{
    if (!m_form->validate()) {
        return;
    }
    m_add->setEnabled(false);
    whenReady(this,
              m_service.run<RecordTable>([id = m_caseId, event = m_form->normalisedValues()](CaseRepository& repository) {
                  return repository.applyDeadlineRules(id, event);
              }),
              [this](const Result<RecordTable>& added) {
                  if (!added) {
                      setMessage(added.error().userMessage, true);
                      m_add->setEnabled(true);
                      return;
                  }
                  setMessage(added->isEmpty()      ? tr("These deadlines were already on the case: nothing added.")
                             : added->size() == 1 ? tr("One deadline added to the case.")
                                                  : tr("%1 deadlines added to the case.").arg(added->size()),
                             false);
                  Q_EMIT deadlinesAdded(int(added->size()));
              });
}

} // namespace ocms
