// The lead board's SQL and filter checks, without a server: values are bound (never spliced), the ZIP
// prefix becomes a five-digit range, the order matches the board indexes, and bad filters are named.
#include "field/leadboard.h"
#include "field/leadboardquery.h"

#include "catchqt.h"

using namespace ocms;

TEST_CASE("A lead board filter binds every value the user typed and names what is wrong", "[unit][field][board]")
{
    LeadBoardFilter filter;
    filter.scope = LeadBoardScope::Team;
    filter.teamId = QUuid::createUuid();
    filter.zipPrefix = QStringLiteral("303");
    filter.sourceCode = QStringLiteral("ACME'; DROP TABLE field.leads; --");
    filter.minimumPriority = 25;
    filter.minimumAgeDays = 8;
    filter.maximumAgeDays = 30;
    filter.status = QStringLiteral("closed");
    REQUIRE(filter.problem().isEmpty());

    const SqlStatement rows = LeadBoardQuery(filter).rows();
    CHECK_FALSE(rows.sql.contains(QStringLiteral("DROP TABLE")));
    CHECK(rows.values.contains(QVariant(filter.sourceCode)));
    CHECK(rows.values.contains(QVariant(QStringLiteral("30300"))));
    CHECK(rows.values.contains(QVariant(QStringLiteral("30399"))));
    CHECK(rows.values.contains(QVariant(filter.teamId.toString(QUuid::WithoutBraces))));
    CHECK(rows.values.contains(QVariant(QStringLiteral("closed"))));
    CHECK(rows.values.contains(QVariant(31))); // "at most 30 days old": recorded after now - 31 days
    CHECK(rows.values.last() == QVariant(200));
    CHECK(rows.sql.count(u'?') == rows.values.size());
    CHECK(rows.sql.contains(QStringLiteral("ORDER BY l.priority_score DESC NULLS LAST, l.id DESC LIMIT ?")));

    const SqlStatement counts = LeadBoardQuery(filter).statusCounts();
    CHECK(counts.sql.count(u'?') == counts.values.size());
    CHECK(counts.values.last() == QVariant(LeadBoardQuery::kCountCap + 1));
    CHECK_FALSE(counts.values.contains(QVariant(QStringLiteral("closed")))); // every status is counted

    filter.zipPrefix = QStringLiteral("30310");
    CHECK(LeadBoardQuery(filter).rows().sql.contains(QStringLiteral("l.address_zip = ?")));
    filter.limit = 1'000'000;
    CHECK(LeadBoardQuery(filter).rows().values.last() == QVariant(LeadBoardQuery::kMaximumRows));

    filter.zipPrefix = QStringLiteral("3O3");
    CHECK(filter.problem().contains(QStringLiteral("1 to 5 digits")));
    filter.zipPrefix.clear();
    filter.minimumAgeDays = 40;
    CHECK(filter.problem().contains(QStringLiteral("wrong way round")));
    filter.minimumAgeDays = -1;
    filter.teamId = QUuid();
    CHECK(filter.problem().contains(QStringLiteral("team")));
}

TEST_CASE("The orders of a lead board read the board indexes forwards or backwards", "[unit][field][board]")
{
    LeadBoardFilter filter;
    filter.order = Qt::AscendingOrder;
    CHECK(LeadBoardQuery(filter).rows().sql.contains(QStringLiteral("ORDER BY l.priority_score ASC NULLS FIRST, l.id ASC LIMIT")));
    filter.sort = LeadBoardSort::Age; // ascending: youngest first
    CHECK(LeadBoardQuery(filter).rows().sql.contains(QStringLiteral("ORDER BY l.created_at DESC, l.id DESC LIMIT")));
    filter.status.clear();
    CHECK(LeadBoardQuery(filter).rows().sql.contains(QStringLiteral("l.status IN ('new', 'assigned', 'in_progress')")));
    filter.status = QStringLiteral("all");
    CHECK_FALSE(LeadBoardQuery(filter).rows().sql.contains(QStringLiteral("l.status IN")));
    CHECK_FALSE(LeadBoardQuery(filter).rows().sql.contains(QStringLiteral("l.status = ?")));
    filter.scope = LeadBoardScope::HeadquartersQueue;
    CHECK(LeadBoardQuery(filter).rows().sql.contains(QStringLiteral("l.team_id IS NULL")));
}

