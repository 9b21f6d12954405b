// Issue 7, server rules and batch lead import: routing by ZIP (and the headquarters queue), hand
// reassignment with history, append-only activities, arrests, read-only officers, priority scores, and
// the lead and ZIP table imports end to end against the real server.
#include "audit/auditchainverifier.h"
#include "db/database.h"
#include "db/syntheticdataseeder.h"
#include "imports/leadimport.h"
#include "imports/zipcodeimport.h"
#include "loginsession.h"
#include "testdatabase.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QCryptographicHash>
#include <QSqlQuery>
#include <QThread>
#include <QUuid>

#include "catchqt.h"

using namespace ocms;
using ocms::test::TestDatabase;

namespace {

const QString kPassword = QStringLiteral("field-ops-password-1");

QString newId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

struct FieldWorld
{
    QString prefix;
    QString office = newId(), teamA = newId(), teamB = newId(), acme = newId(), tip = newId();
    QString person1 = newId(), fugitive1 = newId(), person2 = newId(), fugitive2 = newId();
    QString login(const char* key) const { return prefix + QString::fromLatin1(key); }
};

// Two teams: A covers 04101, B covers 04102; 05001 is in the ZIP table but no team covers it.
// Fugitive 1 (A-Number 123456789): no gang, not criminal. Fugitive 2 (234567891): gang, violent conviction.
FieldWorld makeWorld(TestDatabase& database)
{
    FieldWorld world;
    world.prefix = QStringLiteral("f%1_%2_").arg(QCoreApplication::applicationPid()).arg(database.name().section(u'_', -1));
    database.exec(QStringLiteral("INSERT INTO core.offices (id, code, name, kind) VALUES ('%1', 'FO-POR', 'Portland', 'field_office')").arg(world.office));
    for (const auto& [key, roles] : {std::pair{"read", "field_read"}, std::pair{"write", "field_write"},
                                     std::pair{"full", "field_full"}, std::pair{"admin", "field_admin"}}) {
        database.exec(QStringLiteral("SELECT core.create_login('%1', '%2', 'Officer %3', '{%4}', 'FO-POR', '{}')")
                          .arg(world.login(key), kPassword, QString::fromLatin1(key), QString::fromLatin1(roles)));
    }
    database.exec(QStringLiteral("INSERT INTO field.teams (id, code, name, office_id) VALUES ('%1', 'POR-A', 'Team A', '%3'), "
                                 "('%2', 'POR-B', 'Team B', '%3')").arg(world.teamA, world.teamB, world.office));
    database.exec(QStringLiteral("INSERT INTO field.jurisdictions (zip, team_id) VALUES ('04101', '%1'), ('04102', '%2')")
                      .arg(world.teamA, world.teamB));
    database.exec(QStringLiteral("INSERT INTO field.zip_codes (zip, city, state) VALUES ('04101', 'PORTLAND', 'ME'), "
                                 "('04102', 'PORTLAND', 'ME'), ('05001', 'WHITE RIVER JUNCTION', 'VT')"));
    database.exec(QStringLiteral("INSERT INTO field.lead_sources (id, code, name, kind) VALUES ('%1', 'ACME', 'Acme Data', 'commercial'), "
                                 "('%2', 'TIP', 'Tip line', 'tip')").arg(world.acme, world.tip));
    database.exec(QStringLiteral("INSERT INTO core.people (id, family_name, given_name, date_of_birth, a_number, ssn) VALUES "
                                 "('%1', 'Example', 'Ana', '1980-03-15', '123456789', '123456789'), "
                                 "('%2', 'Sample', 'Ben', '1975-07-01', '234567891', NULL)").arg(world.person1, world.person2));
    database.exec(QStringLiteral("INSERT INTO field.fugitives (id, person_id) VALUES ('%1', '%2')").arg(world.fugitive1, world.person1));
    database.exec(QStringLiteral("INSERT INTO field.fugitives (id, person_id, criminal, gang_affiliation) VALUES ('%1', '%2', true, "
                                 "'Synthetic Set 14')").arg(world.fugitive2, world.person2));
    database.exec(QStringLiteral("INSERT INTO field.convictions (id, fugitive_id, offense) VALUES (gen_random_uuid(), '%1', "
                                 "'Aggravated assault')").arg(world.fugitive2));
    return world;
}

struct Outcome
{
    bool ok = false;
    QString message;
    QVariant value;
};

Outcome as(TestDatabase& database, const QString& login, const QStringList& statements)
{
    const test::LoginOutcome outcome = test::runAs(database.settingsFor(login, kPassword), statements);
    REQUIRE(outcome.connected);
    return {outcome.ok, outcome.error.userMessage, outcome.value};
}

QString insertLead(const QString& fugitive, const QString& source, const QString& zip, const QString& id = newId())
{
    return QStringLiteral("INSERT INTO field.leads (id, fugitive_id, source_id, address_line1, address_zip) VALUES "
                          "('%1', '%2', '%3', '1 Harbor Rd', %4)").arg(id, fugitive, source, zip.isEmpty() ? QStringLiteral("NULL") : u'\'' + zip + u'\'');
}

QString insertActivity(const QString& id, const QString& fugitive, const QString& corrects = {})
{
    return QStringLiteral("INSERT INTO field.activities (id, fugitive_id, activity_type, officer_name, occurred_at, notes, "
                          "corrects_activity_id) VALUES ('%1', '%2', 'address_check', 'Officer', now(), 'Nobody home', %3)")
        .arg(id, fugitive, corrects.isEmpty() ? QStringLiteral("NULL") : u'\'' + corrects + u'\'');
}

Result<LeadImportReport> importLeads(QSqlDatabase& connection, const QByteArray& csv, LeadImportOptions options = {})
{
    QBuffer buffer;
    buffer.setData(csv);
    buffer.open(QIODevice::ReadOnly);
    if (options.source.isNull()) {
        options.source = QStringLiteral("ACME");
    }
    options.fileName = QStringLiteral("leads.csv");
    options.today = QDate(2026, 11, 30);
    return LeadImport(connection, options).run(&buffer);
}

QString rejections(const LeadImportReport& report)
{
    QStringList lines;
    for (const auto& rejection : report.rejected) {
        lines.append(QStringLiteral("%1: %2").arg(rejection.line).arg(rejection.reason));
    }
    return lines.join(u'\n');
}

} // namespace

