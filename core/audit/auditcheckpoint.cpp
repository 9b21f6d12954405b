#include "auditcheckpoint.h"

#include <QFile>
#include <QTimeZone>

#include <sodium.h>

namespace ocms {

namespace {

constexpr auto kMagic = "ocms-audit-checkpoint 1";

Result<QByteArray> readFile(const QString& path, const QString& what)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return fail(Error::io(QStringLiteral("Cannot read the %1 %2.").arg(what, path), file.errorString()));
    }
    return file.readAll();
}

Result<void> writeFile(const QString& path, const QByteArray& content, bool secret)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        return fail(Error::io(QStringLiteral("Cannot write %1.").arg(path), file.errorString()));
    }
    if (secret) {
        file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    }
    file.write(content);
    return {};
}

Result<void> initialiseSodium()
{
    if (sodium_init() < 0) {
        return fail(Error{ErrorCode::Internal, QStringLiteral("The cryptography library could not start."), {}});
    }
    return {};
}

} // namespace

QByteArray AuditCheckpoint::payload() const
{
    return QByteArray(kMagic) + "\nseal " + QByteArray::number(sealSeq) + "\nhash " + hash.toHex() + "\ncreated " +
           createdAt.toUTC().toString(Qt::ISODate).toLatin1() + '\n';
}

Result<void> AuditCheckpoint::generateKeys(const QString& secretKeyPath)
{
    if (auto ready = initialiseSodium(); !ready) {
        return ready;
    }
    unsigned char publicKey[crypto_sign_PUBLICKEYBYTES];
    unsigned char secretKey[crypto_sign_SECRETKEYBYTES];
    crypto_sign_keypair(publicKey, secretKey);
    const QByteArray secret = QByteArray(reinterpret_cast<const char*>(secretKey), sizeof secretKey).toBase64() + '\n';
    sodium_memzero(secretKey, sizeof secretKey);
    if (auto written = writeFile(secretKeyPath, secret, true); !written) {
        return written;
    }
    return writeFile(secretKeyPath + QStringLiteral(".pub"),
                     QByteArray(reinterpret_cast<const char*>(publicKey), sizeof publicKey).toBase64() + '\n', false);
}

Result<void> AuditCheckpoint::writeSigned(const QString& path, const QString& secretKeyPath) const
{
    if (auto ready = initialiseSodium(); !ready) {
        return ready;
    }
    auto keyFile = readFile(secretKeyPath, QStringLiteral("signing key"));
    if (!keyFile) {
        return fail(keyFile.error());
    }
    const QByteArray secretKey = QByteArray::fromBase64(keyFile->trimmed());
    if (secretKey.size() != crypto_sign_SECRETKEYBYTES) {
        return fail(Error::validation(QStringLiteral("%1 is not an OCMS audit signing key.").arg(secretKeyPath)));
    }
    const QByteArray text = payload();
    unsigned char signature[crypto_sign_BYTES];
    crypto_sign_detached(signature, nullptr, reinterpret_cast<const unsigned char*>(text.constData()),
                         static_cast<unsigned long long>(text.size()),
                         reinterpret_cast<const unsigned char*>(secretKey.constData()));
    return writeFile(path, text + "signature " +
                               QByteArray(reinterpret_cast<const char*>(signature), sizeof signature).toBase64() + '\n',
                     false);
}

Result<AuditCheckpoint> AuditCheckpoint::readVerified(const QString& path, const QString& publicKeyPath)
{
    if (auto ready = initialiseSodium(); !ready) {
        return fail(ready.error());
    }
    auto content = readFile(path, QStringLiteral("checkpoint"));
    if (!content) {
        return fail(content.error());
    }
    auto keyFile = readFile(publicKeyPath, QStringLiteral("public key"));
    if (!keyFile) {
        return fail(keyFile.error());
    }
    const QByteArray publicKey = QByteArray::fromBase64(keyFile->trimmed());
    const qsizetype signatureAt = content->lastIndexOf("signature ");
    if (!content->startsWith(kMagic) || signatureAt < 0 || publicKey.size() != crypto_sign_PUBLICKEYBYTES) {
        return fail(Error::validation(QStringLiteral("%1 is not an OCMS audit checkpoint.").arg(path)));
    }
    const QByteArray text = content->left(signatureAt);
    const QByteArray signature = QByteArray::fromBase64(content->mid(signatureAt + 10).trimmed());
    if (signature.size() != crypto_sign_BYTES ||
        crypto_sign_verify_detached(reinterpret_cast<const unsigned char*>(signature.constData()),
                                    reinterpret_cast<const unsigned char*>(text.constData()),
                                    static_cast<unsigned long long>(text.size()),
                                    reinterpret_cast<const unsigned char*>(publicKey.constData())) != 0) {
        return fail(Error::validation(
            QStringLiteral("The checkpoint %1 does not carry a valid signature for this key: it was altered.").arg(path)));
    }
    AuditCheckpoint checkpoint;
    for (const QByteArray& line : text.split('\n')) {
        if (line.startsWith("seal ")) {
            checkpoint.sealSeq = line.mid(5).toLongLong();
        } else if (line.startsWith("hash ")) {
            checkpoint.hash = QByteArray::fromHex(line.mid(5));
        } else if (line.startsWith("created ")) {
            checkpoint.createdAt = QDateTime::fromString(QString::fromLatin1(line.mid(8)), Qt::ISODate);
        }
    }
    return checkpoint;
}

} // namespace ocms
