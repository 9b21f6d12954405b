// Issue 8, end to end with a real server: a field officer's encrypted copy pulls the team's open leads,
// offline changes go through the outbox and reach the server once, a row committed late by a concurrent
// transaction is not skipped, a field changed on both sides becomes a conflict the user resolves (audited),
// a change to a lead the user lost is kept and reported, and an ordered wipe runs at the next contact.
#include "db/sqlsession.h"
#include "demoworld.h"
#include "syncusers.h"
#include "signedin.h"
#include "security/passwordchange.h"
#include "security/session.h"
#include "sync/deviceadministration.h"
#include "sync/offlinestore.h"
#include "sync/syncengine.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>

#include "catchqt.h"

using namespace ocms;
using ocms::test::busiestTeam;
using ocms::test::ownerCount;
using ocms::test::ownerText;
using ocms::test::SignedIn;
using ocms::test::TestDatabase;

namespace {

const QString kPassword = QStringLiteral("sync-field-password-1");

QString makeOfficer(TestDatabase& database, const QString& tag)
{
    return ocms::test::makeFieldOfficer(database, tag, kPassword);
}

// The officer's laptop: a copy in a folder of its own, and a connection to the server as the officer.
struct Laptop
{
    Laptop(TestDatabase& database, const QString& login) : server(database, login, kPassword)
    {
        REQUIRE(folder.isValid());
        auto opened = OfflineStore::openOrCreate(folder.path(), login, kPassword, KdfLimits::interactive());
        REQUIRE_OK(opened);
        store = std::move(*opened);
    }

    SyncReport sync()
    {
        SyncEngine engine(server.database(), store->field());
        auto report = engine.run(store->deviceId(), QStringLiteral("Test laptop"));
        REQUIRE_OK(report);
        return *report;
    }

    QTemporaryDir folder;
    SignedIn<SqlSession> server;
    std::unique_ptr<OfflineStore> store;
};

qint64 cacheCount(OfflineStore& store, const QString& sql)
{
    auto value = store.cache().scalar(sql);
    REQUIRE_OK(value);
    return value->toLongLong();
}

QString openTeamLeads(const QString& team)
{
    return QStringLiteral("FROM field.leads l JOIN field.teams t ON t.id = l.team_id WHERE t.code = '%1' "
                          "AND l.status NOT IN ('closed', 'invalid') AND l.deleted_at IS NULL")
        .arg(team);
}

QUuid firstCachedLead(OfflineStore& store, const QString& where = QStringLiteral("1 = 1"))
{
    auto id = store.cache().scalar(QStringLiteral("SELECT id FROM leads WHERE %1 ORDER BY lead_number LIMIT 1").arg(where));
    REQUIRE_OK(id);
    REQUIRE_FALSE(id->isNull());
    return QUuid(id->toString());
}

QString key(const QUuid& id)
{
    return id.toString(QUuid::WithoutBraces);
}

} // namespace

TEST_CASE("A field officer's copy holds the team's open leads and offline work reaches the server once", "[integration][sync]")
{
    TestDatabase database;
    ocms::test::seedDemoWorld(database, 10, 0, 93, 60);
    const QString login = makeOfficer(database, QStringLiteral("a"));
    const QString kTeam = busiestTeam(database);
    Laptop laptop(database, login);

    const SyncReport first = laptop.sync();
    const qint64 teamLeads = ownerCount(database, QStringLiteral("SELECT count(*) ") + openTeamLeads(kTeam));
    REQUIRE(teamLeads > 0);
    CHECK(first.leads == teamLeads);
    CHECK(cacheCount(*laptop.store, QStringLiteral("SELECT count(*) FROM leads")) == teamLeads);
    CHECK(cacheCount(*laptop.store, QStringLiteral("SELECT count(*) FROM fugitives")) ==
          ownerCount(database, QStringLiteral("SELECT count(DISTINCT l.fugitive_id) ") + openTeamLeads(kTeam)));
    CHECK(cacheCount(*laptop.store, QStringLiteral("SELECT count(*) FROM activities")) ==
          ownerCount(database, QStringLiteral("SELECT count(*) FROM field.activities a WHERE a.deleted_at IS NULL AND a.lead_id IN (SELECT l.id ") +
                                   openTeamLeads(kTeam) + u')'));
    // Nothing outside the scope: every cached lead is the team's.
    CHECK(cacheCount(*laptop.store, QStringLiteral("SELECT count(*) FROM leads WHERE team_code <> '%1'").arg(kTeam)) == 0);
    auto status = laptop.store->field().status();
    REQUIRE_OK(status);
    CHECK(status->lastSynced.isValid());
    CHECK(status->waiting == 0);

    // Offline: an address check, then the lead closed.
    const QUuid lead = firstCachedLead(*laptop.store);
    auto logged = laptop.store->field().addActivity(
        lead, {QStringLiteral("address_check"), QDateTime::currentDateTimeUtc().addSecs(-600), QStringLiteral("1200 Peachtree St"),
               QStringLiteral("Nobody home; neighbour says subject moved (offline)")});
    REQUIRE_OK(logged);
    auto closed = laptop.store->field().setLeadStatus(lead, QStringLiteral("closed"), QStringLiteral("Subject moved out of the area"));
    REQUIRE_OK(closed);
    auto detail = laptop.store->field().lead(lead);
    REQUIRE_OK(detail);
    CHECK(detail->values.value(QStringLiteral("status")).toString() == u"closed");
    CHECK(detail->activities.value(0, QStringLiteral("Sent")).toString() == u"Waiting to send");
    CHECK(cacheCount(*laptop.store, QStringLiteral("SELECT count(*) FROM outbox")) == 2);

    const SyncReport second = laptop.sync();
    CHECK(second.sent == 2);
    CHECK(second.applied == 2);
    CHECK(cacheCount(*laptop.store, QStringLiteral("SELECT count(*) FROM outbox")) == 0);
    CHECK(ownerText(database, QStringLiteral("SELECT status || '|' || close_reason FROM field.leads WHERE id = '%1'").arg(key(lead))) ==
          u"closed|Subject moved out of the area");
    CHECK(ownerCount(database, QStringLiteral("SELECT count(*) FROM field.activities WHERE lead_id = '%1' AND officer_name = 'Officer a' "
                                              "AND notes LIKE '%(offline)'")
                                   .arg(key(lead))) == 1);
    // The closed lead leaves the copy with its activities; the change ids are on record as applied once.
    CHECK(second.removed >= 1);
    CHECK(cacheCount(*laptop.store, QStringLiteral("SELECT count(*) FROM leads WHERE id = '%1'").arg(key(lead))) == 0);
    CHECK(cacheCount(*laptop.store, QStringLiteral("SELECT count(*) FROM activities WHERE lead_id = '%1'").arg(key(lead))) == 0);
    CHECK(ownerCount(database, QStringLiteral("SELECT count(*) FROM sync.applied_changes WHERE change_id IN ('%1', '%2') AND outcome = 'applied'")
                                   .arg(key(*logged), key(*closed))) == 2);
}

