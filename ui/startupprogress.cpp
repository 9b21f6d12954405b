#include "startupprogress.h"

#include "db/embeddedbootstrap.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QFutureWatcher>
#include <QPointer>
#include <QProgressDialog>
#include <QtConcurrent/QtConcurrentRun>

namespace ocms {

Result<ConnectionSettings> StartupProgress::prepareEmbedded(const QString& dataDirectory, bool demo)
{
    QProgressDialog progress(QCoreApplication::translate("StartupProgress", "Starting OCMS…"), QString(), 0, 0);
    progress.setWindowTitle(QCoreApplication::translate("StartupProgress", "OCMS"));
    progress.setMinimumDuration(0);
    progress.setMinimumWidth(420);
    progress.setCancelButton(nullptr);
    progress.show();
    QPointer<QProgressDialog> guard(&progress);
    auto report = [guard](const QString& message) {
        // Called on the worker thread: hand the text to the GUI thread.
        QMetaObject::invokeMethod(
            guard.data(), [guard, message] {
                if (guard) {
                    guard->setLabelText(message);
                }
            },
            Qt::QueuedConnection);
    };
    QFutureWatcher<Result<ConnectionSettings>> watcher;
    QEventLoop loop;
    QObject::connect(&watcher, &QFutureWatcher<Result<ConnectionSettings>>::finished, &loop, &QEventLoop::quit);
    watcher.setFuture(QtConcurrent::run([dataDirectory, demo, report] {
        return EmbeddedBootstrap::prepare(dataDirectory, demo, report);
    }));
    loop.exec();
    return watcher.result();
}

} // namespace ocms
