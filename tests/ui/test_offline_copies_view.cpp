// The Offline copies tab for field supervisors and administrators, offscreen on the synthetic demo world:
// officers' laptops with their last contact, the offline changes the server kept without applying (with the
// officer and the reason), and a wipe ordered after a confirmation. An officer sees only their own laptop.
#include "db/sqlsession.h"
#include "demoworld.h"
#include "eventwait.h"
#include "models/recordtablemodel.h"
#include "offlinecopiesview.h"
#include "signedin.h"
#include "syncusers.h"

#include <QMessageBox>
#include <QPushButton>
#include <QTableView>
#include <QUuid>

#include "catchqt.h"

using namespace ocms;
using ocms::test::ownerCount;
using ocms::test::SignedIn;
using ocms::test::TestDatabase;
using ocms::test::waitUntil;

namespace {

const QString kPassword = QStringLiteral("offline-copies-password-1");

// An officer's laptop reaching the server once, and one offline change the server refused (its lead is gone).
void laptopWithRefusedChange(TestDatabase& database, const QString& login, const QString& device, const QString& name)
{
    SignedIn<SqlSession> laptop(database, login, kPassword);
    REQUIRE_OK((*laptop).exec(QStringLiteral("SELECT sync.check_in(?::uuid, ?)"), {device, name}));
    const QString change = QStringLiteral(R"({"id": "%1", "kind": "add_activity", "table": "field.leads", "target": "%2",
        "payload": {"id": "%3", "activity_type": "surveillance", "occurred_at": "2026-11-30T09:00:00Z", "location": "Elm St"}})")
                               .arg(QUuid::createUuid().toString(QUuid::WithoutBraces), QUuid::createUuid().toString(QUuid::WithoutBraces),
                                    QUuid::createUuid().toString(QUuid::WithoutBraces));
    auto answer = (*laptop).firstRow(QStringLiteral("SELECT sync.apply_change(?::jsonb) ->> 'outcome' AS outcome"), {change});
    REQUIRE_OK(answer);
    REQUIRE(answer->value(QStringLiteral("outcome")).toString() == u"rejected");
}

int rowOf(const RecordTableModel* model, int column, const QString& value)
{
    for (int row = 0; row < model->rowCount(); ++row) {
        if (model->data(model->index(row, column)).toString() == value) {
            return row;
        }
    }
    return -1;
}

} // namespace

TEST_CASE("A field administrator sees officers' laptops and kept offline changes, and orders a wipe", "[ui][sync]")
{
    TestDatabase database;
    ocms::test::seedDemoWorld(database, 10, 0, 43, 60);
    const QString first = ocms::test::makeFieldOfficer(database, QStringLiteral("w1"), kPassword);
    const QString second = ocms::test::makeFieldOfficer(database, QStringLiteral("w2"), kPassword);
    const QString firstDevice = QUuid::createUuid().toString(QUuid::WithoutBraces);
    laptopWithRefusedChange(database, first, firstDevice, QStringLiteral("Field laptop 7"));
    laptopWithRefusedChange(database, second, QUuid::createUuid().toString(QUuid::WithoutBraces), QStringLiteral("Field laptop 9"));

    OfflineCopiesView view(ocms::test::demoLogin(database, "hqfield.demo"));
    view.resize(1100, 700);
    view.show();
    REQUIRE(waitUntil([&] { return !view.isBusy(); }));
    INFO(view.message().toStdString());
    // Device, Login, Name, … ; When, Login, Kind, Record, Outcome, Why.
    const int firstRow = rowOf(view.devicesModel(), 1, first);
    REQUIRE(firstRow >= 0);
    CHECK(rowOf(view.devicesModel(), 1, second) >= 0);
    CHECK(view.devicesModel()->data(view.devicesModel()->index(firstRow, 2)).toString() == u"Field laptop 7");
    const int kept = rowOf(view.keptModel(), 1, first);
    REQUIRE(kept >= 0);
    CHECK(view.keptModel()->data(view.keptModel()->index(kept, 4)).toString() == u"Rejected");
    CHECK(view.keptModel()->data(view.keptModel()->index(kept, 5)).toString().contains(u"no longer"));
    CHECK(rowOf(view.keptModel(), 1, second) >= 0);
    CHECK(view.message().contains(u"kept without being applied"));

    auto* wipe = view.findChild<QPushButton*>(QStringLiteral("orderWipeButton"));
    REQUIRE(wipe != nullptr);
    CHECK_FALSE(wipe->isEnabled()); // nothing chosen yet
    view.devices()->setCurrentIndex(view.devicesModel()->index(firstRow, 0));
    REQUIRE(wipe->isEnabled());

    // Cancel first: nothing is ordered.
    wipe->click();
    auto* box = view.findChild<QMessageBox*>(QStringLiteral("confirmWipe"));
    REQUIRE(box != nullptr);
    CHECK(box->text().contains(u"Field laptop 7"));
    box->button(QMessageBox::Cancel)->click();
    REQUIRE(waitUntil([&] { return view.findChild<QMessageBox*>(QStringLiteral("confirmWipe")) == nullptr && !view.isBusy(); }));
    CHECK(ownerCount(database, QStringLiteral("SELECT count(*) FROM sync.devices WHERE wipe_ordered_at IS NOT NULL")) == 0);

    wipe->click();
    box = view.findChild<QMessageBox*>(QStringLiteral("confirmWipe"));
    REQUIRE(box != nullptr);
    box->button(QMessageBox::Yes)->click();
    REQUIRE(waitUntil([&] { return !view.isBusy() && ownerCount(database, QStringLiteral("SELECT count(*) FROM sync.devices WHERE wipe_ordered_at IS NOT NULL")) == 1; }));
    CHECK(ocms::test::ownerText(database, QStringLiteral("SELECT id::text FROM sync.devices WHERE wipe_ordered_at IS NOT NULL")) == firstDevice);
    // Listed as ordered; a second order is not offered.
    const int again = rowOf(view.devicesModel(), 1, first);
    REQUIRE(again >= 0);
    CHECK_FALSE(view.devicesModel()->data(view.devicesModel()->index(again, 5)).toString().isEmpty());
    view.devices()->setCurrentIndex(view.devicesModel()->index(again, 0));
    CHECK_FALSE(wipe->isEnabled());

    // An officer with the same screen sees only their own laptop and their own kept change.
    OfflineCopiesView own(database.settingsFor(second, kPassword));
    REQUIRE(waitUntil([&] { return !own.isBusy(); }));
    CHECK(own.devicesModel()->rowCount() == 1);
    CHECK(rowOf(own.devicesModel(), 1, second) == 0);
    CHECK(own.keptModel()->rowCount() == 1);
    CHECK(rowOf(own.keptModel(), 1, first) < 0);
}
