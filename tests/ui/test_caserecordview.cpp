// The case workspace as a user drives it, offscreen: creating a case from its A-Number, the duplicate
// found, a bad date refused at its field with the text kept, a forbidden field read-only, a concurrent
// edit shown as a conflict, and a transfer recorded in the history.
#include "caserecordview.h"
#include "db/database.h"
#include "deadlineeventdialog.h"
#include "casesworkspace.h"
#include "db/syntheticdataseeder.h"
#include "eventwait.h"
#include "models/recordtablemodel.h"
#include "newcasedialog.h"
#include "peopleview.h"
#include "db/duplicatepeopleseeder.h"
#include "models/duplicatepairsmodel.h"
#include "recordform.h"
#include "recordformdialog.h"
#include "security/demoaccounts.h"
#include "security/session.h"
#include "formfill.h"
#include "testdatabase.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QSqlQuery>
#include <QTabWidget>
#include <QTableView>
#include <QTest>

#include "catchqt.h"

using namespace ocms;
using ocms::test::TestDatabase;
using ocms::test::choose;
using ocms::test::saveShot;
using ocms::test::type;
using ocms::test::waitUntil;

namespace {

Session demoSession(TestDatabase& database, const char* login)
{
    auto session = Session::logIn(database.ownerSettings(), QString::fromLatin1(login), QString::fromLatin1(DemoAccounts::kPassword));
    REQUIRE(session.has_value());
    return *session;
}

void seed(TestDatabase& database)
{
    SeedOptions options;
    options.cases = 60;
    options.seed = 11;
    options.asOf = QDate(2026, 11, 21);
    REQUIRE(SyntheticDataSeeder(database.connection()).run(options).has_value());
    REQUIRE(DemoAccounts::create(database.connection()).has_value());
}


// The first case (in case-number order) matching a condition on legal.cases.
QString firstCase(TestDatabase& database, const QString& condition)
{
    return database.scalar(QStringLiteral("SELECT id FROM legal.cases WHERE %1 ORDER BY case_number LIMIT 1").arg(condition)).toString();
}

// Shows the workspace and opens a case in it, waiting until its record is loaded.
CaseRecordView* openLoaded(CasesWorkspace& workspace, const QString& caseId)
{
    workspace.resize(1280, 820);
    workspace.show();
    CaseRecordView* record = workspace.openCase(QUuid(caseId));
    REQUIRE(waitUntil([&] { return record->isLoaded(); }));
    return record;
}

} // namespace

