#include "documentview.h"

#include "documents/contentstore.h"
#include "documents/draftfiling.h"
#include "documents/odtdraft.h"
#include "messagebanner.h"
#include "models/recordtablemodel.h"
#include "pdfviewer.h"
#include "recordlisttab.h"
#include "redactiondialog.h"
#include "versioncompareview.h"
#include "whenready.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QDesktopServices>
#include <QDialog>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMimeDatabase>
#include <QPushButton>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTabWidget>
#include <QPlainTextEdit>
#include <QTextBrowser>
#include <QUrl>
#include <QVBoxLayout>

namespace ocms {

namespace {

// Documents opened in the app are read into memory up to this size; larger ones are saved or opened outside.
constexpr qint64 kPreviewLimit = 256LL * 1024 * 1024;

QString sizeText(qint64 bytes)
{
    return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
}

QString textStateLabel(const QString& state)
{
    if (state == u"done") {
        return QCoreApplication::translate("ocms::DocumentView", "searchable");
    }
    if (state == u"pending" || state == u"ocr") {
        return QCoreApplication::translate("ocms::DocumentView", "text being read");
    }
    if (state == u"none") {
        return QCoreApplication::translate("ocms::DocumentView", "no text");
    }
    return QCoreApplication::translate("ocms::DocumentView", "text could not be read");
}

} // namespace

DocumentView::DocumentView(const ConnectionSettings& settings, const DropdownCatalog& catalog, const QUuid& documentId,
                           QWidget* parent)
    : QWidget(parent), m_service(settings), m_catalog(catalog), m_documentId(documentId), m_heading(new QLabel(this)),
      m_filed(new QLabel(this)), m_checkout(new QLabel(this)), m_message(new MessageBanner(this)),
      m_checkOutButton(new QPushButton(tr("Check &out"), this)), m_checkInButton(new QPushButton(tr("Check &in new version…"), this)),
      m_cancelButton(new QPushButton(tr("&Give back check-out"), this)),
      m_editDraftButton(new QPushButton(tr("&Edit draft"), this)), m_tabs(new QTabWidget(this)),
      m_preview(new QStackedWidget(this)), m_previewMessage(new QLabel(this)), m_text(new QPlainTextEdit(this)),
      m_draft(new QTextBrowser(this)),
      m_pdf(new PdfViewer(this)),
      m_title(new QLineEdit(this)), m_type(new QComboBox(this)), m_author(new QLineEdit(this)), m_tags(new QLineEdit(this)),
      m_saveDetails(new QPushButton(tr("&Save details"), this)), m_versions(new RecordListTab(QStringLiteral("Versions"), this))
{
    m_heading->setObjectName(QStringLiteral("documentHeading"));
    QFont headingFont = m_heading->font();
    headingFont.setPointSizeF(headingFont.pointSizeF() * 1.3);
    headingFont.setBold(true);
    m_heading->setFont(headingFont);
    m_heading->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_filed->setObjectName(QStringLiteral("documentFiled"));
    m_filed->setTextFormat(Qt::RichText);
    connect(m_filed, &QLabel::linkActivated, this, [this](const QString& link) {
        if (link == u"case") {
            Q_EMIT openCaseRequested(m_record.caseId);
        } else if (link == u"project") {
            Q_EMIT openProjectRequested(m_record.projectId);
        }
    });
    m_checkout->setObjectName(QStringLiteral("documentCheckout"));
    m_checkout->setWordWrap(true);
    m_checkOutButton->setObjectName(QStringLiteral("checkOutButton"));
    m_checkInButton->setObjectName(QStringLiteral("checkInButton"));
    m_cancelButton->setObjectName(QStringLiteral("cancelCheckOutButton"));
    m_editDraftButton->setObjectName(QStringLiteral("editDraftButton"));
    m_editDraftButton->setToolTip(tr("Write the next version in OCMS's editor (the document is checked out to you while it is open)"));
    m_editDraftButton->setVisible(false);
    connect(m_editDraftButton, &QPushButton::clicked, this, [this] { Q_EMIT editDraftRequested(m_documentId); });
    auto* saveCopy = new QPushButton(tr("Save a &copy…"), this);
    saveCopy->setObjectName(QStringLiteral("saveCopyButton"));
    auto* openOutside = new QPushButton(tr("Open in s&ystem program"), this);
    openOutside->setObjectName(QStringLiteral("openExternallyButton"));
    connect(m_checkOutButton, &QPushButton::clicked, this, &DocumentView::checkOut);
    connect(m_cancelButton, &QPushButton::clicked, this, &DocumentView::cancelCheckOut);
    connect(m_checkInButton, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Check in a new version of %1").arg(m_record.title));
        if (path.isEmpty()) {
            return;
        }
        bool ok = false;
        const QString comment = QInputDialog::getText(this, tr("Check in"), tr("What changed in this version?"),
                                                      QLineEdit::Normal, QString(), &ok);
        if (ok) {
            checkIn(path, comment);
        }
    });
    auto* redact = new QPushButton(tr("&Redacted copy…"), this);
    redact->setObjectName(QStringLiteral("redactedCopyButton"));
    connect(redact, &QPushButton::clicked, this, [this] {
        if (RedactionDialog* dialog = redactedCopy()) {
            dialog->open();
        }
    });
    connect(saveCopy, &QPushButton::clicked, this, &DocumentView::saveCopy);
    connect(openOutside, &QPushButton::clicked, this, &DocumentView::openExternally);

