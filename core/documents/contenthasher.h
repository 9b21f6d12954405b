#pragma once

#include <QByteArray>
#include <QCryptographicHash>
#include <QList>

namespace ocms {

// The content hash the server computes (migration 0023): SHA-256 over the SHA-256 of each 1 MiB chunk, in
// order. Fed chunk by chunk, so a 2 GB file is hashed without holding it.
class ContentHasher
{
public:
    static constexpr qsizetype kChunkSize = 1024 * 1024;

    // Adds one whole chunk (kChunkSize bytes, fewer only for the last); returns its SHA-256.
    QByteArray addChunk(const QByteArray& chunk)
    {
        QByteArray hash = QCryptographicHash::hash(chunk, QCryptographicHash::Sha256);
        m_tree.addData(hash);
        m_bytes += chunk.size();
        return hash;
    }

    QByteArray result() const { return m_tree.result(); }
    qint64 bytes() const { return m_bytes; }

    // The content hash of bytes already in memory (small files, tests, seeders).
    static QByteArray of(const QByteArray& content)
    {
        ContentHasher hasher;
        for (qsizetype offset = 0; offset < content.size(); offset += kChunkSize) {
            hasher.addChunk(content.mid(offset, kChunkSize));
        }
        return hasher.result();
    }

private:
    QCryptographicHash m_tree{QCryptographicHash::Sha256};
    qint64 m_bytes = 0;
};

} // namespace ocms
