// The Field operations workspace offscreen, as the demo officers: the team's lead board (filters, server
// order, counts), a lead opened from it with an activity and the arrest, a fugitive record whose SSN is
// refused at the field before anything is sent, a read-only analyst who can only read, and headquarters
// importing a lead file from the client with its bad line listed.
#include "demoworld.h"
#include "eventwait.h"
#include "fieldworkspace.h"
#include "formfill.h"
#include "fugitiverecordview.h"
#include "leadboardview.h"
#include "leadimportdialog.h"
#include "leadview.h"
#include "models/leadboardmodel.h"
#include "models/recordtablemodel.h"
#include "recordform.h"
#include "recordformdialog.h"
#include "recordlisttab.h"
#include "security/session.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>

#include "catchqt.h"

using namespace ocms;
using ocms::test::choose;
using ocms::test::saveShot;
using ocms::test::TestDatabase;
using ocms::test::type;
using ocms::test::waitUntil;

namespace {

Session signIn(TestDatabase& database, const char* login)
{
    auto session = Session::logIn(database.ownerSettings(), QString::fromLatin1(login), QString::fromLatin1(DemoAccounts::kPassword));
    REQUIRE_OK(session);
    return *session;
}

bool boardSettled(FieldWorkspace& workspace)
{
    return workspace.isReady() && !workspace.board()->isRefreshing();
}

} // namespace

