// Projects, tasks, time and workload (migrations 0021, 0022 and their repositories), each step as the
// role's own login: access by division, creator and grant (external users never), history written by the
// server for every change, task and time rules, and workload numbers that count only what the viewer may
// see and always agree with a recount from the records.
#include "db/database.h"
#include "db/projectrepository.h"
#include "db/timesheetrepository.h"
#include "db/workloadrepository.h"
#include "loginsession.h"
#include "signedin.h"
#include "testdatabase.h"

#include <QCoreApplication>
#include <QUuid>

#include <optional>

#include "catchqt.h"

using namespace ocms;
using ocms::test::TestDatabase;

namespace {

const QString kPassword = QStringLiteral("project-password-1");

struct ProjectWorld
{
    QString prefix;
    QString atlanta = QUuid::createUuid().toString(QUuid::WithoutBraces);
    QString miami = QUuid::createUuid().toString(QUuid::WithoutBraces);
    QString ilp = QUuid::createUuid().toString(QUuid::WithoutBraces);
    QString cald = QUuid::createUuid().toString(QUuid::WithoutBraces);
    QString login(const char* key) const { return prefix + QString::fromLatin1(key); }
};

ProjectWorld makeWorld(TestDatabase& database)
{
    ProjectWorld world;
    world.prefix = QStringLiteral("p%1_%2_").arg(QCoreApplication::applicationPid()).arg(database.name().section(u'_', -1));
    database.exec(QStringLiteral("INSERT INTO core.offices (id, code, name, kind) VALUES ('%1', 'OCC-ATL', 'OCC Atlanta', "
                                 "'chief_counsel'), ('%2', 'OCC-MIA', 'OCC Miami', 'chief_counsel')")
                      .arg(world.atlanta, world.miami));
    database.exec(QStringLiteral("INSERT INTO core.divisions (id, code, name) VALUES ('%1', 'ILP', 'Immigration Law'), "
                                 "('%2', 'CALD', 'Commercial and Administrative Law')")
                      .arg(world.ilp, world.cald));
    const QList<std::pair<const char*, const char*>> logins = {
        {"attorney", "'Ana Attorney', '{ocms_attorney}', 'OCC-ATL', '{ILP}'"},
        {"colleague", "'Carl Colleague', '{ocms_attorney}', 'OCC-MIA', '{ILP}'"},
        {"cald", "'Cora Cald', '{ocms_attorney}', 'OCC-ATL', '{CALD}'"},
        {"external", "'Eddie External', '{ocms_readonly_external}', 'OCC-ATL', '{}'"},
        {"officer", "'Fred Field', '{field_write}', 'OCC-ATL', '{}'"},
    };
    for (const auto& [key, rest] : logins) {
        database.exec(QStringLiteral("SELECT core.create_login('%1', '%2', %3)").arg(world.login(key), kPassword, QString::fromLatin1(rest)));
    }
    return world;
}

// A repository of type R signed in as a login of this file.
template <class R>
class As : public ocms::test::SignedIn<R>
{
public:
    As(TestDatabase& database, const QString& login) : ocms::test::SignedIn<R>(database, login, kPassword) {}
};

QVariantMap newProject(const ProjectWorld& world, const QString& division, const char* title)
{
    return {{QStringLiteral("project_type"), QStringLiteral("ethics")},
            {QStringLiteral("title"), QString::fromUtf8(title)},
            {QStringLiteral("description"), QStringLiteral("Synthetic test project.")},
            {QStringLiteral("client_office"), QStringLiteral("Office of Professional Responsibility")},
            {QStringLiteral("division_id"), division},
            {QStringLiteral("office_id"), world.atlanta},
            {QStringLiteral("opened_on"), QDate(2026, 11, 2)}};
}

QString userId(TestDatabase& database, const QString& login)
{
    return database.scalar(QStringLiteral("SELECT id FROM core.users WHERE login = '%1'").arg(login)).toString();
}

QStringList historyActions(const ProjectRecord& record)
{
    QStringList actions;
    for (qsizetype row = 0; row < record.history.size(); ++row) {
        actions.append(record.history.value(row, QStringLiteral("Action")).toString());
    }
    return actions;
}

// A case made by the owner (as an import would), with staff and a hearing.
QString makeCase(TestDatabase& database, const ProjectWorld& world, bool immigration, const QString& staffLogin,
                 const QString& hearingAt)
{
    const QString id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    static int counter = 0;
    ++counter;
    database.exec(QStringLiteral("INSERT INTO legal.cases (id, category, case_type, forum, a_number, title, office_id, division_id, "
                                 "opened_on) VALUES ('%1', '%2', '%3', '%4', %5, 'Workload case %6', '%7', '%8', DATE '2026-10-01')")
                      .arg(id, immigration ? QStringLiteral("immigration") : QStringLiteral("non_immigration"),
                           immigration ? QStringLiteral("removal") : QStringLiteral("tort"),
                           immigration ? QStringLiteral("immigration_court") : QStringLiteral("federal_district"),
                           immigration ? QStringLiteral("'%1'").arg(300000000 + counter) : QStringLiteral("NULL"))
                      .arg(counter)
                      .arg(world.atlanta, immigration ? world.ilp : world.cald));
    database.exec(QStringLiteral("INSERT INTO legal.case_staff (case_id, user_id, role) VALUES ('%1', '%2', 'attorney')")
                      .arg(id, userId(database, staffLogin)));
    if (!hearingAt.isEmpty()) {
        database.exec(QStringLiteral("INSERT INTO legal.hearings (id, case_id, hearing_type, scheduled_at) "
                                     "VALUES (gen_random_uuid(), '%1', 'master_calendar', TIMESTAMPTZ '%2')")
                          .arg(id, hearingAt));
    }
    return id;
}

// Every workload tally as text, to compare before and after a recount.
QString tallies(TestDatabase& database)
{
    return database
        .scalar(QStringLiteral(
            "SELECT coalesce(string_agg(t, ';' ORDER BY t), '') FROM ("
            "  SELECT format('%s/%s/%s=%s', user_id, kind, vis, open_count) t FROM legal.workload_open WHERE open_count <> 0 "
            "  UNION ALL SELECT format('%s/%s/%s/%s=%s', kind, day, user_id, vis, amount::numeric(10,2)) "
            "  FROM legal.workload_days WHERE amount <> 0) x"))
        .toString();
}

RecordTable rowsOf(const Result<RecordTable>& table)
{
    REQUIRE_OK(table);
    return *table;
}

int rowOf(const RecordTable& table, const QString& name)
{
    for (qsizetype row = 0; row < table.size(); ++row) {
        if (table.value(row, QStringLiteral("Name")).toString() == name) {
            return int(row);
        }
    }
    return -1;
}

} // namespace

