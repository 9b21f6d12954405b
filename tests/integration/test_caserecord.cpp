// The case record (migration 0017 and CaseRepository), each step as the role's own login: creating with
// the A-Number check, history kept by the server, conflict-safe saves, transfers, dropdown rules enforced
// by the server, tracking projects linked to their case, the field policy mirrored for forms.
#include "db/caserepository.h"
#include "db/database.h"
#include "db/dropdowncatalog.h"
#include "domain/caseforms.h"
#include "domain/formvalidator.h"
#include "loginsession.h"
#include "security/fieldaccess.h"
#include "testdatabase.h"

#include <QCoreApplication>
#include <QUuid>

#include "catchqt.h"

using namespace ocms;
using ocms::test::TestDatabase;

namespace {

const QString kPassword = QStringLiteral("record-password-1");

struct RecordWorld
{
    QString prefix;
    QString atlanta = QUuid::createUuid().toString(QUuid::WithoutBraces);
    QString miami = QUuid::createUuid().toString(QUuid::WithoutBraces);
    QString login(const char* key) const { return prefix + QString::fromLatin1(key); }
};

RecordWorld makeWorld(TestDatabase& database)
{
    RecordWorld world;
    world.prefix = QStringLiteral("r%1_%2_").arg(QCoreApplication::applicationPid()).arg(database.name().section(u'_', -1));
    database.exec(QStringLiteral("INSERT INTO core.offices (id, code, name, kind) VALUES ('%1', 'OCC-ATL', 'OCC Atlanta', "
                                 "'chief_counsel'), ('%2', 'OCC-MIA', 'OCC Miami', 'chief_counsel')")
                      .arg(world.atlanta, world.miami));
    database.exec(QStringLiteral("INSERT INTO core.divisions (id, code, name) VALUES (gen_random_uuid(), 'ILP', 'Immigration Law'), "
                                 "(gen_random_uuid(), 'CALD', 'Commercial and Administrative Law'), "
                                 "(gen_random_uuid(), 'NSLS', 'National Security Law')"));
    const QList<std::pair<const char*, const char*>> logins = {
        {"attorney", "'Ana Attorney', '{ocms_attorney}', 'OCC-ATL', '{ILP}'"},
        {"colleague", "'Carl Colleague', '{ocms_attorney}', 'OCC-MIA', '{ILP}'"},
        {"cald", "'Cora Cald', '{ocms_attorney}', 'OCC-ATL', '{CALD}'"},
        {"nsls", "'Nina Nsls', '{ocms_attorney}', 'OCC-ATL', '{NSLS}'"},
        {"external", "'Eddie External', '{ocms_readonly_external}', 'OCC-ATL', '{}'"},
    };
    for (const auto& [key, rest] : logins) {
        database.exec(QStringLiteral("SELECT core.create_login('%1', '%2', %3)").arg(world.login(key), kPassword, QString::fromLatin1(rest)));
    }
    return world;
}

// A repository signed in as a login, on a connection of its own.
class As
{
public:
    As(TestDatabase& database, const QString& login, CaseRepository::Reach reach = CaseRepository::Reach::LegalStaff)
        : m_name(QStringLiteral("as-") + login)
    {
        auto opened = Database::open(database.settingsFor(login, kPassword), m_name);
        REQUIRE(opened.has_value());
        m_database = *opened;
        m_repository.emplace(m_database, reach);
    }
    ~As()
    {
        m_repository.reset();
        m_database = QSqlDatabase();
        Database::close(m_name);
    }
    CaseRepository* operator->() { return &*m_repository; }
    QSqlDatabase& database() { return m_database; }

private:
    QString m_name;
    QSqlDatabase m_database;
    std::optional<CaseRepository> m_repository;
};

QVariantMap immigrationCase(const QString& aNumber)
{
    return {{QStringLiteral("category"), QStringLiteral("immigration")}, {QStringLiteral("a_number"), aNumber},
            {QStringLiteral("case_type"), QStringLiteral("removal")}, {QStringLiteral("forum"), QStringLiteral("immigration_court")},
            {QStringLiteral("court_name"), QStringLiteral("Atlanta Immigration Court")},
            {QStringLiteral("title"), QStringLiteral("Matter of Quintero")}, {QStringLiteral("opened_on"), QDate(2026, 11, 2)},
            {QStringLiteral("family_name"), QStringLiteral("Quintero")}, {QStringLiteral("given_name"), QStringLiteral("Lucía")},
            {QStringLiteral("date_of_birth"), QDate(1991, 4, 12)}, {QStringLiteral("nationality"), QStringLiteral("HN")},
            {QStringLiteral("language"), QStringLiteral("Spanish")}};
}

} // namespace

