#pragma once

#include "cachestatement.h"
#include "result.h"
#include "secretkey.h"

#include <QString>
#include <QVariantList>

#include <functional>

struct sqlite3;

namespace ocms {

// One user's offline copy: an SQLite database encrypted page by page by SQLCipher with a raw 256-bit
// data key (CacheKeyFile unwraps it). Temporary tables and sorts stay in memory (temp_store = MEMORY), so
// nothing decrypted reaches the disk. Move-only; closing zeroes nothing of the key: SQLCipher keeps its
// own copy in locked memory and wipes it on close.
class EncryptedCache
{
public:
    // Opens the file, creating it when missing; a wrong key (or a file that is no cache) is refused.
    static Result<EncryptedCache> open(const QString& path, const SecretKey& key);
    // Benchmark only (`ocmsctl bench sync`): the same library, file layout and settings without a key, i.e.
    // a plain SQLite file, to measure SQLCipher's overhead against in the same run. Never for user data.
    static Result<EncryptedCache> openUnencryptedForBenchmark(const QString& path);
    // Deletes the file and its write-ahead log.
    static Result<void> remove(const QString& path);

    EncryptedCache(EncryptedCache&& other) noexcept;
    EncryptedCache& operator=(EncryptedCache&& other) noexcept;
    EncryptedCache(const EncryptedCache&) = delete;
    EncryptedCache& operator=(const EncryptedCache&) = delete;
    ~EncryptedCache();

    // Statements without results (schema, PRAGMA, BEGIN/COMMIT).
    Result<void> exec(const QString& sql);
    // One statement with bound values (QString, integers, doubles, QByteArray, null).
    Result<void> run(const QString& sql, const QVariantList& binds = {});
    // The first column of the first row, or a null QVariant when there is no row.
    Result<QVariant> scalar(const QString& sql, const QVariantList& binds = {});
    // Every row, each as its columns' values.
    Result<QList<QVariantList>> rows(const QString& sql, const QVariantList& binds = {});
    // A statement to run many times (bulk writes of a pull).
    Result<CacheStatement> prepare(const QString& sql);
    // Runs work in one transaction (BEGIN IMMEDIATE … COMMIT), rolled back when it fails.
    Result<void> inTransaction(const std::function<Result<void>()>& work);
    // Closes the file now (before it is deleted); the cache cannot be used afterwards.
    void close();
    sqlite3* handle() const { return m_db; }
    const QString& path() const { return m_path; }

private:
    EncryptedCache(sqlite3* db, QString path) : m_db(db), m_path(std::move(path)) {}
    static Result<EncryptedCache> open(const QString& path, const SecretKey* key);
    Error lastError(const QString& what) const;

    sqlite3* m_db = nullptr;
    QString m_path;
};

} // namespace ocms
