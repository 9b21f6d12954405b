#include "db/migrationrunner.h"
#include "testdatabase.h"

#include <QSqlQuery>

#include "catchqt.h"

using namespace ocms;
using ocms::test::TestDatabase;

namespace {

QList<Migration> embeddedMigrations()
{
    auto migrations = Migration::loadDirectory(QStringLiteral(":/sql"));
    REQUIRE(migrations.has_value());
    return *migrations;
}

} // namespace

TEST_CASE("Migrations build the whole data model on an empty database", "[integration][migrations]")
{
    TestDatabase database(TestDatabase::Content::Empty);
    const QList<Migration> migrations = embeddedMigrations();
    MigrationRunner runner(migrations);
    const auto report = runner.migrate(database.connection());
    REQUIRE(report.has_value());
    CHECK(report->applied.size() == migrations.size());
    CHECK(report->alreadyApplied == 0);

    // Every schema DESIGN.md names, and the tables of both PIAs.
    for (const char* table :
         {"core.offices", "core.divisions", "core.users", "core.people", "core.person_aliases", "core.addresses",
          "core.phones", "legal.cases", "legal.hearings", "legal.deadlines", "legal.notes", "legal.case_events",
          "legal.case_transfers", "legal.afile_locations", "legal.applications", "legal.visas", "legal.disclosures",
          "legal.projects", "legal.tasks", "legal.time_entries", "legal.project_history", "docs.documents",
          "docs.versions", "docs.contents", "docs.content_chunks", "field.fugitives", "field.leads",
          "field.lead_sources", "field.activities", "field.arrests", "field.nonfugitive_arrests", "field.jurisdictions",
          "field.teams", "field.operations", "field.removals", "rules.dropdown_values", "rules.field_policy",
          "rules.authoritative_source", "rules.retention_schedules", "rules.legal_holds", "audit.events",
          "sync.devices", "sync.applied_changes"}) {
        INFO(table);
        CHECK_FALSE(database.scalar(QStringLiteral("SELECT to_regclass('%1') IS NULL").arg(QLatin1StringView(table))).toBool());
    }
    CHECK(database.scalar(QStringLiteral("SELECT count(*) FROM public.ocms_migrations")).toInt() == migrations.size());
    CHECK(database.scalar(QStringLiteral("SELECT years FROM rules.retention_schedules WHERE record_type = 'immigration_case'"))
              .toInt() == 75);
    CHECK(database.scalar(QStringLiteral("SELECT system FROM rules.authoritative_source "
                                         "WHERE table_name = 'legal.cases' AND column_name = 'custody_status'"))
              .toString() == QStringLiteral("EID"));
}

TEST_CASE("Running the migrations again changes nothing", "[integration][migrations]")
{
    TestDatabase database; // the template is migrated already
    const QList<Migration> migrations = embeddedMigrations();
    const int before = database.scalar(QStringLiteral("SELECT count(*) FROM public.ocms_migrations")).toInt();
    const auto report = MigrationRunner(migrations).migrate(database.connection());
    REQUIRE(report.has_value());
    CHECK(report->applied.isEmpty());
    CHECK(report->alreadyApplied == migrations.size());
    CHECK(database.scalar(QStringLiteral("SELECT count(*) FROM public.ocms_migrations")).toInt() == before);
    const auto verified = MigrationRunner(migrations).verify(database.connection());
    REQUIRE(verified.has_value());
    CHECK(verified->latestVersion == migrations.last().version);
}

TEST_CASE("An applied migration whose text changed is refused with a clear error", "[integration][migrations]")
{
    TestDatabase database;
    QList<Migration> tampered = embeddedMigrations();
    tampered[2].sql.replace("CREATE TABLE docs.contents", "CREATE TABLE docs.contents_renamed");
    const auto report = MigrationRunner(tampered).migrate(database.connection());
    REQUIRE_FALSE(report.has_value());
    CHECK(report.error().code == ErrorCode::Migration);
    CHECK(report.error().userMessage.contains(QStringLiteral("0003_documents was changed after it was applied")));
    CHECK(report.error().detail.contains(QStringLiteral("recorded checksum")));
    CHECK(database.scalar(QStringLiteral("SELECT to_regclass('docs.contents_renamed') IS NULL")).toBool());

    const auto verified = MigrationRunner(tampered).verify(database.connection());
    CHECK_FALSE(verified.has_value());
}

TEST_CASE("A database newer than the program is refused", "[integration][migrations]")
{
    TestDatabase database;
    database.exec(QStringLiteral("INSERT INTO public.ocms_migrations (version, name, checksum) VALUES (9999, 'future', 'x')"));
    const auto report = MigrationRunner(embeddedMigrations()).migrate(database.connection());
    REQUIRE_FALSE(report.has_value());
    CHECK(report.error().userMessage.contains(QStringLiteral("9999")));
}

TEST_CASE("A failing migration leaves nothing of itself behind", "[integration][migrations]")
{
    TestDatabase database;
    QList<Migration> migrations = embeddedMigrations();
    const int next = migrations.last().version + 1;
    migrations.append({next, QStringLiteral("broken"),
                       "CREATE TABLE public.half_done (i int);\nINSERT INTO public.half_done VALUES (1);\nSELEC oops;"});
    const auto report = MigrationRunner(migrations).migrate(database.connection());
    REQUIRE_FALSE(report.has_value());
    CHECK(report.error().userMessage.contains(QStringLiteral("_broken failed; nothing of it was applied")));
    CHECK(report.error().detail.contains(QStringLiteral("line 3")));
    CHECK(database.scalar(QStringLiteral("SELECT to_regclass('public.half_done') IS NULL")).toBool());
    CHECK(database.scalar(QStringLiteral("SELECT count(*) FROM public.ocms_migrations WHERE version = %1").arg(next)).toInt() == 0);
    // The connection is still usable after the failure.
    CHECK(database.scalar(QStringLiteral("SELECT 1")).toInt() == 1);
}