TEST_CASE("A new immigration case starts with its A-Number, refuses a bad date at the field, and opens when created", "[ui][caserecord]")
{
    QSettings().clear();
    TestDatabase database;
    seed(database);
    CasesWorkspace workspace(demoSession(database, "attorney.demo"));
    workspace.resize(1280, 820);
    workspace.show();

    NewCaseDialog* dialog = workspace.newCase();
    REQUIRE(waitUntil([&] { return dialog->isReady(); }));
    // Letters are refused before anything is looked up.
    QTest::keyClicks(dialog->aNumberEdit(), QStringLiteral("A 20B"));
    dialog->lookUp();
    CHECK(dialog->findChild<QLabel*>(QStringLiteral("aNumberProblem"))->text().contains(QStringLiteral("only digits")));
    CHECK_FALSE(dialog->continueButton()->isEnabled());

    dialog->aNumberEdit()->clear();
    QTest::keyClicks(dialog->aNumberEdit(), QStringLiteral("A 208-431-775"));
    dialog->lookUp();
    REQUIRE(waitUntil([&] { return dialog->lookupText().contains(QStringLiteral("No case exists")); }));
    CHECK(dialog->aNumberEdit()->text() == QStringLiteral("A-208-431-775")); // normalised
    REQUIRE(dialog->continueButton()->isEnabled());
    dialog->continueToCase();
    RecordForm* form = dialog->caseForm();
    REQUIRE(form != nullptr);
    CHECK(form->normalisedValues().value(QStringLiteral("a_number")).toString() == QStringLiteral("208431775"));

    type(form->editor(QStringLiteral("title")), QStringLiteral("Matter of Fuentes-Arce"));
    type(form->editor(QStringLiteral("family_name")), QStringLiteral("Fuentes-Arce"));
    type(form->editor(QStringLiteral("given_name")), QStringLiteral("Iñigo"));
    type(form->editor(QStringLiteral("date_of_birth")), QStringLiteral("2031-02-30"));
    CHECK(form->problem(QStringLiteral("date_of_birth")).contains(QStringLiteral("not a date")));
    type(form->editor(QStringLiteral("date_of_birth")), QStringLiteral("2031-02-03"));
    CHECK(form->problem(QStringLiteral("date_of_birth")).contains(QStringLiteral("must lie between 1900-01-01 and")));

    // Create is refused until fixed, and nothing typed is lost.
    dialog->create();
    CHECK(dialog->problemText().contains(QStringLiteral("need attention")));
    CHECK(qobject_cast<QLineEdit*>(form->editor(QStringLiteral("date_of_birth")))->text() == QStringLiteral("2031-02-03"));
    CHECK(qobject_cast<QLineEdit*>(form->editor(QStringLiteral("given_name")))->text() == QStringLiteral("Iñigo"));
    CHECK(database.scalar(QStringLiteral("SELECT count(*) FROM legal.cases WHERE a_number = '208431775'")).toInt() == 0);
    saveShot(*dialog, QStringLiteral("new-case-refused.png"));

    type(form->editor(QStringLiteral("date_of_birth")), QStringLiteral("1989-02-03"));
    choose(form->editor(QStringLiteral("case_type")), QStringLiteral("removal"));
    CHECK(form->problem(QStringLiteral("date_of_birth")).isEmpty());
    bool created = false;
    QObject::connect(dialog, &NewCaseDialog::caseCreated, [&] { created = true; });
    dialog->create();
    REQUIRE(waitUntil([&] { return created; }));
    REQUIRE(waitUntil([&] { return workspace.tabs()->count() == 2 && workspace.tabs()->tabText(1).startsWith(QStringLiteral("CASE-")); }));
    auto* record = qobject_cast<CaseRecordView*>(workspace.tabs()->widget(1));
    REQUIRE(record != nullptr);
    REQUIRE(waitUntil([&] { return record->isLoaded(); }));
    CHECK(record->record().partyName == QStringLiteral("Fuentes-Arce, Iñigo"));
    CHECK(record->findChild<QLabel*>(QStringLiteral("caseHeading"))->text().contains(QStringLiteral("A-208-431-775")));
    saveShot(workspace, QStringLiteral("case-record-summary.png"));

    // The same A-Number again: the open case is offered, a second one cannot be started.
    NewCaseDialog* again = workspace.newCase();
    REQUIRE(waitUntil([&] { return again->isReady(); }));
    QTest::keyClicks(again->aNumberEdit(), QStringLiteral("208431775"));
    again->lookUp();
    REQUIRE(waitUntil([&] { return again->matches()->count() == 1; }));
    CHECK(again->lookupText().contains(QStringLiteral("An open case already exists")));
    CHECK_FALSE(again->continueButton()->isEnabled());
    CHECK(again->matches()->item(0)->text().contains(record->record().caseNumber));
    saveShot(*again, QStringLiteral("new-case-duplicate.png"));
    again->reject();
}

