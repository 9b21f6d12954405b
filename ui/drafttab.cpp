#include "drafttab.h"

#include "documents/draftfiling.h"
#include "drafteditor.h"
#include "messagebanner.h"
#include "newdraftdialog.h"
#include "whenready.h"

#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QTextEdit>
#include <QVBoxLayout>

namespace ocms {

DraftTab::DraftTab(const ConnectionSettings& settings, const DropdownCatalog& catalog, DraftAutosave autosave,
                   QWidget* parent)
    : QWidget(parent), m_service(settings), m_catalog(catalog), m_editor(new DraftEditor(std::move(autosave), this)),
      m_filed(new QLabel(this)), m_message(new MessageBanner(this))
{
    m_filed->setObjectName(QStringLiteral("draftFiled"));
    m_filed->setWordWrap(true);
    m_editor->setCommentPrompt([this]() -> std::optional<QString> {
        bool ok = false;
        const QString comment = QInputDialog::getText(this, tr("Save version"), tr("What changed in this version? (optional)"),
                                                      QLineEdit::Normal, QString(), &ok);
        return ok ? std::optional<QString>(comment) : std::nullopt;
    });
    connect(m_editor, &DraftEditor::saveVersionRequested, this, &DraftTab::save);
    connect(m_editor, &DraftEditor::modifiedChanged, this, [this] { Q_EMIT titleChanged(tabTitle()); });
    m_closePrompt = [this](const QString& title) {
        const auto answer = QMessageBox::question(
            this, tr("Unsaved changes"),
            tr("\"%1\" has changes that are not saved as a version. Save a version now?").arg(title),
            QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
        return answer == QMessageBox::Save      ? CloseAnswer::SaveVersion
               : answer == QMessageBox::Discard ? CloseAnswer::Discard
                                                : CloseAnswer::KeepOpen;
    };
    m_filingPrompt = [this](const QString& title) { return askFiling(title); };

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_filed);
    layout->addWidget(m_message);
    layout->addWidget(m_editor, 1);
}

QString DraftTab::tabTitle() const
{
    const QString title = m_editor->title().isEmpty() ? tr("New draft") : m_editor->title();
    return m_editor->isModified() ? title + QStringLiteral(" *") : title;
}

void DraftTab::startNew(const NewDocument& filing, const QString& filedUnder)
{
    m_filing = filing;
    m_parentLabel = filedUnder;
    m_editor->newDraft(filing.title);
    showFiling();
    m_editor->textEdit()->setFocus();
}

void DraftTab::recover(const AutosavedDraft& draft)
{
    m_editor->restoreAutosaved(draft);
    showFiling();
}

void DraftTab::openDocument(const QUuid& documentId)
{
    m_documentId = documentId;
    m_editor->setReadOnly(true, tr("Opening the draft…"));
    ++m_pending;
    whenReady(this, m_service.run<DraftFiling::Opened>([documentId](DocumentRepository& repository) {
        return DraftFiling(repository).open(documentId);
    }), [this](const Result<DraftFiling::Opened>& opened) {
        --m_pending;
        if (!opened) {
            m_message->showMessage(opened.error().userMessage, true);
            m_editor->setReadOnly(true, opened.error().userMessage);
            return;
        }
        const DocumentRecord& record = opened->record;
        const DocumentVersion* current = record.current();
        m_documentNumber = record.documentNumber;
        m_parentLabel = record.parentLabel();
        m_versionNo = current->versionNo;
        m_holdsCheckOut = opened->readOnlyReason.isEmpty();
        m_editor->setReadOnly(!m_holdsCheckOut, opened->readOnlyReason);
        const auto shown = m_editor->openVersion(DraftOrigin{record.id, current->versionNo, current->createdAt}, opened->odt);
        if (!shown) {
            m_message->showMessage(shown.error().userMessage, true);
        }
        showFiling();
        Q_EMIT documentOpened(record.id);
    });
}

void DraftTab::showFiling()
{
    QString text;
    if (m_documentId.isNull()) {
        text = m_parentLabel.isEmpty()
                   ? tr("New draft, not yet filed: the first \"Save version\" asks where it belongs.")
                   : tr("New draft for %1: the first \"Save version\" files it as a document.").arg(m_parentLabel);
    } else {
        text = tr("%1, version %2, filed under %3.").arg(m_documentNumber).arg(m_versionNo).arg(m_parentLabel);
        if (m_holdsCheckOut) {
            text += u' ' + tr("You hold the check-out while it is open here; closing the tab gives it back.");
        }
    }
    m_filed->setText(text);
    Q_EMIT titleChanged(tabTitle());
}

std::optional<DraftTab::Filing> DraftTab::askFiling(const QString& title)
{
    NewDraftDialog dialog(m_service.settings(), m_catalog, DocumentParent{}, this);
    dialog.setWindowTitle(tr("File the draft"));
    dialog.setStartText(tr("&File and save"));
    dialog.titleEdit()->setText(title);
    std::optional<Filing> chosen;
    connect(&dialog, &NewDraftDialog::filed, &dialog, [&chosen](const NewDocument& filing, const QString& filedUnder) {
        chosen = Filing{filing, filedUnder};
    });
    if (dialog.exec() != QDialog::Accepted) {
        return std::nullopt;
    }
    return chosen;
}

void DraftTab::save(const DraftSaveRequest& request)
{
    if (m_saving) {
        m_editor->showSaveProblem(tr("The previous version is still being saved."));
        return;
    }
    if (m_documentId.isNull() && !m_filing) {
        const std::optional<Filing> filing = m_filingPrompt ? m_filingPrompt(request.title) : std::nullopt;
        if (!filing) {
            m_closeAfterSave = false;
            m_editor->showSaveProblem(tr("Say where the draft is filed to save it as a version."));
            return;
        }
        m_filing = filing->document;
        m_parentLabel = filing->filedUnder;
    }
    m_saving = true;
    ++m_pending;
    // A draft never saved is filed as a document; a filed one gets its next version.
    const QUuid id = m_documentId;
    const std::optional<NewDocument> filing = id.isNull() ? m_filing : std::nullopt;
    m_message->showMessage(id.isNull() ? tr("Filing the draft…") : tr("Saving version %1…").arg(m_versionNo + 1), false);
    whenReady(this, m_service.run<DraftFiling::Saved>([id, filing, request](DocumentRepository& repository) {
        DraftFiling drafts(repository);
        return filing ? drafts.fileNew(*filing, request.title, request.odt, request.comment)
                      : drafts.checkIn(id, request.title, request.odt, request.comment);
    }), [this](const Result<DraftFiling::Saved>& outcome) {
        --m_pending;
        m_saving = false;
        if (!outcome) {
            m_message->hide();
            m_closeAfterSave = false;
            m_editor->showSaveProblem(outcome.error().userMessage);
            return;
        }
        m_filing.reset();
        saved(outcome->documentId, outcome->versionNo, outcome->documentNumber);
    });
}

void DraftTab::saved(const QUuid& documentId, int versionNo, const QString& documentNumber)
{
    m_documentId = documentId;
    m_documentNumber = documentNumber;
    m_versionNo = versionNo;
    m_holdsCheckOut = true;
    m_message->hide();
    m_editor->markSaved(documentId, versionNo);
    showFiling();
    Q_EMIT versionSaved(documentId, versionNo);
    Q_EMIT status(tr("%1 saved as version %2.").arg(documentNumber).arg(versionNo));
    if (std::exchange(m_closeAfterSave, false) && !m_editor->isModified()) {
        Q_EMIT closeReady(m_documentId);
    }
}

bool DraftTab::requestClose()
{
    if (m_saving) {
        m_closeAfterSave = true; // the save under way decides
        return false;
    }
    if (m_editor->isModified() && !m_editor->isReadOnly()) {
        switch (m_closePrompt(m_editor->title().isEmpty() ? tr("New draft") : m_editor->title())) {
        case CloseAnswer::KeepOpen:
            return false;
        case CloseAnswer::SaveVersion:
            m_closeAfterSave = true;
            if (!m_editor->saveVersion(QString())) {
                m_closeAfterSave = false;
            }
            return false;
        case CloseAnswer::Discard:
            m_editor->discardUnsavedWork();
            break;
        }
    }
    Q_EMIT closeReady(m_holdsCheckOut ? m_documentId : QUuid());
    return true;
}

} // namespace ocms
