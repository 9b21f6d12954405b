#include "drafteditor.h"

#include "draftformatbar.h"

#include "documents/draftfiling.h"

#include "documents/odtdraft.h"
#include "messagebanner.h"

#include <QAction>
#include <QBuffer>
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFrame>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPageLayout>
#include <QPageSize>
#include <QPdfWriter>
#include <QPrintDialog>
#include <QPrintPreviewDialog>
#include <QPrinter>
#include <QPushButton>
#include <QRegularExpression>
#include <QSaveFile>
#include <QStandardPaths>
#include <QTextBlock>
#include <QTextCursor>
#include <QTextDocument>
#include <QTextEdit>
#include <QTextFormat>
#include <QTextList>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>
#include <memory>

namespace ocms {

namespace {

constexpr int kDefaultDebounceMs = 2000;
constexpr int kDefaultPeriodMs = 30000;
// One-inch margins, as court filings expect. QTextDocument::print adds 2 cm of its own (and puts the page
// number in it), so the page layout carries the rest.
constexpr qreal kMarginMm = 25.4 - 20.0;

Result<void> writeFileAtomically(const QString& path, const QByteArray& bytes)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        return fail(Error::io(QObject::tr("The file could not be written to %1.").arg(path), file.errorString()));
    }
    return {};
}

QString friendlyTime(const QDateTime& when)
{
    const QDateTime local = when.toLocalTime();
    const QLocale locale;
    if (local.date() == QDate::currentDate()) {
        return QObject::tr("today at %1").arg(locale.toString(local.time(), QLocale::ShortFormat));
    }
    return locale.toString(local, QLocale::ShortFormat);
}

} // namespace

