#include "caserecordview.h"

#include "deadlineeventdialog.h"
#include "domain/caseforms.h"
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
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>
#include <memory>

namespace ocms {

namespace {

const QString kSummary = QStringLiteral("Summary");

QString uuidText(const QUuid& id)
{
    return id.toString(QUuid::WithoutBraces);
}

} // namespace

CaseRecordView::CaseRecordView(CaseService service, QUuid caseId, bool readOnly, QWidget* parent)
    : QWidget(parent), m_service(std::move(service)), m_caseId(caseId), m_readOnly(readOnly), m_heading(new QLabel(this)),
      m_message(new MessageBanner(this)), m_tabs(new QTabWidget(this))
{
    m_heading->setTextFormat(Qt::RichText);
    m_heading->setObjectName(QStringLiteral("caseHeading"));
    m_heading->setStyleSheet(QStringLiteral("font-size: 13pt;"));
    m_heading->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->setObjectName(QStringLiteral("caseMessage"));
    auto* reloadButton = new QPushButton(tr("&Reload"), this);
    connect(reloadButton, &QPushButton::clicked, this, &CaseRecordView::reload);
    auto* top = new QHBoxLayout;
    top->addWidget(m_heading, 1);
    if (!m_readOnly) {
        // Pinned: the case and its documents travel in the laptop's offline copy.
        auto* pin = new QPushButton(tr("&Pin for offline"), this);
        pin->setObjectName(QStringLiteral("pinButton"));
        pin->setCheckable(true);
        pin->setEnabled(false);
        pin->setToolTip(tr("Carry this case and its documents in the encrypted offline copy on this computer."));
        whenReady(this, m_service.run<bool>([id = m_caseId](CaseRepository& repository) { return repository.isPinned(id); }),
                  [pin](const Result<bool>& pinned) {
                      pin->setChecked(pinned && *pinned);
                      pin->setEnabled(bool(pinned));
                  });
        connect(pin, &QPushButton::clicked, this, [this, pin](bool pinned) {
            pin->setEnabled(false);
            whenReady(this, m_service.run<void>([id = m_caseId, pinned](CaseRepository& repository) { return repository.setPinned(id, pinned); }),
                      [this, pin, pinned](const Result<void>& done) {
                          pin->setEnabled(true);
                          if (!done) {
                              pin->setChecked(!pinned);
                              m_message->showMessage(done.error().userMessage, true);
                              return;
                          }
                          m_message->showMessage(pinned ? tr("Pinned: the case and its documents go to your offline copy with the next sync.")
                                                        : tr("Unpinned: the offline copy lets the case go with the next sync."),
                                                 false);
                      });
        });
        top->addWidget(pin);
        auto* transfer = new QPushButton(tr("&Transfer…"), this);
        transfer->setObjectName(QStringLiteral("transferButton"));
        transfer->setToolTip(tr("Send the case to another office; the case history keeps the transfer and its reason."));
        connect(transfer, &QPushButton::clicked, this, &CaseRecordView::transfer);
        top->addWidget(transfer);
    }
    top->addWidget(reloadButton);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_message);
    layout->addWidget(m_tabs, 1);
    m_tabs->setDocumentMode(true);
    reload();
}

QString CaseRecordView::message() const
{
    return m_message->message();
}

void CaseRecordView::showMessage(const QString& text, bool problem)
{
    m_message->showMessage(text, problem);
}

void CaseRecordView::reload()
{
    const auto loadRecord = [this] {
        m_loads.whenReady(this, m_service.run<CaseRecord>([id = m_caseId](CaseRepository& repository) { return repository.load(id); }),
                          [this](const Result<CaseRecord>& record) {
                              if (!record) {
                                  showMessage(record.error().userMessage, true);
                                  return;
                              }
                              showRecord(*record);
                          });
    };
    if (m_loaded) {
        loadRecord();
        return;
    }
    whenReady(this, m_service.loadFormContext(), [this, loadRecord](const Result<CaseService::FormContext>& context) {
        if (!context) {
            showMessage(context.error().userMessage, true);
            return;
        }
        m_context = *context;
        loadRecord();
    });
}

