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

// ---------------------------------------------------------------------------------------------------
// The batch form (0038) applies runs of activities and of field edits in a few statements each; it must
// answer and leave exactly what sending the same changes one at a time does.
namespace {

QString compact(const QJsonObject& object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

QString compact(const QJsonArray& array)
{
    return QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Compact));
}

QJsonObject activityChange(const QString& lead, const QString& notes)
{
    return {{QStringLiteral("id"), newId()},
            {QStringLiteral("kind"), QStringLiteral("add_activity")},
            {QStringLiteral("table"), QStringLiteral("field.leads")},
            {QStringLiteral("target"), lead},
            {QStringLiteral("payload"), QJsonObject{{QStringLiteral("id"), newId()},
                                                    {QStringLiteral("activity_type"), QStringLiteral("surveillance")},
                                                    {QStringLiteral("occurred_at"), QStringLiteral("2026-11-30T08:00:00Z")},
                                                    {QStringLiteral("location"), QStringLiteral("Batch Street")},
                                                    {QStringLiteral("notes"), notes}}}};
}

QJsonObject fieldsChange(const QString& lead, const QJsonObject& fields)
{
    return {{QStringLiteral("id"), newId()},
            {QStringLiteral("kind"), QStringLiteral("update_fields")},
            {QStringLiteral("table"), QStringLiteral("field.leads")},
            {QStringLiteral("target"), lead},
            {QStringLiteral("payload"), QJsonObject{{QStringLiteral("fields"), fields}}}};
}

// What a batch left, as the officer sees it: the activities, leads, kept changes and conflicts it touched.
const QString kBatchState = QStringLiteral(
    "WITH b AS (SELECT c FROM jsonb_array_elements(?::jsonb) c) "
    "SELECT concat_ws(E'\\n', "
    " (SELECT string_agg(concat_ws('|', a.id, a.lead_id, a.fugitive_id, a.activity_type, a.officer_id, a.officer_name, a.location, "
    "                              a.occurred_at, a.notes), E'\\n' ORDER BY a.id) "
    "  FROM field.activities a WHERE a.id IN (SELECT (c->'payload'->>'id')::uuid FROM b WHERE c->>'kind' = 'add_activity')), "
    " (SELECT string_agg(concat_ws('|', l.id, l.status, l.close_reason, l.address_line1, l.address_city), E'\\n' ORDER BY l.id) "
    "  FROM field.leads l WHERE l.id IN (SELECT (c->>'target')::uuid FROM b)), "
    " (SELECT string_agg(concat_ws('|', k.change_id, k.kind, k.record_id, k.outcome, k.detail, k.payload), E'\\n' ORDER BY k.change_id) "
    "  FROM sync.applied_changes k WHERE k.change_id IN (SELECT (c->>'id')::uuid FROM b)), "
    " (SELECT string_agg(concat_ws('|', x.change_id, x.target_id, x.field, x.base_value, x.local_value, x.server_value), E'\\n' "
    "                    ORDER BY x.change_id, x.field) "
    "  FROM sync.conflicts x WHERE x.change_id IN (SELECT (c->>'id')::uuid FROM b))) AS state");

struct Pushed
{
    QStringList answers;
    QString state;
};

Pushed pushBatch(SignedIn<SqlSession>& officer, const QJsonArray& batch, bool oneByOne)
{
    Pushed pushed;
    if (oneByOne) {
        for (const QJsonValue& change : batch) {
            auto answer = officer->firstRow(QStringLiteral("SELECT sync.apply_change(?::jsonb)::text AS answer"), {compact(change.toObject())});
            REQUIRE_OK(answer);
            pushed.answers.append(answer->value(QStringLiteral("answer")).toString());
        }
    } else {
        auto answers = officer->rows(QStringLiteral("SELECT a::text AS answer FROM sync.apply_changes(?::jsonb) a"), {compact(batch)});
        REQUIRE_OK(answers);
        for (const QVariantMap& row : std::as_const(*answers)) {
            pushed.answers.append(row.value(QStringLiteral("answer")).toString());
        }
    }
    auto state = officer->firstRow(kBatchState, {compact(batch)});
    REQUIRE_OK(state);
    pushed.state = state->value(QStringLiteral("state")).toString();
    return pushed;
}

