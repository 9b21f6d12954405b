#pragma once

#include "auditcheckpoint.h"
#include "result.h"

#include <QByteArray>
#include <QSqlDatabase>
#include <QString>

#include <optional>

namespace ocms {

struct AuditVerification
{
    bool intact = true;
    qint64 rowsChecked = 0;
    qint64 headSeal = 0;
    QByteArray headHash;
    qint64 brokenSeal = 0;     // first seal number where the chain breaks
    qint64 brokenEventId = 0;  // the audit row there, when there is one
    QString problem;           // what is wrong, in words
    double seconds = 0;
};

// Seals pending audit rows into the hash chain, and proves the chain: every row's hash covers its
// predecessor's hash and its own canonical text; a changed, deleted or reordered row breaks it.
// With a signed checkpoint kept elsewhere it also catches a superuser who rewrote the whole chain.
class AuditChainVerifier
{
public:
    explicit AuditChainVerifier(QSqlDatabase database) : m_database(std::move(database)) {}

    Result<qint64> seal();
    Result<AuditVerification> verify(const std::optional<AuditCheckpoint>& checkpoint = std::nullopt);
    // The current head (after sealing), for a checkpoint.
    Result<AuditCheckpoint> head();

private:
    QSqlDatabase m_database;
};

} // namespace ocms
