#include "httpsjsonclient.h"

#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPointer>
#include <QPromise>
#include <QRandomGenerator>
#include <QSslCertificate>
#include <QSslError>
#include <QTimer>

namespace ocms {

struct HttpsJsonClient::Call
{
    QByteArray method;
    QUrl url;
    QByteArray body;
    int attempts = 0;
    QPromise<Result<Response>> promise;
    QPointer<QNetworkReply> reply;
    QList<QSslError> sslErrors;
    bool tooLarge = false;
    bool done = false;
};

namespace {

// "15 seconds", "1 second", "0.5 seconds".
QString seconds(int ms)
{
    if (ms % 1000 == 0) {
        return ms == 1000 ? QStringLiteral("1 second") : QStringLiteral("%1 seconds").arg(ms / 1000);
    }
    return QStringLiteral("%1 seconds").arg(double(ms) / 1000.0, 0, 'f', ms % 100 == 0 ? 1 : 2);
}

QString size(qint64 bytes)
{
    if (bytes < 1024) {
        return bytes == 1 ? QStringLiteral("1 byte") : QStringLiteral("%1 bytes").arg(bytes);
    }
    if (bytes < 1024 * 1024) {
        return QStringLiteral("%1 KB").arg((bytes + 1023) / 1024);
    }
    return QStringLiteral("%1 MB").arg(double(bytes) / (1024.0 * 1024.0), 0, 'f', bytes % (1024 * 1024) == 0 ? 0 : 1);
}

// Capitalises the first letter: messages begin with the service's name ("the EOIR hearings service").
QString sentence(QString text)
{
    if (!text.isEmpty()) {
        text[0] = text[0].toUpper();
    }
    return text;
}

QString hostAndPort(const QUrl& url)
{
    return url.port() > 0 ? QStringLiteral("%1:%2").arg(url.host()).arg(url.port()) : url.host();
}

bool transientStatus(int status)
{
    return status == 502 || status == 503 || status == 504;
}

} // namespace

Result<QList<QSslCertificate>> HttpsJsonClient::loadCaBundle(const QString& path, const QString& serviceName)
{
    QFile file(path);
    if (!file.exists()) {
        return fail(Error::validation(sentence(QStringLiteral("%1's CA bundle %2 does not exist: give the PEM file with the "
                                                              "certificates of the authority that signs the service's certificate.")
                                                   .arg(serviceName, path))));
    }
    if (!file.open(QIODevice::ReadOnly)) {
        return fail(Error::io(sentence(QStringLiteral("%1's CA bundle %2 cannot be read.").arg(serviceName, path)), file.errorString()));
    }
    const QByteArray pem = file.read(qint64(16) * 1024 * 1024);
    const QList<QSslCertificate> certificates = QSslCertificate::fromData(pem, QSsl::Pem);
    if (certificates.isEmpty()) {
        return fail(Error::validation(sentence(QStringLiteral("%1's CA bundle %2 holds no certificate (a PEM file with lines "
                                                              "-----BEGIN CERTIFICATE----- is expected).")
                                                   .arg(serviceName, path))));
    }
    return certificates;
}

Result<std::unique_ptr<HttpsJsonClient>> HttpsJsonClient::create(const ServiceEndpoint& endpoint)
{
    const QString name = endpoint.serviceName.isEmpty() ? QStringLiteral("the service") : endpoint.serviceName;
    if (!endpoint.baseUrl.isValid() || endpoint.baseUrl.host().isEmpty()) {
        return fail(Error::validation(sentence(QStringLiteral("%1's address \"%2\" is not a valid web address.")
                                                   .arg(name, endpoint.baseUrl.toString()))));
    }
    if (endpoint.baseUrl.scheme() != QLatin1String("https")) {
        return fail(Error::validation(sentence(QStringLiteral("%1's address must begin with https:// (it is %2): OCMS talks to "
                                                              "other systems over TLS only.")
                                                   .arg(name, endpoint.baseUrl.toString()))));
    }
    if (endpoint.timeoutMs < 100 || endpoint.timeoutMs > 600000) {
        return fail(Error::validation(sentence(QStringLiteral("%1's time-out must be between 0.1 and 600 seconds.").arg(name))));
    }
    if (endpoint.maxAttempts < 1 || endpoint.maxAttempts > 10) {
        return fail(Error::validation(sentence(QStringLiteral("%1's number of attempts must be between 1 and 10.").arg(name))));
    }
    if (endpoint.initialBackoffMs < 0 || endpoint.maxBackoffMs < endpoint.initialBackoffMs) {
        return fail(Error::validation(sentence(QStringLiteral("%1's back-off times are not valid: the first wait must be at most "
                                                              "the longest.")
                                                   .arg(name))));
    }
    if (endpoint.maxReplyBytes < 1) {
        return fail(Error::validation(sentence(QStringLiteral("%1's largest reply size must be positive.").arg(name))));
    }
    QList<QSslCertificate> authorities;
    if (!endpoint.caBundlePath.isEmpty()) {
        auto loaded = loadCaBundle(endpoint.caBundlePath, name);
        if (!loaded) {
            return fail(loaded.error());
        }
        authorities = std::move(*loaded);
    }
    ServiceEndpoint checked = endpoint;
    checked.serviceName = name;
    return std::make_unique<HttpsJsonClient>(std::move(checked), std::move(authorities));
}

HttpsJsonClient::HttpsJsonClient(ServiceEndpoint endpoint, QList<QSslCertificate> caCertificates)
    : m_endpoint(std::move(endpoint)), m_tls(QSslConfiguration::defaultConfiguration()),
      m_manager(std::make_unique<QNetworkAccessManager>())
{
    m_tls.setPeerVerifyMode(QSslSocket::VerifyPeer);
    m_tls.setProtocol(QSsl::TlsV1_2OrLater);
    if (!caCertificates.isEmpty()) {
        // Replaces the system's authorities (and their on-demand loading): only the service's CA is trusted.
        m_tls.setCaCertificates(caCertificates);
    }
    m_manager->setStrictTransportSecurityEnabled(true);
}

HttpsJsonClient::~HttpsJsonClient()
{
    const auto calls = m_calls;
    for (const auto& call : calls) {
        complete(call, fail(Error{ErrorCode::Cancelled,
                                  sentence(QStringLiteral("The request to %1 was cancelled.").arg(m_endpoint.serviceName)), {}}));
        if (call->reply) {
            call->reply->abort();
        }
    }
}

QFuture<Result<HttpsJsonClient::Response>> HttpsJsonClient::get(const QString& path, const QUrlQuery& query)
{
    return start(QByteArrayLiteral("GET"), path, query, {});
}

QFuture<Result<HttpsJsonClient::Response>> HttpsJsonClient::post(const QString& path, const QByteArray& json)
{
    return start(QByteArrayLiteral("POST"), path, {}, json);
}

QFuture<Result<HttpsJsonClient::Response>> HttpsJsonClient::start(QByteArray method, const QString& path, const QUrlQuery& query,
                                                                  QByteArray body)
{
    auto call = std::make_shared<Call>();
    call->method = std::move(method);
    call->body = std::move(body);
    call->url = m_endpoint.baseUrl;
    QString base = call->url.path();
    while (base.endsWith(u'/')) {
        base.chop(1);
    }
    call->url.setPath(base + (path.startsWith(u'/') ? path : u'/' + path));
    call->url.setQuery(query);
    call->promise.start();
    QFuture<Result<Response>> future = call->promise.future();
    m_calls.append(call);
    attempt(call);
    return future;
}

void HttpsJsonClient::attempt(const std::shared_ptr<Call>& call)
{
    ++call->attempts;
    call->sslErrors.clear();
    call->tooLarge = false;
    QNetworkRequest request(call->url);
    request.setSslConfiguration(m_tls);
    request.setTransferTimeout(m_endpoint.timeoutMs);
    request.setRawHeader("Accept", "application/json");
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    request.setAttribute(QNetworkRequest::CacheSaveControlAttribute, false);
    // A redirect may go to another path or host of the service, never from https to http; TLS is verified there too.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::NoLessSafeRedirectPolicy);
    request.setMaximumRedirectsAllowed(3);
    QNetworkReply* reply = nullptr;
    if (call->method == "POST") {
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        reply = m_manager->post(request, call->body);
    } else {
        reply = m_manager->get(request);
    }
    call->reply = reply;
    // Recorded for the message; never ignored, so the handshake fails and nothing is sent.
    QObject::connect(reply, &QNetworkReply::sslErrors, reply, [call](const QList<QSslError>& errors) { call->sslErrors += errors; });
    const qint64 limit = m_endpoint.maxReplyBytes;
    QObject::connect(reply, &QNetworkReply::downloadProgress, reply, [call, reply, limit](qint64 received, qint64 total) {
        if (!call->tooLarge && (received > limit || total > limit)) {
            call->tooLarge = true;
            reply->abort();
        }
    });
    QObject::connect(reply, &QNetworkReply::finished, m_manager.get(), [this, call] { finishAttempt(call); });
}

void HttpsJsonClient::finishAttempt(const std::shared_ptr<Call>& call)
{
    QNetworkReply* reply = call->reply;
    if (!reply) {
        return;
    }
    call->reply = nullptr;
    reply->deleteLater();
    if (call->done) {
        return;
    }
    const QString& name = m_endpoint.serviceName;
    const QNetworkReply::NetworkError error = reply->error();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QString reason = reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString();
    const QString httpStatus = reason.isEmpty() ? QStringLiteral("HTTP %1").arg(status) : QStringLiteral("HTTP %1 %2").arg(status).arg(reason);
    const QString where = call->url.path();

    if (call->tooLarge) {
        complete(call, fail(Error{ErrorCode::Validation,
                                  sentence(QStringLiteral("%1 sent a reply larger than %2; it was not read.")
                                               .arg(name, size(m_endpoint.maxReplyBytes))),
                                  call->url.toString()}));
        return;
    }
    if (!call->sslErrors.isEmpty() || error == QNetworkReply::SslHandshakeFailedError) {
        QStringList reasons;
        for (const QSslError& sslError : std::as_const(call->sslErrors)) {
            if (!reasons.contains(sslError.errorString())) {
                reasons.append(sslError.errorString());
            }
        }
        if (reasons.isEmpty()) {
            reasons.append(reply->errorString());
        }
        const QString authority = m_endpoint.caBundlePath.isEmpty() ? QStringLiteral("the system's certificate authorities")
                                                                     : QStringLiteral("the CA bundle %1").arg(m_endpoint.caBundlePath);
        complete(call, fail(Error{ErrorCode::Connection,
                                  sentence(QStringLiteral("%1 at %2 could not prove who it is, so OCMS sent nothing: %3. Check the "
                                                          "service's address and that its certificate is signed by an authority in %4.")
                                               .arg(name, hostAndPort(call->url), reasons.join(QStringLiteral("; ")), authority)),
                                  reply->errorString()}));
        return;
    }
    // Connection and proxy errors (below 200) win over a status: a reply cut off after its headers is a failure.
    const bool networkFailure = error != QNetworkReply::NoError && int(error) < 200;
    if (status != 0 && !networkFailure) {
        if (status >= 200 && status < 300 && error == QNetworkReply::NoError) {
            const QByteArray contentType = reply->header(QNetworkRequest::ContentTypeHeader).toByteArray().toLower();
            if (!contentType.isEmpty() && !contentType.contains("json")) {
                complete(call, fail(Error{ErrorCode::Validation,
                                          sentence(QStringLiteral("%1 answered with %2 instead of JSON; is the address right?")
                                                       .arg(name, QString::fromLatin1(contentType))),
                                          call->url.toString()}));
                return;
            }
            Response response;
            response.status = status;
            response.body = reply->readAll();
            response.attempts = call->attempts;
            complete(call, std::move(response));
            return;
        }
        if (transientStatus(status)) {
            retryOrFail(call, Error{ErrorCode::Server,
                                    sentence(QStringLiteral("%1 is unavailable (%2); try again later.").arg(name, httpStatus)),
                                    call->url.toString()});
            return;
        }
        const QString excerpt = QString::fromUtf8(reply->read(400)).simplified();
        if (status == 401 || status == 403) {
            complete(call, fail(Error{ErrorCode::PermissionDenied,
                                      sentence(QStringLiteral("%1 refused OCMS's request (%2): OCMS is not allowed to use it with its "
                                                              "present credentials.")
                                                   .arg(name, httpStatus)),
                                      excerpt}));
        } else if (status == 404) {
            complete(call, fail(Error{ErrorCode::NotFound,
                                      sentence(QStringLiteral("%1 has nothing at %2 (%3): check the service's address.")
                                                   .arg(name, where, httpStatus)),
                                      excerpt}));
        } else if (status >= 400 && status < 500) {
            complete(call, fail(Error{ErrorCode::Validation,
                                      sentence(QStringLiteral("%1 did not accept the request (%2).").arg(name, httpStatus)), excerpt}));
        } else if (status >= 500) {
            complete(call, fail(Error{ErrorCode::Server,
                                      sentence(QStringLiteral("%1 failed while answering (%2).").arg(name, httpStatus)), excerpt}));
        } else {
            complete(call, fail(Error{ErrorCode::Server,
                                      sentence(QStringLiteral("%1 gave an answer OCMS does not understand (%2).").arg(name, httpStatus)),
                                      excerpt}));
        }
        return;
    }
    switch (error) {
    case QNetworkReply::OperationCanceledError: // the transfer timeout aborts the reply
    case QNetworkReply::TimeoutError:
        retryOrFail(call, Error{ErrorCode::Connection,
                                sentence(QStringLiteral("%1 did not answer within %2.").arg(name, seconds(m_endpoint.timeoutMs))),
                                reply->errorString()});
        return;
    case QNetworkReply::ConnectionRefusedError:
        retryOrFail(call, Error{ErrorCode::Connection,
                                sentence(QStringLiteral("%1 at %2 refused the connection; it may be down.").arg(name, hostAndPort(call->url))),
                                reply->errorString()});
        return;
    case QNetworkReply::RemoteHostClosedError:
    case QNetworkReply::TemporaryNetworkFailureError:
    case QNetworkReply::NetworkSessionFailedError:
    case QNetworkReply::UnknownNetworkError:
    case QNetworkReply::ProxyConnectionRefusedError:
    case QNetworkReply::ProxyConnectionClosedError:
    case QNetworkReply::ProxyTimeoutError:
        retryOrFail(call, Error{ErrorCode::Connection,
                                sentence(QStringLiteral("The connection to %1 at %2 failed.").arg(name, hostAndPort(call->url))),
                                reply->errorString()});
        return;
    case QNetworkReply::HostNotFoundError:
        complete(call, fail(Error{ErrorCode::Connection,
                                  sentence(QStringLiteral("%1's host %2 is unknown: check the service's address.").arg(name, call->url.host())),
                                  reply->errorString()}));
        return;
    case QNetworkReply::TooManyRedirectsError:
    case QNetworkReply::InsecureRedirectError:
        complete(call, fail(Error{ErrorCode::Connection,
                                  sentence(QStringLiteral("%1 redirected the request somewhere OCMS does not follow.").arg(name)),
                                  reply->errorString()}));
        return;
    default:
        complete(call, fail(Error{ErrorCode::Connection, sentence(QStringLiteral("The request to %1 failed.").arg(name)),
                                  reply->errorString()}));
        return;
    }
}

void HttpsJsonClient::retryOrFail(const std::shared_ptr<Call>& call, Error error)
{
    if (call->attempts < m_endpoint.maxAttempts) {
        QTimer::singleShot(backoffMs(call->attempts), m_manager.get(), [this, call] {
            if (!call->done) {
                attempt(call);
            }
        });
        return;
    }
    if (call->attempts > 1) {
        error.userMessage += QStringLiteral(" It was tried %1 times.").arg(call->attempts);
    }
    complete(call, fail(std::move(error)));
}

void HttpsJsonClient::complete(const std::shared_ptr<Call>& call, Result<Response> result)
{
    if (call->done) {
        return;
    }
    call->done = true;
    call->promise.addResult(std::move(result));
    call->promise.finish();
    m_calls.removeOne(call);
}

int HttpsJsonClient::backoffMs(int attemptsSoFar) const
{
    qint64 wait = m_endpoint.initialBackoffMs;
    for (int i = 1; i < attemptsSoFar && wait < m_endpoint.maxBackoffMs; ++i) {
        wait *= 2;
    }
    wait = std::min<qint64>(wait, m_endpoint.maxBackoffMs);
    return int(wait + QRandomGenerator::global()->bounded(int(wait / 4) + 1));
}

} // namespace ocms
