#include "logindialog.h"

#include "security/demoaccounts.h"
#include "sync/offlinesession.h"
#include "sync/offlinestore.h"
#include "ui_logindialog.h"
#include "whenready.h"

#include <QPushButton>
#include <QtConcurrent/QtConcurrentRun>

namespace ocms {

LoginDialog::LoginDialog(ConnectionSettings server, bool demo, QWidget* parent)
    : QDialog(parent), m_ui(std::make_unique<Ui::LoginDialog>()), m_server(std::move(server))
{
    m_ui->setupUi(this);
    m_ui->buttons->button(QDialogButtonBox::Ok)->setText(tr("Sign in"));
    const QString host = m_server.host().isEmpty() ? tr("the server named by the PG environment") : m_server.host();
    m_ui->serverLabel->setText(m_server.origin() == ConnectionSettings::Origin::Embedded
                                   ? tr("Server: embedded database on this computer")
                                   : tr("Server: %1").arg(host));
    m_ui->errorLabel->hide();
    m_ui->demoGroup->setVisible(demo);
    if (demo) {
        m_ui->demoHint->setText(tr("Every demo login uses the password %1. Double-click a login to use it.")
                                    .arg(QString::fromLatin1(DemoAccounts::kPassword)));
        for (const auto& account : DemoAccounts::accounts()) {
            auto* item = new QTreeWidgetItem(m_ui->demoAccounts, {account.login, account.roleDescription});
            item->setData(0, Qt::UserRole, account.login);
        }
        m_ui->demoAccounts->resizeColumnToContents(0);
        connect(m_ui->demoAccounts, &QTreeWidget::itemDoubleClicked, this, [this](QTreeWidgetItem* item) {
            fillIn(item->data(0, Qt::UserRole).toString(), QString::fromLatin1(DemoAccounts::kPassword));
            signIn();
        });
        connect(m_ui->demoAccounts, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem* item) {
            if (item) {
                fillIn(item->data(0, Qt::UserRole).toString(), QString::fromLatin1(DemoAccounts::kPassword));
            }
        });
    } else {
        resize(width(), 220);
    }
    m_offlineButton = m_ui->buttons->addButton(tr("Work &offline"), QDialogButtonBox::ActionRole);
    m_offlineButton->setObjectName(QStringLiteral("workOffline"));
    m_offlineButton->hide();
    connect(m_offlineButton, &QPushButton::clicked, this, &LoginDialog::workOffline);
    connect(m_ui->buttons, &QDialogButtonBox::accepted, this, &LoginDialog::signIn);
    connect(m_ui->buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(&m_watcher, &QFutureWatcher<Result<Session>>::finished, this, &LoginDialog::finishSignIn);
    m_ui->loginEdit->setFocus();
}

LoginDialog::~LoginDialog()
{
    m_watcher.waitForFinished();
}

void LoginDialog::fillIn(const QString& login, const QString& password)
{
    m_ui->loginEdit->setText(login);
    m_ui->passwordEdit->setText(password);
}

QString LoginDialog::errorText() const
{
    return m_ui->errorLabel->isVisible() ? m_ui->errorLabel->text() : QString();
}

void LoginDialog::signIn()
{
    if (m_watcher.isRunning()) {
        return;
    }
    setBusy(true);
    m_ui->errorLabel->hide();
    m_watcher.setFuture(QtConcurrent::run(&Session::logIn, m_server, m_ui->loginEdit->text(), m_ui->passwordEdit->text()));
}

void LoginDialog::finishSignIn()
{
    setBusy(false);
    const Result<Session> result = m_watcher.result();
    if (!result) {
        const bool offline = result.error().code == ErrorCode::Connection && !m_offlineDirectory.isEmpty()
                             && OfflineStore::exists(m_offlineDirectory, m_ui->loginEdit->text().trimmed());
        m_ui->errorLabel->setText(offline ? result.error().userMessage +
                                                tr(" You can work on the offline copy on this computer: enter your password and choose Work offline.")
                                          : result.error().userMessage);
        m_ui->errorLabel->show();
        m_offlineButton->setVisible(offline);
        m_ui->passwordEdit->clear();
        m_ui->passwordEdit->setFocus();
        Q_EMIT signInFinished(false);
        return;
    }
    m_session = *result;
    Q_EMIT signInFinished(true);
    accept();
}

bool LoginDialog::offersOffline() const
{
    return m_offlineButton->isVisible();
}

std::unique_ptr<OfflineSession> LoginDialog::takeOfflineSession()
{
    return std::move(m_offline);
}

void LoginDialog::workOffline()
{
    if (m_watcher.isRunning() || m_offline) {
        return;
    }
    ConnectionSettings user = m_server;
    user.setUser(m_ui->loginEdit->text().trimmed());
    user.setPassword(m_ui->passwordEdit->text());
    auto session = std::make_shared<std::unique_ptr<OfflineSession>>(std::make_unique<OfflineSession>(m_offlineDirectory, user, false));
    setBusy(true);
    m_ui->errorLabel->hide();
    // Unlocking stretches the password (Argon2id): off the GUI thread.
    whenReady(this, (*session)->open(false), [this, session](const Result<void>& opened) {
        setBusy(false);
        if (!opened) {
            m_ui->errorLabel->setText(opened.error().userMessage);
            m_ui->errorLabel->show();
            m_ui->passwordEdit->clear();
            m_ui->passwordEdit->setFocus();
            return;
        }
        m_offline = std::move(*session);
        accept();
    });
}

void LoginDialog::setBusy(bool busy)
{
    m_ui->buttons->button(QDialogButtonBox::Ok)->setEnabled(!busy);
    m_ui->buttons->button(QDialogButtonBox::Ok)->setText(busy ? tr("Signing in…") : tr("Sign in"));
    m_ui->loginEdit->setEnabled(!busy);
    m_ui->passwordEdit->setEnabled(!busy);
    if (busy) {
        setCursor(Qt::BusyCursor);
    } else {
        unsetCursor();
    }
}

} // namespace ocms
