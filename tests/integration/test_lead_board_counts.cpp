// Issue 7, the lead board's status counts from the server's summaries (migration 0031): the summaries stay
// exact through every kind of write (a new lead, a status change, a reassignment, a soft and a hard delete,
// a many-row insert as the import account), the counts a board reads from them equal a walk of the leads for
// every filter shape, and nobody outside the field roles reads them.
#include "demoworld.h"
#include "field/leadboardquery.h"
#include "field/leadrepository.h"
#include "signedin.h"

#include <QSqlError>
#include <QSqlQuery>

#include "catchqt.h"

using namespace ocms;
using ocms::test::AsDemo;
using ocms::test::ownerCount;
using ocms::test::ownerText;
using ocms::test::TestDatabase;

namespace {

void ownerExec(TestDatabase& database, const QString& sql)
{
    QSqlQuery query(database.connection());
    INFO(sql.toStdString());
    INFO(query.lastError().text().toStdString());
    REQUIRE(query.exec(sql));
}

// Keys whose summed rows differ from a count of the live leads, over all three summaries (0: exact).
qint64 summaryDifferences(TestDatabase& database)
{
    qint64 differences = 0;
    const QList<std::pair<QString, QString>> summaries = {
        {QStringLiteral("field.lead_counts_by_zip"), QStringLiteral("address_zip")},
        {QStringLiteral("field.lead_counts_by_day"), QStringLiteral("created_day")},
        {QStringLiteral("field.lead_counts_by_source"), QStringLiteral("source_id, priority_floor")},
    };
    for (const auto& [table, columns] : summaries) {
        const QString actual = QStringLiteral(
            "SELECT team_id, status, %1, count(*) AS leads FROM (SELECT coalesce(team_id, '00000000-0000-0000-0000-000000000000') AS team_id, "
            "status, coalesce(address_zip, '') AS address_zip, (created_at AT TIME ZONE 'UTC')::date AS created_day, source_id, "
            "coalesce(floor(priority_score)::integer, -1) AS priority_floor FROM field.leads WHERE deleted_at IS NULL) l "
            "GROUP BY team_id, status, %1").arg(columns);
        const QString kept = QStringLiteral("SELECT team_id, status, %1, sum(leads) AS leads FROM %2 GROUP BY team_id, status, %1 "
                                            "HAVING sum(leads) <> 0").arg(columns, table);
        differences += ownerCount(database, QStringLiteral("SELECT count(*) FROM ((%1 EXCEPT %2) UNION ALL (%2 EXCEPT %1)) d").arg(actual, kept));
        CHECK(ownerCount(database, QStringLiteral("SELECT count(*) FROM (%1) k WHERE leads < 0").arg(kept)) == 0);
    }
    return differences;
}

QHash<QString, qint64> walked(TestDatabase& database, const LeadBoardFilter& filter)
{
    const SqlStatement statement = LeadBoardQuery(filter).walkedStatusCounts();
    QSqlQuery query(database.connection());
    REQUIRE(query.prepare(statement.sql));
    for (const QVariant& value : statement.values) {
        query.addBindValue(value);
    }
    INFO(query.lastError().text().toStdString());
    REQUIRE(query.exec());
    QHash<QString, qint64> counts;
    while (query.next()) {
        counts.insert(query.value(0).toString(), query.value(1).toLongLong());
    }
    return counts;
}

// The demo officer's team: the one officer.demo belongs to.
const QString kMyTeam = QStringLiteral("(SELECT m.team_id FROM field.team_members m JOIN core.users u ON u.id = m.user_id "
                                       "WHERE u.login = 'officer.demo')");

} // namespace

