#include "pullwriter.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUuid>

namespace ocms {

namespace {

QString stamp(const QVariant& value)
{
    return value.isNull() ? QString() : value.toDateTime().toUTC().toString(Qt::ISODateWithMs);
}

// The first count columns of a server row, as text or null.
QList<CacheText> texts(const PgRow& row, int count)
{
    QList<CacheText> values;
    values.reserve(count + 1);
    for (int column = 0; column < count; ++column) {
        values.append(row.isNull(column) ? CacheText() : CacheText(row.text(column)));
    }
    return values;
}

QVariant orNull(const QVariant& value)
{
    return value.isNull() ? QVariant() : value;
}

} // namespace

Result<void> PullWriter::begin()
{
    const auto prepare = [&](std::optional<CacheUpsert>& upsert, const QString& table, const QStringList& columns) -> Result<void> {
        auto prepared = CacheUpsert::prepare(m_cache, table, columns);
        if (!prepared) {
            return fail(prepared.error());
        }
        upsert.emplace(std::move(*prepared));
        return {};
    };
    using List = QStringList;
    if (auto done = prepare(m_upsertActivity, QStringLiteral("activities"),
                            List{"id", "lead_id", "occurred_at", "activity_type", "officer_name", "location", "operation_name", "notes",
                                 "corrects", "created_at", "row_version", "pending_change"});
        !done) {
        return done;
    }
    auto drop = m_cache.prepare(QStringLiteral("DELETE FROM activities WHERE id = ?"));
    if (!drop) {
        return fail(drop.error());
    }
    m_dropActivity.emplace(std::move(*drop));
    if (auto done = prepare(m_upsertFugitive, QStringLiteral("fugitives"), List{"id", "fugitive_number", "name", "status", "row_version", "detail"});
        !done) {
        return done;
    }
    if (auto done = prepare(m_upsertLead, QStringLiteral("leads"),
                            List{"id", "fugitive_id", "lead_number", "status", "priority_score", "team_code", "address_zip", "address_city",
                                 "fugitive_name", "created_at", "row_version", "detail"});
        !done) {
        return done;
    }
    if (auto done = prepare(m_upsertCase, QStringLiteral("cases"), List{"id", "case_number", "title", "status", "row_version", "detail"}); !done) {
        return done;
    }
    if (auto done = prepare(m_upsertDocument, QStringLiteral("case_documents"),
                            List{"id", "case_id", "document_number", "title", "document_type", "version_no", "file_name", "mime_type",
                                 "byte_size", "updated_at", "row_version", "content"});
        !done) {
        return done;
    }
    // Tables empty at the start (a first pull) only receive new rows.
    for (const auto& [table, upsert] : {std::pair{QStringLiteral("activities"), &m_upsertActivity}, std::pair{QStringLiteral("fugitives"), &m_upsertFugitive},
                                        std::pair{QStringLiteral("leads"), &m_upsertLead}, std::pair{QStringLiteral("cases"), &m_upsertCase},
                                        std::pair{QStringLiteral("case_documents"), &m_upsertDocument}}) {
        auto any = m_cache.scalar(QStringLiteral("SELECT EXISTS (SELECT 1 FROM %1)").arg(table)); // table: a fixed name
        if (!any) {
            return fail(any.error());
        }
        (*upsert)->setInsertOnly(!any->toBool());
    }
    auto waiting = m_cache.rows(QStringLiteral("SELECT DISTINCT target_id FROM outbox WHERE kind IN ('update_fields', 'record_arrest')"));
    if (!waiting) {
        return fail(waiting.error());
    }
    for (const QVariantList& row : std::as_const(*waiting)) {
        m_leadsWithWaitingEdits.insert(row.first().toString());
    }
    if (auto begun = m_cache.exec(QStringLiteral("BEGIN IMMEDIATE")); !begun) {
        return begun;
    }
    m_open = true;
    m_transactionAge.start();
    return {};
}

Result<void> PullWriter::counted()
{
    ++m_written;
    if (++m_inTransaction < kMostRowsPerTransaction && m_transactionAge.elapsed() < kLongestTransactionMs) {
        return {};
    }
    m_inTransaction = 0;
    if (auto committed = m_cache.exec(QStringLiteral("COMMIT")); !committed) {
        return committed;
    }
    m_open = false;
    if (auto begun = m_cache.exec(QStringLiteral("BEGIN IMMEDIATE")); !begun) {
        return begun;
    }
    m_open = true;
    m_transactionAge.start();
    return {};
}

Result<void> PullWriter::activity(const PgRow& row)
{
    if (row.boolean(11)) { // withdrawn on the server
        if (auto dropped = m_dropActivity->run({row.string(0)}); !dropped) {
            return dropped;
        }
        return counted();
    }
    // The first eleven columns as sent (timestamps already in the copy's text form, sync.utc_text), then
    // pending_change: null, the server's own copy.
    QList<CacheText> values = texts(row, 11);
    values.append(std::nullopt);
    if (auto written = m_upsertActivity->write(values); !written) {
        return written;
    }
    return counted();
}

Result<void> PullWriter::fugitive(const PgRow& row)
{
    return fugitive(texts(row, 6));
}

Result<void> PullWriter::fugitive(const QList<CacheText>& values)
{
    if (auto written = m_upsertFugitive->write(values); !written) {
        return written;
    }
    return counted();
}

Result<void> PullWriter::lead(const PgRow& row)
{
    return lead(texts(row, 12));
}

Result<void> PullWriter::lead(const QList<CacheText>& values)
{
    if (auto written = m_upsertLead->write(values); !written) {
        return written;
    }
    const QString id = values.isEmpty() || !values.first() ? QString() : QString::fromUtf8(*values.first());
    if (m_leadsWithWaitingEdits.contains(id)) {
        if (auto reapplied = reapplyWaitingEdits(id); !reapplied) {
            return reapplied;
        }
    }
    return counted();
}

// The server's copy of a lead arrived while offline edits of it still wait in the outbox (a push that failed
// for a passing reason): the copy keeps showing what the user did until the server has it.
Result<void> PullWriter::reapplyWaitingEdits(const QString& leadId)
{
    auto edits = m_cache.rows(QStringLiteral("SELECT kind, payload FROM outbox WHERE target_id = ? AND kind IN ('update_fields', 'record_arrest') "
                                             "ORDER BY sequence"),
                              {leadId});
    auto detail = m_cache.scalar(QStringLiteral("SELECT detail FROM leads WHERE id = ?"), {leadId});
    if (!edits || !detail) {
        return fail(!edits ? edits.error() : detail.error());
    }
    QJsonObject values = QJsonDocument::fromJson(detail->toString().toUtf8()).object();
    for (const QVariantList& edit : std::as_const(*edits)) {
        const QJsonObject payload = QJsonDocument::fromJson(edit.at(1).toByteArray()).object();
        if (edit.at(0).toString() == QLatin1String("record_arrest")) {
            values.insert(QStringLiteral("status"), QStringLiteral("closed"));
            values.insert(QStringLiteral("close_reason"), QStringLiteral("Subject arrested"));
            values.insert(QStringLiteral("fugitive_status"), QStringLiteral("in_custody"));
            continue;
        }
        const QJsonObject fields = payload.value(QStringLiteral("fields")).toObject();
        for (auto field = fields.begin(); field != fields.end(); ++field) {
            values.insert(field.key(), field.value().toObject().value(QStringLiteral("new")));
        }
    }
    return m_cache.run(QStringLiteral("UPDATE leads SET status = ?, detail = ? WHERE id = ?"),
                       {values.value(QStringLiteral("status")).toString(), QString::fromUtf8(QJsonDocument(values).toJson(QJsonDocument::Compact)),
                        leadId});
}

Result<void> PullWriter::pinnedCase(const QSqlQuery& row)
{
    auto written = m_upsertCase->write({row.value(0).toString(), row.value(1).toString(), orNull(row.value(2)), orNull(row.value(3)),
                                      row.value(4).toLongLong(), row.value(5).toString()});
    if (!written) {
        return written;
    }
    return counted();
}

Result<void> PullWriter::caseDocument(const QSqlQuery& row)
{
    const QVariant content = row.value(11);
    auto written = m_upsertDocument->write({row.value(0).toString(), row.value(1).toString(), row.value(2).toString(), orNull(row.value(3)),
                                          orNull(row.value(4)), row.value(5).toLongLong(), orNull(row.value(6)), orNull(row.value(7)),
                                          row.value(8).toLongLong(), stamp(row.value(9)), row.value(10).toLongLong(),
                                          content.isNull() ? QVariant() : QVariant(content.toByteArray())});
    if (!written) {
        return written;
    }
    return counted();
}

Result<void> PullWriter::gone(const QString& kind, const QString& id)
{
    if (kind == QLatin1String("case")) {
        if (auto removed = m_cache.run(QStringLiteral("DELETE FROM case_documents WHERE case_id = ?"), {id}); !removed) {
            return removed;
        }
        if (auto removed = m_cache.run(QStringLiteral("DELETE FROM cases WHERE id = ?"), {id}); !removed) {
            return removed;
        }
        return counted();
    }
    if (kind == QLatin1String("document")) {
        if (auto removed = m_cache.run(QStringLiteral("DELETE FROM case_documents WHERE id = ?"), {id}); !removed) {
            return removed;
        }
        return counted();
    }
    if (kind == QLatin1String("lead")) {
        if (auto removed = m_cache.run(QStringLiteral("DELETE FROM leads WHERE id = ?"), {id}); !removed) {
            return removed;
        }
        // Activities still waiting to be sent stay visible until the push has settled them.
        if (auto removed = m_cache.run(QStringLiteral("DELETE FROM activities WHERE lead_id = ? AND pending_change IS NULL"), {id}); !removed) {
            return removed;
        }
    } else if (auto removed = m_cache.run(QStringLiteral("DELETE FROM fugitives WHERE id = ?"), {id}); !removed) {
        return removed;
    }
    return counted();
}

Result<void> PullWriter::finish(const QString& cursor)
{
    const QString now = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
    for (const auto& [key, value] : {std::pair{QStringLiteral("cursor"), cursor}, std::pair{QStringLiteral("last_synced_at"), now}}) {
        if (auto saved = m_cache.run(QStringLiteral("INSERT OR REPLACE INTO sync_state (key, value) VALUES (?, ?)"),
                                     {key, value});
            !saved) {
            return saved;
        }
    }
    // Offline rows whose change the server has settled (applied and now pulled, or kept as a problem) go.
    if (auto dropped = m_cache.run(QStringLiteral("DELETE FROM activities WHERE pending_change IS NOT NULL "
                                                  "AND pending_change NOT IN (SELECT id FROM outbox)"));
        !dropped) {
        return dropped;
    }
    if (auto committed = m_cache.exec(QStringLiteral("COMMIT")); !committed) {
        return committed;
    }
    m_open = false;
    return {};
}

void PullWriter::abandon()
{
    if (m_open) {
        (void)m_cache.exec(QStringLiteral("ROLLBACK"));
        m_open = false;
    }
}

} // namespace ocms
