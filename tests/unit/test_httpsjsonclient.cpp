// The HTTPS JSON services client (core/net/httpsjsonclient.h) and the EOIR and eService clients on it, against a
// loopback HTTPS server (tests/support/loopbackhttpsserver.h) with certificates made at run time.
#include "catchqt.h"
#include "eventwait.h"
#include "loopbackhttpsserver.h"
#include "testcertificates.h"

#include "domain/anumber.h"
#include "imports/eoirhearingservice.h"
#include "imports/eserviceexchange.h"
#include "net/httpsjsonclient.h"

#include <QElapsedTimer>
#include <QFuture>
#include <QTcpServer>
#include <QTimeZone>

using namespace ocms;
using ocms::test::LoopbackHttpsServer;
using ocms::test::TestCertificates;

namespace {

const QByteArray oneHearing = R"({"hearings": [{
    "a_number": "012345678", "hearing_id": "H-1", "date": "2026-03-14", "time": "09:30",
    "location": {"court": "Baltimore Immigration Court", "courtroom": "4", "address": "31 Hopkins Plaza, Baltimore, MD"},
    "judge": "Hon. Avery Quill", "hearing_type": "master",
    "attorneys": [{"name": "Dana Lark", "represents": "respondent", "eoir_id": "EO123"},
                  {"name": "Sam Reed", "represents": "government"}],
    "case_history": [{"date": "2025-11-02", "event": "Master calendar hearing held"},
                     {"date": "2025-06-01", "event": "Notice to Appear filed"}],
    "dispositions": [{"date": "2025-11-02", "code": "CONT", "decision": "Continued for attorney preparation"}]
}]})";

ServiceEndpoint endpoint(const QUrl& url, const QString& caBundle)
{
    ServiceEndpoint service;
    service.serviceName = QStringLiteral("the EOIR hearings service");
    service.baseUrl = url;
    service.caBundlePath = caBundle;
    service.timeoutMs = 3000;
    service.maxAttempts = 3;
    service.initialBackoffMs = 50;
    service.maxBackoffMs = 200;
    return service;
}

std::unique_ptr<HttpsJsonClient> client(const ServiceEndpoint& service)
{
    auto made = HttpsJsonClient::create(service);
    REQUIRE_OK(made);
    return std::move(*made);
}

template <class T>
T wait(QFuture<T> future, int timeoutMs = 30000)
{
    REQUIRE(ocms::test::waitUntil([&] { return future.isFinished(); }, timeoutMs));
    return future.result();
}

TestCertificates& certificates()
{
    static TestCertificates made; // openssl runs once per test run
    return made;
}

} // namespace

TEST_CASE("HTTPS client: a good EOIR reply is fetched over verified TLS and parsed", "[https]")
{
    LoopbackHttpsServer server(certificates().good().certificate, certificates().good().key);
    server.enqueue(200, oneHearing);
    auto https = client(endpoint(server.url(), certificates().caBundle()));
    EoirHearingService eoir(*https);

    const auto reply = wait(eoir.byANumber(*ANumber::parse(u"A-012-345-678")));
    REQUIRE_OK(reply);
    CHECK(server.targets() == QStringList{QStringLiteral("GET /hearings?a_number=012345678")});
    CHECK(reply->attempts == 1);
    CHECK(reply->rejected.isEmpty());
    CHECK(reply->raw == oneHearing);
    REQUIRE(reply->hearings.size() == 1);
    const EoirHearing& hearing = reply->hearings.first();
    CHECK(hearing.aNumber == QStringLiteral("012345678"));
    CHECK(hearing.date == QDate(2026, 3, 14));
    CHECK(hearing.time == QTime(9, 30));
    CHECK(hearing.court == QStringLiteral("Baltimore Immigration Court"));
    CHECK(hearing.courtroom == QStringLiteral("4"));
    CHECK(hearing.judge == QStringLiteral("Hon. Avery Quill"));
    REQUIRE(hearing.attorneys.size() == 2);
    CHECK(hearing.attorneys[0].represents == QStringLiteral("respondent"));
    CHECK(hearing.attorneys[1].eoirId.isEmpty());
    REQUIRE(hearing.caseHistory.size() == 2);
    CHECK(hearing.caseHistory[0].event == QStringLiteral("Notice to Appear filed")); // oldest first
    REQUIRE(hearing.dispositions.size() == 1);
    CHECK(hearing.dispositions[0].code == QStringLiteral("CONT"));
}

