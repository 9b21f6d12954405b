// Issue 7 item 4 against the real server: operations plans saved whole with teams, targets and points of
// contact (and audited), read-only officers refused, a supervisor's approval withdrawn by a change, a report
// of investigation that pulls its lead's activities, and a submitted report that only a correction follows.
// (The printed PDFs need Qt's fonts, hence a QGuiApplication: tests/ui/test_field_plans.cpp reads them.)
#include "db/demoworkseeder.h"
#include "db/syntheticdataseeder.h"
#include "field/investigationreportservice.h"
#include "field/operationplanservice.h"
#include "loginsession.h"
#include "security/demoaccounts.h"
#include "testdatabase.h"

#include <QCoreApplication>
#include <QUuid>

#include "catchqt.h"

using namespace ocms;
using ocms::test::TestDatabase;

namespace {

const QString kPassword = QStringLiteral("field-plans-password-1");

QString newId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

struct PlansWorld
{
    QString prefix;
    QString office = newId(), teamA = newId(), teamB = newId(), source = newId(), person = newId(), fugitive = newId();
    QString lead1 = newId(), lead2 = newId(), otherPerson = newId(), otherFugitive = newId(), otherLead = newId();
    QString login(const char* key) const { return prefix + QString::fromLatin1(key); }
};

// Office FO-POR with teams A (04101) and B; one fugitive with two leads (activities on both), another
// fugitive with one lead. Logins read (field_read), write (field_write), full (field_full).
PlansWorld makeWorld(TestDatabase& database)
{
    PlansWorld world;
    world.prefix = QStringLiteral("p%1_%2_").arg(QCoreApplication::applicationPid()).arg(database.name().section(u'_', -1));
    database.exec(QStringLiteral("INSERT INTO core.offices (id, code, name, kind) VALUES ('%1', 'FO-POR', 'Portland Field Office', 'field_office')")
                      .arg(world.office));
    for (const auto& [key, roles] : {std::pair{"read", "field_read"}, std::pair{"write", "field_write"}, std::pair{"full", "field_full"}}) {
        database.exec(QStringLiteral("SELECT core.create_login('%1', '%2', 'Officer %3', '{%4}', 'FO-POR', '{}')")
                          .arg(world.login(key), kPassword, QString::fromLatin1(key), QString::fromLatin1(roles)));
    }
    database.exec(QStringLiteral("INSERT INTO field.teams (id, code, name, office_id) VALUES ('%1', 'POR-A', 'Team A', '%3'), "
                                 "('%2', 'POR-B', 'Team B', '%3')").arg(world.teamA, world.teamB, world.office));
    database.exec(QStringLiteral("INSERT INTO field.jurisdictions (zip, team_id) VALUES ('04101', '%1'), ('04102', '%2')").arg(world.teamA, world.teamB));
    database.exec(QStringLiteral("INSERT INTO field.lead_sources (id, code, name, kind) VALUES ('%1', 'TIP', 'Tip line', 'tip')").arg(world.source));
    database.exec(QStringLiteral("INSERT INTO core.people (id, family_name, given_name, a_number) VALUES "
                                 "('%1', 'Example', 'Ana', '123456789'), ('%2', 'Sample', 'Ben', '234567891')")
                      .arg(world.person, world.otherPerson));
    database.exec(QStringLiteral("INSERT INTO field.fugitives (id, person_id) VALUES ('%1', '%2'), ('%3', '%4')")
                      .arg(world.fugitive, world.person, world.otherFugitive, world.otherPerson));
    database.exec(QStringLiteral("INSERT INTO field.leads (id, fugitive_id, source_id, address_line1, address_city, address_state, address_zip) "
                                 "VALUES ('%1', '%3', '%4', '1 Harbor Rd', 'PORTLAND', 'ME', '04101'), "
                                 "('%2', '%3', '%4', '9 Pine St', 'PORTLAND', 'ME', '04102'), "
                                 "('%5', '%6', '%4', '3 Elm St', 'PORTLAND', 'ME', '04101')")
                      .arg(world.lead1, world.lead2, world.fugitive, world.source, world.otherLead, world.otherFugitive));
    database.exec(QStringLiteral(
        "INSERT INTO field.activities (id, lead_id, fugitive_id, activity_type, officer_name, location, occurred_at, notes) VALUES "
        "(gen_random_uuid(), '%1', '%3', 'address_check', 'Officer Write', '1 Harbor Rd', '2026-11-02 09:00Z', 'Neighbour saw subject last week'), "
        "(gen_random_uuid(), '%1', '%3', 'surveillance', 'Officer Write', '1 Harbor Rd', '2026-11-03 06:30Z', 'Vehicle registered to subject parked'), "
        "(gen_random_uuid(), '%2', '%3', 'systems_check', 'Officer Full', NULL, '2026-11-04 12:00Z', 'Unrelated lead activity')")
                      .arg(world.lead1, world.lead2, world.fugitive));
    return world;
}

OperationPlanService plans(TestDatabase& database, const PlansWorld& world, const char* who)
{
    return OperationPlanService(database.settingsFor(world.login(who), kPassword));
}

InvestigationReportService reports(TestDatabase& database, const PlansWorld& world, const char* who)
{
    return InvestigationReportService(database.settingsFor(world.login(who), kPassword));
}

template <class T>
Result<T> wait(QFuture<Result<T>> future)
{
    future.waitForFinished();
    return future.result();
}

OperationPlan draftPlan(const PlansWorld& world)
{
    OperationPlan plan;
    plan.name = QStringLiteral("Operation Harbor Light");
    plan.startsOn = QDate(2026, 12, 7);
    plan.endsOn = QDate(2026, 12, 9);
    plan.scope = QStringLiteral("Arrest of the fugitive at the Harbor Road address; two teams; no entry without consent.");
    plan.briefing = QStringLiteral("Staging at the field office, 05:00.");
    plan.teamIds = {QUuid::fromString(world.teamA), QUuid::fromString(world.teamB)};
    plan.targets = {{QUuid::fromString(world.fugitive), QUuid::fromString(world.lead1), {}, {}, {}, {}}};
    plan.contacts = {{{}, QStringLiteral("local_police"), QStringLiteral("Sgt. Dana Whitcombe"), QStringLiteral("Portland Police Department"),
                      QStringLiteral("(207) 555-0101"), QStringLiteral("Watch commander")},
                     {{}, QStringLiteral("emergency_services"), QStringLiteral("Dispatch"), QStringLiteral("Portland Fire and Rescue"),
                      QStringLiteral("207-555-0102"), {}},
                     {{}, QStringLiteral("hospital"), QStringLiteral("Emergency desk"), QStringLiteral("Maine Harbor Medical Center"),
                      QStringLiteral("207 555 0103"), {}}};
    return plan;
}

} // namespace