DraftEditor::DraftEditor(DraftAutosave autosave, QWidget* parent)
    : QWidget(parent), m_autosave(std::move(autosave)), m_autosaveKey(DraftAutosave::keyForNewDraft())
{
    setObjectName(QStringLiteral("draftEditor"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);

    m_recoveryBar = new QFrame(this);
    m_recoveryBar->setObjectName(QStringLiteral("recoveryBar"));
    m_recoveryBar->setStyleSheet(QStringLiteral(
        "#recoveryBar { background: #fff4d6; border-bottom: 1px solid #e6c96b; }"
        "#recoveryBar QLabel { color: #4d3b00; }"));
    auto* recoveryLayout = new QHBoxLayout(m_recoveryBar);
    recoveryLayout->setContentsMargins(12, 6, 12, 6);
    m_recoveryText = new QLabel(m_recoveryBar);
    m_recoveryText->setWordWrap(true);
    m_recoverButton = new QPushButton(tr("Recover"), m_recoveryBar);
    m_discardRecoveryButton = new QPushButton(tr("Discard"), m_recoveryBar);
    recoveryLayout->addWidget(m_recoveryText, 1);
    recoveryLayout->addWidget(m_recoverButton);
    recoveryLayout->addWidget(m_discardRecoveryButton);
    m_recoveryBar->hide();
    layout->addWidget(m_recoveryBar);
    connect(m_recoverButton, &QPushButton::clicked, this, [this] {
        if (m_pendingRecovery) {
            const AutosavedDraft draft = *m_pendingRecovery;
            hideRecovery();
            setDocumentHtml(draft.html, draft.title);
            document()->setModified(true);
            m_autosaveDirty = true;
            showNotice(tr("Your unsaved changes are back. Save a version to keep them."), false);
        }
    });
    connect(m_discardRecoveryButton, &QPushButton::clicked, this, [this] {
        if (m_pendingRecovery) {
            const auto removed = m_autosave.discard(m_pendingRecovery->key);
            hideRecovery();
            if (!removed) {
                showNotice(removed.error().userMessage, true);
            }
        }
    });

    m_readOnlyBar = new QLabel(this);
    m_readOnlyBar->setObjectName(QStringLiteral("readOnlyBar"));
    m_readOnlyBar->setWordWrap(true);
    m_readOnlyBar->setStyleSheet(QStringLiteral(
        "#readOnlyBar { background: #eef1f5; color: #2f3b4c; border-bottom: 1px solid #cfd6e0; padding: 6px 12px; }"));
    m_readOnlyBar->hide();
    layout->addWidget(m_readOnlyBar);

    m_notice = new MessageBanner(this);
    layout->addWidget(m_notice);

    // The page: a white sheet of about Letter width on a grey desk, as in a word processor.
    auto* desk = new QFrame(this);
    desk->setObjectName(QStringLiteral("desk"));
    desk->setStyleSheet(QStringLiteral("#desk { background: #e9ebee; }"));
    auto* deskLayout = new QVBoxLayout(desk);
    deskLayout->setContentsMargins(24, 18, 24, 0);
    deskLayout->setSpacing(8);
    m_title = new QLineEdit(desk);
    m_title->setObjectName(QStringLiteral("draftTitle"));
    m_title->setPlaceholderText(tr("Title of the memorandum, brief or note"));
    m_title->setMaximumWidth(816);
    m_title->setStyleSheet(QStringLiteral(
        "QLineEdit { font-size: 15pt; font-weight: 600; padding: 6px 10px; border: 1px solid #d0d4da;"
        " border-radius: 3px; background: #ffffff; }"));
    m_edit = new QTextEdit(desk);
    m_edit->setObjectName(QStringLiteral("draftText"));
    m_edit->setAcceptRichText(true);
    m_edit->setMaximumWidth(816);
    m_edit->setFrameShape(QFrame::NoFrame);
    m_edit->setStyleSheet(QStringLiteral("QTextEdit { background: #ffffff; border: 1px solid #d0d4da; }"));
    m_edit->document()->setDocumentMargin(56);
    QFont body(QStringLiteral("Serif"));
    body.setStyleHint(QFont::Serif);
    body.setPointSize(12);
    m_edit->document()->setDefaultFont(body);
    deskLayout->addWidget(m_title, 0, Qt::AlignHCenter);
    deskLayout->addWidget(m_edit, 1, Qt::AlignHCenter);
    m_title->setMinimumWidth(560);
    m_edit->setMinimumWidth(560);
    layout->addWidget(desk, 1);
    // The toolbar goes on top; it needs the text it formats.
    m_format = new DraftFormatBar(m_edit, this);
    buildToolbar();
    layout->insertWidget(0, m_format);

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("draftStatus"));
    m_status->setStyleSheet(QStringLiteral(
        "#draftStatus { background: #f6f7f9; color: #4a5362; border-top: 1px solid #d9dce1; padding: 4px 12px; }"));
    layout->addWidget(m_status);

    m_debounce = new QTimer(this);
    m_debounce->setSingleShot(true);
    m_debounce->setInterval(kDefaultDebounceMs);
    m_periodic = new QTimer(this);
    m_periodic->setInterval(kDefaultPeriodMs);
    connect(m_debounce, &QTimer::timeout, this, &DraftEditor::autosaveNow);
    connect(m_periodic, &QTimer::timeout, this, &DraftEditor::autosaveNow);
    m_periodic->start();

    connect(m_edit->document(), &QTextDocument::contentsChanged, this, &DraftEditor::onContentsChanged);
    connect(m_title, &QLineEdit::textEdited, this, [this] {
        document()->setModified(true);
        onContentsChanged();
    });
    connect(m_edit->document(), &QTextDocument::modificationChanged, this, [this](bool modified) {
        updateStatus();
        Q_EMIT modifiedChanged(modified);
    });

    m_commentPrompt = [this]() -> std::optional<QString> {
        bool accepted = false;
        const QString comment = QInputDialog::getText(this, tr("Save version"),
                                                      tr("What changed in this version? (shown in the history)"),
                                                      QLineEdit::Normal, QString(), &accepted);
        return accepted ? std::optional<QString>(comment.trimmed()) : std::nullopt;
    };
    m_pathPrompt = [this](const QString& caption, const QString& filter, const QString& suggested) {
        return QFileDialog::getSaveFileName(this, caption, suggested, filter);
    };
    updateStatus();
}

DraftEditor::~DraftEditor()
{
    // Closing with unsaved edits that were typed after the last autosave: keep them too.
    autosaveNow();
}

