#pragma once

#include "eoirhearing.h"
#include "importrejection.h"
#include "result.h"

#include <QByteArray>
#include <QDateTime>
#include <QFuture>
#include <QList>
#include <QUrlQuery>

namespace ocms {

class ANumber;
class HttpsJsonClient;

// EOIR (IRIES) hearing look-ups over HTTPS JSON: by A-Number and by date range (core/imports/FORMATS.md,
// "EOIR hearing look-ups"). The request goes through an HttpsJsonClient (TLS, time-outs, retries); the
// reply is parsed and checked on a pool thread. Records that break the format are reported with their
// position in the list and never taken in part; the good ones are kept, so one bad hearing loses no others.
// Call from the client's thread; the client must outlive the futures' completion.
class EoirHearingService
{
public:
    struct Reply
    {
        QList<EoirHearing> hearings;
        QList<ImportRejection> rejected; // line = the record's position in "hearings", from 1
        QByteArray raw;                  // the reply as received, for the live fetch page
        QDateTime received;              // UTC
        int attempts = 0;
    };
    // What was asked: a record outside it is rejected.
    struct Expect
    {
        QString aNumber; // nine digits, or empty
        QDate from, to;  // both valid, or both null
    };

    explicit EoirHearingService(HttpsJsonClient& client) : m_client(client) {}

    QFuture<Result<Reply>> byANumber(const ANumber& aNumber);
    // At most 366 days, from <= to.
    QFuture<Result<Reply>> byDateRange(QDate from, QDate to);

    static Result<Reply> parse(const QByteArray& json, const QString& serviceName, const Expect& expect = {});

private:
    QFuture<Result<Reply>> fetch(const QUrlQuery& query, Expect expect);

    HttpsJsonClient& m_client;
};

} // namespace ocms
