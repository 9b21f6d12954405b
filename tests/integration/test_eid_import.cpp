// Issue 9 items 1, 2 and 6: the EID daily extract merged under the authoritative-source rules (custody
// status is EID's, the A-Number EOIR's), new names kept as aliases, conflicts logged, every change audited
// as system:EID, each file once, rejected lines reported with their numbers, nothing half-loaded.
#include "db/threadconnection.h"
#include "imports/eidextractwriter.h"
#include "imports/eidimport.h"
#include "loginsession.h"
#include "testdatabase.h"

#include <QBuffer>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QCoreApplication>
#include <QUuid>

#include "catchqt.h"

using namespace ocms;
using ocms::test::TestDatabase;

namespace {

const QString kPassword = QStringLiteral("eid-password-1");
const QByteArray kHeader = EidExtractWriter::header();

QString newId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

struct World
{
    QString prefix;
    QString office = newId();
    QString ana = newId(), ben = newId();        // people
    QString anaCase = newId(), benCase = newId(); // their open immigration cases
    QString login(const char* key) const { return prefix + QString::fromLatin1(key); }
};

// Ana Example (A 123456789, no nationality on record, case not detained) and Ben Sample (A 234567891,
// case detained).
World makeWorld(TestDatabase& database)
{
    World world;
    world.prefix = QStringLiteral("e%1_%2_").arg(QCoreApplication::applicationPid()).arg(database.name().section(u'_', -1));
    database.exec(QStringLiteral("INSERT INTO core.offices (id, code, name, kind) VALUES ('%1', 'OCC-E', 'E', 'chief_counsel')").arg(world.office));
    database.exec(QStringLiteral("INSERT INTO core.divisions (id, code, name) VALUES (gen_random_uuid(), 'ILP', 'I')"));
    database.exec(QStringLiteral("SELECT core.create_login('%1', '%2', 'EID Attorney', '{ocms_attorney}', 'OCC-E', '{ILP}')")
                      .arg(world.login("attorney"), kPassword));
    database.exec(QStringLiteral("SELECT core.create_login('%1', '%2', 'EID connector', '{ocms_import}', 'OCC-E', '{}')")
                      .arg(world.login("import"), kPassword));
    database.exec(QStringLiteral("INSERT INTO core.people (id, family_name, given_name, date_of_birth, a_number, sex) VALUES "
                                 "('%1', 'Example', 'Ana', '1980-03-15', '123456789', 'F'), "
                                 "('%2', 'Sample', 'Ben', '1975-07-01', '234567891', 'M')").arg(world.ana, world.ben));
    database.exec(QStringLiteral("INSERT INTO legal.cases (id, category, case_type, forum, a_number, title, office_id, division_id, "
                                 "custody_status) VALUES "
                                 "('%1', 'immigration', 'removal', 'immigration_court', '123456789', 'Matter of Ana', '%3', "
                                 "(SELECT id FROM core.divisions WHERE code = 'ILP'), 'not_detained'), "
                                 "('%2', 'immigration', 'removal', 'immigration_court', '234567891', 'Matter of Ben', '%3', "
                                 "(SELECT id FROM core.divisions WHERE code = 'ILP'), 'detained')")
                      .arg(world.anaCase, world.benCase, world.office));
    return world;
}

Result<EidImportReport> importAs(TestDatabase& database, const QString& login, const QByteArray& content,
                                 const QString& fileName = QStringLiteral("eid-2026-11-30.csv"))
{
    return withThreadConnection<EidImportReport>(database.settingsFor(login, kPassword), QStringLiteral("eid-test"),
                                                 [&](QSqlDatabase& connection) {
                                                     QBuffer buffer;
                                                     buffer.setData(content);
                                                     buffer.open(QIODevice::ReadOnly);
                                                     EidImportOptions options;
                                                     options.fileName = fileName;
                                                     options.today = QDate(2026, 11, 30);
                                                     return EidImport(connection, options).run(&buffer);
                                                 });
}

QString text(TestDatabase& database, const QString& sql)
{
    return database.scalar(sql).toString();
}

int count(TestDatabase& database, const QString& sql)
{
    return database.scalar(sql).toInt();
}

} // namespace