TEST_CASE("An operations plan is saved with its teams, targets and points of contact, and changed in place", "[integration][field][plans]")
{
    TestDatabase database;
    const PlansWorld world = makeWorld(database);
    const OperationPlanService service = plans(database, world, "write");

    auto fresh = wait(service.run<OperationPlan>([](OperationPlanRepository& repository) { return repository.newPlan(); }));
    REQUIRE_OK(fresh);
    CHECK(fresh->officeName == QStringLiteral("Portland Field Office"));
    auto offered = wait(service.run<QList<PlanTarget>>([&](OperationPlanRepository& repository) {
        return repository.candidateTargets({QUuid::fromString(world.teamA)});
    }));
    REQUIRE_OK(offered);
    REQUIRE(offered->size() == 2); // the two open leads in 04101 (team A), not team B's
    CHECK(offered->at(0).address.contains(QStringLiteral("PORTLAND")));

    OperationPlan plan = draftPlan(world);
    auto id = wait(service.run<QUuid>([plan](OperationPlanRepository& repository) { return repository.save(plan); }));
    REQUIRE_OK(id);
    auto stored = wait(service.run<OperationPlan>([&](OperationPlanRepository& repository) { return repository.plan(*id); }));
    REQUIRE_OK(stored);
    CHECK(stored->number.startsWith(QStringLiteral("OPN-")));
    CHECK(stored->officeName == QStringLiteral("Portland Field Office"));
    CHECK(stored->teamNames == QStringList{QStringLiteral("POR-A — Team A"), QStringLiteral("POR-B — Team B")});
    REQUIRE(stored->targets.size() == 1);
    CHECK(stored->targets[0].leadId == QUuid::fromString(world.lead1));
    CHECK(stored->targets[0].name == QStringLiteral("Example, Ana"));
    REQUIRE(stored->contacts.size() == 3);
    CHECK(stored->contacts[0].kind == QStringLiteral("local_police"));
    CHECK(stored->contacts[0].name == QStringLiteral("Sgt. Dana Whitcombe"));
    CHECK(stored->contacts[1].agency == QStringLiteral("Portland Fire and Rescue"));
    CHECK(stored->contacts[2].phone == QStringLiteral("207 555 0103"));
    CHECK(stored->createdBy == QStringLiteral("Officer write"));
    CHECK_FALSE(stored->isApproved());

    auto list = wait(service.run<RecordTable>([](OperationPlanRepository& repository) { return repository.list(); }));
    REQUIRE_OK(list);
    REQUIRE(list->size() == 1);
    CHECK(list->value(0, QStringLiteral("Teams")).toString() == QStringLiteral("POR-A, POR-B"));
    CHECK(list->value(0, QStringLiteral("Contacts")).toInt() == 3);
    CHECK(list->value(0, QStringLiteral("Approval")).toString() == QStringLiteral("Not approved"));
    // Every part is in the audit trail.
    CHECK(database.scalar(QStringLiteral("SELECT count(*) FROM audit.events WHERE table_name = 'field.operation_contacts' AND action = 'insert'"))
              .toInt() == 3);
    CHECK(database.scalar(QStringLiteral("SELECT count(*) FROM audit.events WHERE table_name = 'field.operation_teams'")).toInt() == 2);

    // Changed in place: the hospital goes, the police phone changes, team B leaves; the police row keeps its id.
    OperationPlan changed = *stored;
    const QUuid policeId = changed.contacts[0].id;
    changed.contacts.removeLast();
    changed.contacts[0].phone = QStringLiteral("(207) 555-0199");
    changed.teamIds = {QUuid::fromString(world.teamA)};
    REQUIRE_OK(wait(service.run<QUuid>([changed](OperationPlanRepository& repository) { return repository.save(changed); })));
    auto again = wait(service.run<OperationPlan>([&](OperationPlanRepository& repository) { return repository.plan(*id); }));
    REQUIRE_OK(again);
    REQUIRE(again->contacts.size() == 2);
    CHECK(again->contacts[0].id == policeId);
    CHECK(again->contacts[0].phone == QStringLiteral("(207) 555-0199"));
    CHECK(again->teamIds == QList<QUuid>{QUuid::fromString(world.teamA)});

    // Bad input is refused with a clear message before anything is sent.
    changed.contacts[1].phone = QStringLiteral("call dispatch");
    auto refused = wait(service.run<QUuid>([changed](OperationPlanRepository& repository) { return repository.save(changed); }));
    REQUIRE_FALSE(refused);
    CHECK(refused.error().userMessage.contains(QStringLiteral("Point of contact 2")));
}

