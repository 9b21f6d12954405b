#include "encryptedcache.h"

#include <QFile>

#include <sodium.h>
#include <sqlcipher/sqlite3.h> // Debian: SQLCipher's own header, never the system SQLite's

#include <utility>

namespace ocms {

Result<EncryptedCache> EncryptedCache::open(const QString& path, const SecretKey& key)
{
    if (key.isEmpty()) {
        return fail(Error{ErrorCode::Internal, QStringLiteral("The offline copy cannot be opened without its key."), {}});
    }
    return open(path, &key);
}

Result<EncryptedCache> EncryptedCache::openUnencryptedForBenchmark(const QString& path)
{
    return open(path, nullptr);
}

Result<EncryptedCache> EncryptedCache::open(const QString& path, const SecretKey* key)
{
    sqlite3* db = nullptr;
    const QByteArray file = QFile::encodeName(path);
    if (sqlite3_open_v2(file.constData(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX, nullptr) != SQLITE_OK) {
        const QString detail = db ? QString::fromUtf8(sqlite3_errmsg(db)) : QStringLiteral("out of memory");
        sqlite3_close(db);
        return fail(Error::io(QStringLiteral("The offline copy cannot be opened."), detail));
    }
    EncryptedCache cache(db, path);
    if (key) {
        // The raw key: SQLCipher derives nothing from it (no weak PBKDF2 of a passphrase).
        QByteArray pragma = QByteArrayLiteral("PRAGMA key = \"") + key->sqlcipherRawKey() + QByteArrayLiteral("\";");
        const int keyed = sqlite3_exec(db, pragma.constData(), nullptr, nullptr, nullptr);
        sodium_memzero(pragma.data(), std::size_t(pragma.size()));
        if (keyed != SQLITE_OK) {
            return fail(cache.lastError(QStringLiteral("The offline copy cannot be unlocked.")));
        }
        // SQLCipher 3 encrypts and authenticates 1 KiB pages by default, each a separate OpenSSL call with a
        // fixed cost; 4 KiB pages are SQLite's own default (and SQLCipher 4's), so the overhead measured against
        // a plain file (`ocmsctl bench sync`) is for the same pages. Must be the same at every open: part of
        // the file format of the copy.
        if (sqlite3_exec(db, "PRAGMA cipher_page_size = 4096;", nullptr, nullptr, nullptr) != SQLITE_OK) {
            return fail(cache.lastError(QStringLiteral("The offline copy cannot be unlocked.")));
        }
    }
    // The first read proves the key: a wrong one (or a file that is no cache) is "not a database".
    if (sqlite3_exec(db, "SELECT count(*) FROM sqlite_master;", nullptr, nullptr, nullptr) != SQLITE_OK) {
        return fail(Error{ErrorCode::PermissionDenied, QStringLiteral("The offline copy does not open with this key; it may be damaged."),
                          QString::fromUtf8(sqlite3_errmsg(db))});
    }
    // A second connection (a reader while a sync writes) waits for a writer's lock instead of failing.
    sqlite3_busy_timeout(db, 10000);
    // cache_size: 32 MiB of pages in memory (SQLite's default is 2 MiB) — a page that leaves SQLite's cache is
    // read and decrypted again, and a pull of 100,000 rows works over far more than 2 MiB of b-tree pages.
    for (const char* setting : {"PRAGMA temp_store = MEMORY;", "PRAGMA journal_mode = WAL;", "PRAGMA synchronous = NORMAL;",
                                "PRAGMA foreign_keys = ON;", "PRAGMA cache_size = -32768;"}) {
        if (sqlite3_exec(db, setting, nullptr, nullptr, nullptr) != SQLITE_OK) {
            return fail(cache.lastError(QStringLiteral("The offline copy cannot be set up.")));
        }
    }
    return cache;
}

Result<void> EncryptedCache::remove(const QString& path)
{
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
        const QString name = path + QString::fromLatin1(suffix);
        QFile file(name);
        if (file.exists() && !file.remove()) {
            return fail(Error::io(QStringLiteral("The offline copy cannot be deleted."), file.errorString()));
        }
    }
    return {};
}

EncryptedCache::EncryptedCache(EncryptedCache&& other) noexcept
    : m_db(std::exchange(other.m_db, nullptr)), m_path(std::move(other.m_path))
{
}

EncryptedCache& EncryptedCache::operator=(EncryptedCache&& other) noexcept
{
    if (this != &other) {
        sqlite3_close_v2(m_db);
        m_db = std::exchange(other.m_db, nullptr);
        m_path = std::move(other.m_path);
    }
    return *this;
}

EncryptedCache::~EncryptedCache()
{
    sqlite3_close_v2(m_db);
}

void EncryptedCache::close()
{
    sqlite3_close_v2(std::exchange(m_db, nullptr));
}

Error EncryptedCache::lastError(const QString& what) const
{
    return Error{ErrorCode::Database, what, QString::fromUtf8(sqlite3_errmsg(m_db))};
}

Result<void> EncryptedCache::exec(const QString& sql)
{
    if (sqlite3_exec(m_db, sql.toUtf8().constData(), nullptr, nullptr, nullptr) != SQLITE_OK) {
        return fail(lastError(QStringLiteral("The offline copy could not be changed.")));
    }
    return {};
}

Result<void> EncryptedCache::run(const QString& sql, const QVariantList& binds)
{
    auto value = scalar(sql, binds);
    if (!value) {
        return fail(value.error());
    }
    return {};
}

Result<QVariant> EncryptedCache::scalar(const QString& sql, const QVariantList& binds)
{
    auto all = rows(sql, binds);
    if (!all) {
        return fail(all.error());
    }
    return all->isEmpty() || all->first().isEmpty() ? QVariant() : all->first().first();
}

Result<QList<QVariantList>> EncryptedCache::rows(const QString& sql, const QVariantList& binds)
{
    auto statement = prepare(sql);
    if (!statement) {
        return fail(statement.error());
    }
    return statement->rows(binds);
}

Result<CacheStatement> EncryptedCache::prepare(const QString& sql)
{
    return CacheStatement::prepare(m_db, sql);
}

Result<void> EncryptedCache::inTransaction(const std::function<Result<void>()>& work)
{
    if (auto begun = exec(QStringLiteral("BEGIN IMMEDIATE")); !begun) {
        return begun;
    }
    Result<void> outcome = work();
    if (!outcome) {
        sqlite3_exec(m_db, "ROLLBACK;", nullptr, nullptr, nullptr);
        return outcome;
    }
    if (auto committed = exec(QStringLiteral("COMMIT")); !committed) {
        sqlite3_exec(m_db, "ROLLBACK;", nullptr, nullptr, nullptr);
        return committed;
    }
    return {};
}

} // namespace ocms
