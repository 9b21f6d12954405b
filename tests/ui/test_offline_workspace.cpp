// The Offline copy workspace and offline sign-in, offscreen against a real server: the first sync fills the
// copy with the team's open leads, an activity logged in the form waits on the laptop and reaches the
// server with the next sync, a conflict shows both values and the user's choice is written; when the server
// cannot be reached the sign-in dialog offers the copy on this computer and opens it with the password.
#include "demoworld.h"
#include "field/fugitiverepository.h"
#include "signedin.h"
#include "eventwait.h"
#include "syncusers.h"
#include "formfill.h"
#include "logindialog.h"
#include "offlinepinnedcasesview.h"
#include "offlineworkspace.h"
#include "recordform.h"
#include "recordformdialog.h"
#include "recordlisttab.h"
#include "sync/offlinesession.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QImage>
#include <QLabel>
#include <QPainter>
#include <QSqlQuery>
#include <QDialog>
#include <QDir>
#include <QPushButton>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>

#include <optional>

#include "catchqt.h"

using namespace ocms;
using ocms::test::ownerCount;
using ocms::test::ownerText;
using ocms::test::SignedIn;
using ocms::test::TestDatabase;
using ocms::test::waitUntil;

namespace {

const QString kPassword = QStringLiteral("offline-screen-password-1");

template <class T>
T waitFor(QFuture<T> future)
{
    REQUIRE(waitUntil([&] { return future.isFinished(); }, 60000));
    return future.result();
}

// A copy opened for this login and shown in the Offline copy workspace, after its first sync (automatic
// syncs on). synced follows each sync's outcome.
struct SyncedWorkspace
{
    SyncedWorkspace(TestDatabase& database, const QString& login) : session(folder.path(), database.settingsFor(login, kPassword), true)
    {
        REQUIRE(folder.isValid());
        REQUIRE_OK(waitFor(session.open(true, KdfLimits::interactive())));
        workspace.emplace(&session);
        workspace->resize(1300, 800);
        workspace->show();
        QObject::connect(&session, &OfflineSession::syncFinished, &*workspace, [this](bool success, const QString&) { synced = success; });
        session.startAutomaticSync();
        REQUIRE(waitUntil([&] { return synced; }, 60000));
    }

    QTemporaryDir folder;
    OfflineSession session;
    std::optional<OfflineWorkspace> workspace;
    bool synced = false;
};

} // namespace

