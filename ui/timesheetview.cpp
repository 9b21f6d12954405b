#include "timesheetview.h"

#include "domain/formfields.h"
#include "domain/projectforms.h"
#include "messagebanner.h"
#include "models/recordtablemodel.h"
#include "models/timesheetweekmodel.h"
#include "recordform.h"
#include "recordformdialog.h"
#include "recordlisttab.h"
#include "whenready.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace ocms {

namespace {

// A time entry with what it was spent on: the user's cases and projects.
FormSpec entryForm()
{
    FormSpec form = {FormFields::choice("target", "Case or project", "charge_target").require()};
    form.append(ProjectForms::timeEntry());
    return form;
}

} // namespace

TimesheetView::TimesheetView(const ConnectionSettings& settings, QWidget* parent)
    : QWidget(parent), m_service(settings), m_weekLabel(new QLabel(this)), m_message(new MessageBanner(this)),
      m_week(new TimesheetWeekModel(this)), m_grid(new QTableView(this)), m_entries(new RecordListTab(QStringLiteral("TimeEntries"), this))
{
    m_weekLabel->setObjectName(QStringLiteral("timesheetWeek"));
    m_weekLabel->setStyleSheet(QStringLiteral("font-size: 12pt; font-weight: bold;"));
    auto* previous = new QPushButton(tr("◀ &Previous week"), this);
    auto* thisWeek = new QPushButton(tr("&This week"), this);
    auto* next = new QPushButton(tr("&Next week ▶"), this);
    connect(previous, &QPushButton::clicked, this, [this] { showWeekOf(m_monday.addDays(-7)); });
    connect(thisWeek, &QPushButton::clicked, this, [this] { showWeekOf(QDate::currentDate()); });
    connect(next, &QPushButton::clicked, this, [this] { showWeekOf(m_monday.addDays(7)); });
    auto* top = new QHBoxLayout;
    top->addWidget(previous);
    top->addWidget(thisWeek);
    top->addWidget(next);
    top->addSpacing(12);
    top->addWidget(m_weekLabel, 1);

    m_grid->setObjectName(QStringLiteral("timesheetGrid"));
    m_grid->setAccessibleName(tr("Hours per day"));
    m_grid->setModel(m_week);
    RecordListTab::styleTable(m_grid);
    m_grid->setSelectionMode(QAbstractItemView::NoSelection);
    m_grid->horizontalHeader()->setStretchLastSection(false);
    m_grid->horizontalHeader()->setDefaultSectionSize(92);
    m_grid->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);

    m_entries->addButton(tr("&Log time…"), QStringLiteral("logTimeButton"), [this] { logTime()->open(); });
    m_entries->addButton(tr("&Correct…"), QStringLiteral("correctTimeButton"), [this] {
        if (RecordFormDialog* dialog = correctSelected()) {
            dialog->open();
        }
    });
    m_entries->addButton(tr("&Withdraw"), QStringLiteral("withdrawTimeButton"), [this] {
        if (m_entries->selectedRow() < 0) {
            m_message->showMessage(tr("Select an entry first."), true);
            return;
        }
        if (QMessageBox::question(this, tr("Withdraw time"), tr("Withdraw the selected entry? The audit trail keeps it.")) == QMessageBox::Yes) {
            withdrawSelected();
        }
    });
    connect(m_entries, &RecordListTab::activated, this, [this] {
        if (RecordFormDialog* dialog = correctSelected()) {
            dialog->open();
        }
    });
    auto* split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_grid);
    split->addWidget(m_entries);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_message);
    layout->addWidget(split, 1);
    showWeekOf(QDate::currentDate());
}

QString TimesheetView::message() const
{
    return m_message->message();
}

void TimesheetView::showWeekOf(const QDate& day)
{
    m_monday = day.addDays(1 - day.dayOfWeek());
    refresh();
}

void TimesheetView::refresh()
{
    const QDate monday = m_monday;
    ++m_pending;
    whenReady(this, m_service.run<RecordTable>([monday](TimesheetRepository& repository) { return repository.week(monday); }),
              [this, monday](const Result<RecordTable>& entries) {
                  --m_pending;
                  if (monday != m_monday) {
                      return; // the user moved on to another week
                  }
                  if (!entries) {
                      m_message->showMessage(entries.error().userMessage, true);
                      return;
                  }
                  m_week->setWeek(monday, *entries);
                  RecordTable shown = *entries;
                  shown.headers.removeLast(); // the target key is for the grid, not for reading
                  for (QVariantList& row : shown.rows) {
                      row.removeLast();
                  }
                  m_entries->setTable(shown);
                  m_weekLabel->setText(tr("Week of %1 — %2 hours")
                                           .arg(QLocale().toString(monday, QLocale::LongFormat),
                                                QLocale().toString(m_week->weekTotal(), 'f', 2)));
              });
}

RecordFormDialog* TimesheetView::entryDialog(const QString& title, const QUuid& entryId)
{
    const auto submit = [service = m_service, entryId](const QVariantMap& values) {
        return service.run<void>([entryId, values](TimesheetRepository& repository) {
            return entryId.isNull() ? repository.log(values) : repository.correct(entryId, values);
        });
    };
    auto* dialog = new RecordFormDialog(title, entryForm(), submit, this);
    dialog->setObjectName(entryId.isNull() ? QStringLiteral("logTimeDialog") : QStringLiteral("correctTimeDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setSaveEnabled(false);
    struct Start
    {
        QList<DropdownChoice> targets;
        QVariantMap values;
    };
    whenReady(dialog,
              m_service.run<Start>([entryId](TimesheetRepository& repository) -> Result<Start> {
                  auto targets = repository.chargeTargets();
                  if (!targets) {
                      return fail(targets.error());
                  }
                  Start start{*targets, {{QStringLiteral("work_date"), QDate::currentDate()}}};
                  if (!entryId.isNull()) {
                      auto stored = repository.entry(entryId);
                      if (!stored) {
                          return fail(stored.error());
                      }
                      start.values = *stored;
                  }
                  return start;
              }),
              [dialog](const Result<Start>& start) {
                  if (!start) {
                      dialog->form()->setAllReadOnly(true);
                      return;
                  }
                  DropdownCatalog catalog;
                  catalog.addList(QStringLiteral("charge_target"), start->targets);
                  dialog->form()->setCatalog(catalog);
                  dialog->form()->setValues(start->values);
                  dialog->setSaveEnabled(true);
              });
    connect(dialog, &RecordFormDialog::saved, this, [this] {
        m_message->showMessage(tr("Saved."), false);
        refresh();
    });
    return dialog;
}

RecordFormDialog* TimesheetView::logTime()
{
    return entryDialog(tr("Log time"), {});
}

RecordFormDialog* TimesheetView::correctSelected()
{
    const QUuid entry = m_entries->selectedId();
    if (entry.isNull()) {
        m_message->showMessage(tr("Select an entry first."), true);
        return nullptr;
    }
    return entryDialog(tr("Correct time"), entry);
}

void TimesheetView::withdrawSelected()
{
    const QUuid entry = m_entries->selectedId();
    if (entry.isNull()) {
        m_message->showMessage(tr("Select an entry first."), true);
        return;
    }
    whenReady(this, m_service.run<void>([entry](TimesheetRepository& repository) { return repository.withdraw(entry); }),
              [this](const Result<void>& done) {
                  if (!done) {
                      m_message->showMessage(done.error().userMessage, true);
                      return;
                  }
                  m_message->showMessage(tr("Entry withdrawn."), false);
                  refresh();
              });
}

} // namespace ocms
