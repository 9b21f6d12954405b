// Injection attempts through every input the code has so far: login names, account fields, division
// codes, grants, server-log contents. Each is refused or taken literally; nothing extra is returned and
// nothing is broken.
#include "audit/failedlogoningest.h"
#include "security/accountadministration.h"
#include "security/session.h"
#include "testdatabase.h"

#include <QCoreApplication>
#include <QFile>
#include <QTemporaryDir>

#include "catchqt.h"

using namespace ocms;
using ocms::test::TestDatabase;

namespace {

const QStringList& attacks()
{
    static const QStringList list = {
        QStringLiteral("x' OR '1'='1"),
        QStringLiteral("x'; DROP TABLE legal.cases; --"),
        QStringLiteral("\"; DELETE FROM core.users; --"),
        QStringLiteral("ILP'); DELETE FROM core.divisions; --"),
        QStringLiteral("$$; DROP SCHEMA audit CASCADE; $$"),
        QStringLiteral("x\\'; SELECT pg_sleep(5); --"),
    };
    return list;
}

QString fingerprint(TestDatabase& database)
{
    return database.scalar(QStringLiteral("SELECT (SELECT count(*) FROM legal.cases) || '/' || (SELECT count(*) FROM core.users) "
                                          "|| '/' || (SELECT count(*) FROM core.divisions) || '/' || "
                                          "(SELECT count(*) FROM pg_namespace WHERE nspname = 'audit')"))
        .toString();
}

} // namespace

TEST_CASE("Injection attempts through every input are refused or taken literally", "[integration][security][injection]")
{
    TestDatabase database;
    database.exec(QStringLiteral("INSERT INTO core.offices (id, code, name, kind) VALUES (gen_random_uuid(), 'OCC-I', 'I', 'chief_counsel')"));
    database.exec(QStringLiteral("INSERT INTO core.divisions (id, code, name) VALUES (gen_random_uuid(), 'ILP', 'I')"));
    database.exec(QStringLiteral("INSERT INTO legal.cases (id, category, case_type, forum, a_number, title, office_id, division_id) "
                                 "SELECT gen_random_uuid(), 'immigration', 'removal', 'immigration_court', '192837465', 'M', "
                                 "(SELECT id FROM core.offices), (SELECT id FROM core.divisions)"));
    database.exec(QStringLiteral("SELECT core.create_login('i%1_user', 'long-enough-password', 'U', '{ocms_support}', 'OCC-I', '{ILP}')")
                      .arg(QCoreApplication::applicationPid()));
    const QString before = fingerprint(database);
    AccountAdministration accounts(database.connection());

    for (const QString& attack : attacks()) {
        INFO(attack.toStdString());
        // The login dialog's user name.
        const auto session = Session::logIn(database.ownerSettings(), attack, QStringLiteral("whatever-password"));
        REQUIRE_FALSE(session.has_value());
        CHECK(session.error().userMessage == QStringLiteral("The user name or password is not correct."));
        // Account fields.
        const auto created = accounts.create({attack, attack, QStringLiteral("long-enough-password"),
                                              {QStringLiteral("ocms_support")}, QStringLiteral("OCC-I"), {}, attack});
        REQUIRE_FALSE(created.has_value());
        CHECK(created.error().userMessage.startsWith(QStringLiteral("A login name is")));
        const auto division = accounts.setDivisions(QStringLiteral("nobody"), {attack});
        REQUIRE_FALSE(division.has_value());
        CHECK(division.error().userMessage == QStringLiteral("There is no user nobody."));
        const auto role = accounts.setRole(attack, QStringLiteral("ocms_support"), true);
        REQUIRE_FALSE(role.has_value());
        const auto reset = accounts.resetPassword(attack, attack + attack);
        REQUIRE_FALSE(reset.has_value());
        CHECK(reset.error().userMessage.startsWith(QStringLiteral("There is no user")));
    }
    // A division list with an attack among real codes changes nothing either.
    const auto mixed = accounts.setDivisions(QStringLiteral("i%1_user").arg(QCoreApplication::applicationPid()),
                                             {QStringLiteral("ILP"), attacks()[3]});
    REQUIRE_FALSE(mixed.has_value());
    CHECK(mixed.error().userMessage.startsWith(QStringLiteral("There is no division ILP'); DELETE")));

    // Server-log contents are data, bound as values.
    QTemporaryDir directory;
    QFile log(directory.filePath(QStringLiteral("postgresql.csv")));
    REQUIRE(log.open(QIODevice::WriteOnly));
    for (int i = 0; i < attacks().size(); ++i) {
        QString user = attacks()[i];
        user.replace(u'"', QStringLiteral("\"\""));
        log.write(QStringLiteral("2026-11-22 10:00:00.000 UTC,\"%1\",\"ocms\",1,\"[local]\",abc.%2,%2,\"authentication\",,,,"
                                 "FATAL,28P01,\"password authentication failed for user \"\"%1\"\"\",,,,,,,,\"\",\"client backend\",,0\n")
                      .arg(user).arg(i + 1).toUtf8());
    }
    log.close();
    const auto ingested = FailedLogonIngest(database.connection()).ingest(log.fileName());
    REQUIRE(ingested.has_value());
    CHECK(ingested->failuresRecorded == attacks().size());
    CHECK(database.scalar(QStringLiteral("SELECT count(*) FROM audit.events WHERE action = 'logon_failed' AND db_user = $q$%1$q$")
                              .arg(attacks()[1])).toInt() == 1);

    CHECK(fingerprint(database) == before);
}
