#pragma once

#include "models/recordtable.h"
#include "result.h"

#include <QSqlDatabase>
#include <QVariantList>
#include <QVariantMap>

#include <functional>
#include <optional>

namespace ocms {

// The few shapes every repository's statements take: run one with bound values, insert a row from a map of
// columns (names fixed in code, never typed by users), read rows into a RecordTable, work in a transaction.
class SqlSession
{
public:
    explicit SqlSession(QSqlDatabase& database) : m_database(database) {}

    QSqlDatabase& database() { return m_database; }
    Result<void> exec(const QString& sql, const QVariantList& binds);
    Result<void> insert(const QString& table, const QVariantMap& values);
    Result<RecordTable> table(const QString& sql, const QStringList& headers, const QVariantList& binds, bool firstColumnIsId);
    // The first row as column name -> value; empty when the query found nothing.
    Result<QVariantMap> firstRow(const QString& sql, const QVariantList& binds);
    // Every row as column name -> value.
    Result<QList<QVariantMap>> rows(const QString& sql, const QVariantList& binds);
    Result<void> inTransaction(const std::function<Result<void>()>& work);
    // A transaction whose reads all see one snapshot (REPEATABLE READ), so a record read in several
    // statements never mixes states from before and after someone else's commit. Nested: a savepoint.
    Result<void> inSnapshot(const std::function<Result<void>()>& work);
    // A whole record read in one snapshot: read() runs inside inSnapshot() and its answer is passed on.
    template <class T>
    Result<T> readInSnapshot(const std::function<Result<T>()>& read)
    {
        std::optional<Result<T>> answer;
        auto done = inSnapshot([&]() -> Result<void> {
            answer = read();
            return *answer ? Result<void>{} : fail(answer->error());
        });
        if (!done) {
            return fail(done.error());
        }
        return std::move(*answer);
    }

private:
    QSqlDatabase& m_database;
};

} // namespace ocms
