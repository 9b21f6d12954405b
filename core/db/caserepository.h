#pragma once

#include "casereach.h"
#include "domain/anumber.h"
#include "sqlsession.h"
#include "models/caserecord.h"
#include "result.h"

#include <QSqlDatabase>
#include <QVariantMap>

#include <functional>

namespace ocms {

// Reads and writes a case record as the signed-in user: every statement runs under their row security and
// field policy, and the server's triggers keep the case history. Blocking: use it on a worker thread
// (CaseService) with that thread's connection.
class CaseRepository
{
public:
    using Reach = CaseReach;

    CaseRepository(QSqlDatabase& database, Reach reach = Reach::LegalStaff) : m_database(database), m_sql(database), m_reach(reach) {}

    Result<CaseRecord> load(const QUuid& caseId);

    // Creating: the A-Number step, then the case (with its respondent or claimant) or a tracking project.
    Result<ANumberLookup> lookUp(const ANumber& aNumber);
    // Values: CaseForms::newImmigrationCase()/newOtherCase() keys plus "category"; person: an existing
    // person's id, or null to create one from the values; project: a tracking project to link, or null.
    Result<CreatedRecord> createCase(const QVariantMap& values, const QUuid& existingPerson, const QUuid& projectToLink);
    Result<CreatedRecord> createTrackingProject(const QVariantMap& values);
    Result<void> linkProject(const QUuid& projectId, const QUuid& caseId);
    // Takes someone off the case (their own record stays): staff by user id and role, people by person id and role.
    Result<void> removeStaff(const QUuid& caseId, const QUuid& userId, const QString& role);
    Result<void> removePerson(const QUuid& caseId, const QUuid& personId, const QString& role);

    // Saves changed summary fields if the case is still at rowVersion; otherwise a Conflict naming who saved
    // it last. Returns the new row version.
    Result<qint64> saveSummary(const QUuid& caseId, qint64 rowVersion, const QVariantMap& changes);
    Result<qint64> transfer(const QUuid& caseId, const QUuid& officeId, const QString& reason, qint64 rowVersion);

    // Records edited in place, each under a row-version check like the case itself.
    enum class Editable { Hearing, Person };
    Result<QVariantMap> editableRow(Editable kind, const QUuid& id); // stored values, with "row_version"
    Result<void> updateRow(Editable kind, const QUuid& id, qint64 rowVersion, const QVariantMap& changes);

    Result<void> addNote(const QUuid& caseId, const QVariantMap& values);
    Result<void> addHearing(const QUuid& caseId, const QVariantMap& values);
    Result<void> addDeadline(const QUuid& caseId, const QVariantMap& values);
    // The deadlines the rules give for an event (values: CaseForms::deadlineEvent()), without writing; and
    // written, skipping those already there. Both carry each deadline's working.
    Result<RecordTable> previewDeadlines(const QUuid& caseId, const QVariantMap& event);
    Result<RecordTable> applyDeadlineRules(const QUuid& caseId, const QVariantMap& event);
    Result<void> completeDeadline(const QUuid& deadlineId);
    Result<void> addPerson(const QUuid& caseId, const QVariantMap& values);
    Result<void> addAlias(const QUuid& personId, const QVariantMap& values);
    Result<void> addAddress(const QUuid& personId, const QVariantMap& values);
    Result<void> addPhone(const QUuid& personId, const QVariantMap& values);
    Result<void> addApplication(const QUuid& caseId, const QVariantMap& values);
    Result<void> addVisa(const QUuid& caseId, const QVariantMap& values);
    Result<void> addDisclosure(const QUuid& caseId, const QVariantMap& values);
    Result<void> recordAFileLocation(const QString& aNumber, const QVariantMap& values);
    Result<void> logTime(const QUuid& caseId, const QVariantMap& values); // the signed-in user's own time
    Result<void> addStaff(const QUuid& caseId, const QVariantMap& values);
    Result<void> grantAccess(const QUuid& caseId, const QString& login);
    // Pinned cases travel in the user's offline copy with their documents (legal.case_pins, own pins only).
    Result<bool> isPinned(const QUuid& caseId);
    Result<void> setPinned(const QUuid& caseId, bool pinned);
    Result<void> revokeAccess(const QUuid& caseId, const QString& login);

private:
    QSqlDatabase& m_database;
    SqlSession m_sql;
    Reach m_reach;
};

} // namespace ocms
