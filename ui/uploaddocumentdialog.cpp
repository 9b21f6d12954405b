#include "uploaddocumentdialog.h"

#include "documentfields.h"
#include "documents/contentstore.h"
#include "messagebanner.h"
#include "whenready.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QMimeData>
#include <QMimeDatabase>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

namespace ocms {

UploadDocumentDialog::UploadDocumentDialog(const ConnectionSettings& settings, const DropdownCatalog& catalog,
                                           const DocumentParent& parent, QWidget* parentWidget)
    : QDialog(parentWidget), m_service(settings), m_fixedParent(parent), m_file(new QLineEdit(this)),
      m_title(new QLineEdit(this)), m_type(new QComboBox(this)), m_author(new QLineEdit(this)),
      m_parent(new QLineEdit(this)), m_tags(new QLineEdit(this)), m_comment(new QLineEdit(this)),
      m_progress(new QProgressBar(this)), m_message(new MessageBanner(this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("Add document"));
    setAcceptDrops(true);
    setMinimumWidth(560);
    m_file->setObjectName(QStringLiteral("uploadFile"));
    m_file->setPlaceholderText(tr("Choose a file or drop it here"));
    m_title->setObjectName(QStringLiteral("uploadTitle"));
    m_type->setObjectName(QStringLiteral("uploadType"));
    fillDocumentTypes(m_type, catalog);
    m_author->setObjectName(QStringLiteral("uploadAuthor"));
    m_parent->setObjectName(QStringLiteral("uploadParent"));
    m_parent->setPlaceholderText(tr("Case number, project number or A-Number"));
    if (!parent.label.isEmpty()) {
        m_parent->setText(parent.label);
        m_parent->setReadOnly(true);
    }
    m_tags->setObjectName(QStringLiteral("uploadTags"));
    m_tags->setPlaceholderText(tr("Words separated by commas"));
    m_comment->setObjectName(QStringLiteral("uploadComment"));
    m_comment->setPlaceholderText(tr("Optional: what this version is"));
    m_progress->setObjectName(QStringLiteral("uploadProgress"));
    m_progress->setVisible(false);

    auto* browse = new QPushButton(tr("&Browse…"), this);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Add document"));
        if (!path.isEmpty()) {
            setFile(path);
        }
    });
    auto* fileRow = new QHBoxLayout;
    fileRow->addWidget(m_file, 1);
    fileRow->addWidget(browse);

    auto* form = new QFormLayout;
    form->addRow(tr("&File:"), fileRow);
    form->addRow(tr("&Title:"), m_title);
    form->addRow(tr("T&ype:"), m_type);
    form->addRow(tr("&Author:"), m_author);
    form->addRow(tr("Filed &under:"), m_parent);
    form->addRow(tr("Ta&gs:"), m_tags);
    form->addRow(tr("&Comment:"), m_comment);

    auto* send = m_buttons->addButton(tr("&Upload"), QDialogButtonBox::AcceptRole);
    send->setObjectName(QStringLiteral("uploadButton"));
    send->setDefault(true);
    connect(send, &QPushButton::clicked, this, &UploadDocumentDialog::upload);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &UploadDocumentDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_message);
    layout->addLayout(form);
    layout->addWidget(m_progress);
    layout->addWidget(m_buttons);
}

UploadDocumentDialog::~UploadDocumentDialog()
{
    if (m_cancel) {
        m_cancel->store(true); // a running upload stops and drops what it sent
    }
}

void UploadDocumentDialog::setFile(const QString& path)
{
    m_file->setText(QDir::toNativeSeparators(path));
    if (m_title->text().trimmed().isEmpty()) {
        m_title->setText(QFileInfo(path).completeBaseName().replace(u'_', u' '));
    }
}

void UploadDocumentDialog::dragEnterEvent(QDragEnterEvent* event)
{
    if (!m_uploading && event->mimeData()->hasUrls() && event->mimeData()->urls().first().isLocalFile()) {
        event->acceptProposedAction();
    }
}

void UploadDocumentDialog::dropEvent(QDropEvent* event)
{
    const QList<QUrl> urls = event->mimeData()->urls();
    if (!urls.isEmpty() && urls.first().isLocalFile()) {
        setFile(urls.first().toLocalFile());
        event->acceptProposedAction();
    }
}

