#pragma once

#include <QString>
#include <QTemporaryDir>

namespace ocms::test {

// Throwaway TLS material for a loopback HTTPS server, made at run time with the openssl command (scripts/bootstrap
// installs it) into a temporary folder: a test CA and, as PEM files with unencrypted EC keys,
//  - good:      a server certificate for localhost and 127.0.0.1 signed by the test CA;
//  - wrongHost: signed by the test CA, but for the host wrong-host.invalid;
//  - untrusted: for localhost, signed by another CA the client is not given.
class TestCertificates
{
public:
    struct Pair
    {
        QString certificate;
        QString key;
    };

    TestCertificates(); // REQUIREs that openssl made everything

    QString caBundle() const { return m_caBundle; }
    Pair good() const { return m_good; }
    Pair wrongHost() const { return m_wrongHost; }
    Pair untrusted() const { return m_untrusted; }
    QString folder() const { return m_dir.path(); }

private:
    void makeAuthority(const QString& name, const QString& commonName);
    Pair makeServer(const QString& name, const QString& authority, const QString& altNames);
    void openssl(const QStringList& arguments);

    QTemporaryDir m_dir;
    QString m_caBundle;
    Pair m_good, m_wrongHost, m_untrusted;
};

} // namespace ocms::test
