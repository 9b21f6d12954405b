#include "caselistfilterbar.h"
#include "caselistview.h"
#include "db/syntheticdataseeder.h"
#include "eventwait.h"
#include "models/caselistmodel.h"
#include "security/demoaccounts.h"
#include "testdatabase.h"

#include <QDir>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QSettings>
#include <QTableView>
#include <QTest>

#include "catchqt.h"

using namespace ocms;
using ocms::test::TestDatabase;
using ocms::test::waitUntil;

namespace {

void seedDemo(TestDatabase& database)
{
    SeedOptions options;
    options.cases = 1200;
    options.seed = 5;
    options.asOf = QDate(2026, 11, 21);
    REQUIRE(SyntheticDataSeeder(database.connection()).run(options).has_value());
    REQUIRE(DemoAccounts::create(database.connection()).has_value());
}

ConnectionSettings attorney(TestDatabase& database)
{
    return database.settingsFor(QStringLiteral("attorney.demo"), QString::fromLatin1(DemoAccounts::kPassword));
}

bool settled(const CaseListView& view)
{
    return !view.model()->isLoading() && view.model()->isCountKnown();
}

} // namespace

TEST_CASE("Typing a name narrows the case list, and bad input is refused at the field and kept", "[ui][caselist]")
{
    QSettings().clear();
    TestDatabase database;
    seedDemo(database);
    const QString family = database.scalar(QStringLiteral(
        "SELECT p.family_name FROM legal.cases c JOIN legal.case_people cp ON cp.case_id = c.id AND cp.role = 'respondent' "
        "JOIN core.people p ON p.id = cp.person_id WHERE c.category = 'immigration' ORDER BY c.case_number LIMIT 1")).toString();
    REQUIRE_FALSE(family.isEmpty());

    CaseListView view(attorney(database));
    view.resize(1300, 700);
    view.show();
    REQUIRE(waitUntil([&] { return settled(view) && view.model()->rowCount() > 500; }));
    const int everything = view.model()->rowCount();
    CHECK(view.statusText() == QStringLiteral("%1 cases").arg(QLocale().toString(everything)));

    QTest::keyClicks(view.filterBar()->nameField(), family.toLower());
    REQUIRE(waitUntil([&] { return settled(view) && view.model()->rowCount() < everything; }));
    CHECK(view.model()->rowCount() > 0);
    const QString shown = view.model()->data(view.model()->index(0, int(CaseListColumn::Party))).toString();
    CHECK(shown.contains(family.toUpper()));

    // Letters in an A-Number: a message at the field, the text stays, the list is left as it was.
    const int narrowed = view.model()->rowCount();
    QTest::keyClicks(view.filterBar()->aNumberField(), QStringLiteral("A-12X"));
    QTest::keyClick(view.filterBar()->aNumberField(), Qt::Key_Return);
    CHECK(view.filterBar()->problem().contains(QStringLiteral("digits only")));
    CHECK(view.filterBar()->aNumberField()->text() == QStringLiteral("A-12X"));
    CHECK(view.filterBar()->aNumberField()->property("invalid").toBool());
    CHECK(view.model()->rowCount() == narrowed);

    // A date that does not exist is refused the same way.
    view.filterBar()->aNumberField()->clear();
    QTest::keyClicks(view.filterBar()->hearingFromField(), QStringLiteral("2026-02-30"));
    QTest::keyClick(view.filterBar()->hearingFromField(), Qt::Key_Return);
    CHECK(view.filterBar()->problem().contains(QStringLiteral("YYYY-MM-DD")));
    CHECK(view.filterBar()->hearingFromField()->text() == QStringLiteral("2026-02-30"));

    view.filterBar()->clear();
    REQUIRE(waitUntil([&] { return settled(view) && view.model()->rowCount() == everything; }));
    CHECK(view.filterBar()->problem().isEmpty());
    CHECK(view.grab().save(QDir::currentPath() + QStringLiteral("/caselist.png")));
}

TEST_CASE("Sorting by a header follows the server, and a column without an index keeps the order", "[ui][caselist]")
{
    QSettings().clear();
    TestDatabase database;
    seedDemo(database);
    CaseListView view(attorney(database));
    view.resize(1300, 700);
    view.show();
    REQUIRE(waitUntil([&] { return settled(view) && view.model()->rowCount() > 0; }));

    QHeaderView* header = view.table()->horizontalHeader();
    header->setSortIndicator(int(CaseListColumn::Opened), Qt::DescendingOrder);
    REQUIRE(waitUntil([&] { return settled(view) && view.model()->isRowLoaded(1); }));
    CHECK(view.model()->sortColumn() == CaseListColumn::Opened);
    const QString first = view.model()->data(view.model()->index(0, int(CaseListColumn::Opened))).toString();
    const QString second = view.model()->data(view.model()->index(1, int(CaseListColumn::Opened))).toString();
    CHECK(first >= second);
    CHECK(first == database.scalar(QStringLiteral("SELECT max(opened_on)::text FROM legal.cases c JOIN core.divisions d ON d.id = c.division_id "
                                                  "WHERE c.category = 'immigration' OR d.code = 'ILP'")).toString());

    header->setSortIndicator(int(CaseListColumn::Title), Qt::AscendingOrder);
    CHECK(header->sortIndicatorSection() == int(CaseListColumn::Opened));
    CHECK(view.model()->sortColumn() == CaseListColumn::Opened);
    CHECK(view.statusText().contains(QStringLiteral("cannot be sorted")));
}

TEST_CASE("A saved search comes back for its user in a new window", "[ui][caselist]")
{
    QSettings().clear();
    TestDatabase database;
    seedDemo(database);
    {
        CaseListView view(attorney(database));
        view.show();
        REQUIRE(waitUntil([&] { return settled(view); }));
        CaseListFilter filter;
        filter.status = QStringLiteral("closed");
        filter.aNumber = QStringLiteral("2");
        view.filterBar()->setFilter(filter);
        REQUIRE(waitUntil([&] { return settled(view) && view.model()->filter() == filter; }));
        view.saveCurrentSearch(QStringLiteral("Closed, A-Number 2…"));
        REQUIRE(waitUntil([&] { return view.savedSearchNames().contains(QStringLiteral("Closed, A-Number 2…")); }));
    }
    CaseListView again(attorney(database));
    again.show();
    REQUIRE(waitUntil([&] { return settled(again) && !again.savedSearchNames().isEmpty(); }));
    again.applySavedSearch(QStringLiteral("Closed, A-Number 2…"));
    REQUIRE(waitUntil([&] { return settled(again) && again.model()->filter().status == QStringLiteral("closed"); }));
    CHECK(again.filterBar()->aNumberField()->text() == QStringLiteral("2"));
    for (int row = 0; row < std::min(again.model()->rowCount(), 20); ++row) {
        CHECK(again.model()->data(again.model()->index(row, int(CaseListColumn::Status))).toString() == QStringLiteral("Closed"));
        CHECK(again.model()->data(again.model()->index(row, int(CaseListColumn::ANumber))).toString().startsWith(QStringLiteral("A-2")));
    }
}