TEST_CASE("Creating an immigration case starts from the A-Number and never makes a duplicate", "[caserecord]")
{
    TestDatabase database;
    const RecordWorld world = makeWorld(database);
    As attorney(database, world.login("attorney"));

    auto aNumber = ANumber::parse(u"A 208-431-775");
    REQUIRE(aNumber.has_value());
    auto before = attorney->lookUp(*aNumber);
    REQUIRE(before.has_value());
    CHECK(before->cases.isEmpty());
    CHECK_FALSE(before->hasOpenCase());

    auto created = attorney->createCase(immigrationCase(aNumber->digits()), {}, {});
    REQUIRE(created.has_value());
    CHECK(created->number.startsWith(QStringLiteral("CASE-")));

    // Found next time, with its respondent; the person is offered for reuse.
    auto after = attorney->lookUp(*aNumber);
    REQUIRE(after.has_value());
    REQUIRE(after->cases.size() == 1);
    CHECK(after->hasOpenCase());
    CHECK(after->cases.first().partyName == QStringLiteral("Quintero, Lucía"));
    CHECK(after->cases.first().officeName == QStringLiteral("OCC Atlanta"));
    REQUIRE(after->people.size() == 1);

    // A second open case for the same A-Number is refused by the server, with a message for the user.
    auto duplicate = attorney->createCase(immigrationCase(aNumber->digits()), after->people.first().id, {});
    REQUIRE_FALSE(duplicate.has_value());
    CHECK(duplicate.error().code == ErrorCode::Conflict);
    CHECK(duplicate.error().userMessage.contains(QStringLiteral("already exists for this A-Number")));
    CHECK(database.scalar(QStringLiteral("SELECT count(*) FROM legal.cases")).toInt() == 1);

    // The record: summary through the audited reader, creator assigned, history written by the server.
    auto record = attorney->load(created->id);
    REQUIRE(record.has_value());
    CHECK(record->caseNumber == created->number);
    CHECK(record->partyName == QStringLiteral("Quintero, Lucía"));
    CHECK(record->officeName == QStringLiteral("OCC Atlanta"));
    REQUIRE(record->staff.size() == 1);
    CHECK(record->staff.value(0, QStringLiteral("Name")).toString() == QStringLiteral("Ana Attorney"));
    CHECK(record->staff.value(0, QStringLiteral("Role")).toString() == QStringLiteral("attorney"));
    REQUIRE(record->history.size() == 1);
    CHECK(record->history.value(0, QStringLiteral("Action")).toString() == QStringLiteral("created"));
    CHECK(record->history.value(0, QStringLiteral("By")).toString() == QStringLiteral("Ana Attorney"));
    CHECK(database.scalar(QStringLiteral("SELECT count(*) FROM audit.events WHERE action = 'view' AND record_id = '%1'")
                              .arg(created->id.toString(QUuid::WithoutBraces)))
              .toInt() == 1);
}