QWidget* CaseRecordView::documentsTab()
{
    // The repository's screens do the work: this tab lists, and asks the Documents workspace to add or open.
    RecordTableModel* documents = m_models.value(QStringLiteral("Documents"));
    QWidget* page = listTab(QStringLiteral("Documents"), documents, {});
    QTableView* view = m_views.value(documents);
    const auto openSelected = [this, view, documents] {
        const QModelIndex index = view->currentIndex();
        if (index.isValid()) {
            Q_EMIT openDocumentRequested(documents->idAt(index.row()));
        }
    };
    connect(view, &QTableView::activated, this, openSelected);
    auto* buttons = new QHBoxLayout;
    auto* open = new QPushButton(tr("&Open document"), page);
    open->setObjectName(QStringLiteral("openDocumentButton"));
    connect(open, &QPushButton::clicked, this, openSelected);
    buttons->addWidget(open);
    if (!m_readOnly) {
        auto* add = new QPushButton(tr("Add &document…"), page);
        add->setObjectName(QStringLiteral("addDocumentButton"));
        connect(add, &QPushButton::clicked, this, [this] {
            Q_EMIT addDocumentRequested(DocumentParent{m_caseId, {}, {}, tr("case %1").arg(m_record.caseNumber)});
        });
        buttons->addWidget(add);
        auto* draft = new QPushButton(tr("New d&raft…"), page);
        draft->setObjectName(QStringLiteral("newDraftButton"));
        connect(draft, &QPushButton::clicked, this, [this] {
            Q_EMIT newDraftRequested(DocumentParent{m_caseId, {}, {}, tr("case %1").arg(m_record.caseNumber)});
        });
        buttons->addWidget(draft);
    }
    auto* binder = new QPushButton(tr("&Binder PDF…"), page);
    binder->setObjectName(QStringLiteral("binderButton"));
    connect(binder, &QPushButton::clicked, this, [this] { Q_EMIT binderRequested(m_caseId, m_record.caseNumber); });
    buttons->addWidget(binder);
    buttons->addStretch(1);
    qobject_cast<QVBoxLayout*>(page->layout())->addLayout(buttons);
    return page;
}

QTableView* CaseRecordView::tableFor(RecordTableModel* model)
{
    auto* view = new QTableView(this);
    view->setModel(model);
    RecordListTab::styleTable(view);
    m_views.insert(model, view);
    return view;
}

QWidget* CaseRecordView::listTab(const QString& title, RecordTableModel* model, const QList<Action>& actions, QWidget* below)
{
    auto* page = new QWidget(this);
    auto* layout = new QVBoxLayout(page);
    QTableView* view = tableFor(model);
    view->setObjectName(title + QStringLiteral("Table"));
    view->setAccessibleName(title);
    if (below) {
        auto* split = new QSplitter(Qt::Vertical, page);
        split->addWidget(view);
        split->addWidget(below);
        split->setStretchFactor(0, 3);
        split->setStretchFactor(1, 1);
        layout->addWidget(split, 1);
    } else {
        layout->addWidget(view, 1);
    }
    if (!m_readOnly && !actions.isEmpty()) {
        auto* buttons = new QHBoxLayout;
        for (const Action& action : actions) {
            m_actions.insert(action.name, action);
            auto* button = new QPushButton(action.title, page);
            button->setObjectName(action.name + QStringLiteral("Button"));
            connect(button, &QPushButton::clicked, this, [this, name = action.name] {
                if (RecordFormDialog* dialog = openAction(name)) {
                    dialog->open();
                }
            });
            buttons->addWidget(button);
        }
        buttons->addStretch(1);
        layout->addLayout(buttons);
    }
    m_models.insert(title, model);
    return page;
}

RecordTableModel* CaseRecordView::tableModel(const QString& tabTitle) const
{
    return m_models.value(tabTitle);
}

int CaseRecordView::selectedRow(RecordTableModel* model) const
{
    const QTableView* view = m_views.value(model);
    if (!view || !view->selectionModel() || !view->selectionModel()->hasSelection()) {
        return -1;
    }
    return view->selectionModel()->selectedRows().value(0).row();
}

