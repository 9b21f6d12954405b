#include "offlinewindow.h"

#include "offlineworkspace.h"
#include "sync/offlinesession.h"

#include <QStatusBar>

namespace ocms {

OfflineWindow::OfflineWindow(std::unique_ptr<OfflineSession> session, QWidget* parent)
    : QMainWindow(parent), m_session(std::move(session)), m_workspace(new OfflineWorkspace(m_session.get(), this))
{
    setWindowTitle(tr("OCMS — offline copy of %1").arg(m_session->login()));
    setCentralWidget(m_workspace);
    m_workspace->setContentsMargins(8, 4, 8, 4);
    statusBar()->showMessage(tr("Working without the server. Changes are kept on this computer, encrypted, and sent when it answers again."));
    resize(1200, 760);
    connect(m_session.get(), &OfflineSession::onlineChanged, this, [this](bool online) {
        statusBar()->showMessage(online ? tr("The server answers again: changes are being sent.")
                                        : tr("Working without the server. Changes are kept on this computer, encrypted, and sent when it answers again."));
    });
    m_session->startAutomaticSync();
    m_workspace->reload();
}

OfflineWindow::~OfflineWindow()
{
    delete m_workspace; // before the session it listens to
    m_workspace = nullptr;
}

} // namespace ocms
