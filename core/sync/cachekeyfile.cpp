#include "cachekeyfile.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

#include <sodium.h>

namespace ocms {

namespace {

constexpr int kFormat = 1;

QByteArray fromBase64(const QJsonObject& object, const char* key)
{
    return QByteArray::fromBase64(object.value(QLatin1String(key)).toString().toLatin1());
}

QString toBase64(const QByteArray& bytes)
{
    return QString::fromLatin1(bytes.toBase64());
}

} // namespace

KdfLimits KdfLimits::moderate()
{
    return {crypto_pwhash_OPSLIMIT_MODERATE, crypto_pwhash_MEMLIMIT_MODERATE};
}

KdfLimits KdfLimits::interactive()
{
    return {crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE};
}

struct CacheKeyFile::Contents
{
    QString user;
    KdfLimits limits;
    QByteArray salt;
    QByteArray nonce;
    QByteArray wrapped;
    int failedUnlocks = 0;

    // What the wrap authenticates besides the key: tampering with the user or the limits breaks the unwrap.
    QByteArray associatedData() const
    {
        return QByteArrayLiteral("ocms-cache-key/1|") + user.toUtf8() + '|' + QByteArray::number(limits.opsLimit) + '|' +
               QByteArray::number(quint64(limits.memLimit)) + '|' + salt;
    }
};

namespace {

Result<SecretKey> deriveKek(const QString& password, const QByteArray& salt, KdfLimits limits)
{
    SecretKey kek = SecretKey::random(); // overwritten below; allocated in guarded memory
    QByteArray secret = password.toUtf8();
    const int derived = crypto_pwhash(kek.data(), SecretKey::kBytes, secret.constData(), quint64(secret.size()),
                                      reinterpret_cast<const unsigned char*>(salt.constData()), limits.opsLimit, limits.memLimit,
                                      crypto_pwhash_ALG_ARGON2ID13);
    sodium_memzero(secret.data(), std::size_t(secret.size()));
    if (derived != 0) {
        return fail(Error{ErrorCode::Internal, QStringLiteral("There is not enough memory to unlock the offline copy."),
                          QStringLiteral("crypto_pwhash failed (memlimit %1)").arg(limits.memLimit)});
    }
    return kek;
}

Result<void> wrap(CacheKeyFile::Contents* contents, const SecretKey& dataKey, const QString& password, KdfLimits limits)
{
    contents->limits = limits;
    contents->salt.resize(crypto_pwhash_SALTBYTES);
    randombytes_buf(contents->salt.data(), std::size_t(contents->salt.size()));
    contents->nonce.resize(crypto_aead_xchacha20poly1305_ietf_NPUBBYTES);
    randombytes_buf(contents->nonce.data(), std::size_t(contents->nonce.size()));
    auto kek = deriveKek(password, contents->salt, limits);
    if (!kek) {
        return fail(kek.error());
    }
    const QByteArray ad = contents->associatedData();
    contents->wrapped.resize(qsizetype(SecretKey::kBytes + crypto_aead_xchacha20poly1305_ietf_ABYTES));
    unsigned long long length = 0;
    crypto_aead_xchacha20poly1305_ietf_encrypt(reinterpret_cast<unsigned char*>(contents->wrapped.data()), &length, dataKey.data(),
                                               SecretKey::kBytes, reinterpret_cast<const unsigned char*>(ad.constData()),
                                               quint64(ad.size()), nullptr,
                                               reinterpret_cast<const unsigned char*>(contents->nonce.constData()), kek->data());
    contents->wrapped.resize(qsizetype(length));
    return {};
}

// The data key, or an empty key when the password is wrong (or the file was tampered with).
Result<SecretKey> unwrap(const CacheKeyFile::Contents& contents, const QString& password)
{
    auto kek = deriveKek(password, contents.salt, contents.limits);
    if (!kek) {
        return fail(kek.error());
    }
    unsigned char* plain = static_cast<unsigned char*>(sodium_malloc(SecretKey::kBytes));
    if (plain == nullptr) {
        return fail(Error{ErrorCode::Internal, QStringLiteral("There is not enough memory to unlock the offline copy."), {}});
    }
    unsigned long long length = 0;
    const QByteArray ad = contents.associatedData();
    const bool opened =
        contents.wrapped.size() == qsizetype(SecretKey::kBytes + crypto_aead_xchacha20poly1305_ietf_ABYTES)
        && crypto_aead_xchacha20poly1305_ietf_decrypt(plain, &length, nullptr,
                                                      reinterpret_cast<const unsigned char*>(contents.wrapped.constData()),
                                                      quint64(contents.wrapped.size()), reinterpret_cast<const unsigned char*>(ad.constData()),
                                                      quint64(ad.size()), reinterpret_cast<const unsigned char*>(contents.nonce.constData()),
                                                      kek->data())
               == 0
        && length == SecretKey::kBytes;
    SecretKey key = opened ? SecretKey::fromBytes(plain) : SecretKey();
    sodium_free(plain);
    return key;
}

} // namespace

bool CacheKeyFile::exists() const
{
    return QFile::exists(m_path);
}

Result<CacheKeyFile::Contents> CacheKeyFile::read() const
{
    QFile file(m_path);
    if (!file.exists()) {
        return fail(Error{ErrorCode::NotFound, QStringLiteral("There is no offline copy on this computer."), m_path});
    }
    if (!file.open(QIODevice::ReadOnly)) {
        return fail(Error::io(QStringLiteral("The offline copy's key file cannot be read."), file.errorString()));
    }
    const QJsonObject object = QJsonDocument::fromJson(file.readAll()).object();
    Contents contents;
    contents.user = object.value(QLatin1String("user")).toString();
    contents.limits.opsLimit = quint64(object.value(QLatin1String("opslimit")).toInteger());
    contents.limits.memLimit = std::size_t(object.value(QLatin1String("memlimit")).toInteger());
    contents.salt = fromBase64(object, "salt");
    contents.nonce = fromBase64(object, "nonce");
    contents.wrapped = fromBase64(object, "wrapped_key");
    contents.failedUnlocks = object.value(QLatin1String("failed_unlocks")).toInt();
    if (object.value(QLatin1String("format")).toInt() != kFormat || object.value(QLatin1String("kdf")).toString() != u"argon2id13"
        || contents.salt.size() != crypto_pwhash_SALTBYTES || contents.nonce.size() != crypto_aead_xchacha20poly1305_ietf_NPUBBYTES
        || contents.limits.opsLimit < crypto_pwhash_OPSLIMIT_MIN || contents.limits.memLimit < crypto_pwhash_MEMLIMIT_MIN
        || contents.limits.memLimit > std::size_t(4) * 1024 * 1024 * 1024) {
        return fail(Error::validation(QStringLiteral("The offline copy's key file is damaged; the copy cannot be opened.")));
    }
    return contents;
}

Result<void> CacheKeyFile::write(const Contents& contents) const
{
    const QJsonObject object{{QStringLiteral("format"), kFormat},
                             {QStringLiteral("user"), contents.user},
                             {QStringLiteral("kdf"), QStringLiteral("argon2id13")},
                             {QStringLiteral("opslimit"), qint64(contents.limits.opsLimit)},
                             {QStringLiteral("memlimit"), qint64(contents.limits.memLimit)},
                             {QStringLiteral("salt"), toBase64(contents.salt)},
                             {QStringLiteral("nonce"), toBase64(contents.nonce)},
                             {QStringLiteral("wrapped_key"), toBase64(contents.wrapped)},
                             {QStringLiteral("failed_unlocks"), contents.failedUnlocks}};
    QSaveFile file(m_path);
    if (!file.open(QIODevice::WriteOnly)) {
        return fail(Error::io(QStringLiteral("The offline copy's key file cannot be written."), file.errorString()));
    }
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    file.write(QJsonDocument(object).toJson(QJsonDocument::Indented));
    if (!file.commit()) {
        return fail(Error::io(QStringLiteral("The offline copy's key file cannot be written."), file.errorString()));
    }
    return {};
}

Result<SecretKey> CacheKeyFile::create(const QString& user, const QString& password, KdfLimits limits)
{
    if (exists()) {
        return fail(Error{ErrorCode::Conflict, QStringLiteral("An offline copy already exists on this computer."), m_path});
    }
    if (password.isEmpty()) {
        return fail(Error::validation(QStringLiteral("An offline copy needs a password.")));
    }
    Contents contents;
    contents.user = user;
    SecretKey dataKey = SecretKey::random();
    if (auto wrapped = wrap(&contents, dataKey, password, limits); !wrapped) {
        return fail(wrapped.error());
    }
    if (auto written = write(contents); !written) {
        return fail(written.error());
    }
    return dataKey;
}

Result<SecretKey> CacheKeyFile::unlock(const QString& password, bool countFailure)
{
    auto contents = read();
    if (!contents) {
        return fail(contents.error());
    }
    auto key = unwrap(*contents, password);
    if (!key) {
        return fail(key.error());
    }
    if (!key->isEmpty()) {
        if (contents->failedUnlocks != 0) {
            contents->failedUnlocks = 0;
            if (auto written = write(*contents); !written) {
                return fail(written.error());
            }
        }
        return std::move(*key);
    }
    if (!countFailure) {
        return fail(Error{ErrorCode::PermissionDenied,
                          QStringLiteral("The offline copy on this computer is still locked with your previous password."), {}});
    }
    ++contents->failedUnlocks;
    if (contents->failedUnlocks >= kMaxFailedUnlocks) {
        if (auto destroyed = destroy(); !destroyed) {
            return fail(destroyed.error());
        }
        return fail(Error{ErrorCode::PermissionDenied,
                          QStringLiteral("Wrong password for the %1th time in a row: the offline copy has been wiped. "
                                         "Connect to the server to download a new one.")
                              .arg(kMaxFailedUnlocks),
                          {}});
    }
    if (auto written = write(*contents); !written) {
        return fail(written.error());
    }
    const int left = kMaxFailedUnlocks - contents->failedUnlocks;
    return fail(Error{ErrorCode::PermissionDenied,
                      left == 1 ? QStringLiteral("Wrong password. One more wrong attempt wipes the offline copy.")
                                : QStringLiteral("Wrong password. %1 attempts are left before the offline copy is wiped.").arg(left),
                      {}});
}

Result<void> CacheKeyFile::rewrap(const QString& oldPassword, const QString& newPassword, KdfLimits limits)
{
    if (newPassword.isEmpty()) {
        return fail(Error::validation(QStringLiteral("An offline copy needs a password.")));
    }
    auto key = unlock(oldPassword);
    if (!key) {
        return fail(key.error());
    }
    auto contents = read();
    if (!contents) {
        return fail(contents.error());
    }
    if (auto wrapped = wrap(&*contents, *key, newPassword, limits); !wrapped) {
        return fail(wrapped.error());
    }
    return write(*contents);
}

Result<void> CacheKeyFile::destroy()
{
    QFile file(m_path);
    if (file.exists() && !file.remove()) {
        return fail(Error::io(QStringLiteral("The offline copy's key file cannot be deleted."), file.errorString()));
    }
    return {};
}

QString CacheKeyFile::user() const
{
    auto contents = read();
    return contents ? contents->user : QString();
}

int CacheKeyFile::failedUnlocks() const
{
    auto contents = read();
    return contents ? contents->failedUnlocks : 0;
}

} // namespace ocms
