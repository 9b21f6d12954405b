#include "documentrepository.h"

#include "domain/anumber.h"
#include "sqlerrortranslator.h"

#include <QSqlError>
#include <QSqlQuery>

namespace ocms {

namespace {

QVariant uuidOrNull(const QUuid& id)
{
    return id.isNull() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(id.toString(QUuid::WithoutBraces));
}

QVariant textOrNull(const QString& text)
{
    return text.trimmed().isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(text.trimmed());
}

// PostgreSQL text[] literal, each element quoted (tags are typed by users).
QString textArray(const QStringList& values)
{
    QStringList quoted;
    for (const QString& value : values) {
        QString escaped = value.trimmed();
        if (escaped.isEmpty()) {
            continue;
        }
        escaped.replace(u'\\', QStringLiteral("\\\\")).replace(u'"', QStringLiteral("\\\""));
        quoted.append(u'"' + escaped + u'"');
    }
    return u'{' + quoted.join(u',') + u'}';
}

QStringList parseTextArray(const QString& literal)
{
    // QPSQL returns text[] as its literal; tags are short words, quoted when they hold separators.
    QStringList values;
    QString current;
    bool quoted = false;
    bool escape = false;
    for (const QChar c : literal.mid(1, literal.size() - 2)) {
        if (escape) {
            current += c;
            escape = false;
        } else if (c == u'\\') {
            escape = true;
        } else if (c == u'"') {
            quoted = !quoted;
        } else if (c == u',' && !quoted) {
            values.append(current);
            current.clear();
        } else {
            current += c;
        }
    }
    if (!current.isEmpty() || !values.isEmpty()) {
        values.append(current);
    }
    return values;
}

} // namespace

Result<DocumentParent> DocumentRepository::resolveParent(const QString& reference)
{
    const QString typed = reference.trimmed();
    if (typed.isEmpty()) {
        return fail(Error::validation(QStringLiteral("Say where the document is filed: a case number, project number or A-Number.")));
    }
    auto parsed = ANumber::parse(typed);
    if (parsed) {
        return DocumentParent{{}, {}, parsed->digits(), QStringLiteral("A-Number %1").arg(parsed->formatted())};
    }
    auto found = m_sql.firstRow(QStringLiteral("SELECT 'case' AS kind, id, case_number AS number FROM legal.cases "
                                               "WHERE case_number = upper(?) AND deleted_at IS NULL "
                                               "UNION ALL SELECT 'project', id, project_number FROM legal.projects "
                                               "WHERE project_number = upper(?) AND deleted_at IS NULL LIMIT 1"),
                                {typed, typed});
    if (!found) {
        return fail(found.error());
    }
    if (found->isEmpty()) {
        return fail(Error{ErrorCode::NotFound,
                          QStringLiteral("No case or project numbered %1 that you may see. An A-Number has 9 digits.").arg(typed), {}});
    }
    const QUuid id = found->value(QStringLiteral("id")).toUuid();
    const QString number = found->value(QStringLiteral("number")).toString();
    if (found->value(QStringLiteral("kind")).toString() == u"case") {
        return DocumentParent{id, {}, {}, QStringLiteral("case %1").arg(number)};
    }
    return DocumentParent{{}, id, {}, QStringLiteral("project %1").arg(number)};
}

Result<QUuid> DocumentRepository::create(const NewDocument& document, const QUuid& contentId)
{
    const QUuid documentId = QUuid::createUuid();
    auto done = m_sql.inTransaction([&]() -> Result<void> {
        auto inserted = m_sql.exec(
            QStringLiteral("INSERT INTO docs.documents (id, title, document_type, author_name, office_id, case_id, "
                           "project_id, a_number, tags) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?::text[])"),
            {documentId.toString(QUuid::WithoutBraces), document.title.trimmed(), document.documentType,
             textOrNull(document.authorName), uuidOrNull(document.officeId), uuidOrNull(document.caseId),
             uuidOrNull(document.projectId), textOrNull(document.aNumber), textArray(document.tags)});
        if (!inserted) {
            return inserted;
        }
        return m_sql.exec(QStringLiteral("INSERT INTO docs.versions (id, document_id, version_no, content_id, file_name, "
                                         "mime_type, comment) VALUES (gen_random_uuid(), ?, 1, ?, ?, ?, ?)"),
                          {documentId.toString(QUuid::WithoutBraces), contentId.toString(QUuid::WithoutBraces),
                           document.fileName, document.mimeType, textOrNull(document.comment)});
    });
    if (!done) {
        return fail(done.error());
    }
    return documentId;
}

Result<DocumentRecord> DocumentRepository::document(const QUuid& documentId)
{
    const QString id = documentId.toString(QUuid::WithoutBraces);
    auto row = m_sql.firstRow(
        QStringLiteral("SELECT d.id, d.document_number, d.title, d.document_type, d.author_name, d.office_id, "
                       "o.name AS office_name, d.case_id, c.case_number, d.project_id, p.project_number, d.a_number, "
                       "d.tags::text AS tags, d.checked_out_by, legal.user_name(d.checked_out_by) AS checked_out_name, "
                       "d.checked_out_at, d.checked_out_by = core.session_user_id() AS mine, d.updated_at, d.row_version "
                       "FROM docs.documents d LEFT JOIN core.offices o ON o.id = d.office_id "
                       "LEFT JOIN legal.cases c ON c.id = d.case_id LEFT JOIN legal.projects p ON p.id = d.project_id "
                       "WHERE d.id = ? AND d.deleted_at IS NULL"),
        {id});
    if (!row) {
        return fail(row.error());
    }
    if (row->isEmpty()) {
        return fail(Error{ErrorCode::NotFound, QStringLiteral("The document does not exist or you may not see it."), {}});
    }
    DocumentRecord record;
    record.id = documentId;
    record.documentNumber = row->value(QStringLiteral("document_number")).toString();
    record.title = row->value(QStringLiteral("title")).toString();
    record.documentType = row->value(QStringLiteral("document_type")).toString();
    record.authorName = row->value(QStringLiteral("author_name")).toString();
    record.officeId = row->value(QStringLiteral("office_id")).toUuid();
    record.officeName = row->value(QStringLiteral("office_name")).toString();
    record.caseId = row->value(QStringLiteral("case_id")).toUuid();
    record.caseNumber = row->value(QStringLiteral("case_number")).toString();
    record.projectId = row->value(QStringLiteral("project_id")).toUuid();
    record.projectNumber = row->value(QStringLiteral("project_number")).toString();
    record.aNumber = row->value(QStringLiteral("a_number")).toString();
    record.tags = parseTextArray(row->value(QStringLiteral("tags")).toString());
    record.checkedOutById = row->value(QStringLiteral("checked_out_by")).toUuid();
    if (!record.checkedOutById.isNull()) {
        record.checkedOutByName = row->value(QStringLiteral("checked_out_name")).toString();
        record.checkedOutAt = row->value(QStringLiteral("checked_out_at")).toDateTime();
    }
    record.checkedOutByMe = row->value(QStringLiteral("mine")).toBool();
    record.updatedAt = row->value(QStringLiteral("updated_at")).toDateTime();
    record.rowVersion = row->value(QStringLiteral("row_version")).toLongLong();

    auto versions = m_sql.rows(
        QStringLiteral("SELECT v.id, v.version_no, v.content_id, v.file_name, v.mime_type, v.comment, "
                       "legal.user_name(v.created_by) AS created_by_name, v.created_at, k.byte_size, v.restored_from, "
                       "v.text_state, v.is_current FROM docs.versions v JOIN docs.contents k ON k.id = v.content_id "
                       "WHERE v.document_id = ? ORDER BY v.version_no DESC"),
        {id});
    if (!versions) {
        return fail(versions.error());
    }
    for (const QVariantMap& v : *versions) {
        record.versions.append({v.value(QStringLiteral("id")).toUuid(), v.value(QStringLiteral("version_no")).toInt(),
                                v.value(QStringLiteral("content_id")).toUuid(), v.value(QStringLiteral("file_name")).toString(),
                                v.value(QStringLiteral("mime_type")).toString(), v.value(QStringLiteral("comment")).toString(),
                                v.value(QStringLiteral("created_by_name")).toString(),
                                v.value(QStringLiteral("created_at")).toDateTime(),
                                v.value(QStringLiteral("byte_size")).toLongLong(),
                                v.value(QStringLiteral("restored_from")).toInt(),
                                v.value(QStringLiteral("text_state")).toString(), v.value(QStringLiteral("is_current")).toBool()});
    }
    return record;
}

Result<void> DocumentRepository::updateMetadata(const QUuid& documentId, const QString& title, const QString& documentType,
                                                const QString& authorName, const QStringList& tags, qint64 rowVersion)
{
    QSqlQuery query(m_database);
    query.prepare(QStringLiteral("UPDATE docs.documents SET title = ?, document_type = ?, author_name = ?, tags = ?::text[] "
                                 "WHERE id = ? AND row_version = ? AND deleted_at IS NULL"));
    for (const QVariant& value : {QVariant(title.trimmed()), QVariant(documentType), textOrNull(authorName),
                                  QVariant(textArray(tags)), QVariant(documentId.toString(QUuid::WithoutBraces)),
                                  QVariant(rowVersion)}) {
        query.addBindValue(value);
    }
    if (!query.exec()) {
        return fail(SqlErrorTranslator::translate(query.lastError()));
    }
    if (query.numRowsAffected() == 0) {
        return fail(Error{ErrorCode::Conflict,
                          QStringLiteral("Someone else saved this document meanwhile, or it was deleted; reopen it to see."), {}});
    }
    return {};
}

Result<void> DocumentRepository::retitle(const QUuid& documentId, const QString& title)
{
    return m_sql.exec(QStringLiteral("UPDATE docs.documents SET title = ? WHERE id = ? AND title IS DISTINCT FROM ?"),
                      {title.trimmed(), documentId.toString(QUuid::WithoutBraces), title.trimmed()});
}

Result<QDateTime> DocumentRepository::checkOut(const QUuid& documentId)
{
    auto row = m_sql.firstRow(QStringLiteral("SELECT docs.check_out(?) AS since"), {documentId.toString(QUuid::WithoutBraces)});
    if (!row) {
        return fail(row.error());
    }
    return row->value(QStringLiteral("since")).toDateTime();
}

Result<void> DocumentRepository::cancelCheckOut(const QUuid& documentId)
{
    return m_sql.exec(QStringLiteral("SELECT docs.cancel_check_out(?)"), {documentId.toString(QUuid::WithoutBraces)});
}

Result<QUuid> DocumentRepository::checkIn(const QUuid& documentId, const QUuid& contentId, const QString& fileName,
                                          const QString& mimeType, const QString& comment)
{
    const QUuid versionId = QUuid::createUuid();
    auto done = m_sql.exec(QStringLiteral("INSERT INTO docs.versions (id, document_id, version_no, content_id, file_name, "
                                          "mime_type, comment) VALUES (?, ?, 1, ?, ?, ?, ?)"),
                           {versionId.toString(QUuid::WithoutBraces), documentId.toString(QUuid::WithoutBraces),
                            contentId.toString(QUuid::WithoutBraces), fileName, mimeType, textOrNull(comment)});
    if (!done) {
        return fail(done.error());
    }
    return versionId;
}

Result<QUuid> DocumentRepository::restore(const QUuid& versionId, const QString& comment)
{
    auto row = m_sql.firstRow(QStringLiteral("SELECT docs.restore_version(?, ?) AS id"),
                              {versionId.toString(QUuid::WithoutBraces), textOrNull(comment)});
    if (!row) {
        return fail(row.error());
    }
    return row->value(QStringLiteral("id")).toUuid();
}

Result<QString> DocumentRepository::versionText(const QUuid& versionId)
{
    auto row = m_sql.firstRow(QStringLiteral("SELECT extracted_text, text_state FROM docs.versions WHERE id = ?"),
                              {versionId.toString(QUuid::WithoutBraces)});
    if (!row) {
        return fail(row.error());
    }
    if (row->isEmpty()) {
        return fail(Error{ErrorCode::NotFound, QStringLiteral("The version does not exist or you may not see it."), {}});
    }
    return row->value(QStringLiteral("extracted_text")).toString();
}

Result<RecordTable> DocumentRepository::listFor(const QUuid& caseId, const QUuid& projectId, const QString& aNumber)
{
    return m_sql.table(
        QStringLiteral("SELECT d.id, d.document_number, d.title, d.document_type, v.version_no, "
                       "CASE WHEN d.checked_out_by IS NULL THEN '' ELSE legal.user_name(d.checked_out_by) END, d.updated_at "
                       "FROM docs.documents d JOIN docs.versions v ON v.document_id = d.id AND v.is_current "
                       "WHERE d.deleted_at IS NULL AND ((?::uuid IS NOT NULL AND d.case_id = ?::uuid) "
                       "OR (?::uuid IS NOT NULL AND d.project_id = ?::uuid) OR (?::text IS NOT NULL AND d.a_number = ?::text)) "
                       "ORDER BY d.updated_at DESC LIMIT 1000"),
        {QStringLiteral("Document"), QStringLiteral("Title"), QStringLiteral("Type"), QStringLiteral("Version"),
         QStringLiteral("Checked out by"), QStringLiteral("Updated")},
        {uuidOrNull(caseId), uuidOrNull(caseId), uuidOrNull(projectId), uuidOrNull(projectId), textOrNull(aNumber),
         textOrNull(aNumber)},
        true);
}

Result<QList<DocumentSearchHit>> DocumentRepository::search(const DocumentSearchQuery& query)
{
    if (query.text.trimmed().isEmpty()) {
        return fail(Error::validation(QStringLiteral("Type words to search for.")));
    }
    auto rows = m_sql.rows(
        QStringLiteral("SELECT * FROM docs.search(?, ?, ?, ?, ?, ?::uuid, ?, ?, ?::date, ?::date, ?)"),
        {query.text, textOrNull(query.documentType), textOrNull(query.caseNumber), textOrNull(query.aNumber),
         textOrNull(query.projectNumber), uuidOrNull(query.officeId), textOrNull(query.author), textOrNull(query.tag),
         query.from.isValid() ? QVariant(query.from) : QVariant(QMetaType(QMetaType::QDate)),
         query.to.isValid() ? QVariant(query.to) : QVariant(QMetaType(QMetaType::QDate)), std::clamp(query.limit, 1, 500)});
    if (!rows) {
        return fail(rows.error());
    }
    QList<DocumentSearchHit> hits;
    for (const QVariantMap& row : *rows) {
        hits.append({row.value(QStringLiteral("document_id")).toUuid(), row.value(QStringLiteral("version_id")).toUuid(),
                     row.value(QStringLiteral("document_number")).toString(), row.value(QStringLiteral("title")).toString(),
                     row.value(QStringLiteral("document_type")).toString(), row.value(QStringLiteral("parent")).toString(),
                     row.value(QStringLiteral("author_name")).toString(), row.value(QStringLiteral("updated_at")).toDateTime(),
                     row.value(QStringLiteral("version_no")).toInt(), row.value(QStringLiteral("file_name")).toString(),
                     row.value(QStringLiteral("mime_type")).toString(), row.value(QStringLiteral("rank")).toDouble(),
                     row.value(QStringLiteral("snippet")).toString(), row.value(QStringLiteral("partial")).toBool()});
    }
    return hits;
}

Result<QList<DocumentRepository::PendingText>> DocumentRepository::pendingText(int limit)
{
    auto rows = m_sql.rows(QStringLiteral("SELECT * FROM docs.my_pending_text(?)"), {limit});
    if (!rows) {
        return fail(rows.error());
    }
    QList<PendingText> pending;
    for (const QVariantMap& row : *rows) {
        pending.append({row.value(QStringLiteral("version_id")).toUuid(), row.value(QStringLiteral("content_id")).toUuid(),
                        row.value(QStringLiteral("file_name")).toString(), row.value(QStringLiteral("mime_type")).toString(),
                        row.value(QStringLiteral("text_state")).toString()});
    }
    return pending;
}

Result<void> DocumentRepository::setText(const QUuid& versionId, const QString& state, const QString& method,
                                         const QString& text, int pages, const QString& note)
{
    return m_sql.exec(QStringLiteral("SELECT docs.set_version_text(?, ?, ?, ?, ?, ?)"),
                      {versionId.toString(QUuid::WithoutBraces), state, textOrNull(method),
                       text.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(text),
                       pages > 0 ? QVariant(pages) : QVariant(QMetaType(QMetaType::Int)), textOrNull(note)});
}

Result<void> DocumentRepository::recordDisclosure(const QUuid& caseId, const QString& whatDisclosed,
                                                  const QString& recipientName, const QString& recipientOrganization,
                                                  const QString& legalBasis)
{
    return m_sql.exec(QStringLiteral("INSERT INTO legal.disclosures (id, case_id, what_disclosed, recipient_name, "
                                     "recipient_organization, disclosed_at, legal_basis, recorded_by) "
                                     "VALUES (gen_random_uuid(), ?, ?, ?, ?, now(), ?, core.session_user_id())"),
                      {caseId.toString(QUuid::WithoutBraces), whatDisclosed, recipientName,
                       textOrNull(recipientOrganization), textOrNull(legalBasis)});
}

} // namespace ocms