QPushButton* CaseRecordView::addRemoveButton(QWidget* page, const QString& tabTitle, const QString& text)
{
    auto* button = new QPushButton(text, page);
    button->setObjectName(tabTitle + QStringLiteral("RemoveButton"));
    connect(button, &QPushButton::clicked, this, [this, tabTitle] {
        RecordTableModel* model = m_models.value(tabTitle);
        const int row = selectedRow(model);
        if (row < 0) {
            showMessage(tr("Select a row first."), true);
            return;
        }
        const QString name = model->table().value(row, QStringLiteral("Name")).toString();
        const QString role = RecordTableModel::displayText(model->table().value(row, QStringLiteral("Role")));
        if (QMessageBox::question(this, tr("Remove from case"),
                                  tr("Take %1 (%2) off case %3? Their own record stays; the audit trail keeps the change.")
                                      .arg(name, role.toLower(), m_record.caseNumber)) == QMessageBox::Yes) {
            removeSelected(tabTitle);
        }
    });
    // The page's last layout holds the action buttons.
    if (auto* row = qobject_cast<QBoxLayout*>(page->layout()->itemAt(page->layout()->count() - 1)->layout())) {
        row->insertWidget(row->count() - 1, button);
    }
    return button;
}

void CaseRecordView::removeSelected(const QString& tabTitle)
{
    RecordTableModel* model = m_models.value(tabTitle);
    const int row = selectedRow(model);
    if (row < 0) {
        showMessage(tr("Select a row first."), true);
        return;
    }
    const QUuid who = model->idAt(row);
    const QString role = model->table().value(row, QStringLiteral("Role")).toString();
    const bool staff = tabTitle == u"Staff";
    whenReady(this,
              m_service.run<void>([id = m_caseId, who, role, staff](CaseRepository& repository) {
                  return staff ? repository.removeStaff(id, who, role) : repository.removePerson(id, who, role);
              }),
              [this](const Result<void>& done) {
                  if (!done) {
                      showMessage(done.error().userMessage, true);
                      return;
                  }
                  showMessage(tr("Removed from the case."), false);
                  reload();
              });
}

QUuid CaseRecordView::selectedId(RecordTableModel* model) const
{
    const QTableView* view = m_views.value(model);
    if (!view || !view->selectionModel() || !view->selectionModel()->hasSelection()) {
        return {};
    }
    return model->idAt(view->selectionModel()->selectedRows().value(0).row());
}