TEST_CASE("EID sets custody status, fills what OCMS lacks, logs what it may not change, audited as system:EID", "[integration][imports][eid]")
{
    TestDatabase database;
    const World world = makeWorld(database);
    const QByteArray file = kHeader
        + "5001,123456789,EXAMPLE,ANA,1980-03-16,MX,F,2026-11-01,\"El Paso, TX\",2026-11-01,El Paso SPC,,,detained\n"
          "5002,999888777,NEWCOMER,NINA,1990-05-05,GT,F,2026-11-02,\"Dallas, TX\",2026-11-02,Prairieland,,,detained\n";
    auto report = importAs(database, world.login("import"), file);
    INFO((report ? QString() : report.error().describe()).toStdString());
    REQUIRE(report.has_value());
    CHECK(report->committed);
    CHECK(report->linesRead == 2);
    CHECK(report->rejected.isEmpty());
    CHECK(report->matched == 1);
    CHECK(report->unmatched == 1);
    CHECK(report->casesChanged == 1);
    CHECK(report->peopleFilled == 1);
    CHECK(report->aliasesAdded == 0); // EXAMPLE, ANA is her name in capitals
    CHECK(report->conflicts == 1);

    // Custody status is EID's: taken. Nationality was empty: filled. Date of birth differs: kept, logged.
    CHECK(text(database, QStringLiteral("SELECT custody_status FROM legal.cases WHERE id = '%1'").arg(world.anaCase)) == QStringLiteral("detained"));
    CHECK(text(database, QStringLiteral("SELECT custody_status FROM legal.cases WHERE id = '%1'").arg(world.benCase)) == QStringLiteral("detained"));
    CHECK(text(database, QStringLiteral("SELECT nationality || ' ' || date_of_birth || ' ' || family_name FROM core.people WHERE id = '%1'")
                             .arg(world.ana)) == QStringLiteral("MX 1980-03-15 Example"));
    CHECK(text(database, QStringLiteral("SELECT concat_ws('|', source, table_name, column_name, held_value, offered_value, "
                                        "coalesce(authoritative_source, '-'), line) FROM imports.source_conflicts WHERE record_id = '%1'")
                             .arg(world.ana)) == QStringLiteral("EID|core.people|date_of_birth|1980-03-15|1980-03-16|-|2"));
    // What EID sent is kept as received, the unknown subject too (for create-from-import).
    CHECK(text(database, QStringLiteral("SELECT coalesce(person_id::text, 'none') || ' ' || detention_facility FROM imports.eid_subjects "
                                        "WHERE subject_id = '5002'")) == QStringLiteral("none Prairieland"));
    CHECK(text(database, QStringLiteral("SELECT person_id FROM imports.eid_subjects WHERE subject_id = '5001'")) == world.ana);
    CHECK(text(database, QStringLiteral("SELECT system || ' ' || file_name || ' ' || lines || ' ' || loaded || ' ' || imported_by "
                                        "FROM imports.imported_files")) ==
          QStringLiteral("EID eid-2026-11-30.csv 2 2 %1").arg(world.login("import")));
    // Every change audited with the system as its source.
    CHECK(count(database, QStringLiteral("SELECT count(*) FROM audit.events WHERE table_name = 'legal.cases' AND record_id = '%1' "
                                         "AND action = 'update' AND source = 'system:EID' AND changes LIKE '%%custody_status%%'")
                              .arg(world.anaCase)) == 1);
    CHECK(count(database, QStringLiteral("SELECT count(*) FROM audit.events WHERE table_name = 'core.people' AND record_id = '%1' "
                                         "AND action = 'update' AND source = 'system:EID' AND changes LIKE '%%nationality%%'")
                              .arg(world.ana)) == 1);
    CHECK(count(database, QStringLiteral("SELECT count(*) FROM audit.events WHERE record_id IN ('%1', '%2') AND action = 'update' "
                                         "AND source <> 'system:EID'").arg(world.ana, world.anaCase)) == 0);

    // Users cannot edit the EID-authoritative column, even claiming to be the system.
    const QString release = QStringLiteral("UPDATE legal.cases SET custody_status = 'released' WHERE id = '%1'").arg(world.anaCase);
    const test::LoginOutcome user = test::runAs(database.settingsFor(world.login("attorney"), kPassword), {release});
    REQUIRE(user.connected);
    CHECK_FALSE(user.ok);
    CHECK(user.error.userMessage == QStringLiteral("Custody status comes from EID and cannot be changed here. Ask an administrator to "
                                                   "correct it, or have EID corrected."));
    CHECK_FALSE(test::runAs(database.settingsFor(world.login("attorney"), kPassword),
                            {QStringLiteral("SELECT set_config('ocms.source', 'system:EID', false)"), release}).ok);
    CHECK(text(database, QStringLiteral("SELECT custody_status FROM legal.cases WHERE id = '%1'").arg(world.anaCase)) == QStringLiteral("detained"));
}

