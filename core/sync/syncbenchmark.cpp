#include "syncbenchmark.h"

#include "db/sqlrowstream.h"
#include "db/sqlsession.h"

#include "db/benchmarkworld.h"
#include "db/database.h"
#include "db/scopedconnection.h"
#include "db/sqlerrortranslator.h"
#include "casecache.h"
#include "offlinestore.h"
#include "syncengine.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>

#include <atomic>
#include <memory>
#include <thread>

namespace ocms {

namespace {

constexpr int kPushActivities = 9'000;
constexpr int kPushEdits = 1'000;        // one address edit per lead of SYNC-PUSH
constexpr int kIncrementalLeads = 5'000;
constexpr int kIncrementalActivities = 5'000;
constexpr int kReadPauseMs = 5;

const QString kBench = QStringLiteral("sync");

double msSince(const QElapsedTimer& timer)
{
    return double(timer.nsecsElapsed()) / 1e6;
}

Result<void> execute(QSqlDatabase& database, const QString& sql, const QVariantList& binds = {})
{
    return SqlSession(database).exec(sql, binds);
}

Result<QStringList> column(QSqlDatabase& database, const QString& sql, const QVariantList& binds = {})
{
    QStringList values;
    auto read = streamRows(database, sql, binds, [&](const QSqlQuery& row) -> Result<void> {
        values.append(row.value(0).toString());
        return {};
    });
    if (!read) {
        return fail(read.error());
    }
    return values;
}

// A copy in a folder of its own: encrypted with a random key, or (for the overhead's baseline) plain.
struct BenchCopy
{
    QTemporaryDir folder;
    SecretKey key = SecretKey::random();
    std::optional<EncryptedCache> cache;
    std::optional<Outbox> outbox;
    std::optional<FieldCache> field;

    QString path() const { return folder.path() + QStringLiteral("/bench.cache"); }