TEST_CASE("The offline copy workspace syncs, keeps offline work until it is sent and shows conflicts", "[ui][sync]")
{
    TestDatabase database;
    ocms::test::seedDemoWorld(database, 10, 0, 101, 60);
    const QString login = ocms::test::makeFieldOfficer(database, QStringLiteral("ui"), kPassword);
    SyncedWorkspace copy(database, login);
    OfflineSession& session = copy.session;
    OfflineWorkspace& workspace = *copy.workspace;
    bool& synced = copy.synced;
    const qint64 teamLeads = ownerCount(database, QStringLiteral("SELECT count(*) FROM field.leads l JOIN field.teams t ON t.id = l.team_id "
                                                                 "WHERE t.code = '%1' AND l.status NOT IN ('closed', 'invalid')")
                                                      .arg(ocms::test::busiestTeam(database)));
    REQUIRE(waitUntil([&] { return workspace.leads()->view()->model()->rowCount() == teamLeads; }));
    REQUIRE(waitUntil([&] { return workspace.stateText().contains(QStringLiteral("%1 leads").arg(teamLeads)); }));
    CHECK(workspace.stateText().contains(u"Connected"));
    CHECK(workspace.stateText().contains(u"last synced"));
    REQUIRE(waitUntil([&] { return workspace.detailText().contains(u"LEAD-"); }));
    ocms::test::saveShot(workspace, QStringLiteral("offline-workspace.png"));

    // An address check logged in the form: refused while the note is missing for a note, then saved.
    const QUuid lead = workspace.leads()->selectedId();
    REQUIRE_FALSE(lead.isNull());
    RecordFormDialog* dialog = workspace.openAction(QStringLiteral("logActivity"));
    REQUIRE(dialog != nullptr);
    dialog->show();
    ocms::test::choose(dialog->form()->editor(QStringLiteral("activity_type")), QStringLiteral("address_check"));
    ocms::test::type(dialog->form()->editor(QStringLiteral("notes")), QStringLiteral("Lights on, car in the drive (screen test)"));
    bool saved = false;
    QObject::connect(dialog, &RecordFormDialog::saved, &workspace, [&] { saved = true; });
    synced = false;
    dialog->save();
    REQUIRE(waitUntil([&] { return saved; }));
    CHECK(workspace.messageText().contains(u"next sync"));
    // Sent by itself a few seconds later.
    REQUIRE(waitUntil([&] { return synced; }, 60000));
    REQUIRE(waitUntil([&] {
        return ownerCount(database, QStringLiteral("SELECT count(*) FROM field.activities WHERE lead_id = '%1' "
                                                   "AND notes = 'Lights on, car in the drive (screen test)'")
                                        .arg(lead.toString(QUuid::WithoutBraces))) == 1;
    }));

    // A conflict: offline in progress → closed while headquarters marks the lead invalid.
    REQUIRE_OK(waitFor(session.setLeadStatus(lead, QStringLiteral("closed"), QStringLiteral("Subject moved away"))));
    database.exec(QStringLiteral("UPDATE field.leads SET status = 'invalid', close_reason = 'Wrong person' WHERE id = '%1'")
                      .arg(lead.toString(QUuid::WithoutBraces)));
    synced = false;
    session.syncNow();
    REQUIRE(waitUntil([&] { return synced; }, 60000));
    QTableWidget* attention = workspace.attention();
    // Both fields changed on both sides: two conflicts, each with both values.
    REQUIRE(waitUntil([&] { return attention->rowCount() == 2; }));
    int statusRow = -1;
    for (int r = 0; r < attention->rowCount(); ++r) {
        if (attention->item(r, 1)->text() == u"Conflict: Status") {
            statusRow = r;
        }
    }
    REQUIRE(statusRow >= 0);
    CHECK(attention->item(statusRow, 2)->text() == u"Closed");
    CHECK(attention->item(statusRow, 3)->text() == u"Invalid");
    ocms::test::saveShot(workspace, QStringLiteral("offline-conflict.png"));
    attention->selectRow(statusRow);
    auto* keepMine = workspace.findChild<QPushButton*>(QStringLiteral("keepMine"));
    auto* keepServer = workspace.findChild<QPushButton*>(QStringLiteral("keepServer"));
    REQUIRE(keepMine != nullptr);
    REQUIRE(keepServer != nullptr);
    REQUIRE(keepMine->isEnabled());
    keepMine->click();
    REQUIRE(waitUntil([&] {
        return ownerText(database, QStringLiteral("SELECT status FROM field.leads WHERE id = '%1'").arg(lead.toString(QUuid::WithoutBraces))) ==
               u"closed";
    }));
    // The reason: the server's is kept.
    REQUIRE(waitUntil([&] { return attention->rowCount() == 1; }, 30000));
    CHECK(attention->item(0, 1)->text() == u"Conflict: Close reason");
    attention->selectRow(0);
    REQUIRE(keepServer->isEnabled());
    keepServer->click();
    REQUIRE(waitUntil([&] { return attention->rowCount() == 0; }, 30000));
    CHECK(ownerText(database, QStringLiteral("SELECT close_reason FROM field.leads WHERE id = '%1'").arg(lead.toString(QUuid::WithoutBraces))) ==
          u"Wrong person");
}