RecordFormDialog* CaseRecordView::openAction(const QString& actionName)
{
    if (!m_actions.contains(actionName) || m_readOnly) {
        return nullptr;
    }
    const Action action = m_actions.value(actionName);
    QUuid target = m_caseId;
    if (action.needsSelection) {
        target = selectedId(action.selectionFrom);
        if (target.isNull()) {
            showMessage(tr("Select a row first."), true);
            return nullptr;
        }
    }
    // Editing: the row is read first (with its row version); the save sends only what changed.
    auto version = std::make_shared<qint64>(0);
    RecordFormDialog::Submit submit;
    if (action.edits) {
        submit = [service = m_service, kind = *action.edits, target, version](const QVariantMap& changes) {
            return service.run<void>([kind, target, changes, version = *version](CaseRepository& repository) {
                return repository.updateRow(kind, target, version, changes);
            });
        };
    } else {
        submit = [service = m_service, work = action.work, target](const QVariantMap& values) {
            return service.run<void>([work, target, values](CaseRepository& repository) {
                QVariantMap withTarget = values;
                withTarget.insert(QStringLiteral("__target"), uuidText(target));
                return work(repository, withTarget);
            });
        };
    }
    auto* dialog = new RecordFormDialog(action.title.chopped(action.title.endsWith(u'…') ? 1 : 0).remove(u'&'), action.spec, submit, this);
    dialog->setObjectName(action.name + QStringLiteral("Dialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    if (action.edits) {
        dialog->setSendChangesOnly(true);
        dialog->setSaveEnabled(false);
        dialog->form()->setAccess(m_context.access);
        whenReady(dialog, m_service.run<QVariantMap>([kind = *action.edits, target](CaseRepository& repository) {
                      return repository.editableRow(kind, target);
                  }),
                  [dialog, version](const Result<QVariantMap>& row) {
                      if (!row) {
                          dialog->form()->setAllReadOnly(true);
                          return;
                      }
                      *version = row->value(QStringLiteral("row_version")).toLongLong();
                      dialog->form()->setValues(*row);
                      dialog->setSaveEnabled(true);
                  });
    }
    DropdownCatalog catalog = m_context.catalog;
    QList<DropdownChoice> documents;
    for (qsizetype row = 0; row < m_record.documents.size(); ++row) {
        documents.append({uuidText(m_record.documents.ids.at(row)), m_record.documents.rows.at(row).value(0).toString() + u' ' +
                                                                           m_record.documents.rows.at(row).value(1).toString()});
    }
    catalog.addList(QStringLiteral("case_document"), documents);
    QList<DropdownChoice> projects;
    for (qsizetype row = 0; row < m_record.trackingProjects.size(); ++row) {
        projects.append({uuidText(m_record.trackingProjects.ids.at(row)),
                         m_record.trackingProjects.rows.at(row).value(0).toString() + QStringLiteral(" — ") +
                             m_record.trackingProjects.rows.at(row).value(1).toString()});
    }
    catalog.addList(QStringLiteral("tracking_project"), projects);
    dialog->form()->setCatalog(catalog);
    dialog->form()->setContext({{QStringLiteral("category"), m_record.category}});
    connect(dialog, &RecordFormDialog::saved, this, [this] {
        showMessage(tr("Saved."), false);
        reload();
    });
    return dialog;
}

void CaseRecordView::showRecord(const CaseRecord& record)
{
    const bool first = !m_loaded;
    m_record = record;
    m_loaded = true;
    const QString status = m_context.catalog.label(QStringLiteral("case_status"), record.summary.value(QStringLiteral("status")).toString());
    m_heading->setText(QStringLiteral("<b>%1</b> &nbsp;·&nbsp; %2 &nbsp;·&nbsp; %3 &nbsp;·&nbsp; %4%5")
                           .arg(record.caseNumber.toHtmlEscaped(),
                                (record.partyName.isEmpty() ? tr("(no party)") : record.partyName).toHtmlEscaped(),
                                status.toHtmlEscaped(), record.officeName.toHtmlEscaped(),
                                record.aNumber.isEmpty() ? QString()
                                                         : QStringLiteral(" &nbsp;·&nbsp; A-%1-%2-%3")
                                                               .arg(record.aNumber.left(3), record.aNumber.mid(3, 3), record.aNumber.right(3))));
    if (first) {
        auto model = [this](const QString& title) {
            auto* created = new RecordTableModel(this);
            m_models.insert(title, created);
            return created;
        };
        // Summary: the case's own fields, the facts no form changes, and the staff working it.
        auto* summaryPage = new QWidget(this);
        auto* summaryLayout = new QHBoxLayout(summaryPage);
        m_summary = new RecordForm(CaseForms::summary(record.isImmigration()), summaryPage);
        m_summary->setObjectName(QStringLiteral("summaryForm"));
        auto* scroll = new QScrollArea(summaryPage);
        scroll->setWidget(m_summary);
        scroll->setWidgetResizable(true);
        auto* left = new QVBoxLayout;
        left->addWidget(scroll, 1);
        if (!m_readOnly) {
            m_save = new QPushButton(tr("&Save changes"), summaryPage);
            m_save->setObjectName(QStringLiteral("saveSummaryButton"));
            connect(m_save, &QPushButton::clicked, this, &CaseRecordView::saveSummary);
            left->addWidget(m_save, 0, Qt::AlignRight);
        }
        summaryLayout->addLayout(left, 3);
        auto* staffBox = new QGroupBox(tr("Facts and staff"), summaryPage);
        auto* staffLayout = new QVBoxLayout(staffBox);
        auto* facts = new QLabel(staffBox);
        facts->setObjectName(QStringLiteral("caseFacts"));
        facts->setWordWrap(true);
        staffLayout->addWidget(facts);
        if (!m_readOnly) {
            QWidget* staffPage = listTab(QStringLiteral("Staff"), model(QStringLiteral("Staff")),
                                         {{QStringLiteral("addStaff"), tr("&Assign staff…"), CaseForms::staff(),
                                           [](CaseRepository& repository, const QVariantMap& values) {
                                               return repository.addStaff(QUuid(values.value(QStringLiteral("__target")).toString()), values);
                                           }}});
            staffLayout->addWidget(staffPage, 1);
            addRemoveButton(staffPage, QStringLiteral("Staff"), tr("Re&move from case"));
        }
        summaryLayout->addWidget(staffBox, 2);
        m_tabs->addTab(summaryPage, tr("Summary"));

        const auto onCase = [](auto method) {
            return [method](CaseRepository& repository, const QVariantMap& values) {
                return (repository.*method)(QUuid(values.value(QStringLiteral("__target")).toString()), values);
            };
        };
        RecordTableModel* people = model(QStringLiteral("People"));
        m_personDetail = new QLabel(this);
        m_personDetail->setWordWrap(true);
        m_personDetail->setAlignment(Qt::AlignTop | Qt::AlignLeft);
        m_personDetail->setTextInteractionFlags(Qt::TextSelectableByMouse);
        m_tabs->addTab(listTab(QStringLiteral("People"), people,
                               {{QStringLiteral("addPerson"), tr("Add &person…"), CaseForms::person(), onCase(&CaseRepository::addPerson)},
                                {QStringLiteral("addAlias"), tr("Add a&lias…"), CaseForms::alias(), onCase(&CaseRepository::addAlias), true, people},
                                {QStringLiteral("addAddress"), tr("Add a&ddress…"), CaseForms::address(), onCase(&CaseRepository::addAddress), true, people},
                                {QStringLiteral("addPhone"), tr("Add p&hone…"), CaseForms::phone(), onCase(&CaseRepository::addPhone), true, people},
                                {QStringLiteral("editPerson"), tr("&Edit person…"), CaseForms::personEdit(), {}, true, people,
                                 CaseRepository::Editable::Person}},
                               m_personDetail),
                       tr("People"));
        if (!m_readOnly) {
            addRemoveButton(m_tabs->widget(m_tabs->count() - 1), QStringLiteral("People"), tr("&Remove from case"));
        }
        connect(m_views.value(people)->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this, people](const QModelIndex& current) {
            QStringList lines;
            for (int column = 0; column < people->columnCount(); ++column) {
                const QString value = RecordTableModel::displayText(people->table().rows.value(current.row()).value(column));
                if (!value.isEmpty()) {
                    lines.append(QStringLiteral("<b>%1:</b> %2").arg(people->table().headers.at(column).toHtmlEscaped(), value.toHtmlEscaped()));
                }
            }
            m_personDetail->setText(lines.join(QStringLiteral("<br>")));
        });
        RecordTableModel* hearings = model(QStringLiteral("Hearings"));
        m_tabs->addTab(listTab(QStringLiteral("Hearings"), hearings,
                               {{QStringLiteral("addHearing"), tr("Add &hearing…"), CaseForms::hearing(), onCase(&CaseRepository::addHearing)},
                                {QStringLiteral("editHearing"), tr("&Edit hearing…"), CaseForms::hearingEdit(), {}, true,
                                 hearings, CaseRepository::Editable::Hearing}}),
                       tr("Hearings"));
        if (!m_readOnly) {
            RecordTableModel* deadlines = model(QStringLiteral("Deadlines"));
            m_deadlineDetail = new QLabel(this);
            m_deadlineDetail->setWordWrap(true);
            m_deadlineDetail->setAlignment(Qt::AlignTop | Qt::AlignLeft);
            m_deadlineDetail->setObjectName(QStringLiteral("deadlineWorking"));
            QWidget* page = listTab(QStringLiteral("Deadlines"), deadlines,
                                    {{QStringLiteral("addDeadline"), tr("Add &deadline…"), CaseForms::deadline(),
                                      onCase(&CaseRepository::addDeadline)}},
                                    m_deadlineDetail);
            auto* done = new QPushButton(tr("&Mark done"), page);
            done->setObjectName(QStringLiteral("completeDeadlineButton"));
            connect(done, &QPushButton::clicked, this, &CaseRecordView::completeSelectedDeadline);
            auto* fromEvent = new QPushButton(tr("Compute from an &event…"), page);
            fromEvent->setObjectName(QStringLiteral("deadlinesFromEventButton"));
            fromEvent->setToolTip(tr("A motion served, a decision issued…: the deadline rules give the due dates, with their working."));
            connect(fromEvent, &QPushButton::clicked, this, [this] { openDeadlineEvent()->open(); });
            auto* row = qobject_cast<QBoxLayout*>(page->layout()->itemAt(page->layout()->count() - 1)->layout());
            row->insertWidget(1, done);
            row->insertWidget(2, fromEvent);
            connect(m_views.value(deadlines)->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
                    [this, deadlines](const QModelIndex& current) {
                        const QString working = deadlines->table().value(current.row(), QStringLiteral("How it was computed")).toString();
                        m_deadlineDetail->setText(working.isEmpty() ? tr("Entered by hand (no rule).") : tr("How it was computed: %1").arg(working));
                    });
            m_tabs->addTab(page, tr("Deadlines"));

            RecordTableModel* notes = model(QStringLiteral("Notes"));
            m_noteDetail = new QLabel(this);
            m_noteDetail->setWordWrap(true);
            m_noteDetail->setAlignment(Qt::AlignTop | Qt::AlignLeft);
            m_noteDetail->setTextInteractionFlags(Qt::TextSelectableByMouse);
            m_tabs->addTab(listTab(QStringLiteral("Notes"), notes,
                                   {{QStringLiteral("addNote"), tr("Add &note…"), CaseForms::note(), onCase(&CaseRepository::addNote)}},
                                   m_noteDetail),
                           tr("Notes"));
            connect(m_views.value(notes)->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this, notes](const QModelIndex& current) {
                m_noteDetail->setText(notes->table().value(current.row(), QStringLiteral("Note")).toString());
            });

            // History: actions and dispositions, transfers, linked tracking projects.
            auto* transfersBox = new QGroupBox(tr("Transfers"), this);
            auto* transfersLayout = new QVBoxLayout(transfersBox);
            transfersLayout->addWidget(tableFor(model(QStringLiteral("Transfers"))));
            transfersLayout->addWidget(new QLabel(tr("Linked tracking projects:"), transfersBox));
            transfersLayout->addWidget(tableFor(model(QStringLiteral("Linked projects"))));
            m_tabs->addTab(listTab(QStringLiteral("History"), model(QStringLiteral("History")),
                                   record.isImmigration()
                                       ? QList<Action>{{QStringLiteral("linkProject"), tr("Take over a tracking &project…"),
                                                        CaseForms::linkProject(),
                                                        [](CaseRepository& repository, const QVariantMap& values) {
                                                            return repository.linkProject(QUuid(values.value(QStringLiteral("project_id")).toString()),
                                                                                          QUuid(values.value(QStringLiteral("__target")).toString()));
                                                        }}}
                                       : QList<Action>{},
                                   transfersBox),
                           tr("History"));

            m_tabs->addTab(listTab(QStringLiteral("A-File"), model(QStringLiteral("A-File")),
                                   record.aNumber.isEmpty()
                                       ? QList<Action>{}
                                       : QList<Action>{{QStringLiteral("recordAFile"), tr("Record &new location…"), CaseForms::afileLocation(),
                                                        [aNumber = record.aNumber](CaseRepository& repository, const QVariantMap& values) {
                                                            return repository.recordAFileLocation(aNumber, values);
                                                        }}}),
                           tr("A-File"));
            m_tabs->addTab(listTab(QStringLiteral("Applications"), model(QStringLiteral("Applications")),
                                   {{QStringLiteral("addApplication"), tr("Add &application…"), CaseForms::application(),
                                     onCase(&CaseRepository::addApplication)}}),
                           tr("Applications"));
            m_tabs->addTab(listTab(QStringLiteral("Visas"), model(QStringLiteral("Visas")),
                                   {{QStringLiteral("addVisa"), tr("Add &visa…"), CaseForms::visa(), onCase(&CaseRepository::addVisa)}}),
                           tr("Visas"));
            m_tabs->addTab(listTab(QStringLiteral("Disclosures"), model(QStringLiteral("Disclosures")),
                                   {{QStringLiteral("addDisclosure"), tr("&Record disclosure…"), CaseForms::disclosure(),
                                     onCase(&CaseRepository::addDisclosure)}}),
                           tr("Disclosures"));
            model(QStringLiteral("Documents"));
            m_tabs->addTab(documentsTab(), tr("Documents"));
            m_tabs->addTab(listTab(QStringLiteral("Time"), model(QStringLiteral("Time")),
                                   {{QStringLiteral("logTime"), tr("&Log time…"), CaseForms::timeEntry(), onCase(&CaseRepository::logTime)}}),
                           tr("Time"));
            if (!record.isImmigration()) {
                QWidget* accessPage = listTab(QStringLiteral("Access"), model(QStringLiteral("Access")),
                                        record.createdByMe
                                            ? QList<Action>{{QStringLiteral("grantAccess"), tr("&Grant access…"), CaseForms::grant(),
                                                             [](CaseRepository& repository, const QVariantMap& values) {
                                                                 return repository.grantAccess(QUuid(values.value(QStringLiteral("__target")).toString()),
                                                                                               values.value(QStringLiteral("login")).toString());
                                                             }}}
                                            : QList<Action>{});
                if (record.createdByMe) {
                    auto* revoke = new QPushButton(tr("&Withdraw access"), accessPage);
                    revoke->setObjectName(QStringLiteral("revokeAccessButton"));
                    connect(revoke, &QPushButton::clicked, this, &CaseRecordView::revokeSelectedGrant);
                    qobject_cast<QBoxLayout*>(accessPage->layout()->itemAt(accessPage->layout()->count() - 1)->layout())->insertWidget(1, revoke);
                } else {
                    accessPage->layout()->addWidget(new QLabel(tr("Only the case's creator (%1) grants or withdraws access.").arg(record.createdByName), accessPage));
                }
                m_tabs->addTab(accessPage, tr("Access"));
            }
        }
    }

    m_summary->setCatalog(m_context.catalog);
    m_summary->setContext({{QStringLiteral("category"), record.category}});
    m_summary->setAccess(m_context.access);
    m_summary->setAllReadOnly(m_readOnly);
    m_summary->setValues(record.summary);
    if (auto* facts = findChild<QLabel*>(QStringLiteral("caseFacts"))) {
        facts->setText(tr("<b>Category:</b> %1<br><b>Office:</b> %2<br><b>Division:</b> %3<br><b>Opened by:</b> %4")
                           .arg(record.isImmigration() ? tr("Immigration") : tr("Non-immigration"), record.officeName.toHtmlEscaped(),
                                record.divisionName.toHtmlEscaped(),
                                record.createdByName.isEmpty() ? tr("(not recorded: imported)") : record.createdByName.toHtmlEscaped()));
    }
    const QList<std::pair<QString, const RecordTable*>> tables = {
        {QStringLiteral("Staff"), &record.staff},           {QStringLiteral("People"), &record.people},
        {QStringLiteral("Hearings"), &record.hearings},     {QStringLiteral("Deadlines"), &record.deadlines},
        {QStringLiteral("Notes"), &record.notes},           {QStringLiteral("History"), &record.history},
        {QStringLiteral("Transfers"), &record.transfers},   {QStringLiteral("Linked projects"), &record.linkedProjects},
        {QStringLiteral("A-File"), &record.afileLocations}, {QStringLiteral("Applications"), &record.applications},
        {QStringLiteral("Visas"), &record.visas},           {QStringLiteral("Disclosures"), &record.disclosures},
        {QStringLiteral("Access"), &record.grants},         {QStringLiteral("Time"), &record.timeEntries},
        {QStringLiteral("Documents"), &record.documents},
    };
    for (const auto& [title, table] : tables) {
        if (RecordTableModel* model = m_models.value(title)) {
            model->setTable(*table);
            if (QTableView* view = m_views.value(model)) {
                RecordListTab::fitColumns(view);
            }
        }
    }
    Q_EMIT loaded(record.caseNumber);
}

