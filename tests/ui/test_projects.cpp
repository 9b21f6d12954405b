// The project management screens offscreen, as the demo attorney: a project created from the Projects
// workspace with a task and time (history and list follow), the timesheet's week grid and its checks,
// the workload view's numbers against the database, and "my work" on the home page.
#include "db/demoworkseeder.h"
#include "db/syntheticdataseeder.h"
#include "eventwait.h"
#include "formfill.h"
#include "mainwindow.h"
#include "models/recordtablemodel.h"
#include "models/timesheetweekmodel.h"
#include "myworkview.h"
#include "projectrecordview.h"
#include "projectsworkspace.h"
#include "recordform.h"
#include "recordformdialog.h"
#include "recordlisttab.h"
#include "security/demoaccounts.h"
#include "security/session.h"
#include "testdatabase.h"
#include "timesheetview.h"
#include "workloadview.h"

#include <QComboBox>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>

#include "catchqt.h"

using namespace ocms;
using ocms::test::choose;
using ocms::test::saveShot;
using ocms::test::TestDatabase;
using ocms::test::type;
using ocms::test::waitUntil;

namespace {

const QDate kAsOf(2026, 11, 21);

void seed(TestDatabase& database)
{
    SeedOptions options;
    options.cases = 60;
    options.seed = 23;
    options.asOf = kAsOf;
    REQUIRE_OK(SyntheticDataSeeder(database.connection()).run(options));
    REQUIRE_OK(DemoAccounts::create(database.connection()));
}

ConnectionSettings alma(TestDatabase& database)
{
    return database.settingsFor(QStringLiteral("attorney.demo"), QString::fromLatin1(DemoAccounts::kPassword));
}

QStringList column(const RecordTable& table, const QString& header)
{
    QStringList values;
    for (qsizetype row = 0; row < table.size(); ++row) {
        values.append(table.value(row, header).toString());
    }
    return values;
}

} // namespace

