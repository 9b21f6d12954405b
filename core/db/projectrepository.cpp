#include "projectrepository.h"

#include "caseintake.h"
#include "domain/projectforms.h"
#include "sqlerrortranslator.h"
#include "versionedsave.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>

namespace ocms {

namespace {

QString key(const QUuid& id)
{
    return id.toString(QUuid::WithoutBraces);
}

QVariant orNull(const QVariantMap& values, const QString& column)
{
    const QVariant value = values.value(column);
    return value.toString().isEmpty() ? QVariant() : value;
}

} // namespace

Result<RecordTable> ProjectRepository::list(const ProjectListFilter& filter)
{
    QStringList where = {QStringLiteral("p.deleted_at IS NULL")};
    QVariantList binds;
    if (filter.status.isEmpty()) {
        where.append(QStringLiteral("p.status <> 'closed'"));
    } else if (filter.status != u"all") {
        where.append(QStringLiteral("p.status = ?"));
        binds.append(filter.status);
    }
    if (!filter.type.isEmpty()) {
        where.append(QStringLiteral("p.project_type = ?"));
        binds.append(filter.type);
    }
    const QString text = filter.text.trimmed();
    if (!text.isEmpty()) {
        // Words of the title, or a project number; the pattern's wildcards are escaped, the value bound.
        QString pattern = text;
        pattern.replace(u'\\', QStringLiteral("\\\\")).replace(u'%', QStringLiteral("\\%")).replace(u'_', QStringLiteral("\\_"));
        where.append(QStringLiteral("(p.title ILIKE ? OR p.project_number = upper(?))"));
        binds.append(QString(u'%' + pattern + u'%'));
        binds.append(text);
    }
    if (filter.onlyMine) {
        where.append(QStringLiteral("(p.created_by = core.session_user_id() OR EXISTS (SELECT 1 FROM legal.project_assignments a "
                                    "WHERE a.project_id = p.id AND a.user_id = core.session_user_id()))"));
    }
    binds.append(std::clamp(filter.limit, 1, 5000));
    return m_sql.table(
        QStringLiteral("SELECT p.id, p.project_number, p.title, p.project_type, p.status, p.client_office, o.name, "
                       "  (SELECT count(*) FROM legal.tasks t WHERE t.project_id = p.id AND t.status IN ('open', 'in_progress') "
                       "   AND t.deleted_at IS NULL), "
                       "  (SELECT coalesce(sum(e.hours), 0)::float8 FROM legal.time_entries e WHERE e.project_id = p.id "
                       "   AND e.deleted_at IS NULL), "
                       "  p.opened_on "
                       "FROM legal.projects p JOIN core.offices o ON o.id = p.office_id "
                       "WHERE %1 ORDER BY p.opened_on DESC, p.project_number DESC LIMIT ?")
            .arg(where.join(QStringLiteral(" AND "))),
        {QStringLiteral("Number"), QStringLiteral("Title"), QStringLiteral("Type"), QStringLiteral("Status"),
         QStringLiteral("Client office"), QStringLiteral("Office"), QStringLiteral("Open tasks"), QStringLiteral("Hours"),
         QStringLiteral("Opened")},
        binds, true);
}

Result<CreatedRecord> ProjectRepository::create(const QVariantMap& values)
{
    CreatedRecord created{QUuid::createUuid(), {}};
    auto done = m_sql.inTransaction([&]() -> Result<void> {
        QVariantMap row = {{QStringLiteral("id"), key(created.id)}};
        for (const FieldSpec& spec : ProjectForms::newProject()) {
            if (values.contains(spec.key)) {
                row.insert(spec.key, orNull(values, spec.key));
            }
        }
        if (auto inserted = m_sql.insert(QStringLiteral("legal.projects"), row); !inserted) {
            return fail(inserted.error());
        }
        if (auto lead = m_sql.exec(QStringLiteral("INSERT INTO legal.project_assignments (project_id, user_id, role) "
                                                  "VALUES (?, core.session_user_id(), 'lead')"),
                                   {key(created.id)});
            !lead) {
            return fail(lead.error());
        }
        auto number = m_sql.firstRow(QStringLiteral("SELECT project_number FROM legal.projects WHERE id = ?"), {key(created.id)});
        if (!number) {
            return fail(number.error());
        }
        created.number = number->value(QStringLiteral("project_number")).toString();
        return {};
    });
    if (!done) {
        return fail(done.error());
    }
    return created;
}

Result<QVariantMap> ProjectRepository::newProjectDefaults()
{
    QSqlQuery query(m_database);
    if (!query.exec(QStringLiteral("SELECT u.office_id::text, (SELECT ud.division_id::text FROM core.user_divisions ud "
                                   "  JOIN core.divisions d ON d.id = ud.division_id WHERE ud.user_id = u.id ORDER BY d.name LIMIT 1) "
                                   "FROM core.users u WHERE u.login = session_user"))) {
        return fail(SqlErrorTranslator::translate(query.lastError()));
    }
    QVariantMap defaults = {{QStringLiteral("opened_on"), QDate::currentDate()}};
    if (query.next()) {
        defaults.insert(QStringLiteral("office_id"), query.value(0));
        defaults.insert(QStringLiteral("division_id"), query.value(1));
    }
    return defaults;
}

Result<ProjectRecord> ProjectRepository::load(const QUuid& projectId)
{
    return m_sql.readInSnapshot<ProjectRecord>([&] { return readRecord(projectId); });
}

Result<ProjectRecord> ProjectRepository::readRecord(const QUuid& projectId)
{
    ProjectRecord record;
    record.id = projectId;
    const QVariantList id = {key(projectId)};
    auto summary = m_sql.firstRow(QStringLiteral("SELECT p.*, o.name AS office_name, d.name AS division_name, u.full_name AS creator_name, "
                                                 "       p.created_by = core.session_user_id() AS created_by_me, c.case_number AS linked_case_number "
                                                 "FROM legal.projects p JOIN core.offices o ON o.id = p.office_id "
                                                 "JOIN core.divisions d ON d.id = p.division_id LEFT JOIN core.users u ON u.id = p.created_by "
                                                 "LEFT JOIN legal.case_list c ON c.case_id = p.linked_case_id "
                                                 "WHERE p.id = ? AND p.deleted_at IS NULL"),
                                  id);
    if (!summary) {
        return fail(summary.error());
    }
    if (summary->isEmpty()) {
        return fail(Error{ErrorCode::NotFound, QStringLiteral("The project does not exist or you may not see it."), {}});
    }
    record.summary = *summary;
    record.projectNumber = record.summary.value(QStringLiteral("project_number")).toString();
    record.rowVersion = record.summary.value(QStringLiteral("row_version")).toLongLong();
    record.officeName = record.summary.value(QStringLiteral("office_name")).toString();
    record.divisionName = record.summary.value(QStringLiteral("division_name")).toString();
    record.createdByName = record.summary.value(QStringLiteral("creator_name")).toString();
    record.createdByMe = record.summary.value(QStringLiteral("created_by_me")).toBool();
    record.immigrationMatter = record.summary.value(QStringLiteral("immigration_matter")).toBool();
    record.linkedCaseNumber = record.summary.value(QStringLiteral("linked_case_number")).toString();
    if (auto viewed = m_sql.exec(QStringLiteral("SELECT audit.log_view('legal.projects', ?)"), id); !viewed) {
        return fail(viewed.error());
    }
    struct Part
    {
        RecordTable* target;
        const char* sql;
        QStringList headers;
        bool firstColumnIsId;
    };
    const Part parts[] = {
        {&record.staff,
         "SELECT u.id, u.full_name, a.role, u.title, a.assigned_at FROM legal.project_assignments a "
         "JOIN core.users u ON u.id = a.user_id WHERE a.project_id = ? ORDER BY a.role = 'lead' DESC, u.full_name",
         {QStringLiteral("Name"), QStringLiteral("Role"), QStringLiteral("Title"), QStringLiteral("Assigned")},
         true},
        {&record.people,
         "SELECT p.id, concat_ws(', ', p.family_name, p.given_name), pp.role, p.employer, p.business_phone, p.business_email "
         "FROM legal.project_people pp JOIN core.people p ON p.id = pp.person_id WHERE pp.project_id = ? ORDER BY 2",
         {QStringLiteral("Name"), QStringLiteral("Role"), QStringLiteral("Organisation"), QStringLiteral("Phone"), QStringLiteral("E-mail")},
         true},
        {&record.tasks,
         "SELECT t.id, t.title, u.full_name, t.due_on, t.status, b.title, t.completed_at FROM legal.tasks t "
         "LEFT JOIN core.users u ON u.id = t.assignee_id LEFT JOIN legal.tasks b ON b.id = t.depends_on_id "
         "WHERE t.project_id = ? AND t.deleted_at IS NULL "
         "ORDER BY t.status IN ('done', 'cancelled'), t.due_on NULLS LAST, t.created_at",
         {QStringLiteral("Task"), QStringLiteral("Assigned to"), QStringLiteral("Due"), QStringLiteral("Status"),
          QStringLiteral("Waits for"), QStringLiteral("Completed")},
         true},
        {&record.events,
         "SELECT e.id, e.title, e.occurs_at, e.notes FROM legal.project_events e WHERE e.project_id = ? ORDER BY e.occurs_at",
         {QStringLiteral("Event"), QStringLiteral("When"), QStringLiteral("Notes")},
         true},
        {&record.time,
         "SELECT t.id, t.work_date, u.full_name, t.hours::float8, t.note FROM legal.time_entries t "
         "JOIN core.users u ON u.id = t.user_id WHERE t.project_id = ? AND t.deleted_at IS NULL "
         "ORDER BY t.work_date DESC, t.created_at DESC",
         {QStringLiteral("Date"), QStringLiteral("Who"), QStringLiteral("Hours"), QStringLiteral("What was done")},
         true},
        {&record.cases,
         "SELECT c.case_id, c.case_number, c.title, c.status, pc.linked_at FROM legal.project_cases pc "
         "JOIN legal.case_list c ON c.case_id = pc.case_id WHERE pc.project_id = ? ORDER BY pc.linked_at",
         {QStringLiteral("Case"), QStringLiteral("Title"), QStringLiteral("Status"), QStringLiteral("Linked")},
         true},
        {&record.history,
         "SELECT h.occurred_at, h.action, u.full_name, h.detail FROM legal.project_history h "
         "LEFT JOIN core.users u ON u.id = h.actor_id WHERE h.project_id = ? ORDER BY h.occurred_at DESC, h.id",
         {QStringLiteral("When"), QStringLiteral("Action"), QStringLiteral("By"), QStringLiteral("Detail")},
         false},
        {&record.documents,
         "SELECT d.id, d.document_number, d.title, d.document_type, d.author_name, d.updated_at FROM docs.documents d "
         "WHERE d.project_id = ? AND d.deleted_at IS NULL ORDER BY d.updated_at DESC",
         {QStringLiteral("Document"), QStringLiteral("Title"), QStringLiteral("Type"), QStringLiteral("Author"), QStringLiteral("Updated")},
         true},
        {&record.grants,
         "SELECT login, full_name, granted_at, granted_by_name FROM legal.project_grantees(?)",
         {QStringLiteral("User name"), QStringLiteral("Name"), QStringLiteral("Granted"), QStringLiteral("Granted by")},
         false},
    };
    for (const Part& part : parts) {
        auto table = m_sql.table(QString::fromUtf8(part.sql), part.headers, id, part.firstColumnIsId);
        if (!table) {
            return fail(table.error());
        }
        *part.target = *table;
    }
    QSqlQuery staff(m_database);
    staff.prepare(QStringLiteral("SELECT user_id::text, full_name FROM legal.project_staff_choices(?)"));
    staff.addBindValue(id.first());
    if (!staff.exec()) {
        return fail(SqlErrorTranslator::translate(staff.lastError()));
    }
    while (staff.next()) {
        record.staffChoices.append({staff.value(0).toString(), staff.value(1).toString()});
    }
    return record;
}

Result<qint64> ProjectRepository::saveSummary(const QUuid& projectId, qint64 rowVersion, const QVariantMap& changes)
{
    return VersionedSave{QStringLiteral("legal.projects"), QStringLiteral("legal.project_version"), QStringLiteral("project"),
                         ProjectForms::editableProjectColumns(), {}}
        .save(m_database, projectId, rowVersion, changes);
}

Result<void> ProjectRepository::assign(const QUuid& projectId, const QVariantMap& values)
{
    return m_sql.exec(QStringLiteral("INSERT INTO legal.project_assignments (project_id, user_id, role) VALUES (?, ?::uuid, ?) "
                                     "ON CONFLICT DO NOTHING"),
                      {key(projectId), values.value(QStringLiteral("user_id")), values.value(QStringLiteral("role"))});
}

Result<void> ProjectRepository::unassign(const QUuid& projectId, const QUuid& userId, const QString& role)
{
    return m_sql.exec(QStringLiteral("DELETE FROM legal.project_assignments WHERE project_id = ? AND user_id = ? AND role = ?"),
                      {key(projectId), key(userId), role});
}

Result<void> ProjectRepository::addTask(const QUuid& projectId, const QVariantMap& values)
{
    return m_sql.exec(QStringLiteral("INSERT INTO legal.tasks (id, project_id, title, assignee_id, due_on, depends_on_id) "
                                     "VALUES (?, ?, ?, ?::uuid, ?::date, ?::uuid)"),
                      {key(QUuid::createUuid()), key(projectId), values.value(QStringLiteral("title")),
                       orNull(values, QStringLiteral("assignee_id")), orNull(values, QStringLiteral("due_on")),
                       orNull(values, QStringLiteral("depends_on_id"))});
}

Result<QVariantMap> ProjectRepository::task(const QUuid& taskId)
{
    auto values = m_sql.firstRow(QStringLiteral("SELECT title, assignee_id::text, status, due_on, depends_on_id::text, row_version "
                                                "FROM legal.tasks WHERE id = ? AND deleted_at IS NULL"),
                                 {key(taskId)});
    if (values && values->isEmpty()) {
        return fail(Error{ErrorCode::NotFound, QStringLiteral("The task no longer exists or you may not see it."), {}});
    }
    return values;
}

Result<void> ProjectRepository::updateTask(const QUuid& taskId, qint64 rowVersion, const QVariantMap& changes)
{
    static const QHash<QString, QString> casts = {{QStringLiteral("title"), QString()},
                                                  {QStringLiteral("assignee_id"), QStringLiteral("::uuid")},
                                                  {QStringLiteral("status"), QString()},
                                                  {QStringLiteral("due_on"), QStringLiteral("::date")},
                                                  {QStringLiteral("depends_on_id"), QStringLiteral("::uuid")}};
    QStringList assignments;
    QVariantList binds;
    for (auto it = changes.cbegin(); it != changes.cend(); ++it) {
        if (!casts.contains(it.key())) {
            return fail(Error{ErrorCode::Internal, QStringLiteral("The form tried to change a field it may not."), it.key()});
        }
        assignments.append(it.key() + QStringLiteral(" = ?") + casts.value(it.key()));
        binds.append(orNull(changes, it.key()));
    }
    if (assignments.isEmpty()) {
        return {};
    }
    QSqlQuery query(m_database);
    query.prepare(QStringLiteral("UPDATE legal.tasks SET %1 WHERE id = ? AND row_version = ? RETURNING id").arg(assignments.join(u", ")));
    for (const QVariant& value : binds) {
        query.addBindValue(value);
    }
    query.addBindValue(key(taskId));
    query.addBindValue(rowVersion);
    if (!query.exec()) {
        return fail(SqlErrorTranslator::translate(query.lastError()));
    }
    if (!query.next()) {
        return fail(Error{ErrorCode::Conflict,
                          QStringLiteral("Someone changed this task after you opened it. Your changes are still in the form: "
                                         "reload the project to see theirs, then make yours again."),
                          {}});
    }
    return {};
}

Result<void> ProjectRepository::setTaskStatus(const QUuid& taskId, const QString& status)
{
    QSqlQuery query(m_database);
    query.prepare(QStringLiteral("UPDATE legal.tasks SET status = ? WHERE id = ? AND deleted_at IS NULL RETURNING id"));
    query.addBindValue(status);
    query.addBindValue(key(taskId));
    if (!query.exec()) {
        return fail(SqlErrorTranslator::translate(query.lastError()));
    }
    if (!query.next()) {
        return fail(Error{ErrorCode::NotFound, QStringLiteral("The task no longer exists or you may not change it."), {}});
    }
    return {};
}

Result<void> ProjectRepository::addEvent(const QUuid& projectId, const QVariantMap& values)
{
    return m_sql.exec(QStringLiteral("INSERT INTO legal.project_events (id, project_id, title, occurs_at, notes) VALUES (?, ?, ?, ?, ?)"),
                      {key(QUuid::createUuid()), key(projectId), values.value(QStringLiteral("title")),
                       values.value(QStringLiteral("occurs_at")), orNull(values, QStringLiteral("notes"))});
}

Result<void> ProjectRepository::addPerson(const QUuid& projectId, const QVariantMap& values)
{
    return m_sql.inTransaction([&]() -> Result<void> {
        auto person = CaseIntake(m_database, CaseReach::LegalStaff).insertPerson(values);
        if (!person) {
            return fail(person.error());
        }
        return m_sql.exec(QStringLiteral("INSERT INTO legal.project_people (project_id, person_id, role) VALUES (?, ?, ?)"),
                          {key(projectId), key(*person), values.value(QStringLiteral("role"))});
    });
}

Result<void> ProjectRepository::removePerson(const QUuid& projectId, const QUuid& personId, const QString& role)
{
    return m_sql.exec(QStringLiteral("DELETE FROM legal.project_people WHERE project_id = ? AND person_id = ? AND role = ?"),
                      {key(projectId), key(personId), role});
}

Result<void> ProjectRepository::logTime(const QUuid& projectId, const QVariantMap& values)
{
    return m_sql.exec(QStringLiteral("INSERT INTO legal.time_entries (id, user_id, project_id, work_date, hours, note) "
                                     "VALUES (?, core.session_user_id(), ?, ?, ?::numeric, ?)"),
                      {key(QUuid::createUuid()), key(projectId), values.value(QStringLiteral("work_date")),
                       values.value(QStringLiteral("hours")), orNull(values, QStringLiteral("note"))});
}

Result<void> ProjectRepository::linkCase(const QUuid& projectId, const QString& caseNumber)
{
    QSqlQuery query(m_database);
    query.prepare(QStringLiteral("SELECT case_id FROM legal.case_list WHERE case_number = upper(btrim(?))"));
    query.addBindValue(caseNumber);
    if (!query.exec()) {
        return fail(SqlErrorTranslator::translate(query.lastError()));
    }
    if (!query.next()) {
        return fail(Error{ErrorCode::NotFound,
                          QStringLiteral("There is no case %1 that you may see.").arg(caseNumber.trimmed().toUpper()), {}});
    }
    return m_sql.exec(QStringLiteral("INSERT INTO legal.project_cases (project_id, case_id) VALUES (?, ?) ON CONFLICT DO NOTHING"),
                      {key(projectId), query.value(0).toString()});
}

Result<void> ProjectRepository::unlinkCase(const QUuid& projectId, const QUuid& caseId)
{
    return m_sql.exec(QStringLiteral("DELETE FROM legal.project_cases WHERE project_id = ? AND case_id = ?"), {key(projectId), key(caseId)});
}

Result<void> ProjectRepository::grantAccess(const QUuid& projectId, const QString& login)
{
    return m_sql.exec(QStringLiteral("SELECT legal.grant_project_access(?, ?)"), {key(projectId), login.trimmed()});
}

Result<void> ProjectRepository::revokeAccess(const QUuid& projectId, const QString& login)
{
    return m_sql.exec(QStringLiteral("SELECT legal.revoke_project_access(?, ?)"), {key(projectId), login.trimmed()});
}

} // namespace ocms