TEST_CASE("A new lead goes to the team whose jurisdiction covers its ZIP, else to the headquarters queue", "[integration][field]")
{
    TestDatabase database;
    const FieldWorld world = makeWorld(database);
    const QString routed = newId(), unrouted = newId(), noZip = newId();
    const Outcome written = as(database, world.login("write"), {insertLead(world.fugitive1, world.acme, QStringLiteral("04101"), routed),
                                                                 insertLead(world.fugitive1, world.acme, QStringLiteral("05001"), unrouted),
                                                                 insertLead(world.fugitive1, world.acme, QString(), noZip)});
    INFO(written.message.toStdString());
    REQUIRE(written.ok);
    CHECK(database.scalar(QStringLiteral("SELECT team_id::text || status || assigned_by FROM field.leads WHERE id = '%1'").arg(routed))
              .toString() == world.teamA + QStringLiteral("assignedrouting"));
    CHECK(database.scalar(QStringLiteral("SELECT coalesce(team_id::text, 'HQ') || status FROM field.leads WHERE id = '%1'").arg(unrouted))
              .toString() == QStringLiteral("HQnew"));
    CHECK(database.scalar(QStringLiteral("SELECT coalesce(team_id::text, 'HQ') FROM field.leads WHERE id = '%1'").arg(noZip)).toString() ==
          QStringLiteral("HQ"));
    // The history says who routed it where and why.
    CHECK(database.scalar(QStringLiteral("SELECT string_agg(coalesce(to_team_id::text, 'HQ') || '|' || assigned_by || '|' || reason, ';') "
                                         "FROM field.lead_assignments WHERE lead_id IN ('%1', '%2')").arg(routed, unrouted))
              .toString()
              .split(u';')
              .size() == 2);
    CHECK(database.scalar(QStringLiteral("SELECT reason FROM field.lead_assignments WHERE lead_id = '%1'").arg(routed)).toString() ==
          QStringLiteral("ZIP 04101 jurisdiction"));
    CHECK(database.scalar(QStringLiteral("SELECT coalesce(to_team_id::text, 'HQ') || '|' || reason FROM field.lead_assignments WHERE lead_id = '%1'")
                              .arg(unrouted)).toString() == QStringLiteral("HQ|No team covers ZIP 05001: headquarters queue"));
    // The headquarters queue: open leads without a team.
    CHECK(database.scalar(QStringLiteral("SELECT count(*) FROM field.leads WHERE team_id IS NULL AND status IN ('new', 'assigned', 'in_progress')"))
              .toInt() == 2);

    // An officer cannot route a lead elsewhere by claiming it, nor assign it by hand.
    const Outcome claimed = as(database, world.login("write"),
                               {QStringLiteral("INSERT INTO field.leads (id, fugitive_id, source_id, address_zip, team_id, assigned_by) "
                                               "VALUES (gen_random_uuid(), '%1', '%2', '04101', '%3', 'routing')")
                                    .arg(world.fugitive1, world.acme, world.teamB)});
    CHECK_FALSE(claimed.ok);
    CHECK(claimed.message.contains(QStringLiteral("jurisdiction covers its ZIP")));
    const Outcome manual = as(database, world.login("write"),
                              {QStringLiteral("INSERT INTO field.leads (id, fugitive_id, source_id, address_zip, team_id, assigned_by) "
                                              "VALUES (gen_random_uuid(), '%1', '%2', '04101', '%3', 'manual')")
                                   .arg(world.fugitive1, world.acme, world.teamB)});
    CHECK_FALSE(manual.ok);
    CHECK(manual.message == QStringLiteral("Only headquarters (full field access) assigns a lead to a team by hand."));

    // A routed lead whose address moves to another ZIP is routed again, with history.
    REQUIRE(as(database, world.login("write"), {QStringLiteral("UPDATE field.leads SET address_zip = '04102' WHERE id = '%1'").arg(routed)}).ok);
    CHECK(database.scalar(QStringLiteral("SELECT team_id::text FROM field.leads WHERE id = '%1'").arg(routed)).toString() == world.teamB);
    CHECK(database.scalar(QStringLiteral("SELECT from_team_id::text || '>' || to_team_id::text || '|' || reason FROM field.lead_assignments "
                                         "WHERE lead_id = '%1' AND from_team_id IS NOT NULL").arg(routed)).toString() ==
          world.teamA + u'>' + world.teamB + QStringLiteral("|Address moved: ZIP 04102 jurisdiction"));
}

TEST_CASE("Routing never reaches an inactive team: a team keeps its ZIP codes until they are given away", "[integration][field]")
{
    TestDatabase database;
    const FieldWorld world = makeWorld(database);
    // Team B still covers 04102: it cannot be deactivated, and no ZIP can be given to an inactive team.
    const Outcome refused = as(database, world.login("admin"), {QStringLiteral("UPDATE field.teams SET active = false WHERE id = '%1'").arg(world.teamB)});
    CHECK_FALSE(refused.ok);
    CHECK(refused.message == QStringLiteral("Team POR-B still covers 1 ZIP code: give them to another team before deactivating it."));
    const QString teamC = newId();
    database.exec(QStringLiteral("INSERT INTO field.teams (id, code, name, office_id, active) VALUES ('%1', 'POR-C', 'Team C', '%2', false)")
                      .arg(teamC, world.office));
    const Outcome toInactive = as(database, world.login("admin"),
                                  {QStringLiteral("UPDATE field.jurisdictions SET team_id = '%1' WHERE zip = '04102'").arg(teamC)});
    CHECK_FALSE(toInactive.ok);
    CHECK(toInactive.message.contains(QStringLiteral("inactive team")));

    // Given to team A, team B can go; a new lead in 04102 reaches team A.
    REQUIRE(as(database, world.login("admin"), {QStringLiteral("UPDATE field.jurisdictions SET team_id = '%1' WHERE zip = '04102'").arg(world.teamA),
                                                QStringLiteral("UPDATE field.teams SET active = false WHERE id = '%1'").arg(world.teamB)}).ok);
    const QString lead = newId();
    REQUIRE(as(database, world.login("write"), {insertLead(world.fugitive1, world.acme, QStringLiteral("04102"), lead)}).ok);
    CHECK(database.scalar(QStringLiteral("SELECT team_id::text FROM field.leads WHERE id = '%1'").arg(lead)).toString() == world.teamA);
}

TEST_CASE("Headquarters reassigns a lead by hand with a reason, the history keeps who, when, from, to and why", "[integration][field]")
{
    TestDatabase database;
    const FieldWorld world = makeWorld(database);
    const QString lead = newId();
    REQUIRE(as(database, world.login("write"), {insertLead(world.fugitive1, world.acme, QStringLiteral("04101"), lead)}).ok);
    const QString reassign = QStringLiteral("SELECT field.reassign_lead('%1', '%2', 'Subject works in team B''s area')").arg(lead, world.teamB);

    const Outcome officer = as(database, world.login("write"), {reassign});
    CHECK_FALSE(officer.ok);
    CHECK(officer.message == QStringLiteral("Only headquarters (full field access) reassigns a lead to another team."));
    const Outcome direct = as(database, world.login("write"),
                              {QStringLiteral("UPDATE field.leads SET team_id = '%1' WHERE id = '%2'").arg(world.teamB, lead)});
    CHECK_FALSE(direct.ok);
    CHECK(direct.message == QStringLiteral("Only headquarters (full field access) reassigns a lead to another team."));
    const Outcome noReason = as(database, world.login("full"),
                                {QStringLiteral("SELECT field.reassign_lead('%1', '%2', '  ')").arg(lead, world.teamB)});
    CHECK_FALSE(noReason.ok);
    CHECK(noReason.message == QStringLiteral("Give the reason for the reassignment."));
    const Outcome silent = as(database, world.login("full"),
                              {QStringLiteral("UPDATE field.leads SET team_id = '%1' WHERE id = '%2'").arg(world.teamB, lead)});
    CHECK_FALSE(silent.ok);
    CHECK(silent.message.startsWith(QStringLiteral("Give the reason for the reassignment")));
    CHECK(database.scalar(QStringLiteral("SELECT team_id::text FROM field.leads WHERE id = '%1'").arg(lead)).toString() == world.teamA);

    const Outcome moved = as(database, world.login("full"), {reassign});
    INFO(moved.message.toStdString());
    REQUIRE(moved.ok);
    CHECK(database.scalar(QStringLiteral("SELECT team_id::text || assigned_by FROM field.leads WHERE id = '%1'").arg(lead)).toString() ==
          world.teamB + QStringLiteral("manual"));
    CHECK(database.scalar(QStringLiteral("SELECT from_team_id::text || '>' || to_team_id::text || '|' || assigned_by || '|' || reason "
                                         "|| '|' || (assigned_at > now() - interval '1 minute')::text FROM field.lead_assignments "
                                         "WHERE lead_id = '%1' AND from_team_id IS NOT NULL").arg(lead)).toString() ==
          world.teamA + u'>' + world.teamB + u'|' + world.login("full") + QStringLiteral("|Subject works in team B's area|true"));
    // Back to the headquarters queue, and the same place twice is refused.
    REQUIRE(as(database, world.login("full"), {QStringLiteral("SELECT field.reassign_lead('%1', NULL, 'Outside our area')").arg(lead)}).ok);
    CHECK(as(database, world.login("full"), {QStringLiteral("SELECT field.reassign_lead('%1', NULL, 'Again')").arg(lead)}).message ==
          QStringLiteral("The lead is already assigned there."));
    CHECK(database.scalar(QStringLiteral("SELECT count(*) FROM field.lead_assignments WHERE lead_id = '%1'").arg(lead)).toInt() == 3);
    CHECK(database.scalar(QStringLiteral("SELECT reason FROM field.lead_assignments WHERE lead_id = '%1' AND to_team_id IS NULL").arg(lead))
              .toString() == QStringLiteral("Outside our area"));

    // The history is the server's: nobody writes, edits or removes it.
    CHECK_FALSE(as(database, world.login("full"), {QStringLiteral("UPDATE field.lead_assignments SET reason = 'x' WHERE lead_id = '%1'").arg(lead)}).ok);
    CHECK_FALSE(as(database, world.login("admin"), {QStringLiteral("DELETE FROM field.lead_assignments WHERE lead_id = '%1'").arg(lead)}).ok);
    CHECK_FALSE(as(database, world.login("write"), {QStringLiteral("INSERT INTO field.lead_assignments (id, lead_id, to_team_id, assigned_by) "
                                                                    "VALUES (gen_random_uuid(), '%1', '%2', 'routing')").arg(lead, world.teamA)}).ok);
    CHECK(database.scalar(QStringLiteral("SELECT count(*) FROM field.lead_assignments WHERE lead_id = '%1'").arg(lead)).toInt() == 3);
}

