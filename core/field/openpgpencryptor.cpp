#include "openpgpencryptor.h"

#include "gpgmekeyring.h"

#include <QTimeZone>

#include <vector>

namespace ocms {

namespace {

using Context = GpgmeKeyring::Context;
using Data = GpgmeKeyring::Data;
using KeyHandle = GpgmeKeyring::KeyHandle;

QString gpgText(gpgme_error_t error)
{
    return GpgmeKeyring::text(error);
}

Error engineError(const QString& message, gpgme_error_t error)
{
    return GpgmeKeyring::engineError(message, error);
}

QDateTime fromEpoch(long seconds)
{
    return seconds > 0 ? QDateTime::fromSecsSinceEpoch(seconds, QTimeZone::utc()) : QDateTime();
}

QString day(const QDateTime& when)
{
    return when.toString(QStringLiteral("yyyy-MM-dd"));
}

} // namespace

OpenPgpEncryptor::OpenPgpEncryptor(QString keyringDirectory) : m_directory(std::move(keyringDirectory)) {}

Result<QString> OpenPgpEncryptor::engineVersion()
{
    return GpgmeKeyring::engineVersion();
}

namespace {

// A context on OCMS's own keyring directory, public keys only: no gpg-agent is started behind it.
Result<Context> openContext(const QString& directory)
{
    return GpgmeKeyring::open(directory, GpgmeKeyring::Use::PublicKeysOnly);
}

// Why a key cannot take an extract, or empty when it can.
QString unusable(gpgme_key_t key, const QDateTime& now)
{
    if (key->revoked) {
        return QStringLiteral("The provider's key %1 has been revoked: ask the provider for their current key.")
            .arg(QString::fromLatin1(key->fpr));
    }
    if (key->disabled || key->invalid) {
        return QStringLiteral("The provider's key %1 is not valid.").arg(QString::fromLatin1(key->fpr));
    }
    const gpgme_subkey_t primary = key->subkeys;
    if (primary && (primary->expired || (primary->expires > 0 && fromEpoch(primary->expires) <= now))) {
        return QStringLiteral("The provider's key %1 expired on %2: ask the provider for their current key.")
            .arg(QString::fromLatin1(key->fpr), day(fromEpoch(primary->expires)));
    }
    QDateTime lastExpired;
    for (gpgme_subkey_t subkey = key->subkeys; subkey; subkey = subkey->next) {
        if (!subkey->can_encrypt || subkey->revoked || subkey->disabled || subkey->invalid) {
            continue;
        }
        const QDateTime expires = fromEpoch(subkey->expires);
        if (subkey->expired || (expires.isValid() && expires <= now)) {
            lastExpired = std::max(lastExpired, expires);
            continue;
        }
        return {};
    }
    if (lastExpired.isValid()) {
        return QStringLiteral("The encryption part of the provider's key %1 expired on %2: ask the provider for their current key.")
            .arg(QString::fromLatin1(key->fpr), day(lastExpired));
    }
    return QStringLiteral("The provider's key %1 cannot be used to encrypt (it is a signing-only key).")
        .arg(QString::fromLatin1(key->fpr));
}

} // namespace

Result<OpenPgpEncryptor::Key> OpenPgpEncryptor::importPublicKey(const QByteArray& keyData)
{
    const QString notAKey = QStringLiteral("The key file holds no OpenPGP public key. Give the provider's public key "
                                           "(a file that begins with -----BEGIN PGP PUBLIC KEY BLOCK-----).");
    if (keyData.trimmed().isEmpty()) {
        return fail(Error::validation(QStringLiteral("The key file is empty. Give the provider's public key (a file that begins "
                                                     "with -----BEGIN PGP PUBLIC KEY BLOCK-----).")));
    }
    auto context = openContext(m_directory);
    if (!context) {
        return fail(context.error());
    }
    gpgme_ctx_t ctx = context->get();

    // First look at what the file holds, without importing anything.
    gpgme_data_t rawData = nullptr;
    if (const gpgme_error_t error = gpgme_data_new_from_mem(&rawData, keyData.constData(), size_t(keyData.size()), 1); error != 0) {
        return fail(engineError(QStringLiteral("The key file could not be read."), error));
    }
    Data data(rawData);
    std::vector<KeyHandle> found;
    if (const gpgme_error_t error = gpgme_op_keylist_from_data_start(ctx, data.get(), 0); error != 0) {
        return fail(Error{ErrorCode::Validation, notAKey, gpgText(error)});
    }
    for (;;) {
        gpgme_key_t key = nullptr;
        const gpgme_error_t error = gpgme_op_keylist_next(ctx, &key);
        if (gpgme_err_code(error) == GPG_ERR_EOF) {
            break;
        }
        if (error != 0) {
            gpgme_op_keylist_end(ctx);
            return fail(Error{ErrorCode::Validation, notAKey, gpgText(error)});
        }
        found.emplace_back(key);
    }
    gpgme_op_keylist_end(ctx);
    if (found.empty()) {
        return fail(Error::validation(notAKey));
    }
    if (found.size() > 1) {
        return fail(Error::validation(QStringLiteral("The key file holds %1 keys; give the provider's one public key alone.")
                                          .arg(qsizetype(found.size()))));
    }
    gpgme_key_t listed = found.front().get();
    if (listed->secret) {
        return fail(Error::validation(QStringLiteral("The key file holds a secret key. Only the provider's public key is "
                                                     "needed; the secret key must never leave the provider.")));
    }
    if (!listed->fpr) {
        return fail(Error::validation(notAKey));
    }
    const QString fingerprint = QString::fromLatin1(listed->fpr).toUpper();
    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (const QString why = unusable(listed, now); !why.isEmpty()) {
        return fail(Error::validation(why));
    }

    // Then import it and check it again as the keyring sees it.
    gpgme_data_seek(data.get(), 0, SEEK_SET);
    if (const gpgme_error_t error = gpgme_op_import(ctx, data.get()); error != 0) {
        return fail(Error{ErrorCode::Validation, QStringLiteral("The provider's key could not be imported."), gpgText(error)});
    }
    const gpgme_import_result_t imported = gpgme_op_import_result(ctx);
    if (!imported || (imported->imported + imported->unchanged) < 1) {
        return fail(Error{ErrorCode::Validation, QStringLiteral("The provider's key could not be imported."),
                          imported ? QStringLiteral("%1 considered, %2 not imported").arg(imported->considered).arg(imported->not_imported)
                                   : QString()});
    }
    gpgme_key_t rawKey = nullptr;
    if (const gpgme_error_t error = gpgme_get_key(ctx, fingerprint.toLatin1().constData(), &rawKey, 0); error != 0) {
        return fail(engineError(QStringLiteral("The provider's key was imported but cannot be found in the keyring."), error));
    }
    KeyHandle key(rawKey);
    if (const QString why = unusable(key.get(), now); !why.isEmpty()) {
        return fail(Error::validation(why));
    }
    Key result;
    result.fingerprint = fingerprint;
    result.userId = key->uids && key->uids->uid ? QString::fromUtf8(key->uids->uid) : QString();
    result.expires = key->subkeys ? fromEpoch(key->subkeys->expires) : QDateTime();
    return result;
}

Result<QByteArray> OpenPgpEncryptor::encrypt(const QByteArray& plaintext, const QString& fingerprint, bool armor)
{
    auto context = openContext(m_directory);
    if (!context) {
        return fail(context.error());
    }
    gpgme_ctx_t ctx = context->get();
    gpgme_key_t rawKey = nullptr;
    if (const gpgme_error_t error = gpgme_get_key(ctx, fingerprint.toLatin1().constData(), &rawKey, 0); error != 0) {
        return fail(Error{ErrorCode::Validation, QStringLiteral("The provider's key %1 is not in OCMS's keyring: import it first.").arg(fingerprint),
                          gpgText(error)});
    }
    KeyHandle key(rawKey);
    if (QString::fromLatin1(key->fpr).compare(fingerprint, Qt::CaseInsensitive) != 0) {
        return fail(Error::validation(QStringLiteral("Give the provider key's full fingerprint (40 or 64 hexadecimal digits).")));
    }
    if (const QString why = unusable(key.get(), QDateTime::currentDateTimeUtc()); !why.isEmpty()) {
        return fail(Error::validation(why));
    }
    gpgme_set_armor(ctx, armor ? 1 : 0);
    gpgme_data_t rawIn = nullptr;
    gpgme_data_t rawOut = nullptr;
    // Not copied: GPGME reads the caller's buffer; nothing of the plaintext is written anywhere.
    if (const gpgme_error_t error = gpgme_data_new_from_mem(&rawIn, plaintext.constData(), size_t(plaintext.size()), 0); error != 0) {
        return fail(engineError(QStringLiteral("The extract could not be encrypted."), error));
    }
    Data in(rawIn);
    if (const gpgme_error_t error = gpgme_data_new(&rawOut); error != 0) {
        return fail(engineError(QStringLiteral("The extract could not be encrypted."), error));
    }
    Data out(rawOut);
    gpgme_key_t recipients[2] = {key.get(), nullptr};
    // Always trust: for this operation only, whose one recipient is the key checked above by fingerprint.
    const gpgme_error_t error = gpgme_op_encrypt(ctx, recipients,
                                                 gpgme_encrypt_flags_t(GPGME_ENCRYPT_ALWAYS_TRUST | GPGME_ENCRYPT_NO_ENCRYPT_TO),
                                                 in.get(), out.get());
    if (error != 0) {
        const gpgme_encrypt_result_t result = gpgme_op_encrypt_result(ctx);
        const QString invalid = result && result->invalid_recipients
                                    ? QStringLiteral("; key %1 refused: %2")
                                          .arg(QString::fromLatin1(result->invalid_recipients->fpr),
                                               gpgText(result->invalid_recipients->reason))
                                    : QString();
        return fail(Error{ErrorCode::Validation, QStringLiteral("The extract could not be encrypted to the provider's key."),
                          gpgText(error) + invalid});
    }
    size_t length = 0;
    char* buffer = gpgme_data_release_and_get_mem(out.release(), &length);
    QByteArray cipher(buffer, qsizetype(length));
    gpgme_free(buffer);
    if (cipher.isEmpty()) {
        return fail(Error{ErrorCode::Internal, QStringLiteral("The extract could not be encrypted."), QStringLiteral("empty output")});
    }
    return cipher;
}

} // namespace ocms
