#include "caseintake.h"

#include "casesql.h"
#include "domain/formvalidator.h"
#include "sqlerrortranslator.h"

#include <QSqlError>
#include <QSqlQuery>

namespace ocms {

namespace {

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

} // namespace

Result<ANumberLookup> CaseIntake::lookUp(const ANumber& aNumber)
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
                      .arg(CaseSql::personName()));
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
                      .arg(CaseSql::personName()));
    query.addBindValue(aNumber.digits());
    if (!query.exec()) {
        return fail(SqlErrorTranslator::translate(query.lastError()));
    }
    while (query.next()) {
        lookup.people.append({QUuid::fromString(query.value(0).toString()), query.value(1).toString(), query.value(2).toDate(),
                              query.value(3).toString(), query.value(4).toString()});
    }
    if (m_reach == CaseReach::LegalStaff) {
        if (!query.exec(CaseSql::openTrackingProjects())) {
            return fail(SqlErrorTranslator::translate(query.lastError()));
        }
        while (query.next()) {
            lookup.trackingProjects.append({QUuid::fromString(query.value(0).toString()), query.value(1).toString(),
                                            query.value(2).toString()});
        }
    }
    return lookup;
}

Result<QUuid> CaseIntake::insertPerson(const QVariantMap& values)
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
    if (auto done = m_sql.insert(QStringLiteral("core.people"), row); !done) {
        return fail(done.error());
    }
    return person;
}

Result<CreatedRecord> CaseIntake::createCase(const QVariantMap& values, const QUuid& existingPerson, const QUuid& projectToLink)
{
    const bool immigration = values.value(QStringLiteral("category")).toString() == u"immigration";
    CreatedRecord created{QUuid::createUuid(), {}};
    const QString caseId = created.id.toString(QUuid::WithoutBraces);
    auto done = m_sql.inTransaction([&]() -> Result<void> {
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
        if (auto inserted = m_sql.insert(QStringLiteral("legal.cases"), row); !inserted) {
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
        if (auto linked = m_sql.exec(QStringLiteral("INSERT INTO legal.case_people (case_id, person_id, role) VALUES (?, ?, ?)"),
                               {caseId, person.toString(QUuid::WithoutBraces),
                                immigration ? QStringLiteral("respondent") : QStringLiteral("claimant")});
            !linked) {
            return fail(linked.error());
        }
        // The creator works the case: as its attorney, or as support staff.
        if (auto assigned = m_sql.exec(QStringLiteral("INSERT INTO legal.case_staff (case_id, user_id, role) "
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

Result<CreatedRecord> CaseIntake::createTrackingProject(const QVariantMap& values)
{
    CreatedRecord created{QUuid::createUuid(), {}};
    const QString projectId = created.id.toString(QUuid::WithoutBraces);
    auto done = m_sql.inTransaction([&]() -> Result<void> {
        if (auto inserted = m_sql.exec(QStringLiteral(
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
        if (auto linked = m_sql.exec(QStringLiteral("INSERT INTO legal.project_people (project_id, person_id, role) VALUES (?, ?, 'respondent')"),
                               {projectId, person->toString(QUuid::WithoutBraces)});
            !linked) {
            return fail(linked.error());
        }
        // The server writes the project's history (its 'created' entry says it tracks an immigration matter).
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

Result<void> CaseIntake::linkProject(const QUuid& projectId, const QUuid& caseId)
{
    return m_sql.exec(QStringLiteral("SELECT legal.link_project_to_case(?, ?)"),
                {projectId.toString(QUuid::WithoutBraces), caseId.toString(QUuid::WithoutBraces)});
}


} // namespace ocms
