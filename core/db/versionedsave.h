#pragma once

#include "result.h"

#include <QSqlDatabase>
#include <QStringList>
#include <QUuid>
#include <QVariantMap>

namespace ocms {

// A save of a record's own fields that carries the row version it started from (cases, projects):
// UPDATE … WHERE id = ? AND row_version = ?; when nothing matched, a Conflict saying who saved it last and
// when (read from the record's version function), or NotFound when it is gone or out of reach.
struct VersionedSave
{
    QString table;           // e.g. legal.projects
    QString versionFunction; // e.g. legal.project_version: (row_version, updated_at, updated_by_name)
    QString noun;            // "case", "project": for the messages
    QStringList editable;    // the columns a save may write; anything else is refused
    QString alsoSet;         // an assignment the server makes on every save (e.g. "last_action_at = now()")

    Result<qint64> save(QSqlDatabase& database, const QUuid& id, qint64 rowVersion, const QVariantMap& changes) const;
};

} // namespace ocms
