#pragma once

#include <QString>
#include <QUrl>

namespace ocms {

// Where and how OCMS reaches one external HTTPS JSON service (EOIR hearing look-ups, the eService exchange).
// Verification of the service's certificate is always on: caBundlePath names a PEM file with the CA
// certificates that sign the service's certificate, and only those are trusted for it (empty: the system's
// CA certificates). Each attempt gets timeoutMs without a byte moving before it is given up; transient
// failures (timeouts, refused or dropped connections, HTTP 502/503/504) are tried again up to maxAttempts
// times in all, waiting initialBackoffMs, then twice as long each time (at most maxBackoffMs), plus up to a
// quarter more at random so many clients do not retry in step.
struct ServiceEndpoint
{
    QString serviceName;  // in messages: "the EOIR hearings service"
    QUrl baseUrl;         // https://host[:port][/prefix]
    QString caBundlePath; // PEM; empty: the system's CA certificates
    int timeoutMs = 15000;
    int maxAttempts = 3;
    int initialBackoffMs = 500;
    int maxBackoffMs = 8000;
    qint64 maxReplyBytes = qint64(64) * 1024 * 1024;
};

} // namespace ocms
