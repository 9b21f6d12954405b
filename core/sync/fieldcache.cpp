#include "fieldcache.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>

namespace ocms {

namespace {

QString text(const QUuid& id)
{
    return id.toString(QUuid::WithoutBraces);
}

QString stamp(const QDateTime& when)
{
    return when.toUTC().toString(Qt::ISODateWithMs);
}

Error invalid(const QString& message)
{
    return Error::validation(message);
}

// The activity types an officer logs by hand; an arrest has its own change (recordArrest).
const QSet<QString>& loggableActivities()
{
    static const QSet<QString> types = {QStringLiteral("surveillance"), QStringLiteral("address_check"), QStringLiteral("systems_check"),
                                        QStringLiteral("interview"), QStringLiteral("note"), QStringLiteral("other")};
    return types;
}

// The server's own bounds (activities_occurred_date_range, record_arrest's "not in the future").
std::optional<Error> checkWhen(const QDateTime& when, const QString& what)
{
    if (!when.isValid()) {
        return invalid(QStringLiteral("Give the date and time of the %1.").arg(what));
    }
    if (when > QDateTime::currentDateTimeUtc().addSecs(3600)) {
        return invalid(QStringLiteral("The %1 cannot be in the future.").arg(what));
    }
    if (when < QDateTime(QDate(1990, 1, 1), QTime(0, 0), Qt::UTC)) {
        return invalid(QStringLiteral("The %1 cannot be before 1990.").arg(what));
    }
    return std::nullopt;
}

} // namespace

Result<void> FieldCache::ensureSchema()
{
    if (auto outbox = m_outbox.ensureSchema(); !outbox) {
        return outbox;
    }
    return m_cache.exec(QStringLiteral(
        "CREATE TABLE IF NOT EXISTS sync_state (key TEXT PRIMARY KEY, value TEXT);"
        "CREATE TABLE IF NOT EXISTS leads ("
        "  id TEXT PRIMARY KEY, fugitive_id TEXT NOT NULL, lead_number TEXT NOT NULL, status TEXT NOT NULL,"
        "  priority_score REAL, team_code TEXT, address_zip TEXT, address_city TEXT, fugitive_name TEXT,"
        "  created_at TEXT, row_version INTEGER NOT NULL DEFAULT 0, detail TEXT NOT NULL);"
        "CREATE INDEX IF NOT EXISTS leads_priority ON leads (priority_score DESC, lead_number);"
        "CREATE INDEX IF NOT EXISTS leads_fugitive ON leads (fugitive_id);"
        "CREATE TABLE IF NOT EXISTS photographs ("
        "  id TEXT PRIMARY KEY, fugitive_id TEXT NOT NULL, taken_on TEXT, caption TEXT, image BLOB NOT NULL);"
        "CREATE INDEX IF NOT EXISTS photographs_fugitive ON photographs (fugitive_id);"
        "CREATE TABLE IF NOT EXISTS fugitives ("
        "  id TEXT PRIMARY KEY, fugitive_number TEXT NOT NULL, name TEXT, status TEXT, row_version INTEGER NOT NULL DEFAULT 0,"
        "  detail TEXT NOT NULL);"
        // pending_change: logged offline, shown until the server's own copy of it arrives.
        "CREATE TABLE IF NOT EXISTS activities ("
        "  id TEXT PRIMARY KEY, lead_id TEXT NOT NULL, occurred_at TEXT NOT NULL, activity_type TEXT NOT NULL,"
        "  officer_name TEXT, location TEXT, operation_name TEXT, notes TEXT, corrects TEXT, created_at TEXT,"
        "  row_version INTEGER NOT NULL DEFAULT 0, pending_change TEXT);"
        "CREATE INDEX IF NOT EXISTS activities_lead ON activities (lead_id, occurred_at);"
        "CREATE INDEX IF NOT EXISTS activities_pending ON activities (pending_change) WHERE pending_change IS NOT NULL;"
        "CREATE INDEX IF NOT EXISTS outbox_target ON outbox (target_id);"
        "CREATE TABLE IF NOT EXISTS sync_problems ("
        "  change_id TEXT PRIMARY KEY, kind TEXT NOT NULL, target_table TEXT NOT NULL, target_id TEXT NOT NULL,"
        "  record TEXT NOT NULL, outcome TEXT NOT NULL, message TEXT NOT NULL, payload BLOB, reported_at TEXT NOT NULL);"));
}

Result<RecordTable> FieldCache::leadList()
{
    auto rows = m_cache.rows(QStringLiteral(
        "SELECT l.id, l.lead_number, l.fugitive_name, l.status, l.priority_score, l.address_zip, l.address_city,"
        "  coalesce(l.team_code, ''), (SELECT count(*) FROM outbox o WHERE o.target_id = l.id) "
        "FROM leads l ORDER BY l.priority_score DESC, l.lead_number"));
    if (!rows) {
        return fail(rows.error());
    }
    RecordTable table;
    table.headers = {QStringLiteral("Lead"), QStringLiteral("Fugitive"), QStringLiteral("Status"), QStringLiteral("Priority"),
                     QStringLiteral("ZIP"), QStringLiteral("City"), QStringLiteral("Team"), QStringLiteral("Waiting")};
    table.rows.reserve(rows->size());
    for (QVariantList& row : *rows) {
        table.ids.append(QUuid(row.takeFirst().toString()));
        table.rows.append(std::move(row));
    }
    return table;
}

Result<QJsonObject> FieldCache::leadValues(const QUuid& leadId)
{
    auto detail = m_cache.scalar(QStringLiteral("SELECT detail FROM leads WHERE id = ?"), {text(leadId)});
    if (!detail) {
        return fail(detail.error());
    }
    if (detail->isNull()) {
        return fail(Error{ErrorCode::NotFound, QStringLiteral("The lead is not in the offline copy (it may have been closed or reassigned)."), {}});
    }
    return QJsonDocument::fromJson(detail->toString().toUtf8()).object();
}

Result<void> FieldCache::writeLeadValues(const QUuid& leadId, const QJsonObject& values)
{
    return m_cache.run(QStringLiteral("UPDATE leads SET status = ?, detail = ? WHERE id = ?"),
                       {values.value(QStringLiteral("status")).toString(),
                        QString::fromUtf8(QJsonDocument(values).toJson(QJsonDocument::Compact)), text(leadId)});
}

Result<LeadDetail> FieldCache::lead(const QUuid& leadId)
{
    auto values = leadValues(leadId);
    if (!values) {
        return fail(values.error());
    }
    LeadDetail detail;
    detail.id = leadId;
    detail.values = values->toVariantMap();
    detail.fugitiveId = QUuid(values->value(QStringLiteral("fugitive_id")).toString());
    detail.rowVersion = values->value(QStringLiteral("row_version")).toInteger();
    auto activities = m_cache.rows(QStringLiteral(
        "SELECT id, occurred_at, activity_type, officer_name, location, operation_name, notes, corrects, pending_change IS NOT NULL "
        "FROM activities WHERE lead_id = ? ORDER BY occurred_at DESC, created_at DESC"),
        {text(leadId)});
    if (!activities) {
        return fail(activities.error());
    }
    detail.activities.headers = {QStringLiteral("When"), QStringLiteral("Activity"), QStringLiteral("Officer"), QStringLiteral("Location"),
                                 QStringLiteral("Operation"), QStringLiteral("Notes"), QStringLiteral("Corrects"), QStringLiteral("Sent")};
    for (const QVariantList& row : std::as_const(*activities)) {
        detail.activities.ids.append(QUuid(row.at(0).toString()));
        detail.activities.rows.append({QDateTime::fromString(row.at(1).toString(), Qt::ISODateWithMs), row.at(2), row.at(3), row.at(4),
                                       row.at(5), row.at(6), row.at(7),
                                       row.at(8).toBool() ? QStringLiteral("Waiting to send") : QStringLiteral("Sent")});
    }
    return detail;
}

Result<QJsonObject> FieldCache::fugitive(const QUuid& fugitiveId)
{
    auto detail = m_cache.scalar(QStringLiteral("SELECT detail FROM fugitives WHERE id = ?"), {text(fugitiveId)});
    if (!detail) {
        return fail(detail.error());
    }
    if (detail->isNull()) {
        return fail(Error{ErrorCode::NotFound, QStringLiteral("The fugitive record is not in the offline copy."), {}});
    }
    return QJsonDocument::fromJson(detail->toString().toUtf8()).object();
}

Result<QList<CachedPhotograph>> FieldCache::photographs(const QUuid& fugitiveId, int longestSide)
{
    auto rows = m_cache.rows(QStringLiteral("SELECT id, taken_on, caption, image FROM photographs WHERE fugitive_id = ? "
                                            "ORDER BY taken_on IS NULL, taken_on DESC, id"),
                             {text(fugitiveId)});
    if (!rows) {
        return fail(rows.error());
    }
    QList<CachedPhotograph> photographs;
    for (const QVariantList& row : std::as_const(*rows)) {
        CachedPhotograph photograph{QUuid(row.at(0).toString()), QDate::fromString(row.at(1).toString(), Qt::ISODate), row.at(2).toString(), {}};
        QImage image;
        if (image.loadFromData(row.at(3).toByteArray())) {
            photograph.image = image.width() > longestSide || image.height() > longestSide
                                   ? image.scaled(longestSide, longestSide, Qt::KeepAspectRatio, Qt::SmoothTransformation)
                                   : image;
        }
        photographs.append(std::move(photograph));
    }
    return photographs;
}

Result<OfflineStatus> FieldCache::status()
{
    auto row = m_cache.rows(QStringLiteral(
        "SELECT (SELECT count(*) FROM leads), (SELECT count(*) FROM fugitives), (SELECT count(*) FROM activities),"
        "  (SELECT count(*) FROM outbox), (SELECT count(*) FROM sync_problems),"
        "  (SELECT value FROM sync_state WHERE key = 'last_synced_at'), (SELECT count(*) FROM cases), (SELECT count(*) FROM case_documents)"));
    if (!row) {
        return fail(row.error());
    }
    const QVariantList& values = row->first();
    OfflineStatus status;
    status.leads = values.at(0).toLongLong();
    status.fugitives = values.at(1).toLongLong();
    status.activities = values.at(2).toLongLong();
    status.waiting = values.at(3).toLongLong();
    status.problems = values.at(4).toLongLong();
    status.lastSynced = QDateTime::fromString(values.at(5).toString(), Qt::ISODateWithMs);
    status.cases = values.at(6).toLongLong();
    status.documents = values.at(7).toLongLong();
    return status;
}

Result<QList<SyncProblem>> FieldCache::problems()
{
    auto rows = m_cache.rows(QStringLiteral("SELECT change_id, kind, record, outcome, message, reported_at FROM sync_problems "
                                            "ORDER BY reported_at DESC"));
    if (!rows) {
        return fail(rows.error());
    }
    QList<SyncProblem> problems;
    for (const QVariantList& row : std::as_const(*rows)) {
        problems.append({QUuid(row.at(0).toString()), row.at(1).toString(), row.at(2).toString(), row.at(3).toString(),
                         row.at(4).toString(), QDateTime::fromString(row.at(5).toString(), Qt::ISODateWithMs)});
    }
    return problems;
}

Result<QString> FieldCache::state(const QString& key)
{
    auto value = m_cache.scalar(QStringLiteral("SELECT value FROM sync_state WHERE key = ?"), {key});
    if (!value) {
        return fail(value.error());
    }
    return value->toString();
}

Result<void> FieldCache::setState(const QString& key, const QString& value)
{
    return m_cache.run(QStringLiteral("INSERT OR REPLACE INTO sync_state (key, value) VALUES (?, ?)"),
                       {key, value});
}

Result<void> FieldCache::setOfficerName(const QString& name)
{
    return setState(QStringLiteral("officer_name"), name);
}

Result<QUuid> FieldCache::addActivity(const QUuid& leadId, const OfflineActivity& activity)
{
    if (!loggableActivities().contains(activity.type)) {
        return fail(invalid(QStringLiteral("Choose the kind of activity (an arrest is recorded with Record arrest).")));
    }
    if (auto problem = checkWhen(activity.occurredAt, QStringLiteral("activity"))) {
        return fail(*problem);
    }
    if (activity.type == QLatin1String("note") && activity.notes.trimmed().isEmpty()) {
        return fail(invalid(QStringLiteral("Write the note.")));
    }
    QUuid changeId;
    auto done = m_cache.inTransaction([&]() -> Result<void> {
        auto values = leadValues(leadId);
        if (!values) {
            return fail(values.error());
        }
        auto officer = state(QStringLiteral("officer_name"));
        if (!officer) {
            return fail(officer.error());
        }
        const QUuid activityId = QUuid::createUuid();
        const QJsonObject payload = {{QStringLiteral("id"), text(activityId)},
                                     {QStringLiteral("activity_type"), activity.type},
                                     {QStringLiteral("occurred_at"), stamp(activity.occurredAt)},
                                     {QStringLiteral("location"), activity.location.trimmed().isEmpty() ? QJsonValue() : activity.location.trimmed()},
                                     {QStringLiteral("notes"), activity.notes.trimmed().isEmpty() ? QJsonValue() : activity.notes.trimmed()}};
        auto queued = m_outbox.add(QStringLiteral("add_activity"), QStringLiteral("field.leads"), leadId,
                                   values->value(QStringLiteral("row_version")).toInteger(), payload);
        if (!queued) {
            return fail(queued.error());
        }
        changeId = *queued;
        auto logged = m_cache.run(QStringLiteral("INSERT INTO activities (id, lead_id, occurred_at, activity_type, officer_name, location, notes,"
                                                 "  created_at, pending_change) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                                  {text(activityId), text(leadId), stamp(activity.occurredAt), activity.type, *officer,
                                   payload.value(QStringLiteral("location")).toVariant(), payload.value(QStringLiteral("notes")).toVariant(),
                                   stamp(QDateTime::currentDateTimeUtc()), text(changeId)});
        if (!logged) {
            return logged;
        }
        // As the server does: work on a new or assigned lead puts it in progress.
        const QString status = values->value(QStringLiteral("status")).toString();
        if (status == QLatin1String("new") || status == QLatin1String("assigned")) {
            QJsonObject changed = *values;
            changed.insert(QStringLiteral("status"), QStringLiteral("in_progress"));
            return writeLeadValues(leadId, changed);
        }
        return {};
    });
    if (!done) {
        return fail(done.error());
    }
    return changeId;
}

Result<QUuid> FieldCache::setLeadStatus(const QUuid& leadId, const QString& status, const QString& closeReason)
{
    static const QSet<QString> statuses = {QStringLiteral("in_progress"), QStringLiteral("closed"), QStringLiteral("invalid")};
    if (!statuses.contains(status)) {
        return fail(invalid(QStringLiteral("Offline, a lead can be put in progress, closed or marked invalid.")));
    }
    const QString reason = closeReason.trimmed();
    if (status != QLatin1String("in_progress") && reason.isEmpty()) {
        return fail(invalid(QStringLiteral("Give the reason the lead is %1.").arg(status == QLatin1String("closed") ? QStringLiteral("closed")
                                                                                                                 : QStringLiteral("invalid"))));
    }
    QUuid changeId;
    auto done = m_cache.inTransaction([&]() -> Result<void> {
        auto values = leadValues(leadId);
        if (!values) {
            return fail(values.error());
        }
        QJsonObject fields;
        QJsonObject changed = *values;
        const auto edit = [&](const QString& column, const QJsonValue& value) {
            const QJsonValue old = values->value(column);
            if (old != value) {
                fields.insert(column, QJsonObject{{QStringLiteral("old"), old}, {QStringLiteral("new"), value}});
                changed.insert(column, value);
            }
        };
        edit(QStringLiteral("status"), status);
        edit(QStringLiteral("close_reason"), reason.isEmpty() ? QJsonValue() : QJsonValue(reason));
        if (fields.isEmpty()) {
            return fail(invalid(QStringLiteral("The lead already has this status.")));
        }
        auto queued = m_outbox.add(QStringLiteral("update_fields"), QStringLiteral("field.leads"), leadId,
                                   values->value(QStringLiteral("row_version")).toInteger(), {{QStringLiteral("fields"), fields}});
        if (!queued) {
            return fail(queued.error());
        }
        changeId = *queued;
        return writeLeadValues(leadId, changed);
    });
    if (!done) {
        return fail(done.error());
    }
    return changeId;
}

Result<QUuid> FieldCache::recordArrest(const QUuid& leadId, const OfflineArrest& arrest)
{
    if (arrest.place.trimmed().isEmpty()) {
        return fail(invalid(QStringLiteral("Give the place of the arrest.")));
    }
    if (auto problem = checkWhen(arrest.arrestedAt, QStringLiteral("arrest"))) {
        return fail(*problem);
    }
    QUuid changeId;
    auto done = m_cache.inTransaction([&]() -> Result<void> {
        auto values = leadValues(leadId);
        if (!values) {
            return fail(values.error());
        }
        const QString fugitiveStatus = values->value(QStringLiteral("fugitive_status")).toString();
        if (fugitiveStatus == QLatin1String("in_custody") || fugitiveStatus == QLatin1String("removed")
            || fugitiveStatus == QLatin1String("closed")) {
            return fail(Error{ErrorCode::Conflict,
                              QStringLiteral("%1 is %2 already; an arrest cannot be recorded.")
                                  .arg(values->value(QStringLiteral("fugitive_number")).toString(), QString(fugitiveStatus).replace(u'_', u' ')),
                              {}});
        }
        auto officer = state(QStringLiteral("officer_name"));
        if (!officer) {
            return fail(officer.error());
        }
        const QJsonObject payload = {{QStringLiteral("arrested_at"), stamp(arrest.arrestedAt)},
                                     {QStringLiteral("place"), arrest.place.trimmed()},
                                     {QStringLiteral("criminal"), arrest.criminal},
                                     {QStringLiteral("notes"), arrest.notes.trimmed().isEmpty() ? QJsonValue() : arrest.notes.trimmed()}};
        auto queued = m_outbox.add(QStringLiteral("record_arrest"), QStringLiteral("field.leads"), leadId,
                                   values->value(QStringLiteral("row_version")).toInteger(), payload);
        if (!queued) {
            return fail(queued.error());
        }
        changeId = *queued;
        auto logged = m_cache.run(QStringLiteral("INSERT INTO activities (id, lead_id, occurred_at, activity_type, officer_name, location, notes,"
                                                 "  created_at, pending_change) VALUES (?, ?, ?, 'arrest', ?, ?, ?, ?, ?)"),
                                  {text(QUuid::createUuid()), text(leadId), stamp(arrest.arrestedAt), *officer, arrest.place.trimmed(),
                                   payload.value(QStringLiteral("notes")).toVariant(), stamp(QDateTime::currentDateTimeUtc()), text(changeId)});
        if (!logged) {
            return logged;
        }
        // As field.record_arrest does: the fugitive in custody, the lead closed.
        QJsonObject changed = *values;
        changed.insert(QStringLiteral("status"), QStringLiteral("closed"));
        changed.insert(QStringLiteral("close_reason"), QStringLiteral("Subject arrested"));
        changed.insert(QStringLiteral("fugitive_status"), QStringLiteral("in_custody"));
        if (auto written = writeLeadValues(leadId, changed); !written) {
            return written;
        }
        return m_cache.run(QStringLiteral("UPDATE fugitives SET status = 'in_custody' WHERE id = ?"),
                           {values->value(QStringLiteral("fugitive_id")).toString()});
    });
    if (!done) {
        return fail(done.error());
    }
    return changeId;
}

Result<void> FieldCache::settle(const OutboxChange& change, const QString& outcome, const QString& message)
{
    if (auto removed = m_outbox.remove(change.id); !removed) {
        return removed;
    }
    if (outcome == QLatin1String("applied")) {
        return {};
    }
    auto number = m_cache.scalar(QStringLiteral("SELECT lead_number FROM leads WHERE id = ?1 UNION ALL SELECT case_number FROM cases WHERE id = ?1"),
                                 {text(change.targetId)});
    if (!number) {
        return fail(number.error());
    }
    auto kept = m_cache.run(QStringLiteral("INSERT OR REPLACE INTO sync_problems (change_id, kind, target_table, target_id, record, outcome,"
                                           "  message, payload, reported_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                            {text(change.id), change.kind, change.targetTable, text(change.targetId),
                             number->isNull() ? text(change.targetId) : number->toString(), outcome, message,
                             QJsonDocument(change.payload).toJson(QJsonDocument::Compact), stamp(QDateTime::currentDateTimeUtc())});
    if (!kept) {
        return kept;
    }
    // What the copy shows for this lead is the offline value the server did not take: forget the lead, so the
    // next pull brings the server's own copy (changes still waiting keep their rows).
    if (auto forgotten = m_cache.run(QStringLiteral("DELETE FROM leads WHERE id = ?"), {text(change.targetId)}); !forgotten) {
        return forgotten;
    }
    return m_cache.run(QStringLiteral("DELETE FROM activities WHERE lead_id = ? AND pending_change IS NULL"), {text(change.targetId)});
}

} // namespace ocms