TEST_CASE("Activities are appended, never edited, a correction refers to the activity it corrects", "[integration][field]")
{
    TestDatabase database;
    const FieldWorld world = makeWorld(database);
    const QString first = newId(), correction = newId();
    REQUIRE(as(database, world.login("write"), {insertActivity(first, world.fugitive1)}).ok);

    const Outcome edited = as(database, world.login("write"), {QStringLiteral("UPDATE field.activities SET notes = 'Someone home' WHERE id = '%1'").arg(first)});
    CHECK_FALSE(edited.ok);
    CHECK(edited.message == QStringLiteral("An activity is never changed once recorded: record a correction that refers to it."));
    CHECK_FALSE(as(database, world.login("full"), {QStringLiteral("DELETE FROM field.activities WHERE id = '%1'").arg(first)}).ok);
    CHECK_FALSE(as(database, world.login("admin"), {QStringLiteral("UPDATE field.activities SET deleted_at = now() WHERE id = '%1'").arg(first)}).ok);
    CHECK(database.scalar(QStringLiteral("SELECT notes || coalesce(deleted_at::text, '') FROM field.activities WHERE id = '%1'").arg(first))
              .toString() == QStringLiteral("Nobody home"));

    REQUIRE(as(database, world.login("write"), {insertActivity(correction, world.fugitive1, first)}).ok);
    CHECK(database.scalar(QStringLiteral("SELECT count(*) FROM field.activities WHERE corrects_activity_id = '%1'").arg(first)).toInt() == 1);
    const Outcome elsewhere = as(database, world.login("write"), {insertActivity(newId(), world.fugitive2, first)});
    CHECK_FALSE(elsewhere.ok);
    CHECK(elsewhere.message == QStringLiteral("A correction refers to an earlier activity of the same fugitive."));
}

TEST_CASE("Recording an arrest sets the fugitive in custody with place and date, in one server call", "[integration][field]")
{
    TestDatabase database;
    const FieldWorld world = makeWorld(database);
    const QString lead = newId();
    REQUIRE(as(database, world.login("write"), {insertLead(world.fugitive1, world.acme, QStringLiteral("04101"), lead)}).ok);
    const QString arrest = QStringLiteral("SELECT field.record_arrest('%1', '%2', '2026-11-20 06:30Z', '1 Harbor Rd, Portland ME', '%3', "
                                          "false, 'Knock and talk')").arg(world.fugitive1, lead, world.office);
    const Outcome recorded = as(database, world.login("write"), {arrest});
    INFO(recorded.message.toStdString());
    REQUIRE(recorded.ok);
    CHECK(database.scalar(QStringLiteral("SELECT status || '|' || custody_on::text || '|' || status_reason FROM field.fugitives WHERE id = '%1'")
                              .arg(world.fugitive1)).toString() ==
          QStringLiteral("in_custody|2026-11-20|Arrested at 1 Harbor Rd, Portland ME on 2026-11-20"));
    CHECK(database.scalar(QStringLiteral("SELECT a.place || '|' || v.activity_type || '|' || v.officer_name FROM field.arrests a "
                                         "JOIN field.activities v ON v.id = a.activity_id WHERE a.fugitive_id = '%1'").arg(world.fugitive1))
              .toString() == QStringLiteral("1 Harbor Rd, Portland ME|arrest|Officer write"));
    CHECK(database.scalar(QStringLiteral("SELECT status || '|' || close_reason FROM field.leads WHERE id = '%1'").arg(lead)).toString() ==
          QStringLiteral("closed|Subject arrested"));
    // The status change is audited like any other.
    CHECK(database.scalar(QStringLiteral("SELECT count(*) FROM audit.events WHERE table_name = 'field.fugitives' AND record_id = '%1' "
                                         "AND action = 'update' AND changes::text LIKE '%%in_custody%%'").arg(world.fugitive1)).toInt() >= 1);

    const Outcome again = as(database, world.login("write"), {arrest});
    CHECK_FALSE(again.ok);
    CHECK(again.message.contains(QStringLiteral("is in custody already")));
    // The function is the only way in: no arrest without the status change.
    const Outcome direct = as(database, world.login("write"),
                              {QStringLiteral("INSERT INTO field.arrests (id, fugitive_id, arrested_at, place, office_id, criminal) VALUES "
                                              "(gen_random_uuid(), '%1', now(), 'Somewhere', '%2', true)").arg(world.fugitive2, world.office)});
    CHECK_FALSE(direct.ok);
    const Outcome noPlace = as(database, world.login("write"),
                               {QStringLiteral("SELECT field.record_arrest('%1', NULL, now(), ' ', '%2', true)").arg(world.fugitive2, world.office)});
    CHECK(noPlace.message == QStringLiteral("Give the place of the arrest."));
    CHECK(database.scalar(QStringLiteral("SELECT status FROM field.fugitives WHERE id = '%1'").arg(world.fugitive2)).toString() ==
          QStringLiteral("at_large"));
}