TEST_CASE("A project is created in the Projects workspace, gets a task and time, and its history and the list follow", "[ui][projects]")
{
    TestDatabase database;
    seed(database);
    ProjectsWorkspace workspace(alma(database));
    workspace.resize(1300, 820);
    workspace.show();
    REQUIRE(waitUntil([&] { return !workspace.isRefreshing(); }));
    const int before = workspace.projectList()->model()->rowCount();

    RecordFormDialog* dialog = workspace.newProject();
    REQUIRE(dialog != nullptr);
    // The office and division start as the user's own, the date as today.
    REQUIRE(waitUntil([&] { return !dialog->form()->values().value(QStringLiteral("office_id")).toString().isEmpty(); }));
    choose(dialog->form()->editor(QStringLiteral("project_type")), QStringLiteral("congressional_inquiry"));
    dialog->save();
    CHECK(dialog->form()->problem(QStringLiteral("title")) == QStringLiteral("Title is required."));
    CHECK(database.scalar(QStringLiteral("SELECT count(*) FROM legal.projects WHERE created_by = (SELECT id FROM core.users "
                                         "WHERE login = 'attorney.demo')")).toInt() == 0);
    type(dialog->form()->editor(QStringLiteral("title")), QStringLiteral("Inquiry from Senator Vale on detention"));
    type(dialog->form()->editor(QStringLiteral("client_office")), QStringLiteral("Office of Congressional Relations"));
    dialog->save();
    REQUIRE(waitUntil([&] { return workspace.tabs()->count() == 2; }));
    auto* view = qobject_cast<ProjectRecordView*>(workspace.tabs()->currentWidget());
    REQUIRE(view != nullptr);
    REQUIRE(waitUntil([&] { return view->isLoaded(); }));
    CHECK(view->record().title() == QStringLiteral("Inquiry from Senator Vale on detention"));
    CHECK(view->list(QStringLiteral("Staff"))->model()->table().value(0, QStringLiteral("Name")).toString() == QStringLiteral("Alma Reyes-Whitcombe"));

    // A task for herself, due in a week; a date that does not exist is refused at the field first.
    RecordFormDialog* task = view->openAction(QStringLiteral("addTask"));
    REQUIRE(task != nullptr);
    type(task->form()->editor(QStringLiteral("title")), QStringLiteral("Draft the response letter"));
    const QString me = database.scalar(QStringLiteral("SELECT id FROM core.users WHERE login = 'attorney.demo'")).toString();
    choose(task->form()->editor(QStringLiteral("assignee_id")), me);
    type(task->form()->editor(QStringLiteral("due_on")), QStringLiteral("2026-02-30"));
    task->save();
    CHECK_FALSE(task->form()->problem(QStringLiteral("due_on")).isEmpty());
    type(task->form()->editor(QStringLiteral("due_on")), QDate::currentDate().addDays(7).toString(Qt::ISODate));
    task->save();
    REQUIRE(waitUntil([&] { return view->list(QStringLiteral("Tasks"))->model()->rowCount() == 1; }));

    // Time: a quarter-hour amount only; 2.5 hours logged as her own.
    RecordFormDialog* time = view->openAction(QStringLiteral("logTime"));
    REQUIRE(time != nullptr);
    type(time->form()->editor(QStringLiteral("hours")), QStringLiteral("2.4"));
    time->save();
    CHECK(time->form()->problem(QStringLiteral("hours")).contains(QStringLiteral("quarter hours")));
    type(time->form()->editor(QStringLiteral("hours")), QStringLiteral("2.5"));
    time->save();
    REQUIRE(waitUntil([&] { return view->list(QStringLiteral("Time"))->model()->rowCount() == 1; }));
    CHECK(view->findChild<QLabel*>(QStringLiteral("projectTimeTotal"))->text().contains(QStringLiteral("2.50")));

    // Done: the task, and the history says what happened, by whom.
    view->list(QStringLiteral("Tasks"))->selectRow(0);
    view->completeSelectedTask();
    REQUIRE(waitUntil([&] { return view->list(QStringLiteral("Tasks"))->model()->table().value(0, QStringLiteral("Status")) == QStringLiteral("done"); }));
    REQUIRE(waitUntil([&] { return view->list(QStringLiteral("History"))->model()->rowCount() >= 5; }));
    const QStringList actions = column(view->list(QStringLiteral("History"))->model()->table(), QStringLiteral("Action"));
    for (const char* action : {"created", "assigned", "task_added", "time_logged", "task_changed"}) {
        INFO(action);
        CHECK(actions.contains(QString::fromLatin1(action)));
    }
    view->tabs()->setCurrentIndex(0);
    saveShot(workspace, QStringLiteral("project-record.png"));

    // The list has the new project with its hours and no open task left.
    workspace.tabs()->setCurrentIndex(0);
    workspace.refresh();
    REQUIRE(waitUntil([&] { return !workspace.isRefreshing() && workspace.projectList()->model()->rowCount() == before + 1; }));
    const RecordTable& listed = workspace.projectList()->model()->table();
    const int row = int(column(listed, QStringLiteral("Title")).indexOf(QStringLiteral("Inquiry from Senator Vale on detention")));
    REQUIRE(row >= 0);
    CHECK(listed.value(row, QStringLiteral("Hours")).toDouble() == 2.5);
    CHECK(listed.value(row, QStringLiteral("Open tasks")).toInt() == 0);
    // Searching by words of the title finds it.
    type(workspace.searchBox(), QStringLiteral("senator vale"));
    REQUIRE(waitUntil([&] { return !workspace.isRefreshing() && workspace.projectList()->model()->rowCount() == 1; }, 5000));
    saveShot(workspace, QStringLiteral("project-list.png"));
}

