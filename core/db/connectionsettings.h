#pragma once

#include "result.h"

#include <QMap>
#include <QProcessEnvironment>
#include <QString>

namespace ocms {

// Where and how to reach the server, in libpq's terms (conninfo keywords).
class ConnectionSettings
{
public:
    enum class Origin { CommandLine, Environment, Embedded };

    // Parses "host=… dbname=…" or a postgresql:// URI with libpq's own parser.
    static Result<ConnectionSettings> fromConnInfo(const QString& conninfo);
    // True when the PG* environment names a server (PGHOST, PGHOSTADDR, PGPORT, PGDATABASE or PGSERVICE).
    static bool environmentNamesServer(const QProcessEnvironment& environment);

    QString value(const QString& keyword) const { return m_values.value(keyword); }
    void setValue(const QString& keyword, const QString& value);
    const QMap<QString, QString>& values() const { return m_values; }

    QString host() const { return value(QStringLiteral("host")); }
    QString database() const { return value(QStringLiteral("dbname")); }
    QString user() const { return value(QStringLiteral("user")); }
    void setUser(const QString& user) { setValue(QStringLiteral("user"), user); }
    void setPassword(const QString& password) { setValue(QStringLiteral("password"), password); }
    void setDatabase(const QString& database) { setValue(QStringLiteral("dbname"), database); }

    Origin origin() const { return m_origin; }
    void setOrigin(Origin origin) { m_origin = origin; }

    // The conninfo string again, password left out unless asked for (never log it).
    QString toConnInfo(bool withPassword = false) const;

private:
    QMap<QString, QString> m_values;
    Origin m_origin = Origin::CommandLine;
};

} // namespace ocms