TEST_CASE("Read-only officers are refused on every write, non-fugitive arrests are never updated", "[integration][field]")
{
    TestDatabase database;
    const FieldWorld world = makeWorld(database);
    const QString lead = newId(), activity = newId(), nonFugitive = newId();
    REQUIRE(as(database, world.login("write"), {insertLead(world.fugitive1, world.acme, QStringLiteral("04101"), lead),
                                                 insertActivity(activity, world.fugitive1),
                                                 QStringLiteral("INSERT INTO field.nonfugitive_arrests (id, a_number, arrested_on, place, "
                                                                "office_id, criminal) VALUES ('%1', '345678912', '2026-11-01', 'Portland', "
                                                                "'%2', false)").arg(nonFugitive, world.office)}).ok);
    const QStringList writes = {
        insertLead(world.fugitive1, world.acme, QStringLiteral("04101")),
        QStringLiteral("UPDATE field.leads SET notes = 'x' WHERE id = '%1'").arg(lead),
        QStringLiteral("DELETE FROM field.leads WHERE id = '%1'").arg(lead),
        insertActivity(newId(), world.fugitive1),
        insertActivity(newId(), world.fugitive1, activity),
        QStringLiteral("SELECT field.record_arrest('%1', '%2', now(), 'Portland', '%3', false)").arg(world.fugitive1, lead, world.office),
        QStringLiteral("SELECT field.reassign_lead('%1', '%2', 'x')").arg(lead, world.teamB),
        QStringLiteral("UPDATE field.fugitives SET gang_affiliation = 'x' WHERE id = '%1'").arg(world.fugitive1),
        QStringLiteral("INSERT INTO field.nonfugitive_arrests (id, a_number, arrested_on, place, office_id, criminal) VALUES "
                       "(gen_random_uuid(), '345678912', '2026-11-01', 'Portland', '%1', false)").arg(world.office),
        QStringLiteral("INSERT INTO field.convictions (id, fugitive_id, offense) VALUES (gen_random_uuid(), '%1', 'Theft')").arg(world.fugitive1),
        QStringLiteral("INSERT INTO field.zip_codes (zip, city, state) VALUES ('09999', 'X', 'XX')"),
    };
    for (const QString& write : writes) {
        INFO(write.toStdString());
        const Outcome refused = as(database, world.login("read"), {write});
        CHECK_FALSE(refused.ok);
        CHECK((refused.message == QStringLiteral("You do not have permission for this action.") ||
               refused.message.contains(QStringLiteral("field access"))));
    }
    CHECK(as(database, world.login("read"), {QStringLiteral("SELECT count(*) FROM field.leads")}).value.toInt() == 1);
    CHECK(database.scalar(QStringLiteral("SELECT count(*) FROM field.activities")).toInt() == 1);
    CHECK(database.scalar(QStringLiteral("SELECT status FROM field.fugitives WHERE id = '%1'").arg(world.fugitive1)).toString() == QStringLiteral("at_large"));

    // A read-only officer's import is refused before anything is read.
    const QString name = QStringLiteral("field-read-import");
    {
        auto connection = Database::open(database.settingsFor(world.login("read"), kPassword), name);
        REQUIRE(connection.has_value());
        const auto imported = importLeads(*connection, "a_number,address_line1,zip\n123456789,9 Bay St,04101\n");
        REQUIRE_FALSE(imported.has_value());
        CHECK(imported.error().code == ErrorCode::PermissionDenied);
        CHECK(imported.error().userMessage == QStringLiteral("Importing leads needs read/add/update field access or the import role."));
    }
    Database::close(name);

    // Non-fugitive arrests: a statistical record, never updated, by anyone.
    for (const char* who : {"write", "admin"}) {
        CHECK_FALSE(as(database, world.login(who), {QStringLiteral("UPDATE field.nonfugitive_arrests SET place = 'Elsewhere' WHERE id = '%1'")
                                                        .arg(nonFugitive)}).ok);
    }
    QSqlQuery ownerUpdate(database.connection());
    CHECK_FALSE(ownerUpdate.exec(QStringLiteral("UPDATE field.nonfugitive_arrests SET place = 'Elsewhere' WHERE id = '%1'").arg(nonFugitive)));
}

TEST_CASE("The priority score puts threat first and follows its configurable weights", "[integration][field]")
{
    TestDatabase database;
    const FieldWorld world = makeWorld(database);
    const QString plain = newId(), dangerous = newId();
    REQUIRE(as(database, world.login("write"), {QStringLiteral("INSERT INTO field.leads (id, fugitive_id, source_id, relevance_score, address_zip) "
                                                               "VALUES ('%1', '%2', '%3', 90, '04101'), ('%4', '%5', '%3', 50, '04101')")
                                                    .arg(plain, world.fugitive1, world.acme, dangerous, world.fugitive2)}).ok);
    const auto score = [&](const QString& lead) {
        return database.scalar(QStringLiteral("SELECT priority_score FROM field.leads WHERE id = '%1'").arg(lead)).toDouble();
    };
    // Gang 40 + violent conviction 30 + criminal 10 + relevance 50 % of 10 = 85; no threat, relevance 90 % of 10 = 9.
    CHECK(score(dangerous) == 85.0);
    CHECK(score(plain) == 9.0);
    CHECK(database.scalar(QStringLiteral("SELECT string_agg(id::text, ',' ORDER BY priority_score DESC) FROM field.leads")).toString() ==
          dangerous + u',' + plain);
    // Users cannot set the score.
    CHECK_FALSE(as(database, world.login("full"), {QStringLiteral("UPDATE field.leads SET priority_score = 100 WHERE id = '%1'").arg(plain)}).ok);
    // A sex-offence conviction raises the fugitive's leads at once; relevance changes re-score.
    REQUIRE(as(database, world.login("write"), {QStringLiteral("INSERT INTO field.convictions (id, fugitive_id, offense) VALUES "
                                                               "(gen_random_uuid(), '%1', 'Sexual assault')").arg(world.fugitive1)}).ok);
    CHECK(score(plain) == 30.0 + 30.0 + 9.0); // sexual assault is violent and a sex offence
    REQUIRE(as(database, world.login("write"), {QStringLiteral("UPDATE field.leads SET relevance_score = 10 WHERE id = '%1'").arg(plain)}).ok);
    CHECK(score(plain) == 61.0);
    // An administrator changes a weight: every score follows.
    REQUIRE(as(database, world.login("admin"), {QStringLiteral("UPDATE rules.lead_priority_weights SET weight = 100 WHERE factor = 'gang_member'")}).ok);
    CHECK(score(dangerous) == 145.0);
    CHECK(database.scalar(QStringLiteral("SELECT threat_score FROM field.fugitives WHERE id = '%1'").arg(world.fugitive2)).toDouble() == 140.0);
}

