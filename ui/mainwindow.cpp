#include "mainwindow.h"

#include "homepage.h"
#include "workspaceplaceholder.h"

#include <QApplication>
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
      m_pages(new QStackedWidget(this))
{
    setWindowTitle(tr("OCMS — %1").arg(m_session.fullName()));
    m_navigation->setAccessibleName(tr("Workspaces"));
    m_navigation->setMaximumWidth(220);
    m_navigation->setMinimumWidth(160);
    m_navigation->setSpacing(2);
    m_navigation->setStyleSheet(QStringLiteral("QListWidget { font-size: 11pt; } QListWidget::item { padding: 6px 10px; }"));
    auto* splitter = new QSplitter(this);
    splitter->addWidget(m_navigation);
    splitter->addWidget(m_pages);
    splitter->setStretchFactor(1, 1);
    m_pages->setContentsMargins(12, 6, 12, 6);
    setCentralWidget(splitter);

    // The server decides what a user may see; the navigation only mirrors it.
    addWorkspace(tr("Home"), new HomePage(m_session, this));
    if (m_session.isLegalStaff() || m_session.isExternal()) {
        addWorkspace(tr("Cases"), new WorkspacePlaceholder(tr("Cases"), tr("Case list and search, case records, hearings calendar and deadlines."), this));
    }
    if (m_session.isLegalStaff()) {
        addWorkspace(tr("Projects"), new WorkspacePlaceholder(tr("Projects"), tr("Projects, tasks, time entries and workload."), this));
        addWorkspace(tr("Documents"), new WorkspacePlaceholder(tr("Documents"), tr("Document repository with versions, viewer, drafts and full-text search."), this));
    }
    if (m_session.isFieldUser()) {
        addWorkspace(tr("Field operations"), new WorkspacePlaceholder(tr("Field operations"), tr("Fugitive records, the team's lead board, activities and arrests."), this));
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

void MainWindow::addWorkspace(const QString& title, QWidget* page)
{
    m_navigation->addItem(title);
    m_pages->addWidget(page);
}

void MainWindow::buildMenus()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
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
