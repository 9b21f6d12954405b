#pragma once

#include "documents/draftautosave.h"
#include "result.h"

#include <QDateTime>
#include <QWidget>

#include <functional>
#include <optional>

class QAction;
class QComboBox;
class QFrame;
class QLabel;
class QLineEdit;
class QPrintPreviewDialog;
class QPushButton;
class QTextDocument;
class QTextEdit;
class QTimer;

namespace ocms {

class DraftFormatBar;
class MessageBanner;

// What the editor hands over when the user saves a version: the ODT bytes and the user's comment. The
// caller checks the version in and answers with markSaved() or showSaveProblem().
struct DraftSaveRequest
{
    QString autosaveKey;
    QUuid documentId;      // null: a new document
    int baseVersion = 0;   // the version these edits started from
    QString title;
    QString comment;
    QByteArray odt;
};

// Where an opened version comes from, for the recovery check and for the next save.
struct DraftOrigin
{
    QUuid documentId;
    int version = 0;
    QDateTime storedAt; // when that version was checked in
};

// The rich-text editor for memoranda, briefs and notes: formatting toolbar, title, versions saved as ODT
// through saveVersionRequested (no database here), PDF/ODT export, print, and autosave of unsaved work
// with recovery offered in a bar above the page. Read-only while someone else has the document out.
class DraftEditor final : public QWidget
{
    Q_OBJECT
public:
    explicit DraftEditor(DraftAutosave autosave = DraftAutosave(), QWidget* parent = nullptr);
    ~DraftEditor() override;

    // Both replace what the editor holds: ask about unsaved changes (isModified()) before calling them.
    void newDraft(const QString& title = {});
    Result<void> openVersion(const DraftOrigin& origin, const QByteArray& odt);
    // Puts an autosaved draft (e.g. of a never-saved document, found by DraftAutosave::list) in the editor.
    void restoreAutosaved(const AutosavedDraft& draft);

    void setReadOnly(bool readOnly, const QString& reason = {});
    bool isReadOnly() const { return m_readOnly; }
    bool isModified() const;

    QString title() const;
    void setTitle(const QString& title);
    QTextDocument* document() const;
    QTextEdit* textEdit() const { return m_edit; }
    QString autosaveKey() const { return m_autosaveKey; }
    DraftOrigin origin() const { return m_origin; }
    const DraftAutosave& autosave() const { return m_autosave; }

    Result<QByteArray> currentOdt() const;
    // A print preview of the draft on Letter pages, not yet shown; deletes itself when closed.
    QPrintPreviewDialog* createPrintPreview();
    Result<void> exportPdf(const QString& path) const;
    Result<void> exportOdt(const QString& path) const;

    // After a successful check-in: the work is safe, the autosaved copy goes (unless edits were made
    // after the save was requested: those stay modified and are autosaved under the document's key).
    void markSaved(const QUuid& documentId, int version);
    void showSaveProblem(const QString& message);
    // The user chose to throw the edits away (e.g. "Discard" when closing): the autosaved copy goes too.
    void discardUnsavedWork();

    // Debounce after the last change and the period of the safety-net save, in milliseconds.
    void setAutosaveIntervals(int debounceMs, int periodMs);
    // Dialogs made replaceable so tests (and scripted use) can answer them.
    using CommentPrompt = std::function<std::optional<QString>()>;
    using PathPrompt = std::function<QString(const QString& caption, const QString& filter, const QString& suggested)>;
    void setCommentPrompt(CommentPrompt prompt) { m_commentPrompt = std::move(prompt); }
    void setPathPrompt(PathPrompt prompt) { m_pathPrompt = std::move(prompt); }

    // Parts tests drive.
    QWidget* recoveryBar() const;
    QPushButton* recoverButton() const { return m_recoverButton; }
    QPushButton* discardRecoveryButton() const { return m_discardRecoveryButton; }
    QString statusText() const;
    QString noticeText() const;
    QAction* boldAction() const;
    QAction* italicAction() const;
    QAction* underlineAction() const;
    QAction* bulletListAction() const;
    QAction* numberedListAction() const;
    QAction* saveVersionAction() const { return m_saveVersion; }
    QComboBox* styleCombo() const;

public Q_SLOTS:
    bool autosaveNow();
    void requestSaveVersion();           // asks for a comment, then saveVersion()
    bool saveVersion(const QString& comment);
    void exportPdfInteractive();
    void exportOdtInteractive();
    void print();
    void printPreview();
    void applyHeadingLevel(int level); // 0 = body text, 1–3 headings
    void toggleBulletList();
    void toggleNumberedList();

Q_SIGNALS:
    void saveVersionRequested(const ocms::DraftSaveRequest& request);
    void modifiedChanged(bool modified);
    void autosaved(const QString& key);

private:
    void buildToolbar();
    void setDocumentHtml(const QString& html, const QString& title);
    void offerRecovery(const AutosavedDraft& draft, const QString& message);
    void hideRecovery();
    void onContentsChanged();
    void updateStatus();
    void showNotice(const QString& text, bool problem);

    DraftAutosave m_autosave;
    QString m_autosaveKey;
    DraftOrigin m_origin;
    std::optional<AutosavedDraft> m_pendingRecovery;
    bool m_readOnly = false;
    bool m_loading = false;
    bool m_autosaveDirty = false;
    QDateTime m_lastAutosave;
    int m_lastSavedVersion = 0;
    int m_pendingSaveRevision = -1; // document revision handed to the last save request
    QString m_pendingSaveTitle;

    DraftFormatBar* m_format = nullptr;
    QLineEdit* m_title = nullptr;
    QTextEdit* m_edit = nullptr;
    QAction* m_saveVersion = nullptr;
    QFrame* m_recoveryBar = nullptr;
    QLabel* m_recoveryText = nullptr;
    QPushButton* m_recoverButton = nullptr;
    QPushButton* m_discardRecoveryButton = nullptr;
    QLabel* m_readOnlyBar = nullptr;
    MessageBanner* m_notice = nullptr;
    QLabel* m_status = nullptr;
    QTimer* m_debounce = nullptr;
    QTimer* m_periodic = nullptr;
    CommentPrompt m_commentPrompt;
    PathPrompt m_pathPrompt;
};

} // namespace ocms

Q_DECLARE_METATYPE(ocms::DraftSaveRequest)