TEST_CASE("A push whose answer was lost is sent again without a second effect", "[integration][sync]")
{
    TestDatabase database;
    ocms::test::seedDemoWorld(database, 10, 0, 94, 60);
    const QString login = makeOfficer(database, QStringLiteral("b"));
    Laptop laptop(database, login);
    laptop.sync();
    const QUuid lead = firstCachedLead(*laptop.store);
    auto logged = laptop.store->field().addActivity(lead, {QStringLiteral("surveillance"), QDateTime::currentDateTimeUtc().addSecs(-60),
                                                           QStringLiteral("Parking lot"), QStringLiteral("Vehicle seen")});
    REQUIRE_OK(logged);
    const QString activityId = laptop.store->cache().scalar(QStringLiteral("SELECT id FROM activities WHERE pending_change = '%1'").arg(key(*logged)))
                                   ->toString();
    REQUIRE_FALSE(activityId.isEmpty());

    // The server applied the batch, then the connection died before the laptop heard the answer.
    SyncEngine engine(laptop.server.database(), laptop.store->field());
    SyncReport lost;
    {
        auto pending = laptop.store->field().outbox().pending();
        REQUIRE_OK(pending);
        REQUIRE(pending->size() == 1);
        auto applied = laptop.server->firstRow(
            QStringLiteral("SELECT (sync.apply_change(jsonb_build_object('id', ?::text, 'kind', 'add_activity', 'table', 'field.leads', "
                           "'target', ?::text, 'payload', ?::jsonb)))->>'outcome' AS outcome"),
            {key(*logged), key(lead), QString::fromUtf8(QJsonDocument(pending->first().payload).toJson(QJsonDocument::Compact))});
        REQUIRE_OK(applied);
        CHECK(applied->value(QStringLiteral("outcome")).toString() == u"applied");
    }
    CHECK(cacheCount(*laptop.store, QStringLiteral("SELECT count(*) FROM outbox")) == 1);
    const SyncReport again = laptop.sync();
    CHECK(again.sent == 1);
    CHECK(again.applied == 1);
    CHECK(ownerCount(database, QStringLiteral("SELECT count(*) FROM field.activities WHERE id = '%1'").arg(activityId)) == 1);
    CHECK(ownerCount(database, QStringLiteral("SELECT count(*) FROM field.activities WHERE lead_id = '%1' AND notes = 'Vehicle seen'").arg(key(lead))) == 1);
    // The server's copy replaced the offline row: one row, no longer waiting.
    CHECK(cacheCount(*laptop.store, QStringLiteral("SELECT count(*) FROM activities WHERE id = '%1' AND pending_change IS NULL").arg(activityId)) == 1);
    CHECK(cacheCount(*laptop.store, QStringLiteral("SELECT count(*) FROM activities WHERE notes = 'Vehicle seen'")) == 1);
}

