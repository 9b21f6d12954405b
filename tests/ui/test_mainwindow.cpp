#include "mainwindow.h"
#include "security/demoaccounts.h"
#include "testdatabase.h"

#include <QDir>
#include <QStackedWidget>

#include "catchqt.h"

using namespace ocms;
using ocms::test::TestDatabase;

namespace {

Session signIn(TestDatabase& database, const QString& login)
{
    auto session = Session::logIn(database.ownerSettings(), login, QString::fromLatin1(DemoAccounts::kPassword));
    INFO((session ? QString() : session.error().describe()).toStdString());
    REQUIRE(session.has_value());
    return *session;
}

} // namespace

TEST_CASE("The navigation offers the workspaces each role may use", "[ui][mainwindow]")
{
    TestDatabase database;
    REQUIRE(DemoAccounts::create(database.connection()).has_value());

    MainWindow attorney(signIn(database, QStringLiteral("attorney.demo")));
    CHECK(attorney.workspaceTitles() ==
          QStringList({QStringLiteral("Home"), QStringLiteral("Cases"), QStringLiteral("Calendar"), QStringLiteral("People"), QStringLiteral("Projects"),
                       QStringLiteral("Timesheet"), QStringLiteral("Workload"), QStringLiteral("Documents"), QStringLiteral("Reports")}));

    MainWindow officer(signIn(database, QStringLiteral("officer.demo")));
    CHECK(officer.workspaceTitles() ==
          QStringList({QStringLiteral("Home"), QStringLiteral("Field operations"), QStringLiteral("Reports")}));

    MainWindow external(signIn(database, QStringLiteral("external.demo")));
    CHECK(external.workspaceTitles() == QStringList({QStringLiteral("Home"), QStringLiteral("Cases")}));

    MainWindow helpdesk(signIn(database, QStringLiteral("helpdesk.demo")));
    CHECK(helpdesk.workspaceTitles() == QStringList({QStringLiteral("Home"), QStringLiteral("Administration")}));
}

TEST_CASE("Choosing a workspace shows its page", "[ui][mainwindow]")
{
    TestDatabase database;
    REQUIRE(DemoAccounts::create(database.connection()).has_value());
    MainWindow window(signIn(database, QStringLiteral("admin.demo")));
    window.show();
    CHECK(window.currentWorkspace() == QStringLiteral("Home"));
    window.showWorkspace(QStringLiteral("Administration"));
    CHECK(window.currentWorkspace() == QStringLiteral("Administration"));
    auto* pages = window.findChild<QStackedWidget*>(QStringLiteral("workspacePages"));
    REQUIRE(pages != nullptr);
    CHECK(pages->currentIndex() == window.workspaceTitles().indexOf(QStringLiteral("Administration")));
    // Keep a picture of the window for people to look at (build/…/tests/ui/mainwindow.png).
    CHECK(window.grab().save(QDir::currentPath() + QStringLiteral("/mainwindow.png")));
}

#include "inactivitywatcher.h"
#include "lockscreen.h"

#include <QLineEdit>
#include <QSignalSpy>
#include <QTest>

TEST_CASE("The window locks after the inactivity time and only the user's password unlocks it", "[ui][lock]")
{
    TestDatabase database;
    REQUIRE(DemoAccounts::create(database.connection()).has_value());
    database.exec(QStringLiteral("UPDATE rules.settings SET value = '5' WHERE key = 'inactivity_lock_minutes'"));
    Session session = signIn(database, QStringLiteral("attorney.demo"));
    CHECK(session.inactivityLockMinutes() == 5);
    MainWindow window(session);
    window.show();
    CHECK_FALSE(window.isLocked());

    // Five minutes are too long for a test: the same watcher, a shorter time.
    QSignalSpy locked(window.inactivityWatcher(), &InactivityWatcher::inactive);
    window.inactivityWatcher()->setTimeout(200);
    REQUIRE(locked.wait(3000));
    CHECK(window.isLocked());

    auto* password = window.lockScreen()->findChild<QLineEdit*>();
    REQUIRE(password != nullptr);
    QSignalSpy attempts(window.lockScreen(), &LockScreen::attemptFinished);
    QTest::keyClicks(password, QStringLiteral("not-my-password"));
    QTest::keyClick(password, Qt::Key_Return);
    REQUIRE(attempts.wait(30000));
    CHECK_FALSE(attempts.takeFirst().first().toBool());
    CHECK(window.isLocked());
    CHECK(window.lockScreen()->message() == QStringLiteral("The user name or password is not correct."));

    QTest::keyClicks(password, QString::fromLatin1(DemoAccounts::kPassword));
    QTest::keyClick(password, Qt::Key_Return);
    REQUIRE(attempts.wait(30000));
    CHECK(attempts.takeFirst().first().toBool());
    CHECK_FALSE(window.isLocked());
    CHECK(window.lockScreen()->grab().save(QDir::currentPath() + QStringLiteral("/lockscreen.png")));
}
