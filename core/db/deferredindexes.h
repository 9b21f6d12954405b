#pragma once

#include "result.h"

#include <QList>
#include <QSqlDatabase>
#include <QStringList>

namespace ocms {

// Bulk-load helper, as pg_restore does it: drop the secondary indexes of the tables about to receive far
// more rows than they hold, load, then rebuild each index once from its catalog definition. Runs inside
// the caller's transaction, so a failed load restores the indexes with everything else.
class DeferredIndexes
{
public:
    static Result<DeferredIndexes> drop(QSqlDatabase& database, const QStringList& tables);
    Result<void> recreate();
    qsizetype count() const { return m_definitions.size(); }

private:
    explicit DeferredIndexes(QSqlDatabase database) : m_database(std::move(database)) {}

    QSqlDatabase m_database;
    QStringList m_definitions;
};

} // namespace ocms
