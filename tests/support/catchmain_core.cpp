// Catch2 entry point for tests without widgets: a QCoreApplication so Qt plugins (QPSQL) and threads work.
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include "lsansuppressions.h"

#include <QCoreApplication>

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    return Catch::Session().run(argc, argv);
}