TEST_CASE("The offline lead screen shows the fugitive record and its newest photograph", "[ui][sync]")
{
    TestDatabase database;
    ocms::test::seedDemoWorld(database, 10, 0, 103, 60);
    const QString login = ocms::test::makeFieldOfficer(database, QStringLiteral("ph"), kPassword);
    // A synthetic head-and-shoulders picture on every fugitive record of the team's open leads, added on the
    // server by the officer before the first sync.
    QImage image(300, 360, QImage::Format_RGB32);
    image.fill(QColor(226, 229, 234));
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setBrush(QColor(88, 92, 100));
    painter.setPen(Qt::NoPen);
    painter.drawEllipse(QPoint(150, 130), 62, 74);
    painter.drawEllipse(QRect(40, 230, 220, 260));
    painter.end();
    QByteArray png;
    QBuffer buffer(&png);
    REQUIRE(buffer.open(QIODevice::WriteOnly));
    REQUIRE(image.save(&buffer, "PNG"));
    {
        SignedIn<FugitiveRepository> officer(database, login, kPassword);
        QSqlQuery fugitives(database.connection());
        REQUIRE(fugitives.exec(QStringLiteral("SELECT DISTINCT l.fugitive_id FROM field.leads l JOIN field.teams t ON t.id = l.team_id "
                                              "WHERE t.code = '%1' AND l.status NOT IN ('closed', 'invalid')")
                                   .arg(ocms::test::busiestTeam(database))));
        while (fugitives.next()) {
            REQUIRE_OK(officer->addPhotograph(QUuid(fugitives.value(0).toString()), png,
                                              {{QStringLiteral("taken_on"), QDate(2025, 9, 1)},
                                               {QStringLiteral("caption"), QStringLiteral("Booking photograph (synthetic)")}}));
        }
    }
    SyncedWorkspace copy(database, login);
    OfflineWorkspace& workspace = *copy.workspace;
    REQUIRE(waitUntil([&] { return workspace.detailText().contains(u"LEAD-"); }));
    auto* photograph = workspace.findChild<QLabel*>(QStringLiteral("offlinePhotograph"));
    REQUIRE(photograph != nullptr);
    REQUIRE(waitUntil([&] { return !photograph->pixmap().isNull(); }));
    // Scaled to fit the screen (240 pixels at most), the caption and date in its tool tip.
    CHECK(photograph->pixmap().size() == QSize(200, 240));
    CHECK(photograph->toolTip().contains(u"Booking photograph (synthetic)"));
    CHECK(photograph->toolTip().contains(u"2025-09-01"));
    REQUIRE(waitUntil([&] { return workspace.detailText().contains(u"Convictions"); }));
    CHECK(workspace.detailText().contains(u"A-Number"));
    CHECK(workspace.detailText().contains(u"Possible addresses"));
    CHECK(workspace.detailText().contains(u"Gang affiliation")); // the lead's rows stay
    // (the labels' new sizes are laid out by posted events)
    QCoreApplication::processEvents();
    QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
    CHECK(photograph->height() >= 240);
    ocms::test::saveShot(workspace, QStringLiteral("offline-lead-photograph.png"));
}

TEST_CASE("A wipe ordered by an administrator deletes the copy at the next sync and empties the workspace", "[ui][sync]")
{
    TestDatabase database;
    ocms::test::seedDemoWorld(database, 10, 0, 107, 60);
    const QString login = ocms::test::makeFieldOfficer(database, QStringLiteral("wp"), kPassword);
    SyncedWorkspace copy(database, login);
    OfflineSession& session = copy.session;
    OfflineWorkspace& workspace = *copy.workspace;
    QString wipedMessage;
    QObject::connect(&session, &OfflineSession::wiped, &workspace, [&](const QString& message) { wipedMessage = message; });
    REQUIRE(waitUntil([&] { return workspace.leads()->view()->model()->rowCount() > 0; }));
    const auto copyFiles = [&] {
        return QDir(copy.folder.path() + QStringLiteral("/offline")).entryList({QStringLiteral("*.cache"), QStringLiteral("*.key")}, QDir::Files);
    };
    REQUIRE(copyFiles().size() == 2);

    // Ordered on the server; carried out when the laptop next reaches it.
    database.exec(QStringLiteral("UPDATE sync.devices SET wipe_ordered_at = now() WHERE login = '%1'").arg(login));
    session.syncNow();
    REQUIRE(waitUntil([&] { return !wipedMessage.isEmpty(); }, 60000));
    CHECK(wipedMessage.contains(u"wiped"));
    CHECK_FALSE(session.isOpen());
    CHECK(copyFiles().isEmpty());
    CHECK(workspace.leads()->view()->model()->rowCount() == 0);
    CHECK(workspace.messageText().contains(u"wiped"));
    CHECK(ownerCount(database, QStringLiteral("SELECT count(*) FROM sync.devices WHERE login = '%1' AND wiped_at IS NOT NULL").arg(login)) == 1);
}

