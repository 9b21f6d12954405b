#pragma once

#include "eservicesubmission.h"
#include "importrejection.h"
#include "result.h"

#include <QByteArray>
#include <QDateTime>
#include <QFuture>
#include <QList>

namespace ocms {

class HttpsJsonClient;

// The eService exchange over HTTPS JSON: fetches the submissions outside parties made (motions, briefs,
// applications, notices of appearance and of appeal, with their attachments) for the review queue
// (core/imports/FORMATS.md, "eService exchange"). The request goes through an HttpsJsonClient (TLS,
// time-outs, retries); the reply is parsed, decoded and checked on a pool thread. A submission that breaks
// the format is reported with its position and never taken in part; the others are kept.
// Call from the client's thread; the client must outlive the futures' completion.
class EServiceExchange
{
public:
    struct Reply
    {
        QList<EServiceSubmission> submissions;
        QList<ImportRejection> rejected; // line = the record's position in "submissions", from 1
        QByteArray raw;
        QDateTime received; // UTC
        int attempts = 0;
    };

    explicit EServiceExchange(HttpsJsonClient& client) : m_client(client) {}

    // Submissions made after since (all the exchange holds when since is invalid).
    QFuture<Result<Reply>> fetchSubmissions(const QDateTime& since = {});

    static Result<Reply> parse(const QByteArray& json, const QString& serviceName);

private:
    HttpsJsonClient& m_client;
};

} // namespace ocms