TEST_CASE("EID never overwrites the A-Number, whose source is EOIR: the conflict is logged", "[integration][imports][eid]")
{
    TestDatabase database;
    const World world = makeWorld(database);
    // Day one: EID's subject 6001 is Ana, by her A-Number.
    REQUIRE(importAs(database, world.login("import"), kHeader + "6001,123456789,EXAMPLE,ANA,1980-03-15,,F,,,,,,,detained\n").has_value());
    // Day two: EID holds another A-Number for the same subject.
    auto report = importAs(database, world.login("import"), kHeader + "6001,555666777,EXAMPLE,ANA,1980-03-15,,F,,,,,,,released\n",
                           QStringLiteral("eid-2026-12-01.csv"));
    INFO((report ? QString() : report.error().describe()).toStdString());
    REQUIRE(report.has_value());
    CHECK(report->matched == 1);
    CHECK(report->conflicts == 1);
    CHECK(text(database, QStringLiteral("SELECT a_number FROM core.people WHERE id = '%1'").arg(world.ana)) == QStringLiteral("123456789"));
    CHECK(text(database, QStringLiteral("SELECT a_number FROM legal.cases WHERE id = '%1'").arg(world.anaCase)) == QStringLiteral("123456789"));
    CHECK(text(database, QStringLiteral("SELECT concat_ws('|', column_name, held_value, offered_value, authoritative_source) "
                                        "FROM imports.source_conflicts WHERE record_id = '%1'").arg(world.ana)) ==
          QStringLiteral("a_number|123456789|555666777|EOIR"));
    // Custody status still follows EID, on the case of the A-Number OCMS holds.
    CHECK(text(database, QStringLiteral("SELECT custody_status FROM legal.cases WHERE id = '%1'").arg(world.anaCase)) == QStringLiteral("released"));
    // Even the import role cannot write the A-Number as EID.
    CHECK_FALSE(test::runAs(database.settingsFor(world.login("import"), kPassword),
                            {QStringLiteral("SELECT set_config('ocms.source', 'system:EID', false)"),
                             QStringLiteral("UPDATE core.people SET a_number = '555666777' WHERE id = '%1'").arg(world.ana)}).ok);
}

TEST_CASE("A new name for a known person from EID becomes an alias, the name stays", "[integration][imports][eid]")
{
    TestDatabase database;
    const World world = makeWorld(database);
    auto report = importAs(database, world.login("import"),
                           kHeader + "7001,123456789,EJEMPLO,ANA,1980-03-15,,F,,,,,,,not_detained\n"
                                     "7002,234567891,sample,ben,1975-07-01,,M,,,,,,,detained\n");
    INFO((report ? QString() : report.error().describe()).toStdString());
    REQUIRE(report.has_value());
    CHECK(report->aliasesAdded == 1);
    CHECK(text(database, QStringLiteral("SELECT family_name || ', ' || given_name FROM core.people WHERE id = '%1'").arg(world.ana)) ==
          QStringLiteral("Example, Ana"));
    CHECK(text(database, QStringLiteral("SELECT family_name || ', ' || given_name || ' ' || source FROM core.person_aliases "
                                        "WHERE person_id = '%1'").arg(world.ana)) == QStringLiteral("EJEMPLO, ANA system:EID"));
    CHECK(count(database, QStringLiteral("SELECT count(*) FROM core.person_aliases WHERE person_id = '%1'").arg(world.ben)) == 0);
    CHECK(count(database, QStringLiteral("SELECT count(*) FROM audit.events WHERE table_name = 'core.person_aliases' AND action = 'insert' "
                                         "AND source = 'system:EID'")) == 1);
    // The same name again the next day adds nothing.
    auto again = importAs(database, world.login("import"), kHeader + "7001,123456789,Ejemplo,Ana,1980-03-15,,F,,,,,,,not_detained\n",
                          QStringLiteral("next-day.csv"));
    REQUIRE(again.has_value());
    CHECK(again->aliasesAdded == 0);
    CHECK(count(database, QStringLiteral("SELECT count(*) FROM core.person_aliases WHERE person_id = '%1'").arg(world.ana)) == 1);
}