TEST_CASE("HTTPS client: look-up by date range sends the range and rejects hearings outside it", "[https]")
{
    LoopbackHttpsServer server(certificates().good().certificate, certificates().good().key);
    QByteArray two = oneHearing;
    two.replace("}]}", R"(}, {"a_number": "A98765432", "date": "2026-05-01", "time": "13:00", "location": {"court": "Arlington"},
                          "judge": "Hon. B. Lee"}]})");
    server.enqueue(200, two);
    auto https = client(endpoint(server.url(QStringLiteral("127.0.0.1")), certificates().caBundle()));
    EoirHearingService eoir(*https);
    const auto reply = wait(eoir.byDateRange(QDate(2026, 3, 1), QDate(2026, 3, 31)));
    REQUIRE_OK(reply);
    CHECK(server.targets() == QStringList{QStringLiteral("GET /hearings?from=2026-03-01&to=2026-03-31")});
    REQUIRE(reply->hearings.size() == 1);
    REQUIRE(reply->rejected.size() == 1);
    CHECK(reply->rejected[0].line == 2);
    CHECK(reply->rejected[0].reason.contains(QStringLiteral("2026-05-01 is outside 2026-03-01 to 2026-03-31")));

    const auto backwards = wait(eoir.byDateRange(QDate(2026, 3, 31), QDate(2026, 3, 1)));
    REQUIRE_FALSE(backwards);
    CHECK(server.requestCount() == 1); // refused before anything was sent
}

TEST_CASE("HTTPS client: a certificate from an authority not in the CA bundle is refused, without retry", "[https]")
{
    LoopbackHttpsServer server(certificates().untrusted().certificate, certificates().untrusted().key);
    server.enqueue(200, oneHearing);
    auto https = client(endpoint(server.url(), certificates().caBundle()));
    const auto reply = wait(https->get(QStringLiteral("/hearings")));
    REQUIRE_FALSE(reply);
    INFO(reply.error().describe().toStdString());
    CHECK(reply.error().code == ErrorCode::Connection);
    CHECK(reply.error().userMessage.startsWith(QStringLiteral("The EOIR hearings service at localhost:")));
    CHECK(reply.error().userMessage.contains(QStringLiteral("could not prove who it is, so OCMS sent nothing")));
    CHECK(reply.error().userMessage.contains(QStringLiteral("issuer certificate")));
    CHECK(reply.error().userMessage.contains(certificates().caBundle()));
    CHECK_FALSE(reply.error().userMessage.contains(QStringLiteral("tried")));
    CHECK(server.requestCount() == 0);       // no request reached the server
    CHECK(server.encryptedConnections() == 0);
}

TEST_CASE("HTTPS client: a certificate for another host name is refused, without retry", "[https]")
{
    LoopbackHttpsServer server(certificates().wrongHost().certificate, certificates().wrongHost().key);
    server.enqueue(200, oneHearing);
    auto https = client(endpoint(server.url(), certificates().caBundle()));
    const auto reply = wait(https->get(QStringLiteral("/hearings")));
    REQUIRE_FALSE(reply);
    INFO(reply.error().describe().toStdString());
    CHECK(reply.error().userMessage.contains(QStringLiteral("could not prove who it is")));
    CHECK(reply.error().userMessage.contains(QStringLiteral("host name did not match")));
    CHECK(server.requestCount() == 0);
    CHECK(server.encryptedConnections() == 0);
}

TEST_CASE("HTTPS client: a server that never answers is reported within the time-out", "[https]")
{
    LoopbackHttpsServer server(certificates().good().certificate, certificates().good().key);
    server.enqueue(LoopbackHttpsServer::Reply{200, {}, "application/json", true});
    ServiceEndpoint service = endpoint(server.url(), certificates().caBundle());
    service.timeoutMs = 700;
    service.maxAttempts = 1;
    auto https = client(service);
    QElapsedTimer clock;
    clock.start();
    const auto reply = wait(https->get(QStringLiteral("/hearings")));
    const qint64 elapsed = clock.elapsed();
    REQUIRE_FALSE(reply);
    INFO(reply.error().describe().toStdString());
    CHECK(reply.error().userMessage == QStringLiteral("The EOIR hearings service did not answer within 0.7 seconds."));
    CHECK(server.requestCount() == 1);
    CHECK(elapsed >= 650);
    CHECK(elapsed < 700 + 1500);

    SECTION("a time-out is transient: tried again, each attempt within the time-out")
    {
        service.maxAttempts = 2;
        auto retrying = client(service);
        clock.restart();
        const auto again = wait(retrying->get(QStringLiteral("/hearings")));
        const qint64 both = clock.elapsed();
        REQUIRE_FALSE(again);
        CHECK(again.error().userMessage
              == QStringLiteral("The EOIR hearings service did not answer within 0.7 seconds. It was tried 2 times."));
        CHECK(server.requestCount() == 3);
        CHECK(both >= 2 * 650);
        CHECK(both < 2 * 700 + 200 + 1500); // two time-outs and one back-off of at most 200 ms (plus a quarter)
    }
}

