#pragma once

#include "result.h"
#include "security/session.h"

#include <QFutureWatcher>
#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;

namespace ocms {

// Covers the workspaces while the window is locked; the user's own password unlocks it (checked with
// the server on a worker thread).
class LockScreen final : public QWidget
{
    Q_OBJECT

public:
    LockScreen(const Session& session, QWidget* parent = nullptr);
    ~LockScreen() override;

    void reset(); // clears the field and the message, focuses the field
    void submit(const QString& password);
    QString message() const;

Q_SIGNALS:
    void unlocked();
    void attemptFinished(bool success);

private:
    const Session& m_session;
    QLineEdit* m_password;
    QPushButton* m_unlock;
    QLabel* m_message;
    QFutureWatcher<Result<void>> m_watcher;
};

} // namespace ocms
