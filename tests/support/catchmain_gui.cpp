// Catch2 entry point for UI tests: a QApplication on the offscreen platform.
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include "lsansuppressions.h"

#include <QApplication>

int main(int argc, char** argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    // Settings the widgets keep (column choices…) go to a scope of the tests' own, never the user's.
    QApplication::setOrganizationName(QStringLiteral("OCMS-tests"));
    QApplication::setApplicationName(QStringLiteral("ocms-ui-tests"));
    return Catch::Session().run(argc, argv);
}