TEST_CASE("HTTPS client: 503 then 200 succeeds after a retry", "[https]")
{
    LoopbackHttpsServer server(certificates().good().certificate, certificates().good().key);
    server.enqueue(503, R"({"error":"busy"})");
    server.enqueue(200, oneHearing);
    auto https = client(endpoint(server.url(), certificates().caBundle()));
    EoirHearingService eoir(*https);
    const auto reply = wait(eoir.byANumber(*ANumber::parse(u"12345678")));
    REQUIRE_OK(reply);
    CHECK(reply->attempts == 2);
    CHECK(server.requestCount() == 2);
    CHECK(reply->hearings.size() == 1);

    SECTION("502, 503 and 504 until the attempts run out: a clear error")
    {
        LoopbackHttpsServer busy(certificates().good().certificate, certificates().good().key);
        busy.enqueue(502, {});
        busy.enqueue(504, {});
        busy.enqueue(503, {});
        auto other = client(endpoint(busy.url(), certificates().caBundle()));
        const auto failed = wait(other->get(QStringLiteral("/hearings")));
        REQUIRE_FALSE(failed);
        CHECK(failed.error().code == ErrorCode::Server);
        CHECK(failed.error().userMessage
              == QStringLiteral("The EOIR hearings service is unavailable (HTTP 503 Service Unavailable); try again later. It was tried 3 times."));
        CHECK(busy.requestCount() == 3);
    }
}

TEST_CASE("HTTPS client: 404 and other 4xx fail at once, without retry", "[https]")
{
    LoopbackHttpsServer server(certificates().good().certificate, certificates().good().key);
    server.enqueue(404, R"({"error":"no such path"})");
    auto https = client(endpoint(server.url(), certificates().caBundle()));
    const auto reply = wait(https->get(QStringLiteral("/hearings")));
    REQUIRE_FALSE(reply);
    CHECK(reply.error().code == ErrorCode::NotFound);
    CHECK(reply.error().userMessage
          == QStringLiteral("The EOIR hearings service has nothing at /hearings (HTTP 404 Not Found): check the service's address."));
    CHECK(server.requestCount() == 1);

    LoopbackHttpsServer refusing(certificates().good().certificate, certificates().good().key);
    refusing.enqueue(403, {});
    auto other = client(endpoint(refusing.url(), certificates().caBundle()));
    const auto forbidden = wait(other->get(QStringLiteral("/hearings")));
    REQUIRE_FALSE(forbidden);
    CHECK(forbidden.error().code == ErrorCode::PermissionDenied);
    CHECK(refusing.requestCount() == 1);

    LoopbackHttpsServer failing(certificates().good().certificate, certificates().good().key);
    failing.enqueue(500, {});
    auto third = client(endpoint(failing.url(), certificates().caBundle()));
    const auto broken = wait(third->get(QStringLiteral("/hearings")));
    REQUIRE_FALSE(broken);
    CHECK(broken.error().userMessage == QStringLiteral("The EOIR hearings service failed while answering (HTTP 500 Internal Server Error)."));
    CHECK(failing.requestCount() == 1);
}