void DraftEditor::discardUnsavedWork()
{
    m_debounce->stop();
    m_autosaveDirty = false;
    const auto removed = m_autosave.discard(m_autosaveKey);
    if (!removed) {
        showNotice(removed.error().userMessage, true);
    }
    document()->setModified(false);
}

void DraftEditor::buildToolbar()
{
    auto* spacer = new QWidget(m_format);
    spacer->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    m_format->addWidget(spacer);
    QAction* preview = m_format->addAction(tr("Print preview"), this, &DraftEditor::printPreview);
    preview->setToolTip(tr("See the pages before printing"));
    QAction* printAction = m_format->addAction(tr("Print…"), this, &DraftEditor::print);
    printAction->setShortcut(QKeySequence::Print);
    QAction* pdf = m_format->addAction(tr("Export PDF…"), this, &DraftEditor::exportPdfInteractive);
    pdf->setToolTip(tr("Save a copy as PDF (Letter, 1-inch margins)"));
    QAction* odt = m_format->addAction(tr("Export ODT…"), this, &DraftEditor::exportOdtInteractive);
    odt->setToolTip(tr("Save a copy as OpenDocument text for LibreOffice or Word"));
    m_format->addSeparator();
    m_saveVersion = m_format->addAction(tr("Save version…"), this, &DraftEditor::requestSaveVersion);
    m_saveVersion->setShortcut(QKeySequence::Save);
    m_saveVersion->setToolTip(tr("Check in the draft as a new version, with a comment"));
    if (auto* button = qobject_cast<QToolButton*>(m_format->widgetForAction(m_saveVersion))) {
        button->setObjectName(QStringLiteral("saveVersionButton"));
        button->setStyleSheet(QStringLiteral(
            "QToolButton { background: #1f5fa8; color: #ffffff; font-weight: 600; border-radius: 3px; padding: 3px 10px; }"
            "QToolButton:hover { background: #174c88; }"
            "QToolButton:disabled { background: #a9b6c6; color: #eef1f5; }"));
    }
}

void DraftEditor::newDraft(const QString& title)
{
    hideRecovery();
    m_origin = {};
    m_lastSavedVersion = 0;
    m_autosaveKey = DraftAutosave::keyForNewDraft();
    setDocumentHtml(QString(), title);
    m_notice->showMessage(QString(), false);
}

Result<void> DraftEditor::openVersion(const DraftOrigin& origin, const QByteArray& odt)
{
    auto draft = OdtDraft::decode(odt);
    if (!draft) {
        return fail(draft.error());
    }
    hideRecovery();
    m_notice->showMessage(QString(), false);
    m_origin = origin;
    m_lastSavedVersion = origin.version;
    m_autosaveKey = !origin.documentId.isNull() ? DraftAutosave::keyForDocument(origin.documentId)
                                          : DraftAutosave::keyForNewDraft();
    setDocumentHtml(draft->html(), draft->title());
    if (!draft->isLossless()) {
        showNotice(tr("This version was written in another program: its text, headings, lists and bold, italic and "
                      "underline are shown; other formatting is not kept when you save a new version."),
                   false);
    }

    auto autosaved = m_autosave.load(m_autosaveKey);
    if (autosaved && !m_readOnly) {
        const bool newer = !origin.storedAt.isValid() || autosaved->savedAt > origin.storedAt;
        if (newer) {
            QString message = tr("Unsaved changes from %1 were kept on this computer.").arg(friendlyTime(autosaved->savedAt));
            if (autosaved->baseVersion != origin.version && autosaved->baseVersion > 0) {
                message += u' ' + tr("They were made on version %1; this is version %2.")
                                      .arg(autosaved->baseVersion)
                                      .arg(origin.version);
            }
            offerRecovery(*autosaved, message);
        }
    }
    return {};
}

void DraftEditor::restoreAutosaved(const AutosavedDraft& draft)
{
    hideRecovery();
    m_autosaveKey = draft.key;
    m_origin = DraftOrigin{draft.documentId, draft.baseVersion, {}};
    m_lastSavedVersion = draft.baseVersion;
    setDocumentHtml(draft.html, draft.title);
    document()->setModified(true);
    m_autosaveDirty = false;
    m_lastAutosave = draft.savedAt;
    showNotice(tr("Unsaved work from %1 was recovered. Save a version to keep it.").arg(friendlyTime(draft.savedAt)), false);
}

