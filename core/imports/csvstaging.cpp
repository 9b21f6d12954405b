#include "csvstaging.h"

#include "db/pgcopy.h"

#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

namespace ocms {

namespace {
constexpr qsizetype kCopyChunk = 4 << 20;
constexpr std::size_t kChunksAhead = 4; // chunks read and checked, waiting to be sent
} // namespace

bool CsvStaging::isBlank(const CsvRecordReader::Record& record)
{
    return record.fields.size() == 1 && record.fields.first().trimmed().isEmpty() && record.error.isEmpty();
}

Result<QStringList> CsvStaging::header(const QString& emptyFile)
{
    CsvRecordReader::Record record;
    bool found = false;
    while (m_reader.next(&record)) {
        if (!isBlank(record)) {
            found = true;
            break;
        }
    }
    if (!m_reader.deviceError().isEmpty()) {
        return fail(Error::io(QStringLiteral("The file could not be read."), m_reader.deviceError()));
    }
    if (!found) {
        return fail(Error::validation(emptyFile));
    }
    if (!record.error.isEmpty()) {
        return fail(Error::validation(QStringLiteral("The header (line %1): %2. Nothing was loaded.").arg(record.line).arg(record.error)));
    }
    return record.fields;
}

Result<CsvStaging::Staged> CsvStaging::stage(pg_conn* connection, const QByteArray& statement, const RowWriter& write)
{
    PgCopy copy(connection);
    if (auto started = copy.begin(statement); !started) {
        return fail(started.error());
    }
    // Reading and checking the records (the caller's `write`) on a thread of their own while this one
    // sends what is ready: the client's work and the server's COPY overlap instead of taking turns. At
    // most kChunksAhead chunks wait, so memory stays bounded whatever the file's size. A thread of our own,
    // not the shared pool: the caller may itself run on a pool thread, and a full pool would leave the
    // reader waiting for a thread that waits for it. Only that thread calls `write` (one call at a time,
    // in file order), so a writer keeping state of its own needs no lock.
    Staged staged;
    std::mutex mutex;
    std::condition_variable changed;
    std::deque<QByteArray> ready;
    bool readerDone = false;
    bool senderStopped = false;
    std::thread reader([&] {
        const auto hand = [&](QByteArray chunk) {
            std::unique_lock lock(mutex);
            changed.wait(lock, [&] { return ready.size() < kChunksAhead || senderStopped; });
            if (senderStopped) {
                return false;
            }
            ready.push_back(std::move(chunk));
            changed.notify_all();
            return true;
        };
        CopyBuffer buffer;
        CsvRecordReader::Record record;
        bool sending = true;
        while (sending && m_reader.next(&record)) {
            if (isBlank(record)) {
                continue;
            }
            ++staged.linesRead;
            if (!record.error.isEmpty()) {
                staged.rejected.append({record.line, record.error});
                continue;
            }
            if (const std::optional<QString> reason = write(record, buffer)) {
                staged.rejected.append({record.line, *reason});
                continue;
            }
            ++staged.rows;
            if (buffer.data().size() >= kCopyChunk) {
                sending = hand(buffer.data());
                buffer.clear();
            }
        }
        if (sending && !buffer.data().isEmpty()) {
            hand(buffer.data());
        }
        std::lock_guard lock(mutex);
        readerDone = true;
        changed.notify_all();
    });
    std::optional<Error> sendError;
    for (;;) {
        QByteArray chunk;
        {
            std::unique_lock lock(mutex);
            changed.wait(lock, [&] { return !ready.empty() || readerDone; });
            if (ready.empty()) {
                break;
            }
            chunk = std::move(ready.front());
            ready.pop_front();
            changed.notify_all();
        }
        if (auto sent = copy.write(chunk); !sent) {
            sendError = sent.error();
            std::lock_guard lock(mutex);
            senderStopped = true;
            changed.notify_all();
            break;
        }
    }
    reader.join();
    if (sendError) {
        copy.abort("client failed while sending");
        return fail(*sendError);
    }
    if (!m_reader.deviceError().isEmpty()) {
        copy.abort("the file could not be read");
        return fail(Error::io(QStringLiteral("The file could not be read to its end; nothing was loaded."), m_reader.deviceError()));
    }
    if (m_reader.unterminatedQuote()) {
        copy.abort("unterminated quote");
        return fail(Error::validation(
            QStringLiteral("Line %1 opens a quoted field that is never closed, so lines %1 to %2 read as one value. "
                           "Close the quote (a quote inside a value is written twice) and import again; nothing was loaded.")
                .arg(m_reader.unterminatedQuoteLine())
                .arg(m_reader.linesRead())));
    }
    if (auto loaded = copy.finish(); !loaded) {
        return fail(loaded.error());
    }
    return staged;
}

} // namespace ocms