TEST_CASE("An outbox of several batches reaches the server in order, each change once", "[integration][sync]")
{
    TestDatabase database;
    ocms::test::seedDemoWorld(database, 10, 0, 97, 60);
    const QString login = makeOfficer(database, QStringLiteral("m"));
    Laptop laptop(database, login);
    laptop.sync();
    const QUuid lead = firstCachedLead(*laptop.store);
    // Two full batches and a part of a third (the push sends one while it saves the answers to the last),
    // then an edit that must come after all of them.
    const int activities = 2 * SyncEngine::kChangesPerPush + 37;
    for (int i = 0; i < activities; ++i) {
        REQUIRE_OK(laptop.store->field().addActivity(lead, {QStringLiteral("systems_check"), QDateTime::currentDateTimeUtc().addSecs(-3600 + i),
                                                            QStringLiteral("Desk"), QStringLiteral("Pipelined %1").arg(i)}));
    }
    REQUIRE_OK(laptop.store->field().setLeadStatus(lead, QStringLiteral("closed"), QStringLiteral("Subject in custody elsewhere")));

    const SyncReport pushed = laptop.sync();
    CHECK(pushed.sent == activities + 1);
    CHECK(pushed.applied == activities + 1);
    CHECK(cacheCount(*laptop.store, QStringLiteral("SELECT count(*) FROM outbox")) == 0);
    CHECK(ownerCount(database, QStringLiteral("SELECT count(*) FROM field.activities WHERE lead_id = '%1' AND notes LIKE 'Pipelined %'").arg(key(lead))) ==
          activities);
    CHECK(ownerCount(database, QStringLiteral("SELECT count(DISTINCT notes) FROM field.activities WHERE lead_id = '%1' AND notes LIKE 'Pipelined %'")
                                   .arg(key(lead))) == activities);
    // In the order they were made: the server's activity ids were written in outbox order, the close last.
    CHECK(ownerCount(database, QStringLiteral("SELECT count(*) FROM (SELECT notes, row_number() OVER (ORDER BY written_xid, occurred_at) AS n "
                                              "FROM field.activities WHERE lead_id = '%1' AND notes LIKE 'Pipelined %') a "
                                              "WHERE a.notes <> 'Pipelined ' || (a.n - 1)")
                                   .arg(key(lead))) == 0);
    CHECK(ownerText(database, QStringLiteral("SELECT status FROM field.leads WHERE id = '%1'").arg(key(lead))) == u"closed");
    CHECK(ownerCount(database, QStringLiteral("SELECT count(*) FROM sync.applied_changes a JOIN core.users u ON u.id = a.user_id "
                                              "WHERE u.login = '%1' AND a.outcome = 'applied'")
                                   .arg(login)) == activities + 1);
}

TEST_CASE("A row committed late by a concurrent transaction is pulled by the next sync", "[integration][sync]")
{
    TestDatabase database;
    ocms::test::seedDemoWorld(database, 10, 0, 95, 60);
    const QString login = makeOfficer(database, QStringLiteral("c"));
    Laptop laptop(database, login);
    laptop.sync();
    const QUuid early = firstCachedLead(*laptop.store);
    const QUuid late = firstCachedLead(*laptop.store, QStringLiteral("id <> '%1'").arg(key(early)));

    // A long transaction writes the first lead (taking its xid and row_version now) but commits only later.
    SignedIn<SqlSession> slow(database, login, kPassword);
    QSqlQuery slowQuery(slow.database());
    REQUIRE(slowQuery.exec(QStringLiteral("BEGIN")));
    REQUIRE(slowQuery.exec(QStringLiteral("UPDATE field.leads SET address_line1 = '9 Late Commit Rd' WHERE id = '%1'").arg(key(early))));
    // Meanwhile a quick transaction writes the second lead and commits.
    database.exec(QStringLiteral("UPDATE field.leads SET address_line1 = '7 Quick Commit Ave' WHERE id = '%1'").arg(key(late)));

    laptop.sync();
    const auto line = [&](const QUuid& id) {
        auto detail = laptop.store->field().lead(id);
        REQUIRE_OK(detail);
        return detail->values.value(QStringLiteral("address_line1")).toString();
    };
    CHECK(line(late) == u"7 Quick Commit Ave");
    CHECK(line(early) != u"9 Late Commit Rd"); // not committed yet: not visible
    REQUIRE(slowQuery.exec(QStringLiteral("COMMIT")));
    // Its row_version is older than the quick one's, which a row_version cursor would have skipped.
    CHECK(ownerCount(database, QStringLiteral("SELECT (SELECT row_version FROM field.leads WHERE id = '%1') < "
                                              "(SELECT row_version FROM field.leads WHERE id = '%2')::int")
                                   .arg(key(early), key(late))) == 1);
    laptop.sync();
    CHECK(line(early) == u"9 Late Commit Rd");
}