TEST_CASE("The timesheet shows a week per case and day with totals, and corrections follow", "[ui][projects]")
{
    TestDatabase database;
    seed(database);
    const QString caseId = database.scalar(QStringLiteral("SELECT id FROM legal.cases WHERE category = 'immigration' ORDER BY case_number LIMIT 1")).toString();
    database.exec(QStringLiteral("INSERT INTO legal.case_staff (case_id, user_id, role) SELECT '%1', id, 'attorney' FROM core.users "
                                 "WHERE login = 'attorney.demo' ON CONFLICT DO NOTHING")
                      .arg(caseId));
    TimesheetView view(alma(database));
    view.resize(1200, 700);
    view.show();
    const QDate monday(2026, 11, 16);
    view.showWeekOf(monday.addDays(3));
    CHECK(view.monday() == monday);
    REQUIRE(waitUntil([&] { return !view.isLoading(); }));
    CHECK(view.week()->weekTotal() == 0);

    const QString target = QStringLiteral("case:") + caseId;
    const auto log = [&](const QString& day, const QString& hours) {
        RecordFormDialog* dialog = view.logTime();
        REQUIRE(dialog != nullptr);
        REQUIRE(waitUntil([&] { return qobject_cast<QComboBox*>(dialog->form()->editor(QStringLiteral("target")))->findData(target) >= 0; }));
        choose(dialog->form()->editor(QStringLiteral("target")), target);
        type(dialog->form()->editor(QStringLiteral("work_date")), day);
        type(dialog->form()->editor(QStringLiteral("hours")), hours);
        dialog->save();
        return dialog;
    };
    RecordFormDialog* refused = log(QStringLiteral("2026-11-17"), QStringLiteral("0.3"));
    CHECK(refused->form()->problem(QStringLiteral("hours")).contains(QStringLiteral("quarter hours")));
    refused->close();
    log(QStringLiteral("2026-11-17"), QStringLiteral("1.5"));
    REQUIRE(waitUntil([&] { return view.week()->weekTotal() == 1.5; }));
    log(QStringLiteral("2026-11-17"), QStringLiteral("2"));
    log(QStringLiteral("2026-11-19"), QStringLiteral("0.75"));
    REQUIRE(waitUntil([&] { return view.week()->weekTotal() == 4.25; }));
    CHECK(view.week()->rowCount() == 2); // the case, and the totals
    CHECK(view.week()->hours(0, 1) == 3.5); // Tuesday
    CHECK(view.week()->hours(0, 3) == 0.75);
    CHECK(view.week()->rowTotal(0) == 4.25);
    CHECK(view.entries()->model()->rowCount() == 3);
    CHECK(database.scalar(QStringLiteral("SELECT sum(hours) FROM legal.time_entries t JOIN core.users u ON u.id = t.user_id "
                                         "WHERE u.login = 'attorney.demo' AND t.deleted_at IS NULL")).toDouble() == 4.25);

    // Corrected: the selected entry to one hour; withdrawn: another.
    view.entries()->selectRow(0);
    RecordFormDialog* correct = view.correctSelected();
    REQUIRE(correct != nullptr);
    REQUIRE(waitUntil([&] { return !correct->form()->values().value(QStringLiteral("hours")).toString().isEmpty(); }));
    type(correct->form()->editor(QStringLiteral("hours")), QStringLiteral("1"));
    correct->save();
    REQUIRE(waitUntil([&] { return view.week()->weekTotal() == 3.75; }));
    view.entries()->selectRow(2);
    view.withdrawSelected();
    REQUIRE(waitUntil([&] { return view.week()->weekTotal() == 3.0; }));
    CHECK(view.message() == QStringLiteral("Entry withdrawn."));
    saveShot(view, QStringLiteral("timesheet.png"));
}

