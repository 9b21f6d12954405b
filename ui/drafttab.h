#pragma once

#include "db/documentservice.h"
#include "db/dropdowncatalog.h"
#include "documents/draftautosave.h"
#include "models/documentrecord.h"

#include <QWidget>

#include <functional>
#include <optional>

class QLabel;

namespace ocms {

class DraftEditor;
struct DraftSaveRequest;
class MessageBanner;

// A draft being written, in a tab of the Documents workspace: the editor, and what it is filed as. A new
// draft becomes a document at its first save; an existing one is held checked out while it is open (someone
// else's check-out opens it read-only, with who and since when). Every save is a version (ODT) checked in
// on the server; the editor's autosave keeps unsaved work on this computer in between.
class DraftTab final : public QWidget
{
    Q_OBJECT
public:
    DraftTab(const ConnectionSettings& settings, const DropdownCatalog& catalog, DraftAutosave autosave,
             QWidget* parent = nullptr);

    // A new draft filed (at its first save) as `filing` says; filedUnder says where ("case 2024-…").
    void startNew(const NewDocument& filing, const QString& filedUnder);
    // A draft already filed: takes the check-out and opens its current version in the background.
    void openDocument(const QUuid& documentId);
    // Unsaved work of a draft never filed (found after a crash): the filing is asked for at the first save.
    void recover(const AutosavedDraft& draft);

    DraftEditor* editor() const { return m_editor; }
    QUuid documentId() const { return m_documentId; }
    QString tabTitle() const;
    bool isBusy() const { return m_pending > 0; }
    bool holdsCheckOut() const { return m_holdsCheckOut; }

    // Before the tab closes: unsaved work is saved, thrown away or kept open, as the user answers.
    enum class CloseAnswer { SaveVersion, Discard, KeepOpen };
    using ClosePrompt = std::function<CloseAnswer(const QString& title)>;
    void setClosePrompt(ClosePrompt prompt) { m_closePrompt = std::move(prompt); }
    // Where a never-filed draft goes, asked at its first save (tests answer it without a dialog).
    struct Filing
    {
        NewDocument document;
        QString filedUnder;
    };
    using FilingPrompt = std::function<std::optional<Filing>(const QString& title)>;
    void setFilingPrompt(FilingPrompt prompt) { m_filingPrompt = std::move(prompt); }
    // True when the tab may close now; otherwise it closes itself (closeReady) once a save finished, or stays.
    bool requestClose();

Q_SIGNALS:
    void titleChanged(const QString& title);
    void versionSaved(const QUuid& documentId, int versionNo);
    // The draft of a filed document is open: its check-out was taken (or found held by someone else).
    void documentOpened(const QUuid& documentId);
    void status(const QString& message);
    // The tab is done: the workspace removes it and gives back the check-out it held (if any).
    void closeReady(const QUuid& heldDocumentId);

private:
    void save(const DraftSaveRequest& request);
    void saved(const QUuid& documentId, int versionNo, const QString& documentNumber);
    void showFiling();
    std::optional<Filing> askFiling(const QString& title);

    DocumentService m_service;
    DropdownCatalog m_catalog;
    DraftEditor* m_editor;
    QLabel* m_filed;
    MessageBanner* m_message;
    std::optional<NewDocument> m_filing; // until the first save of a new draft
    QUuid m_documentId;
    QString m_documentNumber;
    QString m_parentLabel;
    int m_versionNo = 0;
    bool m_holdsCheckOut = false;
    bool m_saving = false;
    bool m_closeAfterSave = false;
    int m_pending = 0;
    ClosePrompt m_closePrompt;
    FilingPrompt m_filingPrompt;
};

} // namespace ocms
