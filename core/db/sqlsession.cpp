#include "sqlsession.h"

#include "sqlerrortranslator.h"

#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>

namespace ocms {

namespace {

// How deep in inTransaction() a connection is, kept on its driver (shared by every handle of the connection).
constexpr const char* kTransactionDepth = "ocmsTransactionDepth";

// Prepares, binds and runs one statement; the rows are read forward only.
Result<void> run(QSqlQuery& query, const QString& sql, const QVariantList& binds)
{
    query.setForwardOnly(true);
    // A statement the server refuses to prepare says why here (executing it anyway would only report an
    // empty statement name).
    if (!query.prepare(sql)) {
        return fail(SqlErrorTranslator::translate(query.lastError()));
    }
    for (const QVariant& value : binds) {
        query.addBindValue(value);
    }
    if (!query.exec()) {
        return fail(SqlErrorTranslator::translate(query.lastError()));
    }
    return {};
}

// A statement that cannot be prepared (SAVEPOINT and its kin), run as it is.
Result<void> runUnprepared(QSqlDatabase& database, const QString& sql)
{
    QSqlQuery query(database);
    if (!query.exec(sql)) {
        return fail(SqlErrorTranslator::translate(query.lastError()));
    }
    return {};
}

} // namespace

Result<void> SqlSession::exec(const QString& sql, const QVariantList& binds)
{
    QSqlQuery query(m_database);
    return run(query, sql, binds);
}

Result<void> SqlSession::inTransaction(const std::function<Result<void>()>& work)
{
    // Work already inside a transaction of this connection (a repository call made within a larger unit)
    // becomes a savepoint: its failure undoes only itself, and only the outermost level commits.
    QSqlDriver* driver = m_database.driver();
    const int depth = driver->property(kTransactionDepth).toInt();
    if (depth > 0) {
        const QString savepoint = QStringLiteral("ocms_nested_%1").arg(depth);
        if (auto begun = runUnprepared(m_database, QStringLiteral("SAVEPOINT ") + savepoint); !begun) {
            return begun;
        }
        driver->setProperty(kTransactionDepth, depth + 1);
        Result<void> outcome = work();
        driver->setProperty(kTransactionDepth, depth);
        if (!outcome) {
            runUnprepared(m_database, QStringLiteral("ROLLBACK TO SAVEPOINT ") + savepoint);
            return outcome;
        }
        return runUnprepared(m_database, QStringLiteral("RELEASE SAVEPOINT ") + savepoint);
    }
    if (!m_database.transaction()) {
        return fail(SqlErrorTranslator::translate(m_database.lastError()));
    }
    driver->setProperty(kTransactionDepth, 1);
    Result<void> outcome = work();
    driver->setProperty(kTransactionDepth, 0);
    if (!outcome) {
        m_database.rollback();
        return outcome;
    }
    if (!m_database.commit()) {
        const Error error = SqlErrorTranslator::translate(m_database.lastError());
        m_database.rollback();
        return fail(error);
    }
    return {};
}

Result<void> SqlSession::inSnapshot(const std::function<Result<void>()>& work)
{
    const bool outermost = m_database.driver()->property(kTransactionDepth).toInt() == 0;
    return inTransaction([&]() -> Result<void> {
        if (outermost) {
            if (auto isolated = runUnprepared(m_database, QStringLiteral("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")); !isolated) {
                return isolated;
            }
        }
        return work();
    });
}

Result<void> SqlSession::insert(const QString& table, const QVariantMap& values)
{
    QStringList columns;
    QStringList marks;
    QVariantList binds;
    for (auto it = values.cbegin(); it != values.cend(); ++it) {
        columns.append(it.key());
        marks.append(QStringLiteral("?"));
        binds.append(it.value());
    }
    // Column names come from the form specs (fixed in code), never from what a user typed.
    return exec(QStringLiteral("INSERT INTO %1 (%2) VALUES (%3)").arg(table, columns.join(u", "), marks.join(u", ")), binds);
}

Result<QVariantMap> SqlSession::firstRow(const QString& sql, const QVariantList& binds)
{
    auto all = rows(sql, binds);
    if (!all) {
        return fail(all.error());
    }
    return all->isEmpty() ? QVariantMap() : all->first();
}

Result<QList<QVariantMap>> SqlSession::rows(const QString& sql, const QVariantList& binds)
{
    QSqlQuery query(m_database);
    if (auto done = run(query, sql, binds); !done) {
        return fail(done.error());
    }
    QList<QVariantMap> result;
    const QSqlRecord fields = query.record();
    while (query.next()) {
        QVariantMap row;
        for (int column = 0; column < fields.count(); ++column) {
            row.insert(fields.fieldName(column), query.value(column));
        }
        result.append(row);
    }
    return result;
}

Result<RecordTable> SqlSession::table(const QString& sql, const QStringList& headers, const QVariantList& binds,
                                          bool firstColumnIsId)
{
    QSqlQuery query(m_database);
    if (auto done = run(query, sql, binds); !done) {
        return fail(done.error());
    }
    RecordTable result;
    result.headers = headers;
    const int offset = firstColumnIsId ? 1 : 0;
    while (query.next()) {
        QVariantList row;
        for (int column = 0; column < headers.size(); ++column) {
            row.append(query.value(column + offset));
        }
        result.rows.append(row);
        result.ids.append(firstColumnIsId ? QUuid::fromString(query.value(0).toString()) : QUuid());
    }
    return result;
}


} // namespace ocms
