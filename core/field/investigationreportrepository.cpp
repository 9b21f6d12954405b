#include "investigationreportrepository.h"

#include "db/sqlerrortranslator.h"

namespace ocms {

namespace {

QString key(const QUuid& id)
{
    return id.toString(QUuid::WithoutBraces);
}

QString uuidArray(const QList<QUuid>& ids)
{
    QStringList keys;
    for (const QUuid& id : ids) {
        keys.append(key(id));
    }
    return u'{' + keys.join(u',') + u'}';
}

QVariant textOrNull(const QString& text)
{
    return text.trimmed().isEmpty() ? QVariant() : QVariant(text.trimmed());
}

QUuid uuidOf(const QVariant& value)
{
    return value.isNull() ? QUuid() : QUuid::fromString(value.toString());
}

} // namespace

QString InvestigationReportRepository::problem(const InvestigationReport& report)
{
    if (report.fugitiveId.isNull()) {
        return QStringLiteral("A report of investigation is about a fugitive; none is chosen.");
    }
    if (report.summary.trimmed().isEmpty()) {
        return QStringLiteral("Write the summary of activity.");
    }
    if (report.outcome.isEmpty()) {
        return QStringLiteral("Choose the outcome of the investigation.");
    }
    if (!report.reportDate.isValid() || report.reportDate > QDate::currentDate()) {
        return QStringLiteral("Give the report date (not in the future).");
    }
    return {};
}

Result<void> InvestigationReportRepository::fill(InvestigationReport& report)
{
    auto fugitive = m_sql.firstRow(
        QStringLiteral("SELECT f.fugitive_number, concat_ws(', ', p.family_name, p.given_name) AS name, p.a_number, f.status "
                       "FROM field.fugitives f JOIN core.people p ON p.id = f.person_id WHERE f.id = ? AND f.deleted_at IS NULL"),
        {key(report.fugitiveId)});
    if (!fugitive) {
        return fail(fugitive.error());
    }
    if (fugitive->isEmpty()) {
        return fail(Error{ErrorCode::NotFound, QStringLiteral("The fugitive record does not exist or you may not see it."), {}});
    }
    report.fugitiveNumber = fugitive->value(QStringLiteral("fugitive_number")).toString();
    report.fugitiveName = fugitive->value(QStringLiteral("name")).toString();
    report.aNumber = fugitive->value(QStringLiteral("a_number")).toString();
    report.fugitiveStatus = fugitive->value(QStringLiteral("status")).toString();

    auto leads = m_sql.rows(
        QStringLiteral("SELECT l.id, l.lead_number, concat_ws(' — ', s.name, l.source_detail) AS source, l.status, "
                       "  concat_ws(', ', l.address_line1, l.address_city, concat_ws(' ', l.address_state, l.address_zip)) AS address "
                       "FROM field.leads l JOIN field.lead_sources s ON s.id = l.source_id "
                       "WHERE l.id = ANY (?::uuid[]) AND l.fugitive_id = ? ORDER BY l.lead_number"),
        {uuidArray(report.leadIds), key(report.fugitiveId)});
    if (!leads) {
        return fail(leads.error());
    }
    report.leads.clear();
    for (const QVariantMap& row : *leads) {
        report.leads.append({uuidOf(row.value(QStringLiteral("id"))), row.value(QStringLiteral("lead_number")).toString(),
                             row.value(QStringLiteral("source")).toString(), row.value(QStringLiteral("address")).toString(),
                             row.value(QStringLiteral("status")).toString()});
    }
    if (report.leads.size() != report.leadIds.size()) {
        return fail(Error::validation(QStringLiteral("A lead of the report is not one of this fugitive's, or you may not see it.")));
    }
    // The activities on the report's leads; with no lead, everything recorded on the fugitive.
    auto activities = m_sql.rows(
        QStringLiteral("SELECT a.occurred_at, a.activity_type, concat_ws(', ', a.officer_name, a.officer_title) AS officer, "
                       "  a.location, o.name AS operation, l.lead_number, a.notes, a.corrects_activity_id IS NOT NULL AS correction "
                       "FROM field.activities a LEFT JOIN field.leads l ON l.id = a.lead_id "
                       "LEFT JOIN field.operations o ON o.id = a.operation_id "
                       "WHERE a.fugitive_id = ? AND a.deleted_at IS NULL "
                       "  AND (cardinality(?::uuid[]) = 0 OR a.lead_id = ANY (?::uuid[])) "
                       "ORDER BY a.occurred_at, a.created_at"),
        {key(report.fugitiveId), uuidArray(report.leadIds), uuidArray(report.leadIds)});
    if (!activities) {
        return fail(activities.error());
    }
    report.activities.clear();
    for (const QVariantMap& row : *activities) {
        report.activities.append({row.value(QStringLiteral("occurred_at")).toDateTime(), row.value(QStringLiteral("activity_type")).toString(),
                                  row.value(QStringLiteral("officer")).toString(), row.value(QStringLiteral("location")).toString(),
                                  row.value(QStringLiteral("operation")).toString(), row.value(QStringLiteral("lead_number")).toString(),
                                  row.value(QStringLiteral("notes")).toString(), row.value(QStringLiteral("correction")).toBool()});
    }
    return {};
}

Result<InvestigationReport> InvestigationReportRepository::newDraft(const QUuid& fugitiveId, const QList<QUuid>& leadIds)
{
    InvestigationReport report;
    report.fugitiveId = fugitiveId;
    report.leadIds = leadIds;
    report.reportDate = QDate::currentDate();
    auto me = m_sql.firstRow(QStringLiteral("SELECT u.full_name, u.title, f.name AS office FROM core.users u "
                                            "LEFT JOIN core.offices f ON f.id = u.office_id WHERE u.login = session_user"),
                             {});
    if (!me) {
        return fail(me.error());
    }
    report.authorName = me->value(QStringLiteral("full_name")).toString();
    report.authorTitle = me->value(QStringLiteral("title")).toString();
    report.authorOffice = me->value(QStringLiteral("office")).toString();
    if (auto filled = fill(report); !filled) {
        return fail(filled.error());
    }
    return report;
}

Result<InvestigationReport> InvestigationReportRepository::report(const QUuid& reportId)
{
    auto row = m_sql.firstRow(
        QStringLiteral("SELECT r.report_number, r.fugitive_id, r.summary, r.outcome, r.outcome_detail, r.report_date, "
                       "  r.author_name, r.author_title, f.name AS office, r.status, r.submitted_at, r.corrects_report_id, "
                       "  c.report_number AS corrects_number, "
                       "  (SELECT string_agg(n.report_number, ', ' ORDER BY n.created_at) FROM field.investigation_reports n "
                       "   WHERE n.corrects_report_id = r.id) AS corrected_by, "
                       "  ARRAY(SELECT rl.lead_id::text FROM field.investigation_report_leads rl WHERE rl.report_id = r.id) AS leads "
                       "FROM field.investigation_reports r LEFT JOIN core.offices f ON f.id = r.author_office_id "
                       "LEFT JOIN field.investigation_reports c ON c.id = r.corrects_report_id WHERE r.id = ?"),
        {key(reportId)});
    if (!row) {
        return fail(row.error());
    }
    if (row->isEmpty()) {
        return fail(Error{ErrorCode::NotFound, QStringLiteral("The report of investigation does not exist or you may not see it."), {}});
    }
    InvestigationReport report;
    report.id = reportId;
    report.number = row->value(QStringLiteral("report_number")).toString();
    report.fugitiveId = uuidOf(row->value(QStringLiteral("fugitive_id")));
    report.summary = row->value(QStringLiteral("summary")).toString();
    report.outcome = row->value(QStringLiteral("outcome")).toString();
    report.outcomeDetail = row->value(QStringLiteral("outcome_detail")).toString();
    report.reportDate = row->value(QStringLiteral("report_date")).toDate();
    report.authorName = row->value(QStringLiteral("author_name")).toString();
    report.authorTitle = row->value(QStringLiteral("author_title")).toString();
    report.authorOffice = row->value(QStringLiteral("office")).toString();
    report.status = row->value(QStringLiteral("status")).toString();
    report.submittedAt = row->value(QStringLiteral("submitted_at")).toDateTime();
    report.correctsReportId = uuidOf(row->value(QStringLiteral("corrects_report_id")));
    report.correctsNumber = row->value(QStringLiteral("corrects_number")).toString();
    report.correctedByNumber = row->value(QStringLiteral("corrected_by")).toString();
    // A Postgres text[] arrives as "{a,b}".
    QString leads = row->value(QStringLiteral("leads")).toString();
    leads.remove(u'{').remove(u'}');
    for (const QString& lead : leads.split(u',', Qt::SkipEmptyParts)) {
        report.leadIds.append(QUuid::fromString(lead));
    }
    if (auto filled = fill(report); !filled) {
        return fail(filled.error());
    }
    return report;
}

Result<InvestigationReport> InvestigationReportRepository::current(const QUuid& fugitiveId, const QUuid& leadId)
{
    auto newest = m_sql.firstRow(
        QStringLiteral("SELECT r.id FROM field.investigation_reports r WHERE r.fugitive_id = ? "
                       "  AND (?::uuid IS NULL OR EXISTS (SELECT 1 FROM field.investigation_report_leads rl "
                       "                                  WHERE rl.report_id = r.id AND rl.lead_id = ?::uuid)) "
                       "  AND NOT EXISTS (SELECT 1 FROM field.investigation_reports n WHERE n.corrects_report_id = r.id) "
                       "ORDER BY r.created_at DESC LIMIT 1"),
        {key(fugitiveId), leadId.isNull() ? QVariant() : QVariant(key(leadId)), leadId.isNull() ? QVariant() : QVariant(key(leadId))});
    if (!newest) {
        return fail(newest.error());
    }
    if (!newest->isEmpty()) {
        return report(uuidOf(newest->value(QStringLiteral("id"))));
    }
    return newDraft(fugitiveId, leadId.isNull() ? QList<QUuid>() : QList<QUuid>{leadId});
}

Result<InvestigationReport> InvestigationReportRepository::correctionOf(const QUuid& reportId)
{
    auto original = report(reportId);
    if (!original) {
        return fail(original.error());
    }
    if (!original->isSubmitted()) {
        return fail(Error::validation(QStringLiteral("A draft is changed as it is; only a submitted report is corrected.")));
    }
    auto draft = newDraft(original->fugitiveId, original->leadIds);
    if (!draft) {
        return fail(draft.error());
    }
    draft->summary = original->summary;
    draft->outcome = original->outcome;
    draft->outcomeDetail = original->outcomeDetail;
    draft->correctsReportId = original->id;
    draft->correctsNumber = original->number;
    return draft;
}

Result<RecordTable> InvestigationReportRepository::reportsOf(const QUuid& fugitiveId)
{
    return m_sql.table(
        QStringLiteral("SELECT r.id, r.report_number, r.report_date, r.outcome, r.status, r.author_name, c.report_number "
                       "FROM field.investigation_reports r LEFT JOIN field.investigation_reports c ON c.id = r.corrects_report_id "
                       "WHERE r.fugitive_id = ? ORDER BY r.created_at DESC"),
        {QStringLiteral("Number"), QStringLiteral("Date"), QStringLiteral("Outcome"), QStringLiteral("Status"),
         QStringLiteral("Author"), QStringLiteral("Corrects")},
        {key(fugitiveId)}, true);
}

Result<QUuid> InvestigationReportRepository::save(const InvestigationReport& report, bool submit)
{
    if (const QString message = problem(report); !message.isEmpty()) {
        return fail(Error::validation(message));
    }
    const QUuid id = report.id.isNull() ? QUuid::createUuid() : report.id;
    const QString status = submit ? QStringLiteral("submitted") : QStringLiteral("draft");
    auto done = m_sql.inTransaction([&]() -> Result<void> {
        if (report.id.isNull()) {
            // The server fills in the author from the signed-in user; author_name is only its placeholder.
            if (auto r = m_sql.exec(QStringLiteral("INSERT INTO field.investigation_reports (id, fugitive_id, summary, outcome, "
                                                   "outcome_detail, report_date, author_name, corrects_report_id) "
                                                   "VALUES (?, ?, ?, ?, ?, ?, session_user, ?)"),
                                    {key(id), key(report.fugitiveId), report.summary.trimmed(), report.outcome,
                                     textOrNull(report.outcomeDetail), report.reportDate,
                                     report.correctsReportId.isNull() ? QVariant() : QVariant(key(report.correctsReportId))});
                !r) {
                return r;
            }
        } else if (auto r = m_sql.exec(QStringLiteral("UPDATE field.investigation_reports SET summary = ?, outcome = ?, "
                                                      "outcome_detail = ?, report_date = ? WHERE id = ?"),
                                       {report.summary.trimmed(), report.outcome, textOrNull(report.outcomeDetail),
                                        report.reportDate, key(id)});
                   !r) {
            return r;
        }
        const QString leads = uuidArray(report.leadIds);
        if (auto r = m_sql.exec(QStringLiteral("DELETE FROM field.investigation_report_leads WHERE report_id = ? "
                                               "AND NOT lead_id = ANY (?::uuid[])"),
                                {key(id), leads});
            !r) {
            return r;
        }
        if (auto r = m_sql.exec(QStringLiteral("INSERT INTO field.investigation_report_leads (report_id, lead_id) "
                                               "SELECT ?, unnest(?::uuid[]) ON CONFLICT DO NOTHING"),
                                {key(id), leads});
            !r) {
            return r;
        }
        if (submit) {
            return m_sql.exec(QStringLiteral("UPDATE field.investigation_reports SET status = ? WHERE id = ?"), {status, key(id)});
        }
        return {};
    });
    if (!done) {
        return fail(done.error());
    }
    return id;
}

} // namespace ocms