TEST_CASE("Two people saving the same case: the second gets a conflict naming the first, nothing is overwritten", "[caserecord]")
{
    TestDatabase database;
    const RecordWorld world = makeWorld(database);
    As attorney(database, world.login("attorney"));
    As colleague(database, world.login("colleague"));
    auto created = attorney->createCase(immigrationCase(QStringLiteral("208431775")), {}, {});
    REQUIRE(created.has_value());

    auto mine = attorney->load(created->id);
    auto theirs = colleague->load(created->id);
    REQUIRE(mine.has_value());
    REQUIRE(theirs.has_value());
    REQUIRE(mine->rowVersion == theirs->rowVersion);

    auto saved = colleague->saveSummary(created->id, theirs->rowVersion, {{QStringLiteral("court_name"), QStringLiteral("Miami Court")}});
    REQUIRE(saved.has_value());
    CHECK(*saved > theirs->rowVersion);

    auto stale = attorney->saveSummary(created->id, mine->rowVersion, {{QStringLiteral("court_name"), QStringLiteral("Atlanta Court")}});
    REQUIRE_FALSE(stale.has_value());
    CHECK(stale.error().code == ErrorCode::Conflict);
    CHECK(stale.error().userMessage.contains(QStringLiteral("Carl Colleague")));
    CHECK(database.scalar(QStringLiteral("SELECT court_name FROM legal.cases")).toString() == QStringLiteral("Miami Court"));

    // After reloading, the same change goes through; status changes enter the history.
    auto reloaded = attorney->load(created->id);
    REQUIRE(reloaded.has_value());
    auto again = attorney->saveSummary(created->id, reloaded->rowVersion,
                                       {{QStringLiteral("court_name"), QStringLiteral("Atlanta Court")},
                                        {QStringLiteral("status"), QStringLiteral("pending_appeal")},
                                        {QStringLiteral("initial_disposition"), QStringLiteral("Removal ordered")},
                                        {QStringLiteral("initial_disposition_on"), QDate(2026, 11, 20)}});
    REQUIRE(again.has_value());
    auto history = attorney->load(created->id);
    REQUIRE(history.has_value());
    QStringList actions;
    for (qsizetype row = 0; row < history->history.size(); ++row) {
        actions.append(history->history.value(row, QStringLiteral("What happened")).toString());
    }
    CHECK(actions.contains(QStringLiteral("Status changed from open to pending appeal")));
    CHECK(actions.contains(QStringLiteral("Initial disposition: Removal ordered (2026-11-20)")));

    // A field the form does not offer is refused before it reaches SQL.
    auto sneaky = attorney->saveSummary(created->id, *again, {{QStringLiteral("office_id"), world.miami}});
    REQUIRE_FALSE(sneaky.has_value());
}

TEST_CASE("A transfer moves the case to another office and stays in the history with its reason", "[caserecord]")
{
    TestDatabase database;
    const RecordWorld world = makeWorld(database);
    As attorney(database, world.login("attorney"));
    auto created = attorney->createCase(immigrationCase(QStringLiteral("208431775")), {}, {});
    REQUIRE(created.has_value());
    auto record = attorney->load(created->id);
    REQUIRE(record.has_value());

    auto noReason = attorney->transfer(created->id, QUuid::fromString(world.miami), QStringLiteral("  "), record->rowVersion);
    REQUIRE_FALSE(noReason.has_value());
    CHECK(noReason.error().userMessage == QStringLiteral("Give the reason for the transfer."));

    auto moved = attorney->transfer(created->id, QUuid::fromString(world.miami), QStringLiteral("Respondent moved to Florida"),
                                    record->rowVersion);
    REQUIRE(moved.has_value());
    auto after = attorney->load(created->id);
    REQUIRE(after.has_value());
    CHECK(after->officeName == QStringLiteral("OCC Miami"));
    REQUIRE(after->transfers.size() == 1);
    CHECK(after->transfers.value(0, QStringLiteral("From")).toString() == QStringLiteral("OCC Atlanta"));
    CHECK(after->transfers.value(0, QStringLiteral("To")).toString() == QStringLiteral("OCC Miami"));
    CHECK(after->transfers.value(0, QStringLiteral("Reason")).toString() == QStringLiteral("Respondent moved to Florida"));
    CHECK(after->history.value(0, QStringLiteral("What happened")).toString() ==
          QStringLiteral("Transferred from OCC Atlanta to OCC Miami: Respondent moved to Florida"));

    // A transfer from a stale screen is refused, naming who changed the case.
    auto stale = attorney->transfer(created->id, QUuid::fromString(world.atlanta), QStringLiteral("Back"), record->rowVersion);
    REQUIRE_FALSE(stale.has_value());
    CHECK(stale.error().code == ErrorCode::Conflict);
    CHECK(stale.error().userMessage.contains(QStringLiteral("Ana Attorney")));
}