TEST_CASE("A read-only officer reads plans but cannot write or approve one", "[integration][field][plans]")
{
    TestDatabase database;
    const PlansWorld world = makeWorld(database);
    const OperationPlan plan = draftPlan(world);
    auto id = wait(plans(database, world, "write").run<QUuid>([plan](OperationPlanRepository& repository) { return repository.save(plan); }));
    REQUIRE_OK(id);

    const OperationPlanService reader = plans(database, world, "read");
    auto permissions = wait(reader.run<PlanPermissions>([](OperationPlanRepository& repository) { return repository.permissions(); }));
    REQUIRE_OK(permissions);
    CHECK_FALSE(permissions->write);
    CHECK_FALSE(permissions->approve);
    auto list = wait(reader.run<RecordTable>([](OperationPlanRepository& repository) { return repository.list(); }));
    REQUIRE_OK(list);
    CHECK(list->size() == 1);

    auto created = wait(reader.run<QUuid>([plan](OperationPlanRepository& repository) { return repository.save(plan); }));
    REQUIRE_FALSE(created);
    CHECK(created.error().code == ErrorCode::PermissionDenied);
    auto stored = wait(reader.run<OperationPlan>([&](OperationPlanRepository& repository) { return repository.plan(*id); }));
    REQUIRE_OK(stored);
    OperationPlan changed = *stored;
    changed.scope = QStringLiteral("Widened by a read-only officer");
    changed.contacts.removeLast();
    auto edited = wait(reader.run<QUuid>([changed](OperationPlanRepository& repository) { return repository.save(changed); }));
    REQUIRE_FALSE(edited);
    CHECK(edited.error().code == ErrorCode::PermissionDenied);
    auto approved = wait(reader.run<void>([&](OperationPlanRepository& repository) { return repository.approve(*id); }));
    REQUIRE_FALSE(approved);
    CHECK(approved.error().userMessage.contains(QStringLiteral("supervisor")));
    // Nothing changed.
    CHECK(database.scalar(QStringLiteral("SELECT scope FROM field.operations WHERE id = '%1'").arg(id->toString(QUuid::WithoutBraces)))
              .toString() == plan.scope);
    CHECK(database.scalar(QStringLiteral("SELECT count(*) FROM field.operation_contacts")).toInt() == 3);
    // A read-only officer writes no report of investigation either.
    InvestigationReport report;
    report.fugitiveId = QUuid::fromString(world.fugitive);
    report.summary = QStringLiteral("Checked the address.");
    report.outcome = QStringLiteral("not_located");
    report.reportDate = QDate::currentDate();
    auto written = wait(reports(database, world, "read").run<QUuid>([report](InvestigationReportRepository& r) { return r.save(report, false); }));
    REQUIRE_FALSE(written);
    CHECK(written.error().code == ErrorCode::PermissionDenied);
}

