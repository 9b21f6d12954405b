#pragma once

#include "result.h"

#include <QString>

#include <gpgme.h>

#include <memory>
#include <type_traits>

namespace ocms {

// The GPGME set-up OpenPgpEncryptor and OpenPgpDecryptor share: the library started once per process, a
// context on a keyring directory of OCMS's own (never the user's ~/.gnupg), offline, and owning handles
// for GPGME's objects. Include only from .cpp files of core (GPGME is a private dependency).
class GpgmeKeyring
{
public:
    struct ContextDeleter
    {
        void operator()(gpgme_ctx_t context) const { gpgme_release(context); }
    };
    struct DataDeleter
    {
        void operator()(gpgme_data_t data) const { gpgme_data_release(data); }
    };
    struct KeyDeleter
    {
        void operator()(gpgme_key_t key) const { gpgme_key_unref(key); }
    };
    using Context = std::unique_ptr<std::remove_pointer_t<gpgme_ctx_t>, ContextDeleter>;
    using Data = std::unique_ptr<std::remove_pointer_t<gpgme_data_t>, DataDeleter>;
    using KeyHandle = std::unique_ptr<std::remove_pointer_t<gpgme_key_t>, KeyDeleter>;

    // PublicKeysOnly: gpg.conf says "no-autostart" (importing and encrypting to a public key need no
    // gpg-agent, so none is left running). SecretKeys: decrypting needs the agent that holds the secret key.
    enum class Use { PublicKeysOnly, SecretKeys };

    // A context on directory (created with mode 0700 when missing).
    static Result<Context> open(const QString& directory, Use use);

    // The gpg engine version, or an error when GPGME or gpg is missing.
    static Result<QString> engineVersion();

    // A memory buffer GPGME reads without copying (bytes must outlive it), or an empty one to write into.
    static Result<Data> reading(const QByteArray& bytes);
    static Result<Data> writing();
    // What was written into data, as bytes (data is released).
    static QByteArray take(Data data);

    static QString text(gpgme_error_t error);
    static Error engineError(const QString& message, gpgme_error_t error);
};

} // namespace ocms
