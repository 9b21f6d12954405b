#pragma once

#include <QFuture>
#include <QFutureWatcher>
#include <QObject>

namespace ocms {

// Runs then on the GUI thread when a background future finishes; nothing runs if context is gone first,
// so a late answer never reaches a closed widget.
template <typename T, typename Then>
void whenReady(QObject* context, QFuture<T> future, Then then)
{
    auto* watcher = new QFutureWatcher<T>(context);
    QObject::connect(watcher, &QFutureWatcher<T>::finished, context, [watcher, then] {
        then(watcher->result());
        watcher->deleteLater();
    });
    watcher->setFuture(future);
}

} // namespace ocms
