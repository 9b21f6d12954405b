#pragma once

#include "connectionsettings.h"
#include "result.h"

#include <QString>
#include <QStringList>

namespace ocms {

// A private PostgreSQL 15 cluster in a data directory: Unix socket only, no TCP, SCRAM passwords.
// Run as root, the server runs as the `postgres` system user. Used by `ocms` with no server
// configured, by `ocmsctl server`, and by the test fixture.
class EmbeddedServer
{
public:
    enum class State { NotInitialized, Stopped, Running };
    enum class Tuning { Durable, Throwaway }; // Throwaway turns fsync off: tests and benchmarks only

    static constexpr auto kOwnerRole = "ocms_owner";
    static constexpr auto kDatabase = "ocms";

    explicit EmbeddedServer(QString dataDirectory);

    // shared_buffers written at initialisation: a quarter of physical memory, 128 MB to 2 GB.
    static qint64 sharedBuffersMegabytes();

    // $OCMS_DATA_DIR, else the user's data directory (/var/lib/ocms when root, so `postgres` can reach it).
    static QString defaultDataDirectory();
    // Where initdb, pg_ctl and postgres live ($OCMS_PG_BINDIR or the newest /usr/lib/postgresql/*/bin).
    static Result<QString> binDirectory();

    const QString& dataDirectory() const { return m_dataDirectory; }
    QString clusterDirectory() const;
    QString socketDirectory() const;
    QString logDirectory() const;

    Result<void> initialize(Tuning tuning = Tuning::Durable);
    Result<void> start();
    Result<void> stop();
    State state() const;
    int port() const;

    // Creates the database when missing (as the owner).
    Result<void> ensureDatabase(const QString& name = QString::fromLatin1(kDatabase)) const;
    ConnectionSettings ownerSettings(const QString& database = QString::fromLatin1(kDatabase)) const;

private:
    Result<QString> run(const QString& program, const QStringList& arguments, int timeoutMs = 120000) const;
    Result<void> makeReachableByServer(const QString& path) const;
    QString ownerPassword() const;

    QString m_dataDirectory;
};

} // namespace ocms
