#include "openpgpdecryptor.h"

#include "gpgmekeyring.h"

#include <QStringList>

namespace ocms {

namespace {

// Answers gpg's passphrase question with the configured passphrase (loopback pinentry), or cancels.
gpgme_error_t passphraseCallback(void* hook, const char*, const char*, int previousWasBad, int fd)
{
    const auto* passphrase = static_cast<const QByteArray*>(hook);
    if (!passphrase || passphrase->isEmpty() || previousWasBad) {
        return gpgme_error(GPG_ERR_CANCELED);
    }
    const QByteArray line = *passphrase + '\n';
    if (gpgme_io_writen(fd, line.constData(), size_t(line.size())) != 0) {
        return gpgme_error(GPG_ERR_CANCELED);
    }
    return 0;
}

QStringList recipients(gpgme_ctx_t context)
{
    QStringList keys;
    const gpgme_decrypt_result_t result = gpgme_op_decrypt_result(context);
    for (gpgme_recipient_t recipient = result ? result->recipients : nullptr; recipient; recipient = recipient->next) {
        if (recipient->keyid) {
            keys.append(QString::fromLatin1(recipient->keyid).toUpper());
        }
    }
    return keys;
}

// Whether bytes begin like an encrypted OpenPGP message: ASCII armor, or a public-key or symmetric-key encrypted
// session key packet (old or new packet format). Tells "not OpenPGP" from "OpenPGP, damaged inside".
bool looksLikeOpenPgp(const QByteArray& bytes)
{
    if (bytes.trimmed().startsWith("-----BEGIN PGP MESSAGE-----")) {
        return true;
    }
    const auto first = static_cast<unsigned char>(bytes.at(0));
    if ((first & 0x80) == 0) {
        return false;
    }
    const int tag = (first & 0x40) ? (first & 0x3F) : ((first >> 2) & 0x0F);
    return tag == 1 || tag == 3;
}

} // namespace

OpenPgpDecryptor::OpenPgpDecryptor(QString keyringDirectory, QByteArray passphrase)
    : m_directory(std::move(keyringDirectory)), m_passphrase(std::move(passphrase))
{
}

Result<QByteArray> OpenPgpDecryptor::decrypt(const QByteArray& cipher, const QString& what) const
{
    if (cipher.trimmed().isEmpty()) {
        return fail(Error::validation(QStringLiteral("%1 is empty.").arg(what)));
    }
    auto context = GpgmeKeyring::open(m_directory, GpgmeKeyring::Use::SecretKeys);
    if (!context) {
        return fail(context.error());
    }
    gpgme_ctx_t ctx = context->get();
    gpgme_set_pinentry_mode(ctx, GPGME_PINENTRY_MODE_LOOPBACK);
    gpgme_set_passphrase_cb(ctx, passphraseCallback, const_cast<QByteArray*>(&m_passphrase));
    auto in = GpgmeKeyring::reading(cipher);
    if (!in) {
        return fail(in.error());
    }
    auto out = GpgmeKeyring::writing();
    if (!out) {
        return fail(out.error());
    }
    const gpgme_error_t error = gpgme_op_decrypt(ctx, in->get(), out->get());
    const QString damaged = QStringLiteral("%1 is damaged or cut off, so it cannot be decrypted; nothing was taken from it. "
                                           "Ask the sender for the file again.")
                                .arg(what);
    if (error != 0) {
        switch (gpgme_err_code(error)) {
        case GPG_ERR_NO_DATA:
            // gpg also says "no data" when a damaged message decrypts to garbage.
            if (looksLikeOpenPgp(cipher) || !recipients(ctx).isEmpty()) {
                return fail(Error{ErrorCode::Validation, damaged, GpgmeKeyring::text(error)});
            }
            return fail(Error{ErrorCode::Validation,
                              QStringLiteral("%1 is not an OpenPGP-encrypted file (or it is cut off before its start).").arg(what),
                              GpgmeKeyring::text(error)});
        case GPG_ERR_NO_SECKEY: {
            const QStringList keys = recipients(ctx);
            return fail(Error{ErrorCode::Validation,
                              QStringLiteral("%1 is encrypted to %2 OCMS does not hold (%3): ask the sender to encrypt it to OCMS's key.")
                                  .arg(what, keys.size() == 1 ? QStringLiteral("a key") : QStringLiteral("keys"),
                                       keys.isEmpty() ? QStringLiteral("key id not given") : QStringLiteral("key id ") + keys.join(QStringLiteral(", "))),
                              GpgmeKeyring::text(error)});
        }
        case GPG_ERR_BAD_PASSPHRASE:
        case GPG_ERR_CANCELED:
        case GPG_ERR_NO_PIN_ENTRY:
        case GPG_ERR_NO_PASSPHRASE:
            return fail(Error{ErrorCode::PermissionDenied,
                              QStringLiteral("OCMS's key for %1 is protected by a passphrase that was not given or is wrong.")
                                  .arg(what.startsWith(QLatin1String("The ")) ? what.mid(4) : what),
                              GpgmeKeyring::text(error)});
        case GPG_ERR_WRONG_SECKEY: // the session key packet for OCMS's key decrypts to nonsense
        case GPG_ERR_BAD_DATA:
        case GPG_ERR_DECRYPT_FAILED:
        case GPG_ERR_INV_PACKET:
        case GPG_ERR_TRUNCATED:
        case GPG_ERR_CHECKSUM:
        case GPG_ERR_BAD_MPI:
        case GPG_ERR_BAD_KEY:
        case GPG_ERR_UNKNOWN_PACKET:
        case GPG_ERR_INV_KEYLEN:
        case GPG_ERR_EOF:
        case GPG_ERR_BAD_SIGNATURE:
        case GPG_ERR_INV_LENGTH:
            return fail(Error{ErrorCode::Validation, damaged, GpgmeKeyring::text(error)});
        default:
            return fail(Error{ErrorCode::Validation, QStringLiteral("%1 could not be decrypted.").arg(what), GpgmeKeyring::text(error)});
        }
    }
    const gpgme_decrypt_result_t result = gpgme_op_decrypt_result(ctx);
    if (result && result->unsupported_algorithm) {
        return fail(Error{ErrorCode::Validation, QStringLiteral("%1 is encrypted with a method OCMS's GnuPG does not support (%2).")
                                                     .arg(what, QString::fromLatin1(result->unsupported_algorithm)),
                          {}});
    }
    if (result && result->legacy_cipher_nomdc) {
        return fail(Error::validation(QStringLiteral("%1 has no integrity check (an obsolete OpenPGP form), so it could have been altered: "
                                                     "ask the sender to encrypt it again with current software.")
                                          .arg(what)));
    }
    return GpgmeKeyring::take(std::move(*out));
}

} // namespace ocms
