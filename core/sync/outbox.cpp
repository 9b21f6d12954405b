#include "outbox.h"

#include <QJsonDocument>

namespace ocms {

namespace {

QString text(const QUuid& id)
{
    return id.toString(QUuid::WithoutBraces);
}

} // namespace

Result<void> Outbox::ensureSchema()
{
    return m_cache.exec(QStringLiteral(
        "CREATE TABLE IF NOT EXISTS outbox ("
        "  sequence     INTEGER PRIMARY KEY AUTOINCREMENT,"
        "  id           TEXT NOT NULL UNIQUE,"
        "  kind         TEXT NOT NULL,"
        "  target_table TEXT NOT NULL,"
        "  target_id    TEXT NOT NULL,"
        "  base_version INTEGER NOT NULL DEFAULT 0,"
        "  payload      BLOB NOT NULL,"
        "  created_at   TEXT NOT NULL,"
        "  attempts     INTEGER NOT NULL DEFAULT 0,"
        "  last_error   TEXT)"));
}

Result<QUuid> Outbox::add(const QString& kind, const QString& targetTable, const QUuid& targetId, qint64 baseVersion,
                          const QJsonObject& payload)
{
    const QUuid id = QUuid::createUuid();
    auto added = m_cache.run(QStringLiteral("INSERT INTO outbox (id, kind, target_table, target_id, base_version, payload, created_at) "
                                            "VALUES (?, ?, ?, ?, ?, ?, ?)"),
                             {text(id), kind, targetTable, text(targetId), baseVersion,
                              QJsonDocument(payload).toJson(QJsonDocument::Compact),
                              QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)});
    if (!added) {
        return fail(added.error());
    }
    return id;
}

Result<QList<OutboxChange>> Outbox::pending(int limit, qint64 afterSequence)
{
    auto rows = m_cache.rows(QStringLiteral("SELECT id, sequence, kind, target_table, target_id, base_version, payload, created_at, "
                                            "attempts, coalesce(last_error, '') FROM outbox WHERE sequence > ? ORDER BY sequence LIMIT ?"),
                             {afterSequence, limit});
    if (!rows) {
        return fail(rows.error());
    }
    QList<OutboxChange> changes;
    changes.reserve(rows->size());
    for (const QVariantList& row : std::as_const(*rows)) {
        OutboxChange change;
        change.id = QUuid(row.at(0).toString());
        change.sequence = row.at(1).toLongLong();
        change.kind = row.at(2).toString();
        change.targetTable = row.at(3).toString();
        change.targetId = QUuid(row.at(4).toString());
        change.baseVersion = row.at(5).toLongLong();
        change.payload = QJsonDocument::fromJson(row.at(6).toByteArray()).object();
        change.createdAt = QDateTime::fromString(row.at(7).toString(), Qt::ISODateWithMs);
        change.attempts = row.at(8).toInt();
        change.lastError = row.at(9).toString();
        changes.append(std::move(change));
    }
    return changes;
}

Result<qint64> Outbox::size()
{
    auto count = m_cache.scalar(QStringLiteral("SELECT count(*) FROM outbox"));
    if (!count) {
        return fail(count.error());
    }
    return count->toLongLong();
}

Result<void> Outbox::remove(const QUuid& changeId)
{
    return m_cache.run(QStringLiteral("DELETE FROM outbox WHERE id = ?"), {text(changeId)});
}

Result<void> Outbox::noteFailure(const QUuid& changeId, const QString& reason)
{
    return m_cache.run(QStringLiteral("UPDATE outbox SET attempts = attempts + 1, last_error = ? WHERE id = ?"), {reason, text(changeId)});
}

} // namespace ocms
