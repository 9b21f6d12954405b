// The fugitive record's Photographs tab and the lead's point of contact, offscreen as the demo officer:
// a file that is no picture is refused before anything is sent, a PNG added with its date and caption
// shows as a thumbnail and opens larger; the point of contact is chosen from the field officers.
#include "demoworld.h"
#include "eventwait.h"
#include "fieldworkspace.h"
#include "formfill.h"
#include "fugitivephotospanel.h"
#include "fugitiverecordview.h"
#include "leadview.h"
#include "recordform.h"
#include "recordformdialog.h"
#include "security/session.h"

#include <QComboBox>
#include <QFile>
#include <QImage>
#include <QListWidget>
#include <QPainter>
#include <QPushButton>
#include <QTabWidget>
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

// A synthetic portrait: a silhouette on a plain background, written as PNG.
QString writePortrait(const QTemporaryDir& folder)
{
    QImage image(300, 380, QImage::Format_RGB32);
    image.fill(QColor(214, 222, 230));
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(Qt::NoPen);
    painter.setBrush(QColor(70, 74, 84));
    painter.drawEllipse(QPoint(150, 140), 70, 84);
    painter.drawEllipse(QRect(40, 250, 220, 260));
    painter.end();
    const QString path = folder.filePath(QStringLiteral("portrait.png"));
    REQUIRE(image.save(path, "PNG"));
    return path;
}

} // namespace

TEST_CASE("An officer adds a photograph to a fugitive record and sees it, a file that is no picture is refused", "[ui][field]")
{
    TestDatabase database;
    ocms::test::seedDemoWorld(database, 20, 0, 83, 60);
    const QUuid fugitiveId(database.scalar(QStringLiteral("SELECT id FROM field.fugitives ORDER BY fugitive_number LIMIT 1")).toString());
    FieldWorkspace workspace(signIn(database, "officer.demo"));
    workspace.resize(1300, 820);
    workspace.show();
    REQUIRE(waitUntil([&] { return workspace.isReady(); }));
    FugitiveRecordView* fugitive = workspace.openFugitive(fugitiveId);
    REQUIRE(fugitive != nullptr);
    REQUIRE(waitUntil([&] { return fugitive->isLoaded(); }));
    FugitivePhotosPanel* photos = fugitive->photographs();
    REQUIRE(photos != nullptr);
    CHECK(photos->list()->count() == 0);
    CHECK(photos->addButton()->isEnabled());

    QTemporaryDir folder;
    REQUIRE(folder.isValid());
    {
        QFile text(folder.filePath(QStringLiteral("notes.png")));
        REQUIRE(text.open(QIODevice::WriteOnly));
        text.write("These are notes, not a picture.");
    }
    auto refused = FugitivePhotosPanel::readPicture(folder.filePath(QStringLiteral("notes.png")));
    REQUIRE_FALSE(refused);
    CHECK(refused.error().userMessage == QStringLiteral("notes.png is not a JPEG or PNG picture."));

    auto picture = FugitivePhotosPanel::readPicture(writePortrait(folder));
    REQUIRE_OK(picture);
    RecordFormDialog* dialog = photos->addDialog(*picture, QStringLiteral("portrait.png"));
    type(dialog->form()->editor(QStringLiteral("taken_on")), QDate::currentDate().addDays(2).toString(Qt::ISODate));
    dialog->save();
    CHECK(dialog->form()->problem(QStringLiteral("taken_on")).contains(QStringLiteral("must lie between")));
    type(dialog->form()->editor(QStringLiteral("taken_on")), QStringLiteral("2025-03-14"));
    type(dialog->form()->editor(QStringLiteral("caption")), QStringLiteral("Booking photograph (synthetic)"));
    dialog->save();
    REQUIRE(waitUntil([&] { return photos->list()->count() == 1 && photos->picturesShown() == 1; }));
    CHECK(fugitive->message() == QStringLiteral("Photograph added."));
    CHECK(photos->list()->item(0)->text() == QStringLiteral("2025-03-14\nBooking photograph (synthetic)"));
    CHECK(database.scalar(QStringLiteral("SELECT count(*) FROM field.photographs WHERE fugitive_id = '%1'")
                              .arg(fugitiveId.toString(QUuid::WithoutBraces))).toInt() == 1);
    for (int tab = 0; tab < fugitive->findChild<QTabWidget*>(QStringLiteral("fugitiveTabs"))->count(); ++tab) {
        auto* tabs = fugitive->findChild<QTabWidget*>(QStringLiteral("fugitiveTabs"));
        if (tabs->tabText(tab) == QStringLiteral("Photographs")) {
            tabs->setCurrentIndex(tab);
        }
    }
    saveShot(workspace, QStringLiteral("field-photographs.png"));
    QWidget* large = photos->largeView(0);
    REQUIRE(large != nullptr);
    large->show();
    saveShot(*large, QStringLiteral("field-photograph-large.png"));
    large->close();
}

TEST_CASE("The point of contact of a lead is chosen from the field officers and shown on the lead", "[ui][field]")
{
    TestDatabase database;
    ocms::test::seedDemoWorld(database, 20, 0, 84, 60);
    const QUuid leadId(database.scalar(QStringLiteral("SELECT id FROM field.leads ORDER BY lead_number LIMIT 1")).toString());
    FieldWorkspace workspace(signIn(database, "officer.demo"));
    workspace.resize(1300, 820);
    workspace.show();
    REQUIRE(waitUntil([&] { return workspace.isReady(); }));
    LeadView* lead = workspace.openLead(leadId);
    REQUIRE(lead != nullptr);
    REQUIRE(waitUntil([&] { return lead->isLoaded(); }));
    RecordFormDialog* contact = lead->openAction(QStringLiteral("pointOfContact"));
    REQUIRE(contact != nullptr);
    auto* officers = qobject_cast<QComboBox*>(contact->form()->editor(QStringLiteral("poc_user_id")));
    REQUIRE(officers != nullptr);
    // Field officers only: no lawyer is offered.
    CHECK(officers->findText(QStringLiteral("Grace Okonkwo-Hale")) >= 0);
    CHECK(officers->findText(QStringLiteral("Alma Reyes-Whitcombe")) < 0);
    choose(officers, database.scalar(QStringLiteral("SELECT id FROM core.users WHERE login = 'supervisor.demo'")).toString());
    contact->save();
    REQUIRE(waitUntil([&] { return lead->record().values.value(QStringLiteral("poc_name")).toString() == u"Grace Okonkwo-Hale"; }));
    CHECK(lead->message() == QStringLiteral("Point of contact saved."));
}
