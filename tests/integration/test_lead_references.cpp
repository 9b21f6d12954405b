// Issue 7, migration 0030: the references of field.leads (fugitive, lead source, team, point of contact)
// are checked once per statement by triggers instead of per row by foreign keys. The same guarantees as
// the foreign keys: a lead naming a missing parent is refused, a parent still referenced cannot be deleted,
// renumbered or truncated away, a concurrent delete cannot slip past an insert, and the error names the key.
#include "db/scopedconnection.h"
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

const QString kPassword = QStringLiteral("lead-refs-password-1");

QString newId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

struct World
{
    QString prefix;
    QString office = newId(), team = newId(), source = newId(), spareSource = newId(), person = newId(), fugitive = newId();
    QString login(const char* key) const { return prefix + QString::fromLatin1(key); }
};

World makeWorld(TestDatabase& database)
{
    World world;
    world.prefix = QStringLiteral("r%1_%2_").arg(QCoreApplication::applicationPid()).arg(database.name().section(u'_', -1));
    database.exec(QStringLiteral("INSERT INTO core.offices (id, code, name, kind) VALUES ('%1', 'FO-POR', 'Portland', 'field_office')").arg(world.office));
    database.exec(QStringLiteral("SELECT core.create_login('%1', '%2', 'Officer Write', '{field_write}', 'FO-POR', '{}')")
                      .arg(world.login("write"), kPassword));
    database.exec(QStringLiteral("INSERT INTO field.teams (id, code, name, office_id) VALUES ('%1', 'POR-A', 'Team A', '%2')").arg(world.team, world.office));
    database.exec(QStringLiteral("INSERT INTO field.jurisdictions (zip, team_id) VALUES ('04101', '%1')").arg(world.team));
    database.exec(QStringLiteral("INSERT INTO field.lead_sources (id, code, name, kind) VALUES ('%1', 'ACME', 'Acme Data', 'commercial'), "
                                 "('%2', 'SPARE', 'Spare', 'tip')").arg(world.source, world.spareSource));
    database.exec(QStringLiteral("INSERT INTO core.people (id, family_name, given_name, a_number) VALUES ('%1', 'Example', 'Ana', '123456789')")
                      .arg(world.person));
    database.exec(QStringLiteral("INSERT INTO field.fugitives (id, person_id) VALUES ('%1', '%2')").arg(world.fugitive, world.person));
    return world;
}

QString insertLead(const QString& fugitive, const QString& source, const QString& id = newId())
{
    return QStringLiteral("INSERT INTO field.leads (id, fugitive_id, source_id, address_line1, address_zip) VALUES "
                          "('%1', '%2', '%3', '1 Harbor Rd', '04101')").arg(id, fugitive, source);
}

// Runs one statement on a connection; the server's full message (with its detail) when it fails.
struct Ran
{
    bool ok = false;
    QString state;
    QString text;
};

Ran run(QSqlDatabase& connection, const QString& sql)
{
    QSqlQuery query(connection);
    Ran ran;
    ran.ok = query.exec(sql);
    ran.state = query.lastError().nativeErrorCode();
    ran.text = query.lastError().databaseText();
    return ran;
}

} // namespace