TEST_CASE("The server refuses dropdown values outside their lists and their dependent rules", "[caserecord]")
{
    TestDatabase database;
    const RecordWorld world = makeWorld(database);
    As attorney(database, world.login("attorney"));
    QVariantMap tortAsImmigration = immigrationCase(QStringLiteral("208431775"));
    tortAsImmigration.insert(QStringLiteral("case_type"), QStringLiteral("tort"));
    auto refused = attorney->createCase(tortAsImmigration, {}, {});
    REQUIRE_FALSE(refused.has_value());
    CHECK(refused.error().code == ErrorCode::Validation);
    CHECK(refused.error().userMessage == QStringLiteral("\"Tort claim (FTCA)\" cannot be chosen when case category is \"Immigration\"."));

    auto created = attorney->createCase(immigrationCase(QStringLiteral("208431775")), {}, {});
    REQUIRE(created.has_value());
    auto badHearing = attorney->addHearing(created->id, {{QStringLiteral("hearing_type"), QStringLiteral("karaoke")},
                                                         {QStringLiteral("scheduled_at"), QDateTime(QDate(2027, 1, 5), QTime(9, 0))}});
    REQUIRE_FALSE(badHearing.has_value());
    CHECK(badHearing.error().userMessage.contains(QStringLiteral("is not a value of the list \"Hearing type\"")));

    auto hearing = attorney->addHearing(created->id, {{QStringLiteral("hearing_type"), QStringLiteral("master_calendar")},
                                                      {QStringLiteral("scheduled_at"), QDateTime(QDate(2027, 1, 5), QTime(9, 0))},
                                                      {QStringLiteral("judge_name"), QStringLiteral("Judge Park")}});
    REQUIRE(hearing.has_value());
    auto record = attorney->load(created->id);
    REQUIRE(record.has_value());
    REQUIRE(record->hearings.size() == 1);
    CHECK(record->hearings.value(0, QStringLiteral("Type")).toString() == QStringLiteral("Master calendar"));

    // The client's catalog applies the same dependent rule.
    auto catalog = DropdownCatalog::load(attorney.database());
    REQUIRE(catalog.has_value());
    CHECK(catalog->allows(QStringLiteral("case_type"), QStringLiteral("removal"), QStringLiteral("immigration")));
    CHECK_FALSE(catalog->allows(QStringLiteral("case_type"), QStringLiteral("tort"), QStringLiteral("immigration")));
    CHECK(catalog->choices(QStringLiteral("case_type"), QStringLiteral("non_immigration")).size() == 8);
}

TEST_CASE("Forms mirror the field policy the server enforces", "[caserecord]")
{
    TestDatabase database;
    const RecordWorld world = makeWorld(database);
    As attorney(database, world.login("attorney"));
    As nsls(database, world.login("nsls"));
    As external(database, world.login("external"), CaseRepository::Reach::External);
    auto created = attorney->createCase(immigrationCase(QStringLiteral("208431775")), {}, {});
    REQUIRE(created.has_value());

    auto attorneyAccess = FieldAccess::load(attorney.database());
    auto nslsAccess = FieldAccess::load(nsls.database());
    auto externalAccess = FieldAccess::load(external.database());
    REQUIRE(attorneyAccess.has_value());
    REQUIRE(nslsAccess.has_value());
    REQUIRE(externalAccess.has_value());
    const QString cases = QStringLiteral("legal.cases");
    CHECK(attorneyAccess->level(cases, QStringLiteral("national_security_notes")) == FieldAccess::Level::ReadOnly);
    CHECK(nslsAccess->level(cases, QStringLiteral("national_security_notes")) == FieldAccess::Level::Editable);
    CHECK(externalAccess->level(cases, QStringLiteral("national_security_notes")) == FieldAccess::Level::Hidden);
    CHECK(attorneyAccess->level(cases, QStringLiteral("custody_status")) == FieldAccess::Level::ReadOnly); // EID's
    CHECK(attorneyAccess->level(cases, QStringLiteral("title")) == FieldAccess::Level::Editable);

    // What the form shows read-only, the server refuses too; the NSLS attorney may write it.
    auto record = attorney->load(created->id);
    REQUIRE(record.has_value());
    auto refused = attorney->saveSummary(created->id, record->rowVersion, {{QStringLiteral("national_security_notes"), QStringLiteral("x")}});
    REQUIRE_FALSE(refused.has_value());
    CHECK(refused.error().code == ErrorCode::PermissionDenied);
    auto allowed = nsls->saveSummary(created->id, record->rowVersion, {{QStringLiteral("national_security_notes"), QStringLiteral("Reviewed")}});
    REQUIRE(allowed.has_value());

    // The external user reads status, people's names and hearings; the hidden notes come back empty.
    auto seen = external->load(created->id);
    REQUIRE(seen.has_value());
    CHECK(seen->summary.value(QStringLiteral("national_security_notes")).isNull());
    CHECK(seen->partyName == QStringLiteral("Quintero, Lucía"));
    CHECK(seen->notes.isEmpty());
    auto nslsView = nsls->load(created->id);
    REQUIRE(nslsView.has_value());
    CHECK(nslsView->summary.value(QStringLiteral("national_security_notes")).toString() == QStringLiteral("Reviewed"));
}

