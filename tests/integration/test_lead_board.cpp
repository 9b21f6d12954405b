// Issue 7, the Field operations workspace's server side: the lead board's filters, order and counts
// against hand-written SQL over a seeded world, the lead screen's writes (activities, corrections,
// arrest, status, reassignment) and the fugitive record's, each as the demo officer of the right role.
#include "demoworld.h"
#include "field/fugitiverepository.h"
#include "field/leadboardquery.h"
#include "field/leadrepository.h"
#include "field/nonfugitivearrestrepository.h"
#include "signedin.h"

#include <QDateTime>
#include <QSqlQuery>

#include "catchqt.h"

using namespace ocms;
using ocms::test::AsDemo;
using ocms::test::ownerCount;
using ocms::test::ownerText;
using ocms::test::TestDatabase;

namespace {

// The demo officer's team: the one officer.demo belongs to.
const QString kMyTeam = QStringLiteral("(SELECT m.team_id FROM field.team_members m JOIN core.users u ON u.id = m.user_id "
                                       "WHERE u.login = 'officer.demo')");

} // namespace

TEST_CASE("The lead board shows the officer's team's open leads by priority, counted by status as SQL counts them", "[integration][field][board]")
{
    TestDatabase database;
    ocms::test::seedDemoWorld(database, 40, 0, 71, 900);
    AsDemo<LeadRepository> officer(database, "officer.demo");

    LeadBoardFilter filter; // my teams, open, by priority
    auto board = officer->board(filter);
    REQUIRE_OK(board);
    const QString team = ownerText(database, QStringLiteral("SELECT code FROM field.teams WHERE id = %1").arg(kMyTeam));
    const qint64 open = ownerCount(database, QStringLiteral("SELECT count(*) FROM field.leads WHERE team_id = %1 AND deleted_at IS NULL "
                                                            "AND status IN ('new', 'assigned', 'in_progress')").arg(kMyTeam));
    REQUIRE(open > 0);
    CHECK(board->rows.size() == std::min<qint64>(open, filter.limit));
    for (qsizetype row = 0; row < board->rows.size(); ++row) {
        const LeadBoardRow& lead = board->rows.at(row);
        CHECK(lead.team == team);
        CHECK(LeadBoardQuery::openStatuses().contains(lead.status));
        if (row > 0) {
            CHECK(board->rows.at(row - 1).priority >= lead.priority);
        }
    }
    for (const char* status : {"new", "assigned", "in_progress", "closed", "invalid"}) {
        CAPTURE(status);
        CHECK(board->statusCounts.value(QString::fromLatin1(status))
              == ownerCount(database, QStringLiteral("SELECT count(*) FROM field.leads WHERE team_id = %1 AND deleted_at IS NULL "
                                                     "AND status = '%2'").arg(kMyTeam, QString::fromLatin1(status))));
    }
    CHECK(board->matching(QString()) == open);

    SECTION("Status, ZIP prefix, source, age and lowest priority filter as their SQL does")
    {
        const QString zip = ownerText(database, QStringLiteral("SELECT address_zip FROM field.leads WHERE team_id = %1 "
                                                               "GROUP BY address_zip ORDER BY count(*) DESC LIMIT 1").arg(kMyTeam));
        filter.status = QStringLiteral("all");
        filter.zipPrefix = zip.left(4);
        auto byZip = officer->board(filter);
        REQUIRE_OK(byZip);
        REQUIRE_FALSE(byZip->rows.isEmpty());
        CHECK(byZip->matching(QStringLiteral("all"))
              == ownerCount(database, QStringLiteral("SELECT count(*) FROM field.leads WHERE team_id = %1 AND address_zip LIKE '%2%'")
                                          .arg(kMyTeam, zip.left(4))));
        for (const LeadBoardRow& lead : byZip->rows) {
            CHECK(lead.zip.startsWith(zip.left(4)));
        }

        filter = LeadBoardFilter{};
        filter.status = QStringLiteral("closed");
        filter.sort = LeadBoardSort::Age;
        filter.order = Qt::DescendingOrder; // oldest first
        auto closed = officer->board(filter);
        REQUIRE_OK(closed);
        for (qsizetype row = 0; row < closed->rows.size(); ++row) {
            CHECK(closed->rows.at(row).status == u"closed");
            if (row > 0) {
                CHECK(closed->rows.at(row - 1).recordedAt <= closed->rows.at(row).recordedAt);
            }
        }

        filter = LeadBoardFilter{};
        filter.status = QStringLiteral("all");
        filter.minimumAgeDays = 31;
        filter.minimumPriority = 10;
        const QString source = ownerText(database, QStringLiteral("SELECT s.code FROM field.leads l JOIN field.lead_sources s ON s.id = l.source_id "
                                                                  "WHERE l.team_id = %1 GROUP BY s.code ORDER BY count(*) DESC LIMIT 1").arg(kMyTeam));
        filter.sourceCode = source;
        auto narrowed = officer->board(filter);
        REQUIRE_OK(narrowed);
        CHECK(narrowed->matching(QStringLiteral("all"))
              == ownerCount(database, QStringLiteral("SELECT count(*) FROM field.leads l JOIN field.lead_sources s ON s.id = l.source_id "
                                                     "WHERE l.team_id = %1 AND s.code = '%2' AND l.priority_score >= 10 "
                                                     "AND l.created_at <= now() - interval '31 days'").arg(kMyTeam, source)));
        for (const LeadBoardRow& lead : narrowed->rows) {
            CHECK(lead.priority >= 10);
            CHECK(lead.recordedAt.daysTo(QDateTime::currentDateTimeUtc()) >= 31);
        }
    }

    SECTION("A bad ZIP filter is refused with a clear message, not sent")
    {
        filter.zipPrefix = QStringLiteral("30a");
        auto refused = officer->board(filter);
        REQUIRE_FALSE(refused);
        CHECK(refused.error().code == ErrorCode::Validation);
        CHECK(refused.error().userMessage.contains(QStringLiteral("1 to 5 digits")));
    }
}

