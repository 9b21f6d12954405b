#pragma once

#include "db/dropdowncatalog.h"
#include "db/sqlsession.h"
#include "models/recordtable.h"
#include "operationplan.h"
#include "result.h"

#include <QSqlDatabase>

namespace ocms {

// Operations plans of the signed-in user's office: the list, one plan with its teams, targets and points
// of contact, saving a plan whole (its parts replaced in one transaction) and a supervisor's approval.
// The server decides who may write (read-only officers are refused) and withdraws the approval of a
// changed plan. Blocking: use on a worker thread (OperationPlanService).
class OperationPlanRepository
{
public:
    explicit OperationPlanRepository(QSqlDatabase& database) : m_database(database), m_sql(database) {}

    // Number, Name, Starts, Ends, Teams, Contacts, Approval; newest first.
    Result<RecordTable> list();
    Result<OperationPlan> plan(const QUuid& operationId);
    // A new plan of the user's office starting today, its teams chosen when the user is on one.
    Result<OperationPlan> newPlan();
    // Active teams of the user's office ("CODE — Name").
    Result<QList<DropdownChoice>> teams();
    // Open leads of the given teams (of the office's teams when none), highest priority first.
    Result<QList<PlanTarget>> candidateTargets(const QList<QUuid>& teamIds, int limit = 300);
    // Stores the plan (new or changed); returns its id.
    Result<QUuid> save(const OperationPlan& plan);
    Result<void> approve(const QUuid& operationId);
    Result<PlanPermissions> permissions();

    // What a plan needs before it is sent (the server checks again): one message, empty when none.
    static QString problem(const OperationPlan& plan);

private:
    QSqlDatabase& m_database;
    SqlSession m_sql;
};

} // namespace ocms