TEST_CASE("A lead naming a missing fugitive, source, team or point of contact is refused, and the error names the key", "[integration][field]")
{
    TestDatabase database;
    const World world = makeWorld(database);

    // The foreign keys are gone: the triggers do their work.
    CHECK(database.scalar(QStringLiteral("SELECT count(*) FROM pg_constraint WHERE conrelid = 'field.leads'::regclass AND contype = 'f'")).toInt() == 0);

    // As an officer, through the server's checks and the client's translation.
    const QString ghost = newId();
    const test::LoginOutcome missingFugitive = test::runAs(database.settingsFor(world.login("write"), kPassword), {insertLead(ghost, world.source)});
    REQUIRE(missingFugitive.connected);
    CHECK_FALSE(missingFugitive.ok);
    CHECK(missingFugitive.error.userMessage == QStringLiteral("The record refers to something that does not exist or is still referred to."));
    CHECK(missingFugitive.serverText.contains(QStringLiteral("violates foreign key constraint \"leads_fugitive_id_fkey\"")));
    CHECK(missingFugitive.serverText.contains(QStringLiteral("Key (fugitive_id)=(%1) is not present in table \"fugitives\".").arg(ghost)));

    const test::LoginOutcome missingSource = test::runAs(database.settingsFor(world.login("write"), kPassword), {insertLead(world.fugitive, ghost)});
    CHECK_FALSE(missingSource.ok);
    CHECK(missingSource.serverText.contains(QStringLiteral("Key (source_id)=(%1) is not present in table \"lead_sources\".").arg(ghost)));

    // One bad row refuses the whole statement; the good rows are not kept.
    QSqlDatabase& owner = database.connection();
    const Ran mixed = run(owner, QStringLiteral("INSERT INTO field.leads (id, fugitive_id, source_id, address_line1, address_zip) "
                                                "SELECT gen_random_uuid(), CASE WHEN i = 7 THEN '%1'::uuid ELSE '%2'::uuid END, '%3', i || ' Harbor Rd', '04101' "
                                                "FROM generate_series(1, 50) i").arg(ghost, world.fugitive, world.source));
    CHECK_FALSE(mixed.ok);
    CHECK(mixed.state == QStringLiteral("23503"));
    CHECK(mixed.text.contains(QStringLiteral("Key (fugitive_id)=(%1)").arg(ghost)));
    CHECK(database.scalar(QStringLiteral("SELECT count(*) FROM field.leads")).toInt() == 0);

    // Good leads load; an update changing a reference is checked, one leaving them alone is not refused.
    const QString lead = newId();
    REQUIRE(run(owner, insertLead(world.fugitive, world.source, lead)).ok);
    CHECK(database.scalar(QStringLiteral("SELECT team_id::text FROM field.leads WHERE id = '%1'").arg(lead)).toString() == world.team);
    const Ran badPoc = run(owner, QStringLiteral("UPDATE field.leads SET poc_user_id = '%1' WHERE id = '%2'").arg(ghost, lead));
    CHECK_FALSE(badPoc.ok);
    // The point of contact is checked first, row by row, as an active field officer (0032): no such user is none.
    CHECK(badPoc.text.contains(QStringLiteral("must be an active field officer")));
    const Ran badTeam = run(owner, QStringLiteral("INSERT INTO field.leads (id, fugitive_id, source_id, address_zip, team_id, assigned_by) "
                                                  "VALUES (gen_random_uuid(), '%1', '%2', '04101', '%3', 'manual')").arg(world.fugitive, world.source, ghost));
    CHECK_FALSE(badTeam.ok);
    CHECK(badTeam.text.contains(QStringLiteral("Key (team_id)=(%1) is not present in table \"teams\".").arg(ghost)));
    const QString user = database.scalar(QStringLiteral("SELECT id::text FROM core.users WHERE login = '%1'").arg(world.login("write"))).toString();
    REQUIRE_FALSE(user.isEmpty());
    CHECK(run(owner, QStringLiteral("UPDATE field.leads SET poc_user_id = '%1' WHERE id = '%2'").arg(user, lead)).ok);
    CHECK(run(owner, QStringLiteral("UPDATE field.leads SET notes = 'seen' WHERE id = '%1'").arg(lead)).ok);
    const Ran badSource = run(owner, QStringLiteral("UPDATE field.leads SET source_id = '%1' WHERE id = '%2'").arg(ghost, lead));
    CHECK_FALSE(badSource.ok);
    CHECK(badSource.text.contains(QStringLiteral("leads_source_id_fkey")));
    CHECK(database.scalar(QStringLiteral("SELECT source_id::text FROM field.leads WHERE id = '%1'").arg(lead)).toString() == world.source);
}

TEST_CASE("A fugitive, lead source, team or user still referenced by a lead is not deleted, renumbered or truncated", "[integration][field]")
{
    TestDatabase database;
    const World world = makeWorld(database);
    QSqlDatabase& owner = database.connection();
    const QString lead = newId();
    REQUIRE(run(owner, insertLead(world.fugitive, world.source, lead)).ok);
    const QString user = database.scalar(QStringLiteral("SELECT id::text FROM core.users WHERE login = '%1'").arg(world.login("write"))).toString();
    REQUIRE(run(owner, QStringLiteral("UPDATE field.leads SET poc_user_id = '%1' WHERE id = '%2'").arg(user, lead)).ok);

    const Ran fugitive = run(owner, QStringLiteral("DELETE FROM field.fugitives WHERE id = '%1'").arg(world.fugitive));
    CHECK_FALSE(fugitive.ok);
    CHECK(fugitive.state == QStringLiteral("23503"));
    CHECK(fugitive.text.contains(QStringLiteral("update or delete on table \"fugitives\" violates foreign key constraint \"leads_fugitive_id_fkey\" on table \"leads\"")));
    CHECK(fugitive.text.contains(QStringLiteral("Key (id)=(%1) is still referenced from table \"leads\".").arg(world.fugitive)));

    const Ran source = run(owner, QStringLiteral("DELETE FROM field.lead_sources"));
    CHECK_FALSE(source.ok);
    CHECK(source.text.contains(QStringLiteral("Key (id)=(%1) is still referenced").arg(world.source)));
    CHECK(database.scalar(QStringLiteral("SELECT count(*) FROM field.lead_sources")).toInt() == 2);
    const Ran renumbered = run(owner, QStringLiteral("UPDATE field.lead_sources SET id = gen_random_uuid() WHERE id = '%1'").arg(world.source));
    CHECK_FALSE(renumbered.ok);
    CHECK(renumbered.text.contains(QStringLiteral("leads_source_id_fkey")));
    const Ran truncated = run(owner, QStringLiteral("TRUNCATE field.lead_sources"));
    CHECK_FALSE(truncated.ok);
    CHECK(truncated.text.contains(QStringLiteral("Table \"leads\" references \"lead_sources\".")));
    const Ran users = run(owner, QStringLiteral("DELETE FROM core.users WHERE id = '%1'").arg(user));
    CHECK_FALSE(users.ok);
    CHECK(users.state == QStringLiteral("23503"));

    // Renumbering an unreferenced source, deleting it, and deleting once the lead is gone all work.
    CHECK(run(owner, QStringLiteral("UPDATE field.lead_sources SET id = gen_random_uuid() WHERE id = '%1'").arg(world.spareSource)).ok);
    CHECK(run(owner, QStringLiteral("DELETE FROM field.lead_sources WHERE code = 'SPARE'")).ok);
    REQUIRE(run(owner, QStringLiteral("DELETE FROM field.leads WHERE id = '%1'").arg(lead)).ok);
    CHECK(run(owner, QStringLiteral("DELETE FROM field.lead_sources WHERE id = '%1'").arg(world.source)).ok);
}