TEST_CASE("Lead import: bad lines are reported with line and reason and never loaded in part, good lines load", "[integration][field][import]")
{
    TestDatabase database;
    const FieldWorld world = makeWorld(database);
    const QByteArray csv =
        "a_number,date_of_birth,ssn,address_line1,city,state,zip,relevance_score,source\n"
        "A-123-456-789,1980-03-15,123-45-6789,12 Main St,portland,ZZ,04101,80,\n"   // 2 good: city/state from the ZIP table
        "A-123-456-789,,,1 Long Rd,,,4101,80,\n"                                    // 3 ZIP of four digits
        "A12345,,,1 Long Rd,,,04101,,\n"                                            // 4 A-Number too short
        "999999999,,,1 Long Rd,,,04101,,\n"                                         // 5 no such fugitive
        "123456789,1981-01-01,,2 Long Rd,,,04101,,\n"                               // 6 date of birth mismatch
        "123456789,,987-65-4321,3 Long Rd,,,04101,,\n"                              // 7 SSN mismatch
        "123456789,,,4 Long Rd,,,04101,,NOSUCH\n"                                   // 8 unknown source
        "234567891,,,\"7 Elm St, Apt 2\",Somewhere,NH,03801,55,TIP\n"               // 9 good: ZIP unknown to the table, HQ queue
        "\n"                                                                        // blank line: skipped
        "234567891,,,8 Elm St,,,05001,120,\n"                                       // 11 score out of range
        "234567891,,,9 Elm St,,,05001,,\n";                                         // 12 good: no team covers 05001
    const auto imported = importLeads(database.connection(), csv);
    INFO((imported ? rejections(*imported) : imported.error().describe()).toStdString());
    REQUIRE(imported.has_value());
    CHECK(imported->committed);
    CHECK(imported->linesRead == 10);
    CHECK(imported->loaded == 3);
    CHECK(imported->headquartersQueue == 2);
    CHECK(imported->zipUnknown == 1);
    REQUIRE(imported->rejected.size() == 7);
    const QStringList expected = {
        QStringLiteral("3: zip 4101 is not five digits"),
        QStringLiteral("4: a_number: An A-Number has eight or nine digits; A12345 has 5."),
        QStringLiteral("5: no fugitive record has A-Number 999999999"),
        QStringLiteral("6: date_of_birth 1981-01-01 does not match fugitive %1"),
        QStringLiteral("7: ssn does not match fugitive %1"),
        QStringLiteral("8: unknown lead source NOSUCH (field.lead_sources)"),
        QStringLiteral("11: relevance_score 120 is not a number from 0 to 100 (at most two decimals)"),
    };
    const QString fugitiveNumber = database.scalar(QStringLiteral("SELECT fugitive_number FROM field.fugitives WHERE id = '%1'").arg(world.fugitive1)).toString();
    const QStringList reported = rejections(*imported).split(u'\n');
    for (const QString& line : expected) {
        CHECK(reported.contains(line.contains(QStringLiteral("%1")) ? line.arg(fugitiveNumber) : line));
    }
    // Only whole good lines are there: no lead for any rejected line, nothing half-written.
    CHECK(database.scalar(QStringLiteral("SELECT string_agg(address_line1 || '|' || coalesce(address_city, '-') || '|' || coalesce(address_state, '-') "
                                         "|| '|' || coalesce(team_id::text, 'HQ'), ';' ORDER BY address_line1) FROM field.leads")).toString() ==
          QStringLiteral("12 Main St|PORTLAND|ME|%1;7 Elm St, Apt 2|Somewhere|NH|HQ;9 Elm St|WHITE RIVER JUNCTION|VT|HQ").arg(world.teamA));
    // Numbered in priority order (highest first, ties in file order: here the addresses sort as the file
    // does), and the ids and row versions rise in that same order: each index takes the import's entries
    // side by side (FORMATS.md, "Speed").
    const QString inPriorityOrder = database.scalar(QStringLiteral("SELECT string_agg(address_line1, ';' ORDER BY priority_score DESC, address_line1) "
                                                                   "FROM field.leads")).toString();
    CHECK(database.scalar(QStringLiteral("SELECT string_agg(address_line1, ';' ORDER BY lead_number) FROM field.leads")).toString() == inPriorityOrder);
    CHECK(database.scalar(QStringLiteral("SELECT string_agg(address_line1, ';' ORDER BY id) FROM field.leads")).toString() == inPriorityOrder);
    CHECK(database.scalar(QStringLiteral("SELECT string_agg(address_line1, ';' ORDER BY row_version) FROM field.leads")).toString() == inPriorityOrder);
    CHECK(inPriorityOrder != QStringLiteral("12 Main St;7 Elm St, Apt 2;9 Elm St")); // not file order by chance: the test would prove nothing
    // The source on every lead: the line's own, else the import's; the file in the detail.
    CHECK(database.scalar(QStringLiteral("SELECT string_agg(s.code || '|' || l.source_detail, ';' ORDER BY l.address_line1) FROM field.leads l "
                                         "JOIN field.lead_sources s ON s.id = l.source_id")).toString() ==
          QStringLiteral("ACME|File leads.csv, imported 2026-11-30;TIP|File leads.csv, imported 2026-11-30;ACME|File leads.csv, imported 2026-11-30"));
    // Routed by the server's rules, with history (the first routing is on each imported lead: 0026), scored,
    // and audited as this import (one batch event for the three leads).
    CHECK(database.scalar(QStringLiteral("SELECT count(*) FROM field.lead_history")).toInt() == 3);
    CHECK(database.scalar(QStringLiteral("SELECT count(*) FROM field.leads WHERE priority_score IS NULL")).toInt() == 0);
    CHECK(database.scalar(QStringLiteral("SELECT count(DISTINCT batch_id) || '|' || count(*) || '|' || min(changes::jsonb ->> 'rows') "
                                         "FROM audit.events WHERE table_name = 'field.leads' "
                                         "AND source = 'system:lead-import'")).toString() == QStringLiteral("1|1|3"));
}

TEST_CASE("Lead import: a repeat of an open lead is merged into it, repeats in the file fold into one lead", "[integration][field][import]")
{
    TestDatabase database;
    const FieldWorld world = makeWorld(database);
    const QString open = newId(), closed = newId();
    database.exec(QStringLiteral("INSERT INTO field.leads (id, fugitive_id, source_id, relevance_score, address_line1, address_zip) VALUES "
                                 "('%1', '%2', '%3', 40, '12 Main St.', '04101'), ('%4', '%2', '%3', 40, '30 Closed Ct', '04101')")
                      .arg(open, world.fugitive1, world.tip, closed));
    database.exec(QStringLiteral("UPDATE field.leads SET status = 'closed', closed_at = now(), close_reason = 'Nobody there' WHERE id = '%1'").arg(closed));
    const QByteArray csv =
        "a_number,address_line1,zip,relevance_score,source_detail\n"
        "123456789,12  MAIN ST,04101,95,Batch 9\n"       // the open lead: merged, higher relevance kept
        "123456789,30 Closed Ct,04101,50,\n"              // the closed lead is not reopened: a new lead
        "234567891,5 Pier Rd,04102,20,\n"                 // new
        "234567891,5 pier rd.,04102,70,\n"                // the same, again: folded, higher relevance
        "234567891,5 Pier Rd,04102,,\n";                  // and again
    const auto imported = importLeads(database.connection(), csv);
    INFO((imported ? rejections(*imported) : imported.error().describe()).toStdString());
    REQUIRE(imported.has_value());
    CHECK(imported->rejected.isEmpty());
    CHECK(imported->loaded == 2);
    CHECK(imported->mergedIntoExisting == 1);
    CHECK(imported->mergedInFile == 2);
    CHECK(database.scalar(QStringLiteral("SELECT count(*) FROM field.leads")).toInt() == 4);
    CHECK(database.scalar(QStringLiteral("SELECT relevance_score::text || '|' || (SELECT code FROM field.lead_sources WHERE id = source_id) "
                                         "|| '|' || notes FROM field.leads WHERE id = '%1'").arg(open)).toString() ==
          QStringLiteral("95.00|TIP|Reported again on %1 by ACME (Batch 9), relevance 95.00").arg(QDate::currentDate().toString(Qt::ISODate)));
    CHECK(database.scalar(QStringLiteral("SELECT count(*) || '|' || max(relevance_score)::text FROM field.leads WHERE fugitive_id = '%1'")
                              .arg(world.fugitive2)).toString() == QStringLiteral("1|70.00"));
    CHECK(database.scalar(QStringLiteral("SELECT count(*) FROM field.leads WHERE address_line1 = '30 Closed Ct'")).toInt() == 2);
    // Importing the same file again doubles nothing.
    const auto again = importLeads(database.connection(), csv);
    REQUIRE(again.has_value());
    CHECK(again->loaded == 0);
    CHECK(again->mergedIntoExisting == 5);
    CHECK(database.scalar(QStringLiteral("SELECT count(*) FROM field.leads")).toInt() == 4);
}

