#include "benchmarkworld.h"

#include "embeddedserver.h"
#include "migrationrunner.h"
#include "scopedconnection.h"
#include "sqlerrortranslator.h"
#include "syntheticdataseeder.h"
#include "threadconnection.h"

#include <QRandomGenerator>
#include <QSqlError>
#include <QSqlQuery>

namespace ocms {

Result<ConnectionSettings> BenchmarkWorld::database(const QString& connInfo, const QString& dataDirectory)
{
    ConnectionSettings settings;
    if (!connInfo.isEmpty()) {
        auto parsed = ConnectionSettings::fromConnInfo(connInfo);
        if (!parsed) {
            return fail(parsed.error());
        }
        settings = *parsed;
    } else {
        EmbeddedServer server(dataDirectory.isEmpty() ? EmbeddedServer::defaultDataDirectory() : dataDirectory);
        if (auto started = server.start(); !started) {
            return fail(started.error());
        }
        if (auto created = server.ensureDatabase(QStringLiteral("ocms_bench")); !created) {
            return fail(created.error());
        }
        settings = server.ownerSettings(QStringLiteral("ocms_bench"));
    }
    auto runner = MigrationRunner::embedded();
    if (!runner) {
        return fail(runner.error());
    }
    Result<void> migrated = withThreadConnection<void>(settings, QStringLiteral("bench-migrate"), [&](QSqlDatabase& database) -> Result<void> {
        auto report = runner->migrate(database);
        if (!report) {
            return fail(report.error());
        }
        return {};
    });
    if (!migrated) {
        return fail(migrated.error());
    }
    return settings;
}

namespace {
constexpr std::uint64_t kBenchSeed = 9001;
}

QString BenchmarkWorld::newPassword()
{
    return QStringLiteral("bench-%1").arg(QRandomGenerator::system()->generate64(), 0, 16);
}

Result<void> BenchmarkWorld::prepare(const ConnectionSettings& owner, qint64 cases,
                                     const std::function<void(const QString&)>& progress, const QString& attorneyLogin,
                                     const QString& attorneyPassword)
{
    ScopedConnection connection(owner, QStringLiteral("bench-prepare"));
    if (!connection.ok()) {
        return fail(connection.error());
    }
    SeedOptions seed;
    seed.cases = cases;
    seed.leads = cases / 10;
    seed.seed = kBenchSeed;
    seed.progress = progress;
    auto seeded = SyntheticDataSeeder(connection.database()).run(seed);
    if (!seeded) {
        return fail(seeded.error());
    }
    QSqlQuery login(connection.database());
    login.prepare(QStringLiteral("SELECT core.create_login(?, ?, 'Benchmark Attorney', '{ocms_attorney}', 'OCC-ATL', '{ILP}')"));
    login.addBindValue(attorneyLogin);
    login.addBindValue(attorneyPassword);
    if (!login.exec()) {
        return fail(SqlErrorTranslator::translate(login.lastError()));
    }
    return {};
}

} // namespace ocms
