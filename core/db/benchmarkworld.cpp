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

Result<QStringList> BenchmarkWorld::namePrefixes(const ConnectionSettings& owner, int count, int seed)
{
    ScopedConnection connection(owner, QStringLiteral("bench-prefixes"));
    if (!connection.ok()) {
        return fail(connection.error());
    }
    // The sample's seed and size are numbers of ours, not input.
    auto prefixes = connection.column(QStringLiteral("SELECT left(name_key, 4) FROM legal.case_names TABLESAMPLE SYSTEM (1) "
                                                     "REPEATABLE (%1) WHERE NOT is_alias AND length(name_key) >= 4 LIMIT %2")
                                          .arg(seed)
                                          .arg(count));
    if (prefixes && prefixes->size() < count) {
        return fail(Error{ErrorCode::Internal, QStringLiteral("The benchmark database has too few cases to sample."), {}});
    }
    return prefixes;
}

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

Result<qint64> BenchmarkWorld::ensureDocuments(const ConnectionSettings& owner, qint64 documents,
                                               const std::function<void(const QString&)>& progress)
{
    ScopedConnection connection(owner, QStringLiteral("bench-documents"));
    if (!connection.ok()) {
        return fail(connection.error());
    }
    auto counted = connection.column(QStringLiteral("SELECT count(*) FROM docs.documents"));
    if (!counted) {
        return fail(counted.error());
    }
    const qint64 existing = counted->value(0).toLongLong();
    if (existing >= documents) {
        return existing;
    }
    SeedOptions seed;
    seed.documents = documents - existing;
    seed.seed = kBenchSeed + 1 + existing; // a run of its own: the seeder loads each seed once
    seed.progress = progress;
    auto seeded = SyntheticDataSeeder(connection.database()).run(seed);
    if (!seeded) {
        return fail(seeded.error());
    }
    if (auto analysed = connection.column(QStringLiteral("ANALYZE docs.documents, docs.versions, docs.contents")); !analysed) {
        return fail(analysed.error());
    }
    return documents;
}

} // namespace ocms
