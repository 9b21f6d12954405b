#pragma once

#include "db/connectionsettings.h"
#include "result.h"

#include <QDialog>
#include <QFutureWatcher>

class QLabel;
class QLineEdit;
class QPushButton;

namespace ocms {

// The user changes their own password: the current one, the new one twice. The change runs off the GUI
// thread (PasswordChange: the server, then the offline copy on this computer re-locked).
class PasswordChangeDialog final : public QDialog
{
    Q_OBJECT

public:
    PasswordChangeDialog(ConnectionSettings user, QString offlineDirectory, QWidget* parent = nullptr);
    ~PasswordChangeDialog() override;

    void fillIn(const QString& current, const QString& newPassword, const QString& repeated);
    QString errorText() const;

public Q_SLOTS:
    void change();

private:
    void finish();

    ConnectionSettings m_user;
    QString m_offlineDirectory;
    QLineEdit* m_current;
    QLineEdit* m_new;
    QLineEdit* m_repeated;
    QLabel* m_error;
    QPushButton* m_ok;
    QFutureWatcher<Result<void>> m_watcher;
};

} // namespace ocms