TEST_CASE("What changed on the server since the last sync reaches the copy, and nothing else comes again", "[integration][sync]")
{
    TestDatabase database;
    ocms::test::seedDemoWorld(database, 10, 0, 97, 400);
    const QString login = makeOfficer(database, QStringLiteral("g"));
    Laptop laptop(database, login);
    const SyncReport first = laptop.sync();
    REQUIRE(first.leads >= 5);

    // Nothing written since: the next pull brings nothing.
    const SyncReport idle = laptop.sync();
    CHECK(idle.leads == 0);
    CHECK(idle.fugitives == 0);
    CHECK(idle.activities == 0);

    // Five cached leads of five fugitive records, each changed on the server in a different place.
    auto rows = laptop.store->cache().rows(QStringLiteral("SELECT min(id), fugitive_id FROM leads GROUP BY fugitive_id ORDER BY 2 LIMIT 5"));
    REQUIRE_OK(rows);
    REQUIRE(rows->size() == 5);
    INFO("first pull: " << first.leads << " leads, " << first.fugitives << " fugitive records");
    const auto lead = [&](int i) { return rows->at(i).at(0).toString(); };
    const auto fugitive = [&](int i) { return rows->at(i).at(1).toString(); };
    const auto person = [&](int i) { return ownerText(database, QStringLiteral("SELECT person_id FROM field.fugitives WHERE id = '%1'").arg(fugitive(i))); };
    // (A person's names may come from an authoritative system and stay as it says; the date of birth is shown on
    // the lead too.)
    database.exec(QStringLiteral("UPDATE core.people SET date_of_birth = DATE '1961-02-03' WHERE id = '%1'").arg(person(0)));
    REQUIRE(ownerText(database, QStringLiteral("SELECT date_of_birth FROM core.people WHERE id = '%1'").arg(person(0))) == u"1961-02-03");
    database.exec(QStringLiteral("INSERT INTO core.person_aliases (id, person_id, family_name, given_name) VALUES (gen_random_uuid(), '%1', 'Aliasname', 'Pulled')")
                      .arg(person(1)));
    database.exec(QStringLiteral("INSERT INTO core.addresses (id, person_id, kind, line1, city, state, zip) "
                                 "VALUES (gen_random_uuid(), '%1', 'possible', '44 Pulled Lane', 'Macon', 'GA', '31201')")
                      .arg(person(2)));
    database.exec(QStringLiteral("UPDATE field.fugitives SET gang_affiliation = 'Pulled Crew' WHERE id = '%1'").arg(fugitive(3)));
    database.exec(QStringLiteral("INSERT INTO field.activities (id, lead_id, fugitive_id, activity_type, officer_name, location, occurred_at, notes) "
                                 "VALUES (gen_random_uuid(), '%1', '%2', 'surveillance', 'Server Officer', 'Pulled Street', now(), 'Logged at the office')")
                      .arg(lead(4), fugitive(4)));

    const SyncReport next = laptop.sync();
    // The leads of the changed person (the date of birth is on the lead) and four fugitive records (person, alias, address, record);
    // the same person may stand behind more than one cached lead.
    CHECK(next.leads >= 2);
    CHECK(next.fugitives >= 4);
    CHECK(next.activities == 1);
    CHECK(next.leads < first.leads);
    CHECK(next.fugitives < first.fugitives);
    auto changedPerson = laptop.store->field().lead(QUuid(lead(0)));
    REQUIRE_OK(changedPerson);
    CHECK(changedPerson->values.value(QStringLiteral("date_of_birth")).toString() == u"1961-02-03");
    auto withAlias = laptop.store->field().fugitive(QUuid(fugitive(1)));
    REQUIRE_OK(withAlias);
    CHECK(QJsonDocument(withAlias->value(QStringLiteral("aliases")).toArray()).toJson().contains("Aliasname"));
    auto withAddress = laptop.store->field().fugitive(QUuid(fugitive(2)));
    REQUIRE_OK(withAddress);
    CHECK(QJsonDocument(withAddress->value(QStringLiteral("addresses")).toArray()).toJson().contains("44 Pulled Lane"));
    auto withGang = laptop.store->field().fugitive(QUuid(fugitive(3)));
    REQUIRE_OK(withGang);
    CHECK(withGang->value(QStringLiteral("gang_affiliation")).toString() == u"Pulled Crew");
    CHECK(cacheCount(*laptop.store, QStringLiteral("SELECT count(*) FROM activities WHERE lead_id = '%1' AND location = 'Pulled Street'").arg(lead(4))) == 1);
}

TEST_CASE("A conviction added or removed on the server reaches the copies that hold its fugitive record", "[integration][sync]")
{
    TestDatabase database;
    ocms::test::seedDemoWorld(database, 10, 0, 98, 120);
    const QString login = makeOfficer(database, QStringLiteral("v"));
    Laptop laptop(database, login);
    REQUIRE(laptop.sync().fugitives > 0);
    auto cached = laptop.store->cache().scalar(QStringLiteral("SELECT min(fugitive_id) FROM leads"));
    REQUIRE_OK(cached);
    const QString fugitive = cached->toString();
    const auto convictions = [&]() {
        auto record = laptop.store->field().fugitive(QUuid(fugitive));
        REQUIRE_OK(record);
        return QString::fromUtf8(QJsonDocument(record->value(QStringLiteral("convictions")).toArray()).toJson());
    };
    REQUIRE_FALSE(convictions().contains(u"Pulled offense"));

    const QString conviction = QUuid::createUuid().toString(QUuid::WithoutBraces);
    database.exec(QStringLiteral("INSERT INTO field.convictions (id, fugitive_id, convicted_on, offense, jurisdiction) "
                                 "VALUES ('%1', '%2', DATE '2019-05-06', 'Pulled offense', 'Fulton County, GA')")
                      .arg(conviction, fugitive));
    const SyncReport added = laptop.sync();
    CHECK(added.fugitives >= 1);
    CHECK(convictions().contains(u"Pulled offense"));

    database.exec(QStringLiteral("DELETE FROM field.convictions WHERE id = '%1'").arg(conviction));
    const SyncReport removed = laptop.sync();
    CHECK(removed.fugitives >= 1);
    CHECK_FALSE(convictions().contains(u"Pulled offense"));
    // The conviction's own audit rows say what changed (insert, then delete with its old values).
    CHECK(ownerCount(database, QStringLiteral("SELECT count(*) FROM audit.events WHERE table_name = 'field.convictions' AND record_id = '%1' "
                                              "AND changes::jsonb -> 'offense' IN ('[null, \"Pulled offense\"]', '[\"Pulled offense\", null]')")
                                   .arg(conviction)) == 2);
}

