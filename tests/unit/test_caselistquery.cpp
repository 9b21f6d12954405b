#include "models/caselistcolumn.h"
#include "models/caselistfilter.h"
#include "models/caselistquery.h"

#include <QJsonDocument>

#include "catchqt.h"

using namespace ocms;

TEST_CASE("A case list filter survives a save and a load as JSON", "[models][caselist]")
{
    CaseListFilter filter;
    filter.aNumber = QStringLiteral("A-208-43");
    filter.name = QStringLiteral("Núñez, María");
    filter.similarNames = true;
    filter.caseType = QStringLiteral("removal");
    filter.court = QStringLiteral("Atlanta Immigration Court");
    filter.officeId = QUuid::createUuid();
    filter.attorneyId = QUuid::createUuid();
    filter.status = QStringLiteral("open");
    filter.hearingFrom = QDate(2026, 11, 1);
    filter.hearingTo = QDate(2026, 11, 30);
    filter.deadlineFrom = QDate(2026, 12, 1);
    filter.deadlineTo = QDate(2026, 12, 24);
    const QByteArray saved = QJsonDocument(filter.toJson()).toJson();
    CHECK(CaseListFilter::fromJson(QJsonDocument::fromJson(saved).object()) == filter);
    CHECK(CaseListFilter::fromJson({}).isEmpty());
    CHECK(CaseListFilter{}.toJson().isEmpty());
}

TEST_CASE("Case list filter input is normalised and bad input gets a clear message", "[models][caselist]")
{
    CaseListFilter filter;
    filter.aNumber = QStringLiteral("A-012-345");
    CHECK(filter.aNumberDigits() == QStringLiteral("012345"));
    CHECK(filter.validate().has_value());
    filter.name = QStringLiteral("  García,   Ana ");
    CHECK(filter.nameSearchText() == QStringLiteral("García Ana"));

    filter.aNumber = QStringLiteral("A-01B");
    auto letters = filter.validate();
    REQUIRE_FALSE(letters.has_value());
    CHECK(letters.error().code == ErrorCode::Validation);
    CHECK(letters.error().userMessage.contains(QStringLiteral("digits only")));
    REQUIRE(filter.problem().has_value());
    CHECK(filter.problem()->field == CaseListFilter::Field::ANumber);

    filter.aNumber = QStringLiteral("1234567890");
    REQUIRE_FALSE(filter.validate().has_value());

    filter.aNumber.clear();
    filter.hearingFrom = QDate(2026, 12, 1);
    filter.hearingTo = QDate(2026, 11, 1);
    auto backwards = filter.validate();
    REQUIRE_FALSE(backwards.has_value());
    CHECK(backwards.error().userMessage.contains(QStringLiteral("hearing")));
    CHECK(filter.problem()->field == CaseListFilter::Field::HearingRange);

    filter.hearingTo = QDate(2026, 12, 1);
    filter.similarNames = true;
    filter.name = QStringLiteral("Al");
    REQUIRE_FALSE(filter.validate().has_value());
}

TEST_CASE("Case list SQL binds every value the user typed and never splices it in", "[models][caselist][security]")
{
    CaseListFilter filter;
    const QString hostile = QStringLiteral("x'); DROP TABLE legal.cases; --");
    filter.name = hostile;
    filter.court = hostile;
    filter.caseType = hostile;
    filter.status = hostile;
    filter.aNumber = QStringLiteral("12345");
    const CaseListQuery query(filter, CaseListColumn::Party, Qt::DescendingOrder);
    for (const SqlStatement& statement :
         {query.firstRows(100), query.count(), query.pivots(500), query.rowsAtOffset(1000, 100),
          query.rowsFrom({hostile, QUuid::createUuid()}, true, 10, 100)}) {
        INFO(statement.sql.toStdString());
        CHECK_FALSE(statement.sql.contains(QStringLiteral("DROP")));
        CHECK(statement.sql.count(u'?') == statement.values.size());
        CHECK(statement.values.contains(QVariant(QStringLiteral("12345"))));
    }
}

TEST_CASE("Case list queries page by key in the order of the chosen column", "[models][caselist]")
{
    const CaseListQuery ascending({}, CaseListColumn::Opened, Qt::AscendingOrder);
    const SqlStatement next = ascending.rowsFrom({QStringLiteral("2026-01-02"), QUuid::createUuid()}, false, 0, 100);
    CHECK(next.sql.contains(QStringLiteral("(cl.opened_on, cl.case_id) > (CAST(? AS date), CAST(? AS uuid))")));
    CHECK(next.sql.contains(QStringLiteral("ORDER BY cl.opened_on ASC, cl.case_id ASC")));

    const CaseListQuery descending({}, CaseListColumn::ANumber, Qt::DescendingOrder);
    const SqlStatement from = descending.rowsFrom({QStringLiteral("208431775"), QUuid::createUuid()}, true, 40, 100);
    CHECK(from.sql.contains(QStringLiteral("<= (CAST(? AS text) COLLATE \"C\", CAST(? AS uuid))")));
    CHECK(from.sql.contains(QStringLiteral("DESC, cl.case_id DESC")));
    CHECK(from.values.mid(from.values.size() - 2) == QVariantList{100, 40});

    // A column without an index cannot be the sort order: the query falls back to the case number.
    const CaseListQuery unsortable({}, CaseListColumn::Title, Qt::AscendingOrder);
    CHECK(unsortable.sortColumn() == CaseListColumn::CaseNumber);

    bool found = false;
    CHECK(CaseListColumns::fromKey(QStringLiteral("next_hearing"), &found) == CaseListColumn::NextHearing);
    CHECK(found);
    CaseListColumns::fromKey(QStringLiteral("no_such_column"), &found);
    CHECK_FALSE(found);
}

TEST_CASE("A-Number and date filters use the indexed expressions", "[models][caselist]")
{
    CaseListFilter exact;
    exact.aNumber = QStringLiteral("A-208-431-775");
    const SqlStatement exactSql = CaseListQuery(exact, CaseListColumn::CaseNumber, Qt::AscendingOrder).count();
    CHECK(exactSql.sql.contains(QStringLiteral("cl.a_number COLLATE \"C\" = ?")));
    CHECK_FALSE(exactSql.sql.contains(QStringLiteral("coalesce"))); // not leakproof: row security would bar the index
    CHECK(exactSql.values == QVariantList{QStringLiteral("208431775")});

    CaseListFilter range;
    range.hearingFrom = QDate(2026, 11, 23);
    const SqlStatement open = CaseListQuery(range, CaseListColumn::CaseNumber, Qt::AscendingOrder).count();
    CHECK(open.sql.contains(QStringLiteral("cl.next_hearing_at >= CAST(? AS timestamptz)")));
    CHECK(open.sql.contains(QStringLiteral("cl.next_hearing_at < 'infinity'::timestamptz")));
    range.hearingTo = QDate(2026, 11, 30);
    const SqlStatement closed = CaseListQuery(range, CaseListColumn::CaseNumber, Qt::AscendingOrder).count();
    CHECK(closed.values == QVariantList{QStringLiteral("2026-11-23"), QStringLiteral("2026-12-01")});
}