TEST_CASE("A supervisor approves a plan with police and emergency contacts, a later change withdraws the approval", "[integration][field][plans]")
{
    TestDatabase database;
    const PlansWorld world = makeWorld(database);
    const OperationPlanService writer = plans(database, world, "write");
    const OperationPlanService supervisor = plans(database, world, "full");
    OperationPlan plan = draftPlan(world);
    plan.contacts.removeAt(1); // no emergency services contact yet
    auto id = wait(writer.run<QUuid>([plan](OperationPlanRepository& repository) { return repository.save(plan); }));
    REQUIRE_OK(id);

    auto own = wait(writer.run<void>([&](OperationPlanRepository& repository) { return repository.approve(*id); }));
    REQUIRE_FALSE(own);
    CHECK(own.error().code == ErrorCode::PermissionDenied);
    auto incomplete = wait(supervisor.run<void>([&](OperationPlanRepository& repository) { return repository.approve(*id); }));
    REQUIRE_FALSE(incomplete);
    CHECK(incomplete.error().userMessage.contains(QStringLiteral("emergency services")));

    auto stored = wait(writer.run<OperationPlan>([&](OperationPlanRepository& repository) { return repository.plan(*id); }));
    REQUIRE_OK(stored);
    OperationPlan complete = *stored;
    complete.contacts.append({{}, QStringLiteral("emergency_services"), QStringLiteral("Dispatch"), QStringLiteral("County EMS"),
                              QStringLiteral("207-555-0110"), {}});
    REQUIRE_OK(wait(writer.run<QUuid>([complete](OperationPlanRepository& repository) { return repository.save(complete); })));
    REQUIRE_OK(wait(supervisor.run<void>([&](OperationPlanRepository& repository) { return repository.approve(*id); })));
    auto approved = wait(writer.run<OperationPlan>([&](OperationPlanRepository& repository) { return repository.plan(*id); }));
    REQUIRE_OK(approved);
    CHECK(approved->approvedBy == QStringLiteral("Officer full"));
    // Saving it unchanged keeps the approval; approving by editing the columns is refused.
    REQUIRE_OK(wait(writer.run<QUuid>([plan = *approved](OperationPlanRepository& repository) { return repository.save(plan); })));
    CHECK(database.scalar(QStringLiteral("SELECT approved_at IS NOT NULL FROM field.operations")).toBool());

    // A changed contact is a changed plan: the approval is withdrawn.
    OperationPlan moved = *approved;
    moved.contacts[0].phone = QStringLiteral("207-555-0177");
    REQUIRE_OK(wait(writer.run<QUuid>([moved](OperationPlanRepository& repository) { return repository.save(moved); })));
    CHECK(database.scalar(QStringLiteral("SELECT approved_at IS NULL AND approved_by IS NULL FROM field.operations")).toBool());
}