TEST_CASE("Forbidden fields are read-only, a concurrent edit is a conflict, and a transfer enters the history", "[ui][caserecord]")
{
    QSettings().clear();
    TestDatabase database;
    seed(database);
    const QString caseId = firstCase(database, QStringLiteral("category = 'immigration'"));
    CasesWorkspace workspace(demoSession(database, "attorney.demo"));
    CaseRecordView* record = openLoaded(workspace, caseId);
    RecordForm* summary = record->summaryForm();

    // National-security notes: the NSLS writes them; this attorney reads them only. Custody comes from EID.
    CHECK(summary->isShown(QStringLiteral("national_security_notes")));
    CHECK_FALSE(summary->isEditable(QStringLiteral("national_security_notes")));
    CHECK(qobject_cast<QPlainTextEdit*>(summary->editor(QStringLiteral("national_security_notes")))->isReadOnly());
    CHECK_FALSE(summary->editor(QStringLiteral("national_security_flag"))->isEnabled());
    CHECK_FALSE(summary->editor(QStringLiteral("custody_status"))->isEnabled());
    CHECK(summary->isEditable(QStringLiteral("title")));

    // Someone else saves first; this user's save is refused with their name, and the typed title stays.
    REQUIRE(DemoAccounts::create(database.connection()).has_value());
    {
        auto other = Session::logIn(database.ownerSettings(), QStringLiteral("litigator.demo"), QString::fromLatin1(DemoAccounts::kPassword));
        REQUIRE(other.has_value());
        auto connection = Database::open(other->settings(), QStringLiteral("other-editor"));
        REQUIRE(connection.has_value());
        QSqlQuery update(*connection);
        REQUIRE(update.exec(QStringLiteral("UPDATE legal.cases SET court_name = 'Changed elsewhere' WHERE id = '%1'").arg(caseId)));
    }
    Database::close(QStringLiteral("other-editor"));
    type(summary->editor(QStringLiteral("title")), QStringLiteral("Matter of the careful attorney"));
    record->saveSummary();
    REQUIRE(waitUntil([&] { return record->message().contains(QStringLiteral("after you opened it")); }));
    CHECK(record->message().contains(QStringLiteral("Desmond Okafor-Lind")));
    CHECK(qobject_cast<QLineEdit*>(summary->editor(QStringLiteral("title")))->text() == QStringLiteral("Matter of the careful attorney"));
    CHECK(database.scalar(QStringLiteral("SELECT title FROM legal.cases WHERE id = '%1'").arg(caseId)).toString() !=
          QStringLiteral("Matter of the careful attorney"));
    saveShot(workspace, QStringLiteral("case-record-conflict.png"));

    // Reload, apply again: saved.
    record->reload();
    REQUIRE(waitUntil([&] { return record->summaryForm()->normalisedValues().value(QStringLiteral("court_name")).toString() ==
                                   QStringLiteral("Changed elsewhere"); }));
    type(summary->editor(QStringLiteral("title")), QStringLiteral("Matter of the careful attorney"));
    record->saveSummary();
    REQUIRE(waitUntil([&] { return record->message() == QStringLiteral("Saved."); }));
    CHECK(database.scalar(QStringLiteral("SELECT title FROM legal.cases WHERE id = '%1'").arg(caseId)).toString() ==
          QStringLiteral("Matter of the careful attorney"));

    // A note with a blank body is refused at the field; a proper one appears on the Notes tab.
    RecordFormDialog* note = record->openAction(QStringLiteral("addNote"));
    REQUIRE(note != nullptr);
    choose(note->form()->editor(QStringLiteral("phase")), QStringLiteral("pre_trial"));
    note->save();
    CHECK(note->form()->problem(QStringLiteral("body")) == QStringLiteral("Note is required."));
    type(note->form()->editor(QStringLiteral("body")), QStringLiteral("Respondent's I-589 is due before the individual hearing."));
    const int notesBefore = record->tableModel(QStringLiteral("Notes"))->rowCount();
    note->save();
    REQUIRE(waitUntil([&] { return record->tableModel(QStringLiteral("Notes"))->rowCount() == notesBefore + 1; }));

    // Transfer to another office, with a reason: the history shows it.
    QPushButton* transfer = record->findChild<QPushButton*>(QStringLiteral("transferButton"));
    REQUIRE(transfer != nullptr);
    transfer->click();
    auto* dialog = record->findChild<RecordFormDialog*>(QStringLiteral("transferDialog"));
    REQUIRE(dialog != nullptr);
    auto* offices = qobject_cast<QComboBox*>(dialog->form()->editor(QStringLiteral("office_id")));
    REQUIRE(offices->count() > 1);
    offices->setCurrentIndex(1);
    const QString destination = offices->currentText();
    type(dialog->form()->editor(QStringLiteral("reason")), QStringLiteral("Respondent moved"));
    dialog->save();
    REQUIRE(waitUntil([&] { return record->tableModel(QStringLiteral("Transfers"))->rowCount() == 1; }));
    CHECK(record->record().officeName == destination);
    CHECK(record->tableModel(QStringLiteral("History"))->table().value(0, QStringLiteral("What happened")).toString().contains(destination));
    for (int tab = 0; tab < record->tabs()->count(); ++tab) {
        if (record->tabs()->tabText(tab) == QStringLiteral("History")) {
            record->tabs()->setCurrentIndex(tab);
        }
    }
    saveShot(workspace, QStringLiteral("case-record-history.png"));

    // A hearing's outcome, edited in place: the form opens with the stored values and sends only the change.
    REQUIRE(record->tableModel(QStringLiteral("Hearings"))->rowCount() > 0);
    {
        auto* hearingsTable = record->findChild<QTableView*>(QStringLiteral("HearingsTable"));
        REQUIRE(hearingsTable != nullptr);
        hearingsTable->selectRow(0);
        RecordFormDialog* edit = record->openAction(QStringLiteral("editHearing"));
        REQUIRE(edit != nullptr);
        REQUIRE(waitUntil([&] { return !edit->form()->normalisedValues().value(QStringLiteral("hearing_type")).isNull(); }));
        type(edit->form()->editor(QStringLiteral("outcome")), QStringLiteral("Continued to January"));
        CHECK(edit->form()->changedValues().keys() == QStringList{QStringLiteral("outcome")});
        edit->save();
        REQUIRE(waitUntil([&] {
            const RecordTable& rows = record->tableModel(QStringLiteral("Hearings"))->table();
            for (qsizetype row = 0; row < rows.size(); ++row) {
                if (rows.value(row, QStringLiteral("Outcome")).toString() == QStringLiteral("Continued to January")) {
                    return true;
                }
            }
            return false;
        }));
    }

    // Time on the case: 25 hours in a day is refused at the field; 2.5 is logged as the user's own.
    const int timeBefore = record->tableModel(QStringLiteral("Time"))->rowCount(); // the seed logs time on cases too
    RecordFormDialog* time = record->openAction(QStringLiteral("logTime"));
    REQUIRE(time != nullptr);
    type(time->form()->editor(QStringLiteral("work_date")), QDate::currentDate().toString(Qt::ISODate));
    type(time->form()->editor(QStringLiteral("hours")), QStringLiteral("25"));
    time->save();
    CHECK(time->form()->problem(QStringLiteral("hours")) == QStringLiteral("Hours must be more than 0 and at most 24."));
    type(time->form()->editor(QStringLiteral("hours")), QStringLiteral("2.5"));
    time->save();
    REQUIRE(waitUntil([&] { return record->tableModel(QStringLiteral("Time"))->rowCount() == timeBefore + 1; }));
    const RecordTable& logged = record->tableModel(QStringLiteral("Time"))->table();
    const auto mine = std::find_if(logged.rows.begin(), logged.rows.end(), [&](const QVariantList& row) {
        return row.value(int(logged.headers.indexOf(QStringLiteral("Who")))).toString() == QStringLiteral("Alma Reyes-Whitcombe");
    });
    REQUIRE(mine != logged.rows.end());
    CHECK(mine->value(int(logged.headers.indexOf(QStringLiteral("Hours")))).toDouble() == Approx(2.5));
}