TEST_CASE("HTTPS client: malformed JSON is a clear error", "[https]")
{
    LoopbackHttpsServer server(certificates().good().certificate, certificates().good().key);
    server.enqueue(200, R"({"hearings": [{"a_number": "012345678",)");
    auto https = client(endpoint(server.url(), certificates().caBundle()));
    EoirHearingService eoir(*https);
    const auto reply = wait(eoir.byANumber(*ANumber::parse(u"012345678")));
    REQUIRE_FALSE(reply);
    CHECK(reply.error().code == ErrorCode::Validation);
    CHECK(reply.error().userMessage.startsWith(QStringLiteral("The EOIR hearings service sent a reply that is not valid JSON (")));
    CHECK(reply.error().userMessage.endsWith(QStringLiteral("; nothing was taken from it.")));
    CHECK(server.requestCount() == 1);

    LoopbackHttpsServer page(certificates().good().certificate, certificates().good().key);
    page.enqueue(LoopbackHttpsServer::Reply{200, "<html>Sign in</html>", "text/html"});
    auto other = client(endpoint(page.url(), certificates().caBundle()));
    const auto html = wait(other->get(QStringLiteral("/hearings")));
    REQUIRE_FALSE(html);
    CHECK(html.error().userMessage == QStringLiteral("The EOIR hearings service answered with text/html instead of JSON; is the address right?"));
}

TEST_CASE("HTTPS client: a refused connection is retried with back-off, then reported", "[https]")
{
    QTcpServer placeholder; // a port nobody listens on once closed
    REQUIRE(placeholder.listen(QHostAddress::LocalHost, 0));
    const quint16 port = placeholder.serverPort();
    placeholder.close();
    QUrl url(QStringLiteral("https://localhost"));
    url.setPort(port);
    ServiceEndpoint service = endpoint(url, certificates().caBundle());
    service.initialBackoffMs = 100;
    service.maxBackoffMs = 150;
    auto https = client(service);
    QElapsedTimer clock;
    clock.start();
    const auto reply = wait(https->get(QStringLiteral("/hearings")));
    REQUIRE_FALSE(reply);
    CHECK(reply.error().userMessage
          == QStringLiteral("The EOIR hearings service at localhost:%1 refused the connection; it may be down. It was tried 3 times.").arg(port));
    CHECK(clock.elapsed() >= 100 + 150); // waited between the attempts
}

TEST_CASE("HTTPS client: the endpoint is checked before anything is sent", "[https]")
{
    ServiceEndpoint service = endpoint(QUrl(QStringLiteral("http://localhost:8080")), certificates().caBundle());
    auto plain = HttpsJsonClient::create(service);
    REQUIRE_FALSE(plain);
    CHECK(plain.error().userMessage.startsWith(QStringLiteral("The EOIR hearings service's address must begin with https://")));

    service.baseUrl = QUrl(QStringLiteral("https://localhost:8080"));
    service.caBundlePath = certificates().folder() + QStringLiteral("/missing.pem");
    auto missing = HttpsJsonClient::create(service);
    REQUIRE_FALSE(missing);
    CHECK(missing.error().userMessage.contains(QStringLiteral("CA bundle")));
    CHECK(missing.error().userMessage.contains(QStringLiteral("does not exist")));

    service.caBundlePath = certificates().good().key; // a key, no certificate
    auto notCertificates = HttpsJsonClient::create(service);
    REQUIRE_FALSE(notCertificates);
    CHECK(notCertificates.error().userMessage.contains(QStringLiteral("holds no certificate")));

    service.caBundlePath = certificates().caBundle();
    auto good = HttpsJsonClient::create(service);
    REQUIRE_OK(good);
    CHECK((*good)->tlsConfiguration().peerVerifyMode() == QSslSocket::VerifyPeer);
    CHECK((*good)->tlsConfiguration().caCertificates().size() == 1); // the bundle alone, not the system's authorities
}

