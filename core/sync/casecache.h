#pragma once

#include "encryptedcache.h"
#include "models/recordtable.h"
#include "outbox.h"

#include <QDate>
#include <QJsonObject>

namespace ocms {

// An attorney's pinned cases in the offline copy: each case record as the user may read it, with its hearings
// and deadlines, and its documents (latest version; the content kept inside the encrypted copy and handed
// out in memory only). Time worked is logged offline through the outbox.
class CaseCache
{
public:
    CaseCache(EncryptedCache& cache, Outbox& outbox) : m_cache(cache), m_outbox(outbox) {}

    Result<void> ensureSchema();

    // Case, Title, Status, Documents, Hearing (next), Waiting (changes not yet sent).
    Result<RecordTable> caseList();
    // The case record's values with "hearings" and "deadlines" arrays.
    Result<QJsonObject> caseRecord(const QUuid& caseId);
    // Document, Title, Type, Version, File, Size, Offline (whether its content is in the copy).
    Result<RecordTable> documents(const QUuid& caseId);
    // A document's content, in memory (never written elsewhere on disk); NotFound when it was too large to carry.
    Result<QByteArray> documentContent(const QUuid& documentId);
    // Time worked on a pinned case, sent with the next sync.
    Result<QUuid> addTimeEntry(const QUuid& caseId, const QDate& workDate, double hours, const QString& note);
    // When, Hours, Note, Sent — time logged on the laptop and not yet on the server.
    Result<RecordTable> waitingTimeEntries(const QUuid& caseId);

private:
    EncryptedCache& m_cache;
    Outbox& m_outbox;
};

} // namespace ocms