TEST_CASE("A matter without an A-Number is tracked as a project and later linked to its case, nothing lost", "[caserecord]")
{
    TestDatabase database;
    const RecordWorld world = makeWorld(database);
    As attorney(database, world.login("attorney"));
    auto project = attorney->createTrackingProject({{QStringLiteral("title"), QStringLiteral("Walk-in: Quintero family")},
                                                   {QStringLiteral("family_name"), QStringLiteral("Quintero")},
                                                   {QStringLiteral("given_name"), QStringLiteral("Lucía")}});
    REQUIRE(project.has_value());
    CHECK(project->number.startsWith(QStringLiteral("PRJ-")));
    database.exec(QStringLiteral("INSERT INTO legal.tasks (id, project_id, title) VALUES (gen_random_uuid(), '%1', 'Call the family')")
                      .arg(project->id.toString(QUuid::WithoutBraces)));

    auto lookup = attorney->lookUp(*ANumber::parse(u"208431775"));
    REQUIRE(lookup.has_value());
    REQUIRE(lookup->trackingProjects.size() == 1);
    CHECK(lookup->trackingProjects.first().projectNumber == project->number);

    // The person of the project is reused as the respondent: linking copies it without duplicating.
    auto created = attorney->createCase(immigrationCase(QStringLiteral("208431775")), {}, project->id);
    REQUIRE(created.has_value());
    auto record = attorney->load(created->id);
    REQUIRE(record.has_value());
    REQUIRE(record->linkedProjects.size() == 1);
    CHECK(record->linkedProjects.value(0, QStringLiteral("Project")).toString() == project->number);
    CHECK(record->history.value(0, QStringLiteral("Action")).toString() == QStringLiteral("project linked"));
    CHECK(database.scalar(QStringLiteral("SELECT count(*) FROM legal.tasks WHERE project_id = '%1'")
                              .arg(project->id.toString(QUuid::WithoutBraces)))
              .toInt() == 1);
    CHECK(database.scalar(QStringLiteral("SELECT count(*) FROM legal.project_history WHERE action = 'linked_to_case'")).toInt() == 1);
    // Linking twice to another case is refused.
    auto other = attorney->createCase(immigrationCase(QStringLiteral("208431776")), {}, {});
    REQUIRE(other.has_value());
    auto again = attorney->linkProject(project->id, other->id);
    REQUIRE_FALSE(again.has_value());
    CHECK(again.error().userMessage.contains(QStringLiteral("already linked")));
}

TEST_CASE("A tort claim belongs to its division and its creator grants a colleague from another division", "[caserecord]")
{
    TestDatabase database;
    const RecordWorld world = makeWorld(database);
    As cald(database, world.login("cald"));
    As attorney(database, world.login("attorney"));
    auto catalog = DropdownCatalog::load(cald.database());
    REQUIRE(catalog.has_value());
    const QList<DropdownChoice> divisions = catalog->choices(QStringLiteral("my_division"));
    REQUIRE(divisions.size() == 1);

    QVariantMap claim = {{QStringLiteral("category"), QStringLiteral("non_immigration")}, {QStringLiteral("case_type"), QStringLiteral("tort")},
                         {QStringLiteral("forum"), QStringLiteral("administrative")}, {QStringLiteral("title"), QStringLiteral("SF-95 claim of Ortega")},
                         {QStringLiteral("division_id"), divisions.first().code}, {QStringLiteral("opened_on"), QDate(2026, 11, 3)},
                         {QStringLiteral("incident_on"), QDate(2026, 6, 1)}, {QStringLiteral("claim_amount"), QStringLiteral("12500.50")},
                         {QStringLiteral("incident_summary"), QStringLiteral("Vehicle collision in a parking lot")},
                         {QStringLiteral("family_name"), QStringLiteral("Ortega")}, {QStringLiteral("given_name"), QStringLiteral("Mateo")}};
    FormValidator validator([&](const QString& list, const QString& code, const QString& parent) {
        return catalog->allows(list, code, parent);
    });
    CHECK(validator.validate(CaseForms::newOtherCase(), claim).isEmpty());
    QVariantMap stored = FormValidator::normalised(CaseForms::newOtherCase(), claim);
    stored.insert(QStringLiteral("category"), QStringLiteral("non_immigration"));
    auto created = cald->createCase(stored, {}, {});
    REQUIRE(created.has_value());

    // The ILP attorney sees nothing of it until granted.
    auto hidden = attorney->load(created->id);
    REQUIRE_FALSE(hidden.has_value());
    CHECK(hidden.error().code == ErrorCode::NotFound);
    REQUIRE(cald->grantAccess(created->id, world.login("attorney")).has_value());
    auto granted = attorney->load(created->id);
    REQUIRE(granted.has_value());
    CHECK(granted->partyName == QStringLiteral("Ortega, Mateo"));
    CHECK(granted->summary.value(QStringLiteral("claim_amount")).toDouble() == Approx(12500.5));
    auto byCreator = cald->load(created->id);
    REQUIRE(byCreator.has_value());
    REQUIRE(byCreator->grants.size() == 1);
    CHECK(byCreator->grants.value(0, QStringLiteral("Name")).toString() == QStringLiteral("Ana Attorney"));
    CHECK(byCreator->createdByMe);
}