TEST_CASE("Without the server, the sign-in dialog opens the offline copy with the password", "[ui][sync]")
{
    TestDatabase database;
    ocms::test::seedDemoWorld(database, 10, 0, 102, 40);
    const QString login = ocms::test::makeFieldOfficer(database, QStringLiteral("so"), kPassword);
    QTemporaryDir folder;
    REQUIRE(folder.isValid());
    {
        OfflineSession first(folder.path(), database.settingsFor(login, kPassword), true);
        REQUIRE_OK(waitFor(first.open(true, KdfLimits::interactive())));
    }
    // A server that does not answer: a port nobody listens on.
    ConnectionSettings gone = database.ownerSettings();
    gone.setValue(QStringLiteral("host"), QStringLiteral("127.0.0.1"));
    gone.setValue(QStringLiteral("port"), QStringLiteral("1"));
    gone.setValue(QStringLiteral("connect_timeout"), QStringLiteral("2"));
    LoginDialog dialog(gone, false);
    dialog.setOfflineDirectory(folder.path());
    dialog.show();
    dialog.fillIn(login, kPassword);
    bool finished = false;
    QObject::connect(&dialog, &LoginDialog::signInFinished, &dialog, [&](bool) { finished = true; });
    dialog.signIn();
    REQUIRE(waitUntil([&] { return finished; }, 30000));
    CHECK(dialog.offersOffline());
    CHECK(dialog.errorText().contains(u"Work offline"));

    // A wrong password opens nothing and says how many attempts are left.
    dialog.fillIn(login, QStringLiteral("not-the-password"));
    dialog.workOffline();
    REQUIRE(waitUntil([&] { return !dialog.errorText().isEmpty() && dialog.errorText().contains(u"left"); }, 30000));
    CHECK(dialog.takeOfflineSession() == nullptr);

    dialog.fillIn(login, kPassword);
    dialog.workOffline();
    REQUIRE(waitUntil([&] { return dialog.result() == QDialog::Accepted; }, 30000));
    std::unique_ptr<OfflineSession> copy = dialog.takeOfflineSession();
    REQUIRE(copy != nullptr);
    CHECK(copy->isOpen());
    CHECK_FALSE(copy->isOnline());
    // A copy that was never made is not offered.
    dialog.fillIn(QStringLiteral("nobody_here"), kPassword);
    finished = false;
    dialog.signIn();
    REQUIRE(waitUntil([&] { return finished; }, 30000));
    CHECK_FALSE(dialog.offersOffline());
}

TEST_CASE("An attorney's pinned case is read offline, its document opens from memory and time is logged", "[ui][sync]")
{
    TestDatabase database;
    ocms::test::seedDemoWorld(database, 12, 8, 106, 0);
    const QString login = ocms::test::makeAttorney(database, QStringLiteral("u"), kPassword);
    const QString caseId = ocms::test::caseWithMostDocuments(database);
    REQUIRE_FALSE(caseId.isEmpty());
    database.exec(QStringLiteral("INSERT INTO legal.case_pins (user_id, case_id) SELECT id, '%1' FROM core.users WHERE login = '%2'").arg(caseId, login));
    SyncedWorkspace copy(database, login);
    OfflineWorkspace& workspace = *copy.workspace;
    bool& synced = copy.synced;
    workspace.pages()->setCurrentIndex(1);
    OfflinePinnedCasesView* pinned = workspace.pinnedCases();
    REQUIRE(waitUntil([&] { return pinned->cases()->view()->model()->rowCount() == 1; }));
    const QString number = ownerText(database, QStringLiteral("SELECT case_number FROM legal.cases WHERE id = '%1'").arg(caseId));
    REQUIRE(waitUntil([&] { return pinned->detailText().contains(number); }));
    REQUIRE(waitUntil([&] { return pinned->documents()->view()->model()->rowCount() > 0; }));
    ocms::test::saveShot(workspace, QStringLiteral("offline-pinned-case.png"));

    pinned->documents()->selectRow(0);
    REQUIRE(waitUntil([&] { return !pinned->documents()->selectedId().isNull(); }));
    pinned->openSelectedDocument();
    QDialog* viewer = nullptr;
    REQUIRE(waitUntil([&] { return (viewer = workspace.findChild<QDialog*>(QStringLiteral("offlineDocumentWindow"))) != nullptr; }));
    CHECK(viewer->windowTitle().contains(u"offline copy"));
    viewer->close();

    RecordFormDialog* dialog = pinned->openTimeEntry();
    REQUIRE(dialog != nullptr);
    dialog->show();
    ocms::test::type(dialog->form()->editor(QStringLiteral("hours")), QStringLiteral("2.5"));
    ocms::test::type(dialog->form()->editor(QStringLiteral("note")), QStringLiteral("Read the file on the plane"));
    bool saved = false;
    QObject::connect(dialog, &RecordFormDialog::saved, &workspace, [&] { saved = true; });
    synced = false;
    dialog->save();
    REQUIRE(waitUntil([&] { return saved; }));
    REQUIRE(waitUntil([&] { return synced; }, 60000));
    REQUIRE(waitUntil([&] {
        return ownerCount(database, QStringLiteral("SELECT count(*) FROM legal.time_entries WHERE case_id = '%1' AND hours = 2.5 "
                                                   "AND note = 'Read the file on the plane'")
                                        .arg(caseId)) == 1;
    }));
}
