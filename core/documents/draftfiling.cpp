#include "draftfiling.h"

#include "contentstore.h"
#include "db/documentrepository.h"
#include "db/sqlsession.h"

#include <QRegularExpression>

namespace ocms {

namespace {

// Drafts are read whole into the editor; anything near this size is not a draft someone typed.
constexpr qint64 kMaxDraftBytes = 64LL * 1024 * 1024;

} // namespace

bool DraftFiling::isDraftVersion(const DocumentVersion& version)
{
    return version.mimeType == QLatin1StringView(kOdtMimeType)
           || version.fileName.endsWith(QStringLiteral(".odt"), Qt::CaseInsensitive);
}

QString DraftFiling::baseNameFor(const QString& title)
{
    static const QRegularExpression unsafe(QStringLiteral(R"([\\/:*?"<>|\x00-\x1f]+)"));
    QString name = QString(title).replace(unsafe, QStringLiteral(" ")).simplified().left(80).trimmed();
    while (name.startsWith(u'.')) {
        name.remove(0, 1);
    }
    return name.isEmpty() ? QStringLiteral("Draft") : name;
}

Result<DraftFiling::Opened> DraftFiling::open(const QUuid& documentId)
{
    Opened opened;
    auto taken = m_repository.checkOut(documentId);
    if (!taken) {
        if (taken.error().code != ErrorCode::Conflict) {
            return fail(taken.error());
        }
        opened.readOnlyReason = taken.error().userMessage; // someone else is writing: read along, don't write
    }
    auto record = m_repository.document(documentId);
    if (!record) {
        return fail(record.error());
    }
    const DocumentVersion* current = record->current();
    if (!current || !isDraftVersion(*current)) {
        if (opened.readOnlyReason.isEmpty()) {
            m_repository.cancelCheckOut(documentId); // taken for nothing: give it back
        }
        return fail(Error{ErrorCode::Validation,
                          QStringLiteral("The current version is not a draft written in OCMS (an ODT document): check "
                                         "out the file and edit it in its own program."),
                          {}});
    }
    auto odt = ContentStore(m_repository.database()).read(current->contentId, kMaxDraftBytes);
    if (!odt) {
        return fail(odt.error());
    }
    opened.record = *std::move(record);
    opened.odt = *std::move(odt);
    return opened;
}

Result<DraftFiling::Saved> DraftFiling::fileNew(NewDocument document, const QString& title, const QByteArray& odt,
                                                const QString& comment)
{
    auto stored = ContentStore(m_repository.database()).upload(odt);
    if (!stored) {
        return fail(stored.error());
    }
    document.title = title.trimmed();
    document.fileName = fileNameFor(title);
    document.mimeType = QString::fromLatin1(kOdtMimeType);
    document.comment = comment.trimmed();
    QUuid documentId;
    auto filed = SqlSession(m_repository.database()).inTransaction([&]() -> Result<void> {
        auto created = m_repository.create(document, stored->id);
        if (!created) {
            return fail(created.error());
        }
        documentId = *created;
        auto taken = m_repository.checkOut(documentId);
        return taken ? Result<void>() : fail(taken.error());
    });
    if (!filed) {
        return fail(filed.error());
    }
    return savedVersion(documentId);
}

Result<DraftFiling::Saved> DraftFiling::checkIn(const QUuid& documentId, const QString& title, const QByteArray& odt,
                                                const QString& comment)
{
    auto stored = ContentStore(m_repository.database()).upload(odt);
    if (!stored) {
        return fail(stored.error());
    }
    auto filed = SqlSession(m_repository.database()).inTransaction([&]() -> Result<void> {
        // Taking a check-out the writer already holds changes nothing; one somebody else took meanwhile is refused.
        auto held = m_repository.checkOut(documentId);
        if (!held) {
            return fail(held.error());
        }
        auto version = m_repository.checkIn(documentId, stored->id, fileNameFor(title), QString::fromLatin1(kOdtMimeType),
                                            comment.trimmed());
        if (!version) {
            return fail(version.error());
        }
        auto kept = m_repository.checkOut(documentId); // check-in gave it back: the writer goes on writing
        if (!kept) {
            return fail(kept.error());
        }
        return m_repository.retitle(documentId, title);
    });
    if (!filed) {
        return fail(filed.error());
    }
    return savedVersion(documentId);
}

Result<void> DraftFiling::release(const QUuid& documentId)
{
    auto record = m_repository.document(documentId);
    if (!record) {
        return fail(record.error());
    }
    if (!record->checkedOutByMe) {
        return {};
    }
    return m_repository.cancelCheckOut(documentId);
}

Result<DraftFiling::Saved> DraftFiling::savedVersion(const QUuid& documentId)
{
    auto record = m_repository.document(documentId);
    if (!record) {
        return fail(record.error());
    }
    const DocumentVersion* current = record->current();
    return Saved{documentId, current ? current->versionNo : 0, record->documentNumber};
}

} // namespace ocms
