#pragma once

#include "result.h"
#include "secretkey.h"

#include <QString>

#include <cstddef>

namespace ocms {

// How hard the password is stretched (libsodium crypto_pwhash, Argon2id). The file records the limits it
// was written with, so stronger defaults later still open older files.
struct KdfLimits
{
    unsigned long long opsLimit = 0;
    std::size_t memLimit = 0;

    static KdfLimits moderate();    // libsodium's "moderate": 3 passes over 256 MiB (production)
    static KdfLimits interactive(); // 2 passes over 64 MiB: tests and benchmarks of everything but unlock
};

// The key file beside an offline cache: the cache's random 256-bit data key, wrapped (XChaCha20-Poly1305)
// by a key derived from the user's password with Argon2id. SQLCipher never sees the password — Debian's
// SQLCipher 3.4 would stretch it with 64,000 rounds of PBKDF2-SHA1 only — it gets the raw data key.
// A password change re-wraps the same data key (the cache is not re-encrypted). Ten failed unlocks in a
// row delete the key file, which leaves the cache unreadable for good; so does a wipe ordered by an
// administrator. Written atomically: a crash never leaves half a key file.
class CacheKeyFile
{
public:
    static constexpr int kMaxFailedUnlocks = 10;

    explicit CacheKeyFile(QString path) : m_path(std::move(path)) {}

    // A new data key for a new cache, wrapped under password; refuses to overwrite an existing key file.
    Result<SecretKey> create(const QString& user, const QString& password, KdfLimits limits = KdfLimits::moderate());
    bool exists() const;
    // The data key. A wrong password is PermissionDenied saying how many attempts are left; the tenth in a
    // row deletes the key file (the message says the offline copy is gone).
    // countFailure false: the server has just proved the password (signed in), so a mismatch means the
    // file is still locked with an earlier password, not a guess; nothing is counted.
    Result<SecretKey> unlock(const QString& password, bool countFailure = true);
    // The same data key under a new password (new salt and nonce), after checking the old one.
    Result<void> rewrap(const QString& oldPassword, const QString& newPassword, KdfLimits limits = KdfLimits::moderate());
    // Deletes the key file: the cache it opened can no longer be read by anyone.
    Result<void> destroy();

    QString user() const;
    int failedUnlocks() const;
    const QString& path() const { return m_path; }

    struct Contents; // the file's fields (cachekeyfile.cpp)

private:
    Result<Contents> read() const;
    Result<void> write(const Contents& contents) const;

    QString m_path;
};

} // namespace ocms