TEST_CASE("Projects are seen by their division, their creator and those granted, never by external users", "[projects]")
{
    TestDatabase database;
    const ProjectWorld world = makeWorld(database);
    As<ProjectRepository> cald(database, world.login("cald"));
    As<ProjectRepository> attorney(database, world.login("attorney"));

    auto created = cald->create(newProject(world, world.cald, "Outside activity request"));
    REQUIRE_OK(created);
    CHECK(created->number.startsWith(QStringLiteral("PRJ-")));

    // The division sees it, with its creator as lead; the immigration attorney does not even find it.
    auto listed = cald->list({});
    REQUIRE_OK(listed);
    REQUIRE(listed->size() == 1);
    CHECK(listed->value(0, QStringLiteral("Title")).toString() == QStringLiteral("Outside activity request"));
    auto record = cald->load(created->id);
    REQUIRE_OK(record);
    REQUIRE(record->staff.size() == 1);
    CHECK(record->staff.value(0, QStringLiteral("Role")).toString() == QStringLiteral("lead"));
    CHECK(record->createdByMe);
    CHECK(attorney->list({})->isEmpty());
    auto hidden = attorney->load(created->id);
    REQUIRE_FALSE(hidden.has_value());
    CHECK(hidden.error().code == ErrorCode::NotFound);

    // Work is not given to someone who could not see the project.
    const QString attorneyId = userId(database, world.login("attorney"));
    auto refused = cald->assign(created->id, {{QStringLiteral("user_id"), attorneyId}, {QStringLiteral("role"), QStringLiteral("attorney")}});
    REQUIRE_FALSE(refused.has_value());
    CHECK(refused.error().userMessage.contains(QStringLiteral("cannot see this project")));
    CHECK(std::none_of(record->staffChoices.begin(), record->staffChoices.end(),
                       [&](const DropdownChoice& choice) { return choice.code == attorneyId; }));

    // Granted by the creator: seen, and may be given work; only the creator grants or withdraws.
    REQUIRE_OK(cald->grantAccess(created->id, world.login("attorney")));
    CHECK(attorney->list({})->size() == 1);
    REQUIRE_OK(cald->assign(created->id, {{QStringLiteral("user_id"), attorneyId}, {QStringLiteral("role"), QStringLiteral("attorney")}}));
    auto notCreator = attorney->grantAccess(created->id, world.login("colleague"));
    REQUIRE_FALSE(notCreator.has_value());
    CHECK(notCreator.error().code == ErrorCode::PermissionDenied);
    REQUIRE_OK(cald->revokeAccess(created->id, world.login("attorney")));
    CHECK(attorney->list({})->isEmpty());

    // A project for another division than one's own is refused; external and field users see none and add none.
    auto otherDivision = attorney->create(newProject(world, world.cald, "Not mine to open"));
    REQUIRE_FALSE(otherDivision.has_value());
    for (const char* who : {"external", "officer"}) {
        const auto count = test::runAs(database.settingsFor(world.login(who), kPassword), {QStringLiteral("SELECT count(*) FROM legal.projects")});
        INFO(who);
        CHECK(count.connected);
        if (count.ok) {
            CHECK(count.value.toInt() == 0);
        }
        const auto insert = test::runAs(database.settingsFor(world.login(who), kPassword),
                                        {QStringLiteral("INSERT INTO legal.projects (id, project_type, title, office_id, division_id) "
                                                        "VALUES (gen_random_uuid(), 'ethics', 'x', '%1', '%2')")
                                             .arg(world.atlanta, world.cald)});
        CHECK_FALSE(insert.ok);
    }
    CHECK(database.scalar(QStringLiteral("SELECT count(*) FROM legal.projects")).toInt() == 1);
    // The server's own check of who could see a project answers for any project: not for users to ask.
    const auto probe = test::runAs(database.settingsFor(world.login("attorney"), kPassword),
                                   {QStringLiteral("SELECT legal.user_may_see_project('%1', '%2')")
                                        .arg(created->id.toString(QUuid::WithoutBraces), attorneyId)});
    CHECK_FALSE(probe.ok);
    CHECK(probe.serverText.contains(QStringLiteral("permission denied")));
}

