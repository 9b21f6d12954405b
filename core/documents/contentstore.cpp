#include "contentstore.h"

#include "contenthasher.h"
#include "db/database.h"
#include "db/pgresult.h"

#include <QBuffer>
#include <QIODevice>

#include <libpq-fe.h>

#include <memory>
#include <optional>

namespace ocms {

namespace {

QByteArray uuidText(const QUuid& id)
{
    return id.toByteArray(QUuid::WithoutBraces);
}

Error integrityError(const QString& detail)
{
    return Error{ErrorCode::Io, QStringLiteral("The document's content failed its SHA-256 check; it was not opened."), detail};
}

Error notReachable()
{
    return Error{ErrorCode::NotFound, QStringLiteral("The document's content is not there or you may not see it."), {}};
}

} // namespace

Result<StoredContent> ContentStore::upload(QIODevice& source, qint64 byteSize, const Progress& progress,
                                           const std::atomic_bool* cancel)
{
    pg_conn* connection = Database::pgHandle(m_database);
    auto begun = PgResult::exec(connection, "SELECT docs.begin_upload($1::bigint)", {QByteArray::number(byteSize)});
    if (!begun) {
        return fail(begun.error());
    }
    const QUuid content = begun->uuid(0, 0);
    auto abandon = [&](Error error) -> Result<StoredContent> {
        PgResult::exec(connection, "SELECT docs.abandon_upload($1::uuid)", {uuidText(content)});
        return fail(std::move(error));
    };

    ContentHasher hasher;
    QByteArray chunk;
    for (qint32 chunkNo = 0; hasher.bytes() < byteSize; ++chunkNo) {
        if (cancel && cancel->load()) {
            return abandon(Error{ErrorCode::Cancelled, QStringLiteral("The upload was cancelled."), {}});
        }
        const qint64 wanted = std::min<qint64>(ContentHasher::kChunkSize, byteSize - hasher.bytes());
        chunk.resize(wanted);
        qint64 got = 0;
        while (got < wanted) {
            const qint64 read = source.read(chunk.data() + got, wanted - got);
            if (read <= 0 && !source.waitForReadyRead(30000)) {
                return abandon(Error::io(QStringLiteral("The file ended or could not be read before all of it was sent."),
                                         source.errorString()));
            }
            got += std::max<qint64>(read, 0);
        }
        const QByteArray localHash = hasher.addChunk(chunk);
        auto stored = PgResult::exec(connection, "SELECT docs.put_chunk($1::uuid, $2::integer, $3::bytea)",
                                     {uuidText(content), QByteArray::number(chunkNo), chunk}, {false, false, true});
        if (!stored) {
            return abandon(stored.error());
        }
        if (stored->bytes(0, 0) != localHash) {
            return abandon(Error::io(QStringLiteral("The upload was corrupted on its way to the server; try again."),
                                     QStringLiteral("chunk %1 hash differs").arg(chunkNo)));
        }
        if (progress) {
            progress(hasher.bytes(), byteSize);
        }
    }
    // Finishing may hand back identical content stored before; its hash is read in a statement of its own
    // (a statement does not see what a function it calls has just written).
    auto finished = PgResult::exec(connection, "SELECT docs.finish_upload($1::uuid)", {uuidText(content)});
    if (!finished) {
        return abandon(finished.error());
    }
    const QUuid kept = finished->uuid(0, 0);
    auto head = PgResult::exec(connection, "SELECT sha256 FROM docs.contents WHERE id = $1::uuid", {uuidText(kept)});
    if (!head) {
        return fail(head.error());
    }
    if (head->rows() != 1) {
        return fail(Error{ErrorCode::Internal, QStringLiteral("The server did not confirm the upload."), {}});
    }
    StoredContent result{kept, head->bytes(0, 0), byteSize, kept != content};
    if (result.sha256 != hasher.result()) {
        return fail(integrityError(QStringLiteral("server content hash differs from the client's")));
    }
    return result;
}

Result<StoredContent> ContentStore::upload(const QByteArray& bytes)
{
    QBuffer buffer;
    buffer.setData(bytes);
    buffer.open(QIODevice::ReadOnly);
    return upload(buffer, bytes.size());
}

Result<qint64> ContentStore::byteSize(const QUuid& content)
{
    auto found = PgResult::exec(Database::pgHandle(m_database),
                                "SELECT byte_size FROM docs.contents WHERE id = $1::uuid AND finished_at IS NOT NULL",
                                {uuidText(content)});
    if (!found) {
        return fail(found.error());
    }
    if (found->rows() != 1) {
        return fail(notReachable());
    }
    return found->int8(0, 0);
}

Result<qint64> ContentStore::download(const QUuid& content, QIODevice& sink, const Progress& progress,
                                      const std::atomic_bool* cancel)
{
    pg_conn* connection = Database::pgHandle(m_database);
    auto head = PgResult::exec(connection,
                               "SELECT byte_size, sha256 FROM docs.contents WHERE id = $1::uuid AND finished_at IS NOT NULL",
                               {uuidText(content)});
    if (!head) {
        return fail(head.error());
    }
    if (head->rows() != 1) {
        return fail(notReachable());
    }
    const qint64 total = head->int8(0, 0);
    const QByteArray expected = head->bytes(0, 1);

    // One statement for all chunks, read a row at a time: memory holds one chunk however large the file.
    const QByteArray id = uuidText(content);
    const char* values[] = {id.constData()};
    if (!PQsendQueryParams(connection,
                           "SELECT chunk_no, data, sha256 FROM docs.content_chunks WHERE content_id = $1::uuid ORDER BY chunk_no",
                           1, nullptr, values, nullptr, nullptr, 1) ||
        !PQsetSingleRowMode(connection)) {
        return fail(PgResult::errorOf(nullptr, connection));
    }
    ContentHasher hasher;
    std::optional<Error> error;
    qint32 nextChunk = 0;
    while (PGresult* raw = PQgetResult(connection)) {
        const PgResult row(raw);
        const ExecStatusType status = PQresultStatus(raw);
        if (error || status == PGRES_TUPLES_OK) {
            continue; // drain to the end of the statement
        }
        if (status != PGRES_SINGLE_TUPLE) {
            error = PgResult::errorOf(raw, connection);
            continue;
        }
        if (cancel && cancel->load()) {
            error = Error{ErrorCode::Cancelled, QStringLiteral("The download was cancelled."), {}};
            PQrequestCancel(connection);
            continue;
        }
        const qint32 chunkNo = row.int4(0, 0);
        const QByteArray data = row.bytes(0, 1);
        if (chunkNo != nextChunk++ || hasher.addChunk(data) != row.bytes(0, 2)) {
            error = integrityError(QStringLiteral("chunk %1 missing or its hash differs").arg(chunkNo));
            continue;
        }
        if (sink.write(data) != data.size()) {
            error = Error::io(QStringLiteral("Could not write the document: %1").arg(sink.errorString()));
            continue;
        }
        if (progress) {
            progress(hasher.bytes(), total);
        }
    }
    if (error) {
        return fail(*error);
    }
    if (hasher.bytes() != total || hasher.result() != expected) {
        return fail(integrityError(QStringLiteral("%1 of %2 bytes, content hash %3")
                                       .arg(hasher.bytes()).arg(total)
                                       .arg(hasher.result() == expected ? QStringLiteral("ok") : QStringLiteral("differs"))));
    }
    return total;
}

Result<QByteArray> ContentStore::read(const QUuid& content, qint64 maxBytes)
{
    auto size = byteSize(content);
    if (!size) {
        return fail(size.error());
    }
    if (*size > maxBytes) {
        return fail(Error::validation(QStringLiteral("The document is %1 MB, too large to open here; save it to a file instead.")
                                          .arg(double(*size) / 1e6, 0, 'f', 0)));
    }
    QByteArray bytes;
    bytes.reserve(*size);
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    auto read = download(content, buffer);
    if (!read) {
        return fail(read.error());
    }
    return bytes;
}

} // namespace ocms