TEST_CASE("The workload view shows per person the numbers the database holds, and a person's row opens them", "[ui][projects][workload]")
{
    TestDatabase database;
    seed(database);
    // Alma works three immigration cases (two with hearings within 30 days) and logged time on one.
    database.exec(QStringLiteral(
        "WITH picked AS (SELECT id FROM legal.cases WHERE category = 'immigration' AND status <> 'closed' ORDER BY case_number LIMIT 3) "
        "INSERT INTO legal.case_staff (case_id, user_id, role) SELECT p.id, u.id, 'attorney' FROM picked p, core.users u "
        "WHERE u.login = 'attorney.demo' ON CONFLICT DO NOTHING"));
    database.exec(QStringLiteral(
        "INSERT INTO legal.hearings (id, case_id, hearing_type, scheduled_at) "
        "SELECT gen_random_uuid(), s.case_id, 'master_calendar', TIMESTAMPTZ '2026-11-25 15:00Z' + (n * interval '1 day') "
        "FROM (SELECT s.case_id, row_number() OVER (ORDER BY s.case_id) AS n FROM legal.case_staff s JOIN core.users u ON u.id = s.user_id "
        "      WHERE u.login = 'attorney.demo' ORDER BY s.case_id LIMIT 2) s"));
    database.exec(QStringLiteral(
        "INSERT INTO legal.time_entries (id, user_id, case_id, work_date, hours) "
        "SELECT gen_random_uuid(), u.id, s.case_id, DATE '2026-11-20', 3.25 FROM legal.case_staff s JOIN core.users u ON u.id = s.user_id "
        "WHERE u.login = 'attorney.demo' ORDER BY s.case_id LIMIT 1"));

    WorkloadView view(alma(database));
    view.resize(1300, 820);
    view.show();
    view.setToday(kAsOf);
    REQUIRE(waitUntil([&] { return !view.isLoading() && view.table()->model()->rowCount() > 0; }));
    REQUIRE(waitUntil([&] { return !view.isLoading(); }));
    CHECK(view.scope()->currentText() == QStringLiteral("People of Office of Chief Counsel Atlanta"));

    // The same numbers, counted from the records by the rules Alma's access gives (immigration work and her
    // divisions' own), person by person.
    const QString expectedSql = QStringLiteral(
        "WITH me AS (SELECT array_agg(division_id) AS divisions FROM core.user_divisions d JOIN core.users u ON u.id = d.user_id "
        "            WHERE u.login = 'attorney.demo') "
        "SELECT u.full_name || '|' || "
        "  (SELECT count(DISTINCT s.case_id) FROM legal.case_staff s JOIN legal.cases c ON c.id = s.case_id, me "
        "   WHERE s.user_id = u.id AND c.status <> 'closed' AND c.deleted_at IS NULL "
        "     AND (c.category = 'immigration' OR c.division_id = ANY (me.divisions))) || '|' || "
        "  (SELECT count(DISTINCT a.project_id) FROM legal.project_assignments a JOIN legal.projects p ON p.id = a.project_id, me "
        "   WHERE a.user_id = u.id AND p.status <> 'closed' AND p.deleted_at IS NULL AND p.division_id = ANY (me.divisions)) || '|' || "
        "  (SELECT count(*) FROM legal.hearings h JOIN (SELECT DISTINCT case_id FROM legal.case_staff WHERE user_id = u.id) s "
        "     ON s.case_id = h.case_id JOIN legal.cases c ON c.id = h.case_id, me "
        "   WHERE h.deleted_at IS NULL AND (c.category = 'immigration' OR c.division_id = ANY (me.divisions)) "
        "     AND (h.scheduled_at AT TIME ZONE 'UTC')::date BETWEEN DATE '2026-11-21' AND DATE '2026-12-20') || '|' || "
        "  (SELECT coalesce(sum(t.hours), 0)::numeric(10, 2) FROM legal.time_entries t LEFT JOIN legal.cases c ON c.id = t.case_id "
        "     LEFT JOIN legal.projects p ON p.id = t.project_id, me "
        "   WHERE t.user_id = u.id AND t.deleted_at IS NULL AND t.work_date BETWEEN DATE '2026-10-23' AND DATE '2026-11-21' "
        "     AND (c.category = 'immigration' OR c.division_id = ANY (me.divisions) OR p.division_id = ANY (me.divisions)))");
    const QString expected = database.scalar(
        QStringLiteral("SELECT string_agg(line, ';' ORDER BY line) FROM (%1 AS line FROM core.users u JOIN core.offices o ON o.id = u.office_id "
                       "WHERE o.code = 'OCC-ATL' AND u.active AND EXISTS (SELECT 1 FROM core.user_divisions d WHERE d.user_id = u.id)) x")
            .arg(expectedSql)).toString();
    const RecordTable& shown = view.table()->model()->table();
    QStringList lines;
    for (qsizetype row = 0; row < shown.size(); ++row) {
        lines.append(QStringLiteral("%1|%2|%3|%4|%5")
                         .arg(shown.value(row, QStringLiteral("Name")).toString())
                         .arg(shown.value(row, QStringLiteral("Open cases")).toLongLong())
                         .arg(shown.value(row, QStringLiteral("Open projects")).toLongLong())
                         .arg(shown.value(row, QStringLiteral("Hearings (next 30 days)")).toLongLong())
                         .arg(QString::number(shown.value(row, QStringLiteral("Hours (last 30 days)")).toDouble(), 'f', 2)));
    }
    lines.sort();
    CHECK(lines.join(u';') == expected);
    const int almaRow = int(column(shown, QStringLiteral("Name")).indexOf(QStringLiteral("Alma Reyes-Whitcombe")));
    REQUIRE(almaRow >= 0);
    CHECK(shown.value(almaRow, QStringLiteral("Open cases")).toInt() >= 3);
    CHECK(shown.value(almaRow, QStringLiteral("Hearings (next 30 days)")).toInt() >= 2);
    CHECK(shown.value(almaRow, QStringLiteral("Hours (last 30 days)")).toDouble() == 3.25);

    // Sorted by open cases, most first, by a click on the header.
    view.table()->view()->sortByColumn(int(shown.headers.indexOf(QStringLiteral("Open cases"))), Qt::DescendingOrder);
    const QModelIndex top = view.table()->view()->model()->index(0, int(shown.headers.indexOf(QStringLiteral("Open cases"))));
    qint64 most = 0;
    for (qsizetype row = 0; row < shown.size(); ++row) {
        most = std::max(most, shown.value(row, QStringLiteral("Open cases")).toLongLong());
    }
    CHECK(top.data(RecordTableModel::kSortRole).toLongLong() == most);

    // Drilling into Alma: the lists behind her numbers.
    view.table()->selectRow(almaRow);
    REQUIRE(waitUntil([&] { return !view.isLoading() && view.detailList(QStringLiteral("Cases"))->model()->rowCount() > 0; }));
    CHECK(view.detailList(QStringLiteral("Cases"))->model()->rowCount() == shown.value(almaRow, QStringLiteral("Open cases")).toInt());
    CHECK(view.detailList(QStringLiteral("Hearings"))->model()->rowCount() == shown.value(almaRow, QStringLiteral("Hearings (next 30 days)")).toInt());
    CHECK(view.detailList(QStringLiteral("Hours"))->model()->rowCount() == 1);
    saveShot(view, QStringLiteral("workload-people.png"));

    // Every office: one row each, summing its people.
    view.scope()->setCurrentIndex(view.scope()->findData(QStringLiteral("offices")));
    REQUIRE(waitUntil([&] { return !view.isLoading() && view.table()->model()->table().headers.contains(QStringLiteral("Staff")); }));
    const RecordTable& offices = view.table()->model()->table();
    const int atlanta = int(column(offices, QStringLiteral("Office")).indexOf(QStringLiteral("Office of Chief Counsel Atlanta")));
    REQUIRE(atlanta >= 0);
    CHECK(offices.value(atlanta, QStringLiteral("Hours (last 30 days)")).toDouble() ==
          database.scalar(QStringLiteral("SELECT sum(hours_last_30) FROM legal.workload(NULL, DATE '2026-11-21') w "
                                         "JOIN core.offices o ON o.id = w.office_id WHERE o.code = 'OCC-ATL'")).toDouble());
    saveShot(view, QStringLiteral("workload-offices.png"));
}

