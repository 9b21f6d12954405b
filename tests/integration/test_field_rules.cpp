#include "db/database.h"
#include "db/sqlerrortranslator.h"
#include "loginsession.h"
#include "testdatabase.h"

#include <QCoreApplication>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

#include "catchqt.h"

using namespace ocms;
using ocms::test::TestDatabase;

namespace {

const QString kPassword = QStringLiteral("rules-password-1");

struct RulesWorld
{
    QString prefix;
    QString office = QUuid::createUuid().toString(QUuid::WithoutBraces);
    QString caseId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    QString person = QUuid::createUuid().toString(QUuid::WithoutBraces);
    QString login(const char* key) const { return prefix + QString::fromLatin1(key); }
};

RulesWorld makeWorld(TestDatabase& database)
{
    RulesWorld world;
    world.prefix = QStringLiteral("r%1_%2_").arg(QCoreApplication::applicationPid()).arg(database.name().section(u'_', -1));
    database.exec(QStringLiteral("INSERT INTO core.offices (id, code, name, kind) VALUES ('%1', 'OCC-R', 'R', 'chief_counsel')").arg(world.office));
    database.exec(QStringLiteral("INSERT INTO core.divisions (id, code, name) VALUES (gen_random_uuid(), 'ILP', 'I'), "
                                 "(gen_random_uuid(), 'NSLS', 'N')"));
    const QList<std::pair<const char*, QString>> logins = {
        {"attorney", QStringLiteral("'{ocms_attorney}', 'OCC-R', '{ILP}'")},
        {"nsls", QStringLiteral("'{ocms_attorney}', 'OCC-R', '{NSLS}'")},
        {"external", QStringLiteral("'{ocms_readonly_external}', 'OCC-R', '{}'")},
        {"admin", QStringLiteral("'{ocms_admin}', 'OCC-R', '{}'")},
        {"import", QStringLiteral("'{ocms_import}', 'OCC-R', '{}'")},
    };
    for (const auto& [key, rest] : logins) {
        database.exec(QStringLiteral("SELECT core.create_login('%1', '%2', 'Rules %3', %4)")
                          .arg(world.login(key), kPassword, QString::fromLatin1(key), rest));
    }
    database.exec(QStringLiteral("INSERT INTO legal.cases (id, category, case_type, forum, a_number, title, office_id, division_id, "
                                 "custody_status, national_security_notes) VALUES ('%1', 'immigration', 'removal', "
                                 "'immigration_court', '246813579', 'Matter of R', '%2', (SELECT id FROM core.divisions WHERE code = 'ILP'), "
                                 "'detained', 'Classified note')").arg(world.caseId, world.office));
    database.exec(QStringLiteral("INSERT INTO core.people (id, family_name, given_name) VALUES ('%1', 'Originalname', 'Ana')").arg(world.person));
    database.exec(QStringLiteral("INSERT INTO legal.case_people (case_id, person_id, role) VALUES ('%1', '%2', 'respondent')")
                      .arg(world.caseId, world.person));
    return world;
}

struct Outcome
{
    bool ok = false;
    QString message; // what a user would be told
    QVariant value;  // first column of the last statement's first row
};

Outcome as(TestDatabase& database, const QString& login, const QStringList& statements)
{
    const test::LoginOutcome outcome = test::runAs(database.settingsFor(login, kPassword), statements);
    REQUIRE(outcome.connected);
    return {outcome.ok, outcome.error.userMessage, outcome.value};
}

} // namespace