TEST_CASE("Every change to a project leaves an entry in its history, written by the server", "[projects]")
{
    TestDatabase database;
    const ProjectWorld world = makeWorld(database);
    As<ProjectRepository> attorney(database, world.login("attorney"));
    As<ProjectRepository> colleague(database, world.login("colleague"));
    const QString caseId = makeCase(database, world, true, world.login("attorney"), {});
    const QString caseNumber = database.scalar(QStringLiteral("SELECT case_number FROM legal.cases WHERE id = '%1'").arg(caseId)).toString();

    auto created = attorney->create(newProject(world, world.ilp, "Congressional letter on detention"));
    REQUIRE_OK(created);
    auto record = attorney->load(created->id);
    REQUIRE_OK(record);
    const qint64 opened = record->rowVersion;

    auto saved = attorney->saveSummary(created->id, opened, {{QStringLiteral("status"), QStringLiteral("on_hold")},
                                                              {QStringLiteral("title"), QStringLiteral("Congressional letter")}});
    REQUIRE_OK(saved);
    // A save on the version read before is refused and names who saved last.
    auto stale = colleague->saveSummary(created->id, opened, {{QStringLiteral("client_office"), QStringLiteral("Budget Office")}});
    REQUIRE_FALSE(stale.has_value());
    CHECK(stale.error().code == ErrorCode::Conflict);
    CHECK(stale.error().userMessage.contains(QStringLiteral("Ana Attorney")));

    const QString colleagueId = userId(database, world.login("colleague"));
    REQUIRE_OK(attorney->assign(created->id, {{QStringLiteral("user_id"), colleagueId}, {QStringLiteral("role"), QStringLiteral("attorney")}}));
    REQUIRE_OK(attorney->addTask(created->id, {{QStringLiteral("title"), QStringLiteral("Draft the reply")},
                                            {QStringLiteral("assignee_id"), colleagueId},
                                            {QStringLiteral("due_on"), QDate(2026, 12, 4)}}));
    record = attorney->load(created->id);
    REQUIRE_OK(record);
    REQUIRE(record->tasks.size() == 1);
    REQUIRE_OK(attorney->setTaskStatus(record->tasks.ids.first(), QStringLiteral("done")));
    REQUIRE_OK(attorney->addEvent(created->id, {{QStringLiteral("title"), QStringLiteral("Briefing")},
                                             {QStringLiteral("occurs_at"), QDateTime(QDate(2026, 12, 1), QTime(14, 0), Qt::UTC)}}));
    REQUIRE_OK(attorney->addPerson(created->id, {{QStringLiteral("role"), QStringLiteral("constituent")},
                                              {QStringLiteral("family_name"), QStringLiteral("Okafor")},
                                              {QStringLiteral("given_name"), QStringLiteral("Ngozi")}}));
    REQUIRE_OK(attorney->logTime(created->id, {{QStringLiteral("work_date"), QDate(2026, 11, 20)}, {QStringLiteral("hours"), 2.5}}));
    REQUIRE_OK(attorney->linkCase(created->id, caseNumber.toLower()));
    auto missing = attorney->linkCase(created->id, QStringLiteral("CASE-1999-999999"));
    REQUIRE_FALSE(missing.has_value());
    CHECK(missing.error().code == ErrorCode::NotFound);

    record = attorney->load(created->id);
    REQUIRE_OK(record);
    const QStringList actions = historyActions(*record);
    for (const char* action : {"created", "status_changed", "assigned", "task_added", "task_changed", "event_added", "person_added",
                               "time_logged", "case_linked"}) {
        INFO(action);
        CHECK(actions.contains(QString::fromLatin1(action)));
    }
    CHECK(record->history.value(actions.indexOf(QStringLiteral("status_changed")), QStringLiteral("Detail")).toString()
              .contains(QStringLiteral("Status: open → on_hold")));
    CHECK(record->history.value(actions.indexOf(QStringLiteral("status_changed")), QStringLiteral("By")).toString() == QStringLiteral("Ana Attorney"));
    CHECK(record->cases.value(0, QStringLiteral("Case")).toString() == caseNumber);
    CHECK(record->totalHours() == 2.5);
    CHECK(record->tasks.value(0, QStringLiteral("Status")).toString() == QStringLiteral("done"));
    CHECK_FALSE(record->tasks.value(0, QStringLiteral("Completed")).isNull());

    // The history is the server's: users cannot write or rewrite it.
    const auto forged = test::runAs(database.settingsFor(world.login("attorney"), kPassword),
                                    {QStringLiteral("INSERT INTO legal.project_history (id, project_id, action) VALUES "
                                                    "(gen_random_uuid(), '%1', 'forged')")
                                         .arg(created->id.toString(QUuid::WithoutBraces))});
    CHECK_FALSE(forged.ok);
    const auto erased = test::runAs(database.settingsFor(world.login("attorney"), kPassword),
                                    {QStringLiteral("DELETE FROM legal.project_history")});
    CHECK_FALSE(erased.ok);
    // The case sees the project too.
    CHECK(database.scalar(QStringLiteral("SELECT count(*) FROM legal.project_cases WHERE case_id = '%1'").arg(caseId)).toInt() == 1);
}

