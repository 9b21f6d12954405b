#pragma once

#include "result.h"

#include <QByteArray>
#include <QSqlDatabase>
#include <QUuid>

#include <atomic>
#include <functional>

class QIODevice;

namespace ocms {

// Content as the server stored it: its id, the server's content hash and size, and whether identical content
// was already there (then this upload was not kept twice).
struct StoredContent
{
    QUuid id;
    QByteArray sha256;
    qint64 byteSize = 0;
    bool alreadyStored = false;
};

// Streams document content to and from the server in 1 MiB chunks over the connection's libpq handle (binary,
// no hex doubling), one chunk in memory at a time. Every chunk is hashed on both sides: the server hashes what
// it received and the client compares; on reading, every chunk and the whole content are checked against the
// server's hashes before the bytes count as read.
class ContentStore
{
public:
    using Progress = std::function<void(qint64 done, qint64 total)>;

    explicit ContentStore(QSqlDatabase database) : m_database(std::move(database)) {}

    Result<StoredContent> upload(QIODevice& source, qint64 byteSize, const Progress& progress = {},
                                 const std::atomic_bool* cancel = nullptr);
    Result<StoredContent> upload(const QByteArray& bytes);

    // Writes the content into sink; returns the bytes written. A content the user may not see is NotFound.
    Result<qint64> download(const QUuid& content, QIODevice& sink, const Progress& progress = {},
                            const std::atomic_bool* cancel = nullptr);
    // Small contents (a PDF to view, a draft to edit): refused above maxBytes rather than filling memory.
    Result<QByteArray> read(const QUuid& content, qint64 maxBytes);

    Result<qint64> byteSize(const QUuid& content);

private:
    QSqlDatabase m_database;
};

} // namespace ocms
