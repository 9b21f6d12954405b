#include "projectrecordview.h"

#include "domain/projectforms.h"
#include "messagebanner.h"
#include "models/recordtablemodel.h"
#include "recordform.h"
#include "recordformdialog.h"
#include "recordlisttab.h"
#include "summarysave.h"
#include "latestanswer.h"
#include "whenready.h"

#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollArea>
#include <QTabWidget>
#include <QVBoxLayout>

#include <memory>

namespace ocms {

namespace {

QString uuidText(const QUuid& id)
{
    return id.toString(QUuid::WithoutBraces);
}

} // namespace

ProjectRecordView::ProjectRecordView(ProjectService service, QUuid projectId, QWidget* parent)
    : QWidget(parent), m_service(std::move(service)), m_projectId(projectId), m_heading(new QLabel(this)),
      m_message(new MessageBanner(this)), m_tabs(new QTabWidget(this))
{
    m_heading->setTextFormat(Qt::RichText);
    m_heading->setObjectName(QStringLiteral("projectHeading"));
    m_heading->setStyleSheet(QStringLiteral("font-size: 13pt;"));
    m_heading->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->setObjectName(QStringLiteral("projectMessage"));
    auto* reloadButton = new QPushButton(tr("&Reload"), this);
    connect(reloadButton, &QPushButton::clicked, this, &ProjectRecordView::reload);
    auto* top = new QHBoxLayout;
    top->addWidget(m_heading, 1);
    top->addWidget(reloadButton);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_message);
    layout->addWidget(m_tabs, 1);
    m_tabs->setDocumentMode(true);
    build();
    reload();
}

QString ProjectRecordView::message() const
{
    return m_message->message();
}

void ProjectRecordView::showMessage(const QString& text, bool problem)
{
    m_message->showMessage(text, problem);
}

RecordListTab* ProjectRecordView::addList(const QString& name, const QString& tabTitle)
{
    auto* list = new RecordListTab(name, this);
    m_lists.insert(name, list);
    if (!tabTitle.isEmpty()) {
        m_tabs->addTab(list, tabTitle);
    }
    return list;
}

void ProjectRecordView::addActionButton(const QString& list, const QString& name, const QString& buttonText, Action action)
{
    m_actions.insert(name, std::move(action));
    QPushButton* button = m_lists.value(list)->addButton(buttonText, name + QStringLiteral("Button"), [this, name] {
        if (RecordFormDialog* dialog = openAction(name)) {
            dialog->open();
        }
    });
    if (name == u"grantAccess") {
        m_creatorOnly.append(button);
    }
}