TEST_CASE("Tasks wait only for tasks of their own project, never in a loop, and are done after what they wait for", "[projects]")
{
    TestDatabase database;
    const ProjectWorld world = makeWorld(database);
    As<ProjectRepository> attorney(database, world.login("attorney"));
    const QString me = userId(database, world.login("attorney"));
    auto first = attorney->create(newProject(world, world.ilp, "Policy review A"));
    auto second = attorney->create(newProject(world, world.ilp, "Policy review B"));
    REQUIRE_OK(first);
    REQUIRE_OK(second);
    const auto task = [&](const QUuid& project, const char* title, const QString& waitsFor) {
        return attorney->addTask(project, {{QStringLiteral("title"), QString::fromLatin1(title)}, {QStringLiteral("assignee_id"), me},
                                           {QStringLiteral("depends_on_id"), waitsFor}});
    };
    REQUIRE_OK(task(first->id, "Research", {}));
    auto record = attorney->load(first->id);
    const QString research = record->tasks.ids.first().toString(QUuid::WithoutBraces);
    REQUIRE_OK(task(first->id, "Draft", research));
    record = attorney->load(first->id);
    QUuid draft;
    for (qsizetype row = 0; row < record->tasks.size(); ++row) {
        if (record->tasks.value(row, QStringLiteral("Task")).toString() == u"Draft") {
            draft = record->tasks.ids.at(row);
            CHECK(record->tasks.value(row, QStringLiteral("Waits for")).toString() == QStringLiteral("Research"));
        }
    }
    REQUIRE_FALSE(draft.isNull());

    auto early = attorney->setTaskStatus(draft, QStringLiteral("done"));
    REQUIRE_FALSE(early.has_value());
    CHECK(early.error().userMessage.contains(QStringLiteral("must be done first")));

    auto acrossProjects = task(second->id, "Elsewhere", research);
    REQUIRE_FALSE(acrossProjects.has_value());
    CHECK(acrossProjects.error().userMessage.contains(QStringLiteral("same project")));

    auto stored = attorney->task(QUuid(research));
    REQUIRE_OK(stored);
    auto loop = attorney->updateTask(QUuid(research), stored->value(QStringLiteral("row_version")).toLongLong(),
                                     {{QStringLiteral("depends_on_id"), draft.toString(QUuid::WithoutBraces)}});
    REQUIRE_FALSE(loop.has_value());
    CHECK(loop.error().userMessage.contains(QStringLiteral("loop")));

    REQUIRE_OK(attorney->setTaskStatus(QUuid(research), QStringLiteral("done")));
    REQUIRE_OK(attorney->setTaskStatus(draft, QStringLiteral("done")));
    // A stale edit of a task is refused, not applied over someone's change.
    auto staleEdit = attorney->updateTask(QUuid(research), stored->value(QStringLiteral("row_version")).toLongLong(),
                                          {{QStringLiteral("title"), QStringLiteral("Research again")}});
    REQUIRE_FALSE(staleEdit.has_value());
    CHECK(staleEdit.error().code == ErrorCode::Conflict);
}

