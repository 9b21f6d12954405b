#include "migration.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QRegularExpression>

#include <algorithm>

namespace ocms {

QString Migration::checksum() const
{
    return QString::fromLatin1(QCryptographicHash::hash(sql, QCryptographicHash::Sha256).toHex());
}

Result<QList<Migration>> Migration::loadDirectory(const QString& directory)
{
    static const QRegularExpression pattern(QStringLiteral("^(\\d{4})_([a-z0-9_]+)\\.sql$"));
    QDir dir(directory);
    if (!dir.exists()) {
        return fail(Error{ErrorCode::Migration, QStringLiteral("The migrations folder is missing."), directory});
    }
    QList<Migration> migrations;
    const QStringList files = dir.entryList({QStringLiteral("*.sql")}, QDir::Files, QDir::Name);
    for (const QString& fileName : files) {
        const QRegularExpressionMatch match = pattern.match(fileName);
        if (!match.hasMatch()) {
            return fail(Error{ErrorCode::Migration,
                              QStringLiteral("Migration file %1 is not named NNNN_name.sql.").arg(fileName), {}});
        }
        QFile file(dir.filePath(fileName));
        if (!file.open(QIODevice::ReadOnly)) {
            return fail(Error::io(QStringLiteral("Cannot read migration %1.").arg(fileName), file.errorString()));
        }
        migrations.append({match.captured(1).toInt(), match.captured(2), file.readAll()});
    }
    std::sort(migrations.begin(), migrations.end(),
              [](const Migration& a, const Migration& b) { return a.version < b.version; });
    for (qsizetype i = 1; i < migrations.size(); ++i) {
        if (migrations[i].version == migrations[i - 1].version) {
            return fail(Error{ErrorCode::Migration,
                              QStringLiteral("Two migrations share version %1.").arg(migrations[i].version), {}});
        }
    }
    return migrations;
}

} // namespace ocms
