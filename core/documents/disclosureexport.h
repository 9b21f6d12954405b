#pragma once

#include "redactor.h"
#include "result.h"

#include <QStringList>
#include <QUuid>

#include <atomic>

namespace ocms {

class DocumentRepository;

// What leaves the building from the document repository: a redacted copy of a PDF for disclosure (the
// chosen words and areas truly removed, recorded in the case's accounting of disclosures), and a case
// binder (chosen documents joined with contents and bookmarks). Blocking: use on a worker thread.
class DisclosureExport
{
public:
    struct RedactedCopy
    {
        QUuid documentId;
        QStringList phrases;       // every occurrence is blacked out
        QList<Redactor::Box> areas; // and these marked areas
        QUuid areasVersionId;       // the version the areas were marked on; null: the current one
        QString outputPath;
        QString recipientName;     // the accounting of disclosures (PIA 6.4); required
        QString recipientOrganization;
        QString legalBasis;
    };

    explicit DisclosureExport(DocumentRepository& repository) : m_repository(repository) {}

    // Writes the copy of the current version (never half a file) and records the disclosure on the document's
    // case; returns how many areas were blacked out. Only a document filed under a case can be disclosed this
    // way; areas marked on another version than the current one are refused (they would cover the wrong places).
    Result<int> redactedCopy(const RedactedCopy& request, const std::atomic<bool>* cancel = nullptr);

    // The current versions of the documents (PDFs only: anything else is named in the Error), in order.
    Result<int> binder(const QString& title, const QList<QUuid>& documentIds, const QString& outputPath,
                       const std::atomic<bool>* cancel = nullptr);

private:
    DocumentRepository& m_repository;
};

} // namespace ocms
