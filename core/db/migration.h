#pragma once

#include "result.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace ocms {

// One numbered schema change: resources/sql/NNNN_name.sql.
struct Migration
{
    int version = 0;
    QString name;
    QByteArray sql;

    QString checksum() const; // SHA-256 of the SQL text, hex

    // Reads every NNNN_name.sql in a directory (":/sql" for the embedded ones), sorted by version.
    static Result<QList<Migration>> loadDirectory(const QString& directory);
};

} // namespace ocms
