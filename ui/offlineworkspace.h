#pragma once

#include "db/dropdowncatalog.h"
#include "latestanswer.h"
#include "sync/syncconflict.h"

#include <QUuid>
#include <QWidget>

class QLabel;
class QProgressBar;
class QPushButton;
class QTabWidget;
class QTableWidget;

namespace ocms {

class MessageBanner;
class OfflinePinnedCasesView;
class OfflineSession;
class RecordFormDialog;
class RecordListTab;

// The laptop's copy of the team's open leads, online or not: what is cached and when it was last synced,
// a lead with its fugitive and activities, offline work (activities, status, arrests) that waits in the
// outbox, Sync now with progress, and every change the server did not take — conflicts with both values to
// choose from, refusals with the reason.
class OfflineWorkspace final : public QWidget
{
    Q_OBJECT

public:
    explicit OfflineWorkspace(OfflineSession* session, QWidget* parent = nullptr);

    RecordListTab* leads() const { return m_leads; }
    RecordListTab* activities() const { return m_activities; }
    QTableWidget* attention() const { return m_attention; }
    OfflinePinnedCasesView* pinnedCases() const { return m_pinned; }
    QTabWidget* pages() const { return m_pages; }
    QString stateText() const;
    QString detailText() const;
    QString messageText() const;
    // Opens an action's dialog for the selected lead ("logActivity", "setStatus", "recordArrest"); null when
    // no lead is selected. For tests and keyboard users alike.
    RecordFormDialog* openAction(const QString& name);

public Q_SLOTS:
    void reload();

private:
    void showLead(const QUuid& leadId);
    void showState();
    void showAttention();
    void resolveSelected(const QString& choice);
    void showMessage(const QString& text, bool problem);
    void showFugitiveRecord(const QUuid& fugitiveId);

    OfflineSession* m_session;
    DropdownCatalog m_catalog;
    QLabel* m_state;
    QProgressBar* m_progress;
    QPushButton* m_syncButton;
    MessageBanner* m_message;
    RecordListTab* m_leads;
    QLabel* m_heading;
    QLabel* m_details;
    QLabel* m_photograph; // its newest photograph, for identification in the field
    RecordListTab* m_activities;
    QWidget* m_attentionArea;
    QTableWidget* m_attention;
    QPushButton* m_keepMine;
    QPushButton* m_keepServer;
    QTabWidget* m_pages;
    OfflinePinnedCasesView* m_pinned;
    QUuid m_lead;
    QVariantMap m_leadValues;
    QString m_leadHtml; // the lead's facts, shown before its fugitive record's
    QList<SyncConflict> m_conflicts;
    LatestAnswer m_listLoads;
    LatestAnswer m_leadLoads;
    LatestAnswer m_recordLoads;
    LatestAnswer m_photographLoads;
};

} // namespace ocms
