#include "testdatabase.h"

#include "db/database.h"
#include "fixturefile.h"

#include <QAtomicInt>
#include <QCoreApplication>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <catch2/catch.hpp>

namespace ocms::test {

namespace {

QString fixtureDataDirectory()
{
    const QString path = FixtureFile::path();
    if (path.isEmpty()) {
        FAIL("OCMS_PG_FIXTURE_FILE is not set: run integration tests through ctest, which starts the cluster");
    }
    const QString directory = FixtureFile::read(path).dataDirectory;
    if (directory.isEmpty()) {
        FAIL("the test cluster is not running (fixture file " << path.toStdString() << " missing)");
    }
    return directory;
}

QAtomicInt g_counter;

void adminExec(const EmbeddedServer& server, const QString& sql)
{
    const QString name = QStringLiteral("test-admin-%1").arg(g_counter.fetchAndAddRelaxed(1));
    {
        auto database = Database::open(server.ownerSettings(QStringLiteral("postgres")), name);
        REQUIRE(database.has_value());
        QSqlQuery query(*database);
        INFO(sql.toStdString());
        INFO(query.lastError().text().toStdString());
        const bool ok = query.exec(sql);
        INFO(query.lastError().text().toStdString());
        REQUIRE(ok);
    }
    Database::close(name);
}

} // namespace

TestDatabase::TestDatabase(Content content)
    : m_server(fixtureDataDirectory()),
      m_name(QStringLiteral("test_%1_%2").arg(QCoreApplication::applicationPid()).arg(g_counter.fetchAndAddRelaxed(1)))
{
    adminExec(m_server, QStringLiteral("CREATE DATABASE %1 TEMPLATE %2")
                            .arg(m_name, content == Content::Migrated ? QString::fromLatin1(kTemplate)
                                                                     : QStringLiteral("template0")));
    m_connectionName = QStringLiteral("test-%1").arg(m_name);
    auto database = Database::open(ownerSettings(), m_connectionName);
    if (!database) {
        FAIL(database.error().describe().toStdString());
    }
    m_connection = *database;
}

TestDatabase::~TestDatabase()
{
    m_connection = QSqlDatabase();
    Database::close(m_connectionName);
    // WITH (FORCE) also ends sessions a failed test left open.
    const QString name = QStringLiteral("test-drop-%1").arg(g_counter.fetchAndAddRelaxed(1));
    {
        auto database = Database::open(m_server.ownerSettings(QStringLiteral("postgres")), name);
        if (database) {
            QSqlQuery(*database).exec(QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)").arg(m_name));
        }
    }
    Database::close(name);
}

ConnectionSettings TestDatabase::ownerSettings() const
{
    return m_server.ownerSettings(m_name);
}

ConnectionSettings TestDatabase::settingsFor(const QString& login, const QString& password) const
{
    ConnectionSettings settings = ownerSettings();
    settings.setUser(login);
    settings.setPassword(password);
    return settings;
}

QVariant TestDatabase::scalar(const QString& sql)
{
    QSqlQuery query(m_connection);
    const bool ok = query.exec(sql);
    INFO(sql.toStdString());
    INFO(query.lastError().text().toStdString());
    REQUIRE(ok);
    REQUIRE(query.next());
    return query.value(0);
}

void TestDatabase::exec(const QString& sql)
{
    QSqlQuery query(m_connection);
    const bool ok = query.exec(sql);
    INFO(sql.toStdString());
    INFO(query.lastError().text().toStdString());
    REQUIRE(ok);
}

} // namespace ocms::test
