#include "testcertificates.h"

#include "catchqt.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>

namespace ocms::test {

TestCertificates::TestCertificates()
{
    REQUIRE(m_dir.isValid());
    makeAuthority(QStringLiteral("ca"), QStringLiteral("OCMS Test Services CA"));
    makeAuthority(QStringLiteral("rogue-ca"), QStringLiteral("Some Other CA"));
    m_caBundle = m_dir.filePath(QStringLiteral("ca.pem"));
    m_good = makeServer(QStringLiteral("server"), QStringLiteral("ca"), QStringLiteral("DNS:localhost,IP:127.0.0.1"));
    m_wrongHost = makeServer(QStringLiteral("wrong-host"), QStringLiteral("ca"), QStringLiteral("DNS:wrong-host.invalid"));
    m_untrusted = makeServer(QStringLiteral("untrusted"), QStringLiteral("rogue-ca"), QStringLiteral("DNS:localhost,IP:127.0.0.1"));
}

void TestCertificates::openssl(const QStringList& arguments)
{
    QProcess process;
    process.setWorkingDirectory(m_dir.path());
    process.start(QStringLiteral("openssl"), arguments);
    const bool started = process.waitForStarted(10000);
    INFO("openssl " << arguments.join(u' ').toStdString());
    INFO("is openssl installed? scripts/bootstrap installs it");
    REQUIRE(started);
    REQUIRE(process.waitForFinished(60000));
    INFO(process.readAllStandardError().toStdString());
    REQUIRE(process.exitStatus() == QProcess::NormalExit);
    REQUIRE(process.exitCode() == 0);
}

void TestCertificates::makeAuthority(const QString& name, const QString& commonName)
{
    openssl({QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"), QStringLiteral("ec"),
             QStringLiteral("-pkeyopt"), QStringLiteral("ec_paramgen_curve:P-256"), QStringLiteral("-nodes"),
             QStringLiteral("-keyout"), name + QStringLiteral(".key"), QStringLiteral("-out"), name + QStringLiteral(".pem"),
             QStringLiteral("-days"), QStringLiteral("2"), QStringLiteral("-subj"), QStringLiteral("/CN=") + commonName,
             QStringLiteral("-addext"), QStringLiteral("basicConstraints=critical,CA:TRUE"),
             QStringLiteral("-addext"), QStringLiteral("keyUsage=critical,keyCertSign,cRLSign")});
}

TestCertificates::Pair TestCertificates::makeServer(const QString& name, const QString& authority, const QString& altNames)
{
    const QString extensions = name + QStringLiteral(".ext");
    QFile file(m_dir.filePath(extensions));
    REQUIRE(file.open(QIODevice::WriteOnly));
    file.write(QStringLiteral("basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\n"
                              "subjectAltName=%1\n")
                   .arg(altNames)
                   .toUtf8());
    file.close();
    openssl({QStringLiteral("req"), QStringLiteral("-newkey"), QStringLiteral("ec"), QStringLiteral("-pkeyopt"),
             QStringLiteral("ec_paramgen_curve:P-256"), QStringLiteral("-nodes"), QStringLiteral("-keyout"), name + QStringLiteral(".key"),
             QStringLiteral("-out"), name + QStringLiteral(".csr"), QStringLiteral("-subj"), QStringLiteral("/CN=") + name});
    openssl({QStringLiteral("x509"), QStringLiteral("-req"), QStringLiteral("-in"), name + QStringLiteral(".csr"), QStringLiteral("-CA"),
             authority + QStringLiteral(".pem"), QStringLiteral("-CAkey"), authority + QStringLiteral(".key"), QStringLiteral("-set_serial"),
             QString::number(QRandomGenerator::global()->bounded(1, 1 << 30)), QStringLiteral("-days"), QStringLiteral("2"),
             QStringLiteral("-extfile"), extensions, QStringLiteral("-out"), name + QStringLiteral(".pem")});
    return Pair{m_dir.filePath(name + QStringLiteral(".pem")), m_dir.filePath(name + QStringLiteral(".key"))};
}

} // namespace ocms::test