TEST_CASE("Only the National Security Law Section writes national-security fields", "[integration][fieldpolicy]")
{
    TestDatabase database;
    const RulesWorld world = makeWorld(database);
    const QString update = QStringLiteral("UPDATE legal.cases SET national_security_notes = 'Update' WHERE id = '%1'").arg(world.caseId);
    const Outcome attorney = as(database, world.login("attorney"), {update});
    CHECK_FALSE(attorney.ok);
    CHECK(attorney.message == QStringLiteral("National security notes may not be changed by you: the field is restricted (field policy)."));
    CHECK(as(database, world.login("attorney"), {QStringLiteral("UPDATE legal.cases SET title = 'Other' WHERE id = '%1'").arg(world.caseId)}).ok);
    CHECK(as(database, world.login("nsls"), {update}).ok);
    const Outcome flagged = as(database, world.login("attorney"),
                               {QStringLiteral("INSERT INTO legal.cases (id, category, case_type, forum, a_number, title, office_id, "
                                               "division_id, national_security_flag) VALUES (gen_random_uuid(), 'immigration', 'removal', "
                                               "'immigration_court', '135792468', 'New', '%1', (SELECT id FROM core.divisions WHERE code = 'ILP'), true)")
                                    .arg(world.office)});
    CHECK_FALSE(flagged.ok);
    CHECK(flagged.message.contains(QStringLiteral("National security flag")));
}

TEST_CASE("Unreadable fields come back NULL through the secure view and cannot be read directly", "[integration][fieldpolicy]")
{
    TestDatabase database;
    const RulesWorld world = makeWorld(database);
    const QString view = QStringLiteral("SELECT coalesce(national_security_notes, '<hidden>') FROM legal.case_records WHERE id = '%1'").arg(world.caseId);
    CHECK(as(database, world.login("attorney"), {view}).value.toString() == QStringLiteral("Classified note"));
    CHECK(as(database, world.login("external"), {view}).value.toString() == QStringLiteral("<hidden>"));
    const Outcome direct = as(database, world.login("external"),
                              {QStringLiteral("SELECT national_security_notes FROM legal.cases WHERE id = '%1'").arg(world.caseId)});
    CHECK_FALSE(direct.ok);
    CHECK(direct.message == QStringLiteral("You do not have permission for this action."));
    // The view still applies row security for the person signed in.
    CHECK(as(database, world.login("admin"), {QStringLiteral("SELECT count(*) FROM legal.case_records")}).ok == false);
    // The client mirror says the same.
    const Outcome mirror = as(database, world.login("external"),
                              {QStringLiteral("SELECT can_read::text || can_write::text FROM rules.my_field_access() "
                                              "WHERE table_name = 'legal.cases' AND column_name = 'national_security_notes'")});
    CHECK(mirror.value.toString() == QStringLiteral("falsefalse"));
    const Outcome nsls = as(database, world.login("nsls"),
                            {QStringLiteral("SELECT can_read::text || can_write::text FROM rules.my_field_access() "
                                            "WHERE table_name = 'legal.cases' AND column_name = 'national_security_notes'")});
    CHECK(nsls.value.toString() == QStringLiteral("truetrue"));
}

TEST_CASE("Authoritative values change only from their source system or by an audited correction", "[integration][authoritative]")
{
    TestDatabase database;
    const RulesWorld world = makeWorld(database);
    const QString release = QStringLiteral("UPDATE legal.cases SET custody_status = 'released' WHERE id = '%1'").arg(world.caseId);
    const Outcome user = as(database, world.login("attorney"), {release});
    CHECK_FALSE(user.ok);
    CHECK(user.message == QStringLiteral("Custody status comes from EID and cannot be changed here. Ask an administrator to "
                                         "correct it, or have EID corrected."));
    // A user claiming to be the system is still refused: only the import role may speak for a system.
    CHECK_FALSE(as(database, world.login("attorney"), {QStringLiteral("SELECT set_config('ocms.source', 'system:eid', false)"), release}).ok);
    CHECK_FALSE(as(database, world.login("import"), {QStringLiteral("SELECT set_config('ocms.source', 'system:eoir', false)"), release}).ok);
    CHECK(as(database, world.login("import"), {QStringLiteral("SELECT set_config('ocms.source', 'system:eid', false)"), release}).ok);
    CHECK(database.scalar(QStringLiteral("SELECT custody_status FROM legal.cases WHERE id = '%1'").arg(world.caseId)).toString() ==
          QStringLiteral("released"));

    const Outcome correction = as(database, world.login("admin"),
                                  {QStringLiteral("SELECT rules.correct_value('legal.cases', '%1', 'custody_status', 'detained', "
                                                  "'EID record corrected by phone, ticket 4711')").arg(world.caseId)});
    INFO(correction.message.toStdString());
    CHECK(correction.ok);
    CHECK(database.scalar(QStringLiteral("SELECT custody_status FROM legal.cases WHERE id = '%1'").arg(world.caseId)).toString() ==
          QStringLiteral("detained"));
    CHECK(database.scalar(QStringLiteral("SELECT count(*) FROM audit.events WHERE record_id = '%1' AND source = 'correction' "
                                         "AND action IN ('correction', 'update')").arg(world.caseId)).toInt() == 2);
    CHECK_FALSE(as(database, world.login("attorney"), {QStringLiteral("SELECT rules.correct_value('legal.cases', '%1', "
                                                                      "'custody_status', 'released', 'x')").arg(world.caseId)}).ok);
}