TEST_CASE("The lead count summaries stay exact through every write, and a board's counts equal a walk of the leads", "[integration][field][board]")
{
    TestDatabase database;
    ocms::test::seedDemoWorld(database, 30, 0, 73, 600);
    AsDemo<LeadRepository> officer(database, "officer.demo");
    AsDemo<LeadRepository> supervisor(database, "supervisor.demo");
    REQUIRE(ownerCount(database, QStringLiteral("SELECT count(*) FROM field.leads")) > 0);
    REQUIRE(summaryDifferences(database) == 0);

    const QUuid myTeam = QUuid::fromString(ownerText(database, QStringLiteral("SELECT %1::text").arg(kMyTeam)));
    const auto teamCount = [&](const QString& status) {
        return ownerCount(database, QStringLiteral("SELECT coalesce(sum(leads), 0) FROM field.lead_counts_by_zip WHERE team_id = %1 "
                                                   "AND status = '%2'").arg(kMyTeam, status));
    };

    SECTION("A new lead, a status change, a reassignment, a soft delete and a hard delete")
    {
        const QString fugitive = ownerText(database, QStringLiteral("SELECT fugitive_number FROM field.fugitives ORDER BY fugitive_number LIMIT 1"));
        const QString source = ownerText(database, QStringLiteral("SELECT code FROM field.lead_sources ORDER BY code LIMIT 1"));
        const QString zip = ownerText(database, QStringLiteral("SELECT address_zip FROM field.leads WHERE team_id = %1 LIMIT 1").arg(kMyTeam));
        const qint64 newBefore = teamCount(QStringLiteral("new")) + teamCount(QStringLiteral("assigned"));
        auto created = officer->create({{QStringLiteral("fugitive_number"), fugitive},
                                        {QStringLiteral("source_code"), source},
                                        {QStringLiteral("address_line1"), QStringLiteral("2 Synthetic Way")},
                                        {QStringLiteral("address_zip"), zip}});
        REQUIRE_OK(created);
        CHECK(teamCount(QStringLiteral("new")) + teamCount(QStringLiteral("assigned")) == newBefore + 1);
        CHECK(summaryDifferences(database) == 0);

        auto lead = officer->load(created->id);
        REQUIRE_OK(lead);
        const QString status = lead->values.value(QStringLiteral("status")).toString();
        REQUIRE_FALSE(status.isEmpty());
        const qint64 closedBefore = teamCount(QStringLiteral("closed"));
        const qint64 statusBefore = teamCount(status);
        REQUIRE_OK(officer->setStatus(created->id, lead->rowVersion,
                                      {{QStringLiteral("status"), QStringLiteral("closed")},
                                       {QStringLiteral("close_reason"), QStringLiteral("Subject not at the address")}}));
        CHECK(teamCount(QStringLiteral("closed")) == closedBefore + 1);
        CHECK(teamCount(status) == statusBefore - 1);
        CHECK(summaryDifferences(database) == 0);

        const QString otherTeam = ownerText(database, QStringLiteral("SELECT id::text FROM field.teams WHERE active AND id <> %1 "
                                                                     "ORDER BY code LIMIT 1").arg(kMyTeam));
        REQUIRE_OK(supervisor->reassign(created->id, QUuid::fromString(otherTeam), QStringLiteral("Subject moved")));
        CHECK(teamCount(QStringLiteral("closed")) == closedBefore);
        CHECK(ownerCount(database, QStringLiteral("SELECT coalesce(sum(leads), 0) FROM field.lead_counts_by_zip WHERE team_id = '%1' "
                                                  "AND status = 'closed' AND address_zip = '%2'").arg(otherTeam, zip)) >= 1);
        CHECK(summaryDifferences(database) == 0);

        const qint64 allBefore = ownerCount(database, QStringLiteral("SELECT sum(leads) FROM field.lead_counts_by_day"));
        ownerExec(database, QStringLiteral("UPDATE field.leads SET deleted_at = now() WHERE id = '%1'").arg(created->id.toString(QUuid::WithoutBraces)));
        CHECK(ownerCount(database, QStringLiteral("SELECT sum(leads) FROM field.lead_counts_by_day")) == allBefore - 1);
        CHECK(summaryDifferences(database) == 0);
        ownerExec(database, QStringLiteral("UPDATE field.leads SET deleted_at = NULL WHERE id = '%1'").arg(created->id.toString(QUuid::WithoutBraces)));
        CHECK(ownerCount(database, QStringLiteral("SELECT sum(leads) FROM field.lead_counts_by_day")) == allBefore);
        ownerExec(database, QStringLiteral("DELETE FROM field.lead_assignments WHERE lead_id = '%1'").arg(created->id.toString(QUuid::WithoutBraces)));
        ownerExec(database, QStringLiteral("DELETE FROM field.leads WHERE id = '%1'").arg(created->id.toString(QUuid::WithoutBraces)));
        CHECK(ownerCount(database, QStringLiteral("SELECT sum(leads) FROM field.lead_counts_by_day")) == allBefore - 1);
        CHECK(summaryDifferences(database) == 0);

        // An edit that moves no count writes no summary row (each row's version, xmin, stays as it was).
        const QString versions = QStringLiteral("SELECT md5(string_agg(xmin::text, ',' ORDER BY xmin::text)) "
                                                "FROM field.lead_counts_by_zip");
        const QString unchanged = ownerText(database, versions);
        ownerExec(database, QStringLiteral("UPDATE field.leads SET notes = 'checked' WHERE team_id = %1").arg(kMyTeam));
        CHECK(ownerText(database, versions) == unchanged);
        CHECK(summaryDifferences(database) == 0);
    }

    SECTION("An import-sized insert of many leads in one statement, as the import account, then a bulk status change")
    {
        AsDemo<LeadRepository> importer(database, "import.demo");
        const QString fugitive = ownerText(database, QStringLiteral("SELECT id::text FROM field.fugitives ORDER BY fugitive_number LIMIT 1"));
        const QString sources = ownerText(database, QStringLiteral("SELECT array_agg(id ORDER BY code)::text FROM field.lead_sources"));
        const QString zips = ownerText(database, QStringLiteral("SELECT array_agg(DISTINCT address_zip)::text FROM field.leads"));
        const qint64 before = ownerCount(database, QStringLiteral("SELECT count(*) FROM field.leads WHERE deleted_at IS NULL"));
        constexpr int kImported = 2500;
        QSqlQuery insert(importer.database());
        const QString sql = QStringLiteral(
            "INSERT INTO field.leads (id, fugitive_id, source_id, address_line1, address_zip, relevance_score, created_at) "
            "SELECT gen_random_uuid(), '%1', (s.a)[1 + g % cardinality(s.a)], 'Imported ' || g, (z.a)[1 + g % cardinality(z.a)], "
            "  g % 100, now() - make_interval(days => g % 90, hours => g % 24) "
            "FROM generate_series(1, %4) g, (SELECT '%2'::uuid[] AS a) s, (SELECT '%3'::text[] AS a) z")
                                .arg(fugitive, sources, zips).arg(kImported);
        INFO(sql.toStdString());
        const bool inserted = insert.exec(sql);
        INFO(insert.lastError().text().toStdString());
        REQUIRE(inserted);
        CHECK(ownerCount(database, QStringLiteral("SELECT count(*) FROM field.leads WHERE deleted_at IS NULL")) == before + kImported);
        CHECK(ownerCount(database, QStringLiteral("SELECT sum(leads) FROM field.lead_counts_by_zip")) == before + kImported);
        CHECK(summaryDifferences(database) == 0);

        ownerExec(database, QStringLiteral("UPDATE field.leads SET status = 'invalid', close_reason = 'Duplicate of an earlier tip' "
                                           "WHERE address_line1 LIKE 'Imported %' AND relevance_score < 50"));
        CHECK(ownerCount(database, QStringLiteral("SELECT sum(leads) FROM field.lead_counts_by_source WHERE status = 'invalid'"))
              == ownerCount(database, QStringLiteral("SELECT count(*) FROM field.leads WHERE status = 'invalid' AND deleted_at IS NULL")));
        CHECK(summaryDifferences(database) == 0);
    }

    SECTION("Every filter shape's counts equal a walk of the leads, whichever summary answers")
    {
        const QString zip = ownerText(database, QStringLiteral("SELECT address_zip FROM field.leads GROUP BY 1 ORDER BY count(*) DESC LIMIT 1"));
        const QString source = ownerText(database, QStringLiteral("SELECT s.code FROM field.leads l JOIN field.lead_sources s ON s.id = l.source_id "
                                                                  "GROUP BY s.code ORDER BY count(*) DESC LIMIT 1"));
        struct Shape
        {
            const char* name;
            LeadBoardQuery::CountSource expected;
            std::function<void(LeadBoardFilter&)> set;
        };
        const QList<Shape> shapes = {
            {"everything", LeadBoardQuery::CountSource::ByZip, [](LeadBoardFilter&) {}},
            {"ZIP prefix", LeadBoardQuery::CountSource::ByZip, [&](LeadBoardFilter& f) { f.zipPrefix = zip.left(3); }},
            {"one ZIP", LeadBoardQuery::CountSource::ByZip, [&](LeadBoardFilter& f) { f.zipPrefix = zip; }},
            {"source", LeadBoardQuery::CountSource::BySource, [&](LeadBoardFilter& f) { f.sourceCode = source; }},
            {"lowest priority", LeadBoardQuery::CountSource::BySource, [](LeadBoardFilter& f) { f.minimumPriority = 10; }},
            {"source and priority", LeadBoardQuery::CountSource::BySource, [&](LeadBoardFilter& f) {
                 f.sourceCode = source;
                 f.minimumPriority = 20;
             }},
            {"unknown source", LeadBoardQuery::CountSource::BySource, [](LeadBoardFilter& f) { f.sourceCode = QStringLiteral("NO-SUCH"); }},
            {"last 7 days", LeadBoardQuery::CountSource::ByDay, [](LeadBoardFilter& f) { f.maximumAgeDays = 7; }},
            {"today", LeadBoardQuery::CountSource::ByDay, [](LeadBoardFilter& f) { f.maximumAgeDays = 0; }},
            {"older than 31 days", LeadBoardQuery::CountSource::ByDay, [](LeadBoardFilter& f) { f.minimumAgeDays = 31; }},
            {"10 to 40 days", LeadBoardQuery::CountSource::ByDay, [](LeadBoardFilter& f) {
                 f.minimumAgeDays = 10;
                 f.maximumAgeDays = 40;
             }},
            {"exactly 3 days", LeadBoardQuery::CountSource::ByDay, [](LeadBoardFilter& f) {
                 f.minimumAgeDays = 3;
                 f.maximumAgeDays = 3;
             }},
            {"ZIP and age (walked)", LeadBoardQuery::CountSource::Walk, [&](LeadBoardFilter& f) {
                 f.zipPrefix = zip.left(2);
                 f.minimumAgeDays = 5;
             }},
            {"part priority (walked)", LeadBoardQuery::CountSource::Walk, [](LeadBoardFilter& f) { f.minimumPriority = 10.5; }},
        };
        for (const LeadBoardScope scope : {LeadBoardScope::AllTeams, LeadBoardScope::Team, LeadBoardScope::HeadquartersQueue}) {
            for (const Shape& shape : shapes) {
                LeadBoardFilter filter;
                filter.scope = scope;
                filter.teamId = myTeam;
                filter.status = QStringLiteral("all");
                shape.set(filter);
                CAPTURE(shape.name, int(scope));
                CHECK(LeadBoardQuery(filter).countSource() == shape.expected);
                auto board = supervisor->board(filter);
                REQUIRE_OK(board);
                const QHash<QString, qint64> expected = walked(database, filter);
                CHECK(expected.size() == 5);
                for (auto it = expected.cbegin(); it != expected.cend(); ++it) {
                    CAPTURE(it.key());
                    CHECK(board->statusCounts.value(it.key(), -1) == it.value());
                }
                if (scope == LeadBoardScope::AllTeams && QByteArray(shape.name) == "everything") {
                    CHECK(board->matching(QStringLiteral("all")) == ownerCount(database, QStringLiteral("SELECT count(*) FROM field.leads "
                                                                                                         "WHERE deleted_at IS NULL")));
                }
            }
        }
        // The officer's own teams (MyTeams, resolved to the one team) read the same counts as that team named.
        LeadBoardFilter mine;
        mine.status = QStringLiteral("all");
        auto board = officer->board(mine);
        REQUIRE_OK(board);
        mine.scope = LeadBoardScope::Team;
        mine.teamId = myTeam;
        CHECK(board->statusCounts == walked(database, mine));
    }
}

