#pragma once

#include "result.h"

#include <QByteArrayView>
#include <QVariantList>

#include <optional>

struct sqlite3;
struct sqlite3_stmt;

namespace ocms {

// A value as the server sent it (UTF-8 text), or null.
using CacheText = std::optional<QByteArrayView>;

// One statement of the offline copy, prepared once and run many times (a pull writes thousands of rows
// with the same few statements). Move-only; finalised when it goes.
class CacheStatement
{
public:
    static Result<CacheStatement> prepare(sqlite3* db, const QString& sql);

    CacheStatement(CacheStatement&& other) noexcept;
    CacheStatement& operator=(CacheStatement&& other) noexcept;
    CacheStatement(const CacheStatement&) = delete;
    CacheStatement& operator=(const CacheStatement&) = delete;
    ~CacheStatement();

    // Runs with these values (QString, integers, doubles, QByteArray, null) and returns every row.
    Result<QList<QVariantList>> rows(const QVariantList& binds = {});
    // Runs with these values, ignoring any rows.
    Result<void> run(const QVariantList& binds = {});
    // Runs a statement that writes; how many rows it changed.
    Result<int> change(const QVariantList& binds = {});
    // The same with text as the server sent it, bound without copying (a pull writes many such rows).
    Result<int> change(const QList<CacheText>& values);

private:
    CacheStatement(sqlite3* db, sqlite3_stmt* statement) : m_db(db), m_statement(statement) {}
    Error lastError() const;

    sqlite3* m_db = nullptr;
    sqlite3_stmt* m_statement = nullptr;
};

} // namespace ocms