void DraftEditor::setDocumentHtml(const QString& html, const QString& title)
{
    m_loading = true;
    m_debounce->stop();
    m_edit->document()->setHtml(html);
    m_edit->document()->clearUndoRedoStacks();
    m_title->setText(title);
    m_edit->document()->setModified(false);
    m_loading = false;
    m_autosaveDirty = false;
    m_lastAutosave = {};
    updateStatus();
}

void DraftEditor::offerRecovery(const AutosavedDraft& draft, const QString& message)
{
    m_pendingRecovery = draft;
    m_recoveryText->setText(message + u' ' + tr("Recover them, or discard them and keep the stored version?"));
    m_recoveryBar->show();
}

void DraftEditor::hideRecovery()
{
    m_pendingRecovery.reset();
    m_recoveryBar->hide();
}

QWidget* DraftEditor::recoveryBar() const
{
    return m_recoveryBar;
}

void DraftEditor::setReadOnly(bool readOnly, const QString& reason)
{
    m_readOnly = readOnly;
    m_edit->setReadOnly(readOnly);
    m_title->setReadOnly(readOnly);
    m_saveVersion->setEnabled(!readOnly);
    m_format->setEditable(!readOnly);
    m_readOnlyBar->setText(readOnly ? (reason.isEmpty() ? tr("Read only.") : tr("Read only: %1").arg(reason)) : QString());
    m_readOnlyBar->setVisible(readOnly);
    if (readOnly) {
        m_debounce->stop();
    }
    updateStatus();
}

bool DraftEditor::isModified() const
{
    return document()->isModified();
}

QString DraftEditor::title() const
{
    return m_title->text().trimmed();
}

void DraftEditor::setTitle(const QString& title)
{
    m_title->setText(title);
}

QTextDocument* DraftEditor::document() const
{
    return m_edit->document();
}

Result<QByteArray> DraftEditor::currentOdt() const
{
    return OdtDraft::encode(*document(), title());
}

Result<void> DraftEditor::exportPdf(const QString& path) const
{
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    {
        QPdfWriter writer(&buffer);
        writer.setTitle(title());
        writer.setCreator(QStringLiteral("OCMS"));
        writer.setResolution(300);
        writer.setPageLayout(QPageLayout(QPageSize(QPageSize::Letter), QPageLayout::Portrait,
                                         QMarginsF(kMarginMm, kMarginMm, kMarginMm, kMarginMm), QPageLayout::Millimeter));
        // A copy: print() lays the document out for the page, which must not disturb the editor.
        std::unique_ptr<QTextDocument> copy(document()->clone());
        copy->setDocumentMargin(0);
        copy->print(&writer);
    }
    if (buffer.data().isEmpty()) {
        return fail(Error{ErrorCode::Internal, tr("The PDF could not be made."), QStringLiteral("empty output")});
    }
    return writeFileAtomically(path, buffer.data());
}

Result<void> DraftEditor::exportOdt(const QString& path) const
{
    auto odt = currentOdt();
    if (!odt) {
        return fail(odt.error());
    }
    return writeFileAtomically(path, *odt);
}

void DraftEditor::markSaved(const QUuid& documentId, int version)
{
    const QString oldKey = m_autosaveKey;
    m_origin = DraftOrigin{documentId, version, QDateTime::currentDateTimeUtc()};
    m_lastSavedVersion = version;
    m_autosaveKey = DraftAutosave::keyForDocument(documentId);
    // Edits typed while the check-in was under way are not in the saved version: they stay unsaved.
    const bool editedSince = document()->revision() != m_pendingSaveRevision || title() != m_pendingSaveTitle;
    m_debounce->stop();
    m_autosaveDirty = editedSince;
    document()->setModified(editedSince);
    const auto removedOld = m_autosave.discard(oldKey);
    const auto removedNew = oldKey == m_autosaveKey ? Result<void>() : m_autosave.discard(m_autosaveKey);
    showNotice(tr("Saved as version %1.").arg(version), false);
    if (!removedOld || !removedNew) {
        showNotice(tr("Saved as version %1, but the autosaved copy could not be removed.").arg(version), true);
    }
    if (editedSince) {
        m_debounce->start();
    }
    updateStatus();
}

