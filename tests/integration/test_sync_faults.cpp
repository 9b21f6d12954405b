// Issue 8, "survives anything": a sync killed at any instant loses no change and duplicates none, and the
// next sync completes. A child process (ocms_sync_child) syncs a field officer's copy again and again; the
// test kills it with SIGKILL at a random instant, 200 times, while offline changes pile up in the outbox and
// the server changes the team's leads in between; twice it cuts the child's server connection instead
// (pg_terminate_backend). Then one clean sync, and the proof: every change id applied exactly once, every
// offline activity on the server exactly once, the outbox empty, the copy equal to the server's scope, and
// the copy still opens and passes SQLite's integrity check.
#include "db/sqlsession.h"
#include "demoworld.h"
#include "signedin.h"
#include "sync/offlinestore.h"
#include "sync/syncengine.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QThread>

#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <iostream>
#include <map>

#include "catchqt.h"

extern char** environ;

using namespace ocms;
using ocms::test::ownerCount;
using ocms::test::ownerText;
using ocms::test::SignedIn;
using ocms::test::TestDatabase;

namespace {

const QString kPassword = QStringLiteral("sync-fault-password-1");
constexpr int kRounds = 200;

QString key(const QUuid& id)
{
    return id.toString(QUuid::WithoutBraces);
}

// One run of ocms_sync_child, its stdout read through a pipe.
class Child
{
public:
    Child(const QString& folder, const QString& login)
    {
        int fds[2];
        REQUIRE(::pipe2(fds, O_CLOEXEC) == 0);
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_adddup2(&actions, fds[1], STDOUT_FILENO); // dup2 leaves the copy open across exec
        posix_spawn_file_actions_adddup2(&actions, fds[1], STDERR_FILENO);
        const QByteArray program(OCMS_SYNC_CHILD_PATH);
        const QByteArray folderArg = folder.toLocal8Bit();
        const QByteArray loginArg = login.toLocal8Bit();
        char* argv[] = {const_cast<char*>(program.constData()), const_cast<char*>(folderArg.constData()),
                        const_cast<char*>(loginArg.constData()), const_cast<char*>("loop"), nullptr};
        const int spawned = posix_spawn(&m_pid, program.constData(), &actions, nullptr, argv, environ);
        posix_spawn_file_actions_destroy(&actions);
        ::close(fds[1]);
        m_fd = fds[0];
        REQUIRE(spawned == 0);
        ::fcntl(m_fd, F_SETFL, ::fcntl(m_fd, F_GETFL) | O_NONBLOCK);
    }
    ~Child()
    {
        if (m_pid > 0) {
            ::kill(m_pid, SIGKILL);
            ::waitpid(m_pid, nullptr, 0);
        }
        ::close(m_fd);
    }
    Child(const Child&) = delete;
    Child& operator=(const Child&) = delete;

    // Waits up to timeoutMs for a line starting with prefix; false at the end of the output or the timeout.
    bool waitForLine(const QByteArray& prefix, int timeoutMs)
    {
        QElapsedTimer timer;
        timer.start();
        while (!hasLine(prefix)) {
            const qint64 left = timeoutMs - timer.elapsed();
            if (left <= 0 || !readSome(int(left))) {
                return hasLine(prefix);
            }
        }
        return true;
    }

    void kill9()
    {
        REQUIRE(::kill(m_pid, SIGKILL) == 0);
    }

    // Waits for the child to end (killing it after timeoutMs) and returns its wait status.
    int reap(int timeoutMs)
    {
        int status = 0;
        QElapsedTimer timer;
        timer.start();
        while (::waitpid(m_pid, &status, WNOHANG) == 0) {
            if (timer.elapsed() > timeoutMs) {
                ::kill(m_pid, SIGKILL);
                ::waitpid(m_pid, &status, 0);
                break;
            }
            readSome(20);
        }
        m_pid = -1;
        while (readSome(0)) {
        }
        return status;
    }