void UploadDocumentDialog::reject()
{
    if (m_uploading && m_cancel) {
        m_cancel->store(true);
        m_message->showMessage(tr("Cancelling the upload…"), false);
        return; // closes when the worker has dropped what it sent
    }
    QDialog::reject();
}

void UploadDocumentDialog::upload()
{
    if (m_uploading) {
        return;
    }
    const QString path = QDir::fromNativeSeparators(m_file->text().trimmed());
    const QFileInfo info(path);
    QString problem;
    if (path.isEmpty()) {
        problem = tr("Choose the file to upload.");
    } else if (!info.isFile() || !info.isReadable()) {
        problem = tr("The file %1 does not exist or cannot be read.").arg(m_file->text());
    } else if (m_title->text().trimmed().isEmpty()) {
        problem = tr("Give the document a title.");
    } else if (m_type->currentData().toString().isEmpty()) {
        problem = tr("Choose the type of document.");
    } else if (m_fixedParent.label.isEmpty() && m_parent->text().trimmed().isEmpty()) {
        problem = tr("Say where the document is filed: a case number, project number or A-Number.");
    }
    if (!problem.isEmpty()) {
        m_message->showMessage(problem, true);
        return;
    }

    NewDocument document;
    document.title = m_title->text().trimmed();
    document.documentType = m_type->currentData().toString();
    document.authorName = m_author->text().trimmed();
    document.tags = tagsFromText(m_tags->text());
    document.fileName = info.fileName();
    document.mimeType = QMimeDatabase().mimeTypeForFile(info).name();
    document.comment = m_comment->text().trimmed();
    const DocumentParent fixed = m_fixedParent;
    const QString reference = m_parent->text().trimmed();

    m_uploading = true;
    m_cancel = std::make_shared<std::atomic_bool>(false);
    m_progress->setRange(0, 1000);
    m_progress->setValue(0);
    m_progress->setVisible(true);
    m_buttons->button(QDialogButtonBox::Cancel)->setText(tr("Cancel upload"));
    for (QWidget* field : std::initializer_list<QWidget*>{m_file, m_title, m_type, m_author, m_parent, m_tags, m_comment}) {
        field->setEnabled(false);
    }
    m_message->showMessage(tr("Uploading %1…").arg(info.fileName()), false);

    QPointer<QProgressBar> bar = m_progress;
    auto cancel = m_cancel;
    const QString title = document.title;
    whenReady(this, m_service.run<QUuid>([=](DocumentRepository& repository) -> Result<QUuid> {
        NewDocument filed = document;
        DocumentParent where = fixed;
        if (where.label.isEmpty()) {
            auto resolved = repository.resolveParent(reference);
            if (!resolved) {
                return fail(resolved.error());
            }
            where = *resolved;
        }
        filed.caseId = where.caseId;
        filed.projectId = where.projectId;
        filed.aNumber = where.aNumber;
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) {
            return fail(Error::io(QStringLiteral("The file could not be opened: %1").arg(file.errorString())));
        }
        auto stored = ContentStore(repository.database()).upload(
            file, file.size(),
            [bar](qint64 done, qint64 total) {
                const int permille = total > 0 ? int(done * 1000 / total) : 1000;
                QMetaObject::invokeMethod(bar, [bar, permille] { if (bar) bar->setValue(permille); }, Qt::QueuedConnection);
            },
            cancel.get());
        if (!stored) {
            return fail(stored.error());
        }
        return repository.create(filed, stored->id);
    }), [this, title](const Result<QUuid>& outcome) { finishUpload(outcome, title); });
}

void UploadDocumentDialog::finishUpload(const Result<QUuid>& outcome, const QString& title)
{
    m_uploading = false;
    const bool cancelled = m_cancel && m_cancel->load();
    m_cancel.reset();
    m_buttons->button(QDialogButtonBox::Cancel)->setText(tr("Cancel"));
    for (QWidget* field : std::initializer_list<QWidget*>{m_file, m_title, m_type, m_author, m_tags, m_comment}) {
        field->setEnabled(true);
    }
    m_parent->setEnabled(true);
    if (cancelled) {
        QDialog::reject();
        return;
    }
    if (!outcome) {
        m_progress->setVisible(false);
        m_message->showMessage(outcome.error().userMessage, true);
        return;
    }
    Q_EMIT uploaded(*outcome, title);
    accept();
}

} // namespace ocms