TEST_CASE("A field changed offline and on the server is kept as a conflict the user resolves", "[integration][sync]")
{
    TestDatabase database;
    ocms::test::seedDemoWorld(database, 10, 0, 96, 60);
    const QString login = makeOfficer(database, QStringLiteral("d"));
    Laptop laptop(database, login);
    laptop.sync();
    const QUuid lead = firstCachedLead(*laptop.store, QStringLiteral("status <> 'in_progress'"));
    REQUIRE_OK(laptop.store->field().setLeadStatus(lead, QStringLiteral("in_progress"), {}));
    // Meanwhile headquarters marks it invalid.
    database.exec(QStringLiteral("UPDATE field.leads SET status = 'invalid', close_reason = 'Duplicate of another lead' WHERE id = '%1'").arg(key(lead)));

    const SyncReport report = laptop.sync();
    CHECK(report.conflicts == 1);
    CHECK(report.applied == 0);
    auto problems = laptop.store->field().problems();
    REQUIRE_OK(problems);
    REQUIRE(problems->size() == 1);
    CHECK(problems->first().outcome == u"conflict");
    CHECK(problems->first().message.contains(u"status"));
    // The server kept both values; the server's value stands until the user chooses.
    CHECK(ownerText(database, QStringLiteral("SELECT (local_value #>> '{}') || '|' || (server_value #>> '{}') FROM sync.conflicts WHERE target_id = '%1'")
                                  .arg(key(lead))) == u"in_progress|invalid");
    CHECK(ownerText(database, QStringLiteral("SELECT status FROM field.leads WHERE id = '%1'").arg(key(lead))) == u"invalid");

    // The user keeps the offline value: written, and the choice audited.
    const QString conflict = ownerText(database, QStringLiteral("SELECT id::text FROM sync.conflicts WHERE target_id = '%1'").arg(key(lead)));
    REQUIRE_OK(laptop.server->exec(QStringLiteral("SELECT sync.resolve_conflict(?::uuid, 'local')"), {conflict}));
    CHECK(ownerText(database, QStringLiteral("SELECT status FROM field.leads WHERE id = '%1'").arg(key(lead))) == u"in_progress");
    CHECK(ownerCount(database, QStringLiteral("SELECT count(*) FROM audit.events WHERE table_name = 'sync.conflicts' AND record_id = '%1' "
                                              "AND action = 'update' AND db_user = '%2'")
                                   .arg(conflict, login)) == 1);
    auto twice = laptop.server->exec(QStringLiteral("SELECT sync.resolve_conflict(?::uuid, 'server')"), {conflict});
    REQUIRE_FALSE(twice);
    CHECK(twice.error().userMessage.contains(u"resolved already"));
}

TEST_CASE("An offline change to a lead the officer lost is kept, reported and the lead leaves the copy", "[integration][sync]")
{
    TestDatabase database;
    ocms::test::seedDemoWorld(database, 10, 0, 97, 60);
    const QString login = makeOfficer(database, QStringLiteral("e"));
    Laptop laptop(database, login);
    laptop.sync();
    const qint64 before = cacheCount(*laptop.store, QStringLiteral("SELECT count(*) FROM leads"));
    REQUIRE(before > 0);
    const QUuid lead = firstCachedLead(*laptop.store);
    const QString number = laptop.store->cache().scalar(QStringLiteral("SELECT lead_number FROM leads WHERE id = '%1'").arg(key(lead)))->toString();
    REQUIRE_OK(laptop.store->field().addActivity(lead, {QStringLiteral("interview"), QDateTime::currentDateTimeUtc().addSecs(-300), {},
                                                        QStringLiteral("Landlord interviewed")}));
    // While the laptop was away the officer moved to a legal support post: no field access any more.
    database.exec(QStringLiteral("REVOKE field_write FROM \"%1\"; GRANT ocms_support TO \"%1\"").arg(login));

    const SyncReport report = laptop.sync();
    CHECK(report.rejected == 1);
    auto problems = laptop.store->field().problems();
    REQUIRE_OK(problems);
    REQUIRE(problems->size() == 1);
    CHECK(problems->first().record == number);
    CHECK(problems->first().outcome == u"rejected");
    CHECK(problems->first().message.contains(u"no longer"));
    // Kept on the server with what the officer wrote, and shown to a supervisor.
    CHECK(ownerText(database, QStringLiteral("SELECT payload->>'notes' FROM sync.applied_changes WHERE record_id = '%1' AND outcome = 'rejected'")
                                  .arg(key(lead))) == u"Landlord interviewed");
    ocms::test::AsDemo<DeviceAdministration> supervisor(database, "hqfield.demo");
    auto kept = supervisor->keptChanges();
    REQUIRE_OK(kept);
    int seen = 0;
    for (qsizetype r = 0; r < kept->size(); ++r) {
        if (kept->value(r, QStringLiteral("Login")).toString() == login) {
            ++seen;
            CHECK(kept->value(r, QStringLiteral("Outcome")).toString() == u"rejected");
            CHECK(kept->value(r, QStringLiteral("Why")).toString().contains(u"no longer"));
        }
    }
    CHECK(seen == 1);
    // Another officer sees none of it.
    SignedIn<DeviceAdministration> other(database, makeOfficer(database, QStringLiteral("e2")), kPassword);
    auto hidden = other->keptChanges();
    REQUIRE_OK(hidden);
    CHECK(hidden->isEmpty());
    // What the officer may no longer see left the copy: leads, fugitive records, activities.
    CHECK(report.removed >= before);
    CHECK(cacheCount(*laptop.store, QStringLiteral("SELECT count(*) FROM leads")) == 0);
    CHECK(cacheCount(*laptop.store, QStringLiteral("SELECT count(*) FROM fugitives")) == 0);
    CHECK(cacheCount(*laptop.store, QStringLiteral("SELECT count(*) FROM activities")) == 0);
}

