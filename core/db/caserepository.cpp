#include "caserepository.h"

#include "domain/caseforms.h"
#include "domain/formvalidator.h"
#include "sqlerrortranslator.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>

namespace ocms {

namespace {

QString text(const char* sql)
{
    return QString::fromUtf8(sql);
}

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

Error conflictFrom(QSqlQuery& version)
{
    if (!version.next() || version.value(0).isNull()) {
        return {ErrorCode::NotFound, QStringLiteral("The case no longer exists or you may no longer change it."), {}};
    }
    const QString who = version.value(2).toString().isEmpty() ? QStringLiteral("Someone else") : version.value(2).toString();
    const QString when = version.value(1).toDateTime().toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm"));
    return {ErrorCode::Conflict,
            QStringLiteral("%1 saved changes to this case at %2, after you opened it. Your changes are still in the form: "
                           "reload the case to see theirs, then make yours again.")
                .arg(who, when),
            QStringLiteral("row version %1 on the server").arg(version.value(0).toLongLong())};
}

// The respondent's or claimant's fields of a creation form (its "title" is the case's, not the person's).
QVariantMap personPart(const QVariantMap& values, bool withANumber)
{
    QVariantMap person;
    for (const QString& column : {QStringLiteral("family_name"), QStringLiteral("given_name"), QStringLiteral("date_of_birth"),
                                  QStringLiteral("nationality"), QStringLiteral("language"), QStringLiteral("sex")}) {
        if (values.contains(column)) {
            person.insert(column, values.value(column));
        }
    }
    if (withANumber) {
        person.insert(QStringLiteral("a_number"), values.value(QStringLiteral("a_number")));
    }
    return person;
}

// Immigration matters waiting for their case (PIA footnote 6), newest first.
const QString kOpenTrackingProjects = QStringLiteral(
    "SELECT id, project_number, title FROM legal.projects WHERE immigration_matter AND linked_case_id IS NULL "
    "AND status <> 'closed' AND deleted_at IS NULL ORDER BY created_at DESC LIMIT 200");

const QString kPersonName = QStringLiteral(
    "concat_ws(', ', p.family_name, nullif(concat_ws(' ', p.given_name, p.middle_name), ''))");

} // namespace

Result<void> CaseRepository::exec(const QString& sql, const QVariantList& binds)
{
    QSqlQuery query(m_database);
    query.prepare(sql);
    for (const QVariant& value : binds) {
        query.addBindValue(value);
    }
    if (!query.exec()) {
        return fail(SqlErrorTranslator::translate(query.lastError()));
    }
    return {};
}

Result<void> CaseRepository::inTransaction(const std::function<Result<void>()>& work)
{
    if (!m_database.transaction()) {
        return fail(SqlErrorTranslator::translate(m_database.lastError()));
    }
    Result<void> outcome = work();
    if (!outcome) {
        m_database.rollback();
        return outcome;
    }
    if (!m_database.commit()) {
        const Error error = SqlErrorTranslator::translate(m_database.lastError());
        m_database.rollback();
        return fail(error);
    }
    return {};
}

Result<void> CaseRepository::insert(const QString& table, const QVariantMap& values)
{
    QStringList columns;
    QStringList marks;
    QVariantList binds;
    for (auto it = values.cbegin(); it != values.cend(); ++it) {
        columns.append(it.key());
        marks.append(QStringLiteral("?"));
        binds.append(it.value());
    }
    // Column names come from the form specs (fixed in code), never from what a user typed.
    return exec(QStringLiteral("INSERT INTO %1 (%2) VALUES (%3)").arg(table, columns.join(u", "), marks.join(u", ")), binds);
}

Result<RecordTable> CaseRepository::table(const QString& sql, const QStringList& headers, const QVariantList& binds,
                                          bool firstColumnIsId)
{
    QSqlQuery query(m_database);
    query.setForwardOnly(true);
    query.prepare(sql);
    for (const QVariant& value : binds) {
        query.addBindValue(value);
    }
    if (!query.exec()) {
        return fail(SqlErrorTranslator::translate(query.lastError()));
    }
    RecordTable result;
    result.headers = headers;
    const int offset = firstColumnIsId ? 1 : 0;
    while (query.next()) {
        QVariantList row;
        for (int column = 0; column < headers.size(); ++column) {
            row.append(query.value(column + offset));
        }
        result.rows.append(row);
        result.ids.append(firstColumnIsId ? QUuid::fromString(query.value(0).toString()) : QUuid());
    }
    return result;
}

Result<CaseRecord> CaseRepository::load(const QUuid& caseId)
{
    CaseRecord record;
    record.id = caseId;
    const QVariantList id = {caseId.toString(QUuid::WithoutBraces)};
    {
        // Through the audited reader: the view is logged, masked columns come back NULL.
        QSqlQuery query(m_database);
        query.prepare(QStringLiteral("SELECT r.*, o.name AS office_name, d.name AS division_name, u.full_name AS creator_name, "
                                     "       r.created_by = core.session_user_id() AS created_by_me "
                                     "FROM legal.read_case(?) r JOIN core.offices o ON o.id = r.office_id "
                                     "JOIN core.divisions d ON d.id = r.division_id LEFT JOIN core.users u ON u.id = r.created_by"));
        query.addBindValue(id.first());
        if (!query.exec()) {
            return fail(SqlErrorTranslator::translate(query.lastError()));
        }
        if (!query.next()) {
            return fail(Error{ErrorCode::NotFound, QStringLiteral("The case does not exist or you may not see it."), {}});
        }
        const QSqlRecord row = query.record();
        for (int column = 0; column < row.count(); ++column) {
            record.summary.insert(row.fieldName(column), query.value(column));
        }
        record.caseNumber = record.summary.value(QStringLiteral("case_number")).toString();
        record.category = record.summary.value(QStringLiteral("category")).toString();
        record.aNumber = record.summary.value(QStringLiteral("a_number")).toString();
        record.rowVersion = record.summary.value(QStringLiteral("row_version")).toLongLong();
        record.officeId = record.summary.value(QStringLiteral("office_id")).toString();
        record.officeName = record.summary.value(QStringLiteral("office_name")).toString();
        record.divisionName = record.summary.value(QStringLiteral("division_name")).toString();
        record.createdByName = record.summary.value(QStringLiteral("creator_name")).toString();
        record.createdByMe = record.summary.value(QStringLiteral("created_by_me")).toBool();
    }

    const bool staff = m_reach == Reach::LegalStaff;
    const QString details = staff ? QStringLiteral(
        ", (SELECT string_agg(concat_ws(', ', ad.line1, ad.line2, ad.city, nullif(concat_ws(' ', ad.state, ad.zip), '')) "
        "                     || ' (' || ad.kind || ')', '; ' ORDER BY ad.kind) "
        "   FROM core.addresses ad WHERE ad.person_id = p.id AND ad.deleted_at IS NULL), "
        "  (SELECT string_agg(ph.number || ' (' || ph.kind || ')', '; ' ORDER BY ph.kind) FROM core.phones ph WHERE ph.person_id = p.id), "
        "  nullif(concat_ws(' · ', p.title, p.employer, p.business_phone, p.business_email), ''), "
        "  CASE WHEN core.has_likely_duplicate(p.id) THEN 'Likely — review in People' END ")
                                  : QStringLiteral(", NULL, NULL, NULL, NULL ");
    auto people = table(QStringLiteral("SELECT p.id, cp.role, %1, p.a_number, p.date_of_birth, p.nationality, p.language, "
                                       "  (SELECT string_agg(concat_ws(', ', a.family_name, a.given_name), '; ' ORDER BY a.family_name) "
                                       "   FROM core.person_aliases a WHERE a.person_id = p.id AND a.deleted_at IS NULL) %2"
                                       "FROM legal.case_people cp JOIN core.people p ON p.id = cp.person_id "
                                       "WHERE cp.case_id = ? AND p.deleted_at IS NULL "
                                       "ORDER BY cp.role <> 'respondent', cp.role <> 'claimant', cp.role, p.family_name")
                            .arg(kPersonName, details),
                        {QStringLiteral("Role"), QStringLiteral("Name"), QStringLiteral("A-Number"), QStringLiteral("Born"),
                         QStringLiteral("Nationality"), QStringLiteral("Language"), QStringLiteral("Aliases"),
                         QStringLiteral("Addresses"), QStringLiteral("Phones"), QStringLiteral("Business contact"),
                         QStringLiteral("Duplicate?")},
                        id, true);
    if (!people) {
        return fail(people.error());
    }
    record.people = *people;
    for (qsizetype row = 0; row < record.people.size(); ++row) {
        const QString role = record.people.value(row, QStringLiteral("Role")).toString();
        if (role == u"respondent" || role == u"claimant" || (record.partyName.isEmpty() && role == u"litigant")) {
            record.partyName = record.people.value(row, QStringLiteral("Name")).toString();
            break;
        }
    }

    auto hearings = table(text("SELECT h.id, h.scheduled_at, coalesce(v.label, h.hearing_type), h.location, h.courtroom, "
                               "       h.judge_name, h.outcome "
                               "FROM legal.hearings h LEFT JOIN rules.dropdown_values v "
                               "  ON v.list_code = 'hearing_type' AND v.code = h.hearing_type "
                               "WHERE h.case_id = ? AND h.deleted_at IS NULL ORDER BY h.scheduled_at"),
                          {QStringLiteral("When"), QStringLiteral("Type"), QStringLiteral("Location"), QStringLiteral("Courtroom"),
                           QStringLiteral("Judge"), QStringLiteral("Outcome")},
                          id, true);
    if (!hearings) {
        return fail(hearings.error());
    }
    record.hearings = *hearings;
    if (!staff) {
        return record; // external users: status, people's names and hearings only
    }

    struct Part
    {
        RecordTable* into;
        QString sql;
        QStringList headers;
        bool firstColumnIsId;
    };
    const QList<Part> parts = {
        {&record.staff,
         text("SELECT s.user_id, s.role, u.full_name, u.title, "
              "       u.email, u.phone FROM legal.case_staff s JOIN core.users u ON u.id = s.user_id "
              "WHERE s.case_id = ? ORDER BY s.role, u.full_name"),
         {QStringLiteral("Role"), QStringLiteral("Name"), QStringLiteral("Title"), QStringLiteral("E-mail"), QStringLiteral("Phone")},
         true},
        {&record.deadlines,
         text("SELECT d.id, d.due_on, d.kind, d.title, u.full_name, d.completed_at, d.computation "
              "FROM legal.deadlines d LEFT JOIN core.users u ON u.id = d.assigned_to "
              "WHERE d.case_id = ? AND d.deleted_at IS NULL ORDER BY d.completed_at IS NOT NULL, d.due_on"),
         {QStringLiteral("Due"), QStringLiteral("Kind"), QStringLiteral("What"), QStringLiteral("Assigned to"),
          QStringLiteral("Completed"), QStringLiteral("How it was computed")},
         true},
        {&record.notes,
         text("SELECT n.id, n.created_at, coalesce(v.label, n.phase), u.full_name, n.body "
              "FROM legal.notes n LEFT JOIN core.users u ON u.id = n.author_id "
              "LEFT JOIN rules.dropdown_values v ON v.list_code = 'note_phase' AND v.code = n.phase "
              "WHERE n.case_id = ? AND n.deleted_at IS NULL ORDER BY n.created_at DESC"),
         {QStringLiteral("Written"), QStringLiteral("Phase"), QStringLiteral("Author"), QStringLiteral("Note")},
         true},
        {&record.history,
         text("SELECT e.id, e.occurred_at, replace(e.event_type, '_', ' '), e.level, e.summary, u.full_name, e.source "
              "FROM legal.case_events e LEFT JOIN core.users u ON u.id = e.actor_id "
              "WHERE e.case_id = ? ORDER BY e.occurred_at DESC, e.created_at DESC"),
         {QStringLiteral("When"), QStringLiteral("Action"), QStringLiteral("Level"), QStringLiteral("What happened"),
          QStringLiteral("By"), QStringLiteral("Source")},
         true},
        {&record.transfers,
         text("SELECT t.id, t.transferred_at, fo.name, tt.name, u.full_name, t.reason FROM legal.case_transfers t "
              "JOIN core.offices fo ON fo.id = t.from_office_id JOIN core.offices tt ON tt.id = t.to_office_id "
              "LEFT JOIN core.users u ON u.id = t.transferred_by WHERE t.case_id = ? ORDER BY t.transferred_at DESC"),
         {QStringLiteral("When"), QStringLiteral("From"), QStringLiteral("To"), QStringLiteral("By"), QStringLiteral("Reason")},
         true},
        {&record.applications,
         text("SELECT a.id, coalesce(v.label, a.application_type), a.received_on, a.filed_on, a.status, "
              "       CASE WHEN a.work_authorization THEN 'Yes' ELSE 'No' END, a.work_authorization_on "
              "FROM legal.applications a LEFT JOIN rules.dropdown_values v "
              "  ON v.list_code = 'application_type' AND v.code = a.application_type "
              "WHERE a.case_id = ? ORDER BY a.received_on DESC NULLS LAST"),
         {QStringLiteral("Application"), QStringLiteral("Received"), QStringLiteral("Filed"), QStringLiteral("Status"),
          QStringLiteral("Work authorisation"), QStringLiteral("Authorised on")},
         true},
        {&record.visas,
         text("SELECT v.id, v.visa_class, v.applied_on, v.issued_on, v.expires_on, v.issuing_post FROM legal.visas v "
              "WHERE v.case_id = ? ORDER BY v.applied_on DESC NULLS LAST"),
         {QStringLiteral("Class"), QStringLiteral("Applied"), QStringLiteral("Issued"), QStringLiteral("Expires"),
          QStringLiteral("Issuing post")},
         true},
        {&record.disclosures,
         text("SELECT x.id, x.disclosed_at, x.what_disclosed, x.recipient_name, x.recipient_organization, x.recipient_contact, "
              "       x.legal_basis, d.document_number || ' ' || d.title, u.full_name "
              "FROM legal.disclosures x LEFT JOIN docs.documents d ON d.id = x.request_document_id "
              "LEFT JOIN core.users u ON u.id = x.recorded_by WHERE x.case_id = ? ORDER BY x.disclosed_at DESC"),
         {QStringLiteral("When"), QStringLiteral("What"), QStringLiteral("To whom"), QStringLiteral("Organisation"),
          QStringLiteral("Contact"), QStringLiteral("Legal basis"), QStringLiteral("Request"), QStringLiteral("Recorded by")},
         true},
        {&record.linkedProjects,
         text("SELECT p.id, p.project_number, p.title, p.status FROM legal.projects p WHERE p.linked_case_id = ? "
              "ORDER BY p.created_at"),
         {QStringLiteral("Project"), QStringLiteral("Title"), QStringLiteral("Status")},
         true},
        {&record.timeEntries,
         text("SELECT t.id, t.work_date, u.full_name, t.hours, t.note FROM legal.time_entries t "
              "JOIN core.users u ON u.id = t.user_id WHERE t.case_id = ? AND t.deleted_at IS NULL "
              "ORDER BY t.work_date DESC, t.created_at DESC"),
         {QStringLiteral("Date"), QStringLiteral("Who"), QStringLiteral("Hours"), QStringLiteral("What was done")},
         true},
        {&record.documents,
         text("SELECT d.id, d.document_number || ' ' || d.title FROM docs.documents d "
              "WHERE d.case_id = ? AND d.deleted_at IS NULL ORDER BY d.created_at DESC"),
         {QStringLiteral("Document")},
         true},
    };
    for (const Part& part : parts) {
        auto loaded = table(part.sql, part.headers, id, part.firstColumnIsId);
        if (!loaded) {
            return fail(loaded.error());
        }
        *part.into = *loaded;
    }
    if (record.isImmigration()) {
        auto projects = table(kOpenTrackingProjects, {QStringLiteral("Project"), QStringLiteral("Title")}, {}, true);
        if (!projects) {
            return fail(projects.error());
        }
        record.trackingProjects = *projects;
    }
    if (!record.aNumber.isEmpty()) {
        auto afile = table(text("SELECT f.id, f.recorded_on, f.location, f.previous_location, u.full_name, f.source "
                                "FROM legal.afile_locations f LEFT JOIN core.users u ON u.id = f.recorded_by "
                                "WHERE f.a_number = ? ORDER BY f.recorded_on DESC, f.id"),
                           {QStringLiteral("Recorded"), QStringLiteral("Location"), QStringLiteral("Previous location"),
                            QStringLiteral("By"), QStringLiteral("Source")},
                           {record.aNumber}, true);
        if (!afile) {
            return fail(afile.error());
        }
        record.afileLocations = *afile;
    }
    if (!record.isImmigration()) {
        auto grants = table(text("SELECT login, full_name, granted_at, granted_by_name FROM legal.case_grantees(?)"),
                            {QStringLiteral("User name"), QStringLiteral("Name"), QStringLiteral("Granted"), QStringLiteral("Granted by")},
                            id, false);
        if (!grants) {
            return fail(grants.error());
        }
        record.grants = *grants;
    }
    return record;
}

Result<ANumberLookup> CaseRepository::lookUp(const ANumber& aNumber)
{
    ANumberLookup lookup;
    lookup.aNumber = aNumber.digits();
    QSqlQuery query(m_database);
    query.setForwardOnly(true);
    query.prepare(QStringLiteral(
        "SELECT c.id, c.case_number, c.status, coalesce(v.label, c.case_type), coalesce(c.court_name, ''), o.name, "
        "       (SELECT %1 FROM legal.case_people cp JOIN core.people p ON p.id = cp.person_id "
        "        WHERE cp.case_id = c.id AND cp.role = 'respondent' LIMIT 1), c.opened_on "
        "FROM legal.case_records c JOIN core.offices o ON o.id = c.office_id "
        "LEFT JOIN rules.dropdown_values v ON v.list_code = 'case_type' AND v.code = c.case_type "
        "WHERE c.a_number = ? AND c.deleted_at IS NULL ORDER BY c.status = 'closed', c.opened_on DESC")
                      .arg(kPersonName));
    query.addBindValue(aNumber.digits());
    if (!query.exec()) {
        return fail(SqlErrorTranslator::translate(query.lastError()));
    }
    while (query.next()) {
        lookup.cases.append({QUuid::fromString(query.value(0).toString()), query.value(1).toString(), query.value(2).toString(),
                             query.value(3).toString(), query.value(4).toString(), query.value(5).toString(),
                             query.value(6).toString(), query.value(7).toDate()});
    }
    query.prepare(QStringLiteral("SELECT p.id, %1, p.date_of_birth, coalesce(p.nationality, ''), coalesce(p.language, '') "
                                 "FROM core.people p WHERE p.a_number = ? AND p.deleted_at IS NULL ORDER BY p.created_at")
                      .arg(kPersonName));
    query.addBindValue(aNumber.digits());
    if (!query.exec()) {
        return fail(SqlErrorTranslator::translate(query.lastError()));
    }
    while (query.next()) {
        lookup.people.append({QUuid::fromString(query.value(0).toString()), query.value(1).toString(), query.value(2).toDate(),
                              query.value(3).toString(), query.value(4).toString()});
    }
    if (m_reach == Reach::LegalStaff) {
        if (!query.exec(kOpenTrackingProjects)) {
            return fail(SqlErrorTranslator::translate(query.lastError()));
        }
        while (query.next()) {
            lookup.trackingProjects.append({QUuid::fromString(query.value(0).toString()), query.value(1).toString(),
                                            query.value(2).toString()});
        }
    }
    return lookup;
}

Result<QUuid> CaseRepository::insertPerson(const QVariantMap& values)
{
    const QUuid person = QUuid::createUuid();
    QVariantMap row = {{QStringLiteral("id"), person.toString(QUuid::WithoutBraces)}};
    for (const QString& column : {QStringLiteral("family_name"), QStringLiteral("given_name"), QStringLiteral("date_of_birth"),
                                  QStringLiteral("nationality"), QStringLiteral("language"), QStringLiteral("sex"),
                                  QStringLiteral("a_number"), QStringLiteral("title"), QStringLiteral("employer"),
                                  QStringLiteral("business_phone"), QStringLiteral("business_email")}) {
        if (values.contains(column)) {
            row.insert(column, values.value(column));
        }
    }
    if (auto done = insert(QStringLiteral("core.people"), row); !done) {
        return fail(done.error());
    }
    return person;
}

Result<CreatedRecord> CaseRepository::createCase(const QVariantMap& values, const QUuid& existingPerson, const QUuid& projectToLink)
{
    const bool immigration = values.value(QStringLiteral("category")).toString() == u"immigration";
    CreatedRecord created{QUuid::createUuid(), {}};
    const QString caseId = created.id.toString(QUuid::WithoutBraces);
    auto done = inTransaction([&]() -> Result<void> {
        QVariantMap row = {{QStringLiteral("id"), caseId}, {QStringLiteral("category"), values.value(QStringLiteral("category"))}};
        for (const QString& column : {QStringLiteral("case_type"), QStringLiteral("forum"), QStringLiteral("court_name"),
                                      QStringLiteral("a_number"), QStringLiteral("title"), QStringLiteral("opened_on"),
                                      QStringLiteral("division_id"), QStringLiteral("incident_on"),
                                      QStringLiteral("incident_summary"), QStringLiteral("claim_amount")}) {
            if (values.contains(column) && !(column == u"a_number" && !immigration)) {
                row.insert(column, values.value(column));
            }
        }
        // The office is the creator's own; the division, for immigration work, the one the user works in.
        QSqlQuery query(m_database);
        query.prepare(QStringLiteral("SELECT u.office_id, (SELECT ud.division_id FROM core.user_divisions ud "
                                     "  JOIN core.divisions d ON d.id = ud.division_id WHERE ud.user_id = u.id ORDER BY d.code LIMIT 1) "
                                     "FROM core.users u WHERE u.login = session_user"));
        if (!query.exec() || !query.next() || query.value(0).isNull()) {
            return fail(Error{ErrorCode::PermissionDenied,
                              QStringLiteral("Your account has no office, so it cannot open cases. Ask the help desk to set one."), {}});
        }
        row.insert(QStringLiteral("office_id"), query.value(0).toString());
        if (!row.contains(QStringLiteral("division_id")) || FormValidator::isEmpty(row.value(QStringLiteral("division_id")))) {
            if (query.value(1).isNull()) {
                return fail(Error{ErrorCode::PermissionDenied,
                                  QStringLiteral("Your account belongs to no division, so it cannot open cases. Ask the help desk."), {}});
            }
            row.insert(QStringLiteral("division_id"), query.value(1).toString());
        }
        if (auto inserted = insert(QStringLiteral("legal.cases"), row); !inserted) {
            return fail(inserted.error());
        }
        QUuid person = existingPerson;
        if (person.isNull()) {
            auto inserted = insertPerson(personPart(values, immigration));
            if (!inserted) {
                return fail(inserted.error());
            }
            person = *inserted;
        }
        if (auto linked = exec(QStringLiteral("INSERT INTO legal.case_people (case_id, person_id, role) VALUES (?, ?, ?)"),
                               {caseId, person.toString(QUuid::WithoutBraces),
                                immigration ? QStringLiteral("respondent") : QStringLiteral("claimant")});
            !linked) {
            return fail(linked.error());
        }
        // The creator works the case: as its attorney, or as support staff.
        if (auto assigned = exec(QStringLiteral("INSERT INTO legal.case_staff (case_id, user_id, role) "
                                                "SELECT ?, u.id, CASE WHEN pg_has_role(session_user, 'ocms_attorney', 'MEMBER') "
                                                "THEN 'attorney' ELSE 'support' END FROM core.users u WHERE u.login = session_user"),
                                 {caseId});
            !assigned) {
            return fail(assigned.error());
        }
        if (!projectToLink.isNull()) {
            if (auto linked = linkProject(projectToLink, created.id); !linked) {
                return fail(linked.error());
            }
        }
        query.prepare(QStringLiteral("SELECT case_number FROM legal.cases WHERE id = ?"));
        query.addBindValue(caseId);
        if (!query.exec() || !query.next()) {
            return fail(SqlErrorTranslator::translate(query.lastError()));
        }
        created.number = query.value(0).toString();
        return {};
    });
    if (!done) {
        return fail(done.error());
    }
    return created;
}

Result<CreatedRecord> CaseRepository::createTrackingProject(const QVariantMap& values)
{
    CreatedRecord created{QUuid::createUuid(), {}};
    const QString projectId = created.id.toString(QUuid::WithoutBraces);
    auto done = inTransaction([&]() -> Result<void> {
        if (auto inserted = exec(QStringLiteral(
                "INSERT INTO legal.projects (id, project_type, title, description, office_id, division_id, immigration_matter, "
                "                            retention_category) "
                "SELECT ?, 'immigration_tracking', ?, ?, u.office_id, "
                "       (SELECT ud.division_id FROM core.user_divisions ud JOIN core.divisions d ON d.id = ud.division_id "
                "        WHERE ud.user_id = u.id ORDER BY d.code LIMIT 1), true, 'informal_advice' "
                "FROM core.users u WHERE u.login = session_user"),
                                 {projectId, values.value(QStringLiteral("title")), values.value(QStringLiteral("description"))});
            !inserted) {
            return fail(inserted.error());
        }
        auto person = insertPerson(personPart(values, false));
        if (!person) {
            return fail(person.error());
        }
        if (auto linked = exec(QStringLiteral("INSERT INTO legal.project_people (project_id, person_id, role) VALUES (?, ?, 'respondent')"),
                               {projectId, person->toString(QUuid::WithoutBraces)});
            !linked) {
            return fail(linked.error());
        }
        if (auto history = exec(QStringLiteral("INSERT INTO legal.project_history (id, project_id, actor_id, action, detail) "
                                               "VALUES (gen_random_uuid(), ?, core.session_user_id(), 'created', "
                                               "'Immigration matter tracked until an A-Number is assigned')"),
                                {projectId});
            !history) {
            return fail(history.error());
        }
        QSqlQuery query(m_database);
        query.prepare(QStringLiteral("SELECT project_number FROM legal.projects WHERE id = ?"));
        query.addBindValue(projectId);
        if (!query.exec() || !query.next()) {
            return fail(query.lastError().isValid() ? SqlErrorTranslator::translate(query.lastError())
                                                    : Error{ErrorCode::PermissionDenied,
                                                            QStringLiteral("The project was not created: your account belongs to no division."), {}});
        }
        created.number = query.value(0).toString();
        return {};
    });
    if (!done) {
        return fail(done.error());
    }
    return created;
}

Result<void> CaseRepository::linkProject(const QUuid& projectId, const QUuid& caseId)
{
    return exec(QStringLiteral("SELECT legal.link_project_to_case(?, ?)"),
                {projectId.toString(QUuid::WithoutBraces), caseId.toString(QUuid::WithoutBraces)});
}

Result<void> CaseRepository::removeStaff(const QUuid& caseId, const QUuid& userId, const QString& role)
{
    return exec(QStringLiteral("DELETE FROM legal.case_staff WHERE case_id = ? AND user_id = ? AND role = ?"),
                {caseId.toString(QUuid::WithoutBraces), userId.toString(QUuid::WithoutBraces), role});
}

Result<void> CaseRepository::removePerson(const QUuid& caseId, const QUuid& personId, const QString& role)
{
    return exec(QStringLiteral("DELETE FROM legal.case_people WHERE case_id = ? AND person_id = ? AND role = ?"),
                {caseId.toString(QUuid::WithoutBraces), personId.toString(QUuid::WithoutBraces), role});
}

Result<qint64> CaseRepository::saveSummary(const QUuid& caseId, qint64 rowVersion, const QVariantMap& changes)
{
    const QStringList editable = CaseForms::editableCaseColumns();
    QStringList assignments;
    QVariantList binds;
    for (auto it = changes.cbegin(); it != changes.cend(); ++it) {
        if (!editable.contains(it.key())) {
            return fail(Error{ErrorCode::Internal, QStringLiteral("The form tried to change a field it may not."), it.key()});
        }
        assignments.append(it.key() + QStringLiteral(" = ?"));
        binds.append(it.value());
    }
    if (assignments.isEmpty()) {
        return rowVersion;
    }
    QSqlQuery query(m_database);
    query.prepare(QStringLiteral("UPDATE legal.cases SET %1, last_action_at = now() WHERE id = ? AND row_version = ? "
                                 "RETURNING row_version")
                      .arg(assignments.join(u", ")));
    for (const QVariant& value : binds) {
        query.addBindValue(value);
    }
    query.addBindValue(caseId.toString(QUuid::WithoutBraces));
    query.addBindValue(rowVersion);
    if (!query.exec()) {
        return fail(SqlErrorTranslator::translate(query.lastError()));
    }
    if (query.next()) {
        return query.value(0).toLongLong();
    }
    QSqlQuery version(m_database);
    version.prepare(QStringLiteral("SELECT row_version, updated_at, updated_by_name FROM legal.case_version(?)"));
    version.addBindValue(caseId.toString(QUuid::WithoutBraces));
    if (!version.exec()) {
        return fail(SqlErrorTranslator::translate(version.lastError()));
    }
    return fail(conflictFrom(version));
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
    return exec(QStringLiteral("INSERT INTO legal.notes (id, case_id, phase, body, author_id) VALUES (?, ?, ?, ?, core.session_user_id())"),
                {row.value(QStringLiteral("id")), row.value(QStringLiteral("case_id")), row.value(QStringLiteral("phase")),
                 row.value(QStringLiteral("body"))});
}

Result<void> CaseRepository::addHearing(const QUuid& caseId, const QVariantMap& values)
{
    return insert(QStringLiteral("legal.hearings"),
                  withKeys(values, columnsOf(CaseForms::hearing()), newRow(QStringLiteral("case_id"), caseId)));
}

Result<void> CaseRepository::addDeadline(const QUuid& caseId, const QVariantMap& values)
{
    return insert(QStringLiteral("legal.deadlines"),
                  withKeys(values, columnsOf(CaseForms::deadline()), newRow(QStringLiteral("case_id"), caseId)));
}

Result<RecordTable> CaseRepository::previewDeadlines(const QUuid& caseId, const QVariantMap& event)
{
    return table(QStringLiteral("SELECT rule_id, due_on, title, code, computation FROM rules.preview_deadlines(?, ?, ?, ?) "
                                "ORDER BY due_on, title"),
                 {QStringLiteral("Due"), QStringLiteral("What"), QStringLiteral("Rule"), QStringLiteral("How it was computed")},
                 {key(caseId), event.value(QStringLiteral("event")), event.value(QStringLiteral("event_on")),
                  event.value(QStringLiteral("service_method"))},
                 true);
}

Result<RecordTable> CaseRepository::applyDeadlineRules(const QUuid& caseId, const QVariantMap& event)
{
    return table(QStringLiteral("SELECT d.id, d.due_on, d.title, r.code, d.computation "
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
    return inTransaction([&]() -> Result<void> {
        auto person = insertPerson(values);
        if (!person) {
            return fail(person.error());
        }
        return exec(QStringLiteral("INSERT INTO legal.case_people (case_id, person_id, role) VALUES (?, ?, ?)"),
                    {key(caseId), key(*person), values.value(QStringLiteral("role"))});
    });
}

Result<void> CaseRepository::addAlias(const QUuid& personId, const QVariantMap& values)
{
    return insert(QStringLiteral("core.person_aliases"),
                  withKeys(values, columnsOf(CaseForms::alias()), newRow(QStringLiteral("person_id"), personId)));
}

Result<void> CaseRepository::addAddress(const QUuid& personId, const QVariantMap& values)
{
    return insert(QStringLiteral("core.addresses"),
                  withKeys(values, columnsOf(CaseForms::address()), newRow(QStringLiteral("person_id"), personId)));
}

Result<void> CaseRepository::addPhone(const QUuid& personId, const QVariantMap& values)
{
    return insert(QStringLiteral("core.phones"),
                  withKeys(values, columnsOf(CaseForms::phone()), newRow(QStringLiteral("person_id"), personId)));
}

Result<void> CaseRepository::addApplication(const QUuid& caseId, const QVariantMap& values)
{
    return insert(QStringLiteral("legal.applications"),
                  withKeys(values, columnsOf(CaseForms::application()), newRow(QStringLiteral("case_id"), caseId)));
}

Result<void> CaseRepository::addVisa(const QUuid& caseId, const QVariantMap& values)
{
    return insert(QStringLiteral("legal.visas"), withKeys(values, columnsOf(CaseForms::visa()), newRow(QStringLiteral("case_id"), caseId)));
}

Result<void> CaseRepository::addDisclosure(const QUuid& caseId, const QVariantMap& values)
{
    return exec(QStringLiteral("INSERT INTO legal.disclosures (id, case_id, what_disclosed, recipient_name, recipient_organization, "
                               "  recipient_contact, disclosed_at, legal_basis, request_document_id, recorded_by) "
                               "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?::uuid, core.session_user_id())"),
                {key(QUuid::createUuid()), key(caseId), orNull(values, QStringLiteral("what_disclosed")),
                 orNull(values, QStringLiteral("recipient_name")), orNull(values, QStringLiteral("recipient_organization")),
                 orNull(values, QStringLiteral("recipient_contact")), orNull(values, QStringLiteral("disclosed_at")),
                 orNull(values, QStringLiteral("legal_basis")), orNull(values, QStringLiteral("request_document_id"))});
}

Result<void> CaseRepository::recordAFileLocation(const QString& aNumber, const QVariantMap& values)
{
    return exec(QStringLiteral("INSERT INTO legal.afile_locations (id, a_number, location, previous_location, recorded_by) "
                               "SELECT ?, ?, ?, (SELECT f.location FROM legal.afile_locations f WHERE f.a_number = ? "
                               "                 ORDER BY f.recorded_on DESC, f.id DESC LIMIT 1), core.session_user_id()"),
                {key(QUuid::createUuid()), aNumber, values.value(QStringLiteral("location")), aNumber});
}

Result<void> CaseRepository::logTime(const QUuid& caseId, const QVariantMap& values)
{
    return exec(QStringLiteral("INSERT INTO legal.time_entries (id, user_id, case_id, work_date, hours, note) "
                               "VALUES (?, core.session_user_id(), ?, ?, ?::numeric, ?)"),
                {key(QUuid::createUuid()), key(caseId), values.value(QStringLiteral("work_date")),
                 values.value(QStringLiteral("hours")), values.value(QStringLiteral("note"))});
}

Result<void> CaseRepository::addStaff(const QUuid& caseId, const QVariantMap& values)
{
    return exec(QStringLiteral("INSERT INTO legal.case_staff (case_id, user_id, role) VALUES (?, ?::uuid, ?) ON CONFLICT DO NOTHING"),
                {key(caseId), values.value(QStringLiteral("user_id")), values.value(QStringLiteral("role"))});
}

Result<void> CaseRepository::grantAccess(const QUuid& caseId, const QString& login)
{
    return exec(QStringLiteral("SELECT legal.grant_case_access(?, ?)"), {key(caseId), login.trimmed()});
}

Result<void> CaseRepository::revokeAccess(const QUuid& caseId, const QString& login)
{
    return exec(QStringLiteral("SELECT legal.revoke_case_access(?, ?)"), {key(caseId), login.trimmed()});
}

} // namespace ocms
