#pragma once

#include "cachestatement.h"

#include <QStringList>

#include <optional>

namespace ocms {

class EncryptedCache;

// Writes a row of the offline copy whether or not it is there yet: an UPDATE by id, then an INSERT when no
// row was updated. Not INSERT OR REPLACE: SQLite journals every page a REPLACE statement touches for a
// possible statement rollback, and SQLCipher encrypts each journalled page. A 60,000-row pull took 3.7 s
// that way against 0.9 s with this (and 1.0 s against 0.8 s for the same pull into a plain SQLite file).
class CacheUpsert
{
public:
    // columns: the first is the id; each write binds the values in this order.
    static Result<CacheUpsert> prepare(EncryptedCache& cache, const QString& table, const QStringList& columns);

    Result<void> write(const QVariantList& values);
    Result<void> write(const QList<CacheText>& values);
    // For a table that was empty when the pull began (a first pull): the server sends each id once, so
    // there is nothing to update and the UPDATE's look-up is skipped.
    void setInsertOnly(bool insertOnly) { m_insertOnly = insertOnly; }

private:
    CacheUpsert(CacheStatement update, CacheStatement insert) : m_update(std::move(update)), m_insert(std::move(insert)) {}

    CacheStatement m_update;
    CacheStatement m_insert;
    bool m_insertOnly = false;
};

} // namespace ocms