TEST_CASE("An EID file is imported once: the same file again is refused and changes nothing", "[integration][imports][eid]")
{
    TestDatabase database;
    const World world = makeWorld(database);
    const QByteArray file = kHeader + "8001,123456789,EJEMPLO,ANA,1980-03-15,,F,,,,,,,detained\n";
    REQUIRE(importAs(database, world.login("import"), file).has_value());
    const QString state = QStringLiteral("SELECT (SELECT count(*) FROM audit.events) || '/' || (SELECT count(*) FROM core.person_aliases) "
                                         "|| '/' || (SELECT count(*) FROM imports.source_conflicts) || '/' || "
                                         "(SELECT max(received_at)::text FROM imports.eid_subjects)");
    // Someone changes the case meanwhile (an administrator's correction), so a repeat would show.
    database.exec(QStringLiteral("UPDATE legal.cases SET custody_status = 'unknown' WHERE id = '%1'").arg(world.anaCase));
    const QString before = text(database, state);

    auto again = importAs(database, world.login("import"), file, QStringLiteral("renamed-copy.csv"));
    REQUIRE_FALSE(again.has_value());
    CHECK(again.error().code == ErrorCode::Conflict);
    CHECK(again.error().userMessage.startsWith(QStringLiteral("renamed-copy.csv was imported before, on ")));
    CHECK(again.error().userMessage.contains(QStringLiteral("by %1 (as eid-2026-11-30.csv)").arg(world.login("import"))));
    CHECK(again.error().userMessage.endsWith(QStringLiteral("nothing was loaded.")));
    CHECK(text(database, QStringLiteral("SELECT custody_status FROM legal.cases WHERE id = '%1'").arg(world.anaCase)) == QStringLiteral("unknown"));
    CHECK(count(database, QStringLiteral("SELECT count(*) FROM imports.imported_files")) == 1);
    CHECK(text(database, state) == before);

    // The server refuses it too, whatever a client does: the hash is checked again when merging.
    const QString sha = text(database, QStringLiteral("SELECT sha256 FROM imports.imported_files"));
    const test::LoginOutcome direct = test::runAs(database.settingsFor(world.login("import"), kPassword),
                                                  {QStringLiteral("CREATE TEMP TABLE eid_import (LIKE imports.eid_line)"),
                                                   QStringLiteral("SELECT * FROM imports.merge_eid('%1', 'x.csv', 0, 0)").arg(sha)});
    REQUIRE(direct.connected);
    CHECK_FALSE(direct.ok);
    CHECK(direct.error.code == ErrorCode::Conflict);
    CHECK(direct.error.userMessage.contains(QStringLiteral("A file is imported only once; nothing was loaded.")));
    CHECK(text(database, state) == before);
    CHECK(count(database, QStringLiteral("SELECT count(*) FROM core.person_aliases")) == 1);
}