TEST_CASE("A lead with no team for its ZIP waits in the headquarters queue, headquarters assigns it and the history says so", "[integration][field][board]")
{
    TestDatabase database;
    ocms::test::seedDemoWorld(database, 20, 0, 72, 200);
    AsDemo<LeadRepository> officer(database, "officer.demo");
    AsDemo<LeadRepository> supervisor(database, "supervisor.demo");
    const QString fugitive = ownerText(database, QStringLiteral("SELECT fugitive_number FROM field.fugitives ORDER BY fugitive_number LIMIT 1"));
    const QString source = ownerText(database, QStringLiteral("SELECT code FROM field.lead_sources ORDER BY code LIMIT 1"));
    REQUIRE(ownerCount(database, QStringLiteral("SELECT count(*) FROM field.jurisdictions WHERE zip = '99950'")) == 0);

    auto created = officer->create({{QStringLiteral("fugitive_number"), fugitive.toLower()},
                                    {QStringLiteral("source_code"), source},
                                    {QStringLiteral("address_line1"), QStringLiteral("1 Synthetic Way")},
                                    {QStringLiteral("address_zip"), QStringLiteral("99950")}});
    REQUIRE_OK(created);
    CHECK(created->number.startsWith(QStringLiteral("LEAD-")));

    LeadBoardFilter queue;
    queue.scope = LeadBoardScope::HeadquartersQueue;
    auto waiting = supervisor->board(queue);
    REQUIRE_OK(waiting);
    REQUIRE(waiting->rows.size() == 1);
    CHECK(waiting->rows.first().id == created->id);
    CHECK(waiting->rows.first().team.isEmpty());

    // The officer may not assign by hand; headquarters may, with a reason.
    const QUuid team = QUuid::fromString(ownerText(database, QStringLiteral("SELECT %1::text").arg(kMyTeam)));
    auto refused = officer->reassign(created->id, team, QStringLiteral("Mine"));
    REQUIRE_FALSE(refused);
    CHECK(refused.error().code == ErrorCode::PermissionDenied);
    REQUIRE_OK(supervisor->reassign(created->id, team, QStringLiteral("Subject seen near Atlanta")));
    auto lead = supervisor->load(created->id);
    REQUIRE_OK(lead);
    CHECK(lead->values.value(QStringLiteral("status")).toString() == u"assigned");
    REQUIRE(lead->history.size() == 2);
    CHECK(lead->history.value(0, QStringLiteral("To")).toString() == u"Headquarters queue");
    CHECK(lead->history.value(1, QStringLiteral("From")).toString() == u"Headquarters queue");
    CHECK(lead->history.value(1, QStringLiteral("Reason")).toString() == u"Subject seen near Atlanta");
    CHECK(lead->history.value(1, QStringLiteral("By")).toString() == u"Grace Okonkwo-Hale");
    auto after = supervisor->board(queue);
    REQUIRE_OK(after);
    CHECK(after->rows.isEmpty());
}

