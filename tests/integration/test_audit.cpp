#include "audit/auditchainverifier.h"
#include "db/database.h"
#include "loginsession.h"
#include "testdatabase.h"

#include <QCoreApplication>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QThread>
#include <QUuid>

#include "catchqt.h"

using namespace ocms;
using ocms::test::TestDatabase;

namespace {

const QString kPassword = QStringLiteral("audit-password-1");

QString uuid()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

struct AuditWorld
{
    QString attorney, admin, office = uuid(), division = uuid();
};

AuditWorld makeWorld(TestDatabase& database)
{
    AuditWorld world;
    const QString prefix = QStringLiteral("a%1_%2_").arg(QCoreApplication::applicationPid()).arg(database.name().section(u'_', -1));
    world.attorney = prefix + QStringLiteral("attorney");
    world.admin = prefix + QStringLiteral("admin");
    database.exec(QStringLiteral("INSERT INTO core.offices (id, code, name, kind) VALUES ('%1', 'OCC-A', 'A', 'chief_counsel')").arg(world.office));
    database.exec(QStringLiteral("INSERT INTO core.divisions (id, code, name) VALUES ('%1', 'ILP', 'I')").arg(world.division));
    database.exec(QStringLiteral("SELECT core.create_login('%1', '%2', 'Audit Attorney', '{ocms_attorney}', 'OCC-A', '{ILP}')")
                      .arg(world.attorney, kPassword));
    database.exec(QStringLiteral("SELECT core.create_login('%1', '%2', 'Audit Admin', '{ocms_admin}', 'OCC-A', '{}')")
                      .arg(world.admin, kPassword));
    return world;
}

// Runs statements as a login; returns the server's error text (empty when all succeeded).
QString runAs(TestDatabase& database, const QString& login, const QStringList& statements)
{
    const test::LoginOutcome outcome = test::runAs(database.settingsFor(login, kPassword), statements);
    REQUIRE(outcome.connected);
    return outcome.ok ? QString() : outcome.serverText;
}

QString insertCase(const AuditWorld& world, const QString& id, const QString& aNumber)
{
    return QStringLiteral("INSERT INTO legal.cases (id, category, case_type, forum, a_number, title, office_id, division_id) "
                          "VALUES ('%1', 'immigration', 'removal', 'immigration_court', '%2', 'Matter of A', '%3', '%4')")
        .arg(id, aNumber, world.office, world.division);
}

AuditVerification verify(TestDatabase& database, const std::optional<AuditCheckpoint>& checkpoint = std::nullopt)
{
    AuditChainVerifier verifier(database.connection());
    auto report = verifier.verify(checkpoint);
    REQUIRE(report.has_value());
    return *report;
}

// Seals until every row is in the chain. Transaction ids are cluster-wide, so a transaction still open in
// another test's database holds the sealing horizon back for a moment: wait it out.
void sealAll(TestDatabase& database)
{
    for (int attempt = 0; attempt < 100; ++attempt) {
        auto sealed = AuditChainVerifier(database.connection()).seal();
        REQUIRE(sealed.has_value());
        if (database.scalar(QStringLiteral("SELECT count(*) FROM audit.events WHERE seal_seq IS NULL")).toInt() == 0) {
            return;
        }
        QThread::msleep(100);
    }
    FAIL("audit rows stayed unsealed for 10 seconds");
}

} // namespace

TEST_CASE("Every change is recorded with old and new values, the database user and the source", "[integration][audit]")
{
    TestDatabase database;
    const AuditWorld world = makeWorld(database);
    const QString id = uuid();
    REQUIRE(runAs(database, world.attorney,
                  {QStringLiteral("SELECT set_config('ocms.client_host', 'workstation-7', false)"), insertCase(world, id, QStringLiteral("208431775")),
                   QStringLiteral("UPDATE legal.cases SET title = 'Matter of B', status = 'pending_appeal' WHERE id = '%1'").arg(id)})
                .isEmpty());
    const QString events = QStringLiteral("SELECT action || ' ' || db_user || ' ' || source || ' ' || coalesce(client_host, '-') || ' ' || "
                                          "(changes::jsonb -> 'title')::text FROM audit.events WHERE record_id = '%1' ORDER BY id").arg(id);
    QSqlQuery query(database.connection());
    REQUIRE(query.exec(events));
    QStringList rows;
    while (query.next()) {
        rows.append(query.value(0).toString());
    }
    REQUIRE(rows.size() == 2);
    CHECK(rows[0] == QStringLiteral("insert %1 manual workstation-7 [null, \"Matter of A\"]").arg(world.attorney));
    CHECK(rows[1] == QStringLiteral("update %1 manual workstation-7 [\"Matter of A\", \"Matter of B\"]").arg(world.attorney));
    // Only what changed, not bookkeeping columns.
    CHECK(database.scalar(QStringLiteral("SELECT array_to_string(ARRAY(SELECT jsonb_object_keys(changes::jsonb) ORDER BY 1), ',') "
                                         "FROM audit.events WHERE record_id = '%1' AND action = 'update'").arg(id))
              .toString() == QStringLiteral("status,title"));
}

