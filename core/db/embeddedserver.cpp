#include "embeddedserver.h"

#include "database.h"
#include "sqlerrortranslator.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRandomGenerator>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTcpServer>
#include <QVersionNumber>

#include <algorithm>

#include <unistd.h>

namespace ocms {

namespace {

bool runningAsRoot()
{
    return ::geteuid() == 0;
}

QString randomHex(int bytes)
{
    QByteArray data(bytes, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32*>(data.data()), bytes / 4);
    return QString::fromLatin1(data.toHex());
}

int freePort()
{
    // The server listens on no TCP port, but its socket file carries a port number; take one no one uses.
    QTcpServer probe;
    if (probe.listen(QHostAddress::LocalHost, 0)) {
        return probe.serverPort();
    }
    return 54329;
}

Result<void> writePrivateFile(const QString& path, const QByteArray& content)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        return fail(Error::io(QStringLiteral("Cannot write %1.").arg(path), file.errorString()));
    }
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    file.write(content);
    return {};
}

} // namespace

EmbeddedServer::EmbeddedServer(QString dataDirectory) : m_dataDirectory(QDir(dataDirectory).absolutePath()) {}

QString EmbeddedServer::defaultDataDirectory()
{
    const QString fromEnvironment = qEnvironmentVariable("OCMS_DATA_DIR");
    if (!fromEnvironment.isEmpty()) {
        return fromEnvironment;
    }
    if (runningAsRoot()) {
        return QStringLiteral("/var/lib/ocms/embedded");
    }
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) + QStringLiteral("/ocms/embedded");
}

Result<QString> EmbeddedServer::binDirectory()
{
    const QString fromEnvironment = qEnvironmentVariable("OCMS_PG_BINDIR");
    if (!fromEnvironment.isEmpty()) {
        return fromEnvironment;
    }
    QDir root(QStringLiteral("/usr/lib/postgresql"));
    QString best;
    QVersionNumber bestVersion;
    for (const QString& entry : root.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        const QVersionNumber version = QVersionNumber::fromString(entry);
        if (QFileInfo::exists(root.filePath(entry + QStringLiteral("/bin/initdb"))) && version > bestVersion) {
            bestVersion = version;
            best = root.filePath(entry + QStringLiteral("/bin"));
        }
    }
    if (best.isEmpty()) {
        return fail(Error::server(QStringLiteral("PostgreSQL server programs are not installed (package postgresql-15).")));
    }
    return best;
}

QString EmbeddedServer::clusterDirectory() const
{
    return m_dataDirectory + QStringLiteral("/cluster");
}

QString EmbeddedServer::socketDirectory() const
{
    return m_dataDirectory + QStringLiteral("/socket");
}

QString EmbeddedServer::logDirectory() const
{
    return clusterDirectory() + QStringLiteral("/log");
}

int EmbeddedServer::port() const
{
    QFile file(m_dataDirectory + QStringLiteral("/port"));
    if (!file.open(QIODevice::ReadOnly)) {
        return 0;
    }
    return file.readAll().trimmed().toInt();
}

QString EmbeddedServer::ownerPassword() const
{
    QFile file(m_dataDirectory + QStringLiteral("/owner.password"));
    if (!file.open(QIODevice::ReadOnly)) {
        return {};
    }
    return QString::fromLatin1(file.readAll().trimmed());
}

Result<QString> EmbeddedServer::run(const QString& program, const QStringList& arguments, int timeoutMs) const
{
    auto bin = binDirectory();
    if (!bin) {
        return fail(bin.error());
    }
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.setWorkingDirectory(QDir::tempPath());
    const QString path = *bin + u'/' + program;
    if (runningAsRoot()) {
        process.start(QStringLiteral("runuser"), QStringList{QStringLiteral("-u"), QStringLiteral("postgres"),
                                                            QStringLiteral("--"), path} + arguments);
    } else {
        process.start(path, arguments);
    }
    if (!process.waitForStarted(10000)) {
        return fail(Error::server(QStringLiteral("Cannot run %1.").arg(program), process.errorString()));
    }
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished(5000);
        return fail(Error::server(QStringLiteral("%1 did not finish in time.").arg(program)));
    }
    const QString output = QString::fromLocal8Bit(process.readAll()).trimmed();
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        return fail(Error::server(QStringLiteral("%1 failed.").arg(program), output));
    }
    return output;
}

