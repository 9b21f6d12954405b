#include "contentstore.h"

#include "contenthasher.h"
#include "db/database.h"
#include "db/sqlerrortranslator.h"

#include <QBuffer>
#include <QIODevice>
#include <QSqlError>

#include <libpq-fe.h>

#include <memory>

namespace ocms {

namespace {

using ResultPtr = std::unique_ptr<PGresult, decltype(&PQclear)>;

// A failed libpq statement as the same Error a QSqlQuery failure would give (our functions' messages are
// written for users).
Error statementError(const PGresult* result, pg_conn* connection)
{
    const char* state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
    const QString text = QString::fromUtf8(result ? PQresultErrorMessage(result) : PQerrorMessage(connection)).trimmed();
    const QSqlError error(QString(), text, state ? QSqlError::StatementError : QSqlError::ConnectionError,
                          QString::fromLatin1(state ? state : ""));
    return SqlErrorTranslator::translate(error);
}

// Runs a statement with text parameters except binary ones (flagged), asking for binary results.
Result<ResultPtr> run(pg_conn* connection, const char* sql, const QList<QByteArray>& values, const QList<bool>& binary)
{
    std::vector<const char*> pointers;
    std::vector<int> lengths;
    std::vector<int> formats;
    for (qsizetype i = 0; i < values.size(); ++i) {
        pointers.push_back(values[i].constData());
        lengths.push_back(int(values[i].size()));
        formats.push_back(binary.value(i) ? 1 : 0);
    }
    ResultPtr result(PQexecParams(connection, sql, int(values.size()), nullptr, pointers.data(), lengths.data(),
                                  formats.data(), 1),
                     &PQclear);
    const ExecStatusType status = PQresultStatus(result.get());
    if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
        return fail(statementError(result.get(), connection));
    }
    return result;
}

QByteArray uuidText(const QUuid& id)
{
    return id.toByteArray(QUuid::WithoutBraces);
}

QByteArray binaryValue(const PGresult* result, int row, int column)
{
    return QByteArray(PQgetvalue(result, row, column), PQgetlength(result, row, column));
}

qint64 binaryInt8(const PGresult* result, int row, int column)
{
    const auto* bytes = reinterpret_cast<const unsigned char*>(PQgetvalue(result, row, column));
    quint64 value = 0;
    for (int i = 0; i < 8; ++i) {
        value = (value << 8) | bytes[i];
    }
    return qint64(value);
}

QUuid binaryUuid(const PGresult* result, int row, int column)
{
    return QUuid::fromRfc4122(QByteArrayView(PQgetvalue(result, row, column), 16));
}

Error integrityError(const QString& detail)
{
    return Error{ErrorCode::Io, QStringLiteral("The document's content failed its SHA-256 check; it was not opened."), detail};
}

} // namespace

