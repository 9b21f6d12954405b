#include "models/timesheetweekmodel.h"

#include "catchqt.h"

using namespace ocms;

namespace {

RecordTable entries(std::initializer_list<std::tuple<QDate, double, const char*>> rows)
{
    RecordTable table;
    table.headers = {QStringLiteral("Date"), QStringLiteral("Hours"), QStringLiteral("On"), QStringLiteral("Title"),
                     QStringLiteral("What was done"), QStringLiteral("Target")};
    for (const auto& [day, hours, target] : rows) {
        const QString key = QString::fromLatin1(target);
        table.rows.append(QVariantList{day, hours, key.section(u':', 1).toUpper(), QString(QStringLiteral("Title of ") + key), QString(), key});
        table.ids.append(QUuid::createUuid());
    }
    return table;
}

} // namespace

TEST_CASE("A week of time becomes one line per case or project, a column per day, and totals both ways", "[models][time]")
{
    TimesheetWeekModel week;
    const QDate monday(2026, 11, 16);
    week.setWeek(monday, entries({{monday, 2.5, "case:a"},
                                  {monday, 1.0, "project:b"},
                                  {monday.addDays(1), 3.0, "case:a"},
                                  {monday.addDays(1), 0.25, "case:a"},
                                  {monday.addDays(6), 1.75, "project:b"},
                                  {monday.addDays(7), 8.0, "case:a"},    // next Monday: not this week
                                  {monday.addDays(-1), 8.0, "case:a"}})); // the Sunday before
    REQUIRE(week.rowCount() == 3); // case a, project b, totals
    CHECK(week.columnCount() == 9);
    CHECK(week.hours(0, 0) == 2.5);
    CHECK(week.hours(0, 1) == 3.25);
    CHECK(week.rowTotal(0) == 5.75);
    CHECK(week.hours(1, 6) == 1.75);
    CHECK(week.rowTotal(1) == 2.75);
    CHECK(week.hours(2, 0) == 3.5);
    CHECK(week.weekTotal() == 8.5);
    CHECK(week.data(week.index(0, 0)).toString() == QStringLiteral("A — Title of case:a"));
    CHECK(week.data(week.index(2, 0)).toString() == QStringLiteral("Total"));
    CHECK(week.data(week.index(1, 3)).toString().isEmpty()); // no hours that day: an empty cell, not 0.00
    CHECK(week.headerData(1, Qt::Horizontal).toString().contains(QStringLiteral("16")));
    CHECK(week.hours(7, 0) == 0); // out of range reads as nothing
}