TEST_CASE("A report of investigation pulls its lead's activities, and once submitted only a correction follows it", "[integration][field][plans]")
{
    TestDatabase database;
    const PlansWorld world = makeWorld(database);
    const InvestigationReportService service = reports(database, world, "write");
    const QUuid fugitive = QUuid::fromString(world.fugitive), lead1 = QUuid::fromString(world.lead1);

    auto draft = wait(service.run<InvestigationReport>([&](InvestigationReportRepository& r) { return r.current(fugitive, lead1); }));
    REQUIRE_OK(draft);
    CHECK(draft->id.isNull());
    CHECK(draft->fugitiveName == QStringLiteral("Example, Ana"));
    CHECK(draft->aNumber == QStringLiteral("123456789"));
    CHECK(draft->authorName == QStringLiteral("Officer write"));
    REQUIRE(draft->leads.size() == 1);
    CHECK(draft->leads[0].address == QStringLiteral("1 Harbor Rd, PORTLAND, ME 04101"));
    // The lead's two activities, in time order; the other lead's is not pulled in.
    REQUIRE(draft->activities.size() == 2);
    CHECK(draft->activities[0].notes == QStringLiteral("Neighbour saw subject last week"));
    CHECK(draft->activities[1].type == QStringLiteral("surveillance"));
    // A lead of another fugitive is refused.
    auto foreign = wait(service.run<InvestigationReport>([&](InvestigationReportRepository& r) {
        return r.newDraft(fugitive, {QUuid::fromString(world.otherLead)});
    }));
    REQUIRE_FALSE(foreign);

    InvestigationReport report = *draft;
    report.summary = QStringLiteral("Address check and surveillance at 1 Harbor Rd.");
    report.outcome = QStringLiteral("located_not_arrested");
    auto id = wait(service.run<QUuid>([report](InvestigationReportRepository& r) { return r.save(report, false); }));
    REQUIRE_OK(id);
    auto saved = wait(service.run<InvestigationReport>([&](InvestigationReportRepository& r) { return r.report(*id); }));
    REQUIRE_OK(saved);
    CHECK(saved->number.startsWith(QStringLiteral("ROI-")));
    CHECK_FALSE(saved->isSubmitted());
    // A draft stays its author's to change; another officer (not a supervisor) may not.
    database.exec(QStringLiteral("SELECT core.create_login('%1', '%2', 'Officer Two', '{field_write}', 'FO-POR', '{}')")
                      .arg(world.login("two"), kPassword));
    InvestigationReport other = *saved;
    other.summary = QStringLiteral("Rewritten by someone else");
    auto stranger = wait(reports(database, world, "two").run<QUuid>([other](InvestigationReportRepository& r) { return r.save(other, false); }));
    REQUIRE_FALSE(stranger);
    CHECK(stranger.error().userMessage.contains(QStringLiteral("author")));

    // Submitted: final.
    REQUIRE_OK(wait(service.run<QUuid>([report = *saved](InvestigationReportRepository& r) { return r.save(report, true); })));
    auto submitted = wait(service.run<InvestigationReport>([&](InvestigationReportRepository& r) { return r.current(fugitive, lead1); }));
    REQUIRE_OK(submitted);
    CHECK(submitted->id == *id);
    CHECK(submitted->isSubmitted());
    CHECK(submitted->submittedAt.isValid());
    InvestigationReport edited = *submitted;
    edited.summary = QStringLiteral("Quietly changed afterwards");
    auto refused = wait(service.run<QUuid>([edited](InvestigationReportRepository& r) { return r.save(edited, false); }));
    REQUIRE_FALSE(refused);
    CHECK(refused.error().code == ErrorCode::PermissionDenied);
    CHECK(refused.error().userMessage.contains(QStringLiteral("correction")));
    // Straight SQL fares no better: not the author's update, not a supervisor's delete of the report or its leads.
    const QString key = id->toString(QUuid::WithoutBraces);
    const auto writeUpdate = test::runAs(database.settingsFor(world.login("write"), kPassword),
                                         {QStringLiteral("UPDATE field.investigation_reports SET outcome = 'arrested' WHERE id = '%1'").arg(key)});
    REQUIRE(writeUpdate.connected);
    CHECK_FALSE(writeUpdate.ok);
    CHECK(writeUpdate.error.userMessage.contains(QStringLiteral("never changed")));
    const auto fullDelete = test::runAs(database.settingsFor(world.login("full"), kPassword),
                                        {QStringLiteral("DELETE FROM field.investigation_reports WHERE id = '%1'").arg(key)});
    CHECK_FALSE(fullDelete.ok);
    const auto leadDelete = test::runAs(database.settingsFor(world.login("full"), kPassword),
                                        {QStringLiteral("DELETE FROM field.investigation_report_leads WHERE report_id = '%1'").arg(key)});
    CHECK_FALSE(leadDelete.ok);
    CHECK(database.scalar(QStringLiteral("SELECT summary || '|' || outcome || '|' || (SELECT count(*) FROM field.investigation_report_leads "
                                         "WHERE report_id = '%1') FROM field.investigation_reports WHERE id = '%1'").arg(key))
              .toString() == report.summary + QStringLiteral("|located_not_arrested|1"));

    // The correction refers to it and becomes the current report of the lead.
    auto correction = wait(service.run<InvestigationReport>([&](InvestigationReportRepository& r) { return r.correctionOf(*id); }));
    REQUIRE_OK(correction);
    CHECK(correction->correctsReportId == *id);
    CHECK(correction->summary == report.summary);
    InvestigationReport fixed = *correction;
    fixed.summary = QStringLiteral("Address check and surveillance at 1 Harbor Rd; subject seen entering at 06:40.");
    auto fixedId = wait(service.run<QUuid>([fixed](InvestigationReportRepository& r) { return r.save(fixed, true); }));
    REQUIRE_OK(fixedId);
    auto now = wait(service.run<InvestigationReport>([&](InvestigationReportRepository& r) { return r.current(fugitive, lead1); }));
    REQUIRE_OK(now);
    CHECK(now->id == *fixedId);
    CHECK(now->correctsNumber == submitted->number);
    auto original = wait(service.run<InvestigationReport>([&](InvestigationReportRepository& r) { return r.report(*id); }));
    REQUIRE_OK(original);
    CHECK(original->correctedByNumber == now->number);
    CHECK(original->summary == report.summary);
    auto listed = wait(service.run<RecordTable>([&](InvestigationReportRepository& r) { return r.reportsOf(fugitive); }));
    REQUIRE_OK(listed);
    CHECK(listed->size() == 2);
}

