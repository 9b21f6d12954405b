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
          QStringList({QStringLiteral("Home"), QStringLiteral("Cases"), QStringLiteral("Projects"),
                       QStringLiteral("Documents"), QStringLiteral("Reports")}));

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
    auto* pages = window.findChild<QStackedWidget*>();
    REQUIRE(pages != nullptr);
    CHECK(pages->currentIndex() == window.workspaceTitles().indexOf(QStringLiteral("Administration")));
    // Keep a picture of the window for people to look at (build/…/tests/ui/mainwindow.png).
    CHECK(window.grab().save(QDir::currentPath() + QStringLiteral("/mainwindow.png")));
}