Result<void> EmbeddedServer::makeReachableByServer(const QString& path) const
{
    if (!runningAsRoot()) {
        return {};
    }
    QProcess chown;
    chown.start(QStringLiteral("chown"), {QStringLiteral("-R"), QStringLiteral("postgres:postgres"), path});
    if (!chown.waitForFinished(60000) || chown.exitCode() != 0) {
        return fail(Error::server(QStringLiteral("Cannot give %1 to the postgres user.").arg(path),
                                  QString::fromLocal8Bit(chown.readAllStandardError())));
    }
    // Every folder above must let `postgres` pass through.
    QProcess probe;
    probe.start(QStringLiteral("runuser"), {QStringLiteral("-u"), QStringLiteral("postgres"), QStringLiteral("--"),
                                            QStringLiteral("test"), QStringLiteral("-w"), path});
    if (!probe.waitForFinished(10000) || probe.exitCode() != 0) {
        return fail(Error::server(
            QStringLiteral("The postgres user cannot reach %1; choose a data folder outside /root "
                           "(--data DIR or OCMS_DATA_DIR).")
                .arg(path)));
    }
    return {};
}

EmbeddedServer::State EmbeddedServer::state() const
{
    if (!QFileInfo::exists(clusterDirectory() + QStringLiteral("/PG_VERSION"))) {
        return State::NotInitialized;
    }
    // postmaster.pid names the running server; a stale file after a crash is told apart by pg_ctl status.
    if (!QFileInfo::exists(clusterDirectory() + QStringLiteral("/postmaster.pid"))) {
        return State::Stopped;
    }
    auto status = run(QStringLiteral("pg_ctl"), {QStringLiteral("status"), QStringLiteral("-D"), clusterDirectory()},
                      30000);
    return status ? State::Running : State::Stopped;
}

// A quarter of the machine's memory, as PostgreSQL's own guidance says, from 128 MB (its default) to 2 GB.
// The default alone keeps too little of a large database in memory: index pages of a lead import or of an
// offline pull's lookups are read again and again from the operating system's cache.
qint64 EmbeddedServer::sharedBuffersMegabytes()
{
    const long pages = sysconf(_SC_PHYS_PAGES);
    const long pageSize = sysconf(_SC_PAGE_SIZE);
    const qint64 quarter = pages > 0 && pageSize > 0 ? qint64(pages) * pageSize / 4 / (1024 * 1024) : 0;
    return std::clamp<qint64>(quarter, 128, 2048);
}

