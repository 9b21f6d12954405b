#include "embeddedbootstrap.h"

#include "demoworkseeder.h"

#include "database.h"
#include "duplicatepeopleseeder.h"
#include "embeddedserver.h"
#include "migrationrunner.h"
#include "security/demoaccounts.h"
#include "syntheticdataseeder.h"

namespace ocms {

namespace {

Result<void> migrate(QSqlDatabase& database)
{
    auto runner = MigrationRunner::embedded();
    if (!runner) {
        return fail(runner.error());
    }
    auto report = runner->migrate(database);
    if (!report) {
        return fail(report.error());
    }
    return {};
}

} // namespace

Result<void> EmbeddedBootstrap::seedDemo(const ConnectionSettings& owner,
                                         const std::function<void(const QString&)>& progress)
{
    const QString name = Database::threadConnectionName(QStringLiteral("demo-seed"));
    Result<void> outcome;
    {
        auto database = Database::open(owner, name);
        if (!database) {
            return fail(database.error());
        }
        outcome = migrate(*database);
        if (outcome) {
            SeedOptions options = SyntheticDataSeeder::demoOptions();
            options.progress = progress;
            auto report = SyntheticDataSeeder(*database).run(options);
            if (!report) {
                outcome = fail(report.error());
            } else if (auto planted = DuplicatePeopleSeeder::plant(*database, 12); !planted) {
                outcome = fail(planted.error());
            } else if (auto accounts = DemoAccounts::create(*database); !accounts) {
                outcome = fail(accounts.error());
            } else {
                outcome = DemoWorkSeeder::plant(*database);
            }
        }
    }
    Database::close(name);
    return outcome;
}

Result<ConnectionSettings> EmbeddedBootstrap::prepare(const QString& dataDirectory, bool demo,
                                                      const std::function<void(const QString&)>& progress)
{
    EmbeddedServer server(dataDirectory.isEmpty() ? EmbeddedServer::defaultDataDirectory() : dataDirectory);
    if (progress) {
        progress(QStringLiteral("Starting the embedded database…"));
    }
    if (auto started = server.start(); !started) {
        return fail(started.error());
    }
    if (demo) {
        if (auto seeded = seedDemo(server.ownerSettings(), progress); !seeded) {
            return fail(seeded.error());
        }
    } else {
        const QString name = Database::threadConnectionName(QStringLiteral("embedded-migrate"));
        Result<void> migrated;
        {
            auto database = Database::open(server.ownerSettings(), name);
            if (!database) {
                return fail(database.error());
            }
            migrated = migrate(*database);
        }
        Database::close(name);
        if (!migrated) {
            return fail(migrated.error());
        }
    }
    ConnectionSettings login = server.ownerSettings();
    login.setUser({});
    login.setPassword({});
    return login;
}

} // namespace ocms
