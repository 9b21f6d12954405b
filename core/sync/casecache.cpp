#include "casecache.h"

#include <QJsonDocument>

namespace ocms {

namespace {

QString text(const QUuid& id)
{
    return id.toString(QUuid::WithoutBraces);
}

} // namespace

Result<void> CaseCache::ensureSchema()
{
    return m_cache.exec(QStringLiteral(
        "CREATE TABLE IF NOT EXISTS cases ("
        "  id TEXT PRIMARY KEY, case_number TEXT NOT NULL, title TEXT, status TEXT, row_version INTEGER NOT NULL DEFAULT 0,"
        "  detail TEXT NOT NULL);"
        "CREATE TABLE IF NOT EXISTS case_documents ("
        "  id TEXT PRIMARY KEY, case_id TEXT NOT NULL, document_number TEXT NOT NULL, title TEXT, document_type TEXT,"
        "  version_no INTEGER, file_name TEXT, mime_type TEXT, byte_size INTEGER, updated_at TEXT, row_version INTEGER NOT NULL DEFAULT 0,"
        "  content BLOB);"
        "CREATE INDEX IF NOT EXISTS case_documents_case ON case_documents (case_id);"));
}

Result<RecordTable> CaseCache::caseList()
{
    auto rows = m_cache.rows(QStringLiteral(
        "SELECT c.id, c.case_number, c.title, c.status, (SELECT count(*) FROM case_documents d WHERE d.case_id = c.id),"
        "  (SELECT count(*) FROM outbox o WHERE o.target_id = c.id) FROM cases c ORDER BY c.case_number"));
    if (!rows) {
        return fail(rows.error());
    }
    RecordTable table;
    table.headers = {QStringLiteral("Case"), QStringLiteral("Title"), QStringLiteral("Status"), QStringLiteral("Documents"),
                     QStringLiteral("Waiting")};
    for (QVariantList& row : *rows) {
        table.ids.append(QUuid(row.takeFirst().toString()));
        table.rows.append(std::move(row));
    }
    return table;
}

Result<QJsonObject> CaseCache::caseRecord(const QUuid& caseId)
{
    auto detail = m_cache.scalar(QStringLiteral("SELECT detail FROM cases WHERE id = ?"), {text(caseId)});
    if (!detail) {
        return fail(detail.error());
    }
    if (detail->isNull()) {
        return fail(Error{ErrorCode::NotFound, QStringLiteral("The case is not in the offline copy (it may have been unpinned)."), {}});
    }
    return QJsonDocument::fromJson(detail->toString().toUtf8()).object();
}

Result<RecordTable> CaseCache::documents(const QUuid& caseId)
{
    auto rows = m_cache.rows(QStringLiteral("SELECT id, document_number, title, document_type, version_no, file_name, byte_size,"
                                            "  CASE WHEN content IS NULL THEN 'Too large to carry' ELSE 'On this laptop' END "
                                            "FROM case_documents WHERE case_id = ? ORDER BY updated_at DESC"),
                             {text(caseId)});
    if (!rows) {
        return fail(rows.error());
    }
    RecordTable table;
    table.headers = {QStringLiteral("Document"), QStringLiteral("Title"), QStringLiteral("Type"), QStringLiteral("Version"),
                     QStringLiteral("File"), QStringLiteral("Size"), QStringLiteral("Offline")};
    for (QVariantList& row : *rows) {
        table.ids.append(QUuid(row.takeFirst().toString()));
        table.rows.append(std::move(row));
    }
    return table;
}

Result<QByteArray> CaseCache::documentContent(const QUuid& documentId)
{
    auto content = m_cache.scalar(QStringLiteral("SELECT content FROM case_documents WHERE id = ?"), {text(documentId)});
    if (!content) {
        return fail(content.error());
    }
    if (content->isNull()) {
        return fail(Error{ErrorCode::NotFound, QStringLiteral("This document is not on the laptop (too large to carry, or not pinned)."), {}});
    }
    return content->toByteArray();
}

Result<QUuid> CaseCache::addTimeEntry(const QUuid& caseId, const QDate& workDate, double hours, const QString& note)
{
    if (!workDate.isValid() || workDate > QDate::currentDate().addDays(1) || workDate < QDate(1990, 1, 1)) {
        return fail(Error::validation(QStringLiteral("Give the day worked (not in the future).")));
    }
    if (!(hours > 0.0 && hours <= 24.0)) {
        return fail(Error::validation(QStringLiteral("Give the hours worked: more than 0, at most 24.")));
    }
    QUuid changeId;
    auto done = m_cache.inTransaction([&]() -> Result<void> {
        auto known = m_cache.scalar(QStringLiteral("SELECT row_version FROM cases WHERE id = ?"), {text(caseId)});
        if (!known) {
            return fail(known.error());
        }
        if (known->isNull()) {
            return fail(Error{ErrorCode::NotFound, QStringLiteral("The case is not in the offline copy (it may have been unpinned)."), {}});
        }
        auto queued = m_outbox.add(QStringLiteral("add_time_entry"), QStringLiteral("legal.cases"), caseId, known->toLongLong(),
                                   {{QStringLiteral("id"), text(QUuid::createUuid())},
                                    {QStringLiteral("work_date"), workDate.toString(Qt::ISODate)},
                                    {QStringLiteral("hours"), qRound(hours * 100.0) / 100.0},
                                    {QStringLiteral("note"), note.trimmed().isEmpty() ? QJsonValue() : note.trimmed()}});
        if (!queued) {
            return fail(queued.error());
        }
        changeId = *queued;
        return {};
    });
    if (!done) {
        return fail(done.error());
    }
    return changeId;
}

Result<RecordTable> CaseCache::waitingTimeEntries(const QUuid& caseId)
{
    auto pending = m_outbox.pending(100000);
    if (!pending) {
        return fail(pending.error());
    }
    RecordTable table;
    table.headers = {QStringLiteral("Day"), QStringLiteral("Hours"), QStringLiteral("Note")};
    for (const OutboxChange& change : std::as_const(*pending)) {
        if (change.kind == QLatin1String("add_time_entry") && change.targetId == caseId) {
            table.ids.append(change.id);
            table.rows.append({QDate::fromString(change.payload.value(QStringLiteral("work_date")).toString(), Qt::ISODate),
                               change.payload.value(QStringLiteral("hours")).toDouble(), change.payload.value(QStringLiteral("note")).toString()});
        }
    }
    return table;
}

} // namespace ocms
