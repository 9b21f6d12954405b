#pragma once

#include "db/documentservice.h"
#include "db/formcontext.h"
#include "documents/draftautosave.h"
#include "models/documentrecord.h"

#include <QHash>
#include <QThreadPool>
#include <QWidget>

#include <atomic>
#include <memory>

class QComboBox;
class QDateEdit;
class QLabel;
class QLineEdit;
class QListWidget;
class QTabWidget;

namespace ocms {

class DocumentView;
class DraftTab;
class MessageBanner;
class NewDraftDialog;
class UploadDocumentDialog;

// The Documents workspace, the knowledge base: full-text search over every document the user may see
// (words, "phrases", -excluded words; filters on type, where filed, author, tag and dates), ranked hits
// with the matched words highlighted, each opened document in a tab of its own, and "Add document…"
// (or a file dropped anywhere on the workspace). Drafts are written here too: "New draft…", "Edit draft" of a
// document, and unsaved drafts from an earlier session offered back.
class DocumentsWorkspace final : public QWidget
{
    Q_OBJECT
public:
    explicit DocumentsWorkspace(const ConnectionSettings& settings, DraftAutosave drafts = DraftAutosave(),
                                QWidget* parent = nullptr);
    ~DocumentsWorkspace() override;

    QLineEdit* searchBox() const { return m_query; }
    QComboBox* typeFilter() const { return m_type; }
    QLineEdit* filedUnderFilter() const { return m_filedUnder; }
    QListWidget* results() const { return m_results; }
    QTabWidget* tabs() const { return m_tabs; }
    MessageBanner* message() const { return m_message; }
    const QList<DocumentSearchHit>& hits() const { return m_hits; }
    bool isBusy() const { return m_pending > 0; }

    void search();
    DocumentView* openDocument(const QUuid& documentId, const QUuid& versionId = {}, const QString& term = {});
    DocumentView* documentView(const QUuid& documentId) const { return m_open.value(documentId); }
    // The dialog, not yet shown; filed under parent when given (else the user types where).
    UploadDocumentDialog* addDocument(const DocumentParent& parent = {}, const QString& path = {});
    // The dialog, not yet shown; its "Start writing" opens the draft in a tab. Filed under parent when given.
    NewDraftDialog* newDraft(const DocumentParent& parent = {});
    // The draft open in the editor (the tab, new or already open); takes the check-out.
    DraftTab* editDraft(const QUuid& documentId);
    DraftTab* draftTab(const QUuid& documentId) const { return m_drafting.value(documentId); }
    QList<DraftTab*> draftTabs() const;
    // Closes a tab as its close button does (a draft with unsaved work asks first).
    void closeTab(int index);
    // Drafts left unsaved by an earlier session (a crash): how many are offered, and opening them.
    QLabel* recoveryNotice() const { return m_recovery; }
    int recoverUnsavedDrafts();
    // Makes the user's new versions searchable in the background (text extraction, OCR of scans).
    void indexPendingText();
    bool isIndexing() const { return m_indexing; }

Q_SIGNALS:
    void status(const QString& message);
    void openCaseRequested(const QUuid& caseId);
    void openProjectRequested(const QUuid& projectId);

protected:
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void showHits(const QList<DocumentSearchHit>& hits);
    void fitHits();
    DraftTab* addDraftTab();
    void offerDraftRecovery();

    ConnectionSettings m_settings;
    DocumentService m_service;
    FormContext m_context;
    QTabWidget* m_tabs;
    QLineEdit* m_query;
    QComboBox* m_type;
    QLineEdit* m_filedUnder;
    QLineEdit* m_author;
    QLineEdit* m_tag;
    QDateEdit* m_from;
    QDateEdit* m_to;
    QLabel* m_summary;
    QListWidget* m_results;
    QLabel* m_recovery;
    MessageBanner* m_message;
    QList<DocumentSearchHit> m_hits;
    QHash<QUuid, DocumentView*> m_open;
    DraftAutosave m_drafts;
    QHash<QUuid, DraftTab*> m_drafting; // drafts of filed documents open in the editor
    int m_pending = 0;
    // Text extraction and OCR take seconds a page: they get a thread of their own, so searches and
    // opening documents never wait behind them.
    QThreadPool m_indexPool;
    std::shared_ptr<std::atomic<bool>> m_stopIndexing = std::make_shared<std::atomic<bool>>(false);
    bool m_indexing = false;
    bool m_indexAgain = false;
};

} // namespace ocms
