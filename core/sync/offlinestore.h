#pragma once

#include "cachekeyfile.h"
#include "casecache.h"
#include "encryptedcache.h"
#include "fieldcache.h"
#include "outbox.h"

#include <QUuid>

#include <memory>

namespace ocms {

// One user's offline copy on this computer, under <data directory>/offline/: the encrypted cache
// (<login>.cache), its key file (<login>.key) and the device id the server knows the copy by
// (<login>.device, not secret; it outlives a wipe so the wipe can be confirmed). Only the user can read the
// folder. Holds the data key in guarded memory while open, for the reading connection of the screens.
class OfflineStore
{
public:
    // After signing in to the server (the password proved there): opens the user's copy, making a new one
    // with a fresh data key when there is none.
    static Result<std::unique_ptr<OfflineStore>> openOrCreate(const QString& dataDirectory, const QString& login, const QString& password,
                                                              KdfLimits limits = KdfLimits::moderate());
    // The copy is still locked with the user's previous password (changed on the server, or by an
    // administrator): re-locks it with the current one, after checking the previous one (which counts).
    static Result<std::unique_ptr<OfflineStore>> relock(const QString& dataDirectory, const QString& login, const QString& previousPassword,
                                                        const QString& password, KdfLimits limits = KdfLimits::moderate());
    // Without the server: unlocks the copy made earlier; none yet, a wrong password (the tenth wipes the copy).
    static Result<std::unique_ptr<OfflineStore>> unlock(const QString& dataDirectory, const QString& login, const QString& password);
    // Whether this computer holds a copy for login.
    static bool exists(const QString& dataDirectory, const QString& login);
    static QString directory(const QString& dataDirectory);

    FieldCache& field() { return m_field; }
    CaseCache& cases() { return m_cases; }
    EncryptedCache& cache() { return m_cache; }
    const QUuid& deviceId() const { return m_deviceId; }
    const QString& login() const { return m_login; }

    // Another connection to the same copy (a screen reading while a sync writes).
    Result<EncryptedCache> openReader() const;
    // The same data key under a new password: the copy is not re-encrypted.
    Result<void> changePassword(const QString& oldPassword, const QString& newPassword, KdfLimits limits = KdfLimits::moderate());
    // An administrator's ordered wipe, or the user's own: the key file goes first (the copy is unreadable from
    // that instant), then the cache. This store must not be used afterwards.
    Result<void> wipe();

private:
    OfflineStore(QString login, QString base, EncryptedCache cache, SecretKey key, QUuid deviceId);
    static Result<std::unique_ptr<OfflineStore>> open(const QString& dataDirectory, const QString& login, SecretKey key);

    QString m_login;
    QString m_base; // the path without its suffix
    EncryptedCache m_cache;
    SecretKey m_key;
    QUuid m_deviceId;
    Outbox m_outbox;
    FieldCache m_field;
    CaseCache m_cases;
};

} // namespace ocms