TEST_CASE("My work on the home page lists the user's open tasks, hearings and deadlines", "[ui][projects]")
{
    TestDatabase database;
    seed(database);
    // A project of Alma's division with a task for her; a closed task of hers that does not show.
    database.exec(QStringLiteral(
        "INSERT INTO legal.projects (id, project_type, title, office_id, division_id, created_by) "
        "SELECT 'a0000000-0000-4000-8000-000000000001', 'tasking', 'Data call on bond hearings', u.office_id, "
        "       (SELECT id FROM core.divisions WHERE code = 'ILP'), u.id FROM core.users u WHERE u.login = 'attorney.demo'"));
    database.exec(QStringLiteral(
        "INSERT INTO legal.tasks (id, project_id, title, assignee_id, due_on, status) "
        "SELECT gen_random_uuid(), 'a0000000-0000-4000-8000-000000000001', t.title, u.id, current_date + 2, t.status "
        "FROM core.users u, (VALUES ('Review the brief', 'open'), ('Old task', 'done')) t (title, status) WHERE u.login = 'attorney.demo'"));
    MyWorkView view(alma(database));
    view.resize(1200, 700);
    view.show();
    REQUIRE(waitUntil([&] { return !view.isLoading(); }));
    const int expected = database.scalar(QStringLiteral(
        "SELECT count(*) FROM legal.tasks t JOIN core.users u ON u.id = t.assignee_id WHERE u.login = 'attorney.demo' "
        "AND t.status IN ('open', 'in_progress') AND t.deleted_at IS NULL")).toInt();
    REQUIRE(expected >= 1);
    CHECK(view.tasks()->model()->rowCount() == expected);
    CHECK(column(view.tasks()->model()->table(), QStringLiteral("Task")).contains(QStringLiteral("Review the brief")));
    QSignalSpy opened(&view, &MyWorkView::openProjectRequested);
    view.tasks()->selectRow(0);
    Q_EMIT view.tasks()->view()->activated(view.tasks()->view()->currentIndex());
    CHECK(opened.count() == 1);
}