    // Preview: a message (loading, or why there is nothing to show) or the document's text.
    m_previewMessage->setObjectName(QStringLiteral("previewMessage"));
    m_previewMessage->setAlignment(Qt::AlignCenter);
    m_previewMessage->setWordWrap(true);
    m_text->setObjectName(QStringLiteral("textPreview"));
    m_text->setReadOnly(true);
    m_pdf->setObjectName(QStringLiteral("pdfViewer"));
    m_preview->addWidget(m_previewMessage);
    m_preview->addWidget(m_text);
    m_draft->setObjectName(QStringLiteral("draftPreview"));
    m_draft->setOpenLinks(false);
    m_preview->addWidget(m_draft);
    m_preview->addWidget(m_pdf);

    // Details: the metadata a user may correct.
    m_title->setObjectName(QStringLiteral("documentTitle"));
    m_type->setObjectName(QStringLiteral("documentType"));
    for (const DropdownChoice& choice : m_catalog.choices(QStringLiteral("document_type"))) {
        m_type->addItem(choice.label, choice.code);
    }
    m_author->setObjectName(QStringLiteral("documentAuthor"));
    m_tags->setObjectName(QStringLiteral("documentTags"));
    m_tags->setPlaceholderText(tr("Words separated by commas"));
    m_saveDetails->setObjectName(QStringLiteral("saveDetailsButton"));
    connect(m_saveDetails, &QPushButton::clicked, this, &DocumentView::saveDetails);
    auto* details = new QWidget(this);
    auto* detailsForm = new QFormLayout(details);
    detailsForm->addRow(tr("&Title:"), m_title);
    detailsForm->addRow(tr("T&ype:"), m_type);
    detailsForm->addRow(tr("&Author:"), m_author);
    detailsForm->addRow(tr("Ta&gs:"), m_tags);
    detailsForm->addRow(QString(), m_saveDetails);

    // Versions: open any, restore one as a new version.
    m_versions->addButton(tr("&Open version"), QStringLiteral("openVersionButton"), [this] {
        if (!m_versions->selectedId().isNull()) {
            showVersion(m_versions->selectedId());
            m_tabs->setCurrentIndex(0);
        }
    });
    m_versions->addButton(tr("&Restore as new version…"), QStringLiteral("restoreVersionButton"), [this] {
        if (m_versions->selectedId().isNull()) {
            m_message->showMessage(tr("Choose the version to restore."), true);
            return;
        }
        bool ok = false;
        const QString comment = QInputDialog::getText(this, tr("Restore version"), tr("Why restore it? (optional)"),
                                                      QLineEdit::Normal, QString(), &ok);
        if (ok) {
            restoreSelectedVersion(comment);
        }
    });
    m_versions->addButton(tr("&Compare with current"), QStringLiteral("compareVersionButton"), [this] {
        compareSelectedWithCurrent();
    });
    connect(m_versions, &RecordListTab::activated, this, [this](int) {
        showVersion(m_versions->selectedId());
        m_tabs->setCurrentIndex(0);
    });

    m_tabs->setObjectName(QStringLiteral("documentTabs"));
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(m_preview, tr("Preview"));
    m_tabs->addTab(details, tr("Details"));
    m_tabs->addTab(m_versions, tr("Versions"));

    auto* actions = new QHBoxLayout;
    for (QPushButton* button : {m_editDraftButton, m_checkOutButton, m_checkInButton, m_cancelButton, saveCopy, openOutside, redact}) {
        actions->addWidget(button);
    }
    actions->addStretch(1);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_heading);
    layout->addWidget(m_filed);
    layout->addWidget(m_checkout);
    layout->addLayout(actions);
    layout->addWidget(m_message);
    layout->addWidget(m_tabs, 1);
    reload();
}

