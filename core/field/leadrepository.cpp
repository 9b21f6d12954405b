#include "leadrepository.h"

#include "db/versionedsave.h"
#include "leadboardquery.h"

namespace ocms {

namespace {

QString key(const QUuid& id)
{
    return id.toString(QUuid::WithoutBraces);
}

QVariant keyOrNull(const QUuid& id)
{
    return id.isNull() ? QVariant(QMetaType::fromType<QString>()) : QVariant(key(id));
}

QVariant orNull(const QVariantMap& values, const QString& column)
{
    const QVariant value = values.value(column);
    return value.isNull() || value.toString().isEmpty() ? QVariant(QMetaType::fromType<QString>()) : value;
}

} // namespace

Result<LeadBoard> LeadRepository::board(const LeadBoardFilter& filter)
{
    if (const QString problem = filter.problem(); !problem.isEmpty()) {
        return fail(Error::validation(problem));
    }
    LeadBoardFilter resolved = filter;
    if (filter.scope == LeadBoardScope::MyTeams) {
        // An officer of one team (the usual case) gets that team named: the planner then walks the
        // team's board index in order instead of joining the membership table first.
        auto teams = m_sql.rows(QStringLiteral("SELECT team_id FROM field.team_members WHERE user_id = core.session_user_id()"), {});
        if (!teams) {
            return fail(teams.error());
        }
        if (teams->size() == 1) {
            resolved.scope = LeadBoardScope::Team;
            resolved.teamId = QUuid::fromString(teams->first().value(QStringLiteral("team_id")).toString());
        }
    }
    const LeadBoardQuery query(resolved);
    const SqlStatement rows = query.rows();
    auto found = m_sql.rows(rows.sql, rows.values);
    if (!found) {
        return fail(found.error());
    }
    LeadBoard board;
    board.rows.reserve(found->size());
    for (const QVariantMap& row : *found) {
        LeadBoardRow lead;
        lead.id = QUuid::fromString(row.value(QStringLiteral("lead_id")).toString());
        lead.leadNumber = row.value(QStringLiteral("lead_number")).toString();
        lead.priority = row.value(QStringLiteral("priority")).toDouble();
        lead.status = row.value(QStringLiteral("status")).toString();
        lead.fugitiveId = QUuid::fromString(row.value(QStringLiteral("fugitive_id")).toString());
        lead.fugitiveNumber = row.value(QStringLiteral("fugitive_number")).toString();
        lead.fugitiveName = row.value(QStringLiteral("fugitive_name")).toString();
        lead.fugitiveStatus = row.value(QStringLiteral("fugitive_status")).toString();
        lead.address = row.value(QStringLiteral("address")).toString();
        lead.zip = row.value(QStringLiteral("address_zip")).toString();
        lead.source = row.value(QStringLiteral("source")).toString();
        const QVariant relevance = row.value(QStringLiteral("relevance"));
        lead.relevance = relevance.isNull() ? -1 : relevance.toDouble();
        lead.team = row.value(QStringLiteral("team")).toString();
        lead.recordedAt = row.value(QStringLiteral("created_at")).toDateTime();
        lead.lastActivityAt = row.value(QStringLiteral("last_activity_at")).toDateTime();
        board.rows.append(lead);
    }
    const SqlStatement counts = query.statusCounts();
    auto counted = m_sql.rows(counts.sql, counts.values);
    if (!counted) {
        return fail(counted.error());
    }
    for (const QVariantMap& row : *counted) {
        board.statusCounts.insert(row.value(QStringLiteral("status")).toString(), row.value(QStringLiteral("count")).toLongLong());
    }
    return board;
}

Result<LeadDetail> LeadRepository::load(const QUuid& leadId)
{
    return m_sql.readInSnapshot<LeadDetail>([&] { return readRecord(leadId); });
}

Result<LeadDetail> LeadRepository::readRecord(const QUuid& leadId)
{
    auto found = m_sql.firstRow(
        QStringLiteral("SELECT l.id, l.lead_number, l.status, l.priority_score::float8 AS priority_score, "
                       "  l.relevance_score::float8 AS relevance_score, s.code AS source_code, s.name AS source_name, "
                       "  s.kind AS source_kind, l.source_detail, poc.full_name AS poc_name, l.poc_user_id::text AS poc_user_id, l.address_line1, l.address_city, "
                       "  l.address_state, l.address_zip, l.team_id, t.code AS team_code, t.name AS team_name, l.assigned_by, "
                       "  l.assigned_at, l.notes, l.created_at, l.closed_at, l.close_reason, l.row_version, f.id AS fugitive_id, "
                       "  f.fugitive_number, p.family_name || coalesce(', ' || p.given_name, '') AS fugitive_name, "
                       "  f.status AS fugitive_status, f.threat_score::float8 AS threat_score, p.date_of_birth, "
                       "  f.gang_affiliation, f.criminal, f.office_id AS fugitive_office_id "
                       "FROM field.leads l JOIN field.fugitives f ON f.id = l.fugitive_id JOIN core.people p ON p.id = f.person_id "
                       "JOIN field.lead_sources s ON s.id = l.source_id LEFT JOIN field.teams t ON t.id = l.team_id "
                       "LEFT JOIN core.users poc ON poc.id = l.poc_user_id "
                       "WHERE l.id = ? AND l.deleted_at IS NULL"),
        {key(leadId)});
    if (!found) {
        return fail(found.error());
    }
    if (found->isEmpty()) {
        return fail(Error{ErrorCode::NotFound, QStringLiteral("The lead no longer exists or you may not see it."), {}});
    }
    LeadDetail record;
    record.id = leadId;
    record.values = *found;
    record.fugitiveId = QUuid::fromString(found->value(QStringLiteral("fugitive_id")).toString());
    record.rowVersion = found->value(QStringLiteral("row_version")).toLongLong();
    auto activities = m_sql.table(
        QStringLiteral("SELECT a.id, a.occurred_at, a.activity_type, a.officer_name, a.location, o.name, a.notes, "
                       "  CASE WHEN c.id IS NULL THEN NULL "
                       "       ELSE initcap(replace(c.activity_type, '_', ' ')) || ' of ' || to_char(c.occurred_at, 'YYYY-MM-DD HH24:MI') END "
                       "FROM field.activities a LEFT JOIN field.operations o ON o.id = a.operation_id "
                       "LEFT JOIN field.activities c ON c.id = a.corrects_activity_id "
                       "WHERE a.lead_id = ? AND a.deleted_at IS NULL ORDER BY a.occurred_at DESC, a.created_at DESC"),
        {QStringLiteral("When"), QStringLiteral("Activity"), QStringLiteral("Officer"), QStringLiteral("Location"),
         QStringLiteral("Operation"), QStringLiteral("Notes"), QStringLiteral("Corrects")},
        {key(leadId)}, true);
    if (!activities) {
        return fail(activities.error());
    }
    record.activities = *activities;
    auto history = m_sql.table(
        // field.lead_history: the assignments, and an imported lead's first routing kept on the lead itself.
        QStringLiteral("SELECT h.assignment_id, h.assigned_at, coalesce(ft.code, CASE WHEN h.from_team_id IS NULL AND h.assigned_by <> 'routing' "
                       "  THEN 'Headquarters queue' END), coalesce(tt.code, 'Headquarters queue'), coalesce(u.full_name, h.assigned_by), h.reason "
                       "FROM field.lead_history h LEFT JOIN field.teams ft ON ft.id = h.from_team_id "
                       "LEFT JOIN field.teams tt ON tt.id = h.to_team_id LEFT JOIN core.users u ON u.login = h.assigned_by "
                       "WHERE h.lead_id = ? ORDER BY h.assigned_at, h.assignment_id NULLS FIRST"),
        {QStringLiteral("When"), QStringLiteral("From"), QStringLiteral("To"), QStringLiteral("By"), QStringLiteral("Reason")},
        {key(leadId)}, true);
    if (!history) {
        return fail(history.error());
    }
    record.history = *history;
    if (auto viewed = m_sql.exec(QStringLiteral("SELECT audit.log_view('field.leads', ?)"), {key(leadId)}); !viewed) {
        return fail(viewed.error());
    }
    return record;
}

Result<CreatedRecord> LeadRepository::create(const QVariantMap& values)
{
    auto fugitive = m_sql.firstRow(QStringLiteral("SELECT id FROM field.fugitives WHERE fugitive_number = upper(btrim(?)) "
                                                  "AND deleted_at IS NULL"),
                                   {values.value(QStringLiteral("fugitive_number"))});
    if (!fugitive) {
        return fail(fugitive.error());
    }
    if (fugitive->isEmpty()) {
        return fail(Error::validation(QStringLiteral("There is no fugitive record %1.").arg(values.value(QStringLiteral("fugitive_number")).toString())));
    }
    auto source = m_sql.firstRow(QStringLiteral("SELECT id FROM field.lead_sources WHERE code = ?"), {values.value(QStringLiteral("source_code"))});
    if (!source) {
        return fail(source.error());
    }
    if (source->isEmpty()) {
        return fail(Error::validation(QStringLiteral("Choose the lead's source from the list.")));
    }
    CreatedRecord created{QUuid::createUuid(), {}};
    QVariantMap row = {{QStringLiteral("id"), key(created.id)},
                       {QStringLiteral("fugitive_id"), fugitive->value(QStringLiteral("id"))},
                       {QStringLiteral("source_id"), source->value(QStringLiteral("id"))}};
    for (const char* column : {"source_detail", "relevance_score", "address_line1", "address_city", "address_state", "address_zip", "notes"}) {
        const QString name = QString::fromLatin1(column);
        if (values.contains(name)) {
            row.insert(name, orNull(values, name));
        }
    }
    const QUuid team = QUuid::fromString(values.value(QStringLiteral("team_id")).toString());
    if (!team.isNull()) { // headquarters assigning by hand when recording (the server checks who may)
        row.insert(QStringLiteral("team_id"), key(team));
        row.insert(QStringLiteral("assigned_by"), QStringLiteral("manual"));
        row.insert(QStringLiteral("status"), QStringLiteral("assigned"));
    }
    if (auto done = m_sql.insert(QStringLiteral("field.leads"), row); !done) {
        return fail(done.error());
    }
    auto number = m_sql.firstRow(QStringLiteral("SELECT lead_number FROM field.leads WHERE id = ?"), {key(created.id)});
    if (!number) {
        return fail(number.error());
    }
    created.number = number->value(QStringLiteral("lead_number")).toString();
    return created;
}

Result<void> LeadRepository::addActivity(const QUuid& leadId, const QVariantMap& values, const QUuid& correctsActivityId)
{
    return m_sql.inTransaction([&]() -> Result<void> {
        auto lead = m_sql.firstRow(QStringLiteral("SELECT fugitive_id, status FROM field.leads WHERE id = ? AND deleted_at IS NULL"),
                                   {key(leadId)});
        if (!lead) {
            return fail(lead.error());
        }
        if (lead->isEmpty()) {
            return fail(Error{ErrorCode::NotFound, QStringLiteral("The lead no longer exists or you may not see it."), {}});
        }
        // The officer is whoever is signed in: name, title and office as they are today.
        if (auto done = m_sql.exec(
                QStringLiteral("INSERT INTO field.activities (id, lead_id, fugitive_id, activity_type, officer_id, officer_name, "
                               "  officer_title, officer_office_id, location, operation_id, occurred_at, notes, corrects_activity_id) "
                               "SELECT ?, ?, ?, ?, u.id, coalesce(u.full_name, session_user::text), u.title, u.office_id, ?, ?, ?, ?, ? "
                               "FROM (SELECT 1) one LEFT JOIN core.users u ON u.login = session_user"),
                {key(QUuid::createUuid()), key(leadId), lead->value(QStringLiteral("fugitive_id")),
                 values.value(QStringLiteral("activity_type")), orNull(values, QStringLiteral("location")),
                 orNull(values, QStringLiteral("operation_id")), values.value(QStringLiteral("occurred_at")),
                 orNull(values, QStringLiteral("notes")), keyOrNull(correctsActivityId)});
            !done) {
            return fail(done.error());
        }
        // Work has started on a lead that was only assigned.
        return m_sql.exec(QStringLiteral("UPDATE field.leads SET status = 'in_progress' WHERE id = ? AND status IN ('new', 'assigned')"),
                          {key(leadId)});
    });
}

Result<void> LeadRepository::recordArrest(const QUuid& leadId, const QVariantMap& values)
{
    auto lead = m_sql.firstRow(QStringLiteral("SELECT fugitive_id FROM field.leads WHERE id = ? AND deleted_at IS NULL"), {key(leadId)});
    if (!lead) {
        return fail(lead.error());
    }
    if (lead->isEmpty()) {
        return fail(Error{ErrorCode::NotFound, QStringLiteral("The lead no longer exists or you may not see it."), {}});
    }
    return m_sql.exec(QStringLiteral("SELECT field.record_arrest(?::uuid, ?::uuid, ?::timestamptz, ?, ?::uuid, ?, ?, ?::uuid)"),
                      {lead->value(QStringLiteral("fugitive_id")), key(leadId), values.value(QStringLiteral("arrested_at")),
                       values.value(QStringLiteral("place")), values.value(QStringLiteral("office_id")),
                       values.value(QStringLiteral("criminal")).toBool(), orNull(values, QStringLiteral("notes")),
                       orNull(values, QStringLiteral("operation_id"))});
}

Result<qint64> LeadRepository::setStatus(const QUuid& leadId, qint64 rowVersion, const QVariantMap& values)
{
    const VersionedSave save{QStringLiteral("field.leads"), QStringLiteral("field.lead_version"), QStringLiteral("lead"),
                             {QStringLiteral("status"), QStringLiteral("close_reason")}, {}};
    QVariantMap changes = {{QStringLiteral("status"), values.value(QStringLiteral("status"))},
                           {QStringLiteral("close_reason"), orNull(values, QStringLiteral("close_reason"))}};
    return save.save(m_database, leadId, rowVersion, changes);
}

Result<qint64> LeadRepository::setPointOfContact(const QUuid& leadId, qint64 rowVersion, const QVariantMap& values)
{
    const VersionedSave save{QStringLiteral("field.leads"), QStringLiteral("field.lead_version"), QStringLiteral("lead"),
                             {QStringLiteral("poc_user_id")}, {}};
    return save.save(m_database, leadId, rowVersion, {{QStringLiteral("poc_user_id"), orNull(values, QStringLiteral("poc_user_id"))}});
}

Result<void> LeadRepository::reassign(const QUuid& leadId, const QUuid& teamId, const QString& reason)
{
    return m_sql.exec(QStringLiteral("SELECT field.reassign_lead(?::uuid, ?::uuid, ?)"), {key(leadId), keyOrNull(teamId), reason});
}

Result<RecordTable> LeadRepository::myTeams()
{
    return m_sql.table(QStringLiteral("SELECT t.id, t.code, t.name FROM field.teams t JOIN field.team_members m ON m.team_id = t.id "
                                      "WHERE m.user_id = core.session_user_id() AND t.active ORDER BY t.code"),
                       {QStringLiteral("Code"), QStringLiteral("Name")}, {}, true);
}

Result<RecordTable> LeadRepository::teams()
{
    return m_sql.table(QStringLiteral("SELECT t.id, t.code, t.name FROM field.teams t WHERE t.active ORDER BY t.code"),
                       {QStringLiteral("Code"), QStringLiteral("Name")}, {}, true);
}


} // namespace ocms
