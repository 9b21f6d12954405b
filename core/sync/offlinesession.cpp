#include "offlinesession.h"

#include "db/database.h"
#include "db/sqlrowstream.h"
#include "db/sqlsession.h"
#include "db/threadconnection.h"
#include "syncengine.h"
#include "whenready.h"

#include <QSysInfo>
#include <QtConcurrent/QtConcurrentRun>

namespace ocms {

struct OfflineSession::ScreenCopy
{
    std::unique_ptr<EncryptedCache> cache;
    std::unique_ptr<Outbox> outbox;
    std::unique_ptr<FieldCache> field;
    std::unique_ptr<CaseCache> cases;
};

namespace {

QString summary(const SyncReport& report)
{
    QStringList parts;
    if (report.sent > 0) {
        QString sent = report.sent == 1 ? QStringLiteral("1 change sent") : QStringLiteral("%1 changes sent").arg(report.sent);
        QStringList kept;
        if (report.conflicts > 0) {
            kept.append(report.conflicts == 1 ? QStringLiteral("1 conflict to resolve") : QStringLiteral("%1 conflicts to resolve").arg(report.conflicts));
        }
        if (report.rejected > 0) {
            kept.append(report.rejected == 1 ? QStringLiteral("1 refused") : QStringLiteral("%1 refused").arg(report.rejected));
        }
        if (!kept.isEmpty()) {
            sent += QStringLiteral(" (") + kept.join(QStringLiteral(", ")) + u')';
        }
        parts.append(sent);
    }
    const qint64 received = report.leads + report.fugitives + report.activities;
    parts.append(received == 1 ? QStringLiteral("1 record received") : QStringLiteral("%1 records received").arg(received));
    if (report.removed > 0) {
        parts.append(report.removed == 1 ? QStringLiteral("1 removed") : QStringLiteral("%1 removed").arg(report.removed));
    }
    return QStringLiteral("Synced: ") + parts.join(QStringLiteral(", ")) + u'.';
}

} // namespace

OfflineSession::OfflineSession(QString dataDirectory, ConnectionSettings server, bool online, QObject* parent)
    : QObject(parent), m_dataDirectory(std::move(dataDirectory)), m_server(std::move(server)), m_login(m_server.user()),
      m_password(m_server.value(QStringLiteral("password"))), m_online(online)
{
    m_screenThread.setMaxThreadCount(1);
    m_syncThread.setMaxThreadCount(1);
    m_probe.setInterval(kProbeSeconds * 1000);
    m_periodic.setInterval(kPeriodicSyncMinutes * 60 * 1000);
    m_soon.setSingleShot(true);
    m_soon.setInterval(kSyncAfterChangeSeconds * 1000);
    connect(&m_probe, &QTimer::timeout, this, &OfflineSession::probe);
    connect(&m_periodic, &QTimer::timeout, this, &OfflineSession::syncNow);
    connect(&m_soon, &QTimer::timeout, this, &OfflineSession::syncNow);
}

OfflineSession::~OfflineSession()
{
    // Work in flight finishes before the copy it uses goes (a sync cut here would be safe, but not tidy).
    m_syncThread.waitForDone();
    m_screenThread.waitForDone();
}

QFuture<Result<void>> OfflineSession::open(bool create, KdfLimits limits)
{
    return openWith([this, create, limits]() {
        return create ? OfflineStore::openOrCreate(m_dataDirectory, m_login, m_password, limits)
                      : OfflineStore::unlock(m_dataDirectory, m_login, m_password);
    });
}

QFuture<Result<void>> OfflineSession::relock(const QString& previousPassword, KdfLimits limits)
{
    return openWith([this, previousPassword, limits]() {
        return OfflineStore::relock(m_dataDirectory, m_login, previousPassword, m_password, limits);
    });
}

QFuture<Result<void>> OfflineSession::openWith(std::function<Result<std::unique_ptr<OfflineStore>>()> unlock)
{
    return QtConcurrent::run(&m_syncThread, [this, unlock = std::move(unlock)]() -> Result<void> {
        auto store = unlock();
        if (!store) {
            return fail(store.error());
        }
        auto reader = (*store)->openReader();
        if (!reader) {
            return fail(reader.error());
        }
        auto screens = std::make_shared<ScreenCopy>();
        screens->cache = std::make_unique<EncryptedCache>(std::move(*reader));
        screens->outbox = std::make_unique<Outbox>(*screens->cache);
        screens->field = std::make_unique<FieldCache>(*screens->cache, *screens->outbox);
        screens->cases = std::make_unique<CaseCache>(*screens->cache, *screens->outbox);
        m_store = std::move(*store);
        m_screens = std::move(screens);
        m_opened.store(true);
        return {};
    });
}

template <class T>
QFuture<Result<T>> OfflineSession::onCopy(std::function<Result<T>(FieldCache&)> work)
{
    return QtConcurrent::run(&m_screenThread, [this, work = std::move(work)]() -> Result<T> {
        if (!m_opened.load()) {
            return fail(Error{ErrorCode::NotFound, QStringLiteral("The offline copy is not open."), {}});
        }
        return work(*m_screens->field);
    });
}

template <class T>
QFuture<Result<T>> OfflineSession::onCases(std::function<Result<T>(CaseCache&)> work)
{
    return QtConcurrent::run(&m_screenThread, [this, work = std::move(work)]() -> Result<T> {
        if (!m_opened.load()) {
            return fail(Error{ErrorCode::NotFound, QStringLiteral("The offline copy is not open."), {}});
        }
        return work(*m_screens->cases);
    });
}

QFuture<Result<RecordTable>> OfflineSession::caseList()
{
    return onCases<RecordTable>([](CaseCache& cases) { return cases.caseList(); });
}

QFuture<Result<QJsonObject>> OfflineSession::caseRecord(const QUuid& caseId)
{
    return onCases<QJsonObject>([caseId](CaseCache& cases) { return cases.caseRecord(caseId); });
}

QFuture<Result<RecordTable>> OfflineSession::caseDocuments(const QUuid& caseId)
{
    return onCases<RecordTable>([caseId](CaseCache& cases) { return cases.documents(caseId); });
}

QFuture<Result<QByteArray>> OfflineSession::documentContent(const QUuid& documentId)
{
    return onCases<QByteArray>([documentId](CaseCache& cases) { return cases.documentContent(documentId); });
}

QFuture<Result<RecordTable>> OfflineSession::waitingTimeEntries(const QUuid& caseId)
{
    return onCases<RecordTable>([caseId](CaseCache& cases) { return cases.waitingTimeEntries(caseId); });
}

QFuture<Result<QUuid>> OfflineSession::addTimeEntry(const QUuid& caseId, const QDate& workDate, double hours, const QString& note)
{
    return afterChange(onCases<QUuid>([=](CaseCache& cases) { return cases.addTimeEntry(caseId, workDate, hours, note); }));
}

QFuture<Result<RecordTable>> OfflineSession::leadList()
{
    return onCopy<RecordTable>([](FieldCache& field) { return field.leadList(); });
}

QFuture<Result<LeadDetail>> OfflineSession::lead(const QUuid& leadId)
{
    return onCopy<LeadDetail>([leadId](FieldCache& field) { return field.lead(leadId); });
}

QFuture<Result<QJsonObject>> OfflineSession::fugitive(const QUuid& fugitiveId)
{
    return onCopy<QJsonObject>([fugitiveId](FieldCache& field) { return field.fugitive(fugitiveId); });
}

QFuture<Result<QList<CachedPhotograph>>> OfflineSession::photographs(const QUuid& fugitiveId)
{
    return onCopy<QList<CachedPhotograph>>([fugitiveId](FieldCache& field) { return field.photographs(fugitiveId); });
}

QFuture<Result<OfflineStatus>> OfflineSession::status()
{
    return onCopy<OfflineStatus>([](FieldCache& field) { return field.status(); });
}

QFuture<Result<QList<SyncProblem>>> OfflineSession::problems()
{
    return onCopy<QList<SyncProblem>>([](FieldCache& field) { return field.problems(); });
}

// A future has one continuation: the screens' continuation goes on the future returned here, after this one.
QFuture<Result<QUuid>> OfflineSession::afterChange(QFuture<Result<QUuid>> change)
{
    // Runs on the screens' thread, which the destructor waits for: this is alive, and a queued call to a
    // session gone meanwhile is dropped.
    return change.then([this](const Result<QUuid>& queued) {
        if (queued) {
            QMetaObject::invokeMethod(this, [this] {
                Q_EMIT changed();
                if (m_online) {
                    m_soon.start(); // the supervisor sees it a few seconds later
                }
            }, Qt::QueuedConnection);
        }
        return queued;
    });
}

QFuture<Result<QUuid>> OfflineSession::addActivity(const QUuid& leadId, const OfflineActivity& activity)
{
    auto done = onCopy<QUuid>([leadId, activity](FieldCache& field) { return field.addActivity(leadId, activity); });
    return afterChange(done);
}

QFuture<Result<QUuid>> OfflineSession::setLeadStatus(const QUuid& leadId, const QString& status, const QString& closeReason)
{
    auto done = onCopy<QUuid>([leadId, status, closeReason](FieldCache& field) { return field.setLeadStatus(leadId, status, closeReason); });
    return afterChange(done);
}

QFuture<Result<QUuid>> OfflineSession::recordArrest(const QUuid& leadId, const OfflineArrest& arrest)
{
    auto done = onCopy<QUuid>([leadId, arrest](FieldCache& field) { return field.recordArrest(leadId, arrest); });
    return afterChange(done);
}

QFuture<Result<QList<SyncConflict>>> OfflineSession::conflicts()
{
    return QtConcurrent::run([server = m_server]() {
        return withThreadConnection<QList<SyncConflict>>(server, QStringLiteral("conflicts"), [](QSqlDatabase& database) -> Result<QList<SyncConflict>> {
            QList<SyncConflict> conflicts;
            auto read = streamRows(database,
                                   QStringLiteral("SELECT c.id, coalesce((SELECT l.lead_number FROM field.leads l WHERE l.id = c.target_id), "
                                                  "  c.target_id::text), c.field, c.local_value #>> '{}', c.server_value #>> '{}', c.created_at "
                                                  "FROM sync.conflicts c WHERE c.resolved_at IS NULL AND c.login = session_user ORDER BY c.created_at"),
                                   {}, [&](const QSqlQuery& row) -> Result<void> {
                                       conflicts.append({QUuid(row.value(0).toString()), row.value(1).toString(), row.value(2).toString(),
                                                         row.value(3).toString(), row.value(4).toString(), row.value(5).toDateTime()});
                                       return {};
                                   });
            if (!read) {
                return fail(read.error());
            }
            return conflicts;
        });
    });
}

QFuture<Result<void>> OfflineSession::resolveConflict(const QUuid& conflictId, const QString& choice)
{
    return QtConcurrent::run([server = m_server, conflictId, choice]() {
        return withThreadConnection<void>(server, QStringLiteral("conflicts"), [&](QSqlDatabase& database) {
            return SqlSession(database).exec(QStringLiteral("SELECT sync.resolve_conflict(?::uuid, ?)"),
                                             {conflictId.toString(QUuid::WithoutBraces), choice});
        });
    });
}

void OfflineSession::startAutomaticSync()
{
    m_periodic.start();
    if (m_online) {
        syncNow();
    } else {
        m_probe.start();
    }
}

void OfflineSession::setOnline(bool online)
{
    if (m_online == online) {
        return;
    }
    m_online = online;
    if (online) {
        m_probe.stop();
    } else {
        m_probe.start();
    }
    Q_EMIT onlineChanged(online);
}

void OfflineSession::probe()
{
    ConnectionSettings quick = m_server;
    quick.setValue(QStringLiteral("connect_timeout"), QStringLiteral("3"));
    whenReady(this, QtConcurrent::run([quick]() {
                  return withThreadConnection<void>(quick, QStringLiteral("probe"), [](QSqlDatabase&) -> Result<void> { return {}; });
              }),
              [this](const Result<void>& answered) {
                  if (answered) {
                      setOnline(true);
                      syncNow(); // back in range: the outbox goes at once
                  }
              });
}

void OfflineSession::syncNow()
{
    if (!m_opened.load()) {
        return;
    }
    if (m_syncing) {
        m_syncAgain = true;
        return;
    }
    m_syncing = true;
    Q_EMIT syncStarted();
    whenReady(this, QtConcurrent::run(&m_syncThread, [this]() -> Result<SyncReport> {
        auto report = withThreadConnection<SyncReport>(m_server, QStringLiteral("sync"), [&](QSqlDatabase& database) -> Result<SyncReport> {
            SyncEngine engine(database, m_store->field());
            engine.onProgress([this](const SyncProgress& progress) {
                QMetaObject::invokeMethod(this, [this, progress] { Q_EMIT syncProgress(progress.phase, progress.done); }, Qt::QueuedConnection);
            });
            auto done = engine.run(m_store->deviceId(), QSysInfo::machineHostName());
            if (done && done->wipeOrdered) {
                // The administrator's order: the key file first (unreadable from that instant), then the cache.
                m_opened.store(false);
                if (auto wiped = m_store->wipe(); !wiped) {
                    return fail(wiped.error());
                }
                if (auto confirmed = SqlSession(database).exec(QStringLiteral("SELECT sync.confirm_wipe(?::uuid)"),
                                                               {m_store->deviceId().toString(QUuid::WithoutBraces)});
                    !confirmed) {
                    return fail(confirmed.error());
                }
            }
            return done;
        });
        return report;
    }), [this](const Result<SyncReport>& report) { syncFinishedWith(report); });
}

void OfflineSession::syncFinishedWith(const Result<SyncReport>& report)
{
    m_syncing = false;
    if (!report) {
        if (report.error().code == ErrorCode::Connection) {
            setOnline(false);
            Q_EMIT syncFinished(false, QStringLiteral("The server cannot be reached: working on the offline copy. Changes wait until it answers again."));
        } else {
            Q_EMIT syncFinished(false, report.error().userMessage);
        }
        Q_EMIT changed();
        return;
    }
    setOnline(true);
    if (report->wipeOrdered) {
        m_periodic.stop();
        // The screens' own connection to the deleted copy closes too, on their thread (after any work queued there).
        (void)QtConcurrent::run(&m_screenThread, [screens = m_screens] {
            if (screens) {
                screens->cache->close();
            }
        });
        Q_EMIT wiped(QStringLiteral("An administrator ordered the offline copy on this computer wiped. It has been deleted."));
        return;
    }
    Q_EMIT syncFinished(true, summary(*report));
    Q_EMIT changed();
    if (m_syncAgain) {
        m_syncAgain = false;
        syncNow();
    }
}

} // namespace ocms