Result<void> EmbeddedServer::initialize(Tuning tuning)
{
    if (state() != State::NotInitialized) {
        return {};
    }
    QDir dir;
    if (!dir.mkpath(m_dataDirectory) || !dir.mkpath(clusterDirectory()) || !dir.mkpath(socketDirectory())) {
        return fail(Error::io(QStringLiteral("Cannot create the data folder %1.").arg(m_dataDirectory)));
    }
    QFile::setPermissions(m_dataDirectory, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner |
                                               QFileDevice::ExeGroup | QFileDevice::ExeOther);
    QFile::setPermissions(clusterDirectory(), QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    QFile::setPermissions(socketDirectory(), QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    if (socketDirectory().toUtf8().size() + 20 > 107) {
        return fail(Error::server(QStringLiteral("The data folder path is too long for a server socket: %1")
                                      .arg(m_dataDirectory)));
    }

    const QString password = randomHex(32);
    if (auto written = writePrivateFile(m_dataDirectory + QStringLiteral("/owner.password"), password.toLatin1());
        !written) {
        return written;
    }
    const QString passwordFile = clusterDirectory() + QStringLiteral(".pwfile");
    if (auto written = writePrivateFile(passwordFile, password.toLatin1()); !written) {
        return written;
    }
    if (auto reachable = makeReachableByServer(clusterDirectory()); !reachable) {
        return reachable;
    }
    if (auto reachable = makeReachableByServer(passwordFile); !reachable) {
        return reachable;
    }
    if (auto reachable = makeReachableByServer(socketDirectory()); !reachable) {
        return reachable;
    }
    auto initdb = run(QStringLiteral("initdb"),
                      {QStringLiteral("-D"), clusterDirectory(), QStringLiteral("-U"), QString::fromLatin1(kOwnerRole),
                       QStringLiteral("--pwfile=") + passwordFile, QStringLiteral("--auth=scram-sha-256"),
                       QStringLiteral("--encoding=UTF8"), QStringLiteral("--locale=C.UTF-8"),
                       QStringLiteral("--no-instructions")});
    QFile::remove(passwordFile);
    if (!initdb) {
        return fail(initdb.error());
    }

    const int chosenPort = freePort();
    QByteArray config = "\n# OCMS embedded server: Unix socket only, SCRAM passwords, CSV log for the logon audit.\n";
    config += "listen_addresses = ''\n";
    config += "unix_socket_directories = '" + socketDirectory().toUtf8() + "'\n";
    config += "port = " + QByteArray::number(chosenPort) + "\n";
    config += "password_encryption = 'scram-sha-256'\n";
    config += "logging_collector = on\nlog_destination = 'csvlog'\nlog_directory = 'log'\n";
    config += "log_filename = 'postgresql-%Y-%m-%d.log'\nlog_file_mode = 0640\n";
    config += "max_wal_size = '2GB'\nmax_connections = 200\n";
    config += "shared_buffers = '" + QByteArray::number(sharedBuffersMegabytes()) + "MB'\n";
    if (tuning == Tuning::Throwaway) {
        config += "fsync = off\nsynchronous_commit = off\nfull_page_writes = off\n";
    }
    QFile conf(clusterDirectory() + QStringLiteral("/postgresql.conf"));
    if (!conf.open(QIODevice::Append)) {
        return fail(Error::io(QStringLiteral("Cannot configure the server."), conf.errorString()));
    }
    conf.write(config);
    conf.close();
    QFile hba(clusterDirectory() + QStringLiteral("/pg_hba.conf"));
    if (!hba.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        return fail(Error::io(QStringLiteral("Cannot configure the server."), hba.errorString()));
    }
    hba.write("# OCMS embedded server: local socket only, every login by password.\n"
              "local all all scram-sha-256\n");
    hba.close();
    if (auto written = writePrivateFile(m_dataDirectory + QStringLiteral("/port"), QByteArray::number(chosenPort));
        !written) {
        return written;
    }
    return {};
}

Result<void> EmbeddedServer::start()
{
    switch (state()) {
    case State::NotInitialized:
        if (auto initialized = initialize(); !initialized) {
            return initialized;
        }
        break;
    case State::Running:
        return {};
    case State::Stopped:
        break;
    }
    auto started = run(QStringLiteral("pg_ctl"),
                       {QStringLiteral("start"), QStringLiteral("-D"), clusterDirectory(), QStringLiteral("-l"),
                        clusterDirectory() + QStringLiteral("/startup.log"), QStringLiteral("-w"),
                        QStringLiteral("-t"), QStringLiteral("90")});
    if (!started) {
        Error error = started.error();
        error.userMessage = QStringLiteral("The embedded database server did not start.");
        QFile log(clusterDirectory() + QStringLiteral("/startup.log"));
        if (log.open(QIODevice::ReadOnly)) {
            error.detail += u'\n' + QString::fromLocal8Bit(log.readAll().right(2000));
        }
        return fail(error);
    }
    return ensureDatabase();
}

Result<void> EmbeddedServer::stop()
{
    if (state() != State::Running) {
        return {};
    }
    auto stopped = run(QStringLiteral("pg_ctl"), {QStringLiteral("stop"), QStringLiteral("-D"), clusterDirectory(),
                                                  QStringLiteral("-m"), QStringLiteral("fast"), QStringLiteral("-w"),
                                                  QStringLiteral("-t"), QStringLiteral("60")});
    if (!stopped) {
        return fail(stopped.error());
    }
    return {};
}

ConnectionSettings EmbeddedServer::ownerSettings(const QString& database) const
{
    ConnectionSettings settings;
    settings.setValue(QStringLiteral("host"), socketDirectory());
    settings.setValue(QStringLiteral("port"), QString::number(port()));
    settings.setUser(QString::fromLatin1(kOwnerRole));
    settings.setPassword(ownerPassword());
    settings.setDatabase(database);
    settings.setOrigin(ConnectionSettings::Origin::Embedded);
    return settings;
}

Result<void> EmbeddedServer::ensureDatabase(const QString& name) const
{
    const QString connectionName = Database::threadConnectionName(QStringLiteral("embedded-admin"));
    Result<void> outcome;
    {
        auto database = Database::open(ownerSettings(QStringLiteral("postgres")), connectionName);
        if (!database) {
            return fail(database.error());
        }
        QSqlQuery query(*database);
        query.prepare(QStringLiteral("SELECT 1 FROM pg_database WHERE datname = ?"));
        query.addBindValue(name);
        if (!query.exec()) {
            outcome = fail(SqlErrorTranslator::translate(query.lastError()));
        } else if (!query.next()) {
            // Identifiers cannot be bound; quote_ident on the server keeps the name safe.
            QSqlQuery quote(*database);
            quote.prepare(QStringLiteral("SELECT quote_ident(?)"));
            quote.addBindValue(name);
            if (!quote.exec() || !quote.next()) {
                outcome = fail(SqlErrorTranslator::translate(quote.lastError()));
            } else if (QSqlQuery create(*database);
                       !create.exec(QStringLiteral("CREATE DATABASE ") + quote.value(0).toString())) {
                outcome = fail(SqlErrorTranslator::translate(create.lastError()));
            }
        }
    }
    Database::close(connectionName);
    return outcome;
}

} // namespace ocms