template <class T, class Work, class Then>
void DocumentView::visit(Work work, Then then, std::function<void()> always)
{
    ++m_pending;
    whenReady(this, m_service.run<T>(std::function<Result<T>(DocumentRepository&)>(work)), [this, then, always](const Result<T>& result) {
        --m_pending;
        if (!result) {
            m_message->showMessage(result.error().userMessage, true);
        }
        if (always) {
            always();
        }
        if (result) {
            then(*result);
        }
    });
}

void DocumentView::reload()
{
    const QUuid id = m_documentId;
    visit<DocumentRecord>([id](DocumentRepository& repository) { return repository.document(id); },
                          [this](const DocumentRecord& record) { show(record); });
}

void DocumentView::show(const DocumentRecord& record)
{
    m_record = record;
    m_heading->setText(QStringLiteral("%1 — %2").arg(record.documentNumber, record.title));
    const QString parentLink = !record.caseNumber.isEmpty()
                                   ? QStringLiteral("<a href=\"case\">%1</a>").arg(record.parentLabel().toHtmlEscaped())
                               : !record.projectNumber.isEmpty()
                                   ? QStringLiteral("<a href=\"project\">%1</a>").arg(record.parentLabel().toHtmlEscaped())
                                   : record.parentLabel().toHtmlEscaped();
    QStringList facts{tr("Filed under %1").arg(parentLink), m_catalog.label(QStringLiteral("document_type"), record.documentType)};
    if (!record.authorName.isEmpty()) {
        facts.append(tr("by %1").arg(record.authorName.toHtmlEscaped()));
    }
    if (!record.officeName.isEmpty()) {
        facts.append(record.officeName.toHtmlEscaped());
    }
    if (!record.tags.isEmpty()) {
        facts.append(tr("tags: %1").arg(record.tags.join(QStringLiteral(", ")).toHtmlEscaped()));
    }
    m_filed->setText(facts.join(QStringLiteral(" · ")));

    const bool held = !record.checkedOutById.isNull();
    if (record.checkedOutByMe) {
        m_checkout->setText(tr("You have this document checked out since %1. Check in a new version or give the check-out back.")
                                .arg(QLocale().toString(record.checkedOutAt.toLocalTime(), QLocale::ShortFormat)));
        m_checkout->setStyleSheet(QStringLiteral("QLabel { background: #e7f1ff; padding: 6px; border-radius: 3px; }"));
    } else if (held) {
        m_checkout->setText(tr("Checked out by %1 since %2: nobody else can check in a new version until they are done.")
                                .arg(record.checkedOutByName, QLocale().toString(record.checkedOutAt.toLocalTime(), QLocale::ShortFormat)));
        m_checkout->setStyleSheet(QStringLiteral("QLabel { background: #fff4d6; padding: 6px; border-radius: 3px; }"));
    }
    m_checkout->setVisible(held);
    m_checkOutButton->setEnabled(!held);
    m_checkInButton->setEnabled(record.checkedOutByMe);
    m_cancelButton->setEnabled(record.checkedOutByMe);
    const DocumentVersion* current = record.current();
    m_editDraftButton->setVisible(current && DraftFiling::isDraftVersion(*current));
    m_editDraftButton->setEnabled(!held || record.checkedOutByMe);

    m_title->setText(record.title);
    m_type->setCurrentIndex(std::max(0, m_type->findData(record.documentType)));
    m_author->setText(record.authorName);
    m_tags->setText(record.tags.join(QStringLiteral(", ")));

    RecordTable versions;
    versions.headers = {tr("Version"), tr("Checked in"), tr("By"), tr("Comment"), tr("File"), tr("Size"), tr("Text")};
    for (const DocumentVersion& version : record.versions) {
        QString comment = version.comment;
        if (version.restoredFrom > 0) {
            comment = tr("(restored from version %1) %2").arg(version.restoredFrom).arg(comment);
        }
        versions.rows.append({version.versionNo, QLocale().toString(version.createdAt.toLocalTime(), QLocale::ShortFormat),
                              version.createdByName, comment, version.fileName, sizeText(version.byteSize),
                              textStateLabel(version.textState)});
        versions.ids.append(version.id);
    }
    m_versions->setTable(versions);
    Q_EMIT titleChanged(record.documentNumber);
    if (!m_pendingVersion.isNull()) {
        const QUuid version = std::exchange(m_pendingVersion, QUuid());
        showVersion(version, std::exchange(m_pendingTerm, QString()));
    } else if (current && m_shownVersion.isNull()) {
        showVersion(current->id);
    }
}