TEST_CASE("An external user sees an immigration case read-only, without notes or national-security notes", "[ui][caserecord]")
{
    QSettings().clear();
    TestDatabase database;
    seed(database);
    const QString caseId = database.scalar(QStringLiteral("SELECT id FROM legal.cases WHERE category = 'immigration' "
                                                          "ORDER BY case_number LIMIT 1")).toString();
    CasesWorkspace workspace(demoSession(database, "external.demo"));
    workspace.show();
    CHECK(workspace.findChild<QPushButton*>(QStringLiteral("newCaseButton")) == nullptr);
    CaseRecordView* record = workspace.openCase(QUuid(caseId));
    REQUIRE(waitUntil([&] { return record->isLoaded(); }));
    CHECK_FALSE(record->summaryForm()->isShown(QStringLiteral("national_security_notes")));
    CHECK_FALSE(record->summaryForm()->isEditable(QStringLiteral("title")));
    CHECK(record->findChild<QPushButton*>(QStringLiteral("saveSummaryButton")) == nullptr);
    CHECK(record->findChild<QPushButton*>(QStringLiteral("transferButton")) == nullptr);
    CHECK(record->tabs()->count() == 3); // summary, people, hearings
    CHECK(record->openAction(QStringLiteral("addNote")) == nullptr);
}