    // The last complete line the child wrote (where a kill landed).
    QByteArray lastLine() const
    {
        const QList<QByteArray> lines = m_output.trimmed().split('\n');
        return lines.isEmpty() ? QByteArray() : lines.last();
    }
    const QByteArray& output() const { return m_output; }

private:
    bool hasLine(const QByteArray& prefix) const
    {
        return m_output.startsWith(prefix) || m_output.contains(QByteArray('\n' + prefix));
    }
    // Reads what is there, waiting up to timeoutMs for something; false at the end of the output.
    bool readSome(int timeoutMs)
    {
        pollfd poller{m_fd, POLLIN, 0};
        if (::poll(&poller, 1, timeoutMs) <= 0) {
            return timeoutMs > 0; // nothing yet (a timeout is not the end)
        }
        char buffer[4096];
        const ssize_t n = ::read(m_fd, buffer, sizeof buffer);
        if (n <= 0) {
            return false;
        }
        m_output.append(buffer, n);
        return true;
    }

    pid_t m_pid = -1;
    int m_fd = -1;
    QByteArray m_output;
};

// Where a kill landed, from the child's last line.
QString phaseOf(const QByteArray& line)
{
    if (line == "ready") {
        return QStringLiteral("before check-in");
    }
    if (line.startsWith("phase Checking")) {
        return QStringLiteral("check-in");
    }
    if (line.startsWith("phase Sending")) {
        return QStringLiteral("push");
    }
    if (line.startsWith("phase Saving")) {
        return QStringLiteral("settle");
    }
    if (line.startsWith("phase Receiving")) {
        return QStringLiteral("pull");
    }
    return QStringLiteral("between syncs");
}

// Rows of a query as the owner, each row's columns joined by '|', sorted.
QStringList ownerRows(TestDatabase& database, const QString& sql)
{
    QSqlQuery query(database.connection());
    INFO(sql.toStdString());
    REQUIRE(query.exec(sql));
    QStringList rows;
    while (query.next()) {
        rows.append(query.value(0).toString());
    }
    rows.sort();
    return rows;
}

QStringList cacheRows(EncryptedCache& cache, const QString& sql)
{
    auto rows = cache.rows(sql);
    REQUIRE_OK(rows);
    QStringList out;
    for (const QVariantList& row : std::as_const(*rows)) {
        out.append(row.first().toString());
    }
    out.sort();
    return out;
}

// A PostgreSQL array literal of ids made by this test.
QString uuidArray(const QList<QUuid>& ids)
{
    QStringList texts;
    for (const QUuid& id : ids) {
        texts.append(key(id));
    }
    return QStringLiteral("'{%1}'::uuid[]").arg(texts.join(u','));
}

struct OfflineWork
{
    QList<QUuid> changes;                      // every change id made, in order
    QList<std::pair<QUuid, QString>> activities; // activity id, its notes
    QList<std::pair<QUuid, QString>> statuses;   // lead, the status set offline
    int serial = 0;
};

} // namespace

