#include "gpgmekeyring.h"

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QFileDevice>

#include <clocale>
#include <mutex>

namespace ocms {

namespace {

// GPGME wants its version checked once per process before anything else.
const char* initialise()
{
    static const char* version = nullptr;
    static std::once_flag once;
    std::call_once(once, [] {
        version = gpgme_check_version(nullptr);
        setlocale(LC_CTYPE, "");
    });
    return version;
}

} // namespace

QString GpgmeKeyring::text(gpgme_error_t error)
{
    return QString::fromUtf8(gpgme_strerror(error));
}

Error GpgmeKeyring::engineError(const QString& message, gpgme_error_t error)
{
    return Error{ErrorCode::Internal, message, QStringLiteral("GPGME: %1").arg(text(error))};
}

Result<QString> GpgmeKeyring::engineVersion()
{
    if (!initialise()) {
        return fail(Error{ErrorCode::Internal, QStringLiteral("The OpenPGP library (GPGME) could not start."), {}});
    }
    if (const gpgme_error_t error = gpgme_engine_check_version(GPGME_PROTOCOL_OpenPGP); error != 0) {
        return fail(Error{ErrorCode::Internal, QStringLiteral("GnuPG (gpg) is not installed: OpenPGP files cannot be encrypted or decrypted."),
                          text(error)});
    }
    gpgme_engine_info_t info = nullptr;
    gpgme_get_engine_info(&info);
    for (; info; info = info->next) {
        if (info->protocol == GPGME_PROTOCOL_OpenPGP) {
            return QString::fromUtf8(info->version ? info->version : "unknown");
        }
    }
    return QStringLiteral("unknown");
}

Result<GpgmeKeyring::Context> GpgmeKeyring::open(const QString& directory, Use use)
{
    if (auto engine = engineVersion(); !engine) {
        return fail(engine.error());
    }
    if (!QDir().mkpath(directory)) {
        return fail(Error::io(QStringLiteral("The OpenPGP keyring folder %1 could not be created.").arg(directory)));
    }
    QFile::setPermissions(directory, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    QFile config(QDir(directory).filePath(QStringLiteral("gpg.conf")));
    if (use == Use::PublicKeysOnly && !config.exists()) {
        if (!config.open(QIODevice::WriteOnly)) {
            return fail(Error::io(QStringLiteral("The OpenPGP keyring folder %1 cannot be written.").arg(directory),
                                  config.errorString()));
        }
        config.write("# OCMS's own keyring for address-search extracts (core/field/openpgpencryptor.h)\n"
                     "no-autostart\nno-greeting\n");
        config.close();
    }
    gpgme_ctx_t raw = nullptr;
    if (const gpgme_error_t error = gpgme_new(&raw); error != 0) {
        return fail(engineError(QStringLiteral("The OpenPGP library could not start."), error));
    }
    Context context(raw);
    const QByteArray home = QFile::encodeName(directory);
    if (const gpgme_error_t error = gpgme_set_protocol(context.get(), GPGME_PROTOCOL_OpenPGP); error != 0) {
        return fail(engineError(QStringLiteral("The OpenPGP library could not start."), error));
    }
    if (const gpgme_error_t error = gpgme_ctx_set_engine_info(context.get(), GPGME_PROTOCOL_OpenPGP, nullptr, home.constData());
        error != 0) {
        return fail(engineError(QStringLiteral("The OpenPGP keyring folder %1 cannot be used.").arg(directory), error));
    }
    gpgme_set_offline(context.get(), 1); // never fetch keys or revocations from the network
    return context;
}

Result<GpgmeKeyring::Data> GpgmeKeyring::reading(const QByteArray& bytes)
{
    gpgme_data_t raw = nullptr;
    if (const gpgme_error_t error = gpgme_data_new_from_mem(&raw, bytes.constData(), size_t(bytes.size()), 0); error != 0) {
        return fail(engineError(QStringLiteral("The OpenPGP library could not take the data."), error));
    }
    return Data(raw);
}

Result<GpgmeKeyring::Data> GpgmeKeyring::writing()
{
    gpgme_data_t raw = nullptr;
    if (const gpgme_error_t error = gpgme_data_new(&raw); error != 0) {
        return fail(engineError(QStringLiteral("The OpenPGP library could not make a buffer."), error));
    }
    return Data(raw);
}

QByteArray GpgmeKeyring::take(Data data)
{
    size_t length = 0;
    char* buffer = gpgme_data_release_and_get_mem(data.release(), &length);
    QByteArray bytes(buffer, qsizetype(length));
    gpgme_free(buffer);
    return bytes;
}

} // namespace ocms