TEST_CASE("An officer works a lead from the team's board: filters, an activity, the arrest", "[ui][field][board]")
{
    TestDatabase database;
    ocms::test::seedDemoWorld(database, 20, 0, 81, 400);
    FieldWorkspace workspace(signIn(database, "officer.demo"));
    workspace.resize(1400, 860);
    workspace.show();
    REQUIRE(waitUntil([&] { return boardSettled(workspace) && workspace.board()->model()->rowCount() > 0; }));
    LeadBoardView* board = workspace.board();
    const QString team = database.scalar(QStringLiteral("SELECT t.code FROM field.teams t JOIN field.team_members m ON m.team_id = t.id "
                                                        "JOIN core.users u ON u.id = m.user_id WHERE u.login = 'officer.demo'")).toString();
    const int open = database.scalar(QStringLiteral("SELECT count(*) FROM field.leads l JOIN field.teams t ON t.id = l.team_id "
                                                    "WHERE t.code = '%1' AND l.status IN ('new', 'assigned', 'in_progress')").arg(team)).toInt();
    CHECK(board->model()->rowCount() == std::min(open, 200));
    CHECK(board->countsLabel()->text().contains(QStringLiteral("Assigned")));
    for (int row = 0; row < board->model()->rowCount(); ++row) {
        CHECK(board->model()->rowAt(row)->team == team);
    }
    saveShot(workspace, QStringLiteral("field-lead-board.png"));

    // Closed leads only, then a ZIP start that matches nothing: the board says so.
    choose(board->statusBox(), QStringLiteral("closed"));
    REQUIRE(waitUntil([&] { return boardSettled(workspace); }));
    for (int row = 0; row < board->model()->rowCount(); ++row) {
        CHECK(board->model()->rowAt(row)->status == u"closed");
    }
    type(board->zipBox(), QStringLiteral("00001"));
    REQUIRE(waitUntil([&] { return boardSettled(workspace) && board->model()->rowCount() == 0; }));
    CHECK(board->message() == QStringLiteral("No lead matches these filters."));
    board->zipBox()->clear();
    choose(board->statusBox(), QString());

    // Sorted by ZIP on the server when the header is clicked.
    board->table()->sortByColumn(LeadBoardModel::Zip, Qt::AscendingOrder);
    REQUIRE(waitUntil([&] { return boardSettled(workspace) && board->filter().sort == LeadBoardSort::Zip; }));
    REQUIRE(waitUntil([&] { return boardSettled(workspace) && board->model()->rowCount() > 1; }));
    for (int row = 1; row < board->model()->rowCount(); ++row) {
        CHECK(board->model()->rowAt(row - 1)->zip <= board->model()->rowAt(row)->zip);
    }

    // A lead whose fugitive is at large, opened as a double-click would.
    int pick = -1;
    for (int row = 0; row < board->model()->rowCount() && pick < 0; ++row) {
        if (board->model()->rowAt(row)->fugitiveStatus == u"at_large") {
            pick = row;
        }
    }
    REQUIRE(pick >= 0);
    const QUuid leadId = board->model()->rowAt(pick)->id;
    Q_EMIT board->table()->activated(board->model()->index(pick, LeadBoardModel::Lead));
    LeadView* lead = workspace.leadView(leadId);
    REQUIRE(lead != nullptr);
    REQUIRE(waitUntil([&] { return lead->isLoaded(); }));
    CHECK(workspace.tabs()->tabText(workspace.tabs()->currentIndex()) == board->model()->rowAt(pick)->leadNumber);
    const int activitiesBefore = lead->activities()->model()->rowCount();

    RecordFormDialog* activity = lead->openAction(QStringLiteral("addActivity"));
    REQUIRE(activity != nullptr);
    choose(activity->form()->editor(QStringLiteral("activity_type")), QStringLiteral("surveillance"));
    type(activity->form()->editor(QStringLiteral("notes")), QStringLiteral("Vehicle seen at the address, 06:10"));
    activity->save();
    REQUIRE(waitUntil([&] { return lead->activities()->model()->rowCount() == activitiesBefore + 1; }));
    CHECK(lead->message() == QStringLiteral("Activity recorded."));

    RecordFormDialog* arrest = lead->openAction(QStringLiteral("recordArrest"));
    REQUIRE(arrest != nullptr);
    type(arrest->form()->editor(QStringLiteral("place")), QString());
    arrest->save();
    CHECK(arrest->form()->problem(QStringLiteral("place")).contains(QStringLiteral("required")));
    type(arrest->form()->editor(QStringLiteral("place")), QStringLiteral("Parking lot, 400 Synthetic Blvd, Atlanta"));
    arrest->save();
    REQUIRE(waitUntil([&] { return lead->record().values.value(QStringLiteral("fugitive_status")).toString() == u"in_custody"; }));
    CHECK(lead->record().values.value(QStringLiteral("status")).toString() == u"closed");
    CHECK_FALSE(lead->button(QStringLiteral("recordArrest"))->isEnabled());
    saveShot(workspace, QStringLiteral("field-lead.png"));

    // The fugitive record from the lead: an SSN of eight digits is refused at its field, nothing is sent.
    lead->button(QStringLiteral("openFugitive"))->click();
    FugitiveRecordView* fugitive = workspace.fugitiveView(lead->record().fugitiveId);
    REQUIRE(fugitive != nullptr);
    REQUIRE(waitUntil([&] { return fugitive->isLoaded(); }));
    CHECK(fugitive->list(QStringLiteral("arrests"))->model()->rowCount() >= 1);
    const qint64 version = fugitive->record().rowVersion;
    type(fugitive->form(QStringLiteral("biography"))->editor(QStringLiteral("ssn")), QStringLiteral("12345678"));
    fugitive->save();
    CHECK(fugitive->form(QStringLiteral("biography"))->problem(QStringLiteral("ssn")).contains(QStringLiteral("nine digits")));
    CHECK(fugitive->message().contains(QStringLiteral("need correcting")));
    type(fugitive->form(QStringLiteral("biography"))->editor(QStringLiteral("ssn")), QStringLiteral("219-09-9999"));
    type(fugitive->form(QStringLiteral("criminal"))->editor(QStringLiteral("fbi_number")), QStringLiteral("77aa123"));
    fugitive->save();
    REQUIRE(waitUntil([&] { return fugitive->record().rowVersion != version; }));
    CHECK(fugitive->record().values.value(QStringLiteral("ssn")).toString() == u"219099999");
    CHECK(fugitive->record().values.value(QStringLiteral("fbi_number")).toString() == u"77AA123");
    saveShot(workspace, QStringLiteral("field-fugitive.png"));
}

