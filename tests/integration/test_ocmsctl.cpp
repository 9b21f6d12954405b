#include "testdatabase.h"

#include <QProcess>

#include "catchqt.h"

using ocms::test::TestDatabase;

namespace {

struct Run
{
    int exitCode;
    QString out;
    QString err;
};

Run ocmsctl(const QStringList& arguments)
{
    QProcess process;
    process.start(QStringLiteral(OCMSCTL_PATH), arguments);
    REQUIRE(process.waitForFinished(120000));
    return {process.exitCode(), QString::fromUtf8(process.readAllStandardOutput()),
            QString::fromUtf8(process.readAllStandardError())};
}

} // namespace

TEST_CASE("ocmsctl migrate applies, then reports the database up to date", "[integration][ocmsctl]")
{
    TestDatabase database(TestDatabase::Content::Empty);
    const Run first = ocmsctl({QStringLiteral("--db"), database.ownerConnInfo(), QStringLiteral("migrate")});
    INFO(first.err.toStdString());
    REQUIRE(first.exitCode == 0);
    CHECK(first.out.contains(QStringLiteral("applied migration 0001")));
    const Run second = ocmsctl({QStringLiteral("--db"), database.ownerConnInfo(), QStringLiteral("migrate")});
    REQUIRE(second.exitCode == 0);
    CHECK(second.out.contains(QStringLiteral("up to date")));
    const Run verify = ocmsctl({QStringLiteral("--db"), database.ownerConnInfo(), QStringLiteral("migrate"), QStringLiteral("--verify")});
    CHECK(verify.exitCode == 0);
    CHECK(verify.out.contains(QStringLiteral("migrations verified")));
}

TEST_CASE("ocmsctl seed loads synthetic data and refuses bad arguments", "[integration][ocmsctl]")
{
    TestDatabase database;
    const Run seeded = ocmsctl({QStringLiteral("--db"), database.ownerConnInfo(), QStringLiteral("seed"),
                                QStringLiteral("--cases"), QStringLiteral("120"), QStringLiteral("--leads"),
                                QStringLiteral("30"), QStringLiteral("--seed"), QStringLiteral("5")});
    INFO(seeded.err.toStdString());
    REQUIRE(seeded.exitCode == 0);
    CHECK(seeded.out.contains(QStringLiteral("seeded 120 cases")));
    CHECK(database.scalar(QStringLiteral("SELECT count(*) FROM legal.cases")).toInt() == 120);

    const Run bad = ocmsctl({QStringLiteral("--db"), database.ownerConnInfo(), QStringLiteral("seed"),
                             QStringLiteral("--cases"), QStringLiteral("many")});
    CHECK(bad.exitCode == 2);
    CHECK(bad.err.contains(QStringLiteral("--cases takes a whole number")));

    const Run unknown = ocmsctl({QStringLiteral("frobnicate")});
    CHECK(unknown.exitCode == 2);
    CHECK(unknown.err.contains(QStringLiteral("unknown command")));

    const Run badDb = ocmsctl({QStringLiteral("--db"), QStringLiteral("host=/nonexistent/socket dbname=x"),
                               QStringLiteral("migrate")});
    CHECK(badDb.exitCode == 1);
    CHECK(badDb.err.contains(QStringLiteral("Cannot reach the OCMS server")));
}