    static Result<std::unique_ptr<BenchCopy>> make(bool encrypted)
    {
        auto copy = std::make_unique<BenchCopy>();
        if (!copy->folder.isValid()) {
            return fail(Error::io(QStringLiteral("No temporary folder for the benchmark's offline copy."), copy->folder.errorString()));
        }
        auto opened = encrypted ? EncryptedCache::open(copy->path(), copy->key) : EncryptedCache::openUnencryptedForBenchmark(copy->path());
        if (!opened) {
            return fail(opened.error());
        }
        copy->cache.emplace(std::move(*opened));
        copy->outbox.emplace(*copy->cache);
        copy->field.emplace(*copy->cache, *copy->outbox);
        if (auto ready = copy->field->ensureSchema(); !ready) {
            return fail(ready.error());
        }
        // The pull also brings pinned cases (none for a field officer): their tables must exist.
        if (auto ready = CaseCache(*copy->cache, *copy->outbox).ensureSchema(); !ready) {
            return fail(ready.error());
        }
        return copy;
    }
};

// Both benchmark teams, their leads, fugitive records (each with a person) and SYNC-BENCH's activities:
// deterministic ids, so a second run adds nothing.
Result<void> seedTeam(QSqlDatabase& owner, const QString& code, const QString& tag, qint64 leads, int activitiesPerLead)
{
    const QString office = QStringLiteral("(SELECT id FROM core.offices WHERE code = 'FO-ATL')");
    if (auto done = execute(owner, QStringLiteral("INSERT INTO field.teams (id, code, name, office_id) VALUES (md5('syncbench-team-' || ?)::uuid, ?, ?, %1) "
                                              "ON CONFLICT (code) DO NOTHING")
                                   .arg(office),
                        {code, code, QStringLiteral("Sync benchmark %1").arg(code)});
        !done) {
        return done;
    }
    if (auto done = execute(owner, QStringLiteral("INSERT INTO core.people (id, family_name, given_name, date_of_birth, sex, nationality) "
                                              "SELECT md5('syncbench-person-' || ? || g)::uuid, 'Syncbench' || ? || g, 'Given' || (g % 97), "
                                              "  DATE '1970-01-01' + (g % 12000)::int, 'M', 'MX' "
                                              "FROM generate_series(1, ?) g ON CONFLICT (id) DO NOTHING"),
                        {tag, tag, leads});
        !done) {
        return done;
    }
    if (auto done = execute(owner, QStringLiteral("INSERT INTO field.fugitives (id, person_id, office_id, criminal, threat_score) "
                                              "SELECT md5('syncbench-fugitive-' || ? || g)::uuid, md5('syncbench-person-' || ? || g)::uuid, %1, "
                                              "  g % 3 = 0, (g % 50)::numeric "
                                              "FROM generate_series(1, ?) g ON CONFLICT (id) DO NOTHING")
                                   .arg(office),
                        {tag, tag, leads});
        !done) {
        return done;
    }
    if (auto done = execute(owner, QStringLiteral("INSERT INTO field.leads (id, fugitive_id, source_id, team_id, assigned_by, assigned_at, status, "
                                              "  address_line1, address_city, address_state, address_zip, notes) "
                                              "SELECT md5('syncbench-lead-' || ? || g)::uuid, md5('syncbench-fugitive-' || ? || g)::uuid, "
                                              "  (SELECT id FROM field.lead_sources ORDER BY code LIMIT 1), md5('syncbench-team-' || ?)::uuid, "
                                              "  'manual', now(), 'assigned', g || ' Benchmark Way', 'Atlanta', 'GA', (30000 + g % 1000)::text, "
                                              "  'Seeded for ocmsctl bench sync' "
                                              "FROM generate_series(1, ?) g ON CONFLICT (id) DO NOTHING"),
                        {tag, tag, code, leads});
        !done) {
        return done;
    }
    if (activitiesPerLead > 0) {
        if (auto done = execute(owner, QStringLiteral("INSERT INTO field.activities (id, lead_id, fugitive_id, activity_type, officer_name, location, "
                                                  "  occurred_at, notes) "
                                                  "SELECT md5('syncbench-activity-' || ? || g || '-' || k)::uuid, md5('syncbench-lead-' || ? || g)::uuid, "
                                                  "  md5('syncbench-fugitive-' || ? || g)::uuid, 'surveillance', 'Benchmark Officer', 'Benchmark Way', "
                                                  "  now() - make_interval(mins => (g + k)::int), 'Seeded activity ' || k || ' of lead ' || g "
                                                  "FROM generate_series(1, ?) g, generate_series(1, ?) k ON CONFLICT (id) DO NOTHING"),
                            {tag, tag, tag, leads, activitiesPerLead});
            !done) {
            return done;
        }
    }
    return {};
}

// Reads one lead after another on a connection of its own until told to stop, a pause between reads;
// each read's duration in ms.
class Reader
{
public:
    // key null: a plain SQLite copy.
    Reader(const QString& path, const SecretKey* key, QStringList leads) : m_path(path), m_key(key), m_leads(std::move(leads)) {}
    ~Reader() { stop(); }

