#include "db/migration.h"

#include <QFile>
#include <QTemporaryDir>

#include "catchqt.h"

using ocms::Migration;

TEST_CASE("The embedded migrations are numbered 1..N without gaps", "[db][migrations]")
{
    const auto migrations = Migration::loadDirectory(QStringLiteral(":/sql"));
    REQUIRE(migrations.has_value());
    REQUIRE(migrations->size() >= 7);
    for (qsizetype i = 0; i < migrations->size(); ++i) {
        INFO((*migrations)[i].name.toStdString());
        CHECK((*migrations)[i].version == i + 1);
        CHECK_FALSE((*migrations)[i].sql.isEmpty());
        // A migration runs inside the runner's transaction: it must not end it itself.
        CHECK_FALSE((*migrations)[i].sql.contains("\nCOMMIT"));
    }
    CHECK((*migrations)[0].name == QStringLiteral("foundation"));
}

TEST_CASE("A checksum changes with the text and only with the text", "[db][migrations]")
{
    Migration a{1, QStringLiteral("x"), "CREATE TABLE t (i int);"};
    Migration b = a;
    CHECK(a.checksum() == b.checksum());
    CHECK(a.checksum().size() == 64);
    b.sql += ' ';
    CHECK(a.checksum() != b.checksum());
}

TEST_CASE("Badly named or duplicated migration files are refused", "[db][migrations]")
{
    QTemporaryDir directory;
    REQUIRE(directory.isValid());
    auto write = [&](const QString& name) {
        QFile file(directory.filePath(name));
        REQUIRE(file.open(QIODevice::WriteOnly));
        file.write("SELECT 1;");
    };
    write(QStringLiteral("0001_first.sql"));
    write(QStringLiteral("0002_second.sql"));
    auto good = Migration::loadDirectory(directory.path());
    REQUIRE(good.has_value());
    CHECK(good->size() == 2);

    write(QStringLiteral("0002_again.sql"));
    auto duplicated = Migration::loadDirectory(directory.path());
    REQUIRE_FALSE(duplicated.has_value());
    CHECK(duplicated.error().userMessage.contains(QStringLiteral("share version 2")));

    QFile::remove(directory.filePath(QStringLiteral("0002_again.sql")));
    write(QStringLiteral("3_bad-name.sql"));
    auto misnamed = Migration::loadDirectory(directory.path());
    REQUIRE_FALSE(misnamed.has_value());
    CHECK(misnamed.error().userMessage.contains(QStringLiteral("3_bad-name.sql")));

    CHECK_FALSE(Migration::loadDirectory(directory.filePath(QStringLiteral("missing"))).has_value());
}

#include "db/benchmarkline.h"

TEST_CASE("Benchmark lines carry value, baseline, ratio and whether the goal is met", "[bench]")
{
    ocms::BenchmarkLine line{QStringLiteral("audit"), QStringLiteral("verify_rows_per_s"), 300000, QStringLiteral("rows/s"),
                             200000.0, true, 600000.0, false};
    CHECK(line.ratio().value() == Approx(0.5));
    CHECK(line.goalMet());
    CHECK(line.toJson() == QStringLiteral("{\"baseline\":600000,\"bench\":\"audit\",\"goal\":200000,\"higher_is_better\":true,"
                                          "\"metric\":\"verify_rows_per_s\",\"ratio\":0.5,\"unit\":\"rows/s\",\"value\":300000}"));
    ocms::BenchmarkLine ratioGoal = line;
    ratioGoal.goalOnRatio = true;
    ratioGoal.goal = 0.7;
    CHECK_FALSE(ratioGoal.goalMet());
    CHECK(ocms::BenchmarkLine::summaryJson(QStringLiteral("audit"), {line, ratioGoal}) ==
          QStringLiteral("{\"bench\":\"audit\",\"metric\":\"goals_met\",\"of\":2,\"value\":1}"));
    CHECK(ocms::BenchmarkLine::median({3, 1, 2}) == Approx(2));
    CHECK(ocms::BenchmarkLine::percentile({1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}, 0.95) == Approx(10.5));
}

#include "audit/csvreader.h"

TEST_CASE("CSV records keep quoted commas, doubled quotes and line breaks", "[csv]")
{
    ocms::CsvReader reader("a,\"b,c\",\"say \"\"hi\"\"\"\n\"two\nlines\",,x\r\nlast");
    QStringList fields;
    REQUIRE(reader.next(&fields));
    CHECK(fields == QStringList({QStringLiteral("a"), QStringLiteral("b,c"), QStringLiteral("say \"hi\"")}));
    REQUIRE(reader.next(&fields));
    CHECK(reader.lineNumber() == 2);
    CHECK(fields == QStringList({QStringLiteral("two\nlines"), QString(), QStringLiteral("x")}));
    REQUIRE(reader.next(&fields));
    CHECK(reader.lineNumber() == 4);
    CHECK(fields == QStringList({QStringLiteral("last")}));
    CHECK_FALSE(reader.next(&fields));
}