TEST_CASE("A wipe ordered by an administrator runs at the laptop's next contact", "[integration][sync]")
{
    TestDatabase database;
    ocms::test::seedDemoWorld(database, 10, 0, 98, 40);
    const QString login = makeOfficer(database, QStringLiteral("f"));
    Laptop laptop(database, login);
    laptop.sync();
    const QString device = key(laptop.store->deviceId());
    CHECK(ownerCount(database, QStringLiteral("SELECT count(*) FROM sync.devices WHERE id = '%1' AND last_contact_at IS NOT NULL").arg(device)) == 1);
    // The officer may not order it; an administrator may.
    auto refused = laptop.server->exec(QStringLiteral("SELECT sync.order_wipe(?::uuid)"), {device});
    CHECK_FALSE(refused);
    ocms::test::AsDemo<DeviceAdministration> admin(database, "hqfield.demo");
    auto listed = admin->devices();
    REQUIRE_OK(listed);
    REQUIRE(listed->ids.contains(laptop.store->deviceId()));
    CHECK(listed->value(listed->ids.indexOf(laptop.store->deviceId()), QStringLiteral("Login")).toString() == login);
    REQUIRE_OK(admin->orderWipe(laptop.store->deviceId()));

    const SyncReport report = laptop.sync();
    REQUIRE(report.wipeOrdered);
    REQUIRE_OK(laptop.store->wipe());
    CHECK_FALSE(OfflineStore::exists(laptop.folder.path(), login));
    CHECK_FALSE(QFile::exists(OfflineStore::directory(laptop.folder.path()) + u'/' + login + QStringLiteral(".cache")));
    REQUIRE_OK(laptop.server->exec(QStringLiteral("SELECT sync.confirm_wipe(?::uuid)"), {device}));
    CHECK(ownerCount(database, QStringLiteral("SELECT count(*) FROM sync.devices WHERE id = '%1' AND wiped_at IS NOT NULL").arg(device)) == 1);
    CHECK(ownerCount(database, QStringLiteral("SELECT count(*) FROM audit.events WHERE table_name = 'sync.devices' AND record_id = '%1' "
                                              "AND action = 'update' AND db_user = 'hqfield.demo'")
                                   .arg(device)) >= 1);
    // Unlocking offline afterwards finds nothing to open.
    auto gone = OfflineStore::unlock(laptop.folder.path(), login, kPassword);
    REQUIRE_FALSE(gone);
    CHECK(gone.error().userMessage.contains(u"no offline copy"));
}

TEST_CASE("The copy on disk shows no personal data without the key", "[integration][sync]")
{
    TestDatabase database;
    ocms::test::seedDemoWorld(database, 10, 0, 99, 40);
    const QString login = makeOfficer(database, QStringLiteral("g"));
    Laptop laptop(database, login);
    laptop.sync();
    const QUuid lead = firstCachedLead(*laptop.store);
    auto detail = laptop.store->field().lead(lead);
    REQUIRE_OK(detail);
    const QString name = detail->values.value(QStringLiteral("fugitive_name")).toString().section(u',', 0, 0);
    const QString number = detail->values.value(QStringLiteral("lead_number")).toString();
    REQUIRE(name.size() >= 4);
    const QString base = OfflineStore::directory(laptop.folder.path()) + u'/' + login;
    QByteArray bytes;
    for (const QString& suffix : {QStringLiteral(".cache"), QStringLiteral(".cache-wal"), QStringLiteral(".key")}) {
        QFile file(base + suffix);
        if (file.open(QIODevice::ReadOnly)) {
            bytes += file.readAll();
        }
    }
    REQUIRE(bytes.size() > 4096);
    CHECK_FALSE(bytes.contains(name.toUtf8()));
    CHECK_FALSE(bytes.contains(number.toUtf8()));
    CHECK_FALSE(bytes.contains("SQLite format 3"));
    // Only the user may open the folder.
    CHECK(QFile::permissions(OfflineStore::directory(laptop.folder.path())) ==
          (QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner | QFileDevice::ReadUser | QFileDevice::WriteUser |
           QFileDevice::ExeUser));
}

