#include "loopbackhttpsserver.h"

#include "catchqt.h"

#include <QFile>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>

namespace ocms::test {

namespace {

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 200: return "OK";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 500: return "Internal Server Error";
    case 502: return "Bad Gateway";
    case 503: return "Service Unavailable";
    case 504: return "Gateway Timeout";
    default: return "Status";
    }
}

QByteArray readFile(const QString& path)
{
    QFile file(path);
    REQUIRE(file.open(QIODevice::ReadOnly));
    return file.readAll();
}

} // namespace

LoopbackHttpsServer::LoopbackHttpsServer(const QString& certificatePath, const QString& keyPath)
    : m_server(std::make_unique<QSslServer>())
{
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    const QList<QSslCertificate> chain = QSslCertificate::fromData(readFile(certificatePath), QSsl::Pem);
    REQUIRE(chain.size() == 1);
    const QSslKey key(readFile(keyPath), QSsl::Ec, QSsl::Pem);
    REQUIRE_FALSE(key.isNull());
    tls.setLocalCertificate(chain.first());
    tls.setPrivateKey(key);
    tls.setPeerVerifyMode(QSslSocket::VerifyNone); // clients show no certificate
    tls.setAllowedNextProtocols({QByteArrayLiteral("http/1.1")}); // no HTTP/2 here
    m_server->setSslConfiguration(tls);
    m_server->setHandshakeTimeout(10000);
    QObject::connect(m_server.get(), &QSslServer::errorOccurred, m_server.get(), [this](QSslSocket*, QAbstractSocket::SocketError) {
        ++m_handshakeFailures;
    });
    QObject::connect(m_server.get(), &QSslServer::pendingConnectionAvailable, m_server.get(), [this] {
        while (QTcpSocket* socket = m_server->nextPendingConnection()) {
            accept(qobject_cast<QSslSocket*>(socket));
        }
    });
    REQUIRE(m_server->listen(QHostAddress::LocalHost, 0));
}

LoopbackHttpsServer::~LoopbackHttpsServer()
{
    for (const auto& socket : std::as_const(m_sockets)) {
        if (socket) {
            socket->abort();
            delete socket.data();
        }
    }
    m_server->close();
}

quint16 LoopbackHttpsServer::port() const
{
    return m_server->serverPort();
}

QUrl LoopbackHttpsServer::url(const QString& host) const
{
    QUrl url;
    url.setScheme(QStringLiteral("https"));
    url.setHost(host);
    url.setPort(port());
    return url;
}

void LoopbackHttpsServer::enqueue(Reply reply)
{
    m_script.append(std::move(reply));
}

void LoopbackHttpsServer::accept(QSslSocket* socket)
{
    REQUIRE(socket);
    ++m_encrypted;
    m_sockets.append(socket);
    socket->setProperty("ocmsRequest", QByteArray());
    QObject::connect(socket, &QSslSocket::readyRead, socket, [this, socket] { read(socket); });
    if (socket->bytesAvailable() > 0) {
        read(socket);
    }
}

void LoopbackHttpsServer::read(QSslSocket* socket)
{
    QByteArray request = socket->property("ocmsRequest").toByteArray() + socket->readAll();
    socket->setProperty("ocmsRequest", request);
    const qsizetype headerEnd = request.indexOf("\r\n\r\n");
    if (headerEnd < 0 || socket->property("ocmsAnswered").toBool()) {
        return;
    }
    const QList<QByteArray> headerLines = request.first(headerEnd).split('\n');
    qsizetype contentLength = 0;
    for (const QByteArray& line : headerLines) {
        if (line.toLower().startsWith("content-length:")) {
            contentLength = line.mid(15).trimmed().toLongLong();
        }
    }
    if (request.size() < headerEnd + 4 + contentLength) {
        return; // the body is still coming
    }
    socket->setProperty("ocmsAnswered", true);
    const QList<QByteArray> requestLine = headerLines.first().trimmed().split(' ');
    m_targets.append(QString::fromLatin1(requestLine.value(0) + ' ' + requestLine.value(1)));

    const Reply reply = m_script.isEmpty() ? Reply{404, QByteArrayLiteral("{\"error\":\"nothing scripted\"}")}
                                           : m_script.at(std::min(m_next++, m_script.size() - 1));
    if (reply.silent) {
        return;
    }
    QByteArray response = "HTTP/1.1 " + QByteArray::number(reply.status) + ' ' + reasonPhrase(reply.status) + "\r\n";
    response += "Content-Type: " + reply.contentType + "\r\n";
    response += "Content-Length: " + QByteArray::number(reply.body.size()) + "\r\n";
    response += "Connection: close\r\n\r\n";
    if (reply.stall) {
        socket->write(response + reply.body.first(reply.body.size() / 2));
        return;
    }
    response += reply.body;
    socket->write(response);
    QObject::connect(socket, &QSslSocket::bytesWritten, socket, [socket] {
        if (socket->bytesToWrite() == 0) {
            socket->disconnectFromHost();
        }
    });
}

} // namespace ocms::test