TEST_CASE("Time belongs to whoever logged it, in quarter hours, never more than 24 hours a day", "[projects]")
{
    TestDatabase database;
    const ProjectWorld world = makeWorld(database);
    As<ProjectRepository> attorneyProjects(database, world.login("attorney"));
    As<TimesheetRepository> attorney(database, world.login("attorney"));
    As<TimesheetRepository> colleague(database, world.login("colleague"));
    const QString caseId = makeCase(database, world, true, world.login("attorney"), {});
    auto project = attorneyProjects->create(newProject(world, world.ilp, "Ethics opinion"));
    REQUIRE_OK(project);

    auto targets = attorney->chargeTargets();
    REQUIRE_OK(targets);
    REQUIRE(targets->size() == 2); // the case they staff and the project they lead
    const QDate monday(2026, 11, 16);
    const auto entry = [](const QString& target, QDate day, double hours) {
        return QVariantMap{{QStringLiteral("target"), target}, {QStringLiteral("work_date"), day}, {QStringLiteral("hours"), hours},
                           {QStringLiteral("note"), QStringLiteral("Research")}};
    };
    const QString onCase = QStringLiteral("case:") + caseId;
    const QString onProject = QStringLiteral("project:") + project->id.toString(QUuid::WithoutBraces);
    REQUIRE_OK(attorney->log(entry(onCase, monday, 2.5)));
    REQUIRE_OK(attorney->log(entry(onProject, monday.addDays(1), 1.25)));
    REQUIRE_OK(attorney->log(entry(onProject, monday.addDays(1), 3)));
    REQUIRE_OK(attorney->log(entry(onCase, monday.addDays(7), 4))); // next week

    auto week = attorney->week(monday);
    REQUIRE_OK(week);
    REQUIRE(week->size() == 3);
    double total = 0;
    for (qsizetype row = 0; row < week->size(); ++row) {
        total += week->value(row, QStringLiteral("Hours")).toDouble();
    }
    CHECK(total == 6.75);
    CHECK(database.scalar(QStringLiteral("SELECT sum(hours) FROM legal.time_entries WHERE project_id = '%1'")
                              .arg(project->id.toString(QUuid::WithoutBraces)))
              .toDouble() == 4.25);

    auto badTarget = attorney->log(entry(QStringLiteral("case:not-a-uuid"), monday, 1));
    REQUIRE_FALSE(badTarget.has_value());
    CHECK(badTarget.error().code == ErrorCode::Validation);
    auto oddHours = attorney->log(entry(onCase, monday, 0.3));
    REQUIRE_FALSE(oddHours.has_value());
    auto tooMuch = attorney->log(entry(onCase, monday, 22));
    REQUIRE_FALSE(tooMuch.has_value());
    CHECK(tooMuch.error().userMessage.contains(QStringLiteral("24")));

    // Corrected and withdrawn by its author only.
    const QUuid first = week->ids.first();
    auto stored = attorney->entry(first);
    REQUIRE_OK(stored);
    CHECK(stored->value(QStringLiteral("target")).toString() == onCase);
    auto changed = *stored;
    changed.insert(QStringLiteral("hours"), 3.0);
    REQUIRE_OK(attorney->correct(first, changed));
    auto notTheirs = colleague->correct(first, changed);
    REQUIRE_FALSE(notTheirs.has_value());
    auto notTheirsToWithdraw = colleague->withdraw(first);
    REQUIRE_FALSE(notTheirsToWithdraw.has_value());
    REQUIRE_OK(attorney->withdraw(first));
    week = attorney->week(monday);
    REQUIRE_OK(week);
    CHECK(week->size() == 2);
    // Time is the logger's even when a client names someone else.
    const auto forged = test::runAs(database.settingsFor(world.login("attorney"), kPassword),
                                    {QStringLiteral("INSERT INTO legal.time_entries (id, user_id, case_id, work_date, hours) VALUES "
                                                    "(gen_random_uuid(), '%1', '%2', DATE '2026-11-18', 1)")
                                         .arg(userId(database, world.login("colleague")), caseId)});
    CHECK(forged.ok);
    CHECK(database.scalar(QStringLiteral("SELECT count(*) FROM legal.time_entries WHERE user_id = '%1'")
                              .arg(userId(database, world.login("colleague"))))
              .toInt() == 0);
}

