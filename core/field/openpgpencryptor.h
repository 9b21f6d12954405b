#pragma once

#include "result.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>

namespace ocms {

// OpenPGP encryption to one recipient's public key, with GPGME, in a keyring directory of OCMS's own
// (never the user's ~/.gnupg): the key is read from the file the recipient gave, checked (exactly one
// public key, not expired, not revoked, able to encrypt), imported into that keyring, and data is
// encrypted to that key alone. "Always trust" applies to that one operation, whose only recipient is the
// key whose fingerprint was just read from the file: no web of trust is consulted or changed.
// Blocking (gpg runs as a child process): use on a worker thread. Plaintext stays in memory.
class OpenPgpEncryptor
{
public:
    struct Key
    {
        QString fingerprint;  // upper-case hex
        QString userId;       // the first user id, e.g. "Acme Data <batch@acme.example>"
        QDateTime expires;    // invalid: never
    };

    // keyringDirectory: created (mode 0700) when missing. Its S.gpg-agent and other sockets, if gpg
    // starts any, belong to it alone.
    explicit OpenPgpEncryptor(QString keyringDirectory);

    // Reads an armored (or binary) public key and imports it. Errors say what is wrong with the file:
    // not a key, several keys, a secret key, expired, revoked, or a key that cannot encrypt.
    Result<Key> importPublicKey(const QByteArray& keyData);

    // Encrypts to the key imported above (binary OpenPGP message, or ASCII-armored when armor is set).
    Result<QByteArray> encrypt(const QByteArray& plaintext, const QString& fingerprint, bool armor = false);

    // The gpg engine version, or an error when GPGME or gpg is missing.
    static Result<QString> engineVersion();

    const QString& keyringDirectory() const { return m_directory; }

private:
    QString m_directory;
};

} // namespace ocms