TEST_CASE("Only the field roles and imports read the lead count summaries, as they read the leads", "[integration][field][board]")
{
    TestDatabase database;
    ocms::test::seedDemoWorld(database, 10, 0, 74, 100);
    AsDemo<LeadRepository> reader(database, "fieldread.demo");
    AsDemo<LeadRepository> attorney(database, "attorney.demo");
    for (const char* table : {"field.lead_counts_by_zip", "field.lead_counts_by_day", "field.lead_counts_by_source"}) {
        CAPTURE(table);
        QSqlQuery read(reader.database());
        REQUIRE(read.exec(QStringLiteral("SELECT coalesce(sum(leads), 0) FROM %1").arg(QString::fromLatin1(table))));
        REQUIRE(read.next());
        CHECK(read.value(0).toLongLong() == ownerCount(database, QStringLiteral("SELECT count(*) FROM field.leads WHERE deleted_at IS NULL")));
        CHECK_FALSE(read.exec(QStringLiteral("UPDATE %1 SET leads = leads + 1").arg(QString::fromLatin1(table))));

        QSqlQuery outsider(attorney.database());
        CHECK_FALSE(outsider.exec(QStringLiteral("SELECT count(*) FROM %1").arg(QString::fromLatin1(table))));
        CHECK(outsider.lastError().text().contains(QStringLiteral("permission denied")));
    }
    // Nobody forges a count through the trigger's own functions.
    AsDemo<LeadRepository> officer(database, "officer.demo");
    QSqlQuery forged(officer.database());
    CHECK_FALSE(forged.exec(QStringLiteral("SELECT field.lead_counts_fold(ARRAY[ROW(NULL, 'new', '30303', NULL, NULL, NULL, 3, 1000)"
                                           "::field.lead_count_delta])")));
    INFO(forged.lastError().text().toStdString());
    CHECK(forged.lastError().text().contains(QStringLiteral("permission denied")));
    CHECK_FALSE(forged.exec(QStringLiteral("SELECT field.lead_counts_changed()")));
}

