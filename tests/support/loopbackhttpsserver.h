#pragma once

#include <QByteArray>
#include <QList>
#include <QPointer>
#include <QSslServer>
#include <QSslSocket>
#include <QStringList>
#include <QUrl>

#include <memory>

namespace ocms::test {

// A small HTTPS/1.1 server on 127.0.0.1 for testing HTTPS clients: it presents the certificate and key it is
// given, reads each request and answers with the next scripted reply (the last one again when the script
// runs out), then closes the connection. A silent reply never answers (for time-outs). Runs on the thread
// that made it, in that thread's event loop (tests spin it with waitUntil).
class LoopbackHttpsServer
{
public:
    struct Reply
    {
        int status = 200;
        QByteArray body;
        QByteArray contentType = "application/json";
        bool silent = false; // accept the request, never answer
        bool stall = false;  // send the headers and half the body, then nothing more
    };

    LoopbackHttpsServer(const QString& certificatePath, const QString& keyPath);
    ~LoopbackHttpsServer();
    LoopbackHttpsServer(const LoopbackHttpsServer&) = delete;
    LoopbackHttpsServer& operator=(const LoopbackHttpsServer&) = delete;

    quint16 port() const;
    // https://localhost:PORT (host names the certificate's name; 127.0.0.1 works as well).
    QUrl url(const QString& host = QStringLiteral("localhost")) const;

    void enqueue(Reply reply);
    void enqueue(int status, QByteArray body) { enqueue(Reply{status, std::move(body)}); }

    int requestCount() const { return int(m_targets.size()); }
    QStringList targets() const { return m_targets; } // "GET /hearings?a_number=012345678"
    int encryptedConnections() const { return m_encrypted; }
    int handshakeFailures() const { return m_handshakeFailures; }

private:
    void accept(QSslSocket* socket);
    void read(QSslSocket* socket);

    std::unique_ptr<QSslServer> m_server;
    QList<Reply> m_script;
    qsizetype m_next = 0;
    QStringList m_targets;
    int m_encrypted = 0;
    int m_handshakeFailures = 0;
    QList<QPointer<QSslSocket>> m_sockets;
};

} // namespace ocms::test
