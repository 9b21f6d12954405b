#include "cachestatement.h"

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

// Binds text as it came from the server, or null; the columns' affinity stores numbers as numbers.
bool bindText(sqlite3_stmt* statement, const QList<CacheText>& values)
{
    for (int i = 0; i < values.size(); ++i) {
        const CacheText& value = values.at(i);
        const int rc = value ? sqlite3_bind_text64(statement, i + 1, value->data(), sqlite3_uint64(value->size()), SQLITE_STATIC, SQLITE_UTF8)
                             : sqlite3_bind_null(statement, i + 1);
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

Result<CacheStatement> CacheStatement::prepare(sqlite3* db, const QString& sql)
{
    sqlite3_stmt* statement = nullptr;
    const QByteArray text = sql.toUtf8();
    if (sqlite3_prepare_v2(db, text.constData(), int(text.size()), &statement, nullptr) != SQLITE_OK) {
        return fail(Error{ErrorCode::Database, QStringLiteral("The offline copy could not be read."), QString::fromUtf8(sqlite3_errmsg(db))});
    }
    return CacheStatement(db, statement);
}

CacheStatement::CacheStatement(CacheStatement&& other) noexcept
    : m_db(other.m_db), m_statement(std::exchange(other.m_statement, nullptr))
{
}

CacheStatement& CacheStatement::operator=(CacheStatement&& other) noexcept
{
    if (this != &other) {
        sqlite3_finalize(m_statement);
        m_db = other.m_db;
        m_statement = std::exchange(other.m_statement, nullptr);
    }
    return *this;
}

CacheStatement::~CacheStatement()
{
    sqlite3_finalize(m_statement);
}

Error CacheStatement::lastError() const
{
    return Error{ErrorCode::Database, QStringLiteral("The offline copy could not be read or changed."),
                 QString::fromUtf8(sqlite3_errmsg(m_db))};
}

Result<QList<QVariantList>> CacheStatement::rows(const QVariantList& binds)
{
    sqlite3_reset(m_statement);
    sqlite3_clear_bindings(m_statement);
    QList<QVariantList> result;
    int rc = bind(m_statement, binds) ? sqlite3_step(m_statement) : SQLITE_MISUSE;
    const int columns = sqlite3_column_count(m_statement);
    while (rc == SQLITE_ROW) {
        QVariantList row;
        row.reserve(columns);
        for (int c = 0; c < columns; ++c) {
            row.append(column(m_statement, c));
        }
        result.append(std::move(row));
        rc = sqlite3_step(m_statement);
    }
    if (rc != SQLITE_DONE) {
        const Error problem = lastError();
        sqlite3_reset(m_statement);
        return fail(problem);
    }
    sqlite3_reset(m_statement); // releases the statement's read lock at once
    return result;
}

Result<void> CacheStatement::run(const QVariantList& binds)
{
    auto done = rows(binds);
    if (!done) {
        return fail(done.error());
    }
    return {};
}

Result<int> CacheStatement::change(const QVariantList& binds)
{
    if (auto done = run(binds); !done) {
        return fail(done.error());
    }
    return sqlite3_changes(m_db);
}

Result<int> CacheStatement::change(const QList<CacheText>& values)
{
    sqlite3_reset(m_statement);
    sqlite3_clear_bindings(m_statement);
    int rc = bindText(m_statement, values) ? sqlite3_step(m_statement) : SQLITE_MISUSE;
    while (rc == SQLITE_ROW) {
        rc = sqlite3_step(m_statement);
    }
    if (rc != SQLITE_DONE) {
        const Error problem = lastError();
        sqlite3_reset(m_statement);
        return fail(problem);
    }
    sqlite3_reset(m_statement);
    sqlite3_clear_bindings(m_statement); // the bound text belongs to the caller
    return sqlite3_changes(m_db);
}

} // namespace ocms
