#include "disclosureexport.h"

#include "casebinder.h"
#include "contentstore.h"
#include "db/documentrepository.h"

#include <QFileInfo>
#include <QSaveFile>

#include <algorithm>

namespace ocms {

namespace {

constexpr qint64 kMaxPdfBytes = 512LL * 1024 * 1024;

} // namespace

Result<int> DisclosureExport::redactedCopy(const RedactedCopy& request, const std::atomic<bool>* cancel)
{
    if (request.recipientName.trimmed().isEmpty()) {
        return fail(Error::validation(QStringLiteral("Say who receives the copy: disclosures are accounted for.")));
    }
    if (request.phrases.isEmpty() && request.areas.isEmpty()) {
        return fail(Error::validation(QStringLiteral("Mark the words or areas to remove.")));
    }
    auto document = m_repository.document(request.documentId);
    if (!document) {
        return fail(document.error());
    }
    if (document->caseId.isNull()) {
        return fail(Error::validation(QStringLiteral("Only documents filed under a case are disclosed this way (the case keeps the account).")));
    }
    const DocumentVersion* current = document->current();
    if (!request.areas.isEmpty() && !request.areasVersionId.isNull() && request.areasVersionId != current->id) {
        const auto marked = std::find_if(document->versions.cbegin(), document->versions.cend(),
                                         [&](const DocumentVersion& version) { return version.id == request.areasVersionId; });
        const QString markedOn = marked != document->versions.cend() ? QStringLiteral("version %1").arg(marked->versionNo)
                                                                      : QStringLiteral("another document's pages");
        return fail(Error::validation(QStringLiteral("The areas were marked on %1, but the copy is made of the current version "
                                                     "%2: open the current version and mark them there.")
                                          .arg(markedOn)
                                          .arg(current->versionNo)));
    }
    auto pdf = ContentStore(m_repository.database()).read(current->contentId, kMaxPdfBytes);
    if (!pdf) {
        return fail(pdf.error());
    }
    if (!pdf->startsWith("%PDF")) {
        return fail(Error::validation(QStringLiteral("%1 is not a PDF; redacted copies are made of PDFs.").arg(current->fileName)));
    }
    QList<Redactor::Box> boxes = request.areas;
    if (!request.phrases.isEmpty()) {
        auto found = Redactor::findText(*pdf, request.phrases);
        if (!found) {
            return fail(found.error());
        }
        boxes += *found;
    }
    if (boxes.isEmpty()) {
        return fail(Error::validation(QStringLiteral("None of the words to remove appear in the document; nothing was disclosed.")));
    }
    auto copy = Redactor().redact(*pdf, boxes, cancel);
    if (!copy) {
        return fail(copy.error());
    }
    QSaveFile file(request.outputPath);
    if (!file.open(QIODevice::WriteOnly) || file.write(*copy) != copy->size() || !file.commit()) {
        return fail(Error::io(QStringLiteral("Could not write %1: %2").arg(request.outputPath, file.errorString())));
    }
    const QString what = QStringLiteral("Redacted copy of %1 \"%2\" (version %3, %4 areas removed)")
                             .arg(document->documentNumber, document->title)
                             .arg(current->versionNo)
                             .arg(boxes.size());
    if (auto recorded = m_repository.recordDisclosure(document->caseId, what, request.recipientName.trimmed(),
                                                      request.recipientOrganization.trimmed(), request.legalBasis.trimmed());
        !recorded) {
        QFile::remove(request.outputPath); // no copy leaves without its account
        return fail(recorded.error());
    }
    return int(boxes.size());
}

Result<int> DisclosureExport::binder(const QString& title, const QList<QUuid>& documentIds, const QString& outputPath,
                                     const std::atomic<bool>* cancel)
{
    if (documentIds.isEmpty()) {
        return fail(Error::validation(QStringLiteral("Choose the documents for the binder.")));
    }
    CaseBinder binder(title);
    ContentStore store(m_repository.database());
    for (const QUuid& id : documentIds) {
        auto document = m_repository.document(id);
        if (!document) {
            return fail(document.error());
        }
        auto pdf = store.read(document->current()->contentId, kMaxPdfBytes);
        if (!pdf) {
            return fail(pdf.error());
        }
        if (!pdf->startsWith("%PDF")) {
            return fail(Error::validation(QStringLiteral("%1 \"%2\" is not a PDF; save it as PDF first or leave it out.")
                                              .arg(document->documentNumber, document->title)));
        }
        binder.addDocument({document->title, document->documentNumber, *pdf, QString()});
    }
    auto layout = binder.writeTo(outputPath, cancel);
    if (!layout) {
        return fail(layout.error());
    }
    return layout->pageCount;
}

} // namespace ocms