Result<StoredContent> ContentStore::upload(QIODevice& source, qint64 byteSize, const Progress& progress,
                                           const std::atomic_bool* cancel)
{
    pg_conn* connection = Database::pgHandle(m_database);
    if (!connection) {
        return fail(Error{ErrorCode::Connection, QStringLiteral("There is no connection to the server."), {}});
    }
    auto begun = run(connection, "SELECT docs.begin_upload($1::bigint)", {QByteArray::number(byteSize)}, {});
    if (!begun) {
        return fail(begun.error());
    }
    const QUuid content = binaryUuid(begun->get(), 0, 0);
    auto abandon = [&](Error error) -> Result<StoredContent> {
        run(connection, "SELECT docs.abandon_upload($1::uuid)", {uuidText(content)}, {});
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
        auto stored = run(connection, "SELECT docs.put_chunk($1::uuid, $2::integer, $3::bytea)",
                          {uuidText(content), QByteArray::number(chunkNo), chunk}, {false, false, true});
        if (!stored) {
            return abandon(stored.error());
        }
        if (binaryValue(stored->get(), 0, 0) != localHash) {
            return abandon(Error::io(QStringLiteral("The upload was corrupted on its way to the server; try again."),
                                     QStringLiteral("chunk %1 hash differs").arg(chunkNo)));
        }
        if (progress) {
            progress(hasher.bytes(), byteSize);
        }
    }
    // Finishing may hand back identical content stored before; its hash is read in a statement of its own
    // (a statement does not see what a function it calls has just written).
    auto finished = run(connection, "SELECT docs.finish_upload($1::uuid)", {uuidText(content)}, {});
    if (!finished) {
        return abandon(finished.error());
    }
    const QUuid kept = binaryUuid(finished->get(), 0, 0);
    auto head = run(connection, "SELECT sha256 FROM docs.contents WHERE id = $1::uuid", {uuidText(kept)}, {});
    if (!head) {
        return fail(head.error());
    }
    if (PQntuples(head->get()) != 1) {
        return fail(Error{ErrorCode::Internal, QStringLiteral("The server did not confirm the upload."), {}});
    }
    StoredContent result{kept, binaryValue(head->get(), 0, 0), byteSize, kept != content};
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
    pg_conn* connection = Database::pgHandle(m_database);
    if (!connection) {
        return fail(Error{ErrorCode::Connection, QStringLiteral("There is no connection to the server."), {}});
    }
    auto found = run(connection, "SELECT byte_size FROM docs.contents WHERE id = $1::uuid AND finished_at IS NOT NULL",
                     {uuidText(content)}, {});
    if (!found) {
        return fail(found.error());
    }
    if (PQntuples(found->get()) != 1) {
        return fail(Error{ErrorCode::NotFound, QStringLiteral("The document's content is not there or you may not see it."), {}});
    }
    return binaryInt8(found->get(), 0, 0);
}

Result<qint64> ContentStore::download(const QUuid& content, QIODevice& sink, const Progress& progress,
                                      const std::atomic_bool* cancel)
{
    pg_conn* connection = Database::pgHandle(m_database);
    if (!connection) {
        return fail(Error{ErrorCode::Connection, QStringLiteral("There is no connection to the server."), {}});
    }
    auto head = run(connection, "SELECT byte_size, sha256 FROM docs.contents WHERE id = $1::uuid AND finished_at IS NOT NULL",
                    {uuidText(content)}, {});
    if (!head) {
        return fail(head.error());
    }
    if (PQntuples(head->get()) != 1) {
        return fail(Error{ErrorCode::NotFound, QStringLiteral("The document's content is not there or you may not see it."), {}});
    }
    const qint64 total = binaryInt8(head->get(), 0, 0);
    const QByteArray expected = binaryValue(head->get(), 0, 1);

    // One statement for all chunks, read a row at a time: memory holds one chunk however large the file.
    const QByteArray id = uuidText(content);
    const char* values[] = {id.constData()};
    if (!PQsendQueryParams(connection,
                           "SELECT chunk_no, data, sha256 FROM docs.content_chunks WHERE content_id = $1::uuid ORDER BY chunk_no",
                           1, nullptr, values, nullptr, nullptr, 1) ||
        !PQsetSingleRowMode(connection)) {
        return fail(statementError(nullptr, connection));
    }
    ContentHasher hasher;
    std::optional<Error> error;
    qint32 nextChunk = 0;
    while (PGresult* raw = PQgetResult(connection)) {
        ResultPtr row(raw, &PQclear);
        const ExecStatusType status = PQresultStatus(raw);
        if (error || status == PGRES_TUPLES_OK) {
            continue; // drain to the end of the statement
        }
        if (status != PGRES_SINGLE_TUPLE) {
            error = statementError(raw, connection);
            continue;
        }
        if (cancel && cancel->load()) {
            error = Error{ErrorCode::Cancelled, QStringLiteral("The download was cancelled."), {}};
            PQrequestCancel(connection);
            continue;
        }
        const auto* numberBytes = reinterpret_cast<const unsigned char*>(PQgetvalue(raw, 0, 0));
        const qint32 chunkNo = qint32((quint32(numberBytes[0]) << 24) | (quint32(numberBytes[1]) << 16) |
                                      (quint32(numberBytes[2]) << 8) | quint32(numberBytes[3]));
        const QByteArray data = binaryValue(raw, 0, 1);
        if (chunkNo != nextChunk++ || hasher.addChunk(data) != binaryValue(raw, 0, 2)) {
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