// The batch sent whole, then one change at a time, each in a transaction rolled back: both leave the same.
// Then the batch is sent whole for good; its answers are returned.
QList<QJsonObject> pushCheckedAgainstOneByOne(SignedIn<SqlSession>& officer, const QJsonArray& batch)
{
    REQUIRE(officer.database().transaction());
    const Pushed whole = pushBatch(officer, batch, false);
    REQUIRE(officer.database().rollback());
    REQUIRE(officer.database().transaction());
    const Pushed single = pushBatch(officer, batch, true);
    REQUIRE(officer.database().rollback());
    REQUIRE(whole.answers.size() == batch.size());
    CHECK(whole.answers == single.answers);
    CHECK(whole.state == single.state);
    CHECK_FALSE(whole.state.isEmpty());

    const Pushed kept = pushBatch(officer, batch, false);
    CHECK(kept.answers == whole.answers);
    QList<QJsonObject> answers;
    for (const QString& answer : kept.answers) {
        answers.append(QJsonDocument::fromJson(answer.toUtf8()).object());
    }
    return answers;
}

QString outcome(const QJsonObject& answer)
{
    return answer.value(QStringLiteral("outcome")).toString();
}

QStringList leadsToWorkOn(TestDatabase& database, int count)
{
    QStringList leads;
    for (int i = 0; i < count; ++i) {
        leads.append(database.scalar(QStringLiteral("SELECT id::text FROM field.leads WHERE status = 'assigned' AND deleted_at IS NULL "
                                                    "ORDER BY lead_number OFFSET %1 LIMIT 1").arg(i)).toString());
        REQUIRE_FALSE(leads.last().isEmpty());
    }
    return leads;
}

} // namespace

TEST_CASE("A batch of offline activities with one lead gone: the others applied, that one rejected, as one by one", "[integration][sync]")
{
    TestDatabase database;
    ocms::test::seedDemoWorld(database, 20, 0, 94, 40);
    const QString officerLogin = makeOfficer(database);
    const QStringList leads = leadsToWorkOn(database, 3);
    SignedIn<SqlSession> officer(database, officerLogin, kPassword);
    database.exec(QStringLiteral("UPDATE field.leads SET deleted_at = now() WHERE id = '%1'").arg(leads[2]));

    const QJsonArray batch{activityChange(leads[0], QStringLiteral("one")), activityChange(leads[1], QStringLiteral("two")),
                           activityChange(leads[2], QStringLiteral("three, on the deleted lead")), activityChange(leads[0], QStringLiteral("four")),
                           activityChange(leads[1], QStringLiteral("five"))};
    const QList<QJsonObject> answers = pushCheckedAgainstOneByOne(officer, batch);
    REQUIRE(answers.size() == 5);
    for (int i = 0; i < answers.size(); ++i) {
        CHECK(answers[i].value(QStringLiteral("id")).toString() == batch[i].toObject().value(QStringLiteral("id")).toString());
        CHECK(outcome(answers[i]) == (i == 2 ? QStringLiteral("rejected") : QStringLiteral("applied")));
        CHECK_FALSE(answers[i].value(QStringLiteral("again")).toBool());
    }
    CHECK(answers[2].value(QStringLiteral("detail")).toObject().value(QStringLiteral("message")).toString() ==
          QStringLiteral("The lead no longer exists or you may no longer see it."));
    CHECK(database.scalar(QStringLiteral("SELECT count(*) FROM field.activities WHERE location = 'Batch Street'")).toInt() == 4);
    CHECK(database.scalar(QStringLiteral("SELECT string_agg(status, ',' ORDER BY lead_number) FROM field.leads WHERE id IN ('%1', '%2')")
                              .arg(leads[0], leads[1])).toString() == QStringLiteral("in_progress,in_progress"));
    CHECK(database.scalar(QStringLiteral("SELECT payload ->> 'notes' FROM sync.applied_changes WHERE outcome = 'rejected' AND record_id = '%1'")
                              .arg(leads[2])).toString() == QStringLiteral("three, on the deleted lead"));

    // Sent again (a sync cut after the server committed): every change answers 'again', nothing is added.
    auto replayed = officer->rows(QStringLiteral("SELECT a::text AS answer FROM sync.apply_changes(?::jsonb) a"), {compact(batch)});
    REQUIRE_OK(replayed);
    REQUIRE(replayed->size() == 5);
    for (int i = 0; i < replayed->size(); ++i) {
        const QJsonObject again = QJsonDocument::fromJson(replayed->at(i).value(QStringLiteral("answer")).toString().toUtf8()).object();
        CHECK(again.value(QStringLiteral("id")).toString() == batch[i].toObject().value(QStringLiteral("id")).toString());
        CHECK(again.value(QStringLiteral("again")).toBool());
        CHECK(outcome(again) == outcome(answers[i]));
        CHECK(again.value(QStringLiteral("detail")) == answers[i].value(QStringLiteral("detail")));
    }
    CHECK(database.scalar(QStringLiteral("SELECT count(*) FROM field.activities WHERE location = 'Batch Street'")).toInt() == 4);
    CHECK(database.scalar(QStringLiteral("SELECT count(*) FROM sync.applied_changes WHERE record_id IN ('%1', '%2', '%3')")
                              .arg(leads[0], leads[1], leads[2])).toInt() == 5);

    // Write access withdrawn (read-only now): a run of activities is refused change by change, with the reason.
    database.exec(QStringLiteral("REVOKE field_write FROM \"%1\"; GRANT field_read TO \"%1\"").arg(officerLogin));
    const QJsonArray refused{activityChange(leads[0], QStringLiteral("six")), activityChange(leads[1], QStringLiteral("seven"))};
    const QList<QJsonObject> refusals = pushCheckedAgainstOneByOne(officer, refused);
    REQUIRE(refusals.size() == 2);
    for (const QJsonObject& refusal : refusals) {
        CHECK(outcome(refusal) == u"rejected");
        CHECK_FALSE(refusal.value(QStringLiteral("detail")).toObject().value(QStringLiteral("message")).toString().isEmpty());
    }
    CHECK(database.scalar(QStringLiteral("SELECT count(*) FROM field.activities WHERE location = 'Batch Street'")).toInt() == 4);
}