TEST_CASE("Inserted and deleted rows are audited with every value, whatever characters the values hold", "[integration][audit]")
{
    TestDatabase database;
    const AuditWorld world = makeWorld(database);
    const QString caseId = uuid();
    // Values that look like the seams of the JSON text the audit row is made of, quotes and backslashes.
    const QStringList awkward = {QStringLiteral(", "), QStringLiteral(": "), QStringLiteral("a\": \"b\", \"c"), QStringLiteral("ends with \\"),
                                 QStringLiteral("\", "), QStringLiteral("}"), QStringLiteral("\"}"), QStringLiteral("line\nnext \u00e9 \t"),
                                 QStringLiteral("Room 4, east: wing"), QString()};
    QStringList statements = {insertCase(world, caseId, QStringLiteral("208431776"))};
    QStringList ids;
    for (const QString& room : awkward) {
        ids.append(uuid());
        statements.append(QStringLiteral("INSERT INTO legal.hearings (id, case_id, hearing_type, scheduled_at, courtroom) "
                                         "VALUES ('%1', '%2', 'individual', '2026-12-01 09:00Z', %3)")
                              .arg(ids.last(), caseId, room.isNull() ? QStringLiteral("NULL") : QStringLiteral("$q$%1$q$").arg(room)));
    }
    REQUIRE(runAs(database, world.attorney, statements).isEmpty());
    // Users never delete hearings; the owner may, and is audited like anyone.
    database.exec(QStringLiteral("DELETE FROM legal.hearings WHERE case_id = '%1'").arg(caseId));

    // The stored text is jsonb's own text of the same pairs, and each pair holds the value written.
    for (const QString& action : {QStringLiteral("insert"), QStringLiteral("delete")}) {
        const int side = action == u"insert" ? 1 : 0;
        QSqlQuery query(database.connection());
        REQUIRE(query.exec(QStringLiteral("SELECT e.record_id::text, e.changes, "
                                          "       (SELECT jsonb_object_agg(k.key, CASE WHEN %2 = 1 THEN jsonb_build_array(NULL::text, k.value) "
                                          "                                            ELSE jsonb_build_array(k.value, NULL::text) END)::text "
                                          "        FROM jsonb_each_text(e.changes::jsonb) c(key, pair) "
                                          "        CROSS JOIN LATERAL (SELECT c.key, c.pair::jsonb ->> %2) k(key, value)), "
                                          "       e.changes::jsonb -> 'courtroom' ->> %2 "
                                          "FROM audit.events e WHERE e.table_name = 'legal.hearings' AND e.action = '%1' "
                                          "AND e.record_id = ANY ('{%3}'::uuid[])")
                               .arg(action).arg(side).arg(ids.join(u','))));
        int rows = 0;
        while (query.next()) {
            ++rows;
            const int index = ids.indexOf(query.value(0).toString());
            REQUIRE(index >= 0);
            INFO(action.toStdString() << " of room " << awkward[index].toStdString() << ": " << query.value(1).toString().toStdString());
            // Every pair is [null, value] (insert) or [value, null] (delete), and the text is jsonb's own.
            CHECK(query.value(1).toString() == query.value(2).toString());
            CHECK(query.value(3).toString() == awkward[index]);
            CHECK(query.value(3).isNull() == awkward[index].isNull());
        }
        CHECK(rows == awkward.size());
    }
    // A delete records the old row (it used to record no values at all).
    CHECK(database.scalar(QStringLiteral("SELECT count(*) FROM audit.events WHERE action = 'delete' AND table_name = 'legal.hearings' "
                                         "AND changes::jsonb -> 'case_id' ->> 0 = '%1' AND changes::jsonb -> 'hearing_type' = '[\"individual\", null]'")
                              .arg(caseId))
              .toInt() == awkward.size());
    sealAll(database);
    CHECK(verify(database).intact);
}

