#include "lockscreen.h"

#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace ocms {

LockScreen::LockScreen(const Session& session, QWidget* parent)
    : QWidget(parent), m_session(session), m_password(new QLineEdit(this)), m_unlock(new QPushButton(tr("Unlock"), this)),
      m_message(new QLabel(this))
{
    auto* layout = new QVBoxLayout(this);
    layout->addStretch();
    auto* title = new QLabel(u"<h2>" + tr("OCMS is locked") + u"</h2>", this);
    title->setAlignment(Qt::AlignCenter);
    auto* who = new QLabel(tr("Signed in as %1. Enter your password to continue.").arg(m_session.fullName()), this);
    who->setAlignment(Qt::AlignCenter);
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setAccessibleName(tr("Password"));
    m_password->setMinimumWidth(300);
    m_message->setStyleSheet(QStringLiteral("color: #b00020;"));
    m_message->setAlignment(Qt::AlignCenter);
    layout->addWidget(title);
    layout->addWidget(who);
    layout->addWidget(m_password, 0, Qt::AlignHCenter);
    layout->addWidget(m_unlock, 0, Qt::AlignHCenter);
    layout->addWidget(m_message);
    layout->addStretch();

    connect(m_unlock, &QPushButton::clicked, this, [this] { submit(m_password->text()); });
    connect(m_password, &QLineEdit::returnPressed, this, [this] { submit(m_password->text()); });
    connect(&m_watcher, &QFutureWatcher<Result<void>>::finished, this, [this] {
        m_unlock->setEnabled(true);
        const Result<void> result = m_watcher.result();
        if (!result) {
            m_message->setText(result.error().userMessage);
            m_password->clear();
            m_password->setFocus();
            Q_EMIT attemptFinished(false);
            return;
        }
        m_password->clear(); // the password does not linger in the widget
        Q_EMIT attemptFinished(true);
        Q_EMIT unlocked();
    });
}

LockScreen::~LockScreen()
{
    m_watcher.waitForFinished();
}

void LockScreen::reset()
{
    m_password->clear();
    m_message->clear();
    m_password->setFocus();
}

void LockScreen::submit(const QString& password)
{
    if (m_watcher.isRunning()) {
        return;
    }
    m_unlock->setEnabled(false);
    m_message->clear();
    m_watcher.setFuture(QtConcurrent::run([session = m_session, password] { return session.verifyPassword(password); }));
}

QString LockScreen::message() const
{
    return m_message->text();
}

} // namespace ocms
