#pragma once

#include "latestanswer.h"

#include <QUuid>
#include <QWidget>

class QLabel;

namespace ocms {

class MessageBanner;
class OfflineSession;
class RecordFormDialog;
class RecordListTab;

// An attorney's pinned cases in the offline copy: the case record with hearings and deadlines, its documents
// opened from memory (never written to disk in clear), and time logged offline until the next sync.
class OfflinePinnedCasesView final : public QWidget
{
    Q_OBJECT

public:
    explicit OfflinePinnedCasesView(OfflineSession* session, QWidget* parent = nullptr);

    RecordListTab* cases() const { return m_cases; }
    RecordListTab* documents() const { return m_documents; }
    QString detailText() const;
    // "Log time…" for the selected case; null when none is selected.
    RecordFormDialog* openTimeEntry();
    // Opens the selected document in a viewer window fed from memory; false (with a message) when it cannot.
    void openSelectedDocument();

public Q_SLOTS:
    void reload();

private:
    void showCase(const QUuid& caseId);

    OfflineSession* m_session;
    RecordListTab* m_cases;
    QLabel* m_heading;
    QLabel* m_details;
    RecordListTab* m_documents;
    MessageBanner* m_message;
    QUuid m_case;
    LatestAnswer m_listLoads;
    LatestAnswer m_caseLoads;
};

} // namespace ocms