TEST_CASE("On a lead: activities are appended and corrected, the arrest puts the fugitive in custody, status needs a reason", "[integration][field][board]")
{
    TestDatabase database;
    ocms::test::seedDemoWorld(database, 20, 0, 73, 300);
    AsDemo<LeadRepository> officer(database, "officer.demo");
    AsDemo<LeadRepository> reader(database, "fieldread.demo");
    const QUuid leadId = QUuid::fromString(ownerText(database, QStringLiteral(
        "SELECT l.id::text FROM field.leads l JOIN field.fugitives f ON f.id = l.fugitive_id WHERE l.team_id = %1 "
        "AND l.status = 'assigned' AND f.status = 'at_large' ORDER BY l.lead_number LIMIT 1").arg(kMyTeam)));
    REQUIRE_FALSE(leadId.isNull());
    const QString office = ownerText(database, QStringLiteral("SELECT id::text FROM core.offices WHERE code = 'FO-ATL'"));

    const QVariantMap check = {{QStringLiteral("activity_type"), QStringLiteral("address_check")},
                               {QStringLiteral("occurred_at"), QDateTime::currentDateTime().addSecs(-3600)},
                               {QStringLiteral("location"), QStringLiteral("12 Synthetic St")},
                               {QStringLiteral("notes"), QStringLiteral("No answer at the door")}};
    auto refused = reader->addActivity(leadId, check);
    REQUIRE_FALSE(refused);
    CHECK(refused.error().code == ErrorCode::PermissionDenied);
    REQUIRE_OK(officer->addActivity(leadId, check));
    auto lead = officer->load(leadId);
    REQUIRE_OK(lead);
    CHECK(lead->values.value(QStringLiteral("status")).toString() == u"in_progress"); // work has started
    REQUIRE(lead->activities.size() >= 1);
    CHECK(lead->activities.value(0, QStringLiteral("Officer")).toString() == u"Rafael Dunmore");
    const QUuid first = lead->activities.ids.first();

    QVariantMap corrected = check;
    corrected.insert(QStringLiteral("notes"), QStringLiteral("Neighbour says the subject moved out in October"));
    REQUIRE_OK(officer->addActivity(leadId, corrected, first));
    lead = officer->load(leadId);
    REQUIRE_OK(lead);
    CHECK(lead->activities.value(0, QStringLiteral("Corrects")).toString().startsWith(QStringLiteral("Address Check of ")));
    CHECK(ownerText(database, QStringLiteral("SELECT notes FROM field.activities WHERE id = '%1'").arg(first.toString(QUuid::WithoutBraces)))
          == u"No answer at the door"); // the original stays as it was

    SECTION("Closing needs a reason and an old version is refused")
    {
        auto noReason = officer->setStatus(leadId, lead->rowVersion, {{QStringLiteral("status"), QStringLiteral("closed")}});
        REQUIRE_FALSE(noReason);
        CHECK(noReason.error().userMessage.contains(QStringLiteral("reason")));
        auto closed = officer->setStatus(leadId, lead->rowVersion, {{QStringLiteral("status"), QStringLiteral("closed")},
                                                                    {QStringLiteral("close_reason"), QStringLiteral("Subject moved out of state")}});
        REQUIRE_OK(closed);
        CHECK(ownerText(database, QStringLiteral("SELECT closed_at IS NOT NULL FROM field.leads WHERE id = '%1'")
                                      .arg(leadId.toString(QUuid::WithoutBraces))) == u"true");
        auto stale = officer->setStatus(leadId, lead->rowVersion, {{QStringLiteral("status"), QStringLiteral("in_progress")}});
        REQUIRE_FALSE(stale);
        CHECK(stale.error().code == ErrorCode::Conflict);
        CHECK(stale.error().userMessage.contains(QStringLiteral("Rafael Dunmore")));
        // Reopened: the stamp and the reason go.
        REQUIRE_OK(officer->setStatus(leadId, *closed, {{QStringLiteral("status"), QStringLiteral("in_progress")}}));
        CHECK(ownerText(database, QStringLiteral("SELECT (closed_at IS NULL AND close_reason IS NULL)::text FROM field.leads WHERE id = '%1'")
                                      .arg(leadId.toString(QUuid::WithoutBraces))) == u"true");
    }

    SECTION("The arrest is recorded with place and date; the fugitive is in custody and the lead closed")
    {
        REQUIRE_OK(officer->recordArrest(leadId, {{QStringLiteral("arrested_at"), QDateTime::currentDateTime().addSecs(-600)},
                                                  {QStringLiteral("place"), QStringLiteral("12 Synthetic St, Atlanta")},
                                                  {QStringLiteral("office_id"), office},
                                                  {QStringLiteral("criminal"), false}}));
        lead = officer->load(leadId);
        REQUIRE_OK(lead);
        CHECK(lead->values.value(QStringLiteral("status")).toString() == u"closed");
        CHECK(lead->values.value(QStringLiteral("fugitive_status")).toString() == u"in_custody");
        CHECK(lead->activities.value(0, QStringLiteral("Activity")).toString() == u"arrest");
        auto again = officer->recordArrest(leadId, {{QStringLiteral("arrested_at"), QDateTime::currentDateTime()},
                                                    {QStringLiteral("place"), QStringLiteral("Elsewhere")},
                                                    {QStringLiteral("office_id"), office},
                                                    {QStringLiteral("criminal"), false}});
        REQUIRE_FALSE(again);
        CHECK(again.error().userMessage.contains(QStringLiteral("in custody already")));
    }
}