TEST_CASE("The demo world has an operations plan and a submitted report of investigation for the demo officer", "[integration][field][plans]")
{
    TestDatabase database;
    SeedOptions options;
    options.cases = 10;
    options.leads = 300;
    options.seed = 41;
    options.asOf = QDate(2026, 11, 21);
    REQUIRE_OK(SyntheticDataSeeder(database.connection()).run(options));
    REQUIRE_OK(DemoAccounts::create(database.connection()));
    REQUIRE_OK(DemoWorkSeeder::plant(database.connection()));
    REQUIRE_OK(DemoWorkSeeder::plant(database.connection())); // again: nothing doubled
    const ConnectionSettings officer = database.settingsFor(QStringLiteral("officer.demo"), QString::fromLatin1(DemoAccounts::kPassword));

    auto list = wait(OperationPlanService(officer).run<RecordTable>([](OperationPlanRepository& r) { return r.list(); }));
    REQUIRE_OK(list);
    REQUIRE(list->size() == 1);
    auto plan = wait(OperationPlanService(officer).run<OperationPlan>([&](OperationPlanRepository& r) { return r.plan(list->ids[0]); }));
    REQUIRE_OK(plan);
    CHECK(plan->contacts.size() == 3);
    CHECK(plan->teamNames.size() == 1);
    CHECK(plan->targets.size() == 1);
    CHECK(plan->createdBy == QStringLiteral("Rafael Dunmore"));

    const QString reportFugitive = database.scalar(QStringLiteral("SELECT fugitive_id FROM field.investigation_reports")).toString();
    const QString reportLead = database.scalar(QStringLiteral("SELECT lead_id FROM field.investigation_report_leads")).toString();
    REQUIRE_FALSE(reportLead.isEmpty());
    auto report = wait(InvestigationReportService(officer).run<InvestigationReport>([&](InvestigationReportRepository& r) {
        return r.current(QUuid::fromString(reportFugitive), QUuid::fromString(reportLead));
    }));
    REQUIRE_OK(report);
    CHECK(report->isSubmitted());
    CHECK(report->authorName == QStringLiteral("Rafael Dunmore"));
    CHECK_FALSE(report->activities.isEmpty());
    CHECK(database.scalar(QStringLiteral("SELECT count(*) FROM field.investigation_reports")).toInt() == 1);
}