TEST_CASE("A bulk update is audited row by row with the batch id and system source", "[integration][audit]")
{
    TestDatabase database;
    const AuditWorld world = makeWorld(database);
    const QString id = uuid();
    QStringList statements = {insertCase(world, id, QStringLiteral("111222333"))};
    for (int i = 0; i < 40; ++i) {
        statements.append(QStringLiteral("INSERT INTO legal.hearings (id, case_id, hearing_type, scheduled_at, courtroom) "
                                         "VALUES ('%1', '%2', 'individual', '2026-12-01 09:00Z', 'Room %3')").arg(uuid(), id).arg(i));
    }
    REQUIRE(runAs(database, world.attorney, statements).isEmpty());
    const QString batch = uuid();
    database.exec(QStringLiteral("SELECT set_config('ocms.source', 'system:eoir', false), set_config('ocms.batch_id', '%1', false)").arg(batch));
    database.exec(QStringLiteral("UPDATE legal.hearings SET courtroom = courtroom || 'B'"));
    CHECK(database.scalar(QStringLiteral("SELECT count(*) FROM audit.events WHERE action = 'update' AND batch_id = '%1' "
                                         "AND source = 'system:eoir' AND table_name = 'legal.hearings'").arg(batch)).toInt() == 40);
    // Each row carries its own old and new value.
    CHECK(database.scalar(QStringLiteral("SELECT count(*) FROM audit.events WHERE batch_id = '%1' "
                                         "AND changes::jsonb -> 'courtroom' ->> 1 <> (changes::jsonb -> 'courtroom' ->> 0) || 'B'").arg(batch)).toInt() == 0);
    CHECK(database.scalar(QStringLiteral("SELECT count(DISTINCT changes::jsonb -> 'courtroom' ->> 0) FROM audit.events "
                                         "WHERE batch_id = '%1'").arg(batch)).toInt() == 40);
}

TEST_CASE("No role can change or delete audit rows, the owner included", "[integration][audit]")
{
    TestDatabase database;
    const AuditWorld world = makeWorld(database);
    REQUIRE(runAs(database, world.attorney, {insertCase(world, uuid(), QStringLiteral("123123123"))}).isEmpty());
    CHECK(runAs(database, world.admin, {QStringLiteral("UPDATE audit.events SET source = 'x'")}).contains(QStringLiteral("permission denied")));
    CHECK(runAs(database, world.admin, {QStringLiteral("DELETE FROM audit.events")}).contains(QStringLiteral("permission denied")));
    CHECK(runAs(database, world.attorney, {QStringLiteral("SELECT count(*) FROM audit.events")}).contains(QStringLiteral("permission denied")));
    CHECK(runAs(database, world.admin, {QStringLiteral("SELECT count(*) FROM audit.events")}).isEmpty());

    for (const char* sql : {"UPDATE audit.events SET source = 'forged'", "DELETE FROM audit.events", "TRUNCATE audit.events"}) {
        QSqlQuery query(database.connection());
        INFO(sql);
        CHECK_FALSE(query.exec(QString::fromLatin1(sql)));
        CHECK(query.lastError().databaseText().contains(QStringLiteral("append-only")));
    }
}

TEST_CASE("A record view is audited in the same call that reads it", "[integration][audit]")
{
    TestDatabase database;
    const AuditWorld world = makeWorld(database);
    const QString id = uuid();
    const QString error = runAs(database, world.attorney, {insertCase(world, id, QStringLiteral("321321321")),
                                                           QStringLiteral("SELECT * FROM legal.read_case('%1')").arg(id),
                                                           QStringLiteral("SELECT audit.record_logon()")});
    INFO(error.toStdString());
    REQUIRE(error.isEmpty());
    CHECK(database.scalar(QStringLiteral("SELECT count(*) FROM audit.events WHERE action = 'view' AND record_id = '%1' "
                                         "AND db_user = '%2'").arg(id, world.attorney)).toInt() == 1);
    CHECK(database.scalar(QStringLiteral("SELECT count(*) FROM audit.events WHERE action = 'logon' AND db_user = '%1'")
                              .arg(world.attorney)).toInt() == 1);
}

