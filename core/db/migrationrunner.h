#pragma once

#include "migration.h"
#include "result.h"

#include <QList>
#include <QSqlDatabase>

namespace ocms {

struct MigrationReport
{
    QList<int> applied;  // versions applied by this run
    int alreadyApplied = 0;
    int latestVersion = 0;
};

// Applies migrations in order, one transaction each, recorded with their checksum in
// public.ocms_migrations. Refuses to run when an applied migration's text has changed.
class MigrationRunner
{
public:
    explicit MigrationRunner(QList<Migration> migrations);
    // The migrations embedded in the binary (resources/sql via qrc).
    static Result<MigrationRunner> embedded();

    Result<MigrationReport> migrate(QSqlDatabase& database) const;
    // Checks recorded checksums against ours without changing anything.
    Result<MigrationReport> verify(QSqlDatabase& database) const;

private:
    Result<MigrationReport> compare(QSqlDatabase& database, QList<const Migration*>* pending) const;
    QList<Migration> m_migrations;
};

} // namespace ocms