TEST_CASE("Rejected EID lines are reported with their line numbers and reasons, the good ones load", "[integration][imports][eid]")
{
    TestDatabase database;
    const World world = makeWorld(database);
    const QByteArray good = "9001,123456789,EXAMPLE,ANA,1980-03-15,,F,,,,,,,detained\n";
    const QByteArray file = kHeader + good                                          // line 2
        + "9002,12345,SHORT,ANUMBER,,,,,,,,,,detained\n"                            // 3: A-Number
        + "9003,234567891,TOO,FEW,,,,detained\n"                                    // 4: column count
        + "9004,234567891,M\xFC" "LLER,BEN,,,,,,,,,,detained\n"                     // 5: Latin-1, not UTF-8
        + good                                                                      // 6: the same line again
        + "9005,234567891,SAMPLE,BEN,1975-07-01,,M,,,,,,,relea";                    // 7: cut off
    auto report = importAs(database, world.login("import"), file);
    INFO((report ? QString() : report.error().describe()).toStdString());
    REQUIRE(report.has_value());
    CHECK(report->committed);
    CHECK(report->linesRead == 6);
    CHECK(report->staged == 1);
    REQUIRE(report->rejected.size() == 5);
    CHECK(report->rejected[0].line == 3);
    CHECK(report->rejected[0].reason.startsWith(QStringLiteral("a_number \"12345\": An A-Number has eight or nine digits")));
    CHECK(report->rejected[1].line == 4);
    CHECK(report->rejected[1].reason == QStringLiteral("the line has 8 fields, the header 14"));
    CHECK(report->rejected[2].line == 5);
    CHECK(report->rejected[2].reason == QStringLiteral("the line is not valid UTF-8 text"));
    CHECK(report->rejected[3].line == 6);
    CHECK(report->rejected[3].reason == QStringLiteral("the line repeats line 2"));
    CHECK(report->rejected[4].line == 7);
    CHECK(report->rejected[4].reason.startsWith(QStringLiteral("the file ends inside this line")));
    CHECK(count(database, QStringLiteral("SELECT count(*) FROM imports.eid_subjects")) == 1);
    CHECK(text(database, QStringLiteral("SELECT custody_status FROM legal.cases WHERE id = '%1'").arg(world.benCase)) == QStringLiteral("detained"));
    CHECK(text(database, QStringLiteral("SELECT lines || ' ' || rejected || ' ' || loaded FROM imports.imported_files")) ==
          QStringLiteral("6 5 1"));
}

