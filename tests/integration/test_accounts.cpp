#include "db/database.h"
#include "security/accountadministration.h"
#include "loginsession.h"
#include "testdatabase.h"

#include <QCoreApplication>
#include <QProcess>

#include "catchqt.h"

using namespace ocms;
using ocms::test::TestDatabase;

namespace {

const QString kPassword = QStringLiteral("accounts-password-1");

bool canLogIn(TestDatabase& database, const QString& login, const QString& password)
{
    return test::canLogIn(database.settingsFor(login, password));
}

// Runs account operations as a given login.
template <class Work>
auto as(TestDatabase& database, const QString& login, Work work)
{
    const QString name = QStringLiteral("accounts-as-") + login;
    auto connection = Database::open(database.settingsFor(login, kPassword), name);
    REQUIRE(connection.has_value());
    AccountAdministration accounts(*connection);
    auto result = work(accounts);
    *connection = QSqlDatabase();
    Database::close(name);
    return result;
}

} // namespace

TEST_CASE("The help desk manages ordinary accounts but never administrators", "[integration][accounts]")
{
    TestDatabase database;
    const QString prefix = QStringLiteral("u%1_%2_").arg(QCoreApplication::applicationPid()).arg(database.name().section(u'_', -1));
    const QString helpdesk = prefix + QStringLiteral("helpdesk");
    const QString admin = prefix + QStringLiteral("admin");
    const QString newcomer = prefix + QStringLiteral("newcomer");
    database.exec(QStringLiteral("INSERT INTO core.offices (id, code, name, kind) VALUES (gen_random_uuid(), 'OCC-U', 'U', 'chief_counsel')"));
    database.exec(QStringLiteral("INSERT INTO core.divisions (id, code, name) VALUES (gen_random_uuid(), 'ILP', 'I')"));
    database.exec(QStringLiteral("SELECT core.create_login('%1', '%2', 'Help', '{ocms_helpdesk}', 'OCC-U', '{}')").arg(helpdesk, kPassword));
    database.exec(QStringLiteral("SELECT core.create_login('%1', '%2', 'Admin', '{ocms_admin}', 'OCC-U', '{}')").arg(admin, kPassword));

    const auto created = as(database, helpdesk, [&](AccountAdministration& accounts) {
        return accounts.create({newcomer, QStringLiteral("New Comer"), QStringLiteral("first-password-1"),
                                {QStringLiteral("ocms_attorney")}, QStringLiteral("OCC-U"), {QStringLiteral("ILP")}, {}});
    });
    INFO((created ? QString() : created.error().describe()).toStdString());
    REQUIRE(created.has_value());
    CHECK(canLogIn(database, newcomer, QStringLiteral("first-password-1")));
    CHECK(database.scalar(QStringLiteral("SELECT count(*) FROM audit.events WHERE action = 'account' AND db_user = '%1'")
                              .arg(helpdesk)).toInt() == 1);

    // Not an administrator, and not an administrator's password.
    const auto escalate = as(database, helpdesk, [&](AccountAdministration& accounts) {
        return accounts.setRole(newcomer, QStringLiteral("ocms_admin"), true);
    });
    REQUIRE_FALSE(escalate.has_value());
    CHECK(escalate.error().userMessage == QStringLiteral("Only an administrator can grant the administrator or help desk role."));
    const auto takeover = as(database, helpdesk, [&](AccountAdministration& accounts) {
        return accounts.resetPassword(admin, QStringLiteral("hijacked-password-1"));
    });
    REQUIRE_FALSE(takeover.has_value());
    CHECK(takeover.error().userMessage == QStringLiteral("Only an administrator can change an administrator or help desk account."));
    CHECK(canLogIn(database, admin, kPassword));

    // Ordinary work: reset, disable, enable, divisions.
    REQUIRE(as(database, helpdesk, [&](AccountAdministration& accounts) {
                return accounts.resetPassword(newcomer, QStringLiteral("second-password-2"));
            }).has_value());
    CHECK(canLogIn(database, newcomer, QStringLiteral("second-password-2")));
    REQUIRE(as(database, helpdesk, [&](AccountAdministration& accounts) { return accounts.setActive(newcomer, false); }).has_value());
    CHECK_FALSE(canLogIn(database, newcomer, QStringLiteral("second-password-2")));
    REQUIRE(as(database, helpdesk, [&](AccountAdministration& accounts) { return accounts.setActive(newcomer, true); }).has_value());
    CHECK(canLogIn(database, newcomer, QStringLiteral("second-password-2")));
    const auto badDivision = as(database, helpdesk, [&](AccountAdministration& accounts) {
        return accounts.setDivisions(newcomer, {QStringLiteral("NOPE")});
    });
    REQUIRE_FALSE(badDivision.has_value());
    CHECK(badDivision.error().userMessage == QStringLiteral("There is no division NOPE."));

    // The administrator may grant the administrator role.
    REQUIRE(as(database, admin, [&](AccountAdministration& accounts) {
                return accounts.setRole(newcomer, QStringLiteral("ocms_admin"), true);
            }).has_value());
    CHECK(database.scalar(QStringLiteral("SELECT pg_has_role('%1', 'ocms_admin', 'MEMBER')").arg(newcomer)).toBool());

    // A user name in use is refused, not overwritten.
    const auto taken = as(database, helpdesk, [&](AccountAdministration& accounts) {
        return accounts.create({newcomer, QStringLiteral("Again"), QStringLiteral("third-password-3"),
                                {QStringLiteral("ocms_support")}, {}, {}, {}});
    });
    REQUIRE_FALSE(taken.has_value());
    CHECK(taken.error().userMessage.contains(QStringLiteral("is taken")));
    CHECK(canLogIn(database, newcomer, QStringLiteral("second-password-2")));
}

TEST_CASE("ocmsctl user add creates a login that works and prints a temporary password", "[integration][accounts]")
{
    TestDatabase database;
    const QString login = QStringLiteral("c%1_%2_cli").arg(QCoreApplication::applicationPid()).arg(database.name().section(u'_', -1));
    QProcess process;
    process.start(QStringLiteral(OCMSCTL_PATH), {QStringLiteral("--db"), database.ownerConnInfo(), QStringLiteral("user"),
                                                 QStringLiteral("add"), login, QStringLiteral("--name"),
                                                 QStringLiteral("Cli User"), QStringLiteral("--roles"),
                                                 QStringLiteral("field_read")});
    REQUIRE(process.waitForFinished(60000));
    const QString output = QString::fromUtf8(process.readAllStandardOutput());
    INFO(QString::fromUtf8(process.readAllStandardError()).toStdString());
    REQUIRE(process.exitCode() == 0);
    const QString password = output.section(QStringLiteral("temporary password: "), 1).trimmed();
    CHECK(password.size() == 19);
    CHECK(canLogIn(database, login, password));
}
