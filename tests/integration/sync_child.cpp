// The syncing process of the fault test (test_sync_faults.cpp), which kills it with SIGKILL at random
// instants: unlocks a field officer's offline copy, connects to the server as the officer and syncs, once or
// again and again until killed. Each step is written to stdout at once (write(2), no buffer) so the test
// knows where a kill landed:
//   ready                 the copy is open and the server connected (the sync starts now)
//   phase <words>         SyncEngine's progress
//   synced <sent> <rows>  one sync finished
//   failed <message>      a sync failed (exit code 3); 2: could not start
// Usage: ocms_sync_child <data folder> <login> once|loop; environment OCMS_SYNC_CHILD_CONNINFO (libpq
// conninfo with the officer's password) and OCMS_SYNC_CHILD_PASSWORD (the copy's password).
#include "db/connectionsettings.h"
#include "db/database.h"
#include "sync/offlinestore.h"
#include "sync/syncengine.h"

#include <QCoreApplication>
#include <QProcessEnvironment>

#include <sys/prctl.h>

#include <csignal>
#include <unistd.h>

#include "lsansuppressions.h"

namespace {

void say(const QString& line)
{
    const QByteArray bytes = (line + u'\n').toUtf8();
    qsizetype written = 0;
    while (written < bytes.size()) {
        const ssize_t n = ::write(STDOUT_FILENO, bytes.constData() + written, std::size_t(bytes.size() - written));
        if (n <= 0) {
            return;
        }
        written += n;
    }
}

} // namespace

int main(int argc, char** argv)
{
    // Never outlive the test that started us (a test that crashed leaves no syncing orphan).
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    QCoreApplication app(argc, argv);
    const QStringList arguments = QCoreApplication::arguments();
    if (arguments.size() != 4) {
        say(QStringLiteral("failed usage: ocms_sync_child <data folder> <login> once|loop"));
        return 2;
    }
    const QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    auto store = ocms::OfflineStore::unlock(arguments.at(1), arguments.at(2), environment.value(QStringLiteral("OCMS_SYNC_CHILD_PASSWORD")));
    if (!store) {
        say(QStringLiteral("failed unlock: ") + store.error().userMessage + u' ' + store.error().detail);
        return 2;
    }
    auto settings = ocms::ConnectionSettings::fromConnInfo(environment.value(QStringLiteral("OCMS_SYNC_CHILD_CONNINFO")));
    if (!settings) {
        say(QStringLiteral("failed settings: ") + settings.error().userMessage);
        return 2;
    }
    auto server = ocms::Database::open(*settings, QStringLiteral("sync-child"));
    if (!server) {
        say(QStringLiteral("failed connect: ") + server.error().userMessage + u' ' + server.error().detail);
        return 2;
    }
    say(QStringLiteral("ready"));
    const bool loop = arguments.at(3) == u"loop";
    int exitCode = 0;
    {
        ocms::SyncEngine engine(*server, (*store)->field());
        engine.onProgress([](const ocms::SyncProgress& progress) { say(QStringLiteral("phase ") + progress.phase); });
        // A bound even in a loop: 50 syncs, then out.
        for (int run = 0; run < (loop ? 50 : 1); ++run) {
            auto report = engine.run((*store)->deviceId(), QStringLiteral("Fault test laptop"));
            if (!report) {
                say(QStringLiteral("failed ") + report.error().userMessage + u' ' + report.error().detail);
                exitCode = 3;
                break;
            }
            say(QStringLiteral("synced %1 %2").arg(report->sent).arg(report->activities + report->fugitives + report->leads + report->removed));
        }
    }
    *server = QSqlDatabase();
    ocms::Database::close(QStringLiteral("sync-child"));
    return exitCode;
}
