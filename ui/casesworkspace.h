#pragma once

#include "db/caseservice.h"
#include "models/documentrecord.h"
#include "security/session.h"

#include <QHash>
#include <QWidget>

class QTabWidget;

namespace ocms {

class CaseListView;
class CaseRecordView;
class NewCaseDialog;

// The Cases workspace: the case list as the first tab, each opened case in a tab of its own, and
// "New case…" for legal staff. A case opened twice is shown once.
class CasesWorkspace final : public QWidget
{
    Q_OBJECT
public:
    explicit CasesWorkspace(const Session& session, QWidget* parent = nullptr);

    CaseListView* caseList() const { return m_list; }
    QTabWidget* tabs() const { return m_tabs; }
    CaseRecordView* openCase(const QUuid& caseId);
    CaseRecordView* caseView(const QUuid& caseId) const { return m_open.value(caseId); }
    NewCaseDialog* newCase(); // opens the dialog (returned for tests)

Q_SIGNALS:
    void status(const QString& message);
    void openDocumentRequested(const QUuid& documentId);
    void addDocumentRequested(const ocms::DocumentParent& parent);
    void newDraftRequested(const ocms::DocumentParent& parent);
    void binderRequested(const QUuid& caseId, const QString& caseNumber);

private:
    void closeTab(int index);

    CaseService m_service;
    bool m_readOnly;
    QTabWidget* m_tabs;
    CaseListView* m_list;
    QHash<QUuid, CaseRecordView*> m_open;
};

} // namespace ocms