TEST_CASE("Lead import: --strict and --dry-run load nothing, a broken file loads nothing and says where", "[integration][field][import]")
{
    TestDatabase database;
    const FieldWorld world = makeWorld(database);
    const QByteArray csv = "a_number,address_line1,zip\n123456789,1 Bay St,04101\n123456789,2 Bay St,041\n";
    LeadImportOptions strict;
    strict.strict = true;
    const auto refused = importLeads(database.connection(), csv, strict);
    REQUIRE(refused.has_value());
    CHECK_FALSE(refused->committed);
    CHECK(refused->rejected.size() == 1);
    LeadImportOptions dry;
    dry.dryRun = true;
    const auto tried = importLeads(database.connection(), csv, dry);
    REQUIRE(tried.has_value());
    CHECK(tried->loaded == 1);
    CHECK_FALSE(tried->committed);
    CHECK(database.scalar(QStringLiteral("SELECT count(*) FROM field.leads")).toInt() == 0);

    const auto unclosed = importLeads(database.connection(), "a_number,address_line1,zip\n123456789,1 Bay St,04101\n123456789,\"2 Bay St,04101\n123456789,3 Bay St,04101\n");
    REQUIRE_FALSE(unclosed.has_value());
    CHECK(unclosed.error().userMessage.startsWith(QStringLiteral("Line 3 opens a quoted field that is never closed")));
    const auto headless = importLeads(database.connection(), "123456789,1 Bay St,04101\n");
    REQUIRE_FALSE(headless.has_value());
    CHECK(headless.error().userMessage.contains(QStringLiteral("must name the columns")));
    CHECK(importLeads(database.connection(), "").error().userMessage.startsWith(QStringLiteral("The file is empty")));
    LeadImportOptions sourceless;
    sourceless.source = QStringLiteral(" ");
    const auto unnamed = importLeads(database.connection(), "a_number,address_line1,zip\n123456789,1 Bay St,04101\n", sourceless);
    REQUIRE_FALSE(unnamed.has_value());
    CHECK(unnamed.error().userMessage.startsWith(QStringLiteral("Name the source of these leads (--source CODE)")));
    CHECK(database.scalar(QStringLiteral("SELECT count(*) FROM field.leads")).toInt() == 0);

    // A field officer (read/add/update) imports under their own rights.
    const QString name = QStringLiteral("field-write-import");
    {
        auto connection = Database::open(database.settingsFor(world.login("write"), kPassword), name);
        REQUIRE(connection.has_value());
        const auto imported = importLeads(*connection, "a_number,address_line1,zip\n123456789,1 Bay St,04101\n");
        INFO((imported ? rejections(*imported) : imported.error().describe()).toStdString());
        REQUIRE(imported.has_value());
        CHECK(imported->loaded == 1);
    }
    Database::close(name);
    CHECK(database.scalar(QStringLiteral("SELECT count(*) FROM field.leads")).toInt() == 1);
}

TEST_CASE("ZIP table import: new and changed ZIPs in one transaction, bad lines reported", "[integration][field][import]")
{
    TestDatabase database;
    makeWorld(database);
    QBuffer buffer;
    buffer.setData("state,zip,city,county\nME,04101,PORTLAND,CUMBERLAND\nvt,05602,Montpelier,\nME,4101,BAD,\n"
                   "ME,05602,AGAIN,\nMEX,04103,PORTLAND,\n");
    buffer.open(QIODevice::ReadOnly);
    const auto imported = ZipCodeImport(database.connection()).run(&buffer);
    REQUIRE(imported.has_value());
    CHECK(imported->linesRead == 5);
    CHECK(imported->inserted == 1);
    CHECK(imported->updated == 1); // 04101 gains its county
    REQUIRE(imported->rejected.size() == 3);
    CHECK(imported->rejected[0].line == 4);
    CHECK(imported->rejected[0].reason == QStringLiteral("zip 4101 is not five digits"));
    CHECK(imported->rejected[1].reason == QStringLiteral("zip 05602 is already on line 3"));
    CHECK(imported->rejected[2].reason == QStringLiteral("state MEX is not a two-letter postal code"));
    CHECK(database.scalar(QStringLiteral("SELECT city || '|' || state FROM field.zip_codes WHERE zip = '05602'")).toString() ==
          QStringLiteral("Montpelier|VT"));
    CHECK(database.scalar(QStringLiteral("SELECT county FROM field.zip_codes WHERE zip = '04101'")).toString() == QStringLiteral("CUMBERLAND"));
}

TEST_CASE("Seeded leads, with triggers or in a bulk load without them, have one routing entry and their scores", "[integration][field][seed]")
{
    for (const qint64 threshold : {qint64(1000000), qint64(0)}) {
        INFO("bulk load threshold " << threshold);
        TestDatabase database;
        SeedOptions options;
        options.cases = 200;
        options.leads = 300;
        options.documents = 0;
        options.seed = 77;
        options.bulkLoadThreshold = threshold;
        const auto seeded = SyntheticDataSeeder(database.connection()).run(options);
        REQUIRE(seeded.has_value());
        CHECK(database.scalar(QStringLiteral("SELECT count(*) FROM field.leads l WHERE (SELECT count(*) FROM field.lead_history a "
                                             "WHERE a.lead_id = l.id) <> 1")).toInt() == 0);
        CHECK(database.scalar(QStringLiteral("SELECT count(*) FROM field.leads")).toInt() == 300);
        // Every score is the documented one: recomputing changes nothing.
        CHECK(database.scalar(QStringLiteral("SELECT count(*) FROM field.leads WHERE priority_score IS NULL")).toInt() == 0);
        CHECK(database.scalar(QStringLiteral("SELECT field.refresh_priority_scores(NULL)")).toInt() == 0);
        CHECK(database.scalar(QStringLiteral("SELECT count(*) FROM field.fugitives WHERE threat_score > 0")).toInt() > 0);
    }
}

