#pragma once

#include "db/documentservice.h"
#include "db/dropdowncatalog.h"
#include "models/documentrecord.h"

#include <QPointer>
#include <QWidget>

#include <functional>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QStackedWidget;
class QTabWidget;
class QPlainTextEdit;
class QTextBrowser;

namespace ocms {

class MessageBanner;
class PdfViewer;
class RecordListTab;

// One document: who holds it checked out, its preview, its details and its versions. Check out, check in
// a new version, give the check-out back, save a copy, open in the system's program, open / restore any
// version. What the server refuses (someone else has it, the row changed) is said in the banner.
class DocumentView final : public QWidget
{
    Q_OBJECT
public:
    DocumentView(const ConnectionSettings& settings, const DropdownCatalog& catalog, const QUuid& documentId,
                 QWidget* parent = nullptr);

    QUuid documentId() const { return m_documentId; }
    const DocumentRecord& record() const { return m_record; }
    bool isBusy() const { return m_pending > 0; }
    void reload();
    // Shows a version in the preview (the current one by default); term: a search hit to find in it.
    void showVersion(const QUuid& versionId, const QString& term = {});
    // The same, once the document has loaded (a search hit opening it).
    void showVersionWhenLoaded(const QUuid& versionId, const QString& term);

    MessageBanner* message() const { return m_message; }
    QLabel* checkoutLabel() const { return m_checkout; }
    QPushButton* checkOutButton() const { return m_checkOutButton; }
    QPushButton* checkInButton() const { return m_checkInButton; }
    QPushButton* cancelCheckOutButton() const { return m_cancelButton; }
    QPushButton* editDraftButton() const { return m_editDraftButton; }
    QTextBrowser* draftPreview() const { return m_draft; }
    RecordListTab* versionList() const { return m_versions; }
    QTabWidget* tabs() const { return m_tabs; }
    QPlainTextEdit* textPreview() const { return m_text; }
    PdfViewer* pdfViewer() const { return m_pdf; }

    void checkOut();
    void cancelCheckOut();
    // Check-in of a file as the new version (the button asks for the file and a comment).
    void checkIn(const QString& path, const QString& comment);
    void restoreSelectedVersion(const QString& comment);
    // Side by side: the version chosen in the list against the current one (their extracted text).
    void compareSelectedWithCurrent();
    // The "Redacted copy…" dialog, not yet shown (null when the document cannot be disclosed this way).
    class RedactionDialog* redactedCopy();
    QWidget* compareWindow() const { return m_compare; }

Q_SIGNALS:
    void titleChanged(const QString& title);
    void versionAdded();
    void status(const QString& message);
    void openCaseRequested(const QUuid& caseId);
    void openProjectRequested(const QUuid& projectId);
    // "Edit draft": the current version is a draft written in OCMS; the workspace opens it in the editor.
    void editDraftRequested(const QUuid& documentId);

private:
    void show(const DocumentRecord& record);
    void showPreview(const DocumentVersion& version, const QByteArray& bytes, const QString& term);
    void saveDetails();
    void saveCopy();
    void openExternally();
    // One background visit: a refusal is shown in the banner; always (if given) runs next in either case,
    // then `then` with the answer.
    template <class T, class Work, class Then>
    void visit(Work work, Then then, std::function<void()> always = {});

    DocumentService m_service;
    DropdownCatalog m_catalog;
    QUuid m_documentId;
    DocumentRecord m_record;
    QLabel* m_heading;
    QLabel* m_filed;
    QLabel* m_checkout;
    MessageBanner* m_message;
    QPushButton* m_checkOutButton;
    QPushButton* m_checkInButton;
    QPushButton* m_cancelButton;
    QPushButton* m_editDraftButton;
    QTabWidget* m_tabs;
    QStackedWidget* m_preview;
    QLabel* m_previewMessage;
    QPlainTextEdit* m_text;
    QTextBrowser* m_draft;
    PdfViewer* m_pdf;
    QLineEdit* m_title;
    QComboBox* m_type;
    QLineEdit* m_author;
    QLineEdit* m_tags;
    QPushButton* m_saveDetails;
    RecordListTab* m_versions;
    QUuid m_shownVersion;
    QUuid m_pendingVersion;
    QString m_pendingTerm;
    QPointer<QWidget> m_compare;
    int m_pending = 0;
};

} // namespace ocms