TEST_CASE("A fugitive record is created, edited with a version check, and its convictions raise its leads' priority", "[integration][field][board]")
{
    TestDatabase database;
    ocms::test::seedDemoWorld(database, 20, 0, 74, 100);
    AsDemo<FugitiveRepository> officer(database, "officer.demo");
    AsDemo<FugitiveRepository> reader(database, "fieldread.demo");
    const QString office = ownerText(database, QStringLiteral("SELECT id::text FROM core.offices WHERE code = 'FO-ATL'"));

    const QVariantMap values = {{QStringLiteral("family_name"), QStringLiteral("Quillfeather")},
                                {QStringLiteral("given_name"), QStringLiteral("Odalys")},
                                {QStringLiteral("date_of_birth"), QDate(1988, 2, 29)},
                                {QStringLiteral("a_number"), QStringLiteral("208415996")},
                                {QStringLiteral("ssn"), QStringLiteral("219099999")},
                                {QStringLiteral("office_id"), office}};
    auto refused = reader->create(values);
    REQUIRE_FALSE(refused);
    CHECK(refused.error().code == ErrorCode::PermissionDenied);
    auto created = officer->create(values);
    REQUIRE_OK(created);
    CHECK(created->number.startsWith(QStringLiteral("FUG-")));

    auto record = officer->load(created->id);
    REQUIRE_OK(record);
    CHECK(record->values.value(QStringLiteral("family_name")).toString() == u"Quillfeather");
    CHECK(record->values.value(QStringLiteral("status")).toString() == u"at_large");
    CHECK(record->values.value(QStringLiteral("threat_score")).toDouble() == 0);

    // Biography and criminal history in one save; the server refuses a malformed FBI number even when
    // the client's check is skipped.
    auto badFbi = officer->save(created->id, record->rowVersion, {{QStringLiteral("fbi_number"), QStringLiteral("12-34")}});
    REQUIRE_FALSE(badFbi);
    CHECK(badFbi.error().code == ErrorCode::Validation);
    auto saved = officer->save(created->id, record->rowVersion,
                               {{QStringLiteral("given_name"), QStringLiteral("Odalys Maren")},
                                {QStringLiteral("fbi_number"), QStringLiteral("123456AB9")},
                                {QStringLiteral("prior_apprehensions"), QStringLiteral("2019-04-02, 2021-11-30")},
                                {QStringLiteral("gang_affiliation"), QStringLiteral("Synthetic Set 9")}});
    REQUIRE_OK(saved);
    auto stale = officer->save(created->id, record->rowVersion, {{QStringLiteral("given_name"), QStringLiteral("Other")}});
    REQUIRE_FALSE(stale);
    CHECK(stale.error().code == ErrorCode::Conflict);
    record = officer->load(created->id);
    REQUIRE_OK(record);
    CHECK(record->values.value(QStringLiteral("given_name")).toString() == u"Odalys Maren");
    CHECK(record->values.value(QStringLiteral("prior_apprehensions")).toString() == u"2019-04-02, 2021-11-30");
    CHECK(record->values.value(QStringLiteral("threat_score")).toDouble() == 40); // gang member

    REQUIRE_OK(officer->addConviction(created->id, {{QStringLiteral("offense"), QStringLiteral("Armed robbery")},
                                                    {QStringLiteral("convicted_on"), QDate(2015, 6, 1)}}));
    REQUIRE_OK(officer->addAlias(created->id, {{QStringLiteral("family_name"), QStringLiteral("Quilfeather")}}));
    REQUIRE_OK(officer->addPossibleAddress(created->id, {{QStringLiteral("line1"), QStringLiteral("7 Synthetic Ct")},
                                                         {QStringLiteral("zip"), QStringLiteral("30310")}}));
    record = officer->load(created->id);
    REQUIRE_OK(record);
    CHECK(record->values.value(QStringLiteral("threat_score")).toDouble() == 70); // gang 40 + violent 30
    CHECK(record->convictions.size() == 1);
    CHECK(record->aliases.size() == 1);
    CHECK(record->addresses.size() == 1);

    auto status = officer->setStatus(created->id, record->rowVersion,
                                     {{QStringLiteral("status"), QStringLiteral("incarcerated")},
                                      {QStringLiteral("status_reason"), QStringLiteral("Serving a state sentence (synthetic)")}});
    REQUIRE_OK(status);

    auto byNumber = officer->find(created->number.toLower());
    REQUIRE_OK(byNumber);
    REQUIRE(byNumber->size() == 1);
    auto byANumber = officer->find(QStringLiteral("A-208-415-996"));
    REQUIRE_OK(byANumber);
    REQUIRE(byANumber->size() == 1);
    auto byName = officer->find(QStringLiteral("quill"));
    REQUIRE_OK(byName);
    CHECK(byName->ids.contains(created->id));
}