TEST_CASE("Lead import: one audit event per statement for the batch, the batch id on every lead, the first routing in the history",
          "[integration][field][import]")
{
    TestDatabase database;
    const FieldWorld world = makeWorld(database);
    const QByteArray csv =
        "a_number,address_line1,zip,relevance_score,source\n"
        "123456789,12 Main St,04101,80,\n"       // team A
        "234567891,5 Pier Rd,04102,20,TIP\n"     // team B
        "234567891,9 Elm St,05001,,\n";          // no team: the headquarters queue
    const auto imported = importLeads(database.connection(), csv);
    INFO((imported ? rejections(*imported) : imported.error().describe()).toStdString());
    REQUIRE(imported.has_value());
    REQUIRE(imported->loaded == 3);

    // Every lead carries the one batch id, and that batch has exactly one insert event for field.leads.
    const QString batch = database.scalar(QStringLiteral("SELECT min(import_batch_id::text) FROM field.leads")).toString();
    REQUIRE_FALSE(batch.isEmpty());
    CHECK(database.scalar(QStringLiteral("SELECT count(*) FROM field.leads WHERE import_batch_id IS DISTINCT FROM '%1'").arg(batch)).toInt() == 0);
    CHECK(database.scalar(QStringLiteral("SELECT count(*) || '|' || count(*) FILTER (WHERE record_id IS NULL AND batch_id = '%1' "
                                         "AND source = 'system:lead-import' AND db_user = session_user) FROM audit.events "
                                         "WHERE table_name = 'field.leads' AND action = 'insert'").arg(batch)).toString() == QStringLiteral("1|1"));
    // Its summary: rows, lead sources, the file and its SHA-256, the first and last lead numbers.
    const QString summary = QStringLiteral("(SELECT changes::jsonb FROM audit.events WHERE table_name = 'field.leads' AND batch_id = '%1' "
                                           "AND record_id IS NULL)").arg(batch);
    CHECK(database.scalar(QStringLiteral("SELECT (%1 ->> 'rows') || '|' || (%1 -> 'lead_sources')::text || '|' || (%1 ->> 'file')").arg(summary))
              .toString() == QStringLiteral("3|{\"TIP\": 1, \"ACME\": 2}|leads.csv"));
    CHECK(database.scalar(QStringLiteral("SELECT %1 ->> 'file_sha256'").arg(summary)).toString() ==
          QString::fromLatin1(QCryptographicHash::hash(csv, QCryptographicHash::Sha256).toHex()));
    CHECK(database.scalar(QStringLiteral("SELECT (%1 ->> 'first_lead_number') || '|' || (%1 ->> 'last_lead_number')").arg(summary)).toString() ==
          database.scalar(QStringLiteral("SELECT (array_agg(lead_number ORDER BY row_version))[1] || '|' || "
                                         "(array_agg(lead_number ORDER BY row_version DESC))[1] FROM field.leads")).toString());
    // A lead's history finds its import event through its batch id.
    CHECK(database.scalar(QStringLiteral("SELECT count(*) FROM field.leads l JOIN audit.events e ON e.batch_id = l.import_batch_id "
                                         "AND e.record_id IS NULL AND e.table_name = 'field.leads'")).toInt() == 3);

    // No separate history row for the first routing; field.lead_history shows it, as a reader sees it.
    CHECK(database.scalar(QStringLiteral("SELECT count(*) FROM field.lead_assignments")).toInt() == 0);
    const QString history = QStringLiteral("SELECT string_agg(coalesce(h.to_team_id::text, 'HQ') || '|' || h.assigned_by || '|' || h.reason, ';' "
                                           "ORDER BY l.address_line1, h.assigned_at) FROM field.lead_history h JOIN field.leads l ON l.id = h.lead_id");
    const QString expected = QStringLiteral("%1|routing|ZIP 04101 jurisdiction;%2|routing|ZIP 04102 jurisdiction;"
                                            "HQ|routing|No team covers ZIP 05001: headquarters queue").arg(world.teamA, world.teamB);
    CHECK(database.scalar(history).toString() == expected);
    CHECK(as(database, world.login("read"), {history}).value.toString() == expected);

    // Headquarters reassigns an imported lead: the first routing stays where it was, the change follows.
    const QString lead = database.scalar(QStringLiteral("SELECT id FROM field.leads WHERE address_zip = '04101'")).toString();
    REQUIRE(as(database, world.login("full"), {QStringLiteral("SELECT field.reassign_lead('%1', '%2', 'Closer team')").arg(lead, world.teamB)}).ok);
    CHECK(database.scalar(QStringLiteral("SELECT string_agg(coalesce(from_team_id::text, '-') || '>' || coalesce(to_team_id::text, 'HQ') || '|' || reason, "
                                         "';' ORDER BY assigned_at, assignment_id NULLS FIRST) FROM field.lead_history WHERE lead_id = '%1'").arg(lead))
              .toString() == QStringLiteral("->%1|Imported: ZIP jurisdiction;%1>%2|Closer team").arg(world.teamA, world.teamB));

    // Merging a repeat into an open lead is an update: audited per row, with the second import's batch.
    const auto again = importLeads(database.connection(), "a_number,address_line1,zip,relevance_score\n123456789,12 MAIN ST,04101,95\n");
    REQUIRE(again.has_value());
    REQUIRE(again->mergedIntoExisting == 1);
    CHECK(database.scalar(QStringLiteral("SELECT count(*) FROM audit.events WHERE table_name = 'field.leads' AND action = 'update' "
                                         "AND record_id = '%1' AND source = 'system:lead-import' AND batch_id IS NOT NULL "
                                         "AND batch_id <> '%2' AND changes::jsonb ? 'relevance_score'").arg(lead, batch)).toInt() == 1);
    CHECK(database.scalar(QStringLiteral("SELECT count(*) FROM audit.events WHERE table_name = 'field.leads' AND action = 'insert'")).toInt() == 1);

    // The link to the import event cannot be cut, not even by the owner.
    QSqlQuery cut(database.connection());
    CHECK_FALSE(cut.exec(QStringLiteral("UPDATE field.leads SET import_batch_id = NULL WHERE id = '%1'").arg(lead)));
    CHECK_FALSE(as(database, world.login("full"), {QStringLiteral("UPDATE field.leads SET import_batch_id = NULL WHERE id = '%1'").arg(lead)}).ok);
    // The batch event is chained and sealed like any other, and the chain verifies.
    // Sealing waits for transactions still open anywhere on the server (tests run side by side), so it is
    // asked again until the batch event is in the chain.
    AuditChainVerifier verifier(database.connection());
    const QString batchSealed = QStringLiteral("SELECT count(*) FROM audit.events WHERE batch_id = '%1' AND record_id IS NULL "
                                               "AND hash IS NOT NULL").arg(batch);
    qint64 sealedRows = 0;
    for (int attempt = 0; attempt < 100 && database.scalar(batchSealed).toInt() == 0; ++attempt) {
        const auto sealed = verifier.seal();
        REQUIRE(sealed.has_value());
        sealedRows += *sealed;
        if (database.scalar(batchSealed).toInt() == 0) {
            QThread::msleep(100);
        }
    }
    CHECK(sealedRows > 0);
    CHECK(database.scalar(batchSealed).toInt() == 1);
    const auto verified = verifier.verify();
    REQUIRE(verified.has_value());
    INFO(verified->problem.toStdString());
    CHECK(verified->intact);
    CHECK(verified->rowsChecked >= sealedRows);
}

TEST_CASE("Without its own import batch a client gets per-row audit: the batch form cannot be claimed", "[integration][field]")
{
    TestDatabase database;
    const FieldWorld world = makeWorld(database);
    const QString plain = newId(), tagged = newId(), claimed = newId(), foreign = newId();
    const QString sessionBatch = newId(), otherBatch = newId();
    const auto insertWithBatch = [&](const QString& id, const QString& batchId) {
        return QStringLiteral("INSERT INTO field.leads (id, fugitive_id, source_id, address_line1, address_zip, import_batch_id) "
                              "VALUES ('%1', '%2', '%3', '1 Harbor Rd', '04101', '%4')").arg(id, world.fugitive1, world.acme, batchId);
    };
    // A normal insert: one audit row for the lead, with its values, and a history row.
    REQUIRE(as(database, world.login("write"), {insertLead(world.fugitive1, world.acme, QStringLiteral("04101"), plain)}).ok);
    // A session that sets a batch id but whose lead does not carry it: still per row.
    REQUIRE(as(database, world.login("write"), {QStringLiteral("SET ocms.batch_id = '%1'").arg(sessionBatch),
                                                insertLead(world.fugitive1, world.acme, QStringLiteral("04102"), tagged)}).ok);
    for (const QString& id : {plain, tagged}) {
        CHECK(database.scalar(QStringLiteral("SELECT count(*) FROM audit.events WHERE table_name = 'field.leads' AND action = 'insert' "
                                             "AND record_id = '%1' AND changes::jsonb ? 'address_line1' AND changes::jsonb ? 'fugitive_id'")
                                  .arg(id)).toInt() == 1);
        CHECK(database.scalar(QStringLiteral("SELECT count(*) FROM field.lead_assignments WHERE lead_id = '%1'").arg(id)).toInt() == 1);
    }
    // A lead that claims a batch its session did not set, or another session's batch, is refused.
    const Outcome unset = as(database, world.login("write"), {insertWithBatch(claimed, otherBatch)});
    CHECK_FALSE(unset.ok);
    CHECK(unset.message.contains(QStringLiteral("batch id of the import that inserts it")));
    CHECK_FALSE(as(database, world.login("write"), {QStringLiteral("SET ocms.batch_id = '%1'").arg(sessionBatch),
                                                    insertWithBatch(foreign, otherBatch)}).ok);
    CHECK(database.scalar(QStringLiteral("SELECT count(*) FROM field.leads WHERE id IN ('%1', '%2')").arg(claimed, foreign)).toInt() == 0);
    CHECK(database.scalar(QStringLiteral("SELECT count(*) FROM audit.events WHERE table_name = 'field.leads' AND record_id IS NULL")).toInt() == 0);
    // Updates stay per row even in a batch session with a batch lead.
    const QString batchLead = newId();
    REQUIRE(as(database, world.login("write"), {QStringLiteral("SET ocms.batch_id = '%1'").arg(sessionBatch),
                                                QStringLiteral("INSERT INTO field.leads (id, fugitive_id, source_id, address_line1, address_zip, "
                                                               "team_id, assigned_by, import_batch_id) VALUES ('%1', '%2', '%3', '2 Harbor Rd', "
                                                               "'04101', '%4', 'routing', '%5')").arg(batchLead, world.fugitive1, world.acme,
                                                                                                      world.teamA, sessionBatch),
                                                QStringLiteral("UPDATE field.leads SET notes = 'Seen again' WHERE id = '%1'").arg(batchLead)}).ok);
    CHECK(database.scalar(QStringLiteral("SELECT count(*) FILTER (WHERE action = 'insert' AND record_id IS NULL) || '|' || "
                                         "count(*) FILTER (WHERE action = 'update' AND record_id = '%1') FROM audit.events "
                                         "WHERE table_name = 'field.leads' AND batch_id = '%2'").arg(batchLead, sessionBatch)).toString() == QStringLiteral("1|1"));
}