    void start()
    {
        m_thread = std::thread([this] {
            auto cache = m_key ? EncryptedCache::open(m_path, *m_key) : EncryptedCache::openUnencryptedForBenchmark(m_path);
            if (!cache) {
                m_error = cache.error().userMessage;
                return;
            }
            Outbox outbox(*cache);
            FieldCache field(*cache, outbox);
            QRandomGenerator random(7);
            while (!m_stop.load()) {
                const QUuid lead(m_leads.at(random.bounded(int(m_leads.size()))));
                QElapsedTimer timer;
                timer.start();
                auto read = field.lead(lead); // NotFound while the pull has not written it yet: still a read
                m_samples.append(msSince(timer));
                if (!read && read.error().code != ErrorCode::NotFound) {
                    m_error = read.error().userMessage + u' ' + read.error().detail;
                    return;
                }
                std::this_thread::sleep_for(std::chrono::milliseconds(kReadPauseMs));
            }
        });
    }
    void stop()
    {
        m_stop.store(true);
        if (m_thread.joinable()) {
            m_thread.join();
        }
    }
    const QList<double>& samples() const { return m_samples; }
    const QString& error() const { return m_error; }

private:
    QString m_path;
    const SecretKey* m_key;
    QStringList m_leads;
    std::thread m_thread;
    std::atomic<bool> m_stop{false};
    QList<double> m_samples;
    QString m_error;
};

double maximum(const QList<double>& samples)
{
    return samples.isEmpty() ? 0 : *std::max_element(samples.begin(), samples.end());
}

} // namespace

Result<QList<BenchmarkLine>> SyncBenchmark::run(const std::function<void(const BenchmarkLine&)>& emitLine)
{
    const auto progress = [this](const QString& message) {
        if (m_options.progress) {
            m_options.progress(message);
        }
    };
    ScopedConnection ownerConnection(m_owner, QStringLiteral("bench-sync-owner"));
    if (!ownerConnection.ok()) {
        return fail(ownerConnection.error());
    }
    QSqlDatabase& owner = ownerConnection.database();
    progress(QStringLiteral("Seeding the benchmark teams (once)"));
    if (auto seeded = seedTeam(owner, QStringLiteral("SYNC-BENCH"), QStringLiteral("b"), m_options.leads, m_options.activitiesPerLead); !seeded) {
        return fail(seeded.error());
    }
    if (auto seeded = seedTeam(owner, QStringLiteral("SYNC-PUSH"), QStringLiteral("p"), kPushEdits, 0); !seeded) {
        return fail(seeded.error());
    }
    const QString password = BenchmarkWorld::newPassword();
    for (const auto& [login, team] : {std::pair{QStringLiteral("bench.sync"), QStringLiteral("SYNC-BENCH")},
                                      std::pair{QStringLiteral("bench.syncpush"), QStringLiteral("SYNC-PUSH")}}) {
        if (auto made = execute(owner, QStringLiteral("SELECT core.create_login(?, ?, 'Benchmark Field Officer', '{field_write}', 'FO-ATL', '{}')"),
                            {login, password});
            !made) {
            return fail(made.error());
        }
        if (auto member = execute(owner, QStringLiteral("INSERT INTO field.team_members (team_id, user_id) SELECT t.id, u.id FROM field.teams t, core.users u "
                                                    "WHERE t.code = ? AND u.login = ? ON CONFLICT DO NOTHING"),
                              {team, login});
            !member) {
            return fail(member.error());
        }
    }
    auto leadIds = column(owner, QStringLiteral("SELECT l.id::text FROM field.leads l JOIN field.teams t ON t.id = l.team_id "
                                                "WHERE t.code = 'SYNC-BENCH' AND l.status NOT IN ('closed', 'invalid') AND l.deleted_at IS NULL "
                                                "ORDER BY l.id"));
    if (!leadIds) {
        return fail(leadIds.error());
    }
    if (leadIds->size() < kIncrementalLeads) {
        return fail(Error::validation(QStringLiteral("SYNC-BENCH has %1 open leads; the benchmark needs at least %2.").arg(leadIds->size()).arg(kIncrementalLeads)));
    }
    progress(QStringLiteral("SYNC-BENCH: %1 open leads").arg(leadIds->size()));

    const auto officer = [&](const QString& login, const QString& name) -> Result<QSqlDatabase> {
        ConnectionSettings settings = m_owner;
        settings.setUser(login);
        settings.setPassword(password);
        return Database::open(settings, name);
    };
    const QString pullName = QStringLiteral("bench-sync-officer");
    const QString pushName = QStringLiteral("bench-sync-push-officer");
    // Declared before the connections' handles, so it closes them after the handles are gone.
    struct Closer
    {
        QStringList names;
        ~Closer()
        {
            for (const QString& name : names) {
                Database::close(name);
            }
        }
    } closer{{pullName, pushName}};
    auto pullServer = officer(QStringLiteral("bench.sync"), pullName);
    auto pushServer = officer(QStringLiteral("bench.syncpush"), pushName);
    if (!pullServer || !pushServer) {
        return fail(!pullServer ? pullServer.error() : pushServer.error());
    }

    QList<double> pushMs, pushRawMs, firstMs, plainMs, incrementalMs, unlockMs;
    QList<double> readsDuringPull, readsIdle;
    qint64 firstRecords = 0;
    QString firstDetail;
    qint64 incrementalRecords = 0;
    QRandomGenerator random(8);
    for (int runNumber = 0; runNumber < m_options.runs; ++runNumber) {
        // First pull, encrypted and plain, in alternating order; the encrypted one with a reader beside it.
        std::unique_ptr<BenchCopy> encryptedCopy;
        for (const bool encrypted : runNumber % 2 == 0 ? QList<bool>{true, false} : QList<bool>{false, true}) {
            auto copy = BenchCopy::make(encrypted);
            if (!copy) {
                return fail(copy.error());
            }
            // Reads beside both pulls, so the two are measured alike; the encrypted one's are reported.
            std::optional<Reader> reader;
            reader.emplace((*copy)->path(), encrypted ? &(*copy)->key : nullptr, leadIds->mid(0, 2000));
            reader->start();
            SyncEngine engine(*pullServer, *(*copy)->field);
            SyncReport report;
            QElapsedTimer timer;
            timer.start();
            auto pulled = engine.pull(report);
            const double ms = msSince(timer);
            if (reader) {
                reader->stop();
                if (!reader->error().isEmpty()) {
                    return fail(Error::io(QStringLiteral("The reader beside the pull failed."), reader->error()));
                }
                if (encrypted) {
                    readsDuringPull.append(reader->samples());
                }
            }
            if (!pulled) {
                return fail(pulled.error());
            }
            (encrypted ? firstMs : plainMs).append(ms);
            firstRecords = report.leads + report.fugitives + report.activities;
            firstDetail = QStringLiteral("%1 leads + %2 fugitive records + %3 activities").arg(report.leads).arg(report.fugitives).arg(report.activities);
            progress(QStringLiteral("run %1: first pull (%2) of %3 records: %4 ms").arg(runNumber + 1)
                         .arg(encrypted ? QStringLiteral("encrypted") : QStringLiteral("plain SQLite")).arg(firstRecords).arg(ms, 0, 'f', 0));
            if (encrypted) {
                encryptedCopy = std::move(*copy);
            }
        }
        // The same reads on the idle, full copy: the baseline of the wait.
        {
            Reader idle(encryptedCopy->path(), &encryptedCopy->key, leadIds->mid(0, 2000));
            idle.start();
            std::this_thread::sleep_for(std::chrono::milliseconds(1500));
            idle.stop();
            readsIdle.append(idle.samples());
        }

        // Incremental: 5,000 leads and 5,000 activities changed on the server (the owner may correct an
        // activity; users may not), then pulled into the full copy.
        const int offset = int(random.bounded(qint64(leadIds->size() - kIncrementalLeads + 1)));
        const QString stamp = QStringLiteral("run %1.%2").arg(runNumber).arg(QDateTime::currentMSecsSinceEpoch());
        if (auto changed = execute(owner, QStringLiteral("UPDATE field.leads SET address_line1 = ? || ' Benchmark Way' WHERE id = ANY(?::uuid[])"),
                               {stamp, QString(u'{' + leadIds->mid(offset, kIncrementalLeads).join(u',') + u'}')});
            !changed) {
            return fail(changed.error());
        }
        if (auto changed = execute(owner, QStringLiteral("UPDATE field.activities SET location = ? WHERE id IN (SELECT a.id FROM field.activities a "
                                                     "WHERE a.lead_id = ANY(?::uuid[]) ORDER BY a.id LIMIT ?)"),
                               {stamp, QString(u'{' + leadIds->mid(0, kIncrementalActivities).join(u',') + u'}'), kIncrementalActivities});
            !changed) {
            return fail(changed.error());
        }
        // The cursor is the oldest transaction still writing anywhere in the cluster (pg_snapshot_xmin): a long
        // writer elsewhere (an import) makes every pull bring again all written since it began.
        if (auto writers = column(owner, QStringLiteral("SELECT count(*) || ' since ' || coalesce(min(xact_start)::text, '-') FROM pg_stat_activity "
                                                       "WHERE backend_xid IS NOT NULL AND pid <> pg_backend_pid()"));
            writers && !writers->isEmpty() && !writers->first().startsWith(u'0')) {
            progress(QStringLiteral("run %1: other transactions writing in the cluster: %2 (the incremental pull brings more than 10,000 rows)")
                         .arg(runNumber + 1).arg(writers->first()));
        }
        {
            SyncEngine engine(*pullServer, *encryptedCopy->field);
            SyncReport report;
            QElapsedTimer timer;
            timer.start();
            auto pulled = engine.pull(report);
            const double ms = msSince(timer);
            if (!pulled) {
                return fail(pulled.error());
            }
            incrementalMs.append(ms);
            incrementalRecords = report.leads + report.fugitives + report.activities + report.removed;
            progress(QStringLiteral("run %1: incremental pull of %2 records (%3 leads, %4 activities): %5 ms").arg(runNumber + 1)
                         .arg(incrementalRecords).arg(report.leads).arg(report.activities).arg(ms, 0, 'f', 0));
        }
        encryptedCopy.reset();

        // Push: a fresh copy of SYNC-PUSH, 10,000 offline changes, sent.
        {
            auto copy = BenchCopy::make(true);
            if (!copy) {
                return fail(copy.error());
            }
            FieldCache& field = *(*copy)->field;
            SyncEngine engine(*pushServer, field);
            SyncReport setup;
            if (auto pulled = engine.pull(setup); !pulled) {
                return fail(pulled.error());
            }
            auto leads = (*copy)->cache->rows(QStringLiteral("SELECT id, row_version, detail FROM leads ORDER BY id"));
            if (!leads) {
                return fail(leads.error());
            }
            if (leads->size() < kPushEdits) {
                return fail(Error::validation(QStringLiteral("SYNC-PUSH has %1 open leads; the benchmark needs %2.").arg(leads->size()).arg(kPushEdits)));
            }
            const QDateTime when = QDateTime::currentDateTimeUtc().addSecs(-3600);
            for (int i = 0; i < kPushActivities; ++i) {
                const QUuid lead(leads->at(i % leads->size()).at(0).toString());
                if (auto logged = field.addActivity(lead, {QStringLiteral("surveillance"), when, QStringLiteral("Benchmark Way"),
                                                           QStringLiteral("Bench push %1").arg(i)});
                    !logged) {
                    return fail(logged.error());
                }
            }
            for (int i = 0; i < kPushEdits; ++i) {
                const QVariantList& lead = leads->at(i);
                const QJsonObject fields{{QStringLiteral("address_line1"),
                                          QJsonObject{{QStringLiteral("old"), QJsonDocument::fromJson(lead.at(2).toByteArray())
                                                                                  .object()
                                                                                  .value(QStringLiteral("address_line1"))},
                                                      {QStringLiteral("new"), QStringLiteral("%1 Pushed Ave (%2)").arg(i).arg(stamp)}}}};
                if (auto queued = field.outbox().add(QStringLiteral("update_fields"), QStringLiteral("field.leads"), QUuid(lead.at(0).toString()),
                                                     lead.at(1).toLongLong(), {{QStringLiteral("fields"), fields}});
                    !queued) {
                    return fail(queued.error());
                }
            }
            SyncReport report;
            QElapsedTimer timer;
            timer.start();
            auto pushed = engine.push(report);
            const double ms = msSince(timer);
            if (!pushed) {
                return fail(pushed.error());
            }
            if (report.applied != kPushActivities + kPushEdits) {
                return fail(Error::validation(QStringLiteral("The push applied %1 of %2 changes (%3 conflicts, %4 refused).")
                                                  .arg(report.applied).arg(kPushActivities + kPushEdits).arg(report.conflicts).arg(report.rejected)));
            }
            pushMs.append(ms);
            // Baseline: the same rows written bare by the owner, two statements in one transaction; then the
            // benchmark's activities go again (the owner's retention disposal), so the team does not grow.
            const QString pushLeads = QStringLiteral("(SELECT l.id FROM field.leads l JOIN field.teams t ON t.id = l.team_id WHERE t.code = 'SYNC-PUSH')");
            owner.transaction();
            timer.restart();
            auto rawActivities = execute(owner, QStringLiteral("INSERT INTO field.activities (id, lead_id, fugitive_id, activity_type, officer_name, location, "
                                                           "  occurred_at, notes) "
                                                           "SELECT gen_random_uuid(), l.id, l.fugitive_id, 'surveillance', 'Benchmark Officer', 'Benchmark Way', "
                                                           "  now() - interval '1 hour', 'Bench push raw' "
                                                           "FROM generate_series(1, ?) g JOIN (SELECT id, fugitive_id, row_number() OVER (ORDER BY id) - 1 AS n "
                                                           "  FROM field.leads WHERE id IN %1) l ON l.n = g % ?")
                                                .arg(pushLeads),
                                     {kPushActivities, kPushEdits});
            auto rawEdits = execute(owner, QStringLiteral("UPDATE field.leads SET address_line1 = 'Raw ' || ? WHERE id IN %1").arg(pushLeads), {stamp});
            if (!rawActivities || !rawEdits) {
                owner.rollback();
                return fail(!rawActivities ? rawActivities.error() : rawEdits.error());
            }
            if (!owner.commit()) {
                return fail(SqlErrorTranslator::translate(owner.lastError()));
            }
            pushRawMs.append(msSince(timer));
            if (auto cleared = execute(owner, QStringLiteral("DELETE FROM field.activities WHERE lead_id IN %1 AND notes LIKE 'Bench push%'").arg(pushLeads));
                !cleared) {
                return fail(cleared.error());
            }
            progress(QStringLiteral("run %1: push of %2 changes: %3 ms (raw %4 ms)").arg(runNumber + 1).arg(report.sent).arg(ms, 0, 'f', 0)
                         .arg(pushRawMs.last(), 0, 'f', 0));
        }

        // Unlock with production limits.
        {
            QTemporaryDir folder;
            const QString unlockPassword = BenchmarkWorld::newPassword();
            {
                auto made = OfflineStore::openOrCreate(folder.path(), QStringLiteral("bench.unlock"), unlockPassword, KdfLimits::moderate());
                if (!made) {
                    return fail(made.error());
                }
            }
            QElapsedTimer timer;
            timer.start();
            auto unlocked = OfflineStore::unlock(folder.path(), QStringLiteral("bench.unlock"), unlockPassword);
            const double ms = msSince(timer);
            if (!unlocked) {
                return fail(unlocked.error());
            }
            unlockMs.append(ms);
            progress(QStringLiteral("run %1: unlock (moderate): %2 ms").arg(runNumber + 1).arg(ms, 0, 'f', 0));
        }
    }

    QList<BenchmarkLine> lines;
    const auto add = [&](const QString& metric, double value, const QString& unit, std::optional<double> goal, std::optional<double> baseline,
                         bool onRatio = false) {
        BenchmarkLine line{kBench, metric, value, unit, goal, false, baseline, onRatio};
        emitLine(line);
        lines.append(line);
    };
    progress(QStringLiteral("first pull wrote %1").arg(firstDetail));
    add(QStringLiteral("push-10000-changes-median"), BenchmarkLine::median(pushMs), QStringLiteral("ms"), 3000, BenchmarkLine::median(pushRawMs));
    add(QStringLiteral("first-pull-%1-records-median").arg(firstRecords), BenchmarkLine::median(firstMs), QStringLiteral("ms"), 5000, std::nullopt);
    add(QStringLiteral("incremental-pull-%1-changes-median").arg(incrementalRecords), BenchmarkLine::median(incrementalMs), QStringLiteral("ms"), 2000,
        std::nullopt);
    add(QStringLiteral("read-wait-during-pull-max"), maximum(readsDuringPull), QStringLiteral("ms"), 100, maximum(readsIdle));
    add(QStringLiteral("read-wait-during-pull-p99"), BenchmarkLine::percentile(readsDuringPull, 0.99), QStringLiteral("ms"), std::nullopt,
        BenchmarkLine::percentile(readsIdle, 0.99));
    add(QStringLiteral("unlock-moderate-median"), BenchmarkLine::median(unlockMs), QStringLiteral("ms"), 1000, std::nullopt);
    add(QStringLiteral("sqlcipher-overhead-first-pull"), BenchmarkLine::median(firstMs), QStringLiteral("ms"), 1.3, BenchmarkLine::median(plainMs), true);
    return lines;
}

} // namespace ocms