TEST_CASE("A board's counts say how many leads the status filter stands for, and when the cap was reached", "[unit][field][board]")
{
    LeadBoard board;
    board.statusCounts = {{QStringLiteral("new"), 3}, {QStringLiteral("assigned"), 4}, {QStringLiteral("in_progress"), 5},
                          {QStringLiteral("closed"), LeadBoardQuery::kCountCap + 1}, {QStringLiteral("invalid"), 0}};
    CHECK(board.matching(QString()) == 12);
    CHECK(board.matching(QStringLiteral("assigned")) == 4);
    CHECK_FALSE(board.countsCapped(QString()));
    CHECK(board.countsCapped(QStringLiteral("closed")));
    CHECK(board.countsCapped(QStringLiteral("all")));
}

TEST_CASE("A board's counts come from the summary that covers its filters, else from a walk of the indexes", "[unit][field][board]")
{
    using Source = LeadBoardQuery::CountSource;
    const auto check = [](const LeadBoardFilter& filter, Source expected, const QString& fragment) {
        const LeadBoardQuery query(filter);
        CHECK(query.countSource() == expected);
        const SqlStatement counts = query.statusCounts();
        CHECK(counts.sql.count(u'?') == counts.values.size());
        CHECK(counts.values.last() == QVariant(LeadBoardQuery::kCountCap + 1));
        CHECK(counts.sql.contains(fragment));
        const QHash<Source, QString> tables = {{Source::ByZip, QStringLiteral("lead_counts_by_zip")},
                                               {Source::ByDay, QStringLiteral("lead_counts_by_day")},
                                               {Source::BySource, QStringLiteral("lead_counts_by_source")}};
        for (auto it = tables.cbegin(); it != tables.cend(); ++it) {
            CHECK(counts.sql.contains(it.value()) == (it.key() == expected));
        }
    };
    LeadBoardFilter filter;
    filter.scope = LeadBoardScope::Team;
    filter.teamId = QUuid::createUuid();
    check(filter, Source::ByZip, QStringLiteral("lead_counts_by_zip"));
    filter.status = QStringLiteral("closed"); // the status filter never narrows the counts
    check(filter, Source::ByZip, QStringLiteral("lead_counts_by_zip"));
    filter.zipPrefix = QStringLiteral("303");
    check(filter, Source::ByZip, QStringLiteral("c.address_zip BETWEEN ? AND ?"));
    filter.minimumAgeDays = 91;
    check(filter, Source::Walk, QStringLiteral("LIMIT ?"));
    filter.zipPrefix.clear();
    check(filter, Source::ByDay, QStringLiteral("lead_counts_by_day"));
    filter.maximumAgeDays = 120;
    check(filter, Source::ByDay, QStringLiteral("greatest("));
    filter.minimumAgeDays = filter.maximumAgeDays = -1;
    filter.minimumPriority = 10;
    check(filter, Source::BySource, QStringLiteral("c.priority_floor >= ?"));
    filter.sourceCode = QStringLiteral("ACME");
    check(filter, Source::BySource, QStringLiteral("lead_counts_by_source"));
    CHECK(LeadBoardQuery(filter).statusCounts().values.contains(QVariant(QStringLiteral("ACME"))));
    filter.minimumPriority = 10.5; // the summary keeps whole priorities only
    check(filter, Source::Walk, QStringLiteral("LIMIT ?"));
    filter.minimumPriority = 0;
    filter.zipPrefix = QStringLiteral("30310");
    check(filter, Source::Walk, QStringLiteral("LIMIT ?"));
    filter = LeadBoardFilter{};
    filter.scope = LeadBoardScope::HeadquartersQueue;
    check(filter, Source::ByZip, QStringLiteral("c.team_id = '00000000-0000-0000-0000-000000000000'"));
}