void DocumentView::showVersionWhenLoaded(const QUuid& versionId, const QString& term)
{
    if (m_record.versions.isEmpty()) {
        m_pendingVersion = versionId;
        m_pendingTerm = term;
    } else {
        showVersion(versionId, term);
    }
}

void DocumentView::showVersion(const QUuid& versionId, const QString& term)
{
    const auto found = std::find_if(m_record.versions.cbegin(), m_record.versions.cend(),
                                    [&](const DocumentVersion& version) { return version.id == versionId; });
    if (found == m_record.versions.cend()) {
        return;
    }
    const DocumentVersion version = *found;
    m_shownVersion = versionId;
    if (version.byteSize > kPreviewLimit) {
        m_previewMessage->setText(tr("Version %1 (%2, %3) is too large to show here. Use \"Save a copy\" or "
                                     "\"Open in system program\".")
                                      .arg(version.versionNo).arg(version.fileName, sizeText(version.byteSize)));
        m_preview->setCurrentWidget(m_previewMessage);
        return;
    }
    m_previewMessage->setText(tr("Opening version %1…").arg(version.versionNo));
    m_preview->setCurrentWidget(m_previewMessage);
    const QUuid content = version.contentId;
    visit<QByteArray>([content](DocumentRepository& repository) { return ContentStore(repository.database()).read(content, kPreviewLimit); },
                      [this, version, term](const QByteArray& bytes) {
                          if (m_shownVersion == version.id) {
                              showPreview(version, bytes, term);
                          }
                      });
}

void DocumentView::showPreview(const DocumentVersion& version, const QByteArray& bytes, const QString& term)
{
    const QMimeType type = QMimeDatabase().mimeTypeForName(version.mimeType);
    // A PDF (by its bytes, whatever its name claims) opens in the viewer, at the search hit when there is one;
    // a damaged or protected one says so in the viewer itself.
    if (bytes.startsWith("%PDF") || type.inherits(QStringLiteral("application/pdf"))) {
        m_pdf->loadData(bytes, tr("%1, version %2").arg(m_record.documentNumber).arg(version.versionNo));
        if (!term.trimmed().isEmpty() && m_pdf->pageCount() > 0) {
            m_pdf->openAt(0, term.trimmed().remove(u'"'));
        }
        m_preview->setCurrentWidget(m_pdf);
        return;
    }
    if (DraftFiling::isDraftVersion(version)) {
        // A draft written in OCMS (or any ODT text): shown as formatted text; "Edit draft" writes the next version.
        if (auto draft = OdtDraft::decode(bytes)) {
            m_draft->setHtml(draft->html());
            m_preview->setCurrentWidget(m_draft);
            return;
        }
    }
    if (type.inherits(QStringLiteral("text/plain"))) {
        // A preview, not an editor: the first 256 KB are enough to recognise a text and never stall the view.
        constexpr qsizetype kTextPreview = 256 * 1024;
        QString text = QString::fromUtf8(bytes.left(kTextPreview));
        if (bytes.size() > kTextPreview) {
            text += tr("\n\n[The preview shows the first 256 KB of %1. Save a copy to read all of it.]").arg(sizeText(bytes.size()));
        }
        m_text->setLineWrapMode(QPlainTextEdit::WidgetWidth);
        m_text->setPlainText(text);
        m_preview->setCurrentWidget(m_text);
        return;
    }
    m_previewMessage->setText(tr("Version %1 is %2 (%3). It opens in the system's program.")
                                  .arg(version.versionNo)
                                  .arg(type.isValid() ? type.comment() : version.mimeType, sizeText(version.byteSize)));
    m_preview->setCurrentWidget(m_previewMessage);
}

void DocumentView::checkOut()
{
    const QUuid id = m_documentId;
    visit<QDateTime>([id](DocumentRepository& repository) { return repository.checkOut(id); },
                     [this](const QDateTime&) {
                         m_message->showMessage(tr("Checked out: nobody else can check in a version until you are done."), false);
                         reload();
                     });
}

void DocumentView::cancelCheckOut()
{
    const QUuid id = m_documentId;
    visit<bool>([id](DocumentRepository& repository) -> Result<bool> {
        auto done = repository.cancelCheckOut(id);
        if (!done) {
            return fail(done.error());
        }
        return true;
    }, [this](bool) {
        m_message->showMessage(tr("Check-out given back."), false);
        reload();
    });
}

