#pragma once

#include <QObject>
#include <QTimer>

namespace ocms {

// Watches the whole application for keyboard and mouse input and says when none came for the set
// time (DESIGN: the window locks after 15 minutes without input).
class InactivityWatcher final : public QObject
{
    Q_OBJECT

public:
    explicit InactivityWatcher(int timeoutMs, QObject* parent = nullptr);

    void setTimeout(int timeoutMs);
    void setEnabled(bool enabled); // off while the window is locked

Q_SIGNALS:
    void inactive();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    QTimer m_timer;
    bool m_enabled = true;
};

} // namespace ocms