TEST_CASE("A non-fugitive arrest is recorded with A-Number, date and place only, read-only officers cannot", "[integration][field][board]")
{
    TestDatabase database;
    ocms::test::seedDemoWorld(database, 10, 0, 75, 20);
    AsDemo<NonFugitiveArrestRepository> officer(database, "officer.demo");
    AsDemo<NonFugitiveArrestRepository> reader(database, "fieldread.demo");
    const QString office = ownerText(database, QStringLiteral("SELECT id::text FROM core.offices WHERE code = 'FO-ATL'"));
    const QVariantMap values = {{QStringLiteral("a_number"), QStringLiteral("301234567")},
                                {QStringLiteral("arrested_on"), QDate::currentDate()},
                                {QStringLiteral("place"), QStringLiteral("Synthetic Ave, Atlanta")},
                                {QStringLiteral("office_id"), office},
                                {QStringLiteral("criminal"), true}};
    auto refused = reader->record(values);
    REQUIRE_FALSE(refused);
    CHECK(refused.error().code == ErrorCode::PermissionDenied);
    REQUIRE_OK(officer->record(values));
    CHECK(ownerCount(database, QStringLiteral("SELECT count(*) FROM field.nonfugitive_arrests WHERE a_number = '301234567' AND criminal")) == 1);
}