void CaseRecordView::saveSummary()
{
    if (!m_summary || m_readOnly) {
        return;
    }
    saveSummaryForm(
        this, m_summary, m_save, m_message,
        [this](const QVariantMap& changes) {
            return m_service.run<qint64>([id = m_caseId, version = m_record.rowVersion, changes](CaseRepository& repository) {
                return repository.saveSummary(id, version, changes);
            });
        },
        [this] {
            Q_EMIT summarySaved();
            reload();
        });
}

void CaseRecordView::transfer()
{
    const auto submit = [service = m_service, id = m_caseId, version = m_record.rowVersion](const QVariantMap& values) {
        return service.run<void>([id, version, values](CaseRepository& repository) -> Result<void> {
            auto moved = repository.transfer(id, QUuid(values.value(QStringLiteral("office_id")).toString()),
                                             values.value(QStringLiteral("reason")).toString(), version);
            if (!moved) {
                return fail(moved.error());
            }
            return {};
        });
    };
    auto* dialog = new RecordFormDialog(tr("Transfer %1").arg(m_record.caseNumber), CaseForms::transfer(), submit, this);
    dialog->setObjectName(QStringLiteral("transferDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    DropdownCatalog catalog = m_context.catalog;
    QList<DropdownChoice> offices;
    for (const DropdownChoice& office : m_context.catalog.choices(QStringLiteral("legal_office"))) {
        if (office.code != m_record.officeId) {
            offices.append(office);
        }
    }
    catalog.addList(QStringLiteral("legal_office"), offices);
    dialog->form()->setCatalog(catalog);
    connect(dialog, &RecordFormDialog::saved, this, [this] {
        showMessage(tr("Transferred. The case history records it."), false);
        reload();
    });
    dialog->open();
}

DeadlineEventDialog* CaseRecordView::openDeadlineEvent()
{
    auto* dialog = new DeadlineEventDialog(m_service, m_caseId, m_context.catalog, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &DeadlineEventDialog::deadlinesAdded, this, [this] { reload(); });
    return dialog;
}

void CaseRecordView::completeSelectedDeadline()
{
    const QUuid deadline = selectedId(m_models.value(QStringLiteral("Deadlines")));
    if (deadline.isNull()) {
        showMessage(tr("Select a deadline first."), true);
        return;
    }
    whenReady(this, m_service.run<void>([deadline](CaseRepository& repository) { return repository.completeDeadline(deadline); }),
              [this](const Result<void>& done) {
                  if (!done) {
                      showMessage(done.error().userMessage, true);
                      return;
                  }
                  showMessage(tr("Deadline marked done."), false);
                  reload();
              });
}

void CaseRecordView::revokeSelectedGrant()
{
    RecordTableModel* grants = m_models.value(QStringLiteral("Access"));
    const QTableView* view = m_views.value(grants);
    if (!view || !view->selectionModel()->hasSelection()) {
        showMessage(tr("Select a colleague first."), true);
        return;
    }
    const QString login = grants->table().value(view->selectionModel()->selectedRows().value(0).row(), QStringLiteral("User name")).toString();
    whenReady(this, m_service.run<void>([id = m_caseId, login](CaseRepository& repository) { return repository.revokeAccess(id, login); }),
              [this](const Result<void>& done) {
                  if (!done) {
                      showMessage(done.error().userMessage, true);
                      return;
                  }
                  showMessage(tr("Access withdrawn."), false);
                  reload();
              });
}

} // namespace ocms