TEST_CASE("Deadlines computed from an event show their working and are added once", "[ui][caserecord]")
{
    QSettings().clear();
    TestDatabase database;
    seed(database);
    const QString caseId = firstCase(database, QStringLiteral("forum = 'immigration_court'"));
    CasesWorkspace workspace(demoSession(database, "attorney.demo"));
    CaseRecordView* record = openLoaded(workspace, caseId);
    const int before = record->tableModel(QStringLiteral("Deadlines"))->rowCount();

    DeadlineEventDialog* dialog = record->openDeadlineEvent();
    dialog->show();
    choose(dialog->form()->editor(QStringLiteral("event")), QStringLiteral("decision_issued"));
    type(dialog->form()->editor(QStringLiteral("event_on")), QStringLiteral("2026-11-20"));
    choose(dialog->form()->editor(QStringLiteral("service_method")), QStringLiteral("mail"));
    dialog->showPreview();
    REQUIRE(waitUntil([&] { return !dialog->message().isEmpty(); }));
    const RecordTable preview = dialog->preview()->table();
    REQUIRE(preview.size() >= 1);
    const QString working = preview.value(0, QStringLiteral("How it was computed")).toString();
    CHECK(working.contains(QStringLiteral("2026-11-20")));
    CHECK_FALSE(preview.value(0, QStringLiteral("Rule")).toString().isEmpty());
    CHECK(record->tableModel(QStringLiteral("Deadlines"))->rowCount() == before); // nothing written yet
    saveShot(*dialog, QStringLiteral("deadlines-from-event.png"));

    dialog->addDeadlines();
    REQUIRE(waitUntil([&] { return record->tableModel(QStringLiteral("Deadlines"))->rowCount() == before + preview.size(); }));
    CHECK(dialog->message().contains(QStringLiteral("added to the case")));
    CHECK_FALSE(dialog->message().contains(QStringLiteral("(s)")));
    dialog->addDeadlines();
    REQUIRE(waitUntil([&] { return dialog->message().contains(QStringLiteral("already on the case")); }));
    CHECK(database.scalar(QStringLiteral("SELECT count(*) FROM legal.deadlines WHERE case_id = '%1' AND trigger_event = 'decision_issued'")
                              .arg(caseId))
              .toInt() == preview.size());
    dialog->close();
}

