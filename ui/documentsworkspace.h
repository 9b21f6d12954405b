#pragma once

#include "db/documentservice.h"
#include "db/formcontext.h"
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
class MessageBanner;
class UploadDocumentDialog;

// The Documents workspace, the knowledge base: full-text search over every document the user may see
// (words, "phrases", -excluded words; filters on type, where filed, author, tag and dates), ranked hits
// with the matched words highlighted, each opened document in a tab of its own, and "Add document…"
// (or a file dropped anywhere on the workspace).
class DocumentsWorkspace final : public QWidget
{
    Q_OBJECT
public:
    explicit DocumentsWorkspace(const ConnectionSettings& settings, QWidget* parent = nullptr);
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
    MessageBanner* m_message;
    QList<DocumentSearchHit> m_hits;
    QHash<QUuid, DocumentView*> m_open;
    int m_pending = 0;
    // Text extraction and OCR take seconds a page: they get a thread of their own, so searches and
    // opening documents never wait behind them.
    QThreadPool m_indexPool;
    std::shared_ptr<std::atomic<bool>> m_stopIndexing = std::make_shared<std::atomic<bool>>(false);
    bool m_indexing = false;
    bool m_indexAgain = false;
};

} // namespace ocms
