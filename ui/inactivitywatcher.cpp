#include "inactivitywatcher.h"

#include <QCoreApplication>
#include <QEvent>

namespace ocms {

InactivityWatcher::InactivityWatcher(int timeoutMs, QObject* parent) : QObject(parent)
{
    m_timer.setSingleShot(true);
    m_timer.setInterval(timeoutMs);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        if (m_enabled) {
            Q_EMIT inactive();
        }
    });
    QCoreApplication::instance()->installEventFilter(this);
    m_timer.start();
}

void InactivityWatcher::setTimeout(int timeoutMs)
{
    m_timer.setInterval(timeoutMs);
    m_timer.start();
}

void InactivityWatcher::setEnabled(bool enabled)
{
    m_enabled = enabled;
    if (enabled) {
        m_timer.start();
    } else {
        m_timer.stop();
    }
}

bool InactivityWatcher::eventFilter(QObject* watched, QEvent* event)
{
    switch (event->type()) {
    case QEvent::KeyPress:
    case QEvent::MouseButtonPress:
    case QEvent::MouseMove:
    case QEvent::Wheel:
    case QEvent::TouchBegin:
        if (m_enabled) {
            m_timer.start();
        }
        break;
    default:
        break;
    }
    return QObject::eventFilter(watched, event);
}

} // namespace ocms
