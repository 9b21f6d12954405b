#pragma once

#include "security/session.h"

#include <QMainWindow>

class QListWidget;
class QStackedWidget;
class QSplitter;

namespace ocms {

// The shell: a navigation list of the workspaces the user's roles allow, and the workspace shown.
class MainWindow final : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(Session session, QWidget* parent = nullptr);

    QStringList workspaceTitles() const; // as listed in the navigation, for tests
    void showWorkspace(const QString& title);
    QString currentWorkspace() const;

    // Field users and legal staff: the "Offline copy" workspace over the encrypted copy in dataDirectory, opened (made the
    // first time) off the GUI thread and synced at once, then automatically.
    void addOfflineCopy(const QString& dataDirectory);
    class OfflineSession* offlineSession() const { return m_offline; }

Q_SIGNALS:
    // The password was changed: the application signs the user in again with the new one.
    void signInAgainRequested();

public:

    bool isLocked() const;
    void lock();
    class InactivityWatcher* inactivityWatcher() const { return m_watcher; }
    class LockScreen* lockScreen() const { return m_lockScreen; }

private:
    void addWorkspace(const QString& title, QWidget* page);
    void buildMenus();

    Session m_session;
    QListWidget* m_navigation;
    QStackedWidget* m_pages;
    QStackedWidget* m_screens; // the workspaces, or the lock screen over them
    QSplitter* m_workspaces;
    class LockScreen* m_lockScreen;
    class InactivityWatcher* m_watcher;
    class OfflineSession* m_offline = nullptr;
    QString m_offlineDirectory;
};

} // namespace ocms