TEST_CASE("Lead import runs as a connector of the ocms_import role, as ocmsctl does with --db or PG* settings", "[integration][field][import]")
{
    TestDatabase database;
    const FieldWorld world = makeWorld(database);
    const QString login = world.login("connector");
    database.exec(QStringLiteral("SELECT core.create_login('%1', '%2', 'Lead connector', '{ocms_import}', 'FO-POR', '{}')").arg(login, kPassword));
    const QString name = QStringLiteral("import-role-import");
    {
        auto connection = Database::open(database.settingsFor(login, kPassword), name);
        REQUIRE(connection.has_value());
        const QByteArray csv = "a_number,address_line1,zip,relevance_score\n123456789,1 Bay St,04101,50\n234567891,2 Bay St,05001,\n";
        const auto imported = importLeads(*connection, csv);
        INFO((imported ? rejections(*imported) : imported.error().describe()).toStdString());
        REQUIRE(imported.has_value());
        CHECK(imported->committed);
        CHECK(imported->loaded == 2);
        CHECK(imported->headquartersQueue == 1);
        // And the repeat merges, which needs the connector's column rights on relevance and notes.
        const auto again = importLeads(*connection, csv);
        REQUIRE(again.has_value());
        CHECK(again->mergedIntoExisting == 2);
    }
    Database::close(name);
    CHECK(database.scalar(QStringLiteral("SELECT count(*) FROM audit.events WHERE table_name = 'field.leads' AND action = 'insert' "
                                         "AND record_id IS NULL AND db_user = '%1'").arg(login)).toInt() == 1);
    CHECK(database.scalar(QStringLiteral("SELECT count(*) FROM field.lead_history h JOIN field.leads l ON l.id = h.lead_id "
                                         "WHERE l.import_batch_id IS NOT NULL")).toInt() == 2);
}

TEST_CASE("Lead import: a file of many COPY chunks is read on its own thread, every line counted and every bad one at its place",
          "[integration][field][import]")
{
    TestDatabase database;
    makeWorld(database);
    // 40,000 lines of ~260 bytes: about ten of the staging's 4 MB chunks, more than it lets wait at once,
    // so the reading thread is held back by the sending one and the two take turns many times.
    QByteArray csv = "a_number,address_line1,zip,relevance_score,notes\n";
    const QByteArray notes(200, 'n');
    QStringList expected;
    qint64 good = 0;
    for (int i = 0; i < 40000; ++i) {
        const qint64 line = i + 2;
        if (i % 997 == 5) {
            csv += "123456789," + QByteArray::number(i) + " Bay St,041,50," + notes + '\n';
            expected.append(QStringLiteral("%1: zip 041 is not five digits").arg(line));
        } else {
            csv += "123456789," + QByteArray::number(i) + " Bay St,04101,50," + notes + '\n';
            ++good;
        }
    }
    const auto imported = importLeads(database.connection(), csv);
    REQUIRE(imported.has_value());
    CHECK(imported->committed);
    CHECK(imported->linesRead == 40000);
    CHECK(imported->loaded == good);
    CHECK(rejections(*imported) == expected.join(u'\n'));
    CHECK(database.scalar(QStringLiteral("SELECT count(*) FROM field.leads")).toLongLong() == good);
    // The lead of the last line is there with its notes whole (the last, partly filled chunk was sent).
    CHECK(database.scalar(QStringLiteral("SELECT length(notes) FROM field.leads WHERE address_line1 = '39999 Bay St'")).toInt() == 200);

    // A quote left open at the end of such a file: nothing of it is loaded, and the message names the line.
    QByteArray broken = csv;
    broken += "123456789,\"40000 Bay St,04101,50,\n";
    const auto refused = importLeads(database.connection(), broken);
    REQUIRE_FALSE(refused.has_value());
    CHECK(refused.error().userMessage.startsWith(QStringLiteral("Line 40002 opens a quoted field that is never closed")));
    CHECK(database.scalar(QStringLiteral("SELECT count(*) FROM field.leads")).toLongLong() == good);
}

TEST_CASE("Lead insert checks in one pass (0039): one wrong lead refuses the whole statement, with its own reason, in the same order",
          "[integration][field][import]")
{
    TestDatabase database;
    const FieldWorld world = makeWorld(database);
    // Routed and scored by the client (so the row trigger does not fill them in): the statement's check decides.
    const auto lead = [&](const QString& zip, const QString& team, const QString& extraScore, const QString& batch = QStringLiteral("NULL")) -> QString {
        return QStringLiteral("('%1'::uuid, '%2'::uuid, '%3'::uuid, '1 Harbor Rd', '%4', '%5'::uuid, 'routing', "
                              "(SELECT round(coalesce(f.threat_score, 0), 2) + %6 FROM field.fugitives f WHERE f.id = '%2'), %7::uuid)")
            .arg(newId(), world.fugitive1, world.acme, zip, team, extraScore, batch);
    };
    const auto insert = [](const QStringList& rows) -> QString {
        return QStringLiteral("INSERT INTO field.leads (id, fugitive_id, source_id, address_line1, address_zip, team_id, assigned_by, "
                              "priority_score, import_batch_id) VALUES ") + rows.join(QStringLiteral(", "));
    };
    const QString good = lead(QStringLiteral("04101"), world.teamA, QStringLiteral("0"));
    const QString misrouted = lead(QStringLiteral("04102"), world.teamA, QStringLiteral("0"));
    const QString misscored = lead(QStringLiteral("04101"), world.teamA, QStringLiteral("1"));
    const QString claimed = lead(QStringLiteral("04102"), world.teamA, QStringLiteral("0"), u'\'' + newId() + u'\'');

    const Outcome routing = as(database, world.login("write"), {insert({good, misrouted, lead(QStringLiteral("04101"), world.teamA, QStringLiteral("0"))})});
    CHECK_FALSE(routing.ok);
    INFO(routing.message.toStdString());
    CHECK(routing.message.contains(QStringLiteral("A routed lead goes to the team whose jurisdiction covers its ZIP code")));
    const Outcome score = as(database, world.login("write"), {insert({good, misscored})});
    CHECK_FALSE(score.ok);
    CHECK(score.message.contains(QStringLiteral("The priority of a lead is computed by the server")));
    // Two faults in one statement: the batch claim is reported first, as before 0039.
    const Outcome both = as(database, world.login("write"), {insert({misscored, claimed})});
    CHECK_FALSE(both.ok);
    CHECK(both.message.contains(QStringLiteral("batch id of the import that inserts it")));
    CHECK(database.scalar(QStringLiteral("SELECT count(*) FROM field.leads")).toInt() == 0);

    // Right leads without a batch: each gets its first routing in the history.
    REQUIRE(as(database, world.login("write"), {insert({good, lead(QStringLiteral("04102"), world.teamB, QStringLiteral("0"))})}).ok);
    CHECK(database.scalar(QStringLiteral("SELECT string_agg(a.reason, ';' ORDER BY a.reason) FROM field.lead_assignments a "
                                         "JOIN field.leads l ON l.id = a.lead_id")).toString() ==
          QStringLiteral("ZIP 04101 jurisdiction;ZIP 04102 jurisdiction"));
}
