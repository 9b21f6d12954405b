#include "database.h"

#include "sqlerrortranslator.h"

#include <QRegularExpression>
#include <QSqlDriver>
#include <QSysInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>
#include <QVariant>

#include <libpq-fe.h>

namespace ocms {

Result<QSqlDatabase> Database::open(const ConnectionSettings& settings, const QString& connectionName)
{
    if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QPSQL"))) {
        return fail(Error{ErrorCode::Connection,
                          QStringLiteral("The PostgreSQL driver for Qt is not installed (package libqt6sql6-psql)."),
                          {}});
    }
    if (QSqlDatabase::contains(connectionName)) {
        QSqlDatabase::removeDatabase(connectionName);
    }
    QSqlDatabase database = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), connectionName);
    QStringList options;
    for (auto it = settings.values().cbegin(); it != settings.values().cend(); ++it) {
        const QString& key = it.key();
        if (key == u"host") {
            database.setHostName(it.value());
        } else if (key == u"port") {
            database.setPort(it.value().toInt());
        } else if (key == u"dbname") {
            database.setDatabaseName(it.value());
        } else if (key == u"user") {
            database.setUserName(it.value());
        } else if (key == u"password") {
            database.setPassword(it.value());
        } else {
            // QPSQL joins these with spaces into the conninfo; quote values to keep them whole.
            QString value = it.value();
            value.replace(u'\\', QStringLiteral("\\\\")).replace(u'\'', QStringLiteral("\\'"));
            options.append(key + QStringLiteral("='") + value + u'\'');
        }
    }
    if (!settings.values().contains(QStringLiteral("options"))) {
        // The audit trail records which workstation made a change.
        QString host = QSysInfo::machineHostName();
        host.remove(QRegularExpression(QStringLiteral("[^A-Za-z0-9.-]")));
        if (!host.isEmpty()) {
            options.append(QStringLiteral("options='-c ocms.client_host=") + host + u'\'');
        }
    }
    if (!settings.values().contains(QStringLiteral("connect_timeout"))) {
        options.append(QStringLiteral("connect_timeout=10"));
    }
    options.append(QStringLiteral("application_name=ocms"));
    database.setConnectOptions(options.join(u';'));
    if (!database.open()) {
        Error error = SqlErrorTranslator::translateConnect(database.lastError(), settings);
        database = QSqlDatabase();
        QSqlDatabase::removeDatabase(connectionName);
        return fail(error);
    }
    return database;
}

void Database::close(const QString& connectionName)
{
    {
        QSqlDatabase database = QSqlDatabase::database(connectionName, false);
        if (database.isValid()) {
            database.close();
        }
    }
    QSqlDatabase::removeDatabase(connectionName);
}

pg_conn* Database::pgHandle(const QSqlDatabase& database)
{
    const QVariant handle = database.driver()->handle();
    // QPSQL declares the handle as an opaque PGconn* (its type name has been both spellings).
    if (!handle.isValid() ||
        (qstrcmp(handle.typeName(), "PGconn*") != 0 && qstrcmp(handle.typeName(), "pg_conn*") != 0)) {
        return nullptr;
    }
    return *static_cast<pg_conn* const*>(handle.data());
}

QString Database::threadConnectionName(const QString& purpose)
{
    return purpose + QStringLiteral("-0x") +
           QString::number(reinterpret_cast<quintptr>(QThread::currentThreadId()), 16);
}

Result<void> Database::setSource(QSqlDatabase& database, const QString& source)
{
    QSqlQuery query(database);
    query.prepare(QStringLiteral("SELECT set_config('ocms.source', ?, false)"));
    query.addBindValue(source);
    if (!query.exec()) {
        return fail(SqlErrorTranslator::translate(query.lastError()));
    }
    return {};
}

} // namespace ocms