TEST_CASE("Offline changes are checked before they are queued", "[integration][sync]")
{
    TestDatabase database;
    ocms::test::seedDemoWorld(database, 10, 0, 100, 40);
    const QString login = makeOfficer(database, QStringLiteral("h"));
    Laptop laptop(database, login);
    laptop.sync();
    FieldCache& field = laptop.store->field();
    const QUuid lead = firstCachedLead(*laptop.store);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    auto arrestType = field.addActivity(lead, {QStringLiteral("arrest"), now, {}, {}});
    REQUIRE_FALSE(arrestType);
    CHECK(arrestType.error().userMessage.contains(u"Record arrest"));
    auto future = field.addActivity(lead, {QStringLiteral("surveillance"), now.addDays(2), {}, {}});
    REQUIRE_FALSE(future);
    CHECK(future.error().userMessage.contains(u"future"));
    auto noReason = field.setLeadStatus(lead, QStringLiteral("closed"), QStringLiteral("  "));
    REQUIRE_FALSE(noReason);
    CHECK(noReason.error().userMessage.contains(u"reason"));
    auto noPlace = field.recordArrest(lead, {now, QStringLiteral(" "), false, {}});
    REQUIRE_FALSE(noPlace);
    CHECK(noPlace.error().userMessage.contains(u"place"));
    auto unknown = field.addActivity(QUuid::createUuid(), {QStringLiteral("note"), now, {}, QStringLiteral("x")});
    REQUIRE_FALSE(unknown);
    CHECK(unknown.error().code == ErrorCode::NotFound);
    CHECK(cacheCount(*laptop.store, QStringLiteral("SELECT count(*) FROM outbox")) == 0);

    // An arrest offline: the lead shows closed and the fugitive in custody at once; on sync the server records it.
    auto arrested = field.recordArrest(lead, {now.addSecs(-1800), QStringLiteral("Gas station, 5th and Main"), true, QStringLiteral("No resistance")});
    REQUIRE_OK(arrested);
    auto shown = field.lead(lead);
    REQUIRE_OK(shown);
    CHECK(shown->values.value(QStringLiteral("status")).toString() == u"closed");
    CHECK(shown->values.value(QStringLiteral("fugitive_status")).toString() == u"in_custody");
    auto again = field.recordArrest(lead, {now, QStringLiteral("Elsewhere"), false, {}});
    REQUIRE_FALSE(again);
    CHECK(again.error().userMessage.contains(u"already"));
    const SyncReport report = laptop.sync();
    CHECK(report.applied == 1);
    CHECK(ownerCount(database, QStringLiteral("SELECT count(*) FROM field.arrests WHERE lead_id = '%1' AND place = 'Gas station, 5th and Main'")
                                   .arg(key(lead))) == 1);
    CHECK(ownerText(database, QStringLiteral("SELECT f.status FROM field.leads l JOIN field.fugitives f ON f.id = l.fugitive_id WHERE l.id = '%1'")
                                  .arg(key(lead))) == u"in_custody");
}

TEST_CASE("A password change re-locks the offline copy without re-encrypting it", "[integration][sync]")
{
    TestDatabase database;
    ocms::test::seedDemoWorld(database, 10, 0, 103, 40);
    const QString login = makeOfficer(database, QStringLiteral("p"));
    Laptop laptop(database, login);
    laptop.sync();
    const qint64 leads = cacheCount(*laptop.store, QStringLiteral("SELECT count(*) FROM leads"));
    const QString cachePath = OfflineStore::directory(laptop.folder.path()) + u'/' + login + QStringLiteral(".cache");
    laptop.store.reset(); // closed: the write-ahead log is folded into the file
    QFile before(cachePath);
    REQUIRE(before.open(QIODevice::ReadOnly));
    const QByteArray contents = QCryptographicHash::hash(before.readAll(), QCryptographicHash::Sha256);
    before.close();

    const QString newPassword = QStringLiteral("a-new-password-for-sync-2");
    const ConnectionSettings user = database.settingsFor(login, kPassword);
    auto tooShort = PasswordChange::run(user, kPassword, QStringLiteral("short"), laptop.folder.path());
    REQUIRE_FALSE(tooShort);
    CHECK(tooShort.error().userMessage.contains(u"12"));
    auto wrongCurrent = PasswordChange::run(user, QStringLiteral("not-the-current-one"), newPassword, laptop.folder.path());
    REQUIRE_FALSE(wrongCurrent);
    CHECK(wrongCurrent.error().userMessage.contains(u"current password"));
    REQUIRE_OK(PasswordChange::run(user, kPassword, newPassword, laptop.folder.path()));

    // The server takes the new password only; the copy opens with it, holds the same rows, same bytes.
    CHECK_FALSE(Session::logIn(database.ownerSettings(), login, kPassword));
    CHECK(Session::logIn(database.ownerSettings(), login, newPassword));
    auto reopened = OfflineStore::unlock(laptop.folder.path(), login, newPassword);
    REQUIRE_OK(reopened);
    CHECK(cacheCount(**reopened, QStringLiteral("SELECT count(*) FROM leads")) == leads);
    reopened->reset();
    QFile after(cachePath);
    REQUIRE(after.open(QIODevice::ReadOnly));
    CHECK(QCryptographicHash::hash(after.readAll(), QCryptographicHash::Sha256) == contents); // not re-encrypted: the same data key
    auto oldPassword = OfflineStore::unlock(laptop.folder.path(), login, kPassword);
    REQUIRE_FALSE(oldPassword);
    CHECK(oldPassword.error().userMessage.contains(u"attempts are left"));
}

