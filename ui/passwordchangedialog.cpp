#include "passwordchangedialog.h"

#include "security/passwordchange.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace ocms {

PasswordChangeDialog::PasswordChangeDialog(ConnectionSettings user, QString offlineDirectory, QWidget* parent)
    : QDialog(parent), m_user(std::move(user)), m_offlineDirectory(std::move(offlineDirectory)), m_current(new QLineEdit(this)),
      m_new(new QLineEdit(this)), m_repeated(new QLineEdit(this)), m_error(new QLabel(this))
{
    setWindowTitle(tr("Change password"));
    for (QLineEdit* edit : {m_current, m_new, m_repeated}) {
        edit->setEchoMode(QLineEdit::Password);
    }
    m_current->setObjectName(QStringLiteral("currentPassword"));
    m_new->setObjectName(QStringLiteral("newPassword"));
    m_repeated->setObjectName(QStringLiteral("repeatedPassword"));
    m_error->setObjectName(QStringLiteral("passwordError"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #b00020;"));
    m_error->hide();
    auto* form = new QFormLayout;
    form->addRow(tr("&Current password:"), m_current);
    form->addRow(tr("&New password:"), m_new);
    form->addRow(tr("&Repeat it:"), m_repeated);
    auto* hint = new QLabel(tr("At least %1 characters. The offline copy on this computer is re-locked with it too.")
                                .arg(PasswordChange::kMinimumLength),
                            this);
    hint->setWordWrap(true);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    m_ok->setText(tr("Change"));
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(hint);
    layout->addWidget(m_error);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &PasswordChangeDialog::change);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(&m_watcher, &QFutureWatcher<Result<void>>::finished, this, &PasswordChangeDialog::finish);
}

PasswordChangeDialog::~PasswordChangeDialog()
{
    m_watcher.waitForFinished();
}

void PasswordChangeDialog::fillIn(const QString& current, const QString& newPassword, const QString& repeated)
{
    m_current->setText(current);
    m_new->setText(newPassword);
    m_repeated->setText(repeated);
}

QString PasswordChangeDialog::errorText() const
{
    return m_error->isVisible() ? m_error->text() : QString();
}

void PasswordChangeDialog::change()
{
    if (m_watcher.isRunning()) {
        return;
    }
    m_error->hide();
    if (m_new->text() != m_repeated->text()) {
        m_error->setText(tr("The two new passwords differ; type it again."));
        m_error->show();
        m_repeated->clear();
        m_repeated->setFocus();
        return;
    }
    m_ok->setEnabled(false);
    m_ok->setText(tr("Changing…"));
    m_watcher.setFuture(QtConcurrent::run(&PasswordChange::run, m_user, m_current->text(), m_new->text(), m_offlineDirectory));
}

void PasswordChangeDialog::finish()
{
    m_ok->setEnabled(true);
    m_ok->setText(tr("Change"));
    const Result<void> changed = m_watcher.result();
    if (!changed) {
        m_error->setText(changed.error().userMessage);
        m_error->show();
        return;
    }
    accept();
}

} // namespace ocms