void ProjectRecordView::build()
{
    const auto onProject = [](auto method) {
        return [method](ProjectRepository& repository, const QUuid& project, const QUuid&, const QVariantMap& values) {
            return (repository.*method)(project, values);
        };
    };

    // Summary: the project's fields, the facts no form changes, and the staff working it.
    auto* summaryPage = new QWidget(this);
    auto* summaryLayout = new QHBoxLayout(summaryPage);
    m_summary = new RecordForm(ProjectForms::summary(), summaryPage);
    m_summary->setObjectName(QStringLiteral("projectSummaryForm"));
    auto* scroll = new QScrollArea(summaryPage);
    scroll->setWidget(m_summary);
    scroll->setWidgetResizable(true);
    auto* left = new QVBoxLayout;
    left->addWidget(scroll, 1);
    m_save = new QPushButton(tr("&Save changes"), summaryPage);
    m_save->setObjectName(QStringLiteral("saveProjectButton"));
    connect(m_save, &QPushButton::clicked, this, &ProjectRecordView::saveSummary);
    left->addWidget(m_save, 0, Qt::AlignRight);
    summaryLayout->addLayout(left, 3);
    auto* staffBox = new QGroupBox(tr("Facts and staff"), summaryPage);
    auto* staffLayout = new QVBoxLayout(staffBox);
    m_facts = new QLabel(staffBox);
    m_facts->setObjectName(QStringLiteral("projectFacts"));
    m_facts->setWordWrap(true);
    m_facts->setTextInteractionFlags(Qt::TextSelectableByMouse);
    staffLayout->addWidget(m_facts);
    RecordListTab* staff = addList(QStringLiteral("Staff"), {});
    staff->setParent(staffBox);
    staffLayout->addWidget(staff, 1);
    addActionButton(QStringLiteral("Staff"), QStringLiteral("assign"), tr("&Assign staff…"),
                    {tr("Assign staff"), ProjectForms::assignment(), {}, false, onProject(&ProjectRepository::assign)});
    staff->addButton(tr("Take &off project"), QStringLiteral("unassignButton"), [this] {
        RecordListTab* list = m_lists.value(QStringLiteral("Staff"));
        if (list->selectedRow() < 0) {
            showMessage(tr("Select a staff member first."), true);
            return;
        }
        const QString name = list->selectedValue(QStringLiteral("Name")).toString();
        if (QMessageBox::question(this, tr("Take off project"), tr("Take %1 off %2? The project history keeps the change.")
                                                                  .arg(name, m_record.projectNumber)) != QMessageBox::Yes) {
            return;
        }
        runOnSelection(QStringLiteral("Staff"), tr("Taken off the project."), [list](ProjectRepository& repository, const QUuid& project, int row) {
            return repository.unassign(project, list->model()->idAt(row), list->model()->table().value(row, QStringLiteral("Role")).toString());
        });
    });
    summaryLayout->addWidget(staffBox, 2);
    m_tabs->addTab(summaryPage, tr("Summary"));

    // Tasks: added, edited with a row-version check, marked done (the server refuses it while what it waits for is open).
    addList(QStringLiteral("Tasks"), tr("Tasks"));
    addActionButton(QStringLiteral("Tasks"), QStringLiteral("addTask"), tr("Add &task…"),
                    {tr("Add task"), ProjectForms::task(), {}, false, onProject(&ProjectRepository::addTask)});
    addActionButton(QStringLiteral("Tasks"), QStringLiteral("editTask"), tr("&Edit task…"),
                    {tr("Edit task"), ProjectForms::taskEdit(), QStringLiteral("Tasks"), true, {}});
    m_lists.value(QStringLiteral("Tasks"))->addButton(tr("Mark &done"), QStringLiteral("completeTaskButton"), [this] { completeSelectedTask(); });

    addList(QStringLiteral("People"), tr("People involved"));
    addActionButton(QStringLiteral("People"), QStringLiteral("addPerson"), tr("Add &person…"),
                    {tr("Add person involved"), ProjectForms::person(), {}, false, onProject(&ProjectRepository::addPerson)});
    m_lists.value(QStringLiteral("People"))->addButton(tr("&Remove from project"), QStringLiteral("removePersonButton"), [this] {
        RecordListTab* list = m_lists.value(QStringLiteral("People"));
        runOnSelection(QStringLiteral("People"), tr("Removed from the project; their own record stays."),
                       [list](ProjectRepository& repository, const QUuid& project, int row) {
                           return repository.removePerson(project, list->model()->idAt(row),
                                                          list->model()->table().value(row, QStringLiteral("Role")).toString());
                       });
    });

    addList(QStringLiteral("Events"), tr("Events"));
    addActionButton(QStringLiteral("Events"), QStringLiteral("addEvent"), tr("Add &event…"),
                    {tr("Add event"), ProjectForms::event(), {}, false, onProject(&ProjectRepository::addEvent)});

    RecordListTab* time = addList(QStringLiteral("Time"), tr("Time"));
    m_timeTotal = new QLabel(time);
    m_timeTotal->setObjectName(QStringLiteral("projectTimeTotal"));
    time->layout()->addWidget(m_timeTotal);
    addActionButton(QStringLiteral("Time"), QStringLiteral("logTime"), tr("&Log time…"),
                    {tr("Log time"), ProjectForms::timeEntry(), {}, false, onProject(&ProjectRepository::logTime)});

    RecordListTab* cases = addList(QStringLiteral("Cases"), tr("Cases"));
    addActionButton(QStringLiteral("Cases"), QStringLiteral("linkCase"), tr("&Link a case…"),
                    {tr("Link a case"), ProjectForms::linkCase(), {}, false,
                     [](ProjectRepository& repository, const QUuid& project, const QUuid&, const QVariantMap& values) {
                         return repository.linkCase(project, values.value(QStringLiteral("case_number")).toString());
                     }});
    cases->addButton(tr("&Unlink"), QStringLiteral("unlinkCaseButton"), [this, cases] {
        runOnSelection(QStringLiteral("Cases"), tr("Case unlinked."), [cases](ProjectRepository& repository, const QUuid& project, int row) {
            return repository.unlinkCase(project, cases->model()->idAt(row));
        });
    });
    connect(cases, &RecordListTab::activated, this, [this, cases](int row) { Q_EMIT openCaseRequested(cases->model()->idAt(row)); });

    RecordListTab* documents = addList(QStringLiteral("Documents"), tr("Documents"));
    documents->addButton(tr("&Open document"), QStringLiteral("openDocumentButton"), [this, documents] {
        if (!documents->selectedId().isNull()) {
            Q_EMIT openDocumentRequested(documents->selectedId());
        }
    });
    documents->addButton(tr("Add &document…"), QStringLiteral("addDocumentButton"), [this] {
        Q_EMIT addDocumentRequested(DocumentParent{{}, m_projectId, {}, tr("project %1").arg(m_record.projectNumber)});
    });
    documents->addButton(tr("New d&raft…"), QStringLiteral("newDraftButton"), [this] {
        Q_EMIT newDraftRequested(DocumentParent{{}, m_projectId, {}, tr("project %1").arg(m_record.projectNumber)});
    });
    connect(documents, &RecordListTab::activated, this, [this, documents](int row) {
        Q_EMIT openDocumentRequested(documents->model()->idAt(row));
    });
    addList(QStringLiteral("History"), tr("History"));

    RecordListTab* access = addList(QStringLiteral("Access"), tr("Access"));
    m_accessNote = new QLabel(access);
    m_accessNote->setWordWrap(true);
    access->layout()->addWidget(m_accessNote);
    addActionButton(QStringLiteral("Access"), QStringLiteral("grantAccess"), tr("&Grant access…"),
                    {tr("Grant access"), ProjectForms::grant(), {}, false,
                     [](ProjectRepository& repository, const QUuid& project, const QUuid&, const QVariantMap& values) {
                         return repository.grantAccess(project, values.value(QStringLiteral("login")).toString());
                     }});
    m_creatorOnly.append(access->addButton(tr("&Withdraw access"), QStringLiteral("revokeAccessButton"), [this, access] {
        runOnSelection(QStringLiteral("Access"), tr("Access withdrawn."), [access](ProjectRepository& repository, const QUuid& project, int row) {
            return repository.revokeAccess(project, access->model()->table().value(row, QStringLiteral("User name")).toString());
        });
    }));
}

