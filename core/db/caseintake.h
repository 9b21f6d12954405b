#pragma once

#include "casereach.h"
#include "domain/anumber.h"
#include "models/caserecord.h"
#include "result.h"
#include "sqlsession.h"

namespace ocms {

// Opening cases: the A-Number step (cases, people and tracking projects already on record), the case with
// its respondent or claimant and its first staff member, a tracking project for a matter without an
// A-Number, and the link that lets a case take such a project over. As the signed-in user.
class CaseIntake
{
public:
    CaseIntake(QSqlDatabase& database, CaseReach reach) : m_database(database), m_sql(database), m_reach(reach) {}

    Result<ANumberLookup> lookUp(const ANumber& aNumber);
    // Values: CaseForms::newImmigrationCase()/newOtherCase() keys plus "category"; person: an existing
    // person's id, or null to create one from the values; project: a tracking project to link, or null.
    Result<CreatedRecord> createCase(const QVariantMap& values, const QUuid& existingPerson, const QUuid& projectToLink);
    Result<CreatedRecord> createTrackingProject(const QVariantMap& values);
    Result<void> linkProject(const QUuid& projectId, const QUuid& caseId);
    // A new person from a form's values (only the person's own columns are taken).
    Result<QUuid> insertPerson(const QVariantMap& values);

private:
    QSqlDatabase& m_database;
    SqlSession m_sql;
    CaseReach m_reach;
};

} // namespace ocms