TEST_CASE("Hearings and people are edited under a row-version check, A-Numbers on people stay EOIR's", "[caserecord]")
{
    TestDatabase database;
    const RecordWorld world = makeWorld(database);
    As attorney(database, world.login("attorney"));
    As colleague(database, world.login("colleague"));
    auto created = attorney->createCase(immigrationCase(QStringLiteral("208431775")), {}, {});
    REQUIRE(created.has_value());
    REQUIRE(attorney->addHearing(created->id, {{QStringLiteral("hearing_type"), QStringLiteral("master_calendar")},
                                               {QStringLiteral("scheduled_at"), QDateTime(QDate(2027, 1, 5), QTime(9, 0))}})
                .has_value());
    auto record = attorney->load(created->id);
    REQUIRE(record.has_value());
    const QUuid hearing = record->hearings.ids.first();

    auto mine = attorney->editableRow(CaseRepository::Editable::Hearing, hearing);
    auto theirs = colleague->editableRow(CaseRepository::Editable::Hearing, hearing);
    REQUIRE(mine.has_value());
    REQUIRE(theirs.has_value());
    CHECK(mine->value(QStringLiteral("hearing_type")).toString() == QStringLiteral("master_calendar"));
    const qint64 version = mine->value(QStringLiteral("row_version")).toLongLong();
    REQUIRE(colleague->updateRow(CaseRepository::Editable::Hearing, hearing, version, {{QStringLiteral("courtroom"), QStringLiteral("4B")}})
                .has_value());
    auto stale = attorney->updateRow(CaseRepository::Editable::Hearing, hearing, version, {{QStringLiteral("outcome"), QStringLiteral("Continued")}});
    REQUIRE_FALSE(stale.has_value());
    CHECK(stale.error().code == ErrorCode::Conflict);
    CHECK(database.scalar(QStringLiteral("SELECT coalesce(outcome, '-') || courtroom FROM legal.hearings")).toString() == QStringLiteral("-4B"));
    auto fresh = attorney->editableRow(CaseRepository::Editable::Hearing, hearing);
    REQUIRE(fresh.has_value());
    REQUIRE(attorney->updateRow(CaseRepository::Editable::Hearing, hearing, fresh->value(QStringLiteral("row_version")).toLongLong(),
                                {{QStringLiteral("outcome"), QStringLiteral("Continued")}})
                .has_value());

    // A person's own record: a typo fixed; the A-Number is EOIR's and the server refuses a change.
    const QUuid person = record->people.ids.first();
    auto row = attorney->editableRow(CaseRepository::Editable::Person, person);
    REQUIRE(row.has_value());
    const qint64 personVersion = row->value(QStringLiteral("row_version")).toLongLong();
    auto renumbered = attorney->updateRow(CaseRepository::Editable::Person, person, personVersion,
                                          {{QStringLiteral("a_number"), QStringLiteral("208431776")}});
    REQUIRE_FALSE(renumbered.has_value());
    CHECK(renumbered.error().userMessage.contains(QStringLiteral("comes from EOIR")));
    REQUIRE(attorney->updateRow(CaseRepository::Editable::Person, person, personVersion, {{QStringLiteral("language"), QStringLiteral("K'iche'")}})
                .has_value());
    // Columns the form does not hold are refused before SQL.
    auto sneaky = attorney->updateRow(CaseRepository::Editable::Person, person, personVersion + 1000, {{QStringLiteral("ssn"), QStringLiteral("x")}});
    REQUIRE_FALSE(sneaky.has_value());
    CHECK(sneaky.error().code == ErrorCode::Internal);
}