TEST_CASE("The demo attorney starts her day with her own hearings, tasks and time on Home", "[ui][projects][demo]")
{
    TestDatabase database;
    seed(database);
    // Planted twice: a second demo start adds nothing.
    REQUIRE_OK(DemoWorkSeeder::plant(database.connection()));
    const int tasksOnce = database.scalar(QStringLiteral("SELECT count(*) FROM legal.tasks")).toInt();
    const int hoursOnce = database.scalar(QStringLiteral("SELECT count(*) FROM legal.time_entries")).toInt();
    REQUIRE_OK(DemoWorkSeeder::plant(database.connection()));
    CHECK(database.scalar(QStringLiteral("SELECT count(*) FROM legal.tasks")).toInt() == tasksOnce);
    CHECK(database.scalar(QStringLiteral("SELECT count(*) FROM legal.time_entries")).toInt() == hoursOnce);
    // The server wrote the demo projects' history (they are not the bulk seeder's).
    CHECK(database.scalar(QStringLiteral("SELECT count(*) FROM legal.project_history WHERE project_id = "
                                         "'d0000000-0000-4000-8000-000000000001' AND action = 'task_added'")).toInt() == 2);

    auto session = Session::logIn(database.ownerSettings(), QStringLiteral("attorney.demo"), QString::fromLatin1(DemoAccounts::kPassword));
    REQUIRE_OK(session);
    MainWindow window(*session);
    window.resize(1400, 860);
    window.show();
    auto* home = window.findChild<MyWorkView*>();
    REQUIRE(home != nullptr);
    REQUIRE(waitUntil([&] { return !home->isLoading(); }));
    const QStringList tasks = column(home->tasks()->model()->table(), QStringLiteral("Task"));
    CHECK(tasks.contains(QStringLiteral("Draft the reply letter")));
    CHECK(tasks.contains(QStringLiteral("Research parole regulations")));
    CHECK_FALSE(tasks.contains(QStringLiteral("Gather detention statistics"))); // the paralegal's
    // The reply waits for the statistics: Home says so.
    const int reply = int(tasks.indexOf(QStringLiteral("Draft the reply letter")));
    CHECK(home->tasks()->model()->table().value(reply, QStringLiteral("Waiting for")).toString() == QStringLiteral("Gather detention statistics"));
    CHECK(home->hearings()->model()->rowCount() >= 1);
    saveShot(window, QStringLiteral("home-my-work.png"));
}