void DocumentView::checkIn(const QString& path, const QString& comment)
{
    const QFileInfo info(path);
    if (!info.isFile() || !info.isReadable()) {
        m_message->showMessage(tr("The file %1 does not exist or cannot be read.").arg(QDir::toNativeSeparators(path)), true);
        return;
    }
    const QUuid id = m_documentId;
    const QString mime = QMimeDatabase().mimeTypeForFile(info).name();
    m_message->showMessage(tr("Uploading %1…").arg(info.fileName()), false);
    m_checkInButton->setEnabled(false);
    visit<QUuid>([id, path, mime, comment, name = info.fileName()](DocumentRepository& repository) -> Result<QUuid> {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) {
            return fail(Error::io(QStringLiteral("The file could not be opened: %1").arg(file.errorString())));
        }
        auto stored = ContentStore(repository.database()).upload(file, file.size());
        if (!stored) {
            return fail(stored.error());
        }
        return repository.checkIn(id, stored->id, name, mime, comment);
    }, [this](const QUuid&) {
        m_message->showMessage(tr("Checked in as a new version; the check-out is given back."), false);
        m_shownVersion = QUuid();
        reload();
        Q_EMIT versionAdded();
    }, [this] { m_checkInButton->setEnabled(m_record.checkedOutByMe); });
}

void DocumentView::restoreSelectedVersion(const QString& comment)
{
    const QUuid version = m_versions->selectedId();
    visit<QUuid>([version, comment](DocumentRepository& repository) { return repository.restore(version, comment); },
                 [this](const QUuid&) {
                     m_message->showMessage(tr("Restored as a new version."), false);
                     m_shownVersion = QUuid();
                     reload();
                 });
}

