#pragma once

#include "db/connectionsettings.h"
#include "offlinestore.h"
#include "syncconflict.h"
#include "syncreport.h"

#include <QFuture>
#include <QObject>
#include <QThreadPool>
#include <QTimer>

#include <atomic>
#include <memory>
#include <mutex>

namespace ocms {

// A field officer's offline copy while the application runs: opens it off the GUI thread, answers the
// offline screens (reads and changes, one at a time on a thread of their own, over a connection of their
// own), and syncs on a second thread — on demand, soon after each offline change, every few minutes, and
// as soon as the server answers again after it was lost (probed every 30 seconds).
class OfflineSession final : public QObject
{
    Q_OBJECT

public:
    static constexpr int kProbeSeconds = 30;
    static constexpr int kPeriodicSyncMinutes = 5;
    static constexpr int kSyncAfterChangeSeconds = 3;

    // server: how to reach the server as this user (the password inside unlocks the copy too); online: whether
    // the user just signed in to it (false: started without it).
    OfflineSession(QString dataDirectory, ConnectionSettings server, bool online, QObject* parent = nullptr);
    ~OfflineSession() override;

    // create: signed in to the server, so a missing copy may be made; otherwise only an existing copy opens.
    QFuture<Result<void>> open(bool create, KdfLimits limits = KdfLimits::moderate());
    // The copy is still locked with the user's previous password: re-locks it with the current one and opens it.
    QFuture<Result<void>> relock(const QString& previousPassword, KdfLimits limits = KdfLimits::moderate());
    bool isOpen() const { return m_opened.load(); }
    bool isOnline() const { return m_online; }
    bool isSyncing() const { return m_syncing; }
    const QString& login() const { return m_login; }

    QFuture<Result<RecordTable>> leadList();
    QFuture<Result<LeadDetail>> lead(const QUuid& leadId);
    QFuture<Result<QJsonObject>> fugitive(const QUuid& fugitiveId);
    QFuture<Result<QList<CachedPhotograph>>> photographs(const QUuid& fugitiveId);
    QFuture<Result<OfflineStatus>> status();
    QFuture<Result<QList<SyncProblem>>> problems();
    QFuture<Result<QUuid>> addActivity(const QUuid& leadId, const OfflineActivity& activity);
    QFuture<Result<QUuid>> setLeadStatus(const QUuid& leadId, const QString& status, const QString& closeReason);
    QFuture<Result<QUuid>> recordArrest(const QUuid& leadId, const OfflineArrest& arrest);

    // An attorney's pinned cases in the copy.
    QFuture<Result<RecordTable>> caseList();
    QFuture<Result<QJsonObject>> caseRecord(const QUuid& caseId);
    QFuture<Result<RecordTable>> caseDocuments(const QUuid& caseId);
    QFuture<Result<QByteArray>> documentContent(const QUuid& documentId);
    QFuture<Result<RecordTable>> waitingTimeEntries(const QUuid& caseId);
    QFuture<Result<QUuid>> addTimeEntry(const QUuid& caseId, const QDate& workDate, double hours, const QString& note);

    // The user's conflicts awaiting a choice (on the server: online only) and the choice ('local'|'server').
    QFuture<Result<QList<SyncConflict>>> conflicts();
    QFuture<Result<void>> resolveConflict(const QUuid& conflictId, const QString& choice);

    // Starts the timers (probe, periodic sync) and syncs at once when online; call once the copy is open.
    void startAutomaticSync();

public Q_SLOTS:
    void syncNow();

Q_SIGNALS:
    void syncStarted();
    void syncProgress(const QString& phase, qint64 done);
    void syncFinished(bool success, const QString& message);
    void onlineChanged(bool online);
    void changed();          // the copy changed (a sync, an offline change): screens reload
    void wiped(const QString& message);

private:
    template <class T>
    QFuture<Result<T>> onCopy(std::function<Result<T>(FieldCache&)> work);
    template <class T>
    QFuture<Result<T>> onCases(std::function<Result<T>(CaseCache&)> work);
    QFuture<Result<void>> openWith(std::function<Result<std::unique_ptr<OfflineStore>>()> unlock);
    QFuture<Result<QUuid>> afterChange(QFuture<Result<QUuid>> change);
    void setOnline(bool online);
    void probe();
    void syncFinishedWith(const Result<SyncReport>& report);

    QString m_dataDirectory;
    ConnectionSettings m_server;
    QString m_login;
    QString m_password;
    std::unique_ptr<OfflineStore> m_store;     // used by the sync thread only, once open
    std::atomic<bool> m_opened = false;
    struct ScreenCopy;                          // the screens' own connection (reads and offline changes)
    std::shared_ptr<ScreenCopy> m_screens;
    QThreadPool m_screenThread;                 // one thread: the screens' work in the order asked
    QThreadPool m_syncThread;                   // one thread: syncs, never two at once
    QTimer m_probe;
    QTimer m_periodic;
    QTimer m_soon;
    bool m_online = true;
    bool m_syncing = false;
    bool m_syncAgain = false;
};

} // namespace ocms
