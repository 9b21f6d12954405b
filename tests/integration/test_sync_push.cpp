// Issue 8, the server side of pushing offline changes (migration 0033): each change applied once however
// often it is sent, field edits merged per field, a field changed on both sides kept as a conflict with
// both values, and a change the user may no longer make rejected and kept — as an officer of its own.
#include "db/sqlsession.h"
#include "demoworld.h"
#include "signedin.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUuid>

#include "catchqt.h"

using namespace ocms;
using ocms::test::SignedIn;
using ocms::test::TestDatabase;

namespace {

const QString kPassword = QStringLiteral("sync-push-password-1");

QString newId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

// An officer with read/add/update field access, unique to this test database (roles are cluster-wide).
QString makeOfficer(TestDatabase& database)
{
    const QString login = QStringLiteral("sync%1_%2").arg(QCoreApplication::applicationPid()).arg(database.name().section(u'_', -1));
    database.exec(QStringLiteral("SELECT core.create_login('%1', '%2', 'Officer Offline', '{field_write}', 'FO-ATL', '{}')").arg(login, kPassword));
    return login;
}

QJsonObject push(SignedIn<SqlSession>& officer, const QJsonObject& change)
{
    auto answer = officer->firstRow(QStringLiteral("SELECT sync.apply_change(?::jsonb)::text AS answer"),
                                    {QString::fromUtf8(QJsonDocument(change).toJson(QJsonDocument::Compact))});
    REQUIRE_OK(answer);
    return QJsonDocument::fromJson(answer->value(QStringLiteral("answer")).toString().toUtf8()).object();
}

QJsonObject fieldChange(const QJsonValue& old, const QJsonValue& now)
{
    return {{QStringLiteral("old"), old}, {QStringLiteral("new"), now}};
}

} // namespace

TEST_CASE("An offline activity is applied once however often it is pushed", "[integration][sync]")
{
    TestDatabase database;
    ocms::test::seedDemoWorld(database, 20, 0, 91, 40);
    const QString officerLogin = makeOfficer(database);
    const QString lead = database.scalar(QStringLiteral("SELECT id::text FROM field.leads WHERE status = 'assigned' ORDER BY lead_number LIMIT 1")).toString();
    REQUIRE_FALSE(lead.isEmpty());
    SignedIn<SqlSession> officer(database, officerLogin, kPassword);

    const QString activity = newId();
    const QJsonObject change{{QStringLiteral("id"), newId()},
                             {QStringLiteral("kind"), QStringLiteral("add_activity")},
                             {QStringLiteral("table"), QStringLiteral("field.leads")},
                             {QStringLiteral("target"), lead},
                             {QStringLiteral("payload"), QJsonObject{{QStringLiteral("id"), activity},
                                                                     {QStringLiteral("activity_type"), QStringLiteral("surveillance")},
                                                                     {QStringLiteral("occurred_at"), QStringLiteral("2026-11-29T06:10:00Z")},
                                                                     {QStringLiteral("notes"), QStringLiteral("Vehicle at the address (offline)")}}}};
    const QJsonObject first = push(officer, change);
    CHECK(first.value(QStringLiteral("outcome")).toString() == u"applied");
    CHECK_FALSE(first.value(QStringLiteral("again")).toBool());
    const QJsonObject second = push(officer, change);
    CHECK(second.value(QStringLiteral("outcome")).toString() == u"applied");
    CHECK(second.value(QStringLiteral("again")).toBool());
    CHECK(database.scalar(QStringLiteral("SELECT count(*) FROM field.activities WHERE id = '%1'").arg(activity)).toInt() == 1);
    CHECK(database.scalar(QStringLiteral("SELECT officer_name || '|' || notes FROM field.activities WHERE id = '%1'").arg(activity)).toString() ==
          QStringLiteral("Officer Offline|Vehicle at the address (offline)"));
    CHECK(database.scalar(QStringLiteral("SELECT status FROM field.leads WHERE id = '%1'").arg(lead)).toString() == u"in_progress");
    // The batch form answers in order, one answer per change, and a replayed batch changes nothing.
    auto batch = officer->rows(QStringLiteral("SELECT a::text AS answer FROM sync.apply_changes(?::jsonb) a"),
                               {QString::fromUtf8(QJsonDocument(QJsonArray{change, change}).toJson(QJsonDocument::Compact))});
    REQUIRE_OK(batch);
    REQUIRE(batch->size() == 2);
    CHECK(database.scalar(QStringLiteral("SELECT count(*) FROM field.activities WHERE id = '%1'").arg(activity)).toInt() == 1);
}

