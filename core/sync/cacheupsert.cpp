#include "cacheupsert.h"

#include "encryptedcache.h"

namespace ocms {

Result<CacheUpsert> CacheUpsert::prepare(EncryptedCache& cache, const QString& table, const QStringList& columns)
{
    // Numbered parameters (?1 is the id), so both statements take the same values in the same order.
    QStringList assignments;
    QStringList parameters{QStringLiteral("?1")};
    for (qsizetype i = 1; i < columns.size(); ++i) {
        assignments.append(QStringLiteral("%1 = ?%2").arg(columns.at(i)).arg(i + 1));
        parameters.append(QStringLiteral("?%1").arg(i + 1));
    }
    auto update = cache.prepare(QStringLiteral("UPDATE %1 SET %2 WHERE %3 = ?1").arg(table, assignments.join(QStringLiteral(", ")), columns.first()));
    if (!update) {
        return fail(update.error());
    }
    auto insert = cache.prepare(QStringLiteral("INSERT INTO %1 (%2) VALUES (%3)").arg(table, columns.join(QStringLiteral(", ")),
                                                                                        parameters.join(QStringLiteral(", "))));
    if (!insert) {
        return fail(insert.error());
    }
    return CacheUpsert(std::move(*update), std::move(*insert));
}

namespace {

// UPDATE first; INSERT when it found no row. For both kinds of values CacheStatement binds.
template <typename Values>
Result<void> upsert(CacheStatement& update, CacheStatement& insert, bool insertOnly, const Values& values)
{
    if (insertOnly) {
        auto inserted = insert.change(values);
        return inserted ? Result<void>{} : fail(inserted.error());
    }
    auto updated = update.change(values);
    if (!updated) {
        return fail(updated.error());
    }
    if (*updated > 0) {
        return {};
    }
    auto inserted = insert.change(values);
    if (!inserted) {
        return fail(inserted.error());
    }
    return {};
}

} // namespace

Result<void> CacheUpsert::write(const QVariantList& values)
{
    return upsert(m_update, m_insert, m_insertOnly, values);
}

Result<void> CacheUpsert::write(const QList<CacheText>& values)
{
    return upsert(m_update, m_insert, m_insertOnly, values);
}

} // namespace ocms
