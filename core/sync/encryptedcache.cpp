#include "encryptedcache.h"

#include <QFile>

#include <sodium.h>
#include <sqlcipher/sqlite3.h> // Debian: SQLCipher's own header, never the system SQLite's

#include <utility>

namespace ocms {

namespace {

// Binds values by position (1-based): the kinds the cache stores.
bool bind(sqlite3_stmt* statement, const QVariantList& binds)
{
    for (int i = 0; i < binds.size(); ++i) {
        const QVariant& value = binds.at(i);
        int rc = SQLITE_OK;
        if (value.isNull()) {
            rc = sqlite3_bind_null(statement, i + 1);
        } else if (value.typeId() == QMetaType::QByteArray) {
            const QByteArray bytes = value.toByteArray();
            rc = sqlite3_bind_blob64(statement, i + 1, bytes.constData(), sqlite3_uint64(bytes.size()), SQLITE_TRANSIENT);
        } else if (value.typeId() == QMetaType::Int || value.typeId() == QMetaType::LongLong || value.typeId() == QMetaType::Bool
                   || value.typeId() == QMetaType::UInt || value.typeId() == QMetaType::ULongLong) {
            rc = sqlite3_bind_int64(statement, i + 1, value.toLongLong());
        } else if (value.typeId() == QMetaType::Double) {
            rc = sqlite3_bind_double(statement, i + 1, value.toDouble());
        } else {
            const QByteArray text = value.toString().toUtf8();
            rc = sqlite3_bind_text64(statement, i + 1, text.constData(), sqlite3_uint64(text.size()), SQLITE_TRANSIENT, SQLITE_UTF8);
        }
        if (rc != SQLITE_OK) {
            return false;
        }
    }
    return true;
}

QVariant column(sqlite3_stmt* statement, int index)
{
    switch (sqlite3_column_type(statement, index)) {
    case SQLITE_INTEGER: return QVariant(qint64(sqlite3_column_int64(statement, index)));
    case SQLITE_FLOAT: return QVariant(sqlite3_column_double(statement, index));
    case SQLITE_BLOB:
        return QVariant(QByteArray(static_cast<const char*>(sqlite3_column_blob(statement, index)), sqlite3_column_bytes(statement, index)));
    case SQLITE_NULL: return QVariant();
    default:
        return QVariant(QString::fromUtf8(reinterpret_cast<const char*>(sqlite3_column_text(statement, index)),
                                          sqlite3_column_bytes(statement, index)));
    }
}

} // namespace

Result<EncryptedCache> EncryptedCache::open(const QString& path, const SecretKey& key)
{
    if (key.isEmpty()) {
        return fail(Error{ErrorCode::Internal, QStringLiteral("The offline copy cannot be opened without its key."), {}});
    }
    sqlite3* db = nullptr;
    const QByteArray file = QFile::encodeName(path);
    if (sqlite3_open_v2(file.constData(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX, nullptr) != SQLITE_OK) {
        const QString detail = db ? QString::fromUtf8(sqlite3_errmsg(db)) : QStringLiteral("out of memory");
        sqlite3_close(db);
        return fail(Error::io(QStringLiteral("The offline copy cannot be opened."), detail));
    }
    EncryptedCache cache(db, path);
    // The raw key: SQLCipher derives nothing from it (no weak PBKDF2 of a passphrase).
    QByteArray pragma = QByteArrayLiteral("PRAGMA key = \"") + key.sqlcipherRawKey() + QByteArrayLiteral("\";");
    const int keyed = sqlite3_exec(db, pragma.constData(), nullptr, nullptr, nullptr);
    sodium_memzero(pragma.data(), std::size_t(pragma.size()));
    if (keyed != SQLITE_OK) {
        return fail(cache.lastError(QStringLiteral("The offline copy cannot be unlocked.")));
    }
    // The first read proves the key: a wrong one (or a file that is no cache) is "not a database".
    if (sqlite3_exec(db, "SELECT count(*) FROM sqlite_master;", nullptr, nullptr, nullptr) != SQLITE_OK) {
        return fail(Error{ErrorCode::PermissionDenied, QStringLiteral("The offline copy does not open with this key; it may be damaged."),
                          QString::fromUtf8(sqlite3_errmsg(db))});
    }
    for (const char* setting : {"PRAGMA temp_store = MEMORY;", "PRAGMA journal_mode = WAL;", "PRAGMA synchronous = NORMAL;",
                                "PRAGMA foreign_keys = ON;"}) {
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
    sqlite3_stmt* statement = nullptr;
    const QByteArray text = sql.toUtf8();
    if (sqlite3_prepare_v2(m_db, text.constData(), int(text.size()), &statement, nullptr) != SQLITE_OK) {
        return fail(lastError(QStringLiteral("The offline copy could not be read.")));
    }
    QList<QVariantList> result;
    int rc = bind(statement, binds) ? sqlite3_step(statement) : SQLITE_MISUSE;
    const int columns = sqlite3_column_count(statement);
    while (rc == SQLITE_ROW) {
        QVariantList row;
        row.reserve(columns);
        for (int c = 0; c < columns; ++c) {
            row.append(column(statement, c));
        }
        result.append(std::move(row));
        rc = sqlite3_step(statement);
    }
    const Error problem = lastError(QStringLiteral("The offline copy could not be read or changed."));
    sqlite3_finalize(statement);
    if (rc != SQLITE_DONE) {
        return fail(problem);
    }
    return result;
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
