#include "logindialog.h"
#include "security/demoaccounts.h"
#include "testdatabase.h"

#include <QDialogButtonBox>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QTreeWidget>

#include "catchqt.h"

using namespace ocms;
using ocms::test::TestDatabase;

namespace {

// Waits for the worker-thread sign-in to report back, keeping the event loop running.
bool waitForSignIn(LoginDialog& dialog, bool* success)
{
    QSignalSpy spy(&dialog, &LoginDialog::signInFinished);
    if (!spy.wait(30000)) {
        return false;
    }
    *success = spy.first().first().toBool();
    return true;
}

} // namespace

TEST_CASE("In demo mode the login dialog lists one demo login per role and fills the form", "[ui][login]")
{
    TestDatabase database;
    LoginDialog dialog(database.ownerSettings(), true);
    dialog.show();
    auto* accounts = dialog.findChild<QTreeWidget*>(QStringLiteral("demoAccounts"));
    REQUIRE(accounts != nullptr);
    CHECK(accounts->isVisible());
    CHECK(accounts->topLevelItemCount() == DemoAccounts::accounts().size());

    accounts->setCurrentItem(accounts->topLevelItem(0));
    auto* login = dialog.findChild<QLineEdit*>(QStringLiteral("loginEdit"));
    auto* password = dialog.findChild<QLineEdit*>(QStringLiteral("passwordEdit"));
    CHECK(login->text() == DemoAccounts::accounts().first().login);
    CHECK(password->text() == QString::fromLatin1(DemoAccounts::kPassword));
    CHECK(password->echoMode() == QLineEdit::Password);
}

TEST_CASE("Outside demo mode no demo logins are shown", "[ui][login]")
{
    TestDatabase database;
    LoginDialog dialog(database.ownerSettings(), false);
    dialog.show();
    CHECK_FALSE(dialog.findChild<QTreeWidget*>(QStringLiteral("demoAccounts"))->isVisible());
}

TEST_CASE("A wrong password keeps the dialog open with a clear message and the right one signs in", "[ui][login]")
{
    TestDatabase database;
    REQUIRE(DemoAccounts::create(database.connection()).has_value());
    ConnectionSettings server = database.ownerSettings();
    server.setUser({});
    server.setPassword({});

    LoginDialog dialog(server, true);
    dialog.show();
    auto* login = dialog.findChild<QLineEdit*>(QStringLiteral("loginEdit"));
    auto* password = dialog.findChild<QLineEdit*>(QStringLiteral("passwordEdit"));
    QTest::keyClicks(login, QStringLiteral("attorney.demo"));
    QTest::keyClicks(password, QStringLiteral("wrong-password-123"));
    QTest::keyClick(password, Qt::Key_Return);
    bool success = true;
    REQUIRE(waitForSignIn(dialog, &success));
    CHECK_FALSE(success);
    CHECK(dialog.isVisible());
    CHECK(dialog.errorText() == QStringLiteral("The user name or password is not correct."));
    CHECK(password->text().isEmpty());

    QTest::keyClicks(password, QString::fromLatin1(DemoAccounts::kPassword));
    dialog.findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok)->click();
    REQUIRE(waitForSignIn(dialog, &success));
    CHECK(success);
    CHECK(dialog.result() == QDialog::Accepted);
    CHECK(dialog.session().login() == QStringLiteral("attorney.demo"));
    CHECK(dialog.session().isLegalStaff());
    CHECK_FALSE(dialog.session().isFieldUser());
    CHECK(dialog.session().fullName() == QStringLiteral("Alma Reyes-Whitcombe"));
    // The logon is in the audit trail, with the workstation it came from.
    CHECK(database.scalar(QStringLiteral("SELECT count(*) FROM audit.events WHERE action = 'logon' AND db_user = 'attorney.demo' "
                                         "AND client_host IS NOT NULL")).toInt() == 1);
}

TEST_CASE("An empty form is refused without contacting the server", "[ui][login]")
{
    TestDatabase database;
    LoginDialog dialog(database.ownerSettings(), false);
    dialog.show();
    dialog.fillIn(QString(), QString());
    dialog.signIn();
    bool success = true;
    REQUIRE(waitForSignIn(dialog, &success));
    CHECK_FALSE(success);
    CHECK(dialog.errorText() == QStringLiteral("Enter your user name and password."));
}
