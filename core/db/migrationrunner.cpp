#include "migrationrunner.h"

#include "database.h"
#include "sqlerrortranslator.h"

#include <QHash>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <libpq-fe.h>

namespace ocms {

namespace {

constexpr auto kCreateTable = R"(
CREATE TABLE public.ocms_migrations (
    version     integer PRIMARY KEY,
    name        text NOT NULL,
    checksum    text NOT NULL,
    applied_at  timestamptz NOT NULL DEFAULT now(),
    applied_by  text NOT NULL DEFAULT current_user
))";

// Any fixed number: serialises concurrent `ocmsctl migrate` runs against one database.
constexpr qint64 kAdvisoryLock = 0x6f636d73;

Result<void> exec(QSqlDatabase& database, const QString& sql);

// Creates the bookkeeping table on first use (checked first, so no "already exists" notice is printed).
Result<void> ensureTable(QSqlDatabase& database)
{
    QSqlQuery query(database);
    if (!query.exec(QStringLiteral("SELECT to_regclass('public.ocms_migrations') IS NULL")) || !query.next()) {
        return fail(SqlErrorTranslator::translate(query.lastError()));
    }
    if (!query.value(0).toBool()) {
        return {};
    }
    return exec(database, QString::fromLatin1(kCreateTable));
}

Result<void> exec(QSqlDatabase& database, const QString& sql)
{
    QSqlQuery query(database);
    if (!query.exec(sql)) {
        return fail(SqlErrorTranslator::translate(query.lastError()));
    }
    return {};
}

// A migration is a script with many statements; libpq's simple protocol runs it in one call.
Result<void> execScript(QSqlDatabase& database, const QByteArray& sql)
{
    PGconn* connection = Database::pgHandle(database);
    if (!connection) {
        return fail(Error{ErrorCode::Internal, QStringLiteral("No PostgreSQL handle for migrations."), {}});
    }
    PGresult* result = PQexec(connection, sql.constData());
    const ExecStatusType status = PQresultStatus(result);
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK && status != PGRES_EMPTY_QUERY) {
        QString message = QString::fromUtf8(PQresultErrorMessage(result)).trimmed();
        const char* position = PQresultErrorField(result, PG_DIAG_STATEMENT_POSITION);
        if (position) {
            // The position counts characters of the whole script; the caller's BEGIN line comes first.
            const int offset = QByteArray(position).toInt();
            const int line = int(QString::fromUtf8(sql).left(offset).count(u'\n'));
            message += QStringLiteral(" (line %1)").arg(line);
        }
        PQclear(result);
        return fail(Error{ErrorCode::Migration, QStringLiteral("A migration failed."), message});
    }
    PQclear(result);
    return {};
}

} // namespace

MigrationRunner::MigrationRunner(QList<Migration> migrations) : m_migrations(std::move(migrations)) {}

Result<MigrationRunner> MigrationRunner::embedded()
{
    auto migrations = Migration::loadDirectory(QStringLiteral(":/sql"));
    if (!migrations) {
        return fail(migrations.error());
    }
    return MigrationRunner(std::move(*migrations));
}

Result<MigrationReport> MigrationRunner::compare(QSqlDatabase& database, QList<const Migration*>* pending) const
{
    QHash<int, std::pair<QString, QString>> recorded;
    QSqlQuery query(database);
    if (!query.exec(QStringLiteral("SELECT version, name, checksum FROM public.ocms_migrations ORDER BY version"))) {
        return fail(SqlErrorTranslator::translate(query.lastError()));
    }
    while (query.next()) {
        recorded.insert(query.value(0).toInt(), {query.value(1).toString(), query.value(2).toString()});
    }
    MigrationReport report;
    for (const Migration& migration : m_migrations) {
        report.latestVersion = migration.version;
        const auto it = recorded.constFind(migration.version);
        if (it == recorded.cend()) {
            if (pending) {
                pending->append(&migration);
            }
            continue;
        }
        if (it->second != migration.checksum()) {
            return fail(Error{ErrorCode::Migration,
                              QStringLiteral("Migration %1_%2 was changed after it was applied to this database. "
                                             "Restore its original text and put the change in a new migration.")
                                  .arg(migration.version, 4, 10, QChar(u'0'))
                                  .arg(migration.name),
                              QStringLiteral("recorded checksum %1, file checksum %2")
                                  .arg(it->second, migration.checksum())});
        }
        ++report.alreadyApplied;
        recorded.erase(it);
    }
    if (!recorded.isEmpty()) {
        const int newest = *std::max_element(recorded.keyBegin(), recorded.keyEnd());
        return fail(Error{ErrorCode::Migration,
                          QStringLiteral("The database has migration %1, which this version of OCMS does not know. "
                                         "Use a newer OCMS.")
                              .arg(newest),
                          {}});
    }
    return report;
}

Result<MigrationReport> MigrationRunner::verify(QSqlDatabase& database) const
{
    if (auto created = ensureTable(database); !created) {
        return fail(created.error());
    }
    return compare(database, nullptr);
}

Result<MigrationReport> MigrationRunner::migrate(QSqlDatabase& database) const
{
    if (auto created = ensureTable(database); !created) {
        return fail(created.error());
    }
    if (auto locked = exec(database, QStringLiteral("SELECT pg_advisory_lock(%1)").arg(kAdvisoryLock)); !locked) {
        return fail(locked.error());
    }
    auto unlock = [&database] {
        QSqlQuery(database).exec(QStringLiteral("SELECT pg_advisory_unlock(%1)").arg(kAdvisoryLock));
    };
    QList<const Migration*> pending;
    auto report = compare(database, &pending);
    if (!report) {
        unlock();
        return report;
    }
    for (const Migration* migration : pending) {
        QByteArray script = "BEGIN;\n" + migration->sql + "\n;\n";
        script += QStringLiteral("INSERT INTO public.ocms_migrations (version, name, checksum) VALUES (%1, '%2', '%3');\n")
                      .arg(migration->version)
                      .arg(migration->name, migration->checksum())  // both [a-z0-9_] / hex: safe to inline
                      .toUtf8();
        script += "COMMIT;";
        if (auto applied = execScript(database, script); !applied) {
            exec(database, QStringLiteral("ROLLBACK"));
            unlock();
            Error error = applied.error();
            error.userMessage = QStringLiteral("Migration %1_%2 failed; nothing of it was applied.")
                                    .arg(migration->version, 4, 10, QChar(u'0'))
                                    .arg(migration->name);
            return fail(error);
        }
        report->applied.append(migration->version);
    }
    unlock();
    return report;
}

} // namespace ocms