void ProjectRecordView::reload()
{
    const auto loadRecord = [this] {
        m_loads.whenReady(this, m_service.run<ProjectRecord>([id = m_projectId](ProjectRepository& repository) { return repository.load(id); }),
                          [this](const Result<ProjectRecord>& record) {
                              if (!record) {
                                  showMessage(record.error().userMessage, true);
                                  return;
                              }
                              show(*record);
                          });
    };
    if (m_loaded) {
        loadRecord();
        return;
    }
    whenReady(this, FormContext::load(m_service.settings()), [this, loadRecord](const Result<FormContext>& context) {
        if (!context) {
            showMessage(context.error().userMessage, true);
            return;
        }
        m_context = *context;
        loadRecord();
    });
}

void ProjectRecordView::show(const ProjectRecord& record)
{
    m_record = record;
    m_loaded = true;
    const QString status = m_context.catalog.label(QStringLiteral("project_status"), record.status());
    const QString type = m_context.catalog.label(QStringLiteral("project_type"), record.summary.value(QStringLiteral("project_type")).toString());
    m_heading->setText(QStringLiteral("<b>%1</b> &nbsp;·&nbsp; %2 &nbsp;·&nbsp; %3 &nbsp;·&nbsp; %4")
                           .arg(record.projectNumber.toHtmlEscaped(), record.title().toHtmlEscaped(), type.toHtmlEscaped(),
                                status.toHtmlEscaped()));
    m_summary->setCatalog(m_context.catalog);
    m_summary->setAccess(m_context.access);
    m_summary->setValues(record.summary);
    QString facts = tr("<b>Office:</b> %1<br><b>Division:</b> %2<br><b>Opened by:</b> %3")
                        .arg(record.officeName.toHtmlEscaped(), record.divisionName.toHtmlEscaped(),
                             record.createdByName.isEmpty() ? tr("(not recorded: imported)") : record.createdByName.toHtmlEscaped());
    if (record.immigrationMatter) {
        facts += record.linkedCaseNumber.isEmpty()
                     ? tr("<br><b>Immigration matter</b> tracked until an A-Number is assigned; the case takes it over when it is opened.")
                     : tr("<br><b>Immigration matter</b> taken over by case %1.").arg(record.linkedCaseNumber.toHtmlEscaped());
    }
    m_facts->setText(facts);
    const QList<std::pair<QString, const RecordTable*>> tables = {
        {QStringLiteral("Staff"), &record.staff},   {QStringLiteral("Tasks"), &record.tasks},
        {QStringLiteral("People"), &record.people}, {QStringLiteral("Events"), &record.events},
        {QStringLiteral("Time"), &record.time},     {QStringLiteral("Cases"), &record.cases},
        {QStringLiteral("History"), &record.history}, {QStringLiteral("Access"), &record.grants},
        {QStringLiteral("Documents"), &record.documents},
    };
    for (const auto& [name, table] : tables) {
        m_lists.value(name)->setTable(*table);
    }
    m_timeTotal->setText(tr("Total: %1 hours").arg(QLocale().toString(record.totalHours(), 'f', 2)));
    for (QPushButton* button : std::as_const(m_creatorOnly)) {
        button->setVisible(record.createdByMe);
    }
    m_accessNote->setText(record.createdByMe
                              ? tr("Members of %1 see this project. Grant access to a colleague outside it.").arg(record.divisionName)
                              : tr("Only the project's creator (%1) grants or withdraws access.").arg(record.createdByName));
    Q_EMIT loaded(record.projectNumber);
}

