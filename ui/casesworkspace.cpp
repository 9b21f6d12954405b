#include "casesworkspace.h"

#include "caselistview.h"
#include "caserecordview.h"
#include "newcasedialog.h"

#include <QMessageBox>
#include <QPushButton>
#include <QTabBar>
#include <QTabWidget>
#include <QVBoxLayout>

namespace ocms {

CasesWorkspace::CasesWorkspace(const Session& session, QWidget* parent)
    : QWidget(parent),
      m_service(session.settings(), session.isLegalStaff() ? CaseRepository::Reach::LegalStaff : CaseRepository::Reach::External),
      m_readOnly(!session.isLegalStaff()), m_tabs(new QTabWidget(this)), m_list(new CaseListView(session.settings(), this))
{
    m_tabs->setObjectName(QStringLiteral("caseTabs"));
    m_tabs->setTabsClosable(true);
    m_tabs->setMovable(true);
    m_tabs->addTab(m_list, tr("Case list"));
    m_tabs->tabBar()->setTabButton(0, QTabBar::RightSide, nullptr); // the list stays
    if (!m_readOnly) {
        auto* create = new QPushButton(tr("&New case…"), this);
        create->setObjectName(QStringLiteral("newCaseButton"));
        connect(create, &QPushButton::clicked, this, [this] { newCase(); });
        m_tabs->setCornerWidget(create, Qt::TopRightCorner);
    }
    connect(m_tabs, &QTabWidget::tabCloseRequested, this, &CasesWorkspace::closeTab);
    connect(m_list, &CaseListView::caseActivated, this, [this](const QUuid& caseId) { openCase(caseId); });
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_tabs);
}

CaseRecordView* CasesWorkspace::openCase(const QUuid& caseId)
{
    if (CaseRecordView* open = m_open.value(caseId)) {
        m_tabs->setCurrentWidget(open);
        return open;
    }
    auto* view = new CaseRecordView(m_service, caseId, m_readOnly, this);
    m_open.insert(caseId, view);
    const int index = m_tabs->addTab(view, tr("Opening…"));
    m_tabs->setCurrentIndex(index);
    connect(view, &CaseRecordView::openDocumentRequested, this, &CasesWorkspace::openDocumentRequested);
    connect(view, &CaseRecordView::addDocumentRequested, this, &CasesWorkspace::addDocumentRequested);
    connect(view, &CaseRecordView::newDraftRequested, this, &CasesWorkspace::newDraftRequested);
    connect(view, &CaseRecordView::binderRequested, this, &CasesWorkspace::binderRequested);
    connect(view, &CaseRecordView::loaded, this, [this, view](const QString& caseNumber) {
        m_tabs->setTabText(m_tabs->indexOf(view), caseNumber);
    });
    return view;
}

NewCaseDialog* CasesWorkspace::newCase()
{
    auto* dialog = new NewCaseDialog(m_service, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &NewCaseDialog::caseCreated, this, [this](const QUuid& caseId, const QString& number) {
        Q_EMIT status(tr("Case %1 created.").arg(number));
        openCase(caseId);
    });
    connect(dialog, &NewCaseDialog::openCaseRequested, this, [this](const QUuid& caseId) { openCase(caseId); });
    connect(dialog, &NewCaseDialog::projectCreated, this, [this](const QString& number) {
        Q_EMIT status(tr("Project %1 created.").arg(number));
        // Not modal: the note informs, it does not stop the user.
        auto* note = new QMessageBox(QMessageBox::Information, tr("Project created"),
                                     tr("Project %1 tracks the matter until an A-Number is assigned. When the case exists, "
                                        "it takes the project over (\"Take over project\" when creating it, or on its History "
                                        "tab) and nothing is lost.")
                                         .arg(number),
                                     QMessageBox::Ok, this);
        note->setObjectName(QStringLiteral("projectCreatedNote"));
        note->setAttribute(Qt::WA_DeleteOnClose);
        note->open();
    });
    dialog->open();
    return dialog;
}

void CasesWorkspace::closeTab(int index)
{
    auto* view = qobject_cast<CaseRecordView*>(m_tabs->widget(index));
    if (!view) {
        return;
    }
    m_open.remove(view->caseId());
    m_tabs->removeTab(index);
    view->deleteLater();
}

} // namespace ocms
