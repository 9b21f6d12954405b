#pragma once

#include "models/documentrecord.h"
#include "models/recordtable.h"
#include "result.h"
#include "sqlsession.h"

#include <QSqlDatabase>

namespace ocms {

// Documents as the signed-in user may see them (the server's row security follows the case, project or
// A-Number they are filed under): metadata, versions, check-out / check-in, restore, full-text search, and
// the text the extraction job files. Content itself moves through ContentStore. Blocking: use on a worker
// thread (DocumentService).
class DocumentRepository
{
public:
    explicit DocumentRepository(QSqlDatabase& database) : m_database(database), m_sql(database) {}

    QSqlDatabase& database() { return m_database; }

    // A case number, project number or A-Number as typed, resolved to what the user may file under.
    Result<DocumentParent> resolveParent(const QString& reference);
    // Files a new document with its first version (content uploaded and claimed before); returns its id.
    Result<QUuid> create(const NewDocument& document, const QUuid& contentId);
    Result<DocumentRecord> document(const QUuid& documentId);
    // Title, type, author name, tags; refused (Conflict) if someone saved since rowVersion.
    Result<void> updateMetadata(const QUuid& documentId, const QString& title, const QString& documentType,
                                const QString& authorName, const QStringList& tags, qint64 rowVersion);

    // The title alone, as a draft's writer retitles it while holding the check-out.
    Result<void> retitle(const QUuid& documentId, const QString& title);

    Result<QDateTime> checkOut(const QUuid& documentId);
    Result<void> cancelCheckOut(const QUuid& documentId);
    Result<QUuid> checkIn(const QUuid& documentId, const QUuid& contentId, const QString& fileName,
                          const QString& mimeType, const QString& comment);
    Result<QUuid> restore(const QUuid& versionId, const QString& comment);
    Result<QString> versionText(const QUuid& versionId); // extracted text (for comparing versions)

    // Documents filed under a case / project / A-Number: Document, Title, Type, Version, Checked out, Updated.
    Result<RecordTable> listFor(const QUuid& caseId, const QUuid& projectId, const QString& aNumber);
    Result<QList<DocumentSearchHit>> search(const DocumentSearchQuery& query);

    // The extraction job: versions of mine still waiting for text, and filing it.
    struct PendingText
    {
        QUuid versionId;
        QUuid contentId;
        QString fileName;
        QString mimeType;
        QString state;
    };
    Result<QList<PendingText>> pendingText(int limit);
    Result<void> setText(const QUuid& versionId, const QString& state, const QString& method, const QString& text,
                         int pages, const QString& note);

    // Accounting of disclosures (PIA 6.4): a copy given outside, recorded on its case.
    Result<void> recordDisclosure(const QUuid& caseId, const QString& whatDisclosed, const QString& recipientName,
                                  const QString& recipientOrganization, const QString& legalBasis);

private:
    QSqlDatabase& m_database;
    SqlSession m_sql;
};

} // namespace ocms