TEST_CASE("HTTPS client: the eService exchange's submissions are fetched and decoded", "[https]")
{
    const QByteArray submissions = R"({"submissions": [
        {"id": "ES-1", "kind": "notice_of_appearance", "submitted_at": "2026-03-14T09:30:00-05:00", "a_number": "A-012-345-678",
         "office": "OCC-BAL", "title": "Form EOIR-28",
         "parties": [{"role": "attorney", "name": "Dana Lark"}, {"role": "respondent", "name": "Rui Tamsin"}],
         "attachments": [{"file_name": "eoir28.pdf", "mime_type": "application/pdf", "content_base64": "JVBERi0xLjQK",
                          "sha256": "e5c62df5dab5c87b6a015ef3d43597074d1eec433b15f51aec63b8582d0e4ab4"}]},
        {"id": "ES-2", "kind": "petition", "submitted_at": "2026-03-14T10:00:00Z", "a_number": "012345678", "title": "x",
         "parties": [{"role": "attorney", "name": "Dana Lark"}],
         "attachments": [{"file_name": "a.pdf", "mime_type": "application/pdf", "content_base64": "JVBERi0xLjQK"}]}
    ]})";
    LoopbackHttpsServer server(certificates().good().certificate, certificates().good().key);
    server.enqueue(200, submissions);
    ServiceEndpoint service = endpoint(server.url(), certificates().caBundle());
    service.serviceName = QStringLiteral("the eService exchange");
    auto https = client(service);
    EServiceExchange exchange(*https);
    const auto reply = wait(exchange.fetchSubmissions(QDateTime(QDate(2026, 3, 1), QTime(0, 0), QTimeZone::utc())));
    REQUIRE_OK(reply);
    CHECK(server.targets() == QStringList{QStringLiteral("GET /submissions?since=2026-03-01T00:00:00Z")});
    REQUIRE(reply->submissions.size() == 1);
    const EServiceSubmission& notice = reply->submissions.first();
    CHECK(notice.kind == EServiceSubmission::Kind::NoticeOfAppearance);
    CHECK(notice.submittedAt == QDateTime(QDate(2026, 3, 14), QTime(14, 30), QTimeZone::utc()));
    CHECK(notice.aNumber == QStringLiteral("012345678"));
    CHECK(notice.parties.size() == 2);
    REQUIRE(notice.attachments.size() == 1);
    CHECK(notice.attachments[0].content == QByteArray("%PDF-1.4\n"));
    CHECK(notice.attachments[0].mimeType == QStringLiteral("application/pdf"));
    REQUIRE(reply->rejected.size() == 1);
    CHECK(reply->rejected[0].line == 2);
    CHECK(reply->rejected[0].reason.contains(QStringLiteral("\"petition\" is not one of motion, brief")));
}

TEST_CASE("HTTPS client: a request still waiting when the client goes finishes as cancelled", "[https]")
{
    LoopbackHttpsServer server(certificates().good().certificate, certificates().good().key);
    server.enqueue(LoopbackHttpsServer::Reply{200, {}, "application/json", true});
    auto https = client(endpoint(server.url(), certificates().caBundle()));
    auto future = https->get(QStringLiteral("/hearings"));
    REQUIRE(ocms::test::waitUntil([&] { return server.requestCount() == 1; }));
    CHECK_FALSE(future.isFinished());
    https.reset();
    REQUIRE(future.isFinished());
    const auto reply = future.result();
    REQUIRE_FALSE(reply);
    CHECK(reply.error().code == ErrorCode::Cancelled);
    CHECK(reply.error().userMessage == QStringLiteral("The request to the EOIR hearings service was cancelled."));
}

TEST_CASE("HTTPS client: a reply larger than the limit is refused unread, without retry", "[https]")
{
    LoopbackHttpsServer server(certificates().good().certificate, certificates().good().key);
    server.enqueue(200, "{\"hearings\": [], \"padding\": \"" + QByteArray(5000, 'x') + "\"}");
    ServiceEndpoint service = endpoint(server.url(), certificates().caBundle());
    service.maxReplyBytes = 1000;
    auto https = client(service);
    const auto reply = wait(https->get(QStringLiteral("/hearings")));
    REQUIRE_FALSE(reply);
    CHECK(reply.error().userMessage == QStringLiteral("The EOIR hearings service sent a reply larger than 1000 bytes; it was not read."));
    CHECK(server.requestCount() == 1);
}

TEST_CASE("HTTPS client: a reply that stops half-way is a time-out, not a short answer", "[https]")
{
    LoopbackHttpsServer server(certificates().good().certificate, certificates().good().key);
    LoopbackHttpsServer::Reply stalled{200, oneHearing};
    stalled.stall = true;
    server.enqueue(stalled);
    server.enqueue(stalled);
    server.enqueue(200, oneHearing);
    ServiceEndpoint service = endpoint(server.url(), certificates().caBundle());
    service.timeoutMs = 500;
    service.maxAttempts = 1;
    auto https = client(service);
    const auto reply = wait(https->get(QStringLiteral("/hearings")));
    REQUIRE_FALSE(reply);
    CHECK(reply.error().userMessage == QStringLiteral("The EOIR hearings service did not answer within 0.5 seconds."));

    service.maxAttempts = 2; // stalled again, then the whole reply
    auto retrying = client(service);
    const auto second = wait(retrying->get(QStringLiteral("/hearings")));
    REQUIRE_OK(second);
    CHECK(second->body == oneHearing);
    CHECK(second->attempts == 2);
    CHECK(server.requestCount() == 3);
}
