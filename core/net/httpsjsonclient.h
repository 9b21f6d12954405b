#pragma once

#include "result.h"
#include "serviceendpoint.h"

#include <QByteArray>
#include <QFuture>
#include <QList>
#include <QSslConfiguration>
#include <QUrlQuery>

#include <memory>

class QNetworkAccessManager;

namespace ocms {

// A client of one HTTPS JSON service (ServiceEndpoint), on Qt Network. Asynchronous: get() and post() return
// at once with a future; the network work runs in Qt Network's own machinery and nothing blocks the calling
// thread, so the GUI thread may use it (with whenReady) as well as a worker thread with an event loop. A
// client belongs to the thread that made it and is used from that thread only.
//
// TLS: the service's certificate is always verified, against the endpoint's CA bundle only (the system's CA
// certificates when none is configured), host name included; an error is never ignored. Retries: timeouts,
// refused, reset or dropped connections and HTTP 502/503/504 are tried again with exponential back-off
// (ServiceEndpoint); certificate errors, other HTTP errors (4xx, 500...) and oversized replies are not.
// Errors are plain sentences naming the service and what went wrong; the future always finishes with a value
// (Cancelled when the client is destroyed first).
class HttpsJsonClient
{
public:
    struct Response
    {
        int status = 0;    // 2xx
        QByteArray body;   // the reply as sent (JSON is parsed by the caller, off the GUI thread)
        int attempts = 0;  // 1 when the first attempt succeeded
    };

    // Checks the endpoint (an https address, sensible limits) and reads its CA bundle.
    static Result<std::unique_ptr<HttpsJsonClient>> create(const ServiceEndpoint& endpoint);
    // The PEM certificates of a CA bundle file; an error when the file is missing, unreadable or holds none.
    static Result<QList<QSslCertificate>> loadCaBundle(const QString& path, const QString& serviceName);

    HttpsJsonClient(ServiceEndpoint endpoint, QList<QSslCertificate> caCertificates);
    ~HttpsJsonClient();
    HttpsJsonClient(const HttpsJsonClient&) = delete;
    HttpsJsonClient& operator=(const HttpsJsonClient&) = delete;

    // GET baseUrl + path ? query, Accept: application/json.
    QFuture<Result<Response>> get(const QString& path, const QUrlQuery& query = {});
    // POST baseUrl + path with a JSON body. Retried like GET: the services' POSTs are idempotent by key.
    QFuture<Result<Response>> post(const QString& path, const QByteArray& json);

    const ServiceEndpoint& endpoint() const { return m_endpoint; }
    // The TLS settings every request uses (for tests and diagnostics).
    const QSslConfiguration& tlsConfiguration() const { return m_tls; }

private:
    struct Call;
    QFuture<Result<Response>> start(QByteArray method, const QString& path, const QUrlQuery& query, QByteArray body);
    void attempt(const std::shared_ptr<Call>& call);
    void finishAttempt(const std::shared_ptr<Call>& call);
    void retryOrFail(const std::shared_ptr<Call>& call, Error error);
    void complete(const std::shared_ptr<Call>& call, Result<Response> result);
    int backoffMs(int attemptsSoFar) const;

    ServiceEndpoint m_endpoint;
    QSslConfiguration m_tls;
    std::unique_ptr<QNetworkAccessManager> m_manager;
    QList<std::shared_ptr<Call>> m_calls; // in flight or waiting to retry
};

} // namespace ocms
