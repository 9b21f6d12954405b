#pragma once

#include "db/sqlsession.h"
#include "leadboard.h"
#include "leadboardfilter.h"
#include "leaddetail.h"
#include "models/caserecord.h"
#include "result.h"

#include <QSqlDatabase>

namespace ocms {

// Reads and writes leads as the signed-in officer: the server routes new leads by ZIP jurisdiction, keeps
// the assignment history, refuses read-only officers and hand assignment by anyone but headquarters,
// and keeps activities append-only. Blocking: use it on a worker thread (LeadService).
class LeadRepository
{
public:
    explicit LeadRepository(QSqlDatabase& database) : m_database(database), m_sql(database) {}

    Result<LeadBoard> board(const LeadBoardFilter& filter);
    Result<LeadDetail> load(const QUuid& leadId);
    // Values: FieldForms::newLead() keys. Routed by the server unless headquarters names a team ("team_id").
    Result<CreatedRecord> create(const QVariantMap& values);
    // Values: FieldForms::activity() keys; the officer is the signed-in user. correctsActivityId: the earlier
    // activity this one corrects (null: a new activity).
    Result<void> addActivity(const QUuid& leadId, const QVariantMap& values, const QUuid& correctsActivityId = {});
    // Values: FieldForms::arrest() keys. Sets the fugitive in custody and closes the lead (field.record_arrest).
    Result<void> recordArrest(const QUuid& leadId, const QVariantMap& values);
    // Values: FieldForms::leadStatus() keys, saved only if the lead is still at rowVersion.
    Result<qint64> setStatus(const QUuid& leadId, qint64 rowVersion, const QVariantMap& values);
    // Values: FieldForms::pointOfContact() keys, saved only if the lead is still at rowVersion; the server
    // accepts active field officers only.
    Result<qint64> setPointOfContact(const QUuid& leadId, qint64 rowVersion, const QVariantMap& values);
    // Headquarters only (the server checks): to a team, or back to the headquarters queue (null team).
    Result<void> reassign(const QUuid& leadId, const QUuid& teamId, const QString& reason);

    // The signed-in user's teams (id, code, name), for the board's scope.
    Result<RecordTable> myTeams();
    // Every active team (id, code, name).
    Result<RecordTable> teams();

private:
    // load()'s statements, run inside one snapshot.
    Result<LeadDetail> readRecord(const QUuid& leadId);

    QSqlDatabase& m_database;
    SqlSession m_sql;
};

} // namespace ocms