TEST_CASE("A read-only analyst reads the board and a lead but every writing button is off", "[ui][field][board]")
{
    TestDatabase database;
    ocms::test::seedDemoWorld(database, 10, 0, 82, 120);
    FieldWorkspace workspace(signIn(database, "fieldread.demo"));
    workspace.show();
    REQUIRE(waitUntil([&] { return boardSettled(workspace) && workspace.board()->model()->rowCount() > 0; }));
    for (const char* name : {"newLeadButton", "nonFugitiveArrestButton", "newFugitiveButton"}) {
        INFO(name);
        auto* button = workspace.findChild<QPushButton*>(QString::fromLatin1(name));
        REQUIRE(button != nullptr);
        CHECK_FALSE(button->isEnabled());
    }
    CHECK(workspace.findChild<QPushButton*>(QStringLiteral("importLeadsButton")) == nullptr); // headquarters only
    LeadView* lead = workspace.openLead(workspace.board()->model()->rowAt(0)->id);
    REQUIRE(lead != nullptr);
    REQUIRE(waitUntil([&] { return lead->isLoaded(); }));
    CHECK_FALSE(lead->button(QStringLiteral("addActivity"))->isEnabled());
    CHECK_FALSE(lead->button(QStringLiteral("changeStatus"))->isEnabled());
    CHECK(lead->button(QStringLiteral("reassign")) == nullptr);
    CHECK(lead->message().contains(QStringLiteral("read-only")));
}

TEST_CASE("Headquarters imports a lead file from the client: the bad line is listed, the rest reach the queue and the boards", "[ui][field][board][import]")
{
    TestDatabase database;
    ocms::test::seedDemoWorld(database, 10, 0, 83, 60);
    FieldWorkspace workspace(signIn(database, "supervisor.demo"));
    workspace.show();
    REQUIRE(waitUntil([&] { return boardSettled(workspace); }));
    const QString aNumber = database.scalar(QStringLiteral("SELECT p.a_number FROM field.fugitives f JOIN core.people p ON p.id = f.person_id "
                                                           "WHERE p.a_number IS NOT NULL AND f.status = 'at_large' ORDER BY f.fugitive_number LIMIT 1")).toString();
    const QString source = database.scalar(QStringLiteral("SELECT code FROM field.lead_sources ORDER BY code LIMIT 1")).toString();
    REQUIRE_FALSE(aNumber.isEmpty());
    QTemporaryDir folder;
    const QString path = folder.filePath(QStringLiteral("tips.csv"));
    QFile file(path);
    REQUIRE(file.open(QIODevice::WriteOnly));
    file.write(QStringLiteral("a_number,address_line1,zip,notes\n%1,77 Synthetic Row,99951,Tip from a neighbour\n"
                              "12345,1 Nowhere,99952,Short A-Number\n").arg(aNumber).toUtf8());
    file.close();

    LeadImportDialog* dialog = workspace.importLeads();
    REQUIRE(dialog != nullptr);
    dialog->setFile(path);
    choose(dialog->sourceBox(), source);
    dialog->start();
    REQUIRE(waitUntil([&] { return !dialog->isRunning() && !dialog->summary().isEmpty(); }, 60000));
    INFO(dialog->summary().toStdString());
    CHECK(dialog->summary().contains(QStringLiteral("1 new lead loaded")));
    CHECK(dialog->summary().contains(QStringLiteral("1 line rejected")));
    REQUIRE(dialog->rejectedLines()->model()->rowCount() == 1);
    CHECK(dialog->rejectedLines()->model()->table().value(0, QStringLiteral("Line")).toInt() == 3);
    saveShot(*dialog, QStringLiteral("field-lead-import.png"));

    // The new lead waits in the headquarters queue (no team covers 99951).
    choose(workspace.board()->scopeBox(), QStringLiteral("queue"));
    REQUIRE(waitUntil([&] { return boardSettled(workspace) && workspace.board()->model()->rowCount() == 1; }));
    CHECK(workspace.board()->model()->rowAt(0)->zip == u"99951");
}