TEST_CASE("A batch mixing offline activities and edits keeps their order, as one by one", "[integration][sync]")
{
    TestDatabase database;
    ocms::test::seedDemoWorld(database, 20, 0, 95, 40);
    const QString officerLogin = makeOfficer(database);
    const QStringList leads = leadsToWorkOn(database, 3);
    const QString line = database.scalar(QStringLiteral("SELECT address_line1 FROM field.leads WHERE id = '%1'").arg(leads[1])).toString();
    SignedIn<SqlSession> officer(database, officerLogin, kPassword);

    const auto invalid = [](const QString& from) {
        return QJsonObject{{QStringLiteral("status"), fieldChange(from, QStringLiteral("invalid"))},
                           {QStringLiteral("close_reason"), fieldChange(QJsonValue::Null, QStringLiteral("Subject moved away"))}};
    };
    // Lead 0: an activity (in progress), then marked invalid from in progress — applied only if the activity came first.
    // Lead 2: marked invalid from assigned, then an activity — applied only if the edit came first; the lead stays invalid.
    const QJsonArray batch{activityChange(leads[0], QStringLiteral("first")), activityChange(leads[1], QStringLiteral("second")),
                           fieldsChange(leads[0], invalid(QStringLiteral("in_progress"))),
                           fieldsChange(leads[1], {{QStringLiteral("address_line1"), fieldChange(line, QStringLiteral("1 Batch Road"))}}),
                           fieldsChange(leads[2], invalid(QStringLiteral("assigned"))), activityChange(leads[2], QStringLiteral("after the edit")),
                           activityChange(leads[0], QStringLiteral("on the invalid lead"))};
    const QList<QJsonObject> answers = pushCheckedAgainstOneByOne(officer, batch);
    REQUIRE(answers.size() == 7);
    for (const QJsonObject& answer : answers) {
        CHECK(outcome(answer) == u"applied");
    }
    CHECK(database.scalar(QStringLiteral("SELECT string_agg(status || ':' || coalesce(close_reason, '-'), ',' ORDER BY array_position(ARRAY['%1', '%2', '%3']::uuid[], id)) "
                                         "FROM field.leads WHERE id IN ('%1', '%2', '%3')")
                              .arg(leads[0], leads[1], leads[2])).toString() ==
          QStringLiteral("invalid:Subject moved away,in_progress:-,invalid:Subject moved away"));
    CHECK(database.scalar(QStringLiteral("SELECT address_line1 FROM field.leads WHERE id = '%1'").arg(leads[1])).toString() == u"1 Batch Road");
    CHECK(database.scalar(QStringLiteral("SELECT count(*) FROM field.activities WHERE location = 'Batch Street'")).toInt() == 4);
}