TEST_CASE("A tort claim from an SF-95 stays in its division until its creator grants a colleague", "[ui][caserecord]")
{
    QSettings().clear();
    TestDatabase database;
    seed(database);
    CasesWorkspace litigator(demoSession(database, "litigator.demo"));
    litigator.resize(1280, 820);
    litigator.show();

    NewCaseDialog* dialog = litigator.newCase();
    REQUIRE(waitUntil([&] { return dialog->isReady(); }));
    dialog->otherLitigationChoice()->setChecked(true);
    CHECK_FALSE(dialog->aNumberEdit()->isEnabled());
    REQUIRE(dialog->continueButton()->isEnabled());
    dialog->continueToCase();
    RecordForm* form = dialog->caseForm();
    REQUIRE(form != nullptr);
    // Case types follow the category: no removal proceedings offered here.
    auto* types = qobject_cast<QComboBox*>(form->editor(QStringLiteral("case_type")));
    CHECK(types->findData(QStringLiteral("removal")) < 0);
    choose(types, QStringLiteral("tort"));
    choose(form->editor(QStringLiteral("forum")), QStringLiteral("administrative"));
    type(form->editor(QStringLiteral("title")), QStringLiteral("SF-95 claim of Wrenfield"));
    type(form->editor(QStringLiteral("incident_on")), QStringLiteral("2026-06-01"));
    type(form->editor(QStringLiteral("incident_summary")), QStringLiteral("Rear-ended by a government vehicle; whiplash."));
    type(form->editor(QStringLiteral("claim_amount")), QStringLiteral("$18,250.00"));
    type(form->editor(QStringLiteral("family_name")), QStringLiteral("Wrenfield"));
    type(form->editor(QStringLiteral("given_name")), QStringLiteral("Odalys"));
    CHECK_FALSE(form->normalisedValues().value(QStringLiteral("division_id")).toString().isEmpty()); // the user's only division
    QUuid caseId;
    QObject::connect(dialog, &NewCaseDialog::caseCreated, [&](const QUuid& id) { caseId = id; });
    dialog->create();
    REQUIRE(waitUntil([&] { return !caseId.isNull(); }));
    CaseRecordView* record = litigator.caseView(caseId);
    REQUIRE(record != nullptr);
    REQUIRE(waitUntil([&] { return record->isLoaded(); }));
    CHECK(record->record().partyName == QStringLiteral("Wrenfield, Odalys"));
    CHECK(record->summaryForm()->normalisedValues().value(QStringLiteral("claim_amount")).toString() == QStringLiteral("18250.00"));

    // Nobody outside CALD finds it; the creator grants one colleague, who then does.
    const QString claimCase = caseId.toString(QUuid::WithoutBraces);
    const auto visibleTo = [&](const char* login) {
        auto session = demoSession(database, login);
        auto connection = Database::open(session.settings(), QStringLiteral("visible-") + QString::fromLatin1(login));
        REQUIRE(connection.has_value());
        QSqlQuery query(*connection);
        REQUIRE(query.exec(QStringLiteral("SELECT count(*) FROM legal.case_list WHERE case_id = '%1'").arg(claimCase)));
        REQUIRE(query.next());
        const int count = query.value(0).toInt();
        query = QSqlQuery();
        *connection = QSqlDatabase();
        Database::close(QStringLiteral("visible-") + QString::fromLatin1(login));
        return count;
    };
    CHECK(visibleTo("attorney.demo") == 0);
    CHECK(visibleTo("nsls.demo") == 0);
    RecordFormDialog* grant = record->openAction(QStringLiteral("grantAccess"));
    REQUIRE(grant != nullptr);
    grant->save();
    CHECK(grant->form()->problem(QStringLiteral("login")) == QStringLiteral("Colleague is required."));
    choose(grant->form()->editor(QStringLiteral("login")), QStringLiteral("attorney.demo"));
    grant->save();
    REQUIRE(waitUntil([&] { return record->tableModel(QStringLiteral("Access"))->rowCount() == 1; }));
    CHECK(record->tableModel(QStringLiteral("Access"))->table().value(0, QStringLiteral("Name")).toString() == QStringLiteral("Alma Reyes-Whitcombe"));
    CHECK(visibleTo("attorney.demo") == 1);
    CHECK(visibleTo("nsls.demo") == 0);
}

