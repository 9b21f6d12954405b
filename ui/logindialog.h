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

public Q_SLOTS:
    void signIn();

Q_SIGNALS:
    void signInFinished(bool success);

private:
    void finishSignIn();
    void setBusy(bool busy);

    std::unique_ptr<Ui::LoginDialog> m_ui;
    ConnectionSettings m_server;
    Session m_session;
    QFutureWatcher<Result<Session>> m_watcher;
};

} // namespace ocms
