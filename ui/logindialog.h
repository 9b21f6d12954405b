#pragma once

#include "db/connectionsettings.h"
#include "security/session.h"

#include <QDialog>
#include <QFutureWatcher>

#include <memory>

namespace Ui {
class LoginDialog;
}

namespace ocms {

class OfflineSession;

// Signs a user in as their own database role. The connection attempt runs on a worker thread; the
// dialog stays responsive and shows a clear message on failure. In demo mode it lists the demo logins.
class LoginDialog final : public QDialog
{
    Q_OBJECT

public:
    LoginDialog(ConnectionSettings server, bool demo, QWidget* parent = nullptr);
    ~LoginDialog() override;

    const Session& session() const { return m_session; }

    // For tests and the demo list: fill the form as a user would.
    void fillIn(const QString& login, const QString& password);
    QString errorText() const;

    // Where offline copies live: when the server cannot be reached and this computer holds a copy for the
    // login, the dialog offers to work offline on it (the password unlocks the copy).
    void setOfflineDirectory(const QString& directory) { m_offlineDirectory = directory; }
    // The unlocked copy when the user chose to work offline (null otherwise); the caller takes it.
    std::unique_ptr<OfflineSession> takeOfflineSession();
    bool offersOffline() const;

public Q_SLOTS:
    void signIn();
    void workOffline();

Q_SIGNALS:
    void signInFinished(bool success);

private:
    void finishSignIn();
    void setBusy(bool busy);

    std::unique_ptr<Ui::LoginDialog> m_ui;
    ConnectionSettings m_server;
    Session m_session;
    QFutureWatcher<Result<Session>> m_watcher;
    QString m_offlineDirectory;
    class QPushButton* m_offlineButton = nullptr;
    std::unique_ptr<OfflineSession> m_offline;
};

} // namespace ocms
