#pragma once

#include "result.h"

#include <QByteArray>
#include <QString>

namespace ocms {

// OpenPGP decryption with GPGME, with the secret key OCMS holds in a keyring directory of its own (never the
// user's ~/.gnupg), for files other systems encrypt to OCMS (RAPS asylum referrals). Shares its GPGME
// set-up with OpenPgpEncryptor (GpgmeKeyring). Decryption needs gpg-agent, which gpg starts for that
// directory; no pinentry is ever shown: a key with a passphrase takes the one given here. Errors say
// whether the file is not OpenPGP, is encrypted to a key OCMS does not hold (with the key ids it names), or is
// damaged or cut off; nothing of a file that fails is returned. Blocking (gpg runs as a child process): use
// on a worker thread. The plaintext stays in memory.
class OpenPgpDecryptor
{
public:
    explicit OpenPgpDecryptor(QString keyringDirectory, QByteArray passphrase = {});

    // what names the file in messages: "The RAPS referral file referrals.txt.gpg".
    Result<QByteArray> decrypt(const QByteArray& cipher, const QString& what) const;

    const QString& keyringDirectory() const { return m_directory; }

private:
    QString m_directory;
    QByteArray m_passphrase;
};

} // namespace ocms