void DraftEditor::showSaveProblem(const QString& message)
{
    showNotice(tr("The version was not saved: %1 Your text is still here and autosaved.").arg(message), true);
}

void DraftEditor::setAutosaveIntervals(int debounceMs, int periodMs)
{
    m_debounce->setInterval(debounceMs);
    m_periodic->setInterval(periodMs);
    m_periodic->start();
}

QString DraftEditor::statusText() const
{
    return m_status->text();
}

QString DraftEditor::noticeText() const
{
    return m_notice->message();
}

bool DraftEditor::autosaveNow()
{
    if (m_readOnly || !m_autosaveDirty || !document()->isModified()) {
        return false;
    }
    AutosavedDraft draft;
    draft.key = m_autosaveKey;
    draft.documentId = m_origin.documentId;
    draft.baseVersion = m_origin.version;
    draft.title = title();
    draft.html = document()->toHtml();
    draft.savedAt = QDateTime::currentDateTimeUtc();
    const auto saved = m_autosave.save(draft);
    if (!saved) {
        showNotice(saved.error().userMessage + u' ' + tr("Save a version soon so nothing is lost."), true);
        return false;
    }
    m_autosaveDirty = false;
    m_lastAutosave = draft.savedAt;
    updateStatus();
    Q_EMIT autosaved(draft.key);
    return true;
}

void DraftEditor::requestSaveVersion()
{
    if (m_readOnly) {
        return;
    }
    const std::optional<QString> comment = m_commentPrompt ? m_commentPrompt() : std::optional<QString>(QString());
    if (comment) {
        saveVersion(*comment);
    }
}

bool DraftEditor::saveVersion(const QString& comment)
{
    if (m_readOnly) {
        return false;
    }
    if (title().isEmpty()) {
        showNotice(tr("Give the draft a title before saving a version."), true);
        m_title->setFocus();
        return false;
    }
    // Keep a local copy first: if the check-in fails, the work is still on this computer.
    m_autosaveDirty = true;
    autosaveNow();
    auto odt = currentOdt();
    if (!odt) {
        showNotice(odt.error().userMessage, true);
        return false;
    }
    m_pendingSaveRevision = document()->revision();
    m_pendingSaveTitle = title();
    DraftSaveRequest request;
    request.autosaveKey = m_autosaveKey;
    request.documentId = m_origin.documentId;
    request.baseVersion = m_origin.version;
    request.title = title();
    request.comment = comment;
    request.odt = *odt;
    Q_EMIT saveVersionRequested(request);
    return true;
}

void DraftEditor::exportPdfInteractive()
{
    const QString suggested = QDir(QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation))
                                  .filePath(DraftFiling::baseNameFor(title()) + QStringLiteral(".pdf"));
    QString path = m_pathPrompt ? m_pathPrompt(tr("Export as PDF"), tr("PDF documents (*.pdf)"), suggested) : QString();
    if (path.isEmpty()) {
        return;
    }
    if (!path.endsWith(QStringLiteral(".pdf"), Qt::CaseInsensitive)) {
        path += QStringLiteral(".pdf");
    }
    const auto written = exportPdf(path);
    showNotice(written ? tr("Exported to %1.").arg(QDir::toNativeSeparators(path)) : written.error().userMessage, !written);
}

void DraftEditor::exportOdtInteractive()
{
    const QString suggested = QDir(QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation))
                                  .filePath(DraftFiling::baseNameFor(title()) + QStringLiteral(".odt"));
    QString path = m_pathPrompt ? m_pathPrompt(tr("Export as ODT"), tr("OpenDocument text (*.odt)"), suggested) : QString();
    if (path.isEmpty()) {
        return;
    }
    if (!path.endsWith(QStringLiteral(".odt"), Qt::CaseInsensitive)) {
        path += QStringLiteral(".odt");
    }
    const auto written = exportOdt(path);
    showNotice(written ? tr("Exported to %1.").arg(QDir::toNativeSeparators(path)) : written.error().userMessage, !written);
}

