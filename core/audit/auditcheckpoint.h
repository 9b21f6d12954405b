#pragma once

#include "result.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>

namespace ocms {

// A signed statement "the audit chain had this hash at this seal number", kept away from the database
// so that even a superuser who rewrites the chain is caught. Ed25519 signatures via libsodium.
struct AuditCheckpoint
{
    qint64 sealSeq = 0;
    QByteArray hash; // raw SHA-256
    QDateTime createdAt;

    QByteArray payload() const; // the signed text

    // Writes a new key pair: SECRET (mode 0600) and SECRET.pub.
    static Result<void> generateKeys(const QString& secretKeyPath);
    Result<void> writeSigned(const QString& path, const QString& secretKeyPath) const;
    static Result<AuditCheckpoint> readVerified(const QString& path, const QString& publicKeyPath);
};

} // namespace ocms