TEST_CASE("A matter without an A-Number becomes a project that a case later takes over, people come and go", "[ui][caserecord]")
{
    QSettings().clear();
    TestDatabase database;
    seed(database);
    CasesWorkspace workspace(demoSession(database, "attorney.demo"));
    workspace.resize(1280, 820);
    workspace.show();

    NewCaseDialog* dialog = workspace.newCase();
    REQUIRE(waitUntil([&] { return dialog->isReady(); }));
    dialog->startProject();
    type(dialog->projectForm()->editor(QStringLiteral("title")), QStringLiteral("Walk-in without papers"));
    type(dialog->projectForm()->editor(QStringLiteral("family_name")), QStringLiteral("Achterberg"));
    QString projectNumber;
    QObject::connect(dialog, &NewCaseDialog::projectCreated, [&](const QString& number) { projectNumber = number; });
    dialog->findChild<QPushButton*>(QStringLiteral("createProjectButton"))->click();
    REQUIRE(waitUntil([&] { return !projectNumber.isEmpty(); }));
    CHECK(projectNumber.startsWith(QStringLiteral("PRJ-")));
    QMessageBox* note = workspace.findChild<QMessageBox*>(QStringLiteral("projectCreatedNote"));
    REQUIRE(note != nullptr);
    CHECK(note->text().contains(projectNumber));
    note->accept();

    // The A-Number now exists on a case (e.g. from EOIR): the case takes the project over from its History tab.
    const QString caseId = database.scalar(QStringLiteral("SELECT id FROM legal.cases WHERE category = 'immigration' "
                                                          "ORDER BY case_number DESC LIMIT 1")).toString();
    CaseRecordView* record = workspace.openCase(QUuid(caseId));
    REQUIRE(waitUntil([&] { return record->isLoaded(); }));
    RecordFormDialog* link = record->openAction(QStringLiteral("linkProject"));
    REQUIRE(link != nullptr);
    auto* projects = qobject_cast<QComboBox*>(link->form()->editor(QStringLiteral("project_id")));
    REQUIRE(projects->count() >= 2);
    projects->setCurrentIndex(projects->findText(projectNumber, Qt::MatchStartsWith));
    REQUIRE(projects->currentIndex() > 0);
    link->save();
    REQUIRE(waitUntil([&] { return record->tableModel(QStringLiteral("Linked projects"))->rowCount() == 1; }));
    CHECK(record->tableModel(QStringLiteral("Linked projects"))->table().value(0, QStringLiteral("Project")).toString() == projectNumber);
    const RecordTable& people = record->tableModel(QStringLiteral("People"))->table();
    bool achterberg = false;
    for (qsizetype row = 0; row < people.size(); ++row) {
        achterberg = achterberg || people.value(row, QStringLiteral("Name")).toString() == QStringLiteral("Achterberg");
    }
    CHECK(achterberg);

    // A witness added by mistake is taken off the case; their record stays.
    RecordFormDialog* witness = record->openAction(QStringLiteral("addPerson"));
    REQUIRE(witness != nullptr);
    choose(witness->form()->editor(QStringLiteral("role")), QStringLiteral("witness"));
    type(witness->form()->editor(QStringLiteral("family_name")), QStringLiteral("Mistaken"));
    const int before = record->tableModel(QStringLiteral("People"))->rowCount();
    witness->save();
    REQUIRE(waitUntil([&] { return record->tableModel(QStringLiteral("People"))->rowCount() == before + 1; }));
    auto* table = record->findChild<QTableView*>(QStringLiteral("PeopleTable"));
    const RecordTable& withWitness = record->tableModel(QStringLiteral("People"))->table();
    for (qsizetype row = 0; row < withWitness.size(); ++row) {
        if (withWitness.value(row, QStringLiteral("Name")).toString() == QStringLiteral("Mistaken")) {
            table->selectRow(int(row));
        }
    }
    record->removeSelected(QStringLiteral("People"));
    REQUIRE(waitUntil([&] { return record->tableModel(QStringLiteral("People"))->rowCount() == before; }));
    CHECK(database.scalar(QStringLiteral("SELECT count(*) FROM core.people WHERE family_name = 'Mistaken'")).toInt() == 1);
}