void DraftEditor::print()
{
    QPrinter printer(QPrinter::HighResolution);
    printer.setDocName(title());
    printer.setPageLayout(QPageLayout(QPageSize(QPageSize::Letter), QPageLayout::Portrait,
                                      QMarginsF(kMarginMm, kMarginMm, kMarginMm, kMarginMm), QPageLayout::Millimeter));
    QPrintDialog dialog(&printer, this);
    dialog.setWindowTitle(tr("Print draft"));
    if (dialog.exec() == QDialog::Accepted) {
        std::unique_ptr<QTextDocument> copy(document()->clone());
        copy->setDocumentMargin(0);
        copy->print(&printer);
    }
}

void DraftEditor::printPreview()
{
    QPrintPreviewDialog* preview = createPrintPreview();
    preview->exec();
}

QPrintPreviewDialog* DraftEditor::createPrintPreview()
{
    // The dialog owns its printer; it is deleted when closed.
    auto* printer = new QPrinter(QPrinter::HighResolution);
    printer->setDocName(title());
    printer->setPageLayout(QPageLayout(QPageSize(QPageSize::Letter), QPageLayout::Portrait,
                                       QMarginsF(kMarginMm, kMarginMm, kMarginMm, kMarginMm), QPageLayout::Millimeter));
    auto* preview = new QPrintPreviewDialog(printer, this);
    preview->setAttribute(Qt::WA_DeleteOnClose);
    connect(preview, &QObject::destroyed, preview, [printer] { delete printer; });
    preview->setWindowTitle(tr("Print preview: %1").arg(title().isEmpty() ? tr("Draft") : title()));
    connect(preview, &QPrintPreviewDialog::paintRequested, this, [this](QPrinter* target) {
        std::unique_ptr<QTextDocument> copy(document()->clone());
        copy->setDocumentMargin(0);
        copy->print(target);
    });
    preview->resize(900, 1000);
    return preview;
}

void DraftEditor::applyHeadingLevel(int level)
{
    m_format->applyHeadingLevel(level);
}

void DraftEditor::toggleBulletList()
{
    m_format->toggleBulletList();
}

void DraftEditor::toggleNumberedList()
{
    m_format->toggleNumberedList();
}

void DraftEditor::onContentsChanged()
{
    if (m_loading || m_readOnly) {
        return;
    }
    m_autosaveDirty = true;
    m_debounce->start(); // restarts: writes once typing pauses
    updateStatus();
}

void DraftEditor::updateStatus()
{
    QStringList parts;
    if (m_readOnly) {
        parts << tr("Read only");
    } else if (isModified()) {
        parts << tr("● Unsaved changes");
        if (m_lastAutosave.isValid()) {
            parts << tr("autosaved %1").arg(friendlyTime(m_lastAutosave));
        }
    } else if (m_lastSavedVersion > 0) {
        parts << tr("Saved as version %1").arg(m_lastSavedVersion);
    } else {
        parts << tr("New draft, not saved yet");
    }
    const int words = static_cast<int>(document()->toPlainText().split(QRegularExpression(QStringLiteral("\\s+")),
                                                                       Qt::SkipEmptyParts).size());
    parts << (words == 1 ? tr("1 word") : tr("%1 words").arg(words));
    m_status->setText(parts.join(QStringLiteral("  ·  ")));
}

void DraftEditor::showNotice(const QString& text, bool problem)
{
    m_notice->showMessage(text, problem);
}

QAction* DraftEditor::boldAction() const
{
    return m_format->boldAction();
}

QAction* DraftEditor::italicAction() const
{
    return m_format->italicAction();
}

QAction* DraftEditor::underlineAction() const
{
    return m_format->underlineAction();
}

QAction* DraftEditor::bulletListAction() const
{
    return m_format->bulletListAction();
}

QAction* DraftEditor::numberedListAction() const
{
    return m_format->numberedListAction();
}

QComboBox* DraftEditor::styleCombo() const
{
    return m_format->styleCombo();
}

} // namespace ocms