TEST_CASE("Workload counts only what the viewer may see and always agrees with a recount from the records", "[projects][workload]")
{
    TestDatabase database;
    const ProjectWorld world = makeWorld(database);
    const QDate today(2026, 11, 20);
    // Ana (ILP) works two immigration cases, one with a hearing in 10 days and one in 40; Cora (CALD) a tort case
    // with a hearing in 5 days.
    const QString near = makeCase(database, world, true, world.login("attorney"), QStringLiteral("2026-11-30 15:00Z"));
    makeCase(database, world, true, world.login("attorney"), QStringLiteral("2026-12-30 15:00Z"));
    const QString tort = makeCase(database, world, false, world.login("cald"), QStringLiteral("2026-11-25 15:00Z"));
    As<ProjectRepository> caldProjects(database, world.login("cald"));
    As<ProjectRepository> anaProjects(database, world.login("attorney"));
    auto caldProject = caldProjects->create(newProject(world, world.cald, "Contract review"));
    auto anaProject = anaProjects->create(newProject(world, world.ilp, "Detention advice"));
    REQUIRE_OK(caldProject);
    REQUIRE_OK(anaProject);
    REQUIRE_OK(caldProjects->logTime(caldProject->id, {{QStringLiteral("work_date"), QDate(2026, 11, 19)}, {QStringLiteral("hours"), 3}}));
    REQUIRE_OK(anaProjects->logTime(anaProject->id, {{QStringLiteral("work_date"), QDate(2026, 11, 19)}, {QStringLiteral("hours"), 1.5}}));
    REQUIRE_OK(anaProjects->logTime(anaProject->id, {{QStringLiteral("work_date"), QDate(2026, 9, 1)}, {QStringLiteral("hours"), 6}}));

    As<WorkloadRepository> ana(database, world.login("attorney"));
    As<WorkloadRepository> cora(database, world.login("cald"));
    QUuid atlanta(world.atlanta);

    RecordTable seenByAna = rowsOf(ana->byPerson(atlanta, today));
    const int anaRow = rowOf(seenByAna, QStringLiteral("Ana Attorney"));
    const int coraRow = rowOf(seenByAna, QStringLiteral("Cora Cald"));
    REQUIRE(anaRow >= 0);
    REQUIRE(coraRow >= 0);
    CHECK(rowOf(seenByAna, QStringLiteral("Carl Colleague")) < 0); // Miami
    CHECK(seenByAna.value(anaRow, QStringLiteral("Open cases")).toInt() == 2);
    CHECK(seenByAna.value(anaRow, QStringLiteral("Open projects")).toInt() == 1);
    CHECK(seenByAna.value(anaRow, QStringLiteral("Hearings (next 30 days)")).toInt() == 1);
    CHECK(seenByAna.value(anaRow, QStringLiteral("Hours (last 30 days)")).toDouble() == 1.5);
    // Cora's tort case and CALD project are not Ana's to see: they count as nothing for her.
    CHECK(seenByAna.value(coraRow, QStringLiteral("Open cases")).toInt() == 0);
    CHECK(seenByAna.value(coraRow, QStringLiteral("Open projects")).toInt() == 0);
    CHECK(seenByAna.value(coraRow, QStringLiteral("Hearings (next 30 days)")).toInt() == 0);
    CHECK(seenByAna.value(coraRow, QStringLiteral("Hours (last 30 days)")).toDouble() == 0);

    RecordTable seenByCora = rowsOf(cora->byPerson(atlanta, today));
    const int coraOwn = rowOf(seenByCora, QStringLiteral("Cora Cald"));
    CHECK(seenByCora.value(coraOwn, QStringLiteral("Open cases")).toInt() == 1);
    CHECK(seenByCora.value(coraOwn, QStringLiteral("Hearings (next 30 days)")).toInt() == 1);
    CHECK(seenByCora.value(coraOwn, QStringLiteral("Hours (last 30 days)")).toDouble() == 3);
    // Ana's immigration work is every legal staff member's to see; her ILP project is not Cora's.
    const int anaForCora = rowOf(seenByCora, QStringLiteral("Ana Attorney"));
    CHECK(seenByCora.value(anaForCora, QStringLiteral("Open cases")).toInt() == 2);
    CHECK(seenByCora.value(anaForCora, QStringLiteral("Open projects")).toInt() == 0);

    // Granted the CALD project, Ana sees it counted (live, outside her divisions); the drill-down agrees.
    REQUIRE_OK(caldProjects->grantAccess(caldProject->id, world.login("attorney")));
    seenByAna = rowsOf(ana->byPerson(atlanta, today));
    CHECK(seenByAna.value(rowOf(seenByAna, QStringLiteral("Cora Cald")), QStringLiteral("Open projects")).toInt() == 1);
    CHECK(seenByAna.value(rowOf(seenByAna, QStringLiteral("Cora Cald")), QStringLiteral("Hours (last 30 days)")).toDouble() == 3);
    auto detail = ana->detail(seenByAna.ids.at(rowOf(seenByAna, QStringLiteral("Cora Cald"))), today);
    REQUIRE_OK(detail);
    CHECK(detail->cases.isEmpty());
    CHECK(detail->projects.size() == 1);
    CHECK(detail->hours.size() == 1);
    auto own = ana->detail(seenByAna.ids.at(rowOf(seenByAna, QStringLiteral("Ana Attorney"))), today);
    REQUIRE_OK(own);
    CHECK(own->cases.size() == 2);
    CHECK(own->hearings.size() == 1);

    // Per office: the sums of its people.
    RecordTable offices = rowsOf(cora->byOffice(today));
    bool foundAtlanta = false;
    for (qsizetype row = 0; row < offices.size(); ++row) {
        if (offices.value(row, QStringLiteral("Office")).toString() == u"OCC Atlanta") {
            foundAtlanta = true;
            CHECK(offices.value(row, QStringLiteral("Open cases")).toInt() == 3);
            CHECK(offices.value(row, QStringLiteral("Hearings (next 30 days)")).toInt() == 2);
        }
    }
    CHECK(foundAtlanta);

    // Changes of every kind keep the tallies equal to a recount.
    database.exec(QStringLiteral("UPDATE legal.cases SET status = 'closed' WHERE id = '%1'").arg(near));
    database.exec(QStringLiteral("UPDATE legal.hearings SET scheduled_at = scheduled_at + interval '3 days' WHERE case_id = '%1'").arg(tort));
    database.exec(QStringLiteral("UPDATE legal.cases SET division_id = '%1' WHERE id = '%2'").arg(world.ilp, tort));
    database.exec(QStringLiteral("INSERT INTO legal.case_staff (case_id, user_id, role) VALUES ('%1', '%2', 'support')")
                      .arg(tort, userId(database, world.login("cald"))));
    database.exec(QStringLiteral("DELETE FROM legal.case_staff WHERE case_id = '%1' AND role = 'attorney'").arg(tort));
    database.exec(QStringLiteral("UPDATE legal.hearings SET deleted_at = now() WHERE case_id = '%1'").arg(near));
    database.exec(QStringLiteral("UPDATE legal.projects SET status = 'closed' WHERE id = '%1'").arg(anaProject->id.toString(QUuid::WithoutBraces)));
    database.exec(QStringLiteral("UPDATE legal.projects SET division_id = '%1' WHERE id = '%2'")
                      .arg(world.ilp, caldProject->id.toString(QUuid::WithoutBraces)));
    database.exec(QStringLiteral("UPDATE legal.time_entries SET deleted_at = now() WHERE hours = 6"));
    const QString maintained = tallies(database);
    database.exec(QStringLiteral("SELECT legal.rebuild_workload()"));
    CHECK(tallies(database) == maintained);
    CHECK_FALSE(maintained.isEmpty());
    seenByAna = rowsOf(ana->byPerson(atlanta, today));
    CHECK(seenByAna.value(rowOf(seenByAna, QStringLiteral("Ana Attorney")), QStringLiteral("Open cases")).toInt() == 1);
    CHECK(seenByAna.value(rowOf(seenByAna, QStringLiteral("Ana Attorney")), QStringLiteral("Open projects")).toInt() == 0);

    // Users never read the tallies themselves; the view is for legal staff.
    const auto direct = test::runAs(database.settingsFor(world.login("attorney"), kPassword), {QStringLiteral("SELECT count(*) FROM legal.workload_open")});
    CHECK_FALSE(direct.ok);
    const auto external = test::runAs(database.settingsFor(world.login("external"), kPassword),
                                      {QStringLiteral("SELECT count(*) FROM legal.workload(NULL)")});
    CHECK_FALSE(external.ok);
}