TEST_CASE("A run of offline field edits merges per field, conflicts kept with all three values, as one by one", "[integration][sync]")
{
    TestDatabase database;
    ocms::test::seedDemoWorld(database, 20, 0, 96, 40);
    const QString officerLogin = makeOfficer(database);
    const QStringList leads = leadsToWorkOn(database, 4);
    QStringList lines, cities;
    for (const QString& lead : leads) {
        lines.append(database.scalar(QStringLiteral("SELECT address_line1 FROM field.leads WHERE id = '%1'").arg(lead)).toString());
        cities.append(database.scalar(QStringLiteral("SELECT address_city FROM field.leads WHERE id = '%1'").arg(lead)).toString());
    }
    SignedIn<SqlSession> officer(database, officerLogin, kPassword);
    // Meanwhile on the server: lead 1's street line and lead 3's city were corrected by someone else.
    database.exec(QStringLiteral("UPDATE field.leads SET address_line1 = '2 Server Way' WHERE id = '%1'").arg(leads[1]));
    database.exec(QStringLiteral("UPDATE field.leads SET address_city = 'Server City' WHERE id = '%1'").arg(leads[3]));

    const QJsonArray batch{
        fieldsChange(leads[0], {{QStringLiteral("address_line1"), fieldChange(lines[0], QStringLiteral("10 Offline Rd"))}}),
        fieldsChange(leads[1], {{QStringLiteral("address_line1"), fieldChange(lines[1], QStringLiteral("11 Offline Rd"))}}),
        fieldsChange(leads[2], {{QStringLiteral("address_city"), fieldChange(QStringLiteral("Elsewhere"), cities[2])}}),
        fieldsChange(leads[3], {{QStringLiteral("address_line1"), fieldChange(lines[3], QStringLiteral("13 Offline Rd"))},
                                {QStringLiteral("address_city"), fieldChange(cities[3], QStringLiteral("Offline City"))}}),
        // Lead 0 again: a second run, which sees the first edit.
        fieldsChange(leads[0], {{QStringLiteral("address_line1"), fieldChange(QStringLiteral("10 Offline Rd"), QStringLiteral("10A Offline Rd"))}})};
    const QList<QJsonObject> answers = pushCheckedAgainstOneByOne(officer, batch);
    REQUIRE(answers.size() == 5);
    CHECK(outcome(answers[0]) == u"applied");
    CHECK(outcome(answers[1]) == u"conflict");
    CHECK(outcome(answers[2]) == u"applied"); // already as the user wants it
    CHECK(outcome(answers[3]) == u"conflict");
    CHECK(outcome(answers[4]) == u"applied");
    const QJsonObject detail = answers[3].value(QStringLiteral("detail")).toObject();
    CHECK(detail.value(QStringLiteral("applied")).toObject() == QJsonObject{{QStringLiteral("address_line1"), QStringLiteral("13 Offline Rd")}});
    const QJsonArray conflicts = detail.value(QStringLiteral("conflicts")).toArray();
    REQUIRE(conflicts.size() == 1);
    CHECK(conflicts[0].toObject() == QJsonObject{{QStringLiteral("field"), QStringLiteral("address_city")},
                                                 {QStringLiteral("base"), cities[3]},
                                                 {QStringLiteral("local"), QStringLiteral("Offline City")},
                                                 {QStringLiteral("server"), QStringLiteral("Server City")}});
    CHECK(database.scalar(QStringLiteral("SELECT string_agg(address_line1 || '/' || address_city, ',' ORDER BY array_position(ARRAY['%1', '%2', '%3', '%4']::uuid[], id)) "
                                         "FROM field.leads WHERE id IN ('%1', '%2', '%3', '%4')")
                              .arg(leads[0], leads[1], leads[2], leads[3])).toString() ==
          QStringLiteral("10A Offline Rd/%1,2 Server Way/%2,%3/%4,13 Offline Rd/Server City").arg(cities[0], cities[1], lines[2], cities[2]));
    CHECK(database.scalar(QStringLiteral("SELECT string_agg(field || '=' || (local_value ->> 0) || '|' || (server_value ->> 0), ',' ORDER BY field) "
                                         "FROM (SELECT field, jsonb_build_array(local_value) AS local_value, jsonb_build_array(server_value) AS server_value "
                                         "      FROM sync.conflicts WHERE target_id IN ('%1', '%2')) c")
                              .arg(leads[1], leads[3])).toString() ==
          QStringLiteral("address_city=Offline City|Server City,address_line1=11 Offline Rd|2 Server Way"));

    // A run with a column no offline change may write: that change refused, the others applied, as one by one.
    const QJsonArray refused{
        fieldsChange(leads[0], {{QStringLiteral("address_line1"), fieldChange(QStringLiteral("10A Offline Rd"), QStringLiteral("10B Offline Rd"))}}),
        fieldsChange(leads[2], {{QStringLiteral("priority_score"), fieldChange(1, 99)}}),
        fieldsChange(leads[3], {{QStringLiteral("address_line1"), fieldChange(QStringLiteral("13 Offline Rd"), QStringLiteral("13B Offline Rd"))}})};
    const QList<QJsonObject> second = pushCheckedAgainstOneByOne(officer, refused);
    REQUIRE(second.size() == 3);
    CHECK(outcome(second[0]) == u"applied");
    CHECK(outcome(second[1]) == u"rejected");
    CHECK(second[1].value(QStringLiteral("detail")).toObject().value(QStringLiteral("message")).toString() ==
          QStringLiteral("field.leads.priority_score cannot be changed offline."));
    CHECK(outcome(second[2]) == u"applied");
    CHECK(database.scalar(QStringLiteral("SELECT address_line1 FROM field.leads WHERE id = '%1'").arg(leads[3])).toString() == u"13B Offline Rd");
}
