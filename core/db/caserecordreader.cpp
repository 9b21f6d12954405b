#include "caserecordreader.h"

#include "casesql.h"
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

} // namespace

Result<CaseRecord> CaseRecordReader::read(const QUuid& caseId)
{
    return m_sql.readInSnapshot<CaseRecord>([&] { return readStatements(caseId); });
}

Result<CaseRecord> CaseRecordReader::readStatements(const QUuid& caseId)
{
    CaseRecord record;
    record.id = caseId;
    const QVariantList id = {caseId.toString(QUuid::WithoutBraces)};
    {
        // Through the audited reader: the view is logged, masked columns come back NULL.
        auto summary = m_sql.firstRow(QStringLiteral("SELECT r.*, o.name AS office_name, d.name AS division_name, u.full_name AS creator_name, "
                                                     "       r.created_by = core.session_user_id() AS created_by_me "
                                                     "FROM legal.read_case(?) r JOIN core.offices o ON o.id = r.office_id "
                                                     "JOIN core.divisions d ON d.id = r.division_id LEFT JOIN core.users u ON u.id = r.created_by"),
                                      id);
        if (!summary) {
            return fail(summary.error());
        }
        if (summary->isEmpty()) {
            return fail(Error{ErrorCode::NotFound, QStringLiteral("The case does not exist or you may not see it."), {}});
        }
        record.summary = *summary;
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

    const bool staff = m_reach == CaseReach::LegalStaff;
    const QString details = staff ? QStringLiteral(
        ", (SELECT string_agg(concat_ws(', ', ad.line1, ad.line2, ad.city, nullif(concat_ws(' ', ad.state, ad.zip), '')) "
        "                     || ' (' || ad.kind || ')', '; ' ORDER BY ad.kind) "
        "   FROM core.addresses ad WHERE ad.person_id = p.id AND ad.deleted_at IS NULL), "
        "  (SELECT string_agg(ph.number || ' (' || ph.kind || ')', '; ' ORDER BY ph.kind) FROM core.phones ph WHERE ph.person_id = p.id), "
        "  nullif(concat_ws(' · ', p.title, p.employer, p.business_phone, p.business_email), ''), "
        "  CASE WHEN core.has_likely_duplicate(p.id) THEN 'Likely — review in People' END ")
                                  : QStringLiteral(", NULL, NULL, NULL, NULL ");
    auto people = m_sql.table(QStringLiteral("SELECT p.id, cp.role, %1, p.a_number, p.date_of_birth, p.nationality, p.language, "
                                       "  (SELECT string_agg(concat_ws(', ', a.family_name, a.given_name), '; ' ORDER BY a.family_name) "
                                       "   FROM core.person_aliases a WHERE a.person_id = p.id AND a.deleted_at IS NULL) %2"
                                       "FROM legal.case_people cp JOIN core.people p ON p.id = cp.person_id "
                                       "WHERE cp.case_id = ? AND p.deleted_at IS NULL "
                                       "ORDER BY cp.role <> 'respondent', cp.role <> 'claimant', cp.role, p.family_name")
                            .arg(CaseSql::personName(), details),
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

    auto hearings = m_sql.table(text("SELECT h.id, h.scheduled_at, coalesce(v.label, h.hearing_type), h.location, h.courtroom, "
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
         text("WITH k AS (SELECT ?::uuid AS id) SELECT p.id, p.project_number, p.title, p.status FROM legal.projects p, k "
              "WHERE p.linked_case_id = k.id OR EXISTS (SELECT 1 FROM legal.project_cases pc WHERE pc.project_id = p.id "
              "AND pc.case_id = k.id) ORDER BY p.created_at"),
         {QStringLiteral("Project"), QStringLiteral("Title"), QStringLiteral("Status")},
         true},
        {&record.timeEntries,
         text("SELECT t.id, t.work_date, u.full_name, t.hours, t.note FROM legal.time_entries t "
              "JOIN core.users u ON u.id = t.user_id WHERE t.case_id = ? AND t.deleted_at IS NULL "
              "ORDER BY t.work_date DESC, t.created_at DESC"),
         {QStringLiteral("Date"), QStringLiteral("Who"), QStringLiteral("Hours"), QStringLiteral("What was done")},
         true},
        {&record.documents,
         text("SELECT d.id, d.document_number, d.title, d.document_type, v.version_no, "
              "CASE WHEN d.checked_out_by IS NULL THEN '' ELSE legal.user_name(d.checked_out_by) END, d.updated_at "
              "FROM docs.documents d LEFT JOIN docs.versions v ON v.document_id = d.id AND v.is_current "
              "WHERE d.case_id = ? AND d.deleted_at IS NULL ORDER BY d.updated_at DESC"),
         {QStringLiteral("Document"), QStringLiteral("Title"), QStringLiteral("Type"), QStringLiteral("Version"),
          QStringLiteral("Checked out by"), QStringLiteral("Updated")},
         true},
    };
    for (const Part& part : parts) {
        auto loaded = m_sql.table(part.sql, part.headers, id, part.firstColumnIsId);
        if (!loaded) {
            return fail(loaded.error());
        }
        *part.into = *loaded;
    }
    if (record.isImmigration()) {
        auto projects = m_sql.table(CaseSql::openTrackingProjects(), {QStringLiteral("Project"), QStringLiteral("Title")}, {}, true);
        if (!projects) {
            return fail(projects.error());
        }
        record.trackingProjects = *projects;
    }
    if (!record.aNumber.isEmpty()) {
        auto afile = m_sql.table(text("SELECT f.id, f.recorded_on, f.location, f.previous_location, u.full_name, f.source "
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
        auto grants = m_sql.table(text("SELECT login, full_name, granted_at, granted_by_name FROM legal.case_grantees(?)"),
                            {QStringLiteral("User name"), QStringLiteral("Name"), QStringLiteral("Granted"), QStringLiteral("Granted by")},
                            id, false);
        if (!grants) {
            return fail(grants.error());
        }
        record.grants = *grants;
    }
    return record;
}


} // namespace ocms
