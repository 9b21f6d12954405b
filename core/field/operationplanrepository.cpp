#include "operationplanrepository.h"

#include "db/sqlerrortranslator.h"

#include <QRegularExpression>

namespace ocms {

namespace {

QString key(const QUuid& id)
{
    return id.toString(QUuid::WithoutBraces);
}

QVariant textOrNull(const QString& text)
{
    return text.trimmed().isEmpty() ? QVariant() : QVariant(text.trimmed());
}

QVariant dateOrNull(const QDate& date)
{
    return date.isValid() ? QVariant(date) : QVariant();
}

// The office of the signed-in user, as SQL.
const char* const kMyOffice = "(SELECT u.office_id FROM core.users u WHERE u.login = session_user)";

} // namespace

QString OperationPlanRepository::problem(const OperationPlan& plan)
{
    if (plan.name.trimmed().isEmpty()) {
        return QStringLiteral("Give the operation a name.");
    }
    if (!plan.startsOn.isValid()) {
        return QStringLiteral("Give the date the operation starts.");
    }
    if (plan.endsOn.isValid() && plan.endsOn < plan.startsOn) {
        return QStringLiteral("The operation cannot end before it starts.");
    }
    if (plan.scope.trimmed().isEmpty()) {
        return QStringLiteral("Describe the scope of the operation.");
    }
    static const QRegularExpression phone(QStringLiteral("^\\+?[0-9 ()./-]{7,20}$"));
    for (qsizetype i = 0; i < plan.contacts.size(); ++i) {
        const PlanContact& contact = plan.contacts[i];
        const QString which = QStringLiteral("Point of contact %1").arg(i + 1);
        if (contact.name.trimmed().isEmpty() || contact.agency.trimmed().isEmpty()) {
            return which + QStringLiteral(": give a name and an agency.");
        }
        if (!phone.match(contact.phone.trimmed()).hasMatch()) {
            return which + QStringLiteral(": a phone number has 7 to 20 digits, spaces or ( ) . / - and may start with +.");
        }
    }
    return {};
}

Result<RecordTable> OperationPlanRepository::list()
{
    return m_sql.table(
        QStringLiteral(
            "SELECT o.id, o.operation_number, o.name, o.starts_on, o.ends_on, "
            "  (SELECT string_agg(t.code, ', ' ORDER BY t.code) FROM field.operation_teams ot "
            "   JOIN field.teams t ON t.id = ot.team_id WHERE ot.operation_id = o.id), "
            "  (SELECT count(*) FROM field.operation_contacts c WHERE c.operation_id = o.id)::int, "
            "  CASE WHEN o.approved_at IS NULL THEN 'Not approved' "
            "       ELSE 'Approved ' || to_char(o.approved_at, 'YYYY-MM-DD') END "
            "FROM field.operations o WHERE o.office_id = %1 "
            "ORDER BY o.starts_on DESC, o.operation_number DESC LIMIT 2000")
            .arg(QLatin1StringView(kMyOffice)),
        {QStringLiteral("Number"), QStringLiteral("Name"), QStringLiteral("Starts"), QStringLiteral("Ends"),
         QStringLiteral("Teams"), QStringLiteral("Contacts"), QStringLiteral("Approval")},
        {}, true);
}

Result<OperationPlan> OperationPlanRepository::newPlan()
{
    auto row = m_sql.firstRow(QStringLiteral("SELECT f.id, f.name FROM core.offices f WHERE f.id = %1")
                                  .arg(QLatin1StringView(kMyOffice)),
                              {});
    if (!row) {
        return fail(row.error());
    }
    if (row->isEmpty()) {
        return fail(Error::validation(QStringLiteral("Your account has no office; an operations plan belongs to an office.")));
    }
    OperationPlan plan;
    plan.officeId = QUuid::fromString(row->value(QStringLiteral("id")).toString());
    plan.officeName = row->value(QStringLiteral("name")).toString();
    plan.startsOn = QDate::currentDate();
    auto mine = m_sql.rows(QStringLiteral("SELECT tm.team_id FROM field.team_members tm JOIN field.teams t ON t.id = tm.team_id "
                                          "WHERE tm.user_id = core.session_user_id() AND t.active AND t.office_id = ?"),
                           {key(plan.officeId)});
    if (!mine) {
        return fail(mine.error());
    }
    for (const QVariantMap& team : *mine) {
        plan.teamIds.append(QUuid::fromString(team.value(QStringLiteral("team_id")).toString()));
    }
    return plan;
}

Result<QList<DropdownChoice>> OperationPlanRepository::teams()
{
    auto rows = m_sql.rows(QStringLiteral("SELECT t.id, t.code || ' — ' || t.name AS label FROM field.teams t "
                                          "WHERE t.active AND t.office_id = %1 ORDER BY t.code")
                               .arg(QLatin1StringView(kMyOffice)),
                           {});
    if (!rows) {
        return fail(rows.error());
    }
    QList<DropdownChoice> choices;
    for (const QVariantMap& row : *rows) {
        choices.append({row.value(QStringLiteral("id")).toString(), row.value(QStringLiteral("label")).toString()});
    }
    return choices;
}

Result<QList<PlanTarget>> OperationPlanRepository::candidateTargets(const QList<QUuid>& teamIds, int limit)
{
    QStringList teams;
    for (const QUuid& team : teamIds) {
        teams.append(key(team));
    }
    auto rows = m_sql.rows(
        QStringLiteral(
            "SELECT l.id AS lead_id, l.lead_number, f.id AS fugitive_id, f.fugitive_number, "
            "  concat_ws(', ', p.family_name, p.given_name) AS name, "
            "  concat_ws(', ', l.address_line1, l.address_city, concat_ws(' ', l.address_state, l.address_zip)) AS address "
            "FROM field.leads l JOIN field.fugitives f ON f.id = l.fugitive_id JOIN core.people p ON p.id = f.person_id "
            "WHERE l.deleted_at IS NULL AND l.status IN ('new', 'assigned', 'in_progress') "
            "  AND CASE WHEN cardinality(?::uuid[]) > 0 THEN l.team_id = ANY (?::uuid[]) "
            "           ELSE l.team_id IN (SELECT t.id FROM field.teams t WHERE t.office_id = %1) END "
            "ORDER BY l.priority_score DESC NULLS LAST, l.created_at LIMIT ?")
            .arg(QLatin1StringView(kMyOffice)),
        {QString(u'{' + teams.join(u',') + u'}'), QString(u'{' + teams.join(u',') + u'}'), limit});
    if (!rows) {
        return fail(rows.error());
    }
    QList<PlanTarget> targets;
    for (const QVariantMap& row : *rows) {
        targets.append({QUuid::fromString(row.value(QStringLiteral("fugitive_id")).toString()),
                        QUuid::fromString(row.value(QStringLiteral("lead_id")).toString()),
                        row.value(QStringLiteral("fugitive_number")).toString(), row.value(QStringLiteral("name")).toString(),
                        row.value(QStringLiteral("lead_number")).toString(), row.value(QStringLiteral("address")).toString()});
    }
    return targets;
}

Result<OperationPlan> OperationPlanRepository::plan(const QUuid& operationId)
{
    auto head = m_sql.firstRow(
        QStringLiteral("SELECT o.operation_number, o.name, o.office_id, f.name AS office_name, o.starts_on, o.ends_on, "
                       "  o.scope, o.plan_summary, c.full_name AS created_by, a.full_name AS approved_by, o.approved_at "
                       "FROM field.operations o JOIN core.offices f ON f.id = o.office_id "
                       "LEFT JOIN core.users c ON c.id = o.created_by LEFT JOIN core.users a ON a.id = o.approved_by "
                       "WHERE o.id = ?"),
        {key(operationId)});
    if (!head) {
        return fail(head.error());
    }
    if (head->isEmpty()) {
        return fail(Error{ErrorCode::NotFound, QStringLiteral("The operations plan does not exist or you may not see it."), {}});
    }
    OperationPlan plan;
    plan.id = operationId;
    plan.number = head->value(QStringLiteral("operation_number")).toString();
    plan.name = head->value(QStringLiteral("name")).toString();
    plan.officeId = QUuid::fromString(head->value(QStringLiteral("office_id")).toString());
    plan.officeName = head->value(QStringLiteral("office_name")).toString();
    plan.startsOn = head->value(QStringLiteral("starts_on")).toDate();
    plan.endsOn = head->value(QStringLiteral("ends_on")).toDate();
    plan.scope = head->value(QStringLiteral("scope")).toString();
    plan.briefing = head->value(QStringLiteral("plan_summary")).toString();
    plan.createdBy = head->value(QStringLiteral("created_by")).toString();
    plan.approvedBy = head->value(QStringLiteral("approved_by")).toString();
    plan.approvedAt = head->value(QStringLiteral("approved_at")).toDateTime();

    auto teams = m_sql.rows(QStringLiteral("SELECT t.id, t.code || ' — ' || t.name AS label FROM field.operation_teams ot "
                                           "JOIN field.teams t ON t.id = ot.team_id WHERE ot.operation_id = ? ORDER BY t.code"),
                            {key(operationId)});
    if (!teams) {
        return fail(teams.error());
    }
    for (const QVariantMap& team : *teams) {
        plan.teamIds.append(QUuid::fromString(team.value(QStringLiteral("id")).toString()));
        plan.teamNames.append(team.value(QStringLiteral("label")).toString());
    }
    auto targets = m_sql.rows(
        QStringLiteral("SELECT ot.fugitive_id, ot.lead_id, f.fugitive_number, concat_ws(', ', p.family_name, p.given_name) AS name, "
                       "  l.lead_number, concat_ws(', ', l.address_line1, l.address_city, "
                       "  concat_ws(' ', l.address_state, l.address_zip)) AS address "
                       "FROM field.operation_targets ot JOIN field.fugitives f ON f.id = ot.fugitive_id "
                       "JOIN core.people p ON p.id = f.person_id LEFT JOIN field.leads l ON l.id = ot.lead_id "
                       "WHERE ot.operation_id = ? ORDER BY f.fugitive_number, l.lead_number"),
        {key(operationId)});
    if (!targets) {
        return fail(targets.error());
    }
    for (const QVariantMap& row : *targets) {
        plan.targets.append({QUuid::fromString(row.value(QStringLiteral("fugitive_id")).toString()),
                             QUuid::fromString(row.value(QStringLiteral("lead_id")).toString()),
                             row.value(QStringLiteral("fugitive_number")).toString(), row.value(QStringLiteral("name")).toString(),
                             row.value(QStringLiteral("lead_number")).toString(), row.value(QStringLiteral("address")).toString()});
    }
    auto contacts = m_sql.rows(QStringLiteral("SELECT id, kind, name, agency, phone, notes FROM field.operation_contacts "
                                              "WHERE operation_id = ? ORDER BY position, name"),
                               {key(operationId)});
    if (!contacts) {
        return fail(contacts.error());
    }
    for (const QVariantMap& row : *contacts) {
        plan.contacts.append({QUuid::fromString(row.value(QStringLiteral("id")).toString()), row.value(QStringLiteral("kind")).toString(),
                              row.value(QStringLiteral("name")).toString(), row.value(QStringLiteral("agency")).toString(),
                              row.value(QStringLiteral("phone")).toString(), row.value(QStringLiteral("notes")).toString()});
    }
    return plan;
}

Result<QUuid> OperationPlanRepository::save(const OperationPlan& plan)
{
    if (const QString message = problem(plan); !message.isEmpty()) {
        return fail(Error::validation(message));
    }
    const QUuid id = plan.id.isNull() ? QUuid::createUuid() : plan.id;
    auto done = m_sql.inTransaction([&]() -> Result<void> {
        if (plan.id.isNull()) {
            if (auto inserted = m_sql.exec(
                    QStringLiteral("INSERT INTO field.operations (id, name, office_id, starts_on, ends_on, scope, plan_summary) "
                                   "VALUES (?, ?, coalesce(?::uuid, %1), ?, ?, ?, ?)")
                        .arg(QLatin1StringView(kMyOffice)),
                    {key(id), plan.name.trimmed(), plan.officeId.isNull() ? QVariant() : QVariant(key(plan.officeId)),
                     plan.startsOn, dateOrNull(plan.endsOn), plan.scope.trimmed(), textOrNull(plan.briefing)});
                !inserted) {
                return inserted;
            }
        } else {
            // Only when something changed: an unchanged plan keeps its approval.
            if (auto updated = m_sql.exec(
                    QStringLiteral("UPDATE field.operations SET name = ?, starts_on = ?, ends_on = ?, scope = ?, plan_summary = ? "
                                   "WHERE id = ? AND (name, starts_on, ends_on, scope, plan_summary) "
                                   "  IS DISTINCT FROM (?::text, ?::date, ?::date, ?::text, ?::text)"),
                    {plan.name.trimmed(), plan.startsOn, dateOrNull(plan.endsOn), plan.scope.trimmed(), textOrNull(plan.briefing),
                     key(id), plan.name.trimmed(), plan.startsOn, dateOrNull(plan.endsOn), plan.scope.trimmed(),
                     textOrNull(plan.briefing)});
                !updated) {
                return updated;
            }
        }
        // Parts: what is no longer there goes, what is new comes; unchanged rows are left alone.
        QStringList teams;
        for (const QUuid& team : plan.teamIds) {
            teams.append(key(team));
        }
        const QString teamArray = u'{' + teams.join(u',') + u'}';
        if (auto r = m_sql.exec(QStringLiteral("DELETE FROM field.operation_teams WHERE operation_id = ? AND NOT team_id = ANY (?::uuid[])"),
                                {key(id), teamArray});
            !r) {
            return r;
        }
        if (auto r = m_sql.exec(QStringLiteral("INSERT INTO field.operation_teams (operation_id, team_id) "
                                               "SELECT ?, unnest(?::uuid[]) ON CONFLICT DO NOTHING"),
                                {key(id), teamArray});
            !r) {
            return r;
        }
        QStringList fugitives, leads;
        for (const PlanTarget& target : plan.targets) {
            fugitives.append(key(target.fugitiveId));
            leads.append(target.leadId.isNull() ? QStringLiteral("NULL") : key(target.leadId));
        }
        const QString fugitiveArray = u'{' + fugitives.join(u',') + u'}';
        const QString leadArray = u'{' + leads.join(u',') + u'}';
        if (auto r = m_sql.exec(
                QStringLiteral("DELETE FROM field.operation_targets ot WHERE ot.operation_id = ? AND NOT EXISTS ("
                               "  SELECT 1 FROM unnest(?::uuid[], ?::uuid[]) AS w (fugitive_id, lead_id) "
                               "  WHERE w.fugitive_id = ot.fugitive_id AND w.lead_id IS NOT DISTINCT FROM ot.lead_id)"),
                {key(id), fugitiveArray, leadArray});
            !r) {
            return r;
        }
        if (auto r = m_sql.exec(QStringLiteral("INSERT INTO field.operation_targets (id, operation_id, fugitive_id, lead_id) "
                                               "SELECT gen_random_uuid(), ?, w.fugitive_id, w.lead_id "
                                               "FROM unnest(?::uuid[], ?::uuid[]) AS w (fugitive_id, lead_id) "
                                               "ON CONFLICT DO NOTHING"),
                                {key(id), fugitiveArray, leadArray});
            !r) {
            return r;
        }
        QStringList kept;
        for (const PlanContact& contact : plan.contacts) {
            if (!contact.id.isNull()) {
                kept.append(key(contact.id));
            }
        }
        if (auto r = m_sql.exec(QStringLiteral("DELETE FROM field.operation_contacts WHERE operation_id = ? AND NOT id = ANY (?::uuid[])"),
                                {key(id), QString(u'{' + kept.join(u',') + u'}')});
            !r) {
            return r;
        }
        for (qsizetype position = 0; position < plan.contacts.size(); ++position) {
            const PlanContact& contact = plan.contacts[position];
            const QVariantList values = {contact.kind, contact.name.trimmed(), contact.agency.trimmed(), contact.phone.trimmed(),
                                         textOrNull(contact.notes), int(position)};
            if (contact.id.isNull()) {
                if (auto r = m_sql.exec(QStringLiteral("INSERT INTO field.operation_contacts "
                                                       "(kind, name, agency, phone, notes, position, id, operation_id) "
                                                       "VALUES (?, ?, ?, ?, ?, ?, ?, ?)"),
                                        values + QVariantList{key(QUuid::createUuid()), key(id)});
                    !r) {
                    return r;
                }
            } else if (auto r = m_sql.exec(
                           QStringLiteral("UPDATE field.operation_contacts SET kind = ?, name = ?, agency = ?, phone = ?, notes = ?, "
                                          "position = ? WHERE id = ? AND operation_id = ? AND (kind, name, agency, phone, notes, position) "
                                          "IS DISTINCT FROM (?::text, ?::text, ?::text, ?::text, ?::text, ?::smallint)"),
                           values + QVariantList{key(contact.id), key(id)} + values);
                       !r) {
                return r;
            }
        }
        return {};
    });
    if (!done) {
        return fail(done.error());
    }
    return id;
}

Result<void> OperationPlanRepository::approve(const QUuid& operationId)
{
    return m_sql.exec(QStringLiteral("SELECT field.approve_operation_plan(?)"), {key(operationId)});
}

Result<PlanPermissions> OperationPlanRepository::permissions()
{
    auto row = m_sql.firstRow(QStringLiteral("SELECT has_table_privilege('field.operations', 'INSERT') AS write, "
                                             "pg_has_role(session_user, 'field_full', 'MEMBER') AS approve"),
                              {});
    if (!row) {
        return fail(row.error());
    }
    return PlanPermissions{row->value(QStringLiteral("write")).toBool(), row->value(QStringLiteral("approve")).toBool()};
}

} // namespace ocms
