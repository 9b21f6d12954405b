#include "fieldworkspace.h"

#include "addresssearchextractdialog.h"
#include "domain/fieldforms.h"
#include "field/nonfugitivearrestservice.h"
#include "fugitiverecordview.h"
#include "investigationreportdialog.h"
#include "offlinecopiesview.h"
#include "operationsplansview.h"
#include "leadboardview.h"
#include "leadimportdialog.h"
#include "leadview.h"
#include "messagebanner.h"
#include "models/recordtablemodel.h"
#include "recordform.h"
#include "recordformdialog.h"
#include "recordlisttab.h"
#include "whenready.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTabBar>
#include <QTabWidget>
#include <QVBoxLayout>

#include <memory>

namespace ocms {

FieldWorkspace::FieldWorkspace(const Session& session, QWidget* parent)
    : QWidget(parent), m_session(session), m_leadService(session.settings()), m_fugitiveService(session.settings()),
      m_mayWrite(session.hasRole(QStringLiteral("field_write"))), m_headquarters(session.hasRole(QStringLiteral("field_full"))),
      m_tabs(new QTabWidget(this)), m_board(new LeadBoardView(session.settings(), m_headquarters, this)), m_search(new QLineEdit(this)),
      m_results(new RecordListTab(QStringLiteral("Fugitives"), this)), m_message(new MessageBanner(this))
{
    m_tabs->setObjectName(QStringLiteral("fieldTabs"));
    m_tabs->setTabsClosable(true);
    m_tabs->setMovable(true);

    // The board, with what can be started from it.
    auto* boardPage = new QWidget(this);
    auto* boardLayout = new QVBoxLayout(boardPage);
    auto* actions = new QHBoxLayout;
    const auto button = [&](const QString& text, const QString& name, bool enabled, auto onClick) {
        auto* made = new QPushButton(text, boardPage);
        made->setObjectName(name);
        made->setEnabled(enabled);
        if (!enabled) {
            made->setToolTip(tr("Your field access does not allow this."));
        }
        connect(made, &QPushButton::clicked, this, onClick);
        actions->addWidget(made);
        return made;
    };
    button(tr("&Open lead"), QStringLiteral("openLeadButton"), true, [this] {
        if (const QUuid lead = m_board->selectedLead(); !lead.isNull()) {
            openLead(lead);
        }
    });
    button(tr("&Refresh"), QStringLiteral("refreshBoardButton"), true, [this] { m_board->refresh(); });
    button(tr("New &lead…"), QStringLiteral("newLeadButton"), m_mayWrite, [this] {
        if (RecordFormDialog* dialog = newLead()) {
            dialog->open();
        }
    });
    button(tr("Non-fugitive &arrest…"), QStringLiteral("nonFugitiveArrestButton"), m_mayWrite, [this] {
        if (RecordFormDialog* dialog = nonFugitiveArrest()) {
            dialog->open();
        }
    });
    actions->addStretch(1);
    if (m_headquarters) {
        button(tr("&Import leads…"), QStringLiteral("importLeadsButton"), true, [this] {
            if (LeadImportDialog* dialog = importLeads()) {
                dialog->open();
            }
        });
        button(tr("Address-search &extract…"), QStringLiteral("extractButton"), true, [this] {
            if (AddressSearchExtractDialog* dialog = addressSearchExtract()) {
                dialog->open();
            }
        });
    }
    boardLayout->addLayout(actions);
    boardLayout->addWidget(m_board, 1);
    m_tabs->addTab(boardPage, tr("Lead board"));
    m_tabs->tabBar()->setTabButton(0, QTabBar::RightSide, nullptr);

    // Fugitive records: find by number, A-Number or name; new record.
    auto* fugitivesPage = new QWidget(this);
    auto* fugitivesLayout = new QVBoxLayout(fugitivesPage);
    auto* searchRow = new QHBoxLayout;
    auto* searchLabel = new QLabel(tr("&Find:"), fugitivesPage);
    searchLabel->setBuddy(m_search);
    m_search->setObjectName(QStringLiteral("fugitiveSearch"));
    m_search->setPlaceholderText(tr("Fugitive number, A-Number or family name"));
    m_search->setClearButtonEnabled(true);
    connect(m_search, &QLineEdit::returnPressed, this, &FieldWorkspace::findFugitives);
    auto* find = new QPushButton(tr("Find"), fugitivesPage);
    connect(find, &QPushButton::clicked, this, &FieldWorkspace::findFugitives);
    auto* create = new QPushButton(tr("New &fugitive record…"), fugitivesPage);
    create->setObjectName(QStringLiteral("newFugitiveButton"));
    create->setEnabled(m_mayWrite);
    connect(create, &QPushButton::clicked, this, [this] {
        if (RecordFormDialog* dialog = newFugitive()) {
            dialog->open();
        }
    });
    searchRow->addWidget(searchLabel);
    searchRow->addWidget(m_search, 1);
    searchRow->addWidget(find);
    searchRow->addStretch(1);
    searchRow->addWidget(create);
    fugitivesLayout->addLayout(searchRow);
    fugitivesLayout->addWidget(m_results, 1);
    m_tabs->addTab(fugitivesPage, tr("Fugitives"));
    m_tabs->tabBar()->setTabButton(1, QTabBar::RightSide, nullptr);

    auto* plans = new OperationsPlansView(session.settings(), this);
    plans->setObjectName(QStringLiteral("operationsPlans"));
    connect(plans, &OperationsPlansView::status, this, &FieldWorkspace::status);
    m_tabs->addTab(plans, tr("Operations plans"));
    m_tabs->tabBar()->setTabButton(2, QTabBar::RightSide, nullptr);

    // Supervisors and administrators: officers' laptops and the offline changes the server kept.
    if (session.hasRole(QStringLiteral("field_admin")) || session.hasRole(QStringLiteral("ocms_admin"))) {
        auto* copies = new OfflineCopiesView(session.settings(), this);
        connect(copies, &OfflineCopiesView::status, this, &FieldWorkspace::status);
        m_tabs->tabBar()->setTabButton(m_tabs->addTab(copies, tr("Offline copies")), QTabBar::RightSide, nullptr);
    }

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_message);
    layout->addWidget(m_tabs, 1);

