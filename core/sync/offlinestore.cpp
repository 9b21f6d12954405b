#include "offlinestore.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QSaveFile>

namespace ocms {

namespace {

// A file name for a login (role names may hold characters a file system dislikes).
QString basePath(const QString& dataDirectory, const QString& login)
{
    static const QRegularExpression plain(QStringLiteral("^[a-z0-9_.-]{1,63}$"));
    const QString name = plain.match(login).hasMatch() ? login : QString::fromLatin1(login.toUtf8().toHex());
    return OfflineStore::directory(dataDirectory) + u'/' + name;
}

Result<void> ensureDirectory(const QString& path)
{
    if (!QDir().mkpath(path)) {
        return fail(Error::io(QStringLiteral("The folder for offline copies cannot be made."), path));
    }
    if (!QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner)) {
        return fail(Error::io(QStringLiteral("The folder for offline copies cannot be made private."), path));
    }
    return {};
}

// The device id, made once per login on this computer.
Result<QUuid> readOrMakeDeviceId(const QString& base)
{
    QFile file(base + QStringLiteral(".device"));
    if (file.open(QIODevice::ReadOnly)) {
        const QUuid id(QString::fromLatin1(file.readAll().trimmed()));
        if (!id.isNull()) {
            return id;
        }
    }
    const QUuid id = QUuid::createUuid();
    QSaveFile out(base + QStringLiteral(".device"));
    if (!out.open(QIODevice::WriteOnly) || out.write(id.toString(QUuid::WithoutBraces).toLatin1()) < 0 || !out.commit()) {
        return fail(Error::io(QStringLiteral("The offline copy's device id cannot be written."), out.errorString()));
    }
    return id;
}

} // namespace

QString OfflineStore::directory(const QString& dataDirectory)
{
    return dataDirectory + QStringLiteral("/offline");
}

bool OfflineStore::exists(const QString& dataDirectory, const QString& login)
{
    return CacheKeyFile(basePath(dataDirectory, login) + QStringLiteral(".key")).exists();
}

OfflineStore::OfflineStore(QString login, QString base, EncryptedCache cache, SecretKey key, QUuid deviceId)
    : m_login(std::move(login)), m_base(std::move(base)), m_cache(std::move(cache)), m_key(std::move(key)), m_deviceId(deviceId),
      m_outbox(m_cache), m_field(m_cache, m_outbox), m_cases(m_cache, m_outbox)
{
}

Result<std::unique_ptr<OfflineStore>> OfflineStore::open(const QString& dataDirectory, const QString& login, SecretKey key)
{
    const QString base = basePath(dataDirectory, login);
    auto cache = EncryptedCache::open(base + QStringLiteral(".cache"), key);
    if (!cache) {
        return fail(cache.error());
    }
    QFile::setPermissions(base + QStringLiteral(".cache"), QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    auto device = readOrMakeDeviceId(base);
    if (!device) {
        return fail(device.error());
    }
    std::unique_ptr<OfflineStore> store(new OfflineStore(login, base, std::move(*cache), std::move(key), *device));
    if (auto ready = store->m_field.ensureSchema(); !ready) {
        return fail(ready.error());
    }
    if (auto ready = store->m_cases.ensureSchema(); !ready) {
        return fail(ready.error());
    }
    return store;
}

Result<std::unique_ptr<OfflineStore>> OfflineStore::openOrCreate(const QString& dataDirectory, const QString& login, const QString& password,
                                                                 KdfLimits limits)
{
    if (exists(dataDirectory, login)) {
        // Signed in: the password is right, so a mismatch is an earlier password still on the copy (not counted).
        auto key = CacheKeyFile(basePath(dataDirectory, login) + QStringLiteral(".key")).unlock(password, false);
        if (!key) {
            return fail(key.error());
        }
        return open(dataDirectory, login, std::move(*key));
    }
    if (auto made = ensureDirectory(directory(dataDirectory)); !made) {
        return fail(made.error());
    }
    const QString base = basePath(dataDirectory, login);
    // A cache left without its key (ten failed unlocks, a wipe cut short) can never be read: start afresh.
    if (auto cleared = EncryptedCache::remove(base + QStringLiteral(".cache")); !cleared) {
        return fail(cleared.error());
    }
    auto key = CacheKeyFile(base + QStringLiteral(".key")).create(login, password, limits);
    if (!key) {
        return fail(key.error());
    }
    return open(dataDirectory, login, std::move(*key));
}

Result<std::unique_ptr<OfflineStore>> OfflineStore::unlock(const QString& dataDirectory, const QString& login, const QString& password)
{
    CacheKeyFile keyFile(basePath(dataDirectory, login) + QStringLiteral(".key"));
    if (!keyFile.exists()) {
        return fail(Error{ErrorCode::NotFound,
                          QStringLiteral("There is no offline copy for %1 on this computer. Sign in once while connected to the server to make one.")
                              .arg(login),
                          {}});
    }
    auto key = keyFile.unlock(password);
    if (!key) {
        return fail(key.error());
    }
    return open(dataDirectory, login, std::move(*key));
}

Result<std::unique_ptr<OfflineStore>> OfflineStore::relock(const QString& dataDirectory, const QString& login,
                                                          const QString& previousPassword, const QString& password, KdfLimits limits)
{
    CacheKeyFile keyFile(basePath(dataDirectory, login) + QStringLiteral(".key"));
    if (auto rewrapped = keyFile.rewrap(previousPassword, password, limits); !rewrapped) {
        return fail(rewrapped.error());
    }
    return unlock(dataDirectory, login, password);
}

Result<EncryptedCache> OfflineStore::openReader() const
{
    return EncryptedCache::open(m_base + QStringLiteral(".cache"), m_key);
}

Result<void> OfflineStore::changePassword(const QString& oldPassword, const QString& newPassword, KdfLimits limits)
{
    return CacheKeyFile(m_base + QStringLiteral(".key")).rewrap(oldPassword, newPassword, limits);
}

Result<void> OfflineStore::wipe()
{
    if (auto destroyed = CacheKeyFile(m_base + QStringLiteral(".key")).destroy(); !destroyed) {
        return destroyed;
    }
    m_cache.close(); // before the file is deleted
    return EncryptedCache::remove(m_base + QStringLiteral(".cache"));
}

} // namespace ocms
