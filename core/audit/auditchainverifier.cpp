#include "auditchainverifier.h"

#include "sha256hasher.h"

#include "db/database.h"
#include "db/sqlerrortranslator.h"

#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>
#include <QtEndian>

#include <libpq-fe.h>

namespace ocms {

namespace {

// Reads binary COPY output field by field (length-prefixed), the cheapest way to stream millions of rows.
class BinaryCopyRow
{
public:
    explicit BinaryCopyRow(const char* data, int size) : m_data(data), m_end(data + size) {}

    bool skipHeader()
    {
        static const char signature[] = "PGCOPY\n\377\r\n\0";
        if (m_end - m_data < 19 || memcmp(m_data, signature, 11) != 0) {
            return false;
        }
        const quint32 extension = qFromBigEndian<quint32>(m_data + 15);
        m_data += 19 + extension;
        return true;
    }
    int fieldCount()
    {
        if (m_end - m_data < 2) {
            return -1;
        }
        const qint16 count = qFromBigEndian<qint16>(m_data);
        m_data += 2;
        return count;
    }
    const char* position() const { return m_data; }
    const char* end() const { return m_end; }
    QByteArrayView field()
    {
        const qint32 length = qFromBigEndian<qint32>(m_data);
        m_data += 4;
        if (length < 0) {
            return {};
        }
        QByteArrayView view(m_data, length);
        m_data += length;
        return view;
    }

private:
    const char* m_data;
    const char* m_end;
};

Error queryError(const QSqlQuery& query)
{
    return SqlErrorTranslator::translate(query.lastError());
}

} // namespace

Result<qint64> AuditChainVerifier::seal()
{
    // audit.seal() takes a bounded batch per call (one transaction each); call until nothing is left.
    qint64 total = 0;
    for (;;) {
        QSqlQuery query(m_database);
        if (!query.exec(QStringLiteral("SELECT audit.seal()")) || !query.next()) {
            return fail(queryError(query));
        }
        const qint64 sealed = query.value(0).toLongLong();
        total += sealed;
        if (sealed == 0) {
            return total;
        }
    }
}

Result<AuditCheckpoint> AuditChainVerifier::head()
{
    QSqlQuery query(m_database);
    if (!query.exec(QStringLiteral("SELECT seal_seq, hash, now() FROM audit.chain_head")) || !query.next()) {
        return fail(queryError(query));
    }
    return AuditCheckpoint{query.value(0).toLongLong(), query.value(1).toByteArray(), query.value(2).toDateTime()};
}

Result<AuditVerification> AuditChainVerifier::verify(const std::optional<AuditCheckpoint>& checkpoint)
{
    QElapsedTimer timer;
    timer.start();
    AuditVerification report;
    PGconn* connection = Database::pgHandle(m_database);
    if (!connection) {
        return fail(Error{ErrorCode::Internal, QStringLiteral("No PostgreSQL handle for the audit check."), {}});
    }
    // One consistent snapshot for the rows and the recorded head.
    QSqlQuery begin(m_database);
    begin.exec(QStringLiteral("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"));
    auto finish = [&](Result<AuditVerification> outcome) {
        QSqlQuery(m_database).exec(QStringLiteral("COMMIT"));
        return outcome;
    };
    QSqlQuery headQuery(m_database);
    if (!headQuery.exec(QStringLiteral("SELECT seal_seq, hash FROM audit.chain_head")) || !headQuery.next()) {
        return finish(fail(queryError(headQuery)));
    }
    const qint64 recordedHeadSeal = headQuery.value(0).toLongLong();
    const QByteArray recordedHeadHash = headQuery.value(1).toByteArray();

    // The hashed bytes are the binary COPY frames of the row's columns (see audit.row_bytes): seal_seq, then
    // id … batch_id; prev_hash and hash come between them and are not part of it.
    PGresult* started = PQexec(connection,
                               "COPY (SELECT seal_seq, prev_hash, hash, id, tx, occurred_at, action, table_name, record_id, "
                               "changes, db_user, source, client_addr, client_host, batch_id "
                               "FROM audit.events WHERE seal_seq IS NOT NULL ORDER BY seal_seq) TO STDOUT (FORMAT binary)");
    const bool copying = PQresultStatus(started) == PGRES_COPY_OUT;
    const QString startError = QString::fromUtf8(PQresultErrorMessage(started)).trimmed();
    PQclear(started);
    if (!copying) {
        return finish(fail(Error{ErrorCode::Database, QStringLiteral("The audit trail could not be read."), startError}));
    }

    QByteArray running = QCryptographicHash::hash(QByteArray(), QCryptographicHash::Sha256);
    qint64 expectedSeal = 1;
    bool first = true;
    Sha256Hasher hasher;
    auto breakAt = [&report](qint64 seal, qint64 id, const QString& problem) {
        if (report.intact) {
            report.intact = false;
            report.brokenSeal = seal;
            report.brokenEventId = id;
            report.problem = problem;
        }
    };
    char* buffer = nullptr;
    int size = 0;
    while ((size = PQgetCopyData(connection, &buffer, 0)) > 0) {
        BinaryCopyRow row(buffer, size);
        if (first) {
            first = false;
            if (!row.skipHeader()) {
                PQfreemem(buffer);
                continue;
            }
        }
        if (row.fieldCount() != 15) {
            PQfreemem(buffer); // the trailer
            continue;
        }
        const char* sealFrame = row.position();
        const qint64 seal = qFromBigEndian<qint64>(row.field().data());
        const QByteArrayView sealBytes(sealFrame, row.position() - sealFrame);
        const QByteArrayView previous = row.field();
        const QByteArrayView stored = row.field();
        const char* restFrame = row.position();
        const qint64 id = qFromBigEndian<qint64>(row.field().data());
        const QByteArrayView restBytes(restFrame, row.end() - restFrame);
        if (report.intact) {
            if (seal != expectedSeal) {
                breakAt(expectedSeal, id,
                        seal > expectedSeal ? QStringLiteral("audit rows sealed as %1 to %2 are missing (deleted)")
                                                  .arg(expectedSeal).arg(seal - 1)
                                            : QStringLiteral("audit row %1 appears twice in the chain (reordered)").arg(seal));
            } else if (previous != QByteArrayView(running)) {
                breakAt(seal, id, QStringLiteral("audit row %1 (id %2) does not link to its predecessor (reordered or "
                                                 "rewritten)").arg(seal).arg(id));
            } else {
                hasher.reset();
                hasher.addData(running);
                hasher.addData(sealBytes);
                hasher.addData(restBytes);
                const QByteArray computed = hasher.result();
                if (computed != stored) {
                    breakAt(seal, id, QStringLiteral("audit row %1 (id %2) was changed after it was sealed").arg(seal).arg(id));
                }
                running = stored.toByteArray();
            }
            if (checkpoint && seal == checkpoint->sealSeq && report.intact && running != checkpoint->hash) {
                breakAt(seal, id, QStringLiteral("the chain up to row %1 differs from the signed checkpoint of %2: "
                                                 "it was rewritten")
                                      .arg(seal)
                                      .arg(checkpoint->createdAt.toString(Qt::ISODate)));
            }
        }
        expectedSeal = seal + 1;
        ++report.rowsChecked;
        PQfreemem(buffer);
    }
    while (PGresult* result = PQgetResult(connection)) {
        PQclear(result);
    }
    report.headSeal = expectedSeal - 1;
    report.headHash = running;
    if (report.intact && recordedHeadSeal != report.headSeal) {
        breakAt(report.headSeal + 1, 0,
                QStringLiteral("the chain head says %1 rows were sealed, but the trail ends at %2 (rows deleted)")
                    .arg(recordedHeadSeal)
                    .arg(report.headSeal));
    } else if (report.intact && recordedHeadHash != running) {
        breakAt(report.headSeal, 0, QStringLiteral("the last audit row does not match the chain head"));
    }
    if (report.intact && checkpoint && checkpoint->sealSeq > report.headSeal) {
        breakAt(report.headSeal + 1, 0,
                QStringLiteral("the signed checkpoint covers %1 rows but the trail has only %2 (rows removed)")
                    .arg(checkpoint->sealSeq)
                    .arg(report.headSeal));
    }
    report.seconds = double(timer.nsecsElapsed()) / 1e9;
    return finish(report);
}

} // namespace ocms