TEST_CASE("Sealing never skips a row committed late by a long transaction", "[integration][audit]")
{
    TestDatabase database;
    const AuditWorld world = makeWorld(database);
    const QString early = uuid();
    const QString late = uuid();
    const QString name = QStringLiteral("long-transaction");
    {
        auto longRunning = Database::open(database.settingsFor(world.attorney, kPassword), name);
        REQUIRE(longRunning.has_value());
        QSqlQuery open(*longRunning);
        REQUIRE(open.exec(QStringLiteral("BEGIN")));
        REQUIRE(open.exec(insertCase(world, early, QStringLiteral("444555666"))));   // lower audit id, uncommitted
        REQUIRE(runAs(database, world.attorney, {insertCase(world, late, QStringLiteral("777888999"))}).isEmpty());
        REQUIRE(AuditChainVerifier(database.connection()).seal().has_value());
        // The committed row waits: a transaction that began before it is still open and may commit
        // rows with lower ids; sealing past them would leave them out of the chain.
        CHECK(database.scalar(QStringLiteral("SELECT seal_seq IS NULL FROM audit.events WHERE record_id = '%1'").arg(late)).toBool());
        REQUIRE(open.exec(QStringLiteral("COMMIT")));
    }
    Database::close(name);
    CHECK(database.scalar(QStringLiteral("SELECT count(*) FROM audit.events WHERE record_id IN ('%1', '%2') AND seal_seq IS NULL")
                              .arg(early, late)).toInt() == 2);
    sealAll(database);
    const AuditVerification report = verify(database);
    CHECK(report.intact);
    CHECK(report.rowsChecked == database.scalar(QStringLiteral("SELECT count(*) FROM audit.events")).toLongLong());
}

TEST_CASE("audit verify catches every kind of tampering by a superuser", "[integration][audit]")
{
    TestDatabase database;
    const AuditWorld world = makeWorld(database);
    QStringList statements;
    for (int i = 0; i < 20; ++i) {
        statements.append(insertCase(world, uuid(), QStringLiteral("5%1").arg(i, 8, 10, QChar(u'0'))));
    }
    REQUIRE(runAs(database, world.attorney, statements).isEmpty());
    sealAll(database);
    const AuditVerification clean = verify(database);
    REQUIRE(clean.intact);
    REQUIRE(clean.rowsChecked >= 20);
    const qint64 middle = database.scalar(QStringLiteral("SELECT id FROM audit.events WHERE seal_seq = 10")).toLongLong();
    // A superuser can switch triggers off; the chain still tells.
    database.exec(QStringLiteral("SET session_replication_role = replica"));

    SECTION("an edited row")
    {
        database.exec(QStringLiteral("UPDATE audit.events SET db_user = 'someone_else' WHERE id = %1").arg(middle));
        const AuditVerification report = verify(database);
        CHECK_FALSE(report.intact);
        CHECK(report.brokenSeal == 10);
        CHECK(report.brokenEventId == middle);
        CHECK(report.problem.contains(QStringLiteral("was changed after it was sealed")));
    }
    SECTION("a deleted row")
    {
        database.exec(QStringLiteral("DELETE FROM audit.events WHERE id = %1").arg(middle));
        const AuditVerification report = verify(database);
        CHECK_FALSE(report.intact);
        CHECK(report.brokenSeal == 10);
        CHECK(report.problem.contains(QStringLiteral("missing (deleted)")));
    }
    SECTION("the last rows deleted")
    {
        database.exec(QStringLiteral("DELETE FROM audit.events WHERE seal_seq >= %1").arg(clean.headSeal - 1));
        const AuditVerification report = verify(database);
        CHECK_FALSE(report.intact);
        CHECK(report.problem.contains(QStringLiteral("rows deleted")));
    }
    SECTION("two rows swapped")
    {
        database.exec(QStringLiteral("UPDATE audit.events SET seal_seq = -seal_seq WHERE seal_seq IN (5, 6)"));
        database.exec(QStringLiteral("UPDATE audit.events SET seal_seq = CASE seal_seq WHEN -5 THEN 6 ELSE 5 END WHERE seal_seq IN (-5, -6)"));
        const AuditVerification report = verify(database);
        CHECK_FALSE(report.intact);
        CHECK(report.brokenSeal == 5);
    }
    SECTION("the whole chain rewritten, caught by the signed checkpoint")
    {
        QTemporaryDir directory;
        const QString key = directory.filePath(QStringLiteral("audit.key"));
        const QString file = directory.filePath(QStringLiteral("checkpoint.txt"));
        REQUIRE(AuditCheckpoint::generateKeys(key).has_value());
        auto head = AuditChainVerifier(database.connection()).head();
        REQUIRE(head.has_value());
        REQUIRE(head->writeSigned(file, key).has_value());

        // Rewrite one row and recompute every hash after it, chain head included: a consistent forgery.
        database.exec(QStringLiteral("UPDATE audit.events SET db_user = 'someone_else' WHERE id = %1").arg(middle));
        database.exec(QStringLiteral(
            "DO $$ DECLARE e audit.events; previous bytea := sha256(''::bytea); BEGIN "
            "FOR e IN SELECT * FROM audit.events WHERE seal_seq IS NOT NULL ORDER BY seal_seq LOOP "
            "  UPDATE audit.events SET prev_hash = previous, hash = sha256(previous || audit.row_bytes(e)) "
            "  WHERE id = e.id RETURNING hash INTO previous; END LOOP; "
            "UPDATE audit.chain_head SET hash = previous; END $$"));
        CHECK(verify(database).intact); // without the checkpoint the forgery passes

        auto checkpoint = AuditCheckpoint::readVerified(file, key + QStringLiteral(".pub"));
        REQUIRE(checkpoint.has_value());
        const AuditVerification report = verify(database, *checkpoint);
        CHECK_FALSE(report.intact);
        CHECK(report.problem.contains(QStringLiteral("signed checkpoint")));

        // And the checkpoint itself cannot be edited to match.
        QFile edit(file);
        REQUIRE(edit.open(QIODevice::ReadWrite));
        QByteArray text = edit.readAll();
        text.replace("seal ", "seal 1");
        edit.seek(0);
        edit.write(text);
        edit.close();
        const auto altered = AuditCheckpoint::readVerified(file, key + QStringLiteral(".pub"));
        REQUIRE_FALSE(altered.has_value());
        CHECK(altered.error().userMessage.contains(QStringLiteral("altered")));
    }
    database.exec(QStringLiteral("SET session_replication_role = origin"));
}

