// The CTest fixture around integration and UI tests: `start FILE` makes a throwaway PostgreSQL cluster
// (temp folder, Unix socket only, fsync off) with a migrated template database; `stop FILE` removes it.
#include "db/database.h"
#include "db/embeddedserver.h"
#include "db/migrationrunner.h"
#include "fixturefile.h"
#include "testdatabase.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTextStream>

using namespace ocms;

namespace {

int failWith(const Error& error)
{
    QTextStream(stderr) << "ocms_pg_fixture: " << error.describe() << Qt::endl;
    return 1;
}

int stop(const QString& file)
{
    if (!QFile::exists(file)) {
        return 0;
    }
    const test::FixtureFile fixture = test::FixtureFile::read(file);
    if (!fixture.dataDirectory.isEmpty() && QDir(fixture.dataDirectory).exists()) {
        EmbeddedServer server(fixture.dataDirectory);
        if (auto stopped = server.stop(); !stopped) {
            return failWith(stopped.error());
        }
        QDir(fixture.dataDirectory).removeRecursively();
    }
    QFile::remove(file);
    return 0;
}

int start(const QString& file)
{
    stop(file); // a cluster left by a killed run goes first
    QTemporaryDir directory(QDir::tempPath() + QStringLiteral("/ocms-test-XXXXXX"));
    if (!directory.isValid()) {
        QTextStream(stderr) << "ocms_pg_fixture: cannot create a temporary folder" << Qt::endl;
        return 1;
    }
    directory.setAutoRemove(false);
    EmbeddedServer server(directory.path());
    if (auto initialized = server.initialize(EmbeddedServer::Tuning::Throwaway); !initialized) {
        return failWith(initialized.error());
    }
    if (auto started = server.start(); !started) {
        return failWith(started.error());
    }
    if (auto created = server.ensureDatabase(QString::fromLatin1(test::TestDatabase::kTemplate)); !created) {
        return failWith(created.error());
    }
    auto runner = MigrationRunner::embedded();
    if (!runner) {
        return failWith(runner.error());
    }
    {
        auto database = Database::open(server.ownerSettings(QString::fromLatin1(test::TestDatabase::kTemplate)),
                                       QStringLiteral("fixture"));
        if (!database) {
            return failWith(database.error());
        }
        auto migrated = runner->migrate(*database);
        if (!migrated) {
            return failWith(migrated.error());
        }
    }
    Database::close(QStringLiteral("fixture"));
    if (!test::FixtureFile{directory.path()}.write(file)) {
        return failWith(Error::io(QStringLiteral("Cannot write the fixture file %1.").arg(file)));
    }
    QTextStream(stdout) << "test cluster ready in " << directory.path() << Qt::endl;
    return 0;
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const QStringList arguments = app.arguments();
    if (arguments.size() != 3 || (arguments[1] != u"start" && arguments[1] != u"stop")) {
        QTextStream(stderr) << "usage: ocms_pg_fixture start|stop FILE" << Qt::endl;
        return 2;
    }
    return arguments[1] == u"start" ? start(arguments[2]) : stop(arguments[2]);
}