TEST_CASE("A copy still locked with an earlier password is re-locked with it, and signing in counts no failed unlock", "[integration][sync]")
{
    TestDatabase database;
    ocms::test::seedDemoWorld(database, 10, 0, 104, 40);
    const QString login = makeOfficer(database, QStringLiteral("r"));
    QTemporaryDir folder;
    REQUIRE(folder.isValid());
    REQUIRE_OK(OfflineStore::openOrCreate(folder.path(), login, kPassword, KdfLimits::interactive()));
    // An administrator reset the password on the server; the copy still has the old one.
    const QString reset = QStringLiteral("reset-by-the-help-desk-3");
    for (int attempt = 0; attempt < CacheKeyFile::kMaxFailedUnlocks + 1; ++attempt) {
        auto signedIn = OfflineStore::openOrCreate(folder.path(), login, reset, KdfLimits::interactive());
        REQUIRE_FALSE(signedIn);
        CHECK(signedIn.error().userMessage.contains(u"previous password"));
    }
    CHECK(OfflineStore::exists(folder.path(), login)); // never wiped by sign-ins
    auto wrongPrevious = OfflineStore::relock(folder.path(), login, QStringLiteral("a-guess-at-the-old-one"), reset, KdfLimits::interactive());
    REQUIRE_FALSE(wrongPrevious);
    auto relocked = OfflineStore::relock(folder.path(), login, kPassword, reset, KdfLimits::interactive());
    REQUIRE_OK(relocked);
    relocked->reset();
    CHECK(OfflineStore::openOrCreate(folder.path(), login, reset, KdfLimits::interactive()));
}

TEST_CASE("An attorney's pinned cases travel with their documents and time logged offline reaches the server", "[integration][sync]")
{
    TestDatabase database;
    ocms::test::seedDemoWorld(database, 12, 8, 105, 0);
    const QString login = ocms::test::makeAttorney(database, QStringLiteral("x"), kPassword);
    // An immigration case with documents: every attorney may see it.
    const QString caseId = ocms::test::caseWithMostDocuments(database);
    REQUIRE_FALSE(caseId.isEmpty());
    const qint64 documents = ownerCount(database, QStringLiteral("SELECT count(*) FROM docs.documents WHERE case_id = '%1' AND deleted_at IS NULL").arg(caseId));
    Laptop laptop(database, login);
    REQUIRE_OK(laptop.server->exec(QStringLiteral("INSERT INTO legal.case_pins (case_id) VALUES (?::uuid)"), {caseId}));
    // Nobody pins for someone else.
    auto forOther = laptop.server->exec(QStringLiteral("INSERT INTO legal.case_pins (user_id, case_id) "
                                                      "SELECT id, ?::uuid FROM core.users WHERE login = 'officer.demo'"),
                                        {caseId});
    CHECK_FALSE(forOther);

    const SyncReport first = laptop.sync();
    CHECK(first.cases == 1);
    CHECK(first.documents == documents);
    CHECK(first.leads == 0); // no field access: nothing of field operations
    CaseCache& cases = laptop.store->cases();
    auto list = cases.caseList();
    REQUIRE_OK(list);
    REQUIRE(list->size() == 1);
    auto record = cases.caseRecord(QUuid(caseId));
    REQUIRE_OK(record);
    CHECK(record->value(QStringLiteral("case_number")).toString() ==
          ownerText(database, QStringLiteral("SELECT case_number FROM legal.cases WHERE id = '%1'").arg(caseId)));
    CHECK(record->value(QStringLiteral("hearings")).isArray());
    auto files = cases.documents(QUuid(caseId));
    REQUIRE_OK(files);
    REQUIRE(files->size() == documents);
    // The content on the laptop is the server's latest version, byte for byte.
    const QUuid document = files->ids.first();
    auto content = cases.documentContent(document);
    REQUIRE_OK(content);
    CHECK(QCryptographicHash::hash(*content, QCryptographicHash::Sha256).toHex() ==
          ownerText(database, QStringLiteral("SELECT encode(sha256(string_agg(ch.data, ''::bytea ORDER BY ch.chunk_no)), 'hex') "
                                             "FROM docs.content_chunks ch WHERE ch.content_id = (SELECT v.content_id FROM docs.versions v "
                                             "WHERE v.document_id = '%1' ORDER BY v.version_no DESC LIMIT 1)")
                                  .arg(key(document))).toLatin1());
    CHECK(content->startsWith("%PDF"));

    // Time logged offline: checked, queued, then on the server.
    auto tooLong = cases.addTimeEntry(QUuid(caseId), QDate::currentDate(), 25, {});
    REQUIRE_FALSE(tooLong);
    CHECK(tooLong.error().userMessage.contains(u"24"));
    REQUIRE_OK(cases.addTimeEntry(QUuid(caseId), QDate::currentDate(), 1.5, QStringLiteral("Prepared the hearing binder on the train")));
    auto waiting = cases.waitingTimeEntries(QUuid(caseId));
    REQUIRE_OK(waiting);
    CHECK(waiting->size() == 1);
    const SyncReport second = laptop.sync();
    CHECK(second.applied == 1);
    CHECK(ownerCount(database, QStringLiteral("SELECT count(*) FROM legal.time_entries t JOIN core.users u ON u.id = t.user_id "
                                              "WHERE t.case_id = '%1' AND u.login = '%2' AND t.hours = 1.5")
                                   .arg(caseId, login)) == 1);

    // Unpinned: the case and its documents leave the copy.
    REQUIRE_OK(laptop.server->exec(QStringLiteral("DELETE FROM legal.case_pins WHERE case_id = ?::uuid"), {caseId}));
    const SyncReport third = laptop.sync();
    CHECK(third.removed == 1 + documents);
    CHECK(cacheCount(*laptop.store, QStringLiteral("SELECT count(*) FROM cases")) == 0);
    CHECK(cacheCount(*laptop.store, QStringLiteral("SELECT count(*) FROM case_documents")) == 0);
}
