// The calendar workspace offscreen: week, month and day views, navigation, a double booking highlighted,
// a deadline's working in its tooltip, a case opened by double-click, and the shown period exported.
#include "calendarview.h"
#include "db/syntheticdataseeder.h"
#include "eventwait.h"
#include "models/calendarmodel.h"
#include "security/demoaccounts.h"
#include "testdatabase.h"

#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QListWidget>
#include <QSettings>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>

#include "catchqt.h"

using namespace ocms;
using ocms::test::TestDatabase;
using ocms::test::waitUntil;

TEST_CASE("The calendar shows a week with a double booking highlighted, switches views and exports iCalendar", "[ui][calendar]")
{
    QSettings().clear();
    TestDatabase database;
    SeedOptions options;
    options.cases = 40;
    options.seed = 17;
    options.asOf = QDate(2026, 11, 21);
    REQUIRE(SyntheticDataSeeder(database.connection()).run(options).has_value());
    REQUIRE(DemoAccounts::create(database.connection()).has_value());
    // Two of Alma's cases with hearings at 09:00 (three hours) and 10:00 on Tuesday 5 January 2027.
    database.exec(QStringLiteral(
        "WITH picked AS (SELECT id, row_number() OVER (ORDER BY case_number) AS n FROM legal.cases "
        "                WHERE category = 'immigration' ORDER BY case_number LIMIT 2) "
        "INSERT INTO legal.case_staff (case_id, user_id, role) SELECT p.id, u.id, 'attorney' FROM picked p, core.users u "
        "WHERE u.login = 'attorney.demo' ON CONFLICT DO NOTHING"));
    database.exec(QStringLiteral(
        "INSERT INTO legal.hearings (id, case_id, hearing_type, scheduled_at, location) "
        "SELECT gen_random_uuid(), c.id, CASE WHEN c.n = 1 THEN 'individual' ELSE 'master_calendar' END, "
        "       (DATE '2027-01-05' + CASE WHEN c.n = 1 THEN TIME '09:00' ELSE TIME '10:00' END)::timestamp AT TIME ZONE current_setting('TimeZone'), "
        "       'Atlanta Immigration Court' "
        "FROM (SELECT id, row_number() OVER (ORDER BY case_number) AS n FROM legal.cases WHERE category = 'immigration' "
        "      ORDER BY case_number LIMIT 2) c"));
    const QString firstCase = database.scalar(QStringLiteral("SELECT id FROM legal.cases WHERE category = 'immigration' ORDER BY case_number LIMIT 1")).toString();

    CalendarView view(database.settingsFor(QStringLiteral("attorney.demo"), QString::fromLatin1(DemoAccounts::kPassword)));
    view.resize(1400, 860);
    view.show();
    view.setAnchor(QDate(2027, 1, 5));
    REQUIRE(waitUntil([&] { return view.isLoaded() && view.choicesLoaded(); }));
    CHECK(view.from() == QDate(2027, 1, 4));
    CHECK(view.to() == QDate(2027, 1, 10));
    REQUIRE(view.model()->conflictCount() >= 2);
    CHECK(view.statusText().contains(QStringLiteral("conflicts")));
    auto* tuesday = view.grid()->findChild<QListWidget*>(QStringLiteral("day-2027-01-05"));
    REQUIRE(tuesday != nullptr);
    int highlighted = 0;
    for (int row = 0; row < tuesday->count(); ++row) {
        if (tuesday->item(row)->data(Qt::UserRole + 1).toBool()) {
            ++highlighted;
            CHECK(tuesday->item(row)->toolTip().contains(QStringLiteral("Conflict: Alma Reyes-Whitcombe also has a hearing")));
        }
    }
    CHECK(highlighted >= 2);
    // Hearing-set deadlines from the rules show their working in the tooltip.
    bool working = false;
    for (const CalendarEntry& entry : view.model()->entries()) {
        working = working || (entry.kind == CalendarEntry::Kind::Deadline && CalendarModel::tooltip(entry).contains(QStringLiteral("How it was computed")));
    }
    const int ruleDeadlines = database.scalar(QStringLiteral("SELECT count(*) FROM legal.deadlines d JOIN legal.case_staff s ON s.case_id = d.case_id "
                                                             "JOIN core.users u ON u.id = s.user_id AND u.login = 'attorney.demo' "
                                                             "WHERE d.rule_id IS NOT NULL AND d.completed_at IS NULL AND d.due_on BETWEEN '2027-01-04' AND '2027-01-10'")).toInt();
    CHECK(working == (ruleDeadlines > 0));
    view.grab().save(QDir(QDir::temp().filePath(QStringLiteral("ocms-shots"))).filePath(QStringLiteral("calendar-week.png")));

    // Double-click opens the case.
    QSignalSpy opened(&view, &CalendarView::caseActivated);
    for (int row = 1; row < tuesday->count(); ++row) {
        if (tuesday->item(row)->data(Qt::UserRole).toString() == firstCase) {
            Q_EMIT tuesday->itemDoubleClicked(tuesday->item(row));
            break;
        }
    }
    REQUIRE(opened.count() == 1);
    CHECK(opened.first().first().toUuid() == QUuid(firstCase));

    // Month and day views, and navigation.
    view.setMode(CalendarView::Mode::Month);
    REQUIRE(waitUntil([&] { return view.isLoaded(); }));
    CHECK(view.grid()->rowCount() == 6);
    CHECK(view.from() == QDate(2026, 12, 28));
    view.setMode(CalendarView::Mode::Day);
    REQUIRE(waitUntil([&] { return view.isLoaded(); }));
    CHECK(view.from() == QDate(2027, 1, 5));
    CHECK(view.model()->rowCount() >= 2);
    view.next();
    REQUIRE(waitUntil([&] { return view.isLoaded(); }));
    CHECK(view.from() == QDate(2027, 1, 6));
    view.previous();
    REQUIRE(waitUntil([&] { return view.isLoaded(); }));

    QTemporaryDir folder;
    const QString path = folder.filePath(QStringLiteral("alma.ics"));
    REQUIRE(view.exportTo(path));
    QFile file(path);
    REQUIRE(file.open(QIODevice::ReadOnly));
    const QByteArray text = file.readAll();
    CHECK(text.startsWith("BEGIN:VCALENDAR\r\n"));
    CHECK(text.count("BEGIN:VEVENT") == view.model()->rowCount());
    CHECK(QByteArray(text).replace("\r\n ", "").contains("CONFLICT: Alma Reyes-Whitcombe")); // unfolded
    QString problem;
    CHECK_FALSE(view.exportTo(folder.filePath(QStringLiteral("missing/folder/x.ics")), &problem));
    CHECK(problem.contains(QStringLiteral("cannot be written")));

    // Another scope: an office's calendar, chosen from the list.
    view.scopeKind()->setCurrentIndex(2);
    REQUIRE(view.scopeValue()->count() > 0);
    REQUIRE(waitUntil([&] { return view.isLoaded(); }));
    CHECK(view.statusText().contains(QStringLiteral("hearings")));
}