    connect(m_board, &LeadBoardView::leadActivated, this, [this](const QUuid& lead) { openLead(lead); });
    connect(m_results, &RecordListTab::activated, this, [this](int row) { openFugitive(m_results->model()->idAt(row)); });
    connect(m_tabs, &QTabWidget::tabCloseRequested, this, &FieldWorkspace::closeTab);

    whenReady(this, FormContext::load(session.settings()), [this](const Result<FormContext>& context) {
        if (!context) {
            showMessage(context.error().userMessage, true);
            return;
        }
        m_context = *context;
        m_board->setCatalog(m_context.catalog);
        m_ready = true;
        m_board->refresh();
        Q_EMIT ready();
    });
}

LeadView* FieldWorkspace::openLead(const QUuid& leadId)
{
    if (leadId.isNull() || !m_ready) {
        return nullptr;
    }
    if (LeadView* open = m_leads.value(leadId)) {
        m_tabs->setCurrentWidget(open);
        return open;
    }
    auto* view = new LeadView(m_leadService, m_context.catalog, {m_mayWrite, m_headquarters}, leadId, this);
    m_leads.insert(leadId, view);
    m_tabs->setCurrentIndex(m_tabs->addTab(view, tr("Opening…")));
    connect(view, &LeadView::loaded, this, [this, view](const QString& number) { m_tabs->setTabText(m_tabs->indexOf(view), number); });
    connect(view, &LeadView::changed, m_board, &LeadBoardView::refresh);
    connect(view, &LeadView::openFugitiveRequested, this, [this](const QUuid& fugitive) { openFugitive(fugitive); });
    connect(view, &LeadView::reportRequested, this, [this](const QUuid& fugitive, const QUuid& lead) {
        auto* dialog = new InvestigationReportDialog(m_session.settings(), fugitive, lead, this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->open();
    });
    return view;
}

FugitiveRecordView* FieldWorkspace::openFugitive(const QUuid& fugitiveId)
{
    if (fugitiveId.isNull() || !m_ready) {
        return nullptr;
    }
    if (FugitiveRecordView* open = m_fugitives.value(fugitiveId)) {
        m_tabs->setCurrentWidget(open);
        return open;
    }
    auto* view = new FugitiveRecordView(m_fugitiveService, m_context, m_mayWrite, fugitiveId, this);
    m_fugitives.insert(fugitiveId, view);
    m_tabs->setCurrentIndex(m_tabs->addTab(view, tr("Opening…")));
    connect(view, &FugitiveRecordView::loaded, this, [this, view](const QString& number) { m_tabs->setTabText(m_tabs->indexOf(view), number); });
    connect(view, &FugitiveRecordView::changed, m_board, &LeadBoardView::refresh);
    connect(view, &FugitiveRecordView::openLeadRequested, this, [this](const QUuid& lead) { openLead(lead); });
    connect(view, &FugitiveRecordView::newLeadRequested, this, [this](const QString& number) {
        if (RecordFormDialog* dialog = newLead(number)) {
            dialog->open();
        }
    });
    return view;
}

void FieldWorkspace::closeTab(int index)
{
    QWidget* page = m_tabs->widget(index);
    if (auto* lead = qobject_cast<LeadView*>(page)) {
        m_leads.remove(lead->leadId());
    } else if (auto* fugitive = qobject_cast<FugitiveRecordView*>(page)) {
        m_fugitives.remove(fugitive->fugitiveId());
    } else {
        return; // the board, the search and the plans stay
    }
    m_tabs->removeTab(index);
    page->deleteLater();
}

RecordFormDialog* FieldWorkspace::newLead(const QString& fugitiveNumber)
{
    if (!m_ready) {
        return nullptr;
    }
    auto created = std::make_shared<CreatedRecord>();
    const auto submit = [service = m_leadService, created](const QVariantMap& values) {
        return service.run<void>([values, created](LeadRepository& leads) -> Result<void> {
            auto made = leads.create(values);
            if (!made) {
                return fail(made.error());
            }
            *created = *made;
            return {};
        });
    };
    auto* dialog = new RecordFormDialog(tr("New lead"), FieldForms::newLead(), submit, this);
    dialog->setObjectName(QStringLiteral("newLeadDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->form()->setCatalog(m_context.catalog);
    if (!fugitiveNumber.isEmpty()) {
        dialog->form()->setValues({{QStringLiteral("fugitive_number"), fugitiveNumber}});
    }
    connect(dialog, &RecordFormDialog::saved, this, [this, created] {
        showMessage(tr("Lead %1 recorded and routed.").arg(created->number), false);
        Q_EMIT status(tr("Lead %1 recorded.").arg(created->number));
        m_board->refresh();
        openLead(created->id);
    });
    return dialog;
}

RecordFormDialog* FieldWorkspace::newFugitive()
{
    if (!m_ready) {
        return nullptr;
    }
    auto created = std::make_shared<CreatedRecord>();
    const auto submit = [service = m_fugitiveService, created](const QVariantMap& values) {
        return service.run<void>([values, created](FugitiveRepository& fugitives) -> Result<void> {
            auto made = fugitives.create(values);
            if (!made) {
                return fail(made.error());
            }
            *created = *made;
            return {};
        });
    };
    auto* dialog = new RecordFormDialog(tr("New fugitive record"), FieldForms::newFugitive(), submit, this);
    dialog->setObjectName(QStringLiteral("newFugitiveDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->form()->setCatalog(m_context.catalog);
    dialog->form()->setAccess(m_context.access);
    connect(dialog, &RecordFormDialog::saved, this, [this, created] {
        showMessage(tr("Fugitive record %1 created.").arg(created->number), false);
        openFugitive(created->id);
    });
    return dialog;
}

RecordFormDialog* FieldWorkspace::nonFugitiveArrest()
{
    if (!m_ready) {
        return nullptr;
    }
    const auto submit = [service = NonFugitiveArrestService(m_session.settings())](const QVariantMap& values) {
        return service.run<void>([values](NonFugitiveArrestRepository& arrests) { return arrests.record(values); });
    };
    auto* dialog = new RecordFormDialog(tr("Non-fugitive arrest (statistical record)"), FieldForms::nonFugitiveArrest(), submit, this);
    dialog->setObjectName(QStringLiteral("nonFugitiveArrestDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->form()->setCatalog(m_context.catalog);
    dialog->form()->setValues({{QStringLiteral("arrested_on"), QDate::currentDate()}});
    connect(dialog, &RecordFormDialog::saved, this,
            [this] { showMessage(tr("Non-fugitive arrest recorded (A-Number, date and place only; it cannot be changed)."), false); });
    return dialog;
}

LeadImportDialog* FieldWorkspace::importLeads()
{
    if (!m_ready) {
        return nullptr;
    }
    auto* dialog = new LeadImportDialog(m_session.settings(), m_context.catalog, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &LeadImportDialog::imported, m_board, &LeadBoardView::refresh);
    return dialog;
}

AddressSearchExtractDialog* FieldWorkspace::addressSearchExtract()
{
    // The fugitives of the leads selected on the board; none selected: every one at large of an office.
    auto* dialog = new AddressSearchExtractDialog(m_session.settings(), m_board->selectedFugitives(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &AddressSearchExtractDialog::extracted, this, [this](const AddressSearchExtract::Report&) {
        showMessage(tr("Address-search extract written and recorded as a disclosure."), false);
    });
    return dialog;
}

void FieldWorkspace::findFugitives()
{
    const QString text = m_search->text().trimmed();
    if (text.isEmpty()) {
        return;
    }
    ++m_searching;
    whenReady(this, m_fugitiveService.run<RecordTable>([text](FugitiveRepository& fugitives) { return fugitives.find(text); }),
              [this](const Result<RecordTable>& found) {
                  --m_searching;
                  if (!found) {
                      showMessage(found.error().userMessage, true);
                      return;
                  }
                  m_results->setTable(*found);
                  showMessage(found->isEmpty() ? tr("No fugitive record matches.") : QString(), false);
              });
}

void FieldWorkspace::showMessage(const QString& text, bool problem)
{
    m_message->showMessage(text, problem);
}

QString FieldWorkspace::message() const
{
    return m_message->message();
}

} // namespace ocms