RecordFormDialog* ProjectRecordView::openAction(const QString& actionName)
{
    if (!m_actions.contains(actionName) || !m_loaded) {
        return nullptr;
    }
    const Action action = m_actions.value(actionName);
    QUuid selected;
    if (!action.list.isEmpty()) {
        selected = m_lists.value(action.list)->selectedId();
        if (selected.isNull()) {
            showMessage(tr("Select a row first."), true);
            return nullptr;
        }
    }
    auto version = std::make_shared<qint64>(0);
    RecordFormDialog::Submit submit;
    if (action.editsTask) {
        submit = [service = m_service, selected, version](const QVariantMap& changes) {
            return service.run<void>([selected, changes, version = *version](ProjectRepository& repository) {
                return repository.updateTask(selected, version, changes);
            });
        };
    } else {
        submit = [service = m_service, work = action.work, project = m_projectId, selected](const QVariantMap& values) {
            return service.run<void>([work, project, selected, values](ProjectRepository& repository) { return work(repository, project, selected, values); });
        };
    }
    auto* dialog = new RecordFormDialog(action.title, action.spec, submit, this);
    dialog->setObjectName(actionName + QStringLiteral("Dialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    // Per-project choices: the staff who could see it, the project's other tasks.
    DropdownCatalog catalog = m_context.catalog;
    catalog.addList(QStringLiteral("project_staff"), m_record.staffChoices);
    QList<DropdownChoice> tasks;
    for (qsizetype row = 0; row < m_record.tasks.size(); ++row) {
        if (m_record.tasks.ids.at(row) != selected) {
            tasks.append({uuidText(m_record.tasks.ids.at(row)), m_record.tasks.value(row, QStringLiteral("Task")).toString()});
        }
    }
    catalog.addList(QStringLiteral("project_task"), tasks);
    dialog->form()->setCatalog(catalog);
    if (action.editsTask) {
        dialog->setSendChangesOnly(true);
        dialog->setSaveEnabled(false);
        whenReady(dialog, m_service.run<QVariantMap>([selected](ProjectRepository& repository) { return repository.task(selected); }),
                  [dialog, version](const Result<QVariantMap>& row) {
                      if (!row) {
                          dialog->form()->setAllReadOnly(true);
                          return;
                      }
                      *version = row->value(QStringLiteral("row_version")).toLongLong();
                      dialog->form()->setValues(*row);
                      dialog->setSaveEnabled(true);
                  });
    } else if (actionName == u"logTime") {
        dialog->form()->setValues({{QStringLiteral("work_date"), QDate::currentDate()}});
    }
    connect(dialog, &RecordFormDialog::saved, this, [this] {
        showMessage(tr("Saved."), false);
        reload();
    });
    return dialog;
}

void ProjectRecordView::runOnSelection(const QString& list, const QString& doneText,
                                       std::function<Result<void>(ProjectRepository&, const QUuid&, int)> work)
{
    const int row = m_lists.value(list)->selectedRow();
    if (row < 0) {
        showMessage(tr("Select a row first."), true);
        return;
    }
    whenReady(this, m_service.run<void>([work, project = m_projectId, row](ProjectRepository& repository) { return work(repository, project, row); }),
              [this, doneText](const Result<void>& done) {
                  if (!done) {
                      showMessage(done.error().userMessage, true);
                      return;
                  }
                  showMessage(doneText, false);
                  reload();
              });
}

void ProjectRecordView::completeSelectedTask()
{
    RecordListTab* tasks = m_lists.value(QStringLiteral("Tasks"));
    runOnSelection(QStringLiteral("Tasks"), tr("Task marked done."), [tasks](ProjectRepository& repository, const QUuid&, int row) {
        return repository.setTaskStatus(tasks->model()->idAt(row), QStringLiteral("done"));
    });
}

void ProjectRecordView::saveSummary()
{
    saveSummaryForm(
        this, m_summary, m_save, m_message,
        [this](const QVariantMap& changes) {
            return m_service.run<qint64>([id = m_projectId, version = m_record.rowVersion, changes](ProjectRepository& repository) {
                return repository.saveSummary(id, version, changes);
            });
        },
        [this] { reload(); });
}

} // namespace ocms
