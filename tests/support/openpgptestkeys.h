#pragma once

#include <QByteArray>
#include <QDir>
#include <QProcess>
#include <QString>
#include <QTemporaryDir>

#include <gpgme.h>

#include "catchqt.h"

namespace ocms::test {

// Throwaway OpenPGP key pairs (no passphrase) in a temporary GNUPGHOME of their own, made with GPGME: the
// "provider" side of an address-search extract (its public key to give OCMS, its secret key to decrypt).
// The gpg-agent that generating and decrypting start is stopped when the keyring goes.
class OpenPgpTestKeys
{
public:
    OpenPgpTestKeys() : m_home(QDir::tempPath() + QStringLiteral("/ocms-pgp-XXXXXX"))
    {
        REQUIRE(m_home.isValid());
        gpgme_check_version(nullptr);
        REQUIRE(gpgme_new(&m_context) == 0);
        REQUIRE(gpgme_ctx_set_engine_info(m_context, GPGME_PROTOCOL_OpenPGP, nullptr, QFile::encodeName(m_home.path()).constData()) == 0);
    }
    ~OpenPgpTestKeys()
    {
        gpgme_release(m_context);
        QProcess::execute(QStringLiteral("gpgconf"), {QStringLiteral("--homedir"), m_home.path(), QStringLiteral("--kill"), QStringLiteral("all")});
    }
    OpenPgpTestKeys(const OpenPgpTestKeys&) = delete;
    OpenPgpTestKeys& operator=(const OpenPgpTestKeys&) = delete;

    // A new key; its fingerprint. signOnly: no encryption subkey. expiresInSeconds 0: never.
    QString create(const QString& userId, bool signOnly = false, unsigned long expiresInSeconds = 0)
    {
        const unsigned flags = GPGME_CREATE_NOPASSWD | GPGME_CREATE_FORCE | (signOnly ? GPGME_CREATE_SIGN : 0u)
                               | (expiresInSeconds == 0 ? GPGME_CREATE_NOEXPIRE : 0u);
        const gpgme_error_t error = gpgme_op_createkey(m_context, userId.toUtf8().constData(), signOnly ? "ed25519" : "default",
                                                       0, expiresInSeconds, nullptr, flags);
        INFO(gpgme_strerror(error));
        REQUIRE(error == 0);
        const gpgme_genkey_result_t result = gpgme_op_genkey_result(m_context);
        REQUIRE(result);
        REQUIRE(result->fpr);
        return QString::fromLatin1(result->fpr);
    }

    QByteArray exportPublic(const QString& fingerprint)
    {
        gpgme_data_t data = nullptr;
        REQUIRE(gpgme_data_new(&data) == 0);
        gpgme_set_armor(m_context, 1);
        REQUIRE(gpgme_op_export(m_context, fingerprint.toLatin1().constData(), 0, data) == 0);
        return take(data);
    }

    // Decrypts with the secret keys of this keyring; empty on failure (the reason in lastError()).
    QByteArray decrypt(const QByteArray& cipher)
    {
        gpgme_data_t in = nullptr;
        gpgme_data_t out = nullptr;
        REQUIRE(gpgme_data_new_from_mem(&in, cipher.constData(), size_t(cipher.size()), 1) == 0);
        REQUIRE(gpgme_data_new(&out) == 0);
        const gpgme_error_t error = gpgme_op_decrypt(m_context, in, out);
        gpgme_data_release(in);
        m_lastError = error == 0 ? QString() : QString::fromUtf8(gpgme_strerror(error));
        QByteArray plain = take(out);
        return error == 0 ? plain : QByteArray();
    }
    const QString& lastError() const { return m_lastError; }

    // The temporary GNUPGHOME.
    QString home() const { return m_home.path(); }

private:
    static QByteArray take(gpgme_data_t data)
    {
        size_t length = 0;
        char* buffer = gpgme_data_release_and_get_mem(data, &length);
        QByteArray bytes(buffer, qsizetype(length));
        gpgme_free(buffer);
        return bytes;
    }

    QTemporaryDir m_home;
    gpgme_ctx_t m_context = nullptr;
    QString m_lastError;
};

} // namespace ocms::test
