#include "audit/failedlogoningest.h"
#include "db/database.h"
#include "fixturefile.h"
#include "loginsession.h"
#include "testdatabase.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>

#include "catchqt.h"

using namespace ocms;
using ocms::test::TestDatabase;

namespace {

const QString kPassword = QStringLiteral("logon-password-1");

Result<void> tryLogin(TestDatabase& database, const QString& login, const QString& password)
{
    const test::LoginOutcome outcome = test::runAs(database.settingsFor(login, password), {});
    if (!outcome.connected) {
        return fail(outcome.error);
    }
    return {};
}

QString logDirectory()
{
    return test::FixtureFile::read(test::FixtureFile::path()).dataDirectory + QStringLiteral("/cluster/log");
}

// The server's log collector writes asynchronously: wait until the failures show up.
bool waitForLogLines(const QString& login, int count)
{
    for (int attempt = 0; attempt < 50; ++attempt) {
        int seen = 0;
        for (const QString& name : QDir(logDirectory()).entryList({QStringLiteral("*.csv")}, QDir::Files)) {
            QFile file(QDir(logDirectory()).filePath(name));
            if (file.open(QIODevice::ReadOnly)) {
                // In CSV the quotes around the user name are doubled.
                seen += int(file.readAll().count(
                    QStringLiteral("password authentication failed for user \"\"%1\"\"").arg(login).toUtf8()));
            }
        }
        if (seen >= count) {
            return true;
        }
        QThread::msleep(100);
    }
    return false;
}

} // namespace

TEST_CASE("Three failed logons in the window lock the account until the help desk unlocks it", "[integration][logons]")
{
    TestDatabase database;
    const QString prefix = QStringLiteral("l%1_%2_").arg(QCoreApplication::applicationPid()).arg(database.name().section(u'_', -1));
    const QString victim = prefix + QStringLiteral("attorney");
    const QString helpdesk = prefix + QStringLiteral("helpdesk");
    database.exec(QStringLiteral("SELECT core.create_login('%1', '%2', 'Victim', '{ocms_attorney}', 'X', '{}')").arg(victim, kPassword));
    database.exec(QStringLiteral("SELECT core.create_login('%1', '%2', 'Help', '{ocms_helpdesk}', 'X', '{}')").arg(helpdesk, kPassword));

    for (int i = 0; i < 3; ++i) {
        const auto refused = tryLogin(database, victim, QStringLiteral("wrong-%1").arg(i));
        REQUIRE_FALSE(refused.has_value());
        CHECK(refused.error().userMessage == QStringLiteral("The user name or password is not correct."));
    }
    REQUIRE(waitForLogLines(victim, 3));

    const auto report = FailedLogonIngest(database.connection()).ingest(logDirectory());
    INFO((report ? QString() : report.error().describe()).toStdString());
    REQUIRE(report.has_value());
    CHECK(report->failuresFound >= 3);
    CHECK(report->lockedAccounts.contains(victim));
    CHECK(database.scalar(QStringLiteral("SELECT count(*) FROM audit.events WHERE action = 'logon_failed' AND db_user = '%1'")
                              .arg(victim)).toInt() == 3);

    // Now even the right password is refused.
    const auto locked = tryLogin(database, victim, kPassword);
    REQUIRE_FALSE(locked.has_value());
    CHECK(locked.error().userMessage == QStringLiteral("This account is disabled. Ask the help desk to unlock it."));

    // Reading the same log again records nothing twice and locks nobody again.
    const auto again = FailedLogonIngest(database.connection()).ingest(logDirectory());
    REQUIRE(again.has_value());
    CHECK(database.scalar(QStringLiteral("SELECT count(*) FROM audit.events WHERE action = 'logon_failed' AND db_user = '%1'")
                              .arg(victim)).toInt() == 3);

    // The help desk unlocks; the old failures no longer count.
    {
        const QString name = QStringLiteral("helpdesk-unlock");
        {
            auto connection = Database::open(database.settingsFor(helpdesk, kPassword), name);
            REQUIRE(connection.has_value());
            QSqlQuery unlock(*connection);
            const bool ok = unlock.exec(QStringLiteral("SELECT core.unlock_user('%1')").arg(victim));
            INFO(unlock.lastError().text().toStdString());
            CHECK(ok);
        }
        Database::close(name);
    }
    CHECK(tryLogin(database, victim, kPassword).has_value());
    const auto afterUnlock = FailedLogonIngest(database.connection()).ingest(logDirectory());
    REQUIRE(afterUnlock.has_value());
    CHECK_FALSE(afterUnlock->lockedAccounts.contains(victim));
    CHECK(tryLogin(database, victim, kPassword).has_value());
    CHECK(database.scalar(QStringLiteral("SELECT count(*) FROM audit.events WHERE action IN ('lockout', 'unlock')")).toInt() == 2);
}

TEST_CASE("Reading logs that are not there is a clear error", "[integration][logons]")
{
    TestDatabase database;
    const auto report = FailedLogonIngest(database.connection()).ingest(QStringLiteral("/nonexistent/postgresql.csv"));
    REQUIRE_FALSE(report.has_value());
    CHECK(report.error().userMessage.contains(QStringLiteral("no log file")));
}