TEST_CASE("A new name from another system is kept as an alias, the name on record stays", "[integration][authoritative]")
{
    TestDatabase database;
    const RulesWorld world = makeWorld(database);
    CHECK(as(database, world.login("import"), {QStringLiteral("SELECT set_config('ocms.source', 'system:eid', false)"),
                                               QStringLiteral("UPDATE core.people SET family_name = 'Newname' WHERE id = '%1'").arg(world.person)}).ok);
    CHECK(database.scalar(QStringLiteral("SELECT family_name FROM core.people WHERE id = '%1'").arg(world.person)).toString() ==
          QStringLiteral("Originalname"));
    CHECK(database.scalar(QStringLiteral("SELECT family_name || '/' || source FROM core.person_aliases WHERE person_id = '%1'")
                              .arg(world.person)).toString() == QStringLiteral("Newname/system:eid"));
    // A user's own correction of a typo does change the name.
    CHECK(as(database, world.login("attorney"), {QStringLiteral("UPDATE core.people SET family_name = 'Originalnáme' WHERE id = '%1'").arg(world.person)}).ok);
    CHECK(database.scalar(QStringLiteral("SELECT family_name FROM core.people WHERE id = '%1'").arg(world.person)).toString() ==
          QStringLiteral("Originalnáme"));
}

TEST_CASE("A person's SSN: legal staff write it, external users cannot even read it", "[integration][fieldpolicy]")
{
    TestDatabase database;
    const RulesWorld world = makeWorld(database);
    CHECK(as(database, world.login("attorney"), {QStringLiteral("UPDATE core.people SET ssn = '123456789' WHERE id = '%1'").arg(world.person)}).ok);
    CHECK(as(database, world.login("attorney"), {QStringLiteral("SELECT ssn FROM core.people WHERE id = '%1'").arg(world.person)})
              .value.toString() == QStringLiteral("123456789"));
    const Outcome external = as(database, world.login("external"),
                                {QStringLiteral("SELECT ssn FROM core.people WHERE id = '%1'").arg(world.person)});
    CHECK_FALSE(external.ok);
    CHECK(as(database, world.login("external"), {QStringLiteral("SELECT family_name FROM core.people WHERE id = '%1'").arg(world.person)})
              .value.toString() == QStringLiteral("Originalname"));
}

TEST_CASE("A new field policy takes effect at once, without restarting anything", "[integration][fieldpolicy]")
{
    TestDatabase database;
    const RulesWorld world = makeWorld(database);
    const QString change = QStringLiteral("UPDATE legal.cases SET court_name = 'Elsewhere' WHERE id = '%1'").arg(world.caseId);
    CHECK(as(database, world.login("attorney"), {change}).ok);
    database.exec(QStringLiteral("INSERT INTO rules.field_policy VALUES ('legal.cases', 'court_name', 'division', 'NSLS', true, true)"));
    const Outcome refused = as(database, world.login("attorney"), {change + QStringLiteral(" AND court_name <> 'Elsewhere'"),
                                                                   QStringLiteral("UPDATE legal.cases SET court_name = 'Third' WHERE id = '%1'").arg(world.caseId)});
    CHECK_FALSE(refused.ok);
    CHECK(refused.message.startsWith(QStringLiteral("Court name may not be changed by you")));
    CHECK(as(database, world.login("nsls"), {QStringLiteral("UPDATE legal.cases SET court_name = 'Third' WHERE id = '%1'").arg(world.caseId)}).ok);
}
