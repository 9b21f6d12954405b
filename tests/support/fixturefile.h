#pragma once

#include <QString>

namespace ocms::test {

// Where the test run's cluster lives; written by `ocms_pg_fixture start`, read by every test process.
struct FixtureFile
{
    QString dataDirectory;

    static QString path(); // $OCMS_PG_FIXTURE_FILE
    static FixtureFile read(const QString& path);
    bool write(const QString& path) const;
};

} // namespace ocms::test