TEST_CASE("A sync killed at random instants 200 times loses no change and doubles none", "[integration][sync][fault]")
{
    QElapsedTimer wholeTest;
    wholeTest.start();
    TestDatabase database;
    ocms::test::seedDemoWorld(database, 10, 0, 101, 1200);
    const QString team = ownerText(database, QStringLiteral("SELECT t.code FROM field.leads l JOIN field.teams t ON t.id = l.team_id "
                                                            "WHERE l.status NOT IN ('closed', 'invalid') GROUP BY t.code "
                                                            "ORDER BY count(*) DESC, t.code LIMIT 1"));
    const QString login =
        QStringLiteral("sk%1_%2").arg(QCoreApplication::applicationPid()).arg(database.name().section(u'_', -1));
    database.exec(QStringLiteral("SELECT core.create_login('%1', '%2', 'Officer Fault', '{field_write}', 'FO-ATL', '{}')").arg(login, kPassword));
    database.exec(QStringLiteral("INSERT INTO field.team_members (team_id, user_id) SELECT t.id, u.id FROM field.teams t, core.users u "
                                 "WHERE t.code = '%1' AND u.login = '%2'")
                      .arg(team, login));

    // The copy, with the weakest key stretching libsodium allows: the child unlocks it 200 times, and the
    // stretching is not what this test is about.
    QTemporaryDir folder;
    REQUIRE(folder.isValid());
    auto opened = OfflineStore::openOrCreate(folder.path(), login, kPassword, KdfLimits{1, 1 << 20});
    REQUIRE_OK(opened);
    OfflineStore& store = **opened;
    SignedIn<SqlSession> officer(database, login, kPassword);
    auto officerBackend = officer->firstRow(QStringLiteral("SELECT pg_backend_pid() AS pid"), {});
    REQUIRE_OK(officerBackend);
    const int parentBackend = officerBackend->value(QStringLiteral("pid")).toInt();
    {
        SyncEngine engine(officer.database(), store.field());
        auto first = engine.run(store.deviceId(), QStringLiteral("Fault test laptop"));
        REQUIRE_OK(first);
        REQUIRE(first->leads >= 30);
    }

    // The copy's leads, split three ways so offline changes never conflict with each other or the server:
    // activities are logged on the first, statuses set (once each) on the second, the server changes the third.
    auto cached = store.cache().rows(QStringLiteral("SELECT id, status FROM leads ORDER BY lead_number"));
    REQUIRE_OK(cached);
    QList<QUuid> activityLeads;
    QList<std::pair<QUuid, QString>> statusLeads;
    QList<QUuid> serverLeads;
    for (qsizetype i = 0; i < cached->size(); ++i) {
        const QUuid lead(cached->at(i).at(0).toString());
        switch (i % 3) {
        case 0:
            activityLeads.append(lead);
            break;
        case 1:
            statusLeads.append({lead, cached->at(i).at(1).toString()});
            break;
        default:
            serverLeads.append(lead);
        }
    }

    QRandomGenerator random(20261130); // the same schedule every run (the instants still vary with timing)
    OfflineWork work;
    const auto addOfflineWork = [&](int activities, int statuses) {
        for (int i = 0; i < activities; ++i) {
            const QString notes = QStringLiteral("Fault test activity %1").arg(++work.serial);
            const QUuid lead = activityLeads.at(random.bounded(int(activityLeads.size())));
            auto change = store.field().addActivity(lead, {QStringLiteral("note"), QDateTime::currentDateTimeUtc().addSecs(-60), {}, notes});
            REQUIRE_OK(change);
            auto activity = store.cache().scalar(QStringLiteral("SELECT id FROM activities WHERE pending_change = ?"), {key(*change)});
            REQUIRE_OK(activity);
            work.changes.append(*change);
            work.activities.append({QUuid(activity->toString()), notes});
        }
        for (int i = 0; i < statuses && !statusLeads.isEmpty(); ++i) {
            const auto [lead, status] = statusLeads.takeFirst();
            // Some stay in the copy (in progress), some leave it (closed: the pull removes them).
            const QString next = status != u"in_progress" && work.serial % 2 == 0 ? QStringLiteral("in_progress") : QStringLiteral("closed");
            auto change = store.field().setLeadStatus(lead, next, next == u"closed" ? QStringLiteral("Closed in the fault test") : QString());
            REQUIRE_OK(change);
            work.changes.append(*change);
            work.statuses.append({lead, next});
            ++work.serial;
        }
    };
    int serverRound = 0;
    const auto serverWork = [&]() {
        ++serverRound;
        QStringList some;
        for (int i = 0; i < 15 && !serverLeads.isEmpty(); ++i) {
            some.append(key(serverLeads.at(random.bounded(int(serverLeads.size())))));
        }
        const QString ids = QStringLiteral("'{%1}'::uuid[]").arg(some.join(u','));
        database.exec(QStringLiteral("UPDATE field.leads SET address_line1 = '%1 Fault Round Rd' WHERE id = ANY(%2)").arg(serverRound).arg(ids));
        database.exec(QStringLiteral("INSERT INTO field.activities (id, lead_id, fugitive_id, activity_type, officer_name, occurred_at, notes) "
                                     "SELECT gen_random_uuid(), l.id, l.fugitive_id, 'systems_check', 'Headquarters', now() - interval '1 hour', "
                                     "'Server round %1' FROM field.leads l WHERE l.id = ANY(%2)")
                         .arg(serverRound)
                         .arg(ids));
        if (serverRound % 4 == 0 && serverLeads.size() > 10) { // marked invalid at headquarters: leaves the copy
            database.exec(QStringLiteral("UPDATE field.leads SET status = 'invalid', close_reason = 'Invalid (fault test)' WHERE id = '%1'")
                              .arg(key(serverLeads.takeLast())));
        }
    };

    addOfflineWork(1200, 20);
    serverWork();

    qputenv("OCMS_SYNC_CHILD_CONNINFO", database.settingsFor(login, kPassword).toConnInfo(true).toUtf8());
    qputenv("OCMS_SYNC_CHILD_PASSWORD", kPassword.toUtf8());
    std::map<QString, int> landed;
    int cuts = 0;
    QStringList failures; // syncs that failed by themselves (and why)
    int syncsSeen = 0;
    QElapsedTimer roundsTimer;
    roundsTimer.start();
    for (int round = 0; round < kRounds; ++round) {
        if (round > 0 && round % 10 == 0) {
            addOfflineWork(150, 3);
        }
        if (round % 5 == 2) {
            serverWork();
        }
        Child child(folder.path(), login);
        const bool ready = child.waitForLine("ready", 30000);
        INFO("round " << round << ", child said:\n" << child.output().toStdString());
        REQUIRE(ready);
        // Most kills early in a sync (check-in, push, settle), the rest anywhere in up to 1.2 s.
        const int delay = random.bounded(3) == 0 ? random.bounded(1200) : random.bounded(400);
        QThread::msleep(ulong(delay));
        const bool cut = round == 60 || round == 140;
        if (cut) {
            // The server side goes instead: the child's connection is terminated under it.
            landed[QStringLiteral("cut: ") + phaseOf(child.lastLine())]++;
            // (Every backend of the officer but the test's own: a killed child's may still be finishing.)
            database.exec(QStringLiteral("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '%1' "
                                         "AND datname = current_database() AND pid <> %2")
                              .arg(login)
                              .arg(parentBackend));
            const int status = child.reap(30000);
            INFO("round " << round << ", child said:\n" << child.output().toStdString());
            CHECK(WIFEXITED(status));
            CHECK(child.output().contains("\nfailed "));
            ++cuts;
        } else {
            // A sync may also fail by itself before the kill: a killed child's server statement, still
            // running, holds the very changes this one sends (it fails on them and sends them again later).
            const bool failedAlready = child.output().contains("\nfailed ");
            child.kill9();
            const int status = child.reap(30000);
            INFO("round " << round << ", child said:\n" << child.output().toStdString());
            if (WIFSIGNALED(status)) {
                landed[phaseOf(child.lastLine())]++;
            } else {
                CHECK(WIFEXITED(status));
                CHECK((failedAlready || child.output().contains("\nfailed ")));
                const QByteArray output = child.output();
                const qsizetype at = output.indexOf("\nfailed ");
                failures.append(QString::fromUtf8(output.mid(at + 8, output.indexOf('\n', at + 1) - at - 8)));
            }
        }
        syncsSeen += int(child.output().count("\nsynced"));
    }
    const qint64 roundsMs = roundsTimer.elapsed();
    qunsetenv("OCMS_SYNC_CHILD_CONNINFO");
    qunsetenv("OCMS_SYNC_CHILD_PASSWORD");
    std::cout << "sync fault test: " << kRounds << " rounds (" << cuts << " connection cuts) in " << roundsMs << " ms, " << syncsSeen
              << " syncs completed between kills; kills landed:";
    for (const auto& [phase, count] : landed) {
        std::cout << ' ' << phase.toStdString() << '=' << count;
    }
    std::cout << "; " << failures.size() << " syncs failed by themselves";
    for (const QString& failure : std::as_const(failures)) {
        std::cout << " [" << failure.left(160).toStdString() << ']';
    }
    std::cout << "; " << work.changes.size() << " offline changes (" << work.activities.size() << " activities)" << std::endl;
    CHECK(cuts == 2);
    // The kills reached the pushing and the pulling (the schedule is fixed; only extreme slowness could miss).
    CHECK(landed[QStringLiteral("push")] > 0);
    CHECK(landed[QStringLiteral("pull")] > 0);

    // One clean sync finishes the work; a second finds nothing left to send.
    {
        SyncEngine engine(officer.database(), store.field());
        auto clean = engine.run(store.deviceId(), QStringLiteral("Fault test laptop"));
        REQUIRE_OK(clean);
        CHECK(clean->conflicts == 0);
        CHECK(clean->rejected == 0);
        auto again = engine.run(store.deviceId(), QStringLiteral("Fault test laptop"));
        REQUIRE_OK(again);
        CHECK(again->sent == 0);
    }

    // Every change id is on record once, applied; no other change of this officer's is.
    CHECK(ownerCount(database, QStringLiteral("SELECT count(*) FROM sync.applied_changes WHERE change_id = ANY(%1) AND outcome = 'applied'")
                                   .arg(uuidArray(work.changes))) == work.changes.size());
    CHECK(ownerCount(database, QStringLiteral("SELECT count(*) FROM sync.applied_changes WHERE login = '%1'").arg(login)) == work.changes.size());
    // Every offline activity is on the server once, under its own id with its own notes.
    QList<QUuid> activityIds;
    for (const auto& [id, notes] : std::as_const(work.activities)) {
        activityIds.append(id);
    }
    CHECK(ownerCount(database, QStringLiteral("SELECT count(*) FROM field.activities WHERE notes LIKE 'Fault test activity %'")) ==
          work.activities.size());
    CHECK(ownerCount(database, QStringLiteral("SELECT count(DISTINCT notes) FROM field.activities WHERE notes LIKE 'Fault test activity %'")) ==
          work.activities.size());
    CHECK(ownerCount(database, QStringLiteral("SELECT count(*) FROM field.activities WHERE id = ANY(%1) AND deleted_at IS NULL")
                                   .arg(uuidArray(activityIds))) == work.activities.size());
    qsizetype matching = 0;
    {
        QSqlQuery query(database.connection());
        REQUIRE(query.exec(QStringLiteral("SELECT id::text, notes FROM field.activities WHERE id = ANY(%1)").arg(uuidArray(activityIds))));
        QHash<QString, QString> onServer;
        while (query.next()) {
            onServer.insert(query.value(0).toString(), query.value(1).toString());
        }
        for (const auto& [id, notes] : std::as_const(work.activities)) {
            matching += onServer.value(key(id)) == notes ? 1 : 0;
        }
    }
    CHECK(matching == work.activities.size());
    // Every status set offline is the lead's status on the server.
    for (const auto& [lead, status] : std::as_const(work.statuses)) {
        CHECK(ownerText(database, QStringLiteral("SELECT status FROM field.leads WHERE id = '%1'").arg(key(lead))) == status);
    }
    // The outbox is empty and nothing was kept as a problem.
    auto waiting = store.field().outbox().size();
    REQUIRE_OK(waiting);
    CHECK(*waiting == 0);
    auto problems = store.field().problems();
    REQUIRE_OK(problems);
    CHECK(problems->isEmpty());

    // The copy is the server's scope: the same leads, fugitive records and activities at the same row versions.
    const QString scope = QStringLiteral("SELECT l.id FROM field.leads l JOIN field.teams t ON t.id = l.team_id WHERE t.code = '%1' "
                                         "AND l.status NOT IN ('closed', 'invalid') AND l.deleted_at IS NULL")
                              .arg(team);
    const QStringList serverLeadRows =
        ownerRows(database, QStringLiteral("SELECT id || ':' || row_version FROM field.leads WHERE id IN (%1)").arg(scope));
    const QStringList serverFugitiveRows = ownerRows(
        database, QStringLiteral("SELECT id || ':' || row_version FROM field.fugitives WHERE id IN (SELECT fugitive_id FROM field.leads WHERE id IN (%1))")
                      .arg(scope));
    const QStringList serverActivityRows = ownerRows(
        database,
        QStringLiteral("SELECT id || ':' || row_version FROM field.activities WHERE lead_id IN (%1) AND deleted_at IS NULL").arg(scope));
    REQUIRE(serverLeadRows.size() > 10);
    CHECK(cacheRows(store.cache(), QStringLiteral("SELECT id || ':' || row_version FROM leads")) == serverLeadRows);
    CHECK(cacheRows(store.cache(), QStringLiteral("SELECT id || ':' || row_version FROM fugitives")) == serverFugitiveRows);
    CHECK(cacheRows(store.cache(), QStringLiteral("SELECT id || ':' || row_version FROM activities")) == serverActivityRows);
    CHECK(ownerCount(database, QStringLiteral("SELECT count(*) FROM (%1) s").arg(scope)) == serverLeadRows.size());

    // The copy still opens with the password, on a fresh connection, and SQLite finds nothing wrong in it.
    auto reopened = OfflineStore::unlock(folder.path(), login, kPassword);
    REQUIRE_OK(reopened);
    auto integrity = (*reopened)->cache().scalar(QStringLiteral("PRAGMA integrity_check"));
    REQUIRE_OK(integrity);
    CHECK(integrity->toString() == u"ok");
    auto reader = (*reopened)->openReader();
    REQUIRE_OK(reader);
    auto list = (*reopened)->field().leadList();
    REQUIRE_OK(list);
    CHECK(list->rows.size() == serverLeadRows.size());
    std::cout << "sync fault test: " << wholeTest.elapsed() << " ms in all" << std::endl;
}