TEST_CASE("Administrators read the audit trail by user, record, table, time, source and action", "[integration][audit]")
{
    TestDatabase database;
    const AuditWorld world = makeWorld(database);
    const QString id = uuid();
    REQUIRE(runAs(database, world.attorney, {insertCase(world, id, QStringLiteral("864213579")),
                                             QStringLiteral("UPDATE legal.cases SET title = 'T2' WHERE id = '%1'").arg(id),
                                             QStringLiteral("SELECT * FROM legal.read_case('%1')").arg(id)}).isEmpty());
    const test::LoginOutcome history = test::runAs(
        database.settingsFor(world.admin, kPassword),
        {QStringLiteral("SELECT string_agg(action, ',' ORDER BY id) FROM audit.find_events(p_record => '%1')").arg(id)});
    REQUIRE(history.ok);
    CHECK(history.value.toString() == QStringLiteral("insert,update,view"));
    const test::LoginOutcome changes = test::runAs(
        database.settingsFor(world.admin, kPassword),
        {QStringLiteral("SELECT changes -> 'title' ->> 0 FROM audit.find_events(p_user => '%1', p_table => 'legal.cases', "
                        "p_action => 'update', p_from => now() - interval '1 hour', p_source => 'manual')").arg(world.attorney)});
    REQUIRE(changes.ok);
    CHECK(changes.value.toString() == QStringLiteral("Matter of A"));
    const test::LoginOutcome refused = test::runAs(database.settingsFor(world.attorney, kPassword),
                                                   {QStringLiteral("SELECT count(*) FROM audit.find_events()")});
    CHECK_FALSE(refused.ok);
}

TEST_CASE("Only a superuser can switch auditing off, and only for their own session", "[integration][audit]")
{
    TestDatabase database;
    const AuditWorld world = makeWorld(database);
    const QString id = uuid();
    // An ordinary user setting the switch is still audited.
    REQUIRE(runAs(database, world.attorney, {QStringLiteral("SET ocms.audit_off = on"), insertCase(world, id, QStringLiteral("975318642"))})
                .isEmpty());
    CHECK(database.scalar(QStringLiteral("SELECT count(*) FROM audit.events WHERE record_id = '%1'").arg(id)).toInt() == 1);
    database.exec(QStringLiteral("SET ocms.audit_off = on"));
    database.exec(QStringLiteral("UPDATE legal.cases SET title = 'Unaudited' WHERE id = '%1'").arg(id));
    database.exec(QStringLiteral("RESET ocms.audit_off"));
    CHECK(database.scalar(QStringLiteral("SELECT count(*) FROM audit.events WHERE record_id = '%1'").arg(id)).toInt() == 1);
}
