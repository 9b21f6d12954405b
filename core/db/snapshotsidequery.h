#pragma once

#include "result.h"

#include <QByteArrayList>
#include <QSqlDatabase>

#include <atomic>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

struct pg_cancel;

namespace ocms {

// One more statement read at the same time as the caller's, on a second connection that sees exactly the
// caller's snapshot (pg_export_snapshot / SET TRANSACTION SNAPSHOT): two server processes work at once
// while the caller takes the side rows when it likes, in the order they came. The second connection is a
// clone of the caller's (same server, same user), opened and closed on a thread of its own.
class SnapshotSideQuery
{
public:
    // A row as the server sent it: each column's text, or nothing for null.
    using Row = std::vector<std::optional<QByteArray>>;

    // snapshot: what pg_export_snapshot() returned in the caller's open REPEATABLE READ transaction, which
    // must stay open until this query has started (started() waits for that).
    SnapshotSideQuery(const QSqlDatabase& database, const QString& snapshot, QByteArray sql, QByteArrayList params);
    ~SnapshotSideQuery(); // stops the statement if it still runs, and waits for the thread
    SnapshotSideQuery(const SnapshotSideQuery&) = delete;
    SnapshotSideQuery& operator=(const SnapshotSideQuery&) = delete;

    // The rows that have arrived, without waiting.
    std::vector<Row> take();
    // Waits until rows arrive or the statement ends; false once it has ended and every row was taken.
    bool waitForMore(std::vector<Row>& rows);
    // After waitForMore() returned false: whether the statement ran to its end.
    Result<void> outcome() const;

private:
    void run(QString source, QString snapshot, QByteArray sql, QByteArrayList params);

    mutable std::mutex m_mutex;
    std::condition_variable m_arrived;
    std::deque<Row> m_rows;
    bool m_finished = false;
    Result<void> m_outcome;
    std::atomic<bool> m_stop{false};
    pg_cancel* m_cancel = nullptr; // while the statement runs: how to stop it from another thread
    std::thread m_thread;
};

} // namespace ocms
