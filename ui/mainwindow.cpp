#include "mainwindow.h"

#include "casebinderdialog.h"
#include "newdraftdialog.h"
#include "documentsworkspace.h"
#include "fieldworkspace.h"
#include "uploaddocumentdialog.h"

#include "calendarview.h"
#include "casesworkspace.h"
#include "homepage.h"
#include "myworkview.h"
#include "projectsworkspace.h"
#include "timesheetview.h"
#include "workloadview.h"
#include "inactivitywatcher.h"
#include "lockscreen.h"
#include "passwordchangedialog.h"
#include "whenready.h"
#include "offlineworkspace.h"
#include "sync/offlinesession.h"
#include "peopleview.h"
#include "workspaceplaceholder.h"

#include <QApplication>
#include <QInputDialog>
#include <QLineEdit>
#include <QHBoxLayout>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>

namespace ocms {

MainWindow::MainWindow(Session session, QWidget* parent)
    : QMainWindow(parent), m_session(std::move(session)), m_navigation(new QListWidget(this)),
      m_pages(new QStackedWidget(this)), m_screens(new QStackedWidget(this)), m_workspaces(new QSplitter(this)),
      m_lockScreen(new LockScreen(m_session, this)),
      m_watcher(new InactivityWatcher(m_session.inactivityLockMinutes() * 60 * 1000, this))
{
    setWindowTitle(tr("OCMS — %1").arg(m_session.fullName()));
    m_navigation->setAccessibleName(tr("Workspaces"));
    m_navigation->setMaximumWidth(220);
    m_navigation->setMinimumWidth(160);
    m_navigation->setSpacing(2);
    m_navigation->setStyleSheet(QStringLiteral("QListWidget { font-size: 11pt; } QListWidget::item { padding: 6px 10px; }"));
    m_workspaces->addWidget(m_navigation);
    m_workspaces->addWidget(m_pages);
    m_workspaces->setStretchFactor(1, 1);
    m_pages->setContentsMargins(12, 6, 12, 6);
    m_pages->setObjectName(QStringLiteral("workspacePages"));
    m_screens->addWidget(m_workspaces);
    m_screens->addWidget(m_lockScreen);
    setCentralWidget(m_screens);
    connect(m_watcher, &InactivityWatcher::inactive, this, &MainWindow::lock);
    connect(m_lockScreen, &LockScreen::unlocked, this, [this] {
        m_screens->setCurrentWidget(m_workspaces);
        menuBar()->setEnabled(true);
        m_watcher->setEnabled(true);
    });

    // The server decides what a user may see; the navigation only mirrors it.
    auto* home = new HomePage(m_session, this);
    addWorkspace(tr("Home"), home);
    CasesWorkspace* cases = nullptr;
    if (m_session.isLegalStaff() || m_session.isExternal()) {
        cases = new CasesWorkspace(m_session, this);
        connect(cases, &CasesWorkspace::status, this, [this](const QString& message) { statusBar()->showMessage(message, 8000); });
        addWorkspace(tr("Cases"), cases);
        if (m_session.isLegalStaff()) {
            auto* calendar = new CalendarView(m_session.settings(), this);
            connect(calendar, &CalendarView::caseActivated, this, [this, cases](const QUuid& caseId) {
                showWorkspace(tr("Cases"));
                cases->openCase(caseId);
            });
            addWorkspace(tr("Calendar"), calendar);
        }
    }
    if (m_session.isLegalStaff()) {
        addWorkspace(tr("People"), new PeopleView(m_session.settings(), this));
        auto* projects = new ProjectsWorkspace(m_session.settings(), this);
        connect(projects, &ProjectsWorkspace::status, this, [this](const QString& message) { statusBar()->showMessage(message, 8000); });
        addWorkspace(tr("Projects"), projects);
        auto* timesheet = new TimesheetView(m_session.settings(), this);
        addWorkspace(tr("Timesheet"), timesheet);
        auto* workload = new WorkloadView(m_session.settings(), this);
        addWorkspace(tr("Workload"), workload);
        // Double-clicks anywhere open the case or project in its own workspace.
        const auto openCase = [this, cases](const QUuid& caseId) {
            showWorkspace(tr("Cases"));
            cases->openCase(caseId);
        };
        const auto openProject = [this, projects](const QUuid& projectId) {
            showWorkspace(tr("Projects"));
            projects->openProject(projectId);
        };
        connect(projects, &ProjectsWorkspace::openCaseRequested, this, openCase);
        connect(workload, &WorkloadView::openCaseRequested, this, openCase);
        connect(workload, &WorkloadView::openProjectRequested, this, openProject);
        if (MyWorkView* work = home->myWork()) {
            connect(work, &MyWorkView::openCaseRequested, this, openCase);
            connect(work, &MyWorkView::openProjectRequested, this, openProject);
        }
        // Unsaved drafts stay on this computer, apart per signed-in user (a shared workstation mixes nobody's).
        auto* documents = new DocumentsWorkspace(m_session.settings(), DraftAutosave::forUser(m_session.settings().user()), this);
        connect(documents, &DocumentsWorkspace::status, this, [this](const QString& message) { statusBar()->showMessage(message, 8000); });
        connect(documents, &DocumentsWorkspace::openCaseRequested, this, openCase);
        // Documents of a case or project open (and are added) in the Documents workspace.
        const auto openDocument = [this, documents](const QUuid& documentId) {
            showWorkspace(tr("Documents"));
            documents->openDocument(documentId);
        };
        const auto addDocument = [documents](const DocumentParent& filedUnder) {
            if (UploadDocumentDialog* dialog = documents->addDocument(filedUnder)) {
                dialog->open();
            }
        };
        const auto newDraft = [this, documents](const DocumentParent& filedUnder) {
            showWorkspace(tr("Documents"));
            documents->newDraft(filedUnder)->open();
        };
        if (cases) {
            connect(cases, &CasesWorkspace::openDocumentRequested, this, openDocument);
            connect(cases, &CasesWorkspace::newDraftRequested, this, newDraft);
            connect(cases, &CasesWorkspace::addDocumentRequested, this, addDocument);
            connect(cases, &CasesWorkspace::binderRequested, this, [this](const QUuid& caseId, const QString& caseNumber) {
                auto* dialog = new CaseBinderDialog(m_session.settings(), caseId, caseNumber, this);
                dialog->setAttribute(Qt::WA_DeleteOnClose);
                dialog->open();
            });
        }
        connect(projects, &ProjectsWorkspace::openDocumentRequested, this, openDocument);
        connect(projects, &ProjectsWorkspace::addDocumentRequested, this, addDocument);
        connect(projects, &ProjectsWorkspace::newDraftRequested, this, newDraft);
        connect(documents, &DocumentsWorkspace::openProjectRequested, this, openProject);
        addWorkspace(tr("Documents"), documents);
    }
    if (m_session.isFieldUser()) {
        auto* field = new FieldWorkspace(m_session, this);
        connect(field, &FieldWorkspace::status, this, [this](const QString& message) { statusBar()->showMessage(message, 8000); });
        addWorkspace(tr("Field operations"), field);
    }
    if (m_session.isLegalStaff() || m_session.isFieldUser() || m_session.isAdministrator()) {
        addWorkspace(tr("Reports"), new WorkspacePlaceholder(tr("Reports"), tr("Standard and ad-hoc reports with charts, print, PDF and CSV."), this));
    }
    if (m_session.isAdministrator() || m_session.isHelpDesk()) {
        addWorkspace(tr("Administration"), new WorkspacePlaceholder(tr("Administration"), tr("Users, roles, business rules, audit review and retention."), this));
    }
    connect(m_navigation, &QListWidget::currentRowChanged, m_pages, &QStackedWidget::setCurrentIndex);
    m_navigation->setCurrentRow(0);

    buildMenus();
    statusBar()->showMessage(tr("Signed in as %1 (%2)").arg(m_session.login(), m_session.roles().join(QStringLiteral(", "))));
    resize(1200, 760);
}

bool MainWindow::isLocked() const
{
    return m_screens->currentWidget() == m_lockScreen;
}

void MainWindow::lock()
{
    // The workspaces are hidden, not closed: nothing is lost, nothing is visible.
    m_watcher->setEnabled(false);
    menuBar()->setEnabled(false);
    m_lockScreen->reset();
    m_screens->setCurrentWidget(m_lockScreen);
}

void MainWindow::addOfflineCopy(const QString& dataDirectory)
{
    if (!(m_session.isFieldUser() || m_session.isLegalStaff()) || m_offline) {
        return;
    }
    m_offlineDirectory = dataDirectory;
    m_offline = new OfflineSession(dataDirectory, m_session.settings(), true, this);
    auto* page = new OfflineWorkspace(m_offline, this);
    // Beside Field operations, where an officer looks for it.
    const auto found = m_navigation->findItems(tr("Field operations"), Qt::MatchExactly);
    const int at = found.isEmpty() ? m_navigation->count() : m_navigation->row(found.first()) + 1;
    m_navigation->insertItem(at, tr("Offline copy"));
    m_pages->insertWidget(at, page);
    const auto started = [this, page](const Result<void>& opened) {
        if (!opened) {
            statusBar()->showMessage(tr("The offline copy cannot be opened: %1").arg(opened.error().userMessage), 15000);
            return false;
        }
        page->reload();
        m_offline->startAutomaticSync();
        return true;
    };
    whenReady(this, m_offline->open(true), [this, started](const Result<void>& opened) {
        if (opened || opened.error().code != ErrorCode::PermissionDenied) {
            started(opened);
            return;
        }
        // Locked with an earlier password (changed elsewhere): the previous one re-locks it; nothing is lost.
        bool given = false;
        const QString previous = QInputDialog::getText(this, tr("Offline copy"),
                                                       tr("The offline copy on this computer is still locked with your previous password.\n"
                                                          "Enter the previous password to re-lock it with the current one:"),
                                                       QLineEdit::Password, {}, &given);
        if (!given || previous.isEmpty()) {
            statusBar()->showMessage(tr("The offline copy stays locked until it is re-locked with your previous password."), 15000);
            return;
        }
        whenReady(this, m_offline->relock(previous), started);
    });
}

void MainWindow::addWorkspace(const QString& title, QWidget* page)
{
    m_navigation->addItem(title);
    m_pages->addWidget(page);
}

void MainWindow::buildMenus()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&Lock"), QKeySequence(Qt::CTRL | Qt::Key_L), this, &MainWindow::lock);
    file->addAction(tr("Change &password…"), this, [this] {
        PasswordChangeDialog dialog(m_session.settings(), m_offlineDirectory, this);
        if (dialog.exec() != QDialog::Accepted) {
            return;
        }
        QMessageBox::information(this, tr("Password changed"), tr("Your password was changed. Sign in again with the new one."));
        Q_EMIT signInAgainRequested();
    });
    file->addAction(tr("&Quit"), QKeySequence::Quit, qApp, &QApplication::quit);
    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About OCMS"), this, [this] {
        QMessageBox::about(this, tr("About OCMS"),
                           tr("<b>OCMS %1</b><p>Case, lead and document management.</p>"
                              "<p>All data in demo mode is synthetic.</p>")
                               .arg(QApplication::applicationVersion()));
    });
}

QStringList MainWindow::workspaceTitles() const
{
    QStringList titles;
    for (int row = 0; row < m_navigation->count(); ++row) {
        titles.append(m_navigation->item(row)->text());
    }
    return titles;
}

void MainWindow::showWorkspace(const QString& title)
{
    const QList<QListWidgetItem*> items = m_navigation->findItems(title, Qt::MatchExactly);
    if (!items.isEmpty()) {
        m_navigation->setCurrentItem(items.first());
    }
}

QString MainWindow::currentWorkspace() const
{
    return m_navigation->currentItem() ? m_navigation->currentItem()->text() : QString();
}

} // namespace ocms