TEST_CASE("A server error during the EID merge rolls the whole file back", "[integration][imports][eid]")
{
    TestDatabase database;
    const World world = makeWorld(database);
    // The last step of the merge fails on the second subject, after the cases, people and aliases were written.
    database.exec(QStringLiteral(
        "CREATE FUNCTION public.eid_test_fail() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        "IF NEW.subject_id = '9902' THEN RAISE EXCEPTION 'disk full (simulated)'; END IF; RETURN NEW; END $$"));
    database.exec(QStringLiteral("CREATE TRIGGER eid_test_fail BEFORE INSERT ON imports.eid_subjects FOR EACH ROW "
                                 "EXECUTE FUNCTION public.eid_test_fail()"));
    const QByteArray file = kHeader + "9901,123456789,EJEMPLO,ANA,1980-03-16,MX,F,,,,,,,detained\n"
                                      "9902,234567891,SAMPLE,BEN,1975-07-01,,M,,,,,,,released\n";
    const int auditBefore = count(database, QStringLiteral("SELECT count(*) FROM audit.events"));
    auto failed = importAs(database, world.login("import"), file);
    REQUIRE_FALSE(failed.has_value());
    CHECK(failed.error().userMessage.contains(QStringLiteral("Nothing of the file was loaded.")));
    CHECK(text(database, QStringLiteral("SELECT custody_status FROM legal.cases WHERE id = '%1'").arg(world.anaCase)) == QStringLiteral("not_detained"));
    CHECK(text(database, QStringLiteral("SELECT custody_status FROM legal.cases WHERE id = '%1'").arg(world.benCase)) == QStringLiteral("detained"));
    CHECK(text(database, QStringLiteral("SELECT coalesce(nationality, 'none') FROM core.people WHERE id = '%1'").arg(world.ana)) ==
          QStringLiteral("none"));
    CHECK(count(database, QStringLiteral("SELECT count(*) FROM core.person_aliases")) == 0);
    CHECK(count(database, QStringLiteral("SELECT count(*) FROM imports.source_conflicts")) == 0);
    CHECK(count(database, QStringLiteral("SELECT count(*) FROM imports.eid_subjects")) == 0);
    CHECK(count(database, QStringLiteral("SELECT count(*) FROM imports.imported_files")) == 0);
    CHECK(count(database, QStringLiteral("SELECT count(*) FROM audit.events")) == auditBefore);

    // Nothing was recorded, so the same file goes through once the fault is gone.
    database.exec(QStringLiteral("DROP TRIGGER eid_test_fail ON imports.eid_subjects"));
    auto retried = importAs(database, world.login("import"), file);
    INFO((retried ? QString() : retried.error().describe()).toStdString());
    REQUIRE(retried.has_value());
    CHECK(retried->casesChanged == 2);
    CHECK(retried->aliasesAdded == 1);
}

TEST_CASE("Only the import role imports EID extracts", "[integration][imports][eid]")
{
    TestDatabase database;
    const World world = makeWorld(database);
    auto refused = importAs(database, world.login("attorney"), kHeader + "1,123456789,EXAMPLE,ANA,,,,,,,,,,released\n");
    REQUIRE_FALSE(refused.has_value());
    CHECK(refused.error().code == ErrorCode::PermissionDenied);
    CHECK(refused.error().userMessage == QStringLiteral("Importing an EID extract needs the import role (ocms_import)."));
    const test::LoginOutcome direct = test::runAs(database.settingsFor(world.login("attorney"), kPassword),
                                                  {QStringLiteral("CREATE TEMP TABLE eid_import (LIKE imports.eid_line)"),
                                                   QStringLiteral("SELECT * FROM imports.merge_eid(repeat('a', 64), 'x.csv', 0, 0)")});
    CHECK_FALSE(direct.ok);
    CHECK(text(database, QStringLiteral("SELECT custody_status FROM legal.cases WHERE id = '%1'").arg(world.anaCase)) == QStringLiteral("not_detained"));
}

TEST_CASE("ocmsctl seed eid-extract writes a sample that ocmsctl import eid loads once", "[integration][imports][eid]")
{
    TestDatabase database;
    QTemporaryDir folder;
    REQUIRE(folder.isValid());
    const QString sample = folder.filePath(QStringLiteral("eid-sample.csv"));
    const auto ocmsctl = [](const QStringList& arguments) {
        QProcess process;
        process.start(QStringLiteral(OCMSCTL_PATH), arguments);
        REQUIRE(process.waitForFinished(120000));
        return std::tuple{process.exitCode(), QString::fromUtf8(process.readAllStandardOutput()),
                          QString::fromUtf8(process.readAllStandardError())};
    };
    auto [seeded, seedOut, seedErr] = ocmsctl({QStringLiteral("seed"), QStringLiteral("eid-extract"), QStringLiteral("--lines"),
                                               QStringLiteral("50"), QStringLiteral("-o"), sample});
    INFO(seedErr.toStdString());
    REQUIRE(seeded == 0);
    CHECK(seedOut.contains(QStringLiteral("wrote 50 synthetic EID extract lines")));

    auto [first, firstOut, firstErr] = ocmsctl({QStringLiteral("--db"), database.ownerConnInfo(), QStringLiteral("import"),
                                                QStringLiteral("eid"), sample});
    INFO(firstErr.toStdString());
    CHECK(first == 0);
    CHECK(firstOut.startsWith(QStringLiteral("EID extract imported: 50 lines, 50 merged (0 matched to people OCMS knows, 50 not known)")));
    CHECK(database.scalar(QStringLiteral("SELECT count(*) FROM imports.eid_subjects")).toInt() == 50);

    auto [second, secondOut, secondErr] = ocmsctl({QStringLiteral("--db"), database.ownerConnInfo(), QStringLiteral("import"),
                                                   QStringLiteral("eid"), sample});
    CHECK(second == 1);
    CHECK(secondErr.contains(QStringLiteral("eid-sample.csv was imported before")));

    const QString damaged = folder.filePath(QStringLiteral("eid-damaged.csv"));
    QFile file(damaged);
    REQUIRE(file.open(QIODevice::WriteOnly));
    file.write(EidExtractWriter::header() + "77,345678912,CUT,OFF,1980-01-01,MX,F,,,,,,,detained\n" + "78,12,BAD,ANUMBER,,,,,,,,,,detained\n");
    file.close();
    auto [third, thirdOut, thirdErr] = ocmsctl({QStringLiteral("--db"), database.ownerConnInfo(), QStringLiteral("import"),
                                                QStringLiteral("eid"), damaged});
    CHECK(third == 3);
    CHECK(thirdErr.contains(QStringLiteral("line 3: a_number \"12\"")));
    CHECK(thirdOut.contains(QStringLiteral("1 rejected")));
}
