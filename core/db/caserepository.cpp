#include "caserepository.h"

#include "caseintake.h"
#include "caserecordreader.h"
#include "domain/caseforms.h"
#include "sqlerrortranslator.h"
#include "versionedsave.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>

namespace ocms {

namespace {

// The columns a form may write: its own keys, nothing a caller adds to the map.
QStringList columnsOf(const FormSpec& form, const QStringList& skip = {})
{
    QStringList columns;
    for (const FieldSpec& field : form) {
        if (!skip.contains(field.key)) {
            columns.append(field.key);
        }
    }
    return columns;
}

QVariant orNull(const QVariantMap& values, const QString& key)
{
    return values.value(key);
}

} // namespace
Result<CaseRecord> CaseRepository::load(const QUuid& caseId)
{
    return CaseRecordReader(m_database, m_reach).read(caseId);
}

Result<ANumberLookup> CaseRepository::lookUp(const ANumber& aNumber)
{
    return CaseIntake(m_database, m_reach).lookUp(aNumber);
}

Result<CreatedRecord> CaseRepository::createCase(const QVariantMap& values, const QUuid& existingPerson, const QUuid& projectToLink)
{
    return CaseIntake(m_database, m_reach).createCase(values, existingPerson, projectToLink);
}

Result<CreatedRecord> CaseRepository::createTrackingProject(const QVariantMap& values)
{
    return CaseIntake(m_database, m_reach).createTrackingProject(values);
}

Result<void> CaseRepository::linkProject(const QUuid& projectId, const QUuid& caseId)
{
    return CaseIntake(m_database, m_reach).linkProject(projectId, caseId);
}

Result<void> CaseRepository::removeStaff(const QUuid& caseId, const QUuid& userId, const QString& role)
{
    return m_sql.exec(QStringLiteral("DELETE FROM legal.case_staff WHERE case_id = ? AND user_id = ? AND role = ?"),
                {caseId.toString(QUuid::WithoutBraces), userId.toString(QUuid::WithoutBraces), role});
}

Result<void> CaseRepository::removePerson(const QUuid& caseId, const QUuid& personId, const QString& role)
{
    return m_sql.exec(QStringLiteral("DELETE FROM legal.case_people WHERE case_id = ? AND person_id = ? AND role = ?"),
                {caseId.toString(QUuid::WithoutBraces), personId.toString(QUuid::WithoutBraces), role});
}

Result<qint64> CaseRepository::saveSummary(const QUuid& caseId, qint64 rowVersion, const QVariantMap& changes)
{
    return VersionedSave{QStringLiteral("legal.cases"), QStringLiteral("legal.case_version"), QStringLiteral("case"),
                         CaseForms::editableCaseColumns(), QStringLiteral("last_action_at = now()")}
        .save(m_database, caseId, rowVersion, changes);
}

Result<qint64> CaseRepository::transfer(const QUuid& caseId, const QUuid& officeId, const QString& reason, qint64 rowVersion)
{
    QSqlQuery query(m_database);
    query.prepare(QStringLiteral("SELECT legal.transfer_case(?, ?, ?, ?)"));
    query.addBindValue(caseId.toString(QUuid::WithoutBraces));
    query.addBindValue(officeId.toString(QUuid::WithoutBraces));
    query.addBindValue(reason);
    query.addBindValue(rowVersion);
    if (!query.exec() || !query.next()) {
        return fail(SqlErrorTranslator::translate(query.lastError()));
    }
    return query.value(0).toLongLong();
}

namespace {

QVariantMap withKeys(const QVariantMap& values, const QStringList& columns, QVariantMap row)
{
    for (const QString& column : columns) {
        if (values.contains(column)) {
            row.insert(column, values.value(column));
        }
    }
    return row;
}

QString key(const QUuid& id)
{
    return id.toString(QUuid::WithoutBraces);
}

QVariantMap newRow(const QString& parentColumn, const QUuid& parent)
{
    return {{QStringLiteral("id"), key(QUuid::createUuid())}, {parentColumn, key(parent)}};
}

} // namespace

namespace {

struct EditableTable
{
    QString table;
    QString what; // for messages
    FormSpec form;
};

EditableTable editableTable(CaseRepository::Editable kind)
{
    switch (kind) {
    case CaseRepository::Editable::Hearing:
        return {QStringLiteral("legal.hearings"), QStringLiteral("hearing"), CaseForms::hearingEdit()};
    case CaseRepository::Editable::Person:
        return {QStringLiteral("core.people"), QStringLiteral("person's record"), CaseForms::personEdit()};
    }
    return {};
}

} // namespace

Result<QVariantMap> CaseRepository::editableRow(Editable kind, const QUuid& id)
{
    const EditableTable target = editableTable(kind);
    QStringList columns = columnsOf(target.form);
    columns.append(QStringLiteral("row_version"));
    QSqlQuery query(m_database);
    // Column names come from the form specs (fixed in code).
    query.prepare(QStringLiteral("SELECT %1 FROM %2 WHERE id = ? AND deleted_at IS NULL").arg(columns.join(u", "), target.table));
    query.addBindValue(key(id));
    if (!query.exec()) {
        return fail(SqlErrorTranslator::translate(query.lastError()));
    }
    if (!query.next()) {
        return fail(Error{ErrorCode::NotFound, QStringLiteral("The %1 no longer exists or you may not see it.").arg(target.what), {}});
    }
    QVariantMap row;
    for (int column = 0; column < columns.size(); ++column) {
        row.insert(columns.at(column), query.value(column));
    }
    return row;
}

Result<void> CaseRepository::updateRow(Editable kind, const QUuid& id, qint64 rowVersion, const QVariantMap& changes)
{
    const EditableTable target = editableTable(kind);
    const QStringList allowed = columnsOf(target.form);
    QStringList assignments;
    QVariantList binds;
    for (auto it = changes.cbegin(); it != changes.cend(); ++it) {
        if (!allowed.contains(it.key())) {
            return fail(Error{ErrorCode::Internal, QStringLiteral("The form tried to change a field it may not."), it.key()});
        }
        assignments.append(it.key() + QStringLiteral(" = ?"));
        binds.append(it.value());
    }
    if (assignments.isEmpty()) {
        return {};
    }
    QSqlQuery query(m_database);
    query.prepare(QStringLiteral("UPDATE %1 SET %2 WHERE id = ? AND row_version = ? RETURNING id").arg(target.table, assignments.join(u", ")));
    for (const QVariant& value : binds) {
        query.addBindValue(value);
    }
    query.addBindValue(key(id));
    query.addBindValue(rowVersion);
    if (!query.exec()) {
        return fail(SqlErrorTranslator::translate(query.lastError()));
    }
    if (query.next()) {
        return {};
    }
    QSqlQuery now(m_database);
    now.prepare(QStringLiteral("SELECT updated_at FROM %1 WHERE id = ?").arg(target.table));
    now.addBindValue(key(id));
    if (!now.exec() || !now.next()) {
        return fail(Error{ErrorCode::NotFound, QStringLiteral("The %1 no longer exists or you may no longer change it.").arg(target.what), {}});
    }
    return fail(Error{ErrorCode::Conflict,
                      QStringLiteral("Someone else changed this %1 at %2, after you opened it. Close this form, reload the case "
                                     "to see their change, then make yours again.")
                          .arg(target.what, now.value(0).toDateTime().toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm"))),
                      {}});
}

Result<void> CaseRepository::addNote(const QUuid& caseId, const QVariantMap& values)
{
    QVariantMap row = withKeys(values, columnsOf(CaseForms::note()), newRow(QStringLiteral("case_id"), caseId));
    return m_sql.exec(QStringLiteral("INSERT INTO legal.notes (id, case_id, phase, body, author_id) VALUES (?, ?, ?, ?, core.session_user_id())"),
                {row.value(QStringLiteral("id")), row.value(QStringLiteral("case_id")), row.value(QStringLiteral("phase")),
                 row.value(QStringLiteral("body"))});
}

Result<void> CaseRepository::addHearing(const QUuid& caseId, const QVariantMap& values)
{
    return m_sql.insert(QStringLiteral("legal.hearings"),
                  withKeys(values, columnsOf(CaseForms::hearing()), newRow(QStringLiteral("case_id"), caseId)));
}

Result<void> CaseRepository::addDeadline(const QUuid& caseId, const QVariantMap& values)
{
    return m_sql.insert(QStringLiteral("legal.deadlines"),
                  withKeys(values, columnsOf(CaseForms::deadline()), newRow(QStringLiteral("case_id"), caseId)));
}

Result<RecordTable> CaseRepository::previewDeadlines(const QUuid& caseId, const QVariantMap& event)
{
    return m_sql.table(QStringLiteral("SELECT rule_id, due_on, title, code, computation FROM rules.preview_deadlines(?, ?, ?, ?) "
                                "ORDER BY due_on, title"),
                 {QStringLiteral("Due"), QStringLiteral("What"), QStringLiteral("Rule"), QStringLiteral("How it was computed")},
                 {key(caseId), event.value(QStringLiteral("event")), event.value(QStringLiteral("event_on")),
                  event.value(QStringLiteral("service_method"))},
                 true);
}

Result<RecordTable> CaseRepository::applyDeadlineRules(const QUuid& caseId, const QVariantMap& event)
{
    return m_sql.table(QStringLiteral("SELECT d.id, d.due_on, d.title, r.code, d.computation "
                                "FROM legal.apply_deadline_rules(?, ?, ?, ?) d LEFT JOIN rules.deadline_rules r ON r.id = d.rule_id"),
                 {QStringLiteral("Due"), QStringLiteral("What"), QStringLiteral("Rule"), QStringLiteral("How it was computed")},
                 {key(caseId), event.value(QStringLiteral("event")), event.value(QStringLiteral("event_on")),
                  event.value(QStringLiteral("service_method"))},
                 true);
}

Result<void> CaseRepository::completeDeadline(const QUuid& deadlineId)
{
    QSqlQuery query(m_database);
    query.prepare(QStringLiteral("UPDATE legal.deadlines SET completed_at = now() WHERE id = ? AND completed_at IS NULL RETURNING id"));
    query.addBindValue(key(deadlineId));
    if (!query.exec()) {
        return fail(SqlErrorTranslator::translate(query.lastError()));
    }
    if (!query.next()) {
        return fail(Error{ErrorCode::Conflict, QStringLiteral("The deadline was already completed or removed. Reload the case."), {}});
    }
    return {};
}

Result<void> CaseRepository::addPerson(const QUuid& caseId, const QVariantMap& values)
{
    return m_sql.inTransaction([&]() -> Result<void> {
        auto person = CaseIntake(m_database, m_reach).insertPerson(values);
        if (!person) {
            return fail(person.error());
        }
        return m_sql.exec(QStringLiteral("INSERT INTO legal.case_people (case_id, person_id, role) VALUES (?, ?, ?)"),
                    {key(caseId), key(*person), values.value(QStringLiteral("role"))});
    });
}

Result<void> CaseRepository::addAlias(const QUuid& personId, const QVariantMap& values)
{
    return m_sql.insert(QStringLiteral("core.person_aliases"),
                  withKeys(values, columnsOf(CaseForms::alias()), newRow(QStringLiteral("person_id"), personId)));
}

Result<void> CaseRepository::addAddress(const QUuid& personId, const QVariantMap& values)
{
    return m_sql.insert(QStringLiteral("core.addresses"),
                  withKeys(values, columnsOf(CaseForms::address()), newRow(QStringLiteral("person_id"), personId)));
}

Result<void> CaseRepository::addPhone(const QUuid& personId, const QVariantMap& values)
{
    return m_sql.insert(QStringLiteral("core.phones"),
                  withKeys(values, columnsOf(CaseForms::phone()), newRow(QStringLiteral("person_id"), personId)));
}

Result<void> CaseRepository::addApplication(const QUuid& caseId, const QVariantMap& values)
{
    return m_sql.insert(QStringLiteral("legal.applications"),
                  withKeys(values, columnsOf(CaseForms::application()), newRow(QStringLiteral("case_id"), caseId)));
}

Result<void> CaseRepository::addVisa(const QUuid& caseId, const QVariantMap& values)
{
    return m_sql.insert(QStringLiteral("legal.visas"), withKeys(values, columnsOf(CaseForms::visa()), newRow(QStringLiteral("case_id"), caseId)));
}

Result<void> CaseRepository::addDisclosure(const QUuid& caseId, const QVariantMap& values)
{
    return m_sql.exec(QStringLiteral("INSERT INTO legal.disclosures (id, case_id, what_disclosed, recipient_name, recipient_organization, "
                               "  recipient_contact, disclosed_at, legal_basis, request_document_id, recorded_by) "
                               "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?::uuid, core.session_user_id())"),
                {key(QUuid::createUuid()), key(caseId), orNull(values, QStringLiteral("what_disclosed")),
                 orNull(values, QStringLiteral("recipient_name")), orNull(values, QStringLiteral("recipient_organization")),
                 orNull(values, QStringLiteral("recipient_contact")), orNull(values, QStringLiteral("disclosed_at")),
                 orNull(values, QStringLiteral("legal_basis")), orNull(values, QStringLiteral("request_document_id"))});
}

Result<void> CaseRepository::recordAFileLocation(const QString& aNumber, const QVariantMap& values)
{
    return m_sql.exec(QStringLiteral("INSERT INTO legal.afile_locations (id, a_number, location, previous_location, recorded_by) "
                               "SELECT ?, ?, ?, (SELECT f.location FROM legal.afile_locations f WHERE f.a_number = ? "
                               "                 ORDER BY f.recorded_on DESC, f.id DESC LIMIT 1), core.session_user_id()"),
                {key(QUuid::createUuid()), aNumber, values.value(QStringLiteral("location")), aNumber});
}

Result<void> CaseRepository::logTime(const QUuid& caseId, const QVariantMap& values)
{
    return m_sql.exec(QStringLiteral("INSERT INTO legal.time_entries (id, user_id, case_id, work_date, hours, note) "
                               "VALUES (?, core.session_user_id(), ?, ?, ?::numeric, ?)"),
                {key(QUuid::createUuid()), key(caseId), values.value(QStringLiteral("work_date")),
                 values.value(QStringLiteral("hours")), values.value(QStringLiteral("note"))});
}

Result<void> CaseRepository::addStaff(const QUuid& caseId, const QVariantMap& values)
{
    return m_sql.exec(QStringLiteral("INSERT INTO legal.case_staff (case_id, user_id, role) VALUES (?, ?::uuid, ?) ON CONFLICT DO NOTHING"),
                {key(caseId), values.value(QStringLiteral("user_id")), values.value(QStringLiteral("role"))});
}

Result<void> CaseRepository::grantAccess(const QUuid& caseId, const QString& login)
{
    return m_sql.exec(QStringLiteral("SELECT legal.grant_case_access(?, ?)"), {key(caseId), login.trimmed()});
}

Result<void> CaseRepository::revokeAccess(const QUuid& caseId, const QString& login)
{
    return m_sql.exec(QStringLiteral("SELECT legal.revoke_case_access(?, ?)"), {key(caseId), login.trimmed()});
}

Result<bool> CaseRepository::isPinned(const QUuid& caseId)
{
    auto found = m_sql.firstRow(QStringLiteral("SELECT 1 AS pinned FROM legal.case_pins WHERE case_id = ?::uuid "
                                                                "AND user_id = core.session_user_id()"),
                                                 {caseId.toString(QUuid::WithoutBraces)});
    if (!found) {
        return fail(found.error());
    }
    return !found->isEmpty();
}

Result<void> CaseRepository::setPinned(const QUuid& caseId, bool pinned)
{
    const QString id = caseId.toString(QUuid::WithoutBraces);
    return pinned ? m_sql.exec(QStringLiteral("INSERT INTO legal.case_pins (case_id) VALUES (?::uuid) ON CONFLICT DO NOTHING"), {id})
                  : m_sql.exec(QStringLiteral("DELETE FROM legal.case_pins WHERE case_id = ?::uuid "
                                                               "AND user_id = core.session_user_id()"),
                                                {id});
}

} // namespace ocms