TEST_CASE("Offline edits merge per field, a field changed on both sides is kept as a conflict with both values", "[integration][sync]")
{
    TestDatabase database;
    ocms::test::seedDemoWorld(database, 20, 0, 92, 40);
    const QString officerLogin = makeOfficer(database);
    const QString lead = database.scalar(QStringLiteral("SELECT id::text FROM field.leads WHERE status = 'assigned' ORDER BY lead_number LIMIT 1")).toString();
    const QString line = database.scalar(QStringLiteral("SELECT address_line1 FROM field.leads WHERE id = '%1'").arg(lead)).toString();
    const QString city = database.scalar(QStringLiteral("SELECT address_city FROM field.leads WHERE id = '%1'").arg(lead)).toString();
    SignedIn<SqlSession> officer(database, officerLogin, kPassword);

    // Meanwhile on the server: the street line was corrected by someone else.
    database.exec(QStringLiteral("UPDATE field.leads SET address_line1 = '12 Corrected Way' WHERE id = '%1'").arg(lead));

    // Offline: status to in progress (untouched on the server: applied), the street line to another value
    // (changed on both sides: a conflict), the city to what it already is (nothing to do).
    const QString changeId = newId();
    const QJsonObject answer = push(officer, {{QStringLiteral("id"), changeId},
                                              {QStringLiteral("kind"), QStringLiteral("update_fields")},
                                              {QStringLiteral("table"), QStringLiteral("field.leads")},
                                              {QStringLiteral("target"), lead},
                                              {QStringLiteral("payload"),
                                               QJsonObject{{QStringLiteral("fields"),
                                                            QJsonObject{{QStringLiteral("status"), fieldChange(QStringLiteral("assigned"), QStringLiteral("in_progress"))},
                                                                        {QStringLiteral("address_line1"), fieldChange(line, QStringLiteral("14 Offline Rd"))},
                                                                        {QStringLiteral("address_city"), fieldChange(city, city)}}}}}});
    CHECK(answer.value(QStringLiteral("outcome")).toString() == u"conflict");
    CHECK(database.scalar(QStringLiteral("SELECT status || '|' || address_line1 FROM field.leads WHERE id = '%1'").arg(lead)).toString() ==
          QStringLiteral("in_progress|12 Corrected Way"));
    auto conflict = officer->firstRow(QStringLiteral("SELECT field, jsonb_build_array(base_value) ->> 0 AS base, "
                                                     "jsonb_build_array(local_value) ->> 0 AS local, jsonb_build_array(server_value) ->> 0 AS server "
                                                     "FROM sync.conflicts WHERE change_id = ?::uuid"),
                                      {changeId});
    REQUIRE_OK(conflict);
    CHECK(conflict->value(QStringLiteral("field")).toString() == u"address_line1");
    CHECK(conflict->value(QStringLiteral("base")).toString() == line);
    CHECK(conflict->value(QStringLiteral("local")).toString() == u"14 Offline Rd");
    CHECK(conflict->value(QStringLiteral("server")).toString() == u"12 Corrected Way");
    // The change is kept with what the user wrote.
    CHECK(database.scalar(QStringLiteral("SELECT payload #>> '{fields,address_line1,new}' FROM sync.applied_changes WHERE change_id = '%1'")
                              .arg(changeId)).toString() == QStringLiteral("14 Offline Rd"));
    // The user resolves it; the resolution is audited.
    REQUIRE_OK(officer->exec(QStringLiteral("UPDATE sync.conflicts SET resolved_at = now(), resolution = 'server' WHERE change_id = ?::uuid"),
                             {changeId}));
    CHECK(database.scalar(QStringLiteral("SELECT count(*) FROM audit.events WHERE table_name = 'sync.conflicts' AND action = 'update'")).toInt() == 1);
}

TEST_CASE("An offline change the user may no longer make is rejected and kept, with the reason", "[integration][sync]")
{
    TestDatabase database;
    ocms::test::seedDemoWorld(database, 20, 0, 93, 40);
    const QString officerLogin = makeOfficer(database);
    const QString lead = database.scalar(QStringLiteral("SELECT id::text FROM field.leads ORDER BY lead_number LIMIT 1")).toString();
    SignedIn<SqlSession> officer(database, officerLogin, kPassword);

    // A column no offline change may write.
    const QJsonObject score = push(officer, {{QStringLiteral("id"), newId()},
                                             {QStringLiteral("kind"), QStringLiteral("update_fields")},
                                             {QStringLiteral("table"), QStringLiteral("field.leads")},
                                             {QStringLiteral("target"), lead},
                                             {QStringLiteral("payload"), QJsonObject{{QStringLiteral("fields"),
                                                                                      QJsonObject{{QStringLiteral("priority_score"), fieldChange(1, 99)}}}}}});
    CHECK(score.value(QStringLiteral("outcome")).toString() == u"rejected");
    CHECK(score.value(QStringLiteral("detail")).toObject().value(QStringLiteral("message")).toString() ==
          QStringLiteral("field.leads.priority_score cannot be changed offline."));

    // Write access withdrawn while the laptop was away (read-only now): the activity is rejected, not lost.
    database.exec(QStringLiteral("REVOKE field_write FROM \"%1\"; GRANT field_read TO \"%1\"").arg(officerLogin));
    const QString changeId = newId();
    const QJsonObject refused = push(officer, {{QStringLiteral("id"), changeId},
                                               {QStringLiteral("kind"), QStringLiteral("add_activity")},
                                               {QStringLiteral("table"), QStringLiteral("field.leads")},
                                               {QStringLiteral("target"), lead},
                                               {QStringLiteral("payload"), QJsonObject{{QStringLiteral("id"), newId()},
                                                                                       {QStringLiteral("activity_type"), QStringLiteral("interview")},
                                                                                       {QStringLiteral("occurred_at"), QStringLiteral("2026-11-29T10:00:00Z")},
                                                                                       {QStringLiteral("notes"), QStringLiteral("Neighbour interviewed")}}}});
    CHECK(refused.value(QStringLiteral("outcome")).toString() == u"rejected");
    CHECK_FALSE(refused.value(QStringLiteral("detail")).toObject().value(QStringLiteral("message")).toString().isEmpty());
    CHECK(database.scalar(QStringLiteral("SELECT outcome || '|' || (payload ->> 'notes') FROM sync.applied_changes WHERE change_id = '%1'")
                              .arg(changeId)).toString() == QStringLiteral("rejected|Neighbour interviewed"));
    // The same change sent again gives the same answer.
    const QJsonObject again = push(officer, {{QStringLiteral("id"), changeId}, {QStringLiteral("kind"), QStringLiteral("add_activity")},
                                             {QStringLiteral("table"), QStringLiteral("field.leads")}, {QStringLiteral("target"), lead}});
    CHECK(again.value(QStringLiteral("outcome")).toString() == u"rejected");
    CHECK(again.value(QStringLiteral("again")).toBool());
}