void DocumentView::compareSelectedWithCurrent()
{
    const DocumentVersion* current = m_record.current();
    const QUuid selected = m_versions->selectedId();
    const auto older = std::find_if(m_record.versions.cbegin(), m_record.versions.cend(),
                                    [&](const DocumentVersion& version) { return version.id == selected; });
    if (!current || older == m_record.versions.cend() || older->id == current->id) {
        m_message->showMessage(tr("Choose an earlier version to compare with the current one."), true);
        return;
    }
    if (older->textState != u"done" || current->textState != u"done") {
        m_message->showMessage(tr("Only versions whose text has been read can be compared; try again in a moment."), true);
        return;
    }
    const QString oldLabel = tr("Version %1 (%2)").arg(older->versionNo).arg(QLocale().toString(older->createdAt.toLocalTime(), QLocale::ShortFormat));
    const QString newLabel = tr("Version %1 (%2)").arg(current->versionNo).arg(QLocale().toString(current->createdAt.toLocalTime(), QLocale::ShortFormat));
    const QUuid oldId = older->id;
    const QUuid newId = current->id;
    visit<QStringList>([oldId, newId](DocumentRepository& repository) -> Result<QStringList> {
        auto oldText = repository.versionText(oldId);
        if (!oldText) {
            return fail(oldText.error());
        }
        auto newText = repository.versionText(newId);
        if (!newText) {
            return fail(newText.error());
        }
        return QStringList{*oldText, *newText};
    }, [this, oldLabel, newLabel](const QStringList& texts) {
        auto* dialog = new QDialog(this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->setWindowTitle(tr("%1: compare versions").arg(m_record.documentNumber));
        auto* compare = new VersionCompareView(dialog);
        compare->setObjectName(QStringLiteral("versionCompare"));
        compare->compare(oldLabel, texts.value(0), newLabel, texts.value(1));
        auto* layout = new QVBoxLayout(dialog);
        layout->addWidget(compare);
        dialog->resize(1100, 700);
        m_compare = dialog;
        dialog->show();
    });
}

RedactionDialog* DocumentView::redactedCopy()
{
    const DocumentVersion* current = m_record.current();
    if (!current) {
        return nullptr;
    }
    if (m_record.caseId.isNull()) {
        m_message->showMessage(tr("Redacted copies are made of documents filed under a case, which keeps the account of disclosures."), true);
        return nullptr;
    }
    const QString suggested = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation) + u'/' + m_record.documentNumber +
                              QStringLiteral("-redacted.pdf");
    auto* dialog = new RedactionDialog(m_documentId, suggested, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    if (m_preview->currentWidget() == m_pdf) { // the marks belong to the version on screen
        dialog->setMarkedAreas(m_pdf->redactionMarks(), m_shownVersion);
    }
    connect(dialog, &RedactionDialog::requested, this, [this, dialog](const DisclosureExport::RedactedCopy& request) {
        dialog->setEnabled(false);
        QPointer<RedactionDialog> guard = dialog;
        visit<int>([request](DocumentRepository& repository) { return DisclosureExport(repository).redactedCopy(request); },
                   [this, guard, path = request.outputPath](int areas) {
                       const QString removed = areas == 1 ? tr("1 area removed") : tr("%1 areas removed").arg(areas);
                       m_message->showMessage(tr("Redacted copy saved to %1 (%2) and recorded in the case's accounting of "
                                                 "disclosures.")
                                                  .arg(QDir::toNativeSeparators(path), removed),
                                              false);
                       if (guard) {
                           guard->accept();
                       }
                   },
                   [this, guard] {
                       if (guard) {
                           guard->setEnabled(true);
                           guard->showProblem(m_message->message());
                       }
                   });
    });
    return dialog;
}

void DocumentView::saveDetails()
{
    const QUuid id = m_documentId;
    const QString title = m_title->text().trimmed();
    if (title.isEmpty()) {
        m_message->showMessage(tr("A document needs a title."), true);
        return;
    }
    const QString type = m_type->currentData().toString();
    const QString author = m_author->text().trimmed();
    QStringList tags;
    for (const QString& tag : m_tags->text().split(u',', Qt::SkipEmptyParts)) {
        if (!tag.trimmed().isEmpty()) {
            tags.append(tag.trimmed().toLower());
        }
    }
    const qint64 rowVersion = m_record.rowVersion;
    m_saveDetails->setEnabled(false);
    visit<bool>([=](DocumentRepository& repository) -> Result<bool> {
        auto saved = repository.updateMetadata(id, title, type, author, tags, rowVersion);
        if (!saved) {
            return fail(saved.error());
        }
        return true;
    }, [this](bool) {
        m_message->showMessage(tr("Saved."), false);
        reload();
    }, [this] { m_saveDetails->setEnabled(true); }); // a refusal keeps what was typed
}

void DocumentView::saveCopy()
{
    const DocumentVersion* version = m_record.current();
    if (!version) {
        return;
    }
    const QString path = QFileDialog::getSaveFileName(this, tr("Save a copy"),
                                                      QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation) +
                                                          u'/' + version->fileName);
    if (path.isEmpty()) {
        return;
    }
    const QUuid content = version->contentId;
    m_message->showMessage(tr("Saving %1…").arg(QFileInfo(path).fileName()), false);
    visit<qint64>([content, path](DocumentRepository& repository) -> Result<qint64> {
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
            return fail(Error::io(QStringLiteral("Could not write %1: %2").arg(path, file.errorString())));
        }
        auto written = ContentStore(repository.database()).download(content, file);
        if (!written) {
            file.remove(); // nothing half-written is left behind
        }
        return written;
    }, [this, path](qint64 bytes) {
        m_message->showMessage(tr("Saved %1 (%2), checked against its SHA-256.").arg(QDir::toNativeSeparators(path), sizeText(bytes)), false);
    });
}

void DocumentView::openExternally()
{
    const DocumentVersion* version = m_record.current();
    if (!version) {
        return;
    }
    // A private folder of this user's; the copy is read-only to remind that changes go back by check-in.
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::CacheLocation) + QStringLiteral("/opened");
    QDir().mkpath(folder);
    QFile::setPermissions(folder, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    const QString path = folder + u'/' + m_record.documentNumber + u'-' + QString::number(version->versionNo) + u'-' +
                         QFileInfo(version->fileName).fileName();
    const QUuid content = version->contentId;
    visit<qint64>([content, path](DocumentRepository& repository) -> Result<qint64> {
        QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
            return fail(Error::io(QStringLiteral("Could not write %1: %2").arg(path, file.errorString())));
        }
        auto written = ContentStore(repository.database()).download(content, file);
        file.close();
        if (!written) {
            file.remove();
        } else {
            QFile::setPermissions(path, QFileDevice::ReadOwner);
        }
        return written;
    }, [this, path](qint64) {
        if (!QDesktopServices::openUrl(QUrl::fromLocalFile(path))) {
            m_message->showMessage(tr("No program on this computer opens this kind of file. A copy is at %1.")
                                       .arg(QDir::toNativeSeparators(path)), true);
        }
    });
}

} // namespace ocms