TEST_CASE("Likely duplicates are reviewed side by side, merged with a reason, flagged on the case, and the merge undone", "[ui][people]")
{
    QSettings().clear();
    TestDatabase database;
    seed(database);
    auto planted = DuplicatePeopleSeeder::plant(database.connection(), 3);
    REQUIRE(planted.has_value());
    REQUIRE(*planted == 3);
    const Session session = demoSession(database, "attorney.demo");

    // The copy's case shows the flag on its People tab.
    const QString copyCase = database.scalar(QStringLiteral("SELECT cp.case_id FROM legal.case_people cp WHERE cp.role = 'family_member' "
                                                            "AND cp.person_id IN (SELECT other_id FROM core.person_duplicate_candidates "
                                                            "UNION SELECT person_id FROM core.person_duplicate_candidates) LIMIT 1")).toString();
    REQUIRE_FALSE(copyCase.isEmpty());
    {
        CasesWorkspace workspace(session);
        CaseRecordView* record = workspace.openCase(QUuid(copyCase));
        REQUIRE(waitUntil([&] { return record->isLoaded(); }));
        const RecordTable& people = record->tableModel(QStringLiteral("People"))->table();
        bool flagged = false;
        for (qsizetype row = 0; row < people.size(); ++row) {
            flagged = flagged || people.value(row, QStringLiteral("Duplicate?")).toString().startsWith(QStringLiteral("Likely"));
        }
        CHECK(flagged);
    }

    PeopleView view(session.settings());
    view.resize(1200, 800);
    view.show();
    REQUIRE(waitUntil([&] { return view.isLoaded() && view.pairs()->rowCount() >= 3; }));
    const int pairsBefore = view.pairs()->rowCount();
    view.selectPair(0);
    REQUIRE(waitUntil([&] { return view.detailText(true).contains(QStringLiteral("Appears on")) &&
                                   view.detailText(false).contains(QStringLiteral("Appears on")); }));
    const DuplicatePair pair = view.pairs()->pairAt(0);
    const QDir shots(QDir::temp().filePath(QStringLiteral("ocms-shots")));
    view.grab().save(shots.filePath(QStringLiteral("people-duplicates.png")));

    RecordFormDialog* dialog = view.merge(true);
    REQUIRE(dialog != nullptr);
    dialog->save();
    CHECK(dialog->form()->problem(QStringLiteral("reason")) == QStringLiteral("Why they are the same person is required."));
    type(dialog->form()->editor(QStringLiteral("reason")), QStringLiteral("Same birth date and name; the second entry was typed without accents."));
    dialog->save();
    REQUIRE(waitUntil([&] { return view.message().contains(QStringLiteral("was merged into")) && view.isLoaded(); }));
    CHECK(view.pairs()->rowCount() == pairsBefore - 1);
    CHECK(view.merges()->rowCount() == 1);
    const QString keptId = pair.first.id.toString(QUuid::WithoutBraces);
    const QString mergedId = pair.second.id.toString(QUuid::WithoutBraces);
    CHECK(database.scalar(QStringLiteral("SELECT merged_into FROM core.people WHERE id = '%1'").arg(mergedId)).toString() == keptId);
    CHECK(database.scalar(QStringLiteral("SELECT count(*) FROM legal.case_people WHERE person_id = '%1'").arg(mergedId)).toInt() == 0);

    view.mergesTable()->selectRow(0);
    view.undoSelectedMerge();
    REQUIRE(waitUntil([&] { return view.message().contains(QStringLiteral("undone")) && view.isLoaded(); }));
    CHECK(database.scalar(QStringLiteral("SELECT merged_into IS NULL AND deleted_at IS NULL FROM core.people WHERE id = '%1'").arg(mergedId)).toBool());
    CHECK(database.scalar(QStringLiteral("SELECT count(*) FROM legal.case_people WHERE person_id = '%1'").arg(mergedId)).toInt() == 1);
    CHECK_FALSE(view.merges()->table().value(0, QStringLiteral("Undone")).isNull());
}
