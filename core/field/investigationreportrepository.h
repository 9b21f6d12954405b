#pragma once

#include "db/sqlsession.h"
#include "investigationreport.h"
#include "models/recordtable.h"
#include "result.h"

#include <QSqlDatabase>

namespace ocms {

// Reports of investigation of a fugitive: the newest one on a lead (or a new draft with the lead's
// activities pulled from field.activities), saving a draft, submitting it, and a correction of a submitted
// one (a new report that refers to it; the server never lets a submitted report change).
// Blocking: use on a worker thread (InvestigationReportService).
class InvestigationReportRepository
{
public:
    explicit InvestigationReportRepository(QSqlDatabase& database) : m_database(database), m_sql(database) {}

    // The newest report covering the lead (of the fugitive when leadId is null) that no later report
    // corrects; else a new draft for the fugitive and the lead. Activities and leads filled in.
    Result<InvestigationReport> current(const QUuid& fugitiveId, const QUuid& leadId);
    Result<InvestigationReport> report(const QUuid& reportId);
    // A new draft for the fugitive and the leads (none: the fugitive's own activities).
    Result<InvestigationReport> newDraft(const QUuid& fugitiveId, const QList<QUuid>& leadIds);
    // A new draft correcting a submitted report, filled in from it.
    Result<InvestigationReport> correctionOf(const QUuid& reportId);
    // Number, Date, Outcome, Status, Author, Corrects: the fugitive's reports, newest first.
    Result<RecordTable> reportsOf(const QUuid& fugitiveId);
    // Stores a draft (new or changed), submitting it when asked; returns its id.
    Result<QUuid> save(const InvestigationReport& report, bool submit);

    static QString problem(const InvestigationReport& report);

private:
    Result<void> fill(InvestigationReport& report);

    QSqlDatabase& m_database;
    SqlSession m_sql;
};

} // namespace ocms