TEST_CASE("A write to the lead counts never waits for another's open transaction, and both count once", "[integration][field][board]")
{
    TestDatabase database;
    ocms::test::seedDemoWorld(database, 20, 0, 75, 300);
    AsDemo<LeadRepository> first(database, "officer.demo");
    AsDemo<LeadRepository> second(database, "supervisor.demo");
    // Two open leads of the same team, status and ZIP: the same summary keys.
    QSqlQuery pair(database.connection());
    REQUIRE(pair.exec(QStringLiteral("SELECT (array_agg(id::text ORDER BY id))[1], (array_agg(id::text ORDER BY id))[2] FROM field.leads "
                                     "WHERE deleted_at IS NULL AND status = 'assigned' GROUP BY team_id, address_zip "
                                     "HAVING count(*) >= 2 LIMIT 1")));
    REQUIRE(pair.next());
    const QString one = pair.value(0).toString();
    const QString other = pair.value(1).toString();
    const QString inProgress = QStringLiteral("SELECT coalesce(sum(leads), 0) FROM field.lead_counts_by_zip WHERE status = 'in_progress'");
    const qint64 before = ownerCount(database, inProgress);

    REQUIRE(first.database().transaction());
    QSqlQuery held(first.database());
    REQUIRE(held.exec(QStringLiteral("UPDATE field.leads SET status = 'in_progress' WHERE id = '%1'").arg(one)));

    QSqlQuery meanwhile(second.database());
    REQUIRE(meanwhile.exec(QStringLiteral("SET lock_timeout = '3s'")));
    const bool written = meanwhile.exec(QStringLiteral("UPDATE field.leads SET status = 'in_progress' WHERE id = '%1'").arg(other));
    INFO(meanwhile.lastError().text().toStdString());
    CHECK(written);
    CHECK(ownerCount(database, inProgress) == before + 1); // the first is not committed yet
    REQUIRE(first.database().commit());
    CHECK(ownerCount(database, inProgress) == before + 2);
    CHECK(summaryDifferences(database) == 0);
    // The next write folds the key's rows again.
    ownerExec(database, QStringLiteral("UPDATE field.leads SET status = 'assigned' WHERE id IN ('%1', '%2')").arg(one, other));
    CHECK(ownerCount(database, inProgress) == before);
    CHECK(summaryDifferences(database) == 0);
    CHECK(ownerCount(database, QStringLiteral("SELECT count(*) FROM (SELECT 1 FROM field.lead_counts_by_zip GROUP BY team_id, status, address_zip "
                                              "HAVING count(*) > 1) d")) == 0);
}
