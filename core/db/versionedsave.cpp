#include "versionedsave.h"

#include "sqlerrortranslator.h"

#include <QDateTime>
#include <QSqlError>
#include <QSqlQuery>

namespace ocms {

Result<qint64> VersionedSave::save(QSqlDatabase& database, const QUuid& id, qint64 rowVersion, const QVariantMap& changes) const
{
    QStringList assignments;
    QVariantList binds;
    for (auto it = changes.cbegin(); it != changes.cend(); ++it) {
        if (!editable.contains(it.key())) {
            return fail(Error{ErrorCode::Internal, QStringLiteral("The form tried to change a field it may not."), it.key()});
        }
        assignments.append(it.key() + QStringLiteral(" = ?"));
        binds.append(it.value());
    }
    if (assignments.isEmpty()) {
        return rowVersion;
    }
    if (!alsoSet.isEmpty()) {
        assignments.append(alsoSet);
    }
    const QString key = id.toString(QUuid::WithoutBraces);
    // Table and column names are fixed in code (the editable list), never typed by users.
    QSqlQuery query(database);
    query.prepare(QStringLiteral("UPDATE %1 SET %2 WHERE id = ? AND row_version = ? RETURNING row_version").arg(table, assignments.join(u", ")));
    for (const QVariant& value : binds) {
        query.addBindValue(value);
    }
    query.addBindValue(key);
    query.addBindValue(rowVersion);
    if (!query.exec()) {
        return fail(SqlErrorTranslator::translate(query.lastError()));
    }
    if (query.next()) {
        return query.value(0).toLongLong();
    }
    QSqlQuery version(database);
    version.prepare(QStringLiteral("SELECT row_version, updated_at, updated_by_name FROM %1(?)").arg(versionFunction));
    version.addBindValue(key);
    if (!version.exec()) {
        return fail(SqlErrorTranslator::translate(version.lastError()));
    }
    if (!version.next() || version.value(0).isNull()) {
        return fail(Error{ErrorCode::NotFound, QStringLiteral("The %1 no longer exists or you may no longer change it.").arg(noun), {}});
    }
    const QString who = version.value(2).toString().isEmpty() ? QStringLiteral("Someone else") : version.value(2).toString();
    const QString when = version.value(1).toDateTime().toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm"));
    return fail(Error{ErrorCode::Conflict,
                      QStringLiteral("%1 saved changes to this %2 at %3, after you opened it. Your changes are still in the form: "
                                     "reload the %2 to see theirs, then make yours again.")
                          .arg(who, noun, when),
                      QStringLiteral("row version %1 on the server").arg(version.value(0).toLongLong())});
}

} // namespace ocms