TEST_CASE("A concurrent delete of a lead's parent cannot slip past the statement's check", "[integration][field]")
{
    TestDatabase database;
    const World world = makeWorld(database);
    {
        ScopedConnection first(database.ownerSettings(), QStringLiteral("lead-refs-first"));
        ScopedConnection second(database.ownerSettings(), QStringLiteral("lead-refs-second"));
        REQUIRE(first.ok());
        REQUIRE(second.ok());
        QSqlDatabase& a = first.database();
        QSqlDatabase& b = second.database();
        // An insert holds its parents locked until it ends: the delete waits (here: gives up), then is refused.
        REQUIRE(run(a, QStringLiteral("BEGIN")).ok);
        REQUIRE(run(a, insertLead(world.fugitive, world.spareSource)).ok);
        REQUIRE(run(b, QStringLiteral("SET lock_timeout = '300ms'")).ok);
        const Ran waited = run(b, QStringLiteral("DELETE FROM field.lead_sources WHERE id = '%1'").arg(world.spareSource));
        CHECK_FALSE(waited.ok);
        CHECK(waited.state == QStringLiteral("55P03"));
        REQUIRE(run(a, QStringLiteral("COMMIT")).ok);
        const Ran refused = run(b, QStringLiteral("DELETE FROM field.lead_sources WHERE id = '%1'").arg(world.spareSource));
        CHECK_FALSE(refused.ok);
        CHECK(refused.state == QStringLiteral("23503"));

        // A delete not yet committed holds the parent: the insert waits, and once the delete commits it is refused.
        const QString doomed = newId();
        REQUIRE(run(b, QStringLiteral("INSERT INTO field.lead_sources (id, code, name, kind) VALUES ('%1', 'DOOMED', 'Doomed', 'tip')").arg(doomed)).ok);
        REQUIRE(run(b, QStringLiteral("BEGIN")).ok);
        REQUIRE(run(b, QStringLiteral("DELETE FROM field.lead_sources WHERE id = '%1'").arg(doomed)).ok);
        REQUIRE(run(a, QStringLiteral("SET lock_timeout = '300ms'")).ok);
        const Ran blocked = run(a, insertLead(world.fugitive, doomed));
        CHECK_FALSE(blocked.ok);
        CHECK(blocked.state == QStringLiteral("55P03"));
        REQUIRE(run(b, QStringLiteral("COMMIT")).ok);
        const Ran gone = run(a, insertLead(world.fugitive, doomed));
        CHECK_FALSE(gone.ok);
        CHECK(gone.text.contains(QStringLiteral("Key (source_id)=(%1) is not present in table \"lead_sources\".").arg(doomed)));

        // Under REPEATABLE READ the check could miss a lead committed meanwhile: such a delete is refused outright.
        REQUIRE(run(b, QStringLiteral("BEGIN ISOLATION LEVEL REPEATABLE READ")).ok);
        const Ran repeatable = run(b, QStringLiteral("DELETE FROM field.lead_sources WHERE code = 'SPARE'"));
        CHECK_FALSE(repeatable.ok);
        CHECK(repeatable.state == QStringLiteral("40001"));
        run(b, QStringLiteral("ROLLBACK"));
        CHECK(database.scalar(QStringLiteral("SELECT count(*) FROM field.leads")).toInt() == 1);
    }
}
